"""The entry editor as a clerk uses it: typing, live errors and warnings, undo, saving, submitting.

Everything is typed into the real widgets; outcomes are checked on the labels
the clerk reads and on the rows in the database.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox

from koopbis_desktop.domain.display import format_stamp
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import accounts, autosave, capture, review
from koopbis_desktop.services import attachments as attachment_service
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import ERROR_COLOUR, WARNING_COLOUR, EntryEditor
from koopbis_desktop.ui.editor.fields import ComboField, LineField
from koopbis_desktop.ui.editor.group_table import ERROR_BRUSH, GroupField
from koopbis_desktop.ui.mainwindow import MainWindow
from tests.conftest import PASSWORD, member_admission, valid_tckn
from tests.ui.conftest import wait_idle
from tests.ui.editor_filler import (
    choose,
    fill_cell,
    leave,
    open_form,  # noqa: F401  (fixture)
    type_line,
    type_text,
)

OpenForm = Callable[..., EntryEditor]
CTRL = Qt.KeyboardModifier.ControlModifier

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def coop_id(cooperatives: list[dict[str, Any]]) -> str:
    return "06-900001"


def settle(qtbot: Any, editor: EntryEditor) -> None:
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())


def line(editor: EntryEditor, name: str) -> Any:
    widget = editor.rows[name].widget
    assert isinstance(widget, LineField) or hasattr(widget, "edit")
    return widget.edit


def type_field(qtbot: Any, editor: EntryEditor, name: str, text: str) -> None:
    edit = line(editor, name)
    type_line(qtbot, edit, text)
    leave(qtbot, edit)


def fill_admission(qtbot: Any, editor: EntryEditor, member_id: str, paid: str = "1.000,00") -> None:
    for name, text in (
        ("member_id", member_id),
        ("full_name", "Zeynep Işık"),
        ("effective_date", "02.03.2015"),
        ("decision_no", "2015/14"),
        ("shares", "2"),
        ("subscribed_amount", "2.000,00"),
        ("paid_amount", paid),
    ):
        type_field(qtbot, editor, name, text)
    settle(qtbot, editor)


def answer_question(qtbot: Any, editor: EntryEditor, button_text: str, seen: dict[str, str]) -> None:
    """Click ``button_text`` in the unsaved-changes question once it shows."""

    def click() -> None:
        box = editor.findChild(QMessageBox, "unsaved_question")
        if box is None or not box.isVisible():
            QTimer.singleShot(20, click)
            return
        seen["text"] = box.text()
        seen["default"] = box.defaultButton().text()
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return

    QTimer.singleShot(20, click)


def test_bad_tckn_blocks_submit_until_fixed_then_submits(
    qtbot: Any,
    store: Store,
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    assert "06-900001 — IŞIK Çağdaş Güneşli Ören Konut Yapı Kooperatifi" in editor.cooperative_label.text()
    fill_admission(qtbot, editor, "12345678901")
    issue = editor.rows["member_id"].issue
    assert issue.isVisibleTo(editor)
    assert "T.C. Kimlik No geçersiz: kontrol haneleri tutmuyor" in issue.text()
    assert ERROR_COLOUR in issue.styleSheet()
    assert not editor.submit_button.isEnabled()
    assert editor.submit_button.toolTip() == "1 hata düzeltilmeden onaya gönderilemez."
    assert editor.summary.text().startswith("1 hata")

    good = valid_tckn(5)
    type_field(qtbot, editor, "member_id", good)
    settle(qtbot, editor)
    assert issue.text() == "✓ Geçerli"
    assert "Şu anki: çevrimdışı listede kayıtlı değil" in editor.rows["member_id"].current.text()
    assert editor.submit_button.isEnabled()

    with qtbot.waitSignal(editor.submitted, timeout=10_000) as submitted:
        qtbot.keyClick(line(editor, "full_name"), Qt.Key.Key_Return, CTRL)
    entry = entries.get_entry(store, submitted.args[0])
    assert entry.state == State.SUBMITTED
    assert entry.payload["member_id"] == good
    assert entry.payload["subscribed_amount"] == "2000.00"
    assert entry.payload["effective_date"] == "2015-03-02"
    actions = [row["action"] for row in entries.audit_rows(store, entry.uuid)]
    assert actions == ["create", "submit"]


def test_draft_with_error_is_saved_as_typed(
    qtbot: Any,
    store: Store,
    coop_id: str,
    open_form: OpenForm,  # noqa: F811  (the fixture imported above)
) -> None:
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    type_field(qtbot, editor, "member_id", "12345678901")
    type_field(qtbot, editor, "effective_date", "31.02.2015")
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        qtbot.keyClick(line(editor, "member_id"), Qt.Key.Key_Return)  # Enter in a line saves
    entry = entries.get_entry(store, saved.args[0])
    assert entry.state == State.DRAFT
    assert entry.payload["member_id"] == "12345678901"
    assert entry.payload["effective_date"] == "31.02.2015"
    assert any("Böyle bir tarih yok" in i["message"] for i in entry.issues)
    # reopening shows the invalid value as typed, with its message
    wait_idle(qtbot, editor.ctx.worker)
    again = open_form("ayse", entry_uuid=entry.uuid)
    settle(qtbot, again)
    assert line(again, "member_id").text() == "12345678901"
    assert "geçersiz" in again.rows["member_id"].issue.text()
    assert not again.submit_button.isEnabled()


def test_warning_shown_but_save_and_submit_allowed(
    qtbot: Any,
    store: Store,
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    fill_admission(qtbot, editor, valid_tckn(6), paid="400")
    assert line(editor, "paid_amount").text() == "400,00"  # shown in Turkish notation on leaving
    issue = editor.rows["paid_amount"].issue
    assert "en az dörtte biri ödenmelidir. (1163 s.K. md. 19)" in issue.text()
    assert WARNING_COLOUR in issue.styleSheet()
    assert editor.submit_button.isEnabled()
    assert editor.summary.text().startswith("1 uyarı")
    with qtbot.waitSignal(editor.submitted, timeout=10_000) as submitted:
        qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    entry = entries.get_entry(store, submitted.args[0])
    assert entry.state == State.SUBMITTED
    assert [i["severity"] for i in entry.issues] == ["warning"]


def test_undo_redo_across_fields(qtbot: Any, coop_id: str, open_form: OpenForm) -> None:  # noqa: F811
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    type_field(qtbot, editor, "full_name", "Ali Işık")
    type_field(qtbot, editor, "decision_no", "2015/7")
    focus = line(editor, "shares")
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    assert line(editor, "decision_no").text() == ""
    assert line(editor, "full_name").text() == "Ali Işık"
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    assert line(editor, "full_name").text() == ""
    assert not editor.is_dirty()
    qtbot.keyClick(focus, Qt.Key.Key_Y, CTRL)
    assert line(editor, "full_name").text() == "Ali Işık"
    qtbot.keyClick(focus, Qt.Key.Key_Y, CTRL)
    assert line(editor, "decision_no").text() == "2015/7"
    assert editor.is_dirty()


def test_escape_with_changes_asks_and_cancel_keeps_the_form(
    qtbot: Any,
    store: Store,
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    type_field(qtbot, editor, "full_name", "Ali Işık")
    wait_idle(qtbot, editor.ctx.worker)
    seen: dict[str, str] = {}
    answer_question(qtbot, editor, "İptal", seen)
    qtbot.keyClick(line(editor, "full_name"), Qt.Key.Key_Escape)
    assert seen == {"text": "Kaydedilmemiş değişiklikler var.", "default": "İptal"}
    assert editor.isVisible()
    assert line(editor, "full_name").text() == "Ali Işık"
    qtbot.waitUntil(lambda: store.conn.execute("SELECT count(*) FROM autosave").fetchone()[0] == 1)

    answer_question(qtbot, editor, "Vazgeç (değişiklikleri at)", seen)
    with qtbot.waitSignal(editor.finished):
        qtbot.keyClick(line(editor, "full_name"), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: store.conn.execute("SELECT count(*) FROM autosave").fetchone()[0] == 0)
    assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0


def test_province_district_dependency(qtbot: Any, coop_id: str, open_form: OpenForm) -> None:  # noqa: F811
    editor = open_form("ayse", type_id="cooperative.update", cooperative=coop_id)
    province = editor.rows["province_code"].widget
    district = editor.rows["district"].widget
    assert isinstance(province, ComboField) and isinstance(district, ComboField)
    assert not district.combo.isEnabled()  # no province yet
    assert editor.rows["province_code"].current.text().startswith("Şu anki: Ankara")
    choose(qtbot, province.combo, "Ankara")
    assert district.combo.isEnabled()
    district.combo.setFocus()
    type_text(qtbot, district.combo, "cankaya")  # without Turkish letters
    assert district.combo.currentText() == "Çankaya"
    province.combo.setFocus()
    type_text(qtbot, province.combo, "izmir")
    qtbot.waitUntil(lambda: province.combo.currentText() == "İzmir (35)")
    assert district.raw() == ""
    labels = [district.combo.itemText(i) for i in range(district.combo.count())]
    assert "Konak" in labels and "Çankaya" not in labels
    settle(qtbot, editor)
    assert (
        "İlçe seçin" in editor.rows["district"].issue.text() or "ilçe" in editor.rows["district"].issue.text()
    )
    qtbot.keyClick(province.combo, Qt.Key.Key_Z, CTRL)  # one step: province and its district
    assert province.combo.currentText() == "Ankara (06)"
    assert district.combo.currentText() == "Çankaya"


def test_group_table_rows_and_cell_errors(qtbot: Any, store: Store, open_form: OpenForm) -> None:  # noqa: F811
    editor = open_form("ayse", type_id="cooperative.register")
    founders = editor.rows["founders"].widget
    assert isinstance(founders, GroupField)
    for index in range(6):
        qtbot.mouseClick(founders.add_button, Qt.MouseButton.LeftButton)
        fill_cell(qtbot, founders, index, 0, valid_tckn(40 + index))
        fill_cell(qtbot, founders, index, 1, f"Kurucu Öztürk {index + 1}")
        fill_cell(qtbot, founders, index, 2, "2")
    settle(qtbot, editor)
    issue = editor.rows["founders"].issue.text()
    assert "en az 7 kurucu ortakla kurulur; 6 kurucu girildi. (1163 s.K. md. 2)" in issue

    founders.table.setFocus()
    qtbot.keyClick(founders.table, Qt.Key.Key_Insert)  # keyboard adds a row
    assert founders.table.rowCount() == 7
    fill_cell(qtbot, founders, 6, 0, "1234")
    fill_cell(qtbot, founders, 6, 1, "Hatalı Kişi")
    settle(qtbot, editor)
    cell = founders.table.item(6, 0)
    assert cell is not None
    assert cell.background() == ERROR_BRUSH
    assert "(4 hane girildi)" in cell.toolTip()
    assert founders.table.item(6, 2).toolTip() == "Pay adedi zorunludur."  # type: ignore[union-attr]
    assert "Tabloda 2 hücre hatalı" in editor.rows["founders"].issue.text()
    assert not editor.submit_button.isEnabled()

    founders.table.setCurrentCell(6, 0)
    qtbot.keyClick(founders.table, Qt.Key.Key_Delete, CTRL)
    assert founders.table.rowCount() == 6
    qtbot.keyClick(founders.table, Qt.Key.Key_Z, CTRL)
    assert founders.table.rowCount() == 7
    assert founders.table.item(6, 0).text() == "1234"  # type: ignore[union-attr]


def test_returned_entry_shows_comment_and_saving_makes_a_new_draft_revision(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    data = member_admission(8, paid_amount="1.000,00")
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop_id, data)
    capture.submit_entry(store, people["ayse"], entry.uuid)
    review.return_entry(store, people["sef"], entry.uuid, "Karar numarası yanlış; 2015/15 olmalı.")

    editor = open_form("ayse", entry_uuid=entry.uuid)
    banner = editor.comment_banner
    assert banner.isVisibleTo(editor)
    assert "Karar numarası yanlış; 2015/15 olmalı." in banner.text()
    # Who returned it, and when: the clerk knows whom to ask.
    returned_at = [r for r in entries.audit_rows(store, entry.uuid) if r["action"] == "return"][-1]["at"]
    assert banner.text().startswith(
        f"Şef iade notu — Şükrü Öztürk (sef), {format_stamp(str(returned_at))}: «Karar numarası"
    ), banner.text()
    assert line(editor, "paid_amount").text() == "1.000,00"
    assert line(editor, "effective_date").text() == "02.03.2015"
    assert not editor.submit_button.isEnabled() or editor.entry is not None
    type_field(qtbot, editor, "decision_no", "2015/15")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.keyClick(line(editor, "decision_no"), Qt.Key.Key_S, CTRL)
    saved = entries.get_entry(store, entry.uuid)
    assert saved.state == State.DRAFT
    assert saved.revision == 2
    assert saved.payload["decision_no"] == "2015/15"
    assert [r.revision for r in entries.revisions(store, entry.uuid)] == [1, 2]


def test_other_clerks_entry_is_read_only(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    entry = capture.create_entry(
        store, people["ayse"], "member.admit", coop_id, {"full_name": "Ali"}, allow_errors=True
    )
    editor = open_form("mehmet", entry_uuid=entry.uuid)
    assert editor.read_only_banner.isVisibleTo(editor)
    assert "yalnızca onu yazan memur" in editor.read_only_banner.text()
    assert not editor.save_button.isEnabled()
    assert not editor.submit_button.isEnabled()
    assert line(editor, "full_name").isReadOnly()


def test_cooperative_picker_searches_with_turkish_folding(
    qtbot: Any,
    store: Store,
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="member.admit")
    assert editor.picker.isVisibleTo(editor)
    assert not editor.submit_button.isEnabled()
    assert editor.submit_button.toolTip() == "Önce kooperatifi seçin."
    type_text(qtbot, editor.picker_edit, "isik cagdas")
    qtbot.waitUntil(lambda: editor.picker_results.count() > 0 and editor.picker_results.isVisible())
    assert editor.picker_results.item(0).text().startswith("06-900001 — IŞIK")
    qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "IŞIK Çağdaş" in editor.cooperative_label.text())
    assert editor.cooperative == "06-900001"
    fill_admission(qtbot, editor, valid_tckn(9))
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert entries.get_entry(store, saved.args[0]).cooperative_id == "06-900001"


def test_attachments_add_dedupe_refuse_and_link_on_first_save(
    qtbot: Any,
    store: Store,
    tmp_path: Path,
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    panel = editor.attachment_panel
    scan = tmp_path / "karar.png"
    scan.write_bytes(PNG)
    copy = tmp_path / "karar-kopya.png"
    copy.write_bytes(PNG)
    minutes = tmp_path / "tutanak.pdf"
    minutes.write_bytes(PDF)
    fake = tmp_path / "dilekce.pdf"
    fake.write_bytes(b"PK\x03\x04 word document")
    huge = tmp_path / "buyuk.pdf"
    huge.write_bytes(b"%PDF-" + b"0" * (10 * 1024 * 1024))

    panel.add_paths([scan])
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    assert panel.message.text() == "'karar.png' eklendi."
    panel.add_paths([copy])
    qtbot.waitUntil(lambda: "zaten ekli" in panel.message.text())
    assert panel.list.count() == 1
    panel.add_paths([fake])
    qtbot.waitUntil(lambda: "dilekce.pdf" in panel.message.text())
    assert "yalnızca PDF, JPG ve PNG" in panel.message.text()
    panel.add_paths([huge])
    qtbot.waitUntil(lambda: "buyuk.pdf" in panel.message.text())
    assert "çok büyük (10,0 MB). En çok 10 MB eklenebilir" in panel.message.text()
    panel.add_paths([minutes])
    qtbot.waitUntil(lambda: panel.list.count() == 2)
    qtbot.waitUntil(lambda: "PDF belgesi" in panel.preview.text())
    assert panel.open_button.isEnabled()
    assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 2

    fill_admission(qtbot, editor, valid_tckn(10))
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    uuid = saved.args[0]
    linked = attachment_service.list_for_entry(store, uuid)
    assert sorted(a.filename for a in linked) == ["karar.png", "tutanak.pdf"]
    audit = [r for r in entries.audit_rows(store, uuid) if r["action"] == "attach"]
    assert len(audit) == 2

    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert editor.is_dirty()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.keyClick(panel.list, Qt.Key.Key_S, CTRL)
    assert [a.filename for a in attachment_service.list_for_entry(store, uuid)] == ["tutanak.pdf"]
    assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 2  # file kept


class _Viewer(QObject):
    """Stands in for the PC's PDF viewer through Qt's own URL handler hook: records what it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[Path] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(Path(url.toLocalFile()))


