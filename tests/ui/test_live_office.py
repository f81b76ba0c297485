"""The live office in the desktop: other PCs' writes refresh the lists, open editors are shown,
and a save over someone else's newer revision is refused with the difference shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.store import entries, pg, presence
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext, Hub
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.live_office import LiveOffice, start_live_office
from koopbis_desktop.ui.models.entries import COL_STATE
from koopbis_desktop.ui.pages.queue import PRESET_BY_KEY, QueuePage
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import PASSWORD, member_admission, reopen, save_from_another_pc
from tests.ui.conftest import MessageMock, wait_idle
from tests.ui.editor_filler import leave, open_form, type_line  # noqa: F401  (open_form: fixture)

ON_OFFICE = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
ON_BOTH = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


# The conftest's worker and context open the store's file; these open either engine.
@pytest.fixture
def worker(store: Store, qapp: Any, tmp_path: Path) -> Iterator[DbWorker]:
    w = DbWorker(store.location, tmp_path / "backups", key=store.key)
    w.start()
    yield w
    w.stop()


@pytest.fixture
def make_ctx(
    store: Store, worker: DbWorker, people: dict[str, Actor], tmp_path: Path
) -> Callable[[str], AppContext]:
    def make(username: str) -> AppContext:
        location = store.location
        return AppContext(
            location=location,
            backups_dir=tmp_path / "backups",
            worker=worker,
            hub=Hub(),
            actor=people[username],
            province_code="06",
            settings={},
            full_name=username,
        )

    return make


@pytest.fixture
def coop(cooperatives: list[dict[str, Any]]) -> str:
    return str(cooperatives[1]["id"])


@contextmanager
def another_pc(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A second connection that the office announces as another PC's (this process ignores its own)."""
    other = reopen(store)
    with monkeypatch.context() as patch:
        patch.setattr(pg, "ORIGIN", "PC-3:4242:baska-pc")
        try:
            yield other
        finally:
            other.close()


@ON_OFFICE
def test_a_write_on_another_pc_shows_in_the_open_queue_within_two_seconds_keeping_the_selection(
    qtbot: Any,
    store: Store,
    make_ctx: Callable[[str], AppContext],
    people: dict[str, Actor],
    coop: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ayse = people["ayse"]
    first = capture.create_entry(store, ayse, "member.admit", coop, member_admission(1))
    second = capture.create_entry(store, ayse, "member.admit", coop, member_admission(2))
    ctx = make_ctx("sef")
    page = QueuePage(ctx, PRESET_BY_KEY["all"])
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    # The supervisor selects the older entry (the second row: newest first).
    row = page.model.row_of(first.uuid)
    assert row == 1
    chosen = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().setCurrentIndex(page.model.index(row, 0), chosen)
    assert page.selected_entry() is not None and page.selected_entry().uuid == first.uuid  # type: ignore[union-attr]
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [row]

    live = LiveOffice(store.location, ctx.hub)  # type: ignore[arg-type]
    live.start()
    try:
        qtbot.waitUntil(lambda: live.listener.listening, timeout=5000)
        with another_pc(store, monkeypatch) as pc3:
            third = capture.create_entry(pc3, people["mehmet"], "member.admit", coop, member_admission(3))
        qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=2000)
        assert page.model.row_of(third.uuid) == 0
        # The supervisor's entry stays selected, now one row lower.
        selected = page.selected_entry()
        assert selected is not None and selected.uuid == first.uuid
        rows = [page.model.entry_at(i.row()) for i in page.table.selectionModel().selectedRows()]
        assert [r.uuid for r in rows if r is not None] == [first.uuid]

        # ayse opens the newest entry in an editor on PC-3: the list says so within two seconds.
        with another_pc(store, monkeypatch) as pc3:
            presence.claim(pc3, second.uuid, "ayse", "PC-3")

        def state_text() -> str:
            index = page.model.index(page.model.row_of(second.uuid) or 0, COL_STATE)
            return str(page.model.data(index))

        qtbot.waitUntil(lambda: "düzenleniyor: ayse (PC-3)" in state_text(), timeout=2000)
        assert page.selected_entry() is not None and page.selected_entry().uuid == first.uuid  # type: ignore[union-attr]
        with another_pc(store, monkeypatch) as pc3:
            presence.release(pc3, second.uuid, "ayse", "PC-3")
        qtbot.waitUntil(lambda: "düzenleniyor" not in state_text(), timeout=2000)
    finally:
        live.stop()
    wait_idle(qtbot, ctx.worker)


