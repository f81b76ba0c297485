"""A form restored after a crash does not silently overwrite what someone saved since (live office).

The autosave keeps the revision the form was loaded from; a newer one stored meanwhile
(another PC, the same clerk elsewhere) is shown as soon as the restored form opens, as an
open form is told of a newer revision (ui/editor/live.py): who saved it, the difference, the
typing kept — not first when Kaydet is refused. An autosave written before the revision was
kept still restores, and the form says its revision is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import autosave, capture
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.editor.recovery import ask_recovery
from tests.conftest import member_admission, save_from_another_pc
from tests.ui.conftest import MessageMock, wait_idle
from tests.ui.editor_filler import leave, open_form, type_line  # noqa: F401  (open_form: fixture)


@pytest.fixture
def restore(
    qtbot: Any, store: Store, make_ctx: Callable[[str], AppContext], message_mock: MessageMock
) -> Iterator[Callable[[], EntryEditor]]:
    """``restore()``: ayse signs in again, answers «Geri yükle», and gets the one restored form."""
    opened: list[EntryEditor] = []

    def restore_() -> EntryEditor:
        ctx = make_ctx("ayse")
        message_mock.answers.append("Geri yükle")
        assert ask_recovery(ctx, None, autosave.pending(store, ctx.require_actor())) == 1
        message_mock.shown.clear()  # the recovery question itself
        editors = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, EntryEditor) and w.isVisible() and w not in opened
        ]
        assert len(editors) == 1
        opened.append(editors[0])
        qtbot.waitUntil(lambda: editors[0].is_loaded, timeout=10_000)
        return editors[0]

    yield restore_
    for editor in opened:
        if shiboken6.isValid(editor):
            editor._closing_confirmed = True
            editor.close()


def typed_then_crashed(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    actor: Actor,
    cooperative_id: str,
    decision_no: str,
) -> entries.Entry:
    """A saved entry whose form ``actor`` typed ``decision_no`` into, autosaved; then the program dies.

    The form is gone without a question; its scratch copy stays.
    """
    entry = capture.create_entry(store, actor, "member.admit", cooperative_id, member_admission(1))
    editor = open_form(actor.username, entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    type_line(qtbot, edit, decision_no)
    leave(qtbot, edit)
    qtbot.waitUntil(
        lambda: [a.payload.get("decision_no") for a in autosave.pending(store, actor)] == [decision_no]
    )
    wait_idle(qtbot, editor.ctx.worker)
    editor._closing_confirmed = True
    editor.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or editor.isHidden())
    return entry


def test_a_restored_form_says_at_once_that_a_revision_was_stored_since_keeping_the_typing(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    restore: Callable[[], EntryEditor],
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    message_mock: MessageMock,
) -> None:
    actor = people["ayse"]
    entry = typed_then_crashed(qtbot, store, open_form, actor, cooperatives[1]["id"], "2015/99")
    (kept,) = autosave.pending(store, actor)
    assert kept.entry_uuid == entry.uuid and kept.loaded_revision == 1
    assert autosave.REVISION_KEY not in kept.payload

    # Meanwhile ayse saves the same entry on another PC: revision 2.
    save_from_another_pc(
        store, people["ayse"], entry.uuid, member_admission(1, decision_no="2015/15"), loaded_revision=1
    )

    restored = restore()
    restored_edit = restored.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    assert restored_edit.text() == "2015/99"
    # Before any Kaydet (before, the clerk learnt it only when the save was refused): the bar says
    # who saved what since, and the form goes on from revision 2 keeping the typing.
    qtbot.waitUntil(lambda: not restored.changed_banner.isHidden(), timeout=5000)
    text = restored.changed_banner.text()
    assert "ayse" in text and "2. sürüm" in text and "Karar No: 2015/15 → 2015/99" in text
    assert restored.loaded_revision == 2
    # The newer revision is intact and the typing is still in the form (and in its scratch copy).
    stored = entries.get_entry(store, entry.uuid)
    assert stored.revision == 2 and stored.payload["decision_no"] == "2015/15"
    assert restored_edit.text() == "2015/99" and restored.is_dirty()
    wait_idle(qtbot, restored.ctx.worker)
    assert [a.payload.get("decision_no") for a in autosave.pending(store, actor)] == ["2015/99"]

    # Having seen the difference, Kaydet puts the typing over revision 2 knowingly.
    restored.save_button.click()
    qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).revision == 3, timeout=5000)
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] == "2015/99"
    assert message_mock.shown == []
    wait_idle(qtbot, restored.ctx.worker)
    assert autosave.pending(store, actor) == []


def test_a_form_autosaved_before_the_revision_was_kept_restores_and_says_its_revision_is_unknown(
    qtbot: Any,
    store: Store,
    restore: Callable[[], EntryEditor],
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    message_mock: MessageMock,
) -> None:
    actor = people["ayse"]
    entry = capture.create_entry(store, actor, "member.admit", cooperatives[1]["id"], member_admission(1))
    # A scratch copy as the program wrote it before it kept the revision: the values alone.
    autosave.save(
        store,
        actor,
        "eski-form",
        type_id="member.admit",
        cooperative=entry.cooperative,
        entry_uuid=entry.uuid,
        payload={**entry.payload, "decision_no": "2015/98"},
    )
    (old,) = autosave.pending(store, actor)
    assert old.loaded_revision is None and old.revision_unknown

    restored = restore()
    assert restored.rows["decision_no"].widget.edit.text() == "2015/98"  # type: ignore[attr-defined]
    assert restored.loaded_revision is None
    assert "hangi sürümün üzerine yazıldığı bilinmiyor" in restored.status.text()
    restored.save_button.click()
    qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).revision == 2, timeout=5000)
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] == "2015/98"
    assert message_mock.shown == []


@pytest.mark.parametrize("answer", ["Kopyayı sil", "Sakla"])
def test_a_restored_form_of_an_entry_approved_since_says_so_and_asks_before_keeping_its_copy(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    restore: Callable[[], EntryEditor],
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    message_mock: MessageMock,
    answer: str,
) -> None:
    # The typing can no longer be saved (the entry was submitted and approved meanwhile). It
    # used to come back at every sign-in without a word; now the form says why it is read-only,
    # shows the typing, and closing it asks whether the copy goes.
    from koopbis_desktop.services import review

    actor = people["ayse"]
    entry = typed_then_crashed(qtbot, store, open_form, actor, cooperatives[1]["id"], "2015/98")
    capture.submit_entry(store, people["ayse"], entry.uuid)
    review.approve_entry(store, people["sef"], entry.uuid)

    restored = restore()
    assert restored.read_only
    assert restored.rows["decision_no"].widget.edit.text() == "2015/98"  # type: ignore[attr-defined]
    assert restored.status.text().startswith(
        "Otomatik kaydedilmiş form geri yüklendi, ama bu kayıt artık düzeltilemez: "
    )
    worker = restored.ctx.worker
    message_mock.answers.append(answer)
    restored.close()
    question = message_mock.getmsg()
    assert question.title == "Kaydedilemeyen form"
    assert question.choices == ("Kopyayı sil", "Sakla")
    qtbot.waitUntil(lambda: not shiboken6.isValid(restored) or restored.isHidden())
    wait_idle(qtbot, worker)
    left = [a.payload.get("decision_no") for a in autosave.pending(store, actor)]
    assert left == ([] if answer == "Kopyayı sil" else ["2015/98"])
    # The approved entry is as approved: nothing of the copy reached it.
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] != "2015/98"