def test_an_opened_attachment_is_a_private_copy_removed_when_the_program_ends(
    qtbot: Any,
    tmp_path: Path,
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    """The scan of a decision names members: the copy handed to the viewer is readable by this user
    only, in no shared folder, and does not stay on the disk after the program."""
    from koopbis_desktop.ui.editor import attachments_panel

    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    panel = editor.attachment_panel
    minutes = tmp_path / "tutanak.pdf"
    minutes.write_bytes(PDF)
    panel.add_paths([minutes])
    qtbot.waitUntil(lambda: "PDF belgesi" in panel.preview.text())
    viewer = _Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")  # type: ignore[arg-type]  # PySide6 takes the name as str
    try:
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(viewer.opened) == 1)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    copy = viewer.opened[0]
    assert copy.read_bytes() == PDF
    assert copy.parent != Path(tempfile.gettempdir()) / "koopbis-ekler"  # the shared folder of before
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) & 0o077 == 0
        assert stat.S_IMODE(copy.parent.stat().st_mode) & 0o077 == 0
    attachments_panel.remove_opened_copies()  # what the program's end runs (atexit)
    assert not copy.exists() and not copy.parent.exists()


def test_saving_after_the_account_was_closed_says_so_locks_the_window_and_keeps_the_form(
    qtbot: Any,
    store: Store,
    coop_id: str,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """The administrator closes Ayşe's account (on another PC) while her form is open: her
    save is refused with why and what to do, nothing is stored, her window locks saying why
    (her password no longer opens it), and what she typed stays in the form and its autosave."""
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    window.show()
    editor = open_form("ayse", parent=window, type_id="member.admit", cooperative=coop_id)
    member_id = valid_tckn(71)
    fill_admission(qtbot, editor, member_id)
    accounts.disable_user(store, people["admin"], "ayse")
    qtbot.keyClick(line(editor, "member_id"), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "Kaydedilemedi" in editor.status.text(), timeout=10_000)
    assert "Hesabınız siz oturumdayken bir yönetici tarafından kapatıldı" in editor.status.text()
    assert "yöneticinize başvurun" in editor.status.text()
    qtbot.waitUntil(lambda: window.lock_dialog is not None and window.lock_dialog.isVisible(), timeout=10_000)
    lock = window.lock_dialog
    assert lock is not None and not window.centre.isVisible()
    assert any("yönetici tarafından kapatıldı" in label.text() for label in lock.findChildren(QLabel))
    lock.grab().save("/tmp/koopbis_lock_closed.png")
    qtbot.keyClicks(lock.password_edit, PASSWORD)
    qtbot.keyClick(lock.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.error_label.isVisible(), timeout=10_000)
    assert "kapatılmış" in lock.error_label.text() and window.lock_dialog is lock
    assert line(editor, "member_id").text() == member_id
    wait_idle(qtbot, editor.ctx.worker)
    assert entries.list_entries(store) == []
    kept = autosave.pending(store, people["ayse"])
    assert [item.payload["member_id"] for item in kept] == [member_id]
    editor._closing_confirmed = True  # the window closes after the test: no unsaved-changes question


def test_a_read_only_form_does_not_offer_itself_for_approval(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    coop_id: str,
    open_form: OpenForm,  # noqa: F811
) -> None:
    # A valid entry already sent (or someone else's) opens read-only: its summary says the
    # form is valid, not that it "can be sent for approval" beside a greyed-out button.
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop_id, member_admission(9))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    editor = open_form("ayse", entry_uuid=entry.uuid)
    qtbot.waitUntil(lambda: bool(editor.summary.text()), timeout=10_000)
    assert editor.read_only and not editor.submit_button.isEnabled()
    assert editor.summary.text() == "Form geçerli."