@ON_BOTH
def test_the_editor_marks_its_entry_as_being_edited_and_shows_who_else_is(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    qtbot.waitUntil(lambda: entry.uuid in presence.live(store))
    mine = presence.live(store)[entry.uuid]
    assert (mine.username, mine.host) == ("ayse", presence.THIS_HOST)
    assert editor.presence_banner.isHidden()  # one's own claim is no news

    # mehmet's editor on PC-3 opens the same entry: his claim does not take it over.
    other = reopen(store)
    try:
        assert presence.claim(other, entry.uuid, "mehmet", "PC-3").username == "ayse"
    finally:
        other.close()

    # The other way round: ayse's editor finds mehmet's live claim and says so above the form.
    presence.release(store, entry.uuid, "ayse", presence.THIS_HOST)
    presence.claim(store, entry.uuid, "mehmet", "PC-3")
    assert editor.claim is not None
    editor.claim.beat()
    qtbot.waitUntil(lambda: not editor.presence_banner.isHidden())
    assert "mehmet" in editor.presence_banner.text() and "PC-3" in editor.presence_banner.text()

    presence.release(store, entry.uuid, "mehmet", "PC-3")
    editor.claim.beat()
    qtbot.waitUntil(editor.presence_banner.isHidden)
    editor.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or editor.isHidden())
    qtbot.waitUntil(lambda: entry.uuid not in presence.live(store))


@ON_BOTH
def test_a_save_over_a_newer_revision_is_refused_with_the_difference_and_the_typing_kept(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
    message_mock: MessageMock,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    type_line(qtbot, edit, "2015/99")
    leave(qtbot, edit)

    # Meanwhile ayse saves the same entry from another PC.
    save_from_another_pc(
        store, people["ayse"], entry.uuid, member_admission(1, decision_no="2015/15"), loaded_revision=1
    )

    editor.save_button.click()
    qtbot.waitUntil(lambda: bool(message_mock.shown), timeout=5000)
    shown = message_mock.getmsg(messages.Level.WARNING)
    assert shown.title == "Kayıt siz düzenlerken değişti"
    assert "ayse" in shown.text and "yeniden kaydetti" in shown.text and "sürüm 2" in shown.text
    assert "Karar No: 2015/15 → 2015/99" in shown.informative
    assert "Kaydedilmedi" in editor.status.text()
    # Nothing of the other save was lost, and nothing typed here either.
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] == "2015/15"
    assert edit.text() == "2015/99"
    assert editor.is_dirty()

    # The form now goes on from revision 2: saving again puts the typed value over it knowingly.
    qtbot.waitUntil(lambda: editor.entry is not None and editor.entry.revision == 2)
    wait_idle(qtbot, editor.ctx.worker)
    editor.save_button.click()
    qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).revision == 3, timeout=5000)
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] == "2015/99"
    assert len(message_mock.shown) == 1


@ON_BOTH
def test_live_updates_start_only_for_an_office_database(
    qtbot: Any, store: Store, make_ctx: Callable[[str], AppContext], engine: str
) -> None:
    ctx = make_ctx("sef")
    live = start_live_office(ctx)
    if engine == "sqlite":
        assert live is None  # a file on this PC: every write is this program's own
        return
    assert live is not None
    try:
        qtbot.waitUntil(lambda: live.listener.listening, timeout=5000)
        assert live.running
    finally:
        live.stop()
    assert not live.running and not live.listener.connected


@ON_BOTH
def test_the_status_bars_counts_say_whose_entries_they_count(
    qtbot: Any, engine: str, store: Store, make_ctx: Callable[[str], AppContext], people: dict[str, Actor]
) -> None:
    """On an office database "İade edildi: 3" counts every PC's entries, not the clerk's own: said so."""
    from koopbis_desktop.ui.mainwindow import MainWindow

    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "Taslak:" in window.counts_label.text(), timeout=5000)
    text = window.counts_label.text()
    if engine == "postgresql":
        assert text.startswith("Ofisteki kayıtlar (bütün bilgisayarlar) — Taslak: ")
    else:
        assert text.startswith("Yerel kayıtlar — Taslak: ")