def test_districts_are_listed_in_turkish_order_merkez_first(qtbot: Any) -> None:
    from koopbis_desktop.domain.changetypes import get_type
    from koopbis_desktop.domain.schema import Kind
    from koopbis_desktop.domain.text import collation_key

    field = next(f for f in get_type("cooperative.register").fields if f.kind == Kind.DISTRICT)
    district = ComboField(field)
    qtbot.addWidget(district)
    district.set_province("06")
    ankara = [district.combo.itemText(i) for i in range(1, district.combo.count())]
    assert len(ankara) == 25 and ankara == sorted(ankara, key=collation_key)
    assert ankara[:4] == ["Akyurt", "Altındağ", "Ayaş", "Bala"]
    assert (
        ankara.index("Çubuk") < ankara.index("Elmadağ") < ankara.index("Etimesgut") < ankara.index("Gölbaşı")
    )
    assert ankara.index("Sincan") < ankara.index("Şereflikoçhisar") < ankara.index("Yenimahalle")
    district.set_province("05")  # Amasya: its Merkez first, the others in order
    amasya = [district.combo.itemText(i) for i in range(1, district.combo.count())]
    assert amasya[0] == "Merkez" and amasya[1:] == sorted(amasya[1:], key=collation_key)
    assert district.combo.itemText(0) == "— seçin —"