@ON_BOTH
def test_the_banner_and_the_empty_cooperative_list_say_where_the_entries_are_kept(
    qtbot: Any, engine: str, store: Store, make_ctx: Callable[[str], AppContext]
) -> None:
    """On an office database the entries and the cooperative list are in the office's database,
    not "bu bilgisayarda": a clerk told they are on this PC would not look for them on another."""
    from koopbis_desktop.ui.mainwindow import MainWindow
    from koopbis_desktop.ui.pages.cooperatives import CooperativesPage

    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "güvenle saklanıyor" in window.banner.text(), timeout=5000)
    page = CooperativesPage(make_ctx("sef"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.results_stack.currentWidget() is page.empty_state, timeout=5000)
    if engine == "postgresql":
        assert "Kayıtlarınız ofis veritabanında güvenle saklanıyor" in window.banner.text()
        assert "ofis veritabanına KOOP-BİS'in kooperatif listesi henüz yüklenmedi" in page.empty_label.text()
        assert "bilgisayar" not in window.banner.text() + page.empty_label.text()
    else:
        assert "Kayıtlarınız bu bilgisayarda güvenle saklanıyor" in window.banner.text()
        assert "bu bilgisayara KOOP-BİS'in kooperatif listesi henüz yüklenmedi" in page.empty_label.text()


@ON_OFFICE
def test_closing_an_account_on_another_pc_locks_its_open_window_at_once(
    qtbot: Any,
    store: Store,
    make_ctx: Callable[[str], AppContext],
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ayşe only reads (no change to refuse): the administrator closing her account on another
    PC locks her window within seconds, saying why; another account's change does not."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from koopbis_desktop.services import accounts
    from koopbis_desktop.ui.mainwindow import MainWindow

    ctx = make_ctx("ayse")
    heard: list[bool] = []
    ctx.hub.users_changed.connect(lambda: heard.append(True))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    live = window.live_office
    assert live is not None
    qtbot.waitUntil(lambda: live.listener.listening, timeout=5000)

    with another_pc(store, monkeypatch) as pc3:
        accounts.disable_user(pc3, people["admin"], "mehmet")
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    wait_idle(qtbot, ctx.worker)
    assert window.lock_dialog is None and window.centre.isVisible()  # someone else's account

    with another_pc(store, monkeypatch) as pc3:
        accounts.disable_user(pc3, people["admin"], "ayse")
    qtbot.waitUntil(lambda: window.lock_dialog is not None and window.lock_dialog.isVisible(), timeout=5000)
    lock = window.lock_dialog
    assert lock is not None and lock.account_closed and not window.centre.isVisible()  # nothing readable
    assert any("yönetici tarafından kapatıldı" in label.text() for label in lock.findChildren(QLabel))
    wait_idle(qtbot, ctx.worker)

    # Opened again, then closed again while her window is locked for idleness: the lock now says why.
    with another_pc(store, monkeypatch) as pc3:
        accounts.enable_user(pc3, people["admin"], "ayse")
    qtbot.keyClicks(lock.password_edit, PASSWORD)
    qtbot.keyClick(lock.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lock_dialog is None and window.centre.isVisible(), timeout=10_000)
    window.lock()  # as the idle watcher does
    idle_lock = window.lock_dialog
    assert idle_lock is not None and not idle_lock.account_closed
    with another_pc(store, monkeypatch) as pc3:
        accounts.disable_user(pc3, people["admin"], "ayse")
    qtbot.waitUntil(
        lambda: window.lock_dialog is not None and window.lock_dialog.account_closed, timeout=5000
    )
    assert (
        window.lock_dialog is not idle_lock
        and window.lock_dialog.isVisible()
        and not window.centre.isVisible()
    )
    wait_idle(qtbot, ctx.worker)


def _open_review(qtbot: Any, ctx: AppContext, entry_uuid: str) -> Any:
    from koopbis_desktop.ui.review import ReviewDialog

    dialog = ReviewDialog(ctx, entry_uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=5000)
    return dialog


@ON_OFFICE
def test_an_open_review_follows_its_entry_withdrawn_on_another_pc_keeping_the_comment(
    qtbot: Any,
    store: Store,
    make_ctx: Callable[[str], AppContext],
    people: dict[str, Actor],
    coop: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The supervisor reviews an entry while its clerk withdraws it on PC-3: Onayla / İade et turn
    off within seconds and the dialog says what happened and what to do; the comment typed stays."""
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    ctx = make_ctx("sef")
    dialog = _open_review(qtbot, ctx, entry.uuid)
    assert dialog.approve_button.isEnabled() and dialog.return_button.isEnabled()
    dialog.comment.setPlainText("Karar numarası yanlış.")

    live = LiveOffice(store.location, ctx.hub)  # type: ignore[arg-type]
    live.start()
    try:
        qtbot.waitUntil(lambda: live.listener.listening, timeout=5000)
        with another_pc(store, monkeypatch) as pc3:
            capture.withdraw_entry(pc3, people["ayse"], entry.uuid)
        qtbot.waitUntil(lambda: not dialog.approve_button.isEnabled(), timeout=3000)
    finally:
        live.stop()
    wait_idle(qtbot, ctx.worker)
    assert not dialog.return_button.isEnabled()
    text = dialog.status.text()
    assert "siz incelerken değişti" in text and "Geri çekildi" in text and "ayse" in text
    assert dialog.comment.toPlainText() == "Karar numarası yanlış."
    assert entries.get_entry(store, entry.uuid).state == "withdrawn"


@ON_BOTH
def test_approve_in_a_review_opened_on_an_older_revision_is_refused_and_shows_the_new_one(
    qtbot: Any,
    store: Store,
    make_ctx: Callable[[str], AppContext],
    people: dict[str, Actor],
    coop: str,
) -> None:
    """Four eyes: the supervisor approves what they read. Another supervisor returned the entry and
    its clerk resubmitted a new revision while this review stayed open (no notification heard):
    Onayla must not approve the revision nobody here has read."""
    from koopbis_desktop.services import review as review_service

    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    ctx = make_ctx("sef")
    dialog = _open_review(qtbot, ctx, entry.uuid)
    assert dialog.details is not None and dialog.details.entry.revision == 1

    other = reopen(store)
    try:
        review_service.return_entry(other, people["sef2"], entry.uuid, "Karar no yanlış")
        capture.edit_entry(
            other, people["ayse"], entry.uuid, member_admission(1, decision_no="2015/77"), loaded_revision=1
        )
        capture.submit_entry(other, people["ayse"], entry.uuid)
    finally:
        other.close()

    dialog.approve_button.click()
    qtbot.waitUntil(lambda: dialog.details is not None and dialog.details.entry.revision == 2, timeout=5000)
    wait_idle(qtbot, ctx.worker)
    stored = entries.get_entry(store, entry.uuid)
    assert stored.state == "submitted" and stored.approver is None
    assert "değişti" in dialog.status.text() and "sürüm 2" in dialog.status.text()
    assert dialog.isVisible()
    # Having read revision 2, the supervisor approves it.
    dialog.approve_button.click()
    qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).state == "approved", timeout=5000)


@ON_BOTH
def test_a_save_after_the_entry_was_approved_elsewhere_turns_the_form_read_only_saying_what_to_do(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
    message_mock: MessageMock,
) -> None:
    """Ayşe corrects her draft on this PC while, on another, it was sent for approval and approved.
    Before, Kaydet failed with 'düzenleme yapılamaz' and the form stayed open for typing that could
    never be saved, each Kaydet failing again, with no word of what to do."""
    from koopbis_desktop.services import autosave
    from koopbis_desktop.services import review as review_service

    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    type_line(qtbot, edit, "2015/99")
    leave(qtbot, edit)

    other = reopen(store)
    try:
        capture.submit_entry(other, people["ayse"], entry.uuid)
        review_service.approve_entry(other, people["sef"], entry.uuid)
    finally:
        other.close()

    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.read_only and bool(message_mock.shown), timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    shown = message_mock.getmsg(messages.Level.WARNING)
    assert shown.title == "Kayıt siz düzenlerken değişti"
    assert "Onaylandı" in shown.text and "sef" in shown.text and "iade etmesini isteyin" in shown.text
    assert "Karar No: 2015/14 → 2015/99" in shown.informative
    assert "Kaydedilmedi" in editor.status.text() and "Onaylandı" in editor.status.text()
    # Nothing saved over the approved entry; what was typed stays on screen and in the autosave.
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] == "2015/14"
    assert edit.text() == "2015/99"
    assert not editor.save_button.isEnabled() and not editor.read_only_banner.isHidden()
    kept = [a for a in autosave.pending(store, people["ayse"]) if a.entry_uuid == entry.uuid]
    assert [a.payload.get("decision_no") for a in kept] == ["2015/99"]
    # The lists no longer say ayse is editing an approved entry.
    qtbot.waitUntil(lambda: entry.uuid not in presence.live(store), timeout=5000)


@ON_BOTH
def test_a_job_apart_reads_the_same_database_on_either_engine(
    qtbot: Any, worker: DbWorker, store: Store
) -> None:
    # An export reads on a connection of its own: on the office database too, with the
    # worker's address and role password.
    answers: list[object] = []
    worker.submit_apart(lambda s: (s.setting("province_code"), s.read_only), answers.append)
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=10_000)
    assert answers == [("06", True)]


@ON_BOTH
def test_yedek_al_is_offered_for_a_pcs_own_file_not_for_the_office_database(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store
) -> None:
    # The office database is backed up on its server by its IT (and `koopbis backup`, whose
    # copy is encrypted for the taker's password); a PC's "Yedek al" is for its own file.
    from koopbis_desktop.ui.mainwindow import MainWindow

    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    assert window.data_actions.backup_action.isVisible() is (store.dialect.name == "sqlite")
    window.close()


# -- the open editor hears its entry change elsewhere, before Kaydet ---------------------------


@contextmanager
def listening(qtbot: Any, store: Store, ctx: AppContext) -> Iterator[LiveOffice]:
    live = LiveOffice(store.location, ctx.hub)  # type: ignore[arg-type]
    live.start()
    try:
        qtbot.waitUntil(lambda: live.listener.listening, timeout=5000)
        yield live
    finally:
        live.stop()


def _kept_in_autosave(store: Store, actor: Actor, entry_uuid: str) -> list[Any]:
    from koopbis_desktop.services import autosave

    return [
        a.payload.get("decision_no") for a in autosave.pending(store, actor) if a.entry_uuid == entry_uuid
    ]


@ON_OFFICE
def test_the_open_editor_says_at_once_that_its_entry_was_approved_on_another_pc_keeping_the_typing(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
    message_mock: MessageMock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, the form learnt it only when Kaydet was pressed, after minutes of typing."""
    from koopbis_desktop.services import review as review_service

    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    with listening(qtbot, store, editor.ctx):
        type_line(qtbot, edit, "2015/99")
        with another_pc(store, monkeypatch) as pc3:
            capture.submit_entry(pc3, people["ayse"], entry.uuid)
            review_service.approve_entry(pc3, people["sef"], entry.uuid)
        qtbot.waitUntil(lambda: editor.read_only and not editor.changed_banner.isHidden(), timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    text = editor.changed_banner.text()
    assert "Onaylandı" in text and "sef" in text and "iade etmesini isteyin" in text
    assert "Karar No: 2015/14 → 2015/99" in text
    assert not message_mock.shown  # a bar, not a box popping up under the typing
    # Nothing saved over the approved entry; the typing stays on screen and in the autosave.
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] == "2015/14"
    assert edit.text() == "2015/99"
    assert _kept_in_autosave(store, people["ayse"], entry.uuid) == ["2015/99"]
    assert not editor.save_button.isEnabled()
    qtbot.waitUntil(lambda: entry.uuid not in presence.live(store), timeout=5000)

    # As the bar says, she asks the supervisor, who returns it: the same form opens for the
    # correction with her typing still in it, and Kaydet stores it — nothing typed twice.
    with listening(qtbot, store, editor.ctx):
        with another_pc(store, monkeypatch) as pc3:
            review_service.return_entry(pc3, people["sef"], entry.uuid, "Düzeltmeyi kaydedin.")
        qtbot.waitUntil(lambda: not editor.read_only, timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert edit.text() == "2015/99" and editor.save_button.isEnabled()
    assert "Düzeltmeyi kaydedin." in editor.comment_banner.text()
    editor.save_button.click()
    qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).state == "draft", timeout=5000)
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] == "2015/99"
    assert not message_mock.shown


@ON_OFFICE
def test_the_open_editor_shows_at_once_a_newer_revision_saved_on_another_pc_and_what_differs(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
    message_mock: MessageMock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    with listening(qtbot, store, editor.ctx):
        type_line(qtbot, edit, "2015/99")
        with another_pc(store, monkeypatch) as pc3:
            capture.edit_entry(
                pc3, people["ayse"], entry.uuid, member_admission(1, decision_no="2015/15"), loaded_revision=1
            )
        qtbot.waitUntil(lambda: not editor.changed_banner.isHidden(), timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    text = editor.changed_banner.text()
    assert "ayse" in text and "2. sürüm" in text and "Karar No: 2015/15 → 2015/99" in text
    assert edit.text() == "2015/99" and editor.is_dirty() and not editor.read_only
    assert _kept_in_autosave(store, people["ayse"], entry.uuid) == ["2015/99"]
    assert not message_mock.shown
    # Having seen what differs, Kaydet puts the typing over revision 2, as after a refused save.
    editor.save_button.click()
    qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).revision == 3, timeout=5000)
    assert entries.get_entry(store, entry.uuid).payload["decision_no"] == "2015/99"
    assert not message_mock.shown
    qtbot.waitUntil(editor.changed_banner.isHidden)


@ON_OFFICE
def test_an_untouched_open_editor_takes_a_newer_revision_saved_on_another_pc(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
    message_mock: MessageMock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nothing typed here: the form shows the newer values (nothing of anyone's is lost)."""
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    with listening(qtbot, store, editor.ctx):
        with another_pc(store, monkeypatch) as pc3:
            capture.edit_entry(
                pc3, people["ayse"], entry.uuid, member_admission(1, decision_no="2015/15"), loaded_revision=1
            )
        qtbot.waitUntil(lambda: edit.text() == "2015/15", timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.loaded_revision == 2 and not editor.is_dirty()
    assert "2. sürüm" in editor.changed_banner.text() and not editor.changed_banner.isHidden()
    assert not message_mock.shown


@ON_OFFICE
def test_a_read_only_editor_opens_for_correction_when_the_supervisor_returns_it_on_another_pc(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from koopbis_desktop.services import review as review_service

    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    editor = open_form("ayse", entry_uuid=entry.uuid)
    assert editor.read_only
    with listening(qtbot, store, editor.ctx):
        with another_pc(store, monkeypatch) as pc3:
            review_service.return_entry(pc3, people["sef"], entry.uuid, "Karar numarası yanlış.")
        qtbot.waitUntil(lambda: not editor.read_only, timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert "Karar numarası yanlış." in editor.comment_banner.text() and not editor.comment_banner.isHidden()
    assert editor.comment_banner.text().startswith("Şef iade notu — Şükrü Öztürk (sef), ")
    text = editor.changed_banner.text()
    assert "sef" in text and "iade etti" in text and not editor.changed_banner.isHidden()
    assert editor.save_button.isEnabled() and editor.read_only_banner.isHidden()
    qtbot.waitUntil(lambda: entry.uuid in presence.live(store), timeout=5000)


@ON_BOTH
def test_the_open_editor_hears_its_entry_withdrawn_from_another_window_of_this_pc(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
    message_mock: MessageMock,
) -> None:
    """One PC: the clerk withdraws the entry from the queue while its form is open and typed in."""
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    type_line(qtbot, edit, "2015/99")
    ayse = people["ayse"]
    editor.ctx.worker.submit(lambda s: capture.withdraw_entry(s, ayse, entry.uuid))  # the queue's job
    qtbot.waitUntil(lambda: editor.read_only and not editor.changed_banner.isHidden(), timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert "Geri çekildi" in editor.changed_banner.text() and "ayse" in editor.changed_banner.text()
    assert edit.text() == "2015/99"
    assert _kept_in_autosave(store, ayse, entry.uuid) == ["2015/99"]
    assert not message_mock.shown


@ON_BOTH
def test_the_open_editor_checks_its_entry_again_when_its_window_is_activated(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
    message_mock: MessageMock,
) -> None:
    """A change nobody announces here (the koopbis CLI on the same file, a PC whose notification was
    lost) is found when the clerk comes back to the form."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    type_line(qtbot, edit, "2015/99")
    other = reopen(store)
    try:
        capture.withdraw_entry(other, people["ayse"], entry.uuid)
    finally:
        other.close()
    QApplication.sendEvent(editor, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: editor.read_only and not editor.changed_banner.isHidden(), timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert "Geri çekildi" in editor.changed_banner.text()
    assert edit.text() == "2015/99"
    assert _kept_in_autosave(store, people["ayse"], entry.uuid) == ["2015/99"]


# -- a supervisor's return reaches the clerk ------------------------------------------------------


@ON_BOTH
def test_the_return_note_stays_on_the_clerks_queue_row_after_a_half_done_correction(
    qtbot: Any,
    store: Store,
    make_ctx: Callable[[str], AppContext],
    people: dict[str, Actor],
    coop: str,
) -> None:
    """Ayşe saved part of the correction (the entry is a draft again, not yet resubmitted): the
    form still shows the supervisor's note, but the list hid it — the next morning her row was a
    plain draft with nothing saying what was left to fix."""
    from koopbis_desktop.services import review as review_service

    ayse = people["ayse"]
    entry = capture.create_entry(store, ayse, "member.admit", coop, member_admission(1))
    capture.submit_entry(store, ayse, entry.uuid)
    review_service.return_entry(store, people["sef"], entry.uuid, "Karar numarası ve pay adedi yanlış.")
    capture.edit_entry(store, ayse, entry.uuid, member_admission(1, decision_no="2015/20"), loaded_revision=1)

    page = QueuePage(make_ctx("ayse"), PRESET_BY_KEY["drafts"])
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    chosen = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().setCurrentIndex(page.model.index(0, 0), chosen)
    qtbot.waitUntil(page.comment_label.isVisible)
    assert "iade notu" in page.comment_label.text()
    assert "Karar numarası ve pay adedi yanlış." in page.comment_label.text()
    tip = page.model.data(page.model.index(0, COL_STATE), Qt.ItemDataRole.ToolTipRole)
    assert "Karar numarası ve pay adedi yanlış." in str(tip)
    wait_idle(qtbot, page.ctx.worker)


def test_the_queue_row_names_koopbis_not_the_supervisor_for_a_refusal() -> None:
    """The list under the row said "KOOP-BİS'in iade notu", its tooltip "Şefin notu" for the same note."""
    import uuid as uuidlib

    from koopbis_desktop.domain.lifecycle import State
    from koopbis_desktop.services.queries import EntryRow
    from koopbis_desktop.ui.models.entries import EntryTableModel
    from sync.settle import REFUSAL_PREFIX

    row = EntryRow(
        uuid=str(uuidlib.uuid4()),
        type="member.admit",
        type_label="Ortaklığa giriş",
        cooperative="06-000001",
        cooperative_title="Işık Konut Yapı Kooperatifi",
        state=State.RETURNED,
        state_label="İade edildi",
        author="ayse",
        approver=None,
        effective_date="2015-02-01",
        updated_at="2015-03-01T10:00:00+00:00",
        receipt=None,
        comment=REFUSAL_PREFIX + "Karar No: geçersiz",
        has_errors=False,
        has_warnings=False,
        revision=1,
    )
    tip = EntryTableModel._tooltip(row, COL_STATE) or ""
    assert "KOOP-BİS" in tip and "Karar No: geçersiz" in tip and "Şef" not in tip


@ON_OFFICE
def test_the_clerks_window_says_at_once_that_the_supervisor_returned_her_entry_with_the_note(
    qtbot: Any,
    store: Store,
    make_ctx: Callable[[str], AppContext],
    people: dict[str, Actor],
    coop: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, a return on the supervisor's PC reached the clerk only as a yellow row, if she happened
    to be looking at Taslaklarım; typing in a form or on another page, nothing told her."""
    from koopbis_desktop.services import review as review_service
    from koopbis_desktop.ui.mainwindow import MainWindow

    ayse, mehmet = people["ayse"], people["mehmet"]
    mine = capture.create_entry(store, ayse, "member.admit", coop, member_admission(1))
    capture.submit_entry(store, ayse, mine.uuid)
    his = capture.create_entry(store, mehmet, "member.admit", coop, member_admission(2))
    capture.submit_entry(store, mehmet, his.uuid)
    ctx = make_ctx("ayse")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    live = window.live_office
    assert live is not None
    qtbot.waitUntil(lambda: live.listener.listening, timeout=5000)
    window.show_page("new")  # she is recording something else, not looking at her drafts
    wait_idle(qtbot, ctx.worker)

    heard: list[bool] = []
    ctx.hub.changed.connect(lambda _changes: heard.append(True))
    with another_pc(store, monkeypatch) as pc3:
        review_service.return_entry(pc3, people["sef"], his.uuid, "Onun kaydı.")
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    wait_idle(qtbot, ctx.worker)
    assert "iade" not in window.statusBar().currentMessage()  # someone else's entry

    with another_pc(store, monkeypatch) as pc3:
        review_service.return_entry(pc3, people["sef"], mine.uuid, "Karar numarası yanlış.")
    qtbot.waitUntil(lambda: "Karar numarası yanlış." in window.statusBar().currentMessage(), timeout=5000)
    text = window.statusBar().currentMessage()
    number = entries.get_entry(store, mine.uuid).label
    assert "sef" in text and "iade etti" in text and number in text and "Taslaklarım" in text
    assert window.tray.last_message == text
    wait_idle(qtbot, ctx.worker)


@ON_OFFICE
def test_the_clerks_open_view_of_her_sent_entry_says_to_correct_it_when_it_is_returned_on_another_pc(
    qtbot: Any,
    store: Store,
    make_ctx: Callable[[str], AppContext],
    people: dict[str, Actor],
    coop: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ayşe reads her sent entry (read-only: it waits for approval) when the supervisor returns it.
    Before, the view told her what it tells a supervisor: "Artık onaylanamaz ya da iade edilemez;
    pencereyi kapatabilirsiniz" — actions she never had — and not that it was hers to correct."""
    from koopbis_desktop.services import review as review_service

    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    ctx = make_ctx("ayse")
    dialog = _open_review(qtbot, ctx, entry.uuid)
    with listening(qtbot, store, ctx):
        with another_pc(store, monkeypatch) as pc3:
            review_service.return_entry(pc3, people["sef"], entry.uuid, "Karar numarası yanlış.")
        qtbot.waitUntil(
            lambda: dialog.details is not None and dialog.details.entry.state == "returned", timeout=5000
        )
    wait_idle(qtbot, ctx.worker)
    text = dialog.status.text()
    assert "iade" in text and "sef" in text
    assert "onaylanamaz" not in text
    assert "Karar numarası yanlış." in text and "Taslaklarım" in text


@ON_BOTH
def test_a_newer_revision_holding_what_was_typed_is_said_to_lose_nothing(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
) -> None:
    """Another window of this PC saved the very values typed here: no list of differences, no
    "Kaydet'e basarsanız … üzerine kaydedilir" about nothing."""
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = editor.rows["decision_no"].widget.edit  # type: ignore[attr-defined]
    edit.clear()
    type_line(qtbot, edit, "2015/15")
    ayse, same = people["ayse"], member_admission(1, decision_no="2015/15")
    editor.ctx.worker.submit(lambda s: capture.edit_entry(s, ayse, entry.uuid, same, loaded_revision=1))
    qtbot.waitUntil(lambda: not editor.changed_banner.isHidden(), timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    text = editor.changed_banner.text()
    assert "aynı değerleri" in text and "→" not in text and "üzerine kaydedilir" not in text
    assert edit.text() == "2015/15" and editor.loaded_revision == 2


def _type_in_cell(qtbot: Any, group: Any, row: int, column: int, text: str) -> None:
    """F2 on the cell, select what it holds and type over it, leaving the cell editor open."""
    from PySide6.QtCore import Qt as _Qt

    from tests.ui.editor_filler import cell_editor, type_text

    group.table.setFocus()
    group.table.setCurrentCell(row, column)
    qtbot.keyClick(group.table, _Qt.Key.Key_F2)
    editor = cell_editor(group.table)
    qtbot.keyClick(editor, _Qt.Key.Key_A, _Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, editor, text)


@ON_BOTH
def test_news_keeps_a_table_cell_being_typed_open_or_its_text_when_the_form_turns_read_only(
    qtbot: Any,
    store: Store,
    open_form: Callable[..., EntryEditor],  # noqa: F811
    people: dict[str, Actor],
    coop: str,
) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    from koopbis_desktop.services import autosave

    editor = open_form("ayse", type_id="board.replace", cooperative=coop)
    board = editor.rows["board"].widget
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.entry is not None, timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.entry is not None
    key, ayse = editor.entry.uuid, people["ayse"]

    # A newer revision saved in another window while a cell is being typed: the cell stays open.
    _type_in_cell(qtbot, board, 0, 1, "Işıl")
    payload = dict(entries.get_entry(store, key).payload)
    editor.ctx.worker.submit(lambda s: capture.edit_entry(s, ayse, key, payload, allow_errors=True))
    qtbot.waitUntil(lambda: not editor.changed_banner.isHidden(), timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert board.table.state() == QAbstractItemView.State.EditingState  # type: ignore[attr-defined]
    from tests.ui.editor_filler import cell_editor, type_text

    type_text(qtbot, cell_editor(board.table), " İnce")  # type: ignore[attr-defined]

    # Withdrawn there while the cell is still open: the form turns read-only keeping the cell's text.
    editor.ctx.worker.submit(lambda s: capture.withdraw_entry(s, ayse, key))
    qtbot.waitUntil(lambda: editor.read_only, timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert board.table.item(0, 1).text() == "Işıl İnce"  # type: ignore[attr-defined]
    kept = [a for a in autosave.pending(store, ayse) if a.entry_uuid == key]
    assert [a.payload["board"][0]["full_name"] for a in kept] == ["Işıl İnce"]
