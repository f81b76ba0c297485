"""The one entry editor: a form built from a change type's schema, validated as the clerk types.

Every change type opens here; the form is the schema's fields in order, each
through the generic widget of its kind. Values stay exactly as typed (an
invalid TCKN is kept for the clerk to fix), the schema's validator runs on
every pause in typing and its issues appear beside their fields. Save keeps a
draft even with errors; Submit needs none. What is typed is autosaved as the
clerk moves between fields, so a crash loses at most the field being typed.

The dialog is assembled from parts, one module each: layout.py builds the widgets and the
form rows, values.py holds what is typed and its undo steps, validation_view.py shows the
validator's issues, picker.py chooses the cooperative, submit.py saves, submits, autosaves
and asks before unsaved work is closed, withdraw.py withdraws the entry, copy_action.py opens a new
form holding its copy; base.py declares
what they share. This module
loads the form and decides who may edit it.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QWidget

from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type
from koopbis_desktop.domain.lifecycle import Action, DomainError, Role, check_move
from koopbis_desktop.domain.records import base_value
from koopbis_desktop.domain.schema import ChangeType, Kind, ValidationResult
from koopbis_desktop.store import presence
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.presence import Presence
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.copy_action import CopyAction
from koopbis_desktop.ui.editor.fields import make_field_widget
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.editor.layout import EditorLayout
from koopbis_desktop.ui.editor.live import LiveEntry, load_news
from koopbis_desktop.ui.editor.picker import CooperativePicker
from koopbis_desktop.ui.editor.presence_claim import EditClaim
from koopbis_desktop.ui.editor.rows import ERROR_COLOUR, OK_COLOUR, WARNING_COLOUR, FieldRow
from koopbis_desktop.ui.editor.seed import EditorSeed, cooperative_record, load_seed
from koopbis_desktop.ui.editor.submit import AUTOSAVE_INTERVAL_MS, SubmitActions
from koopbis_desktop.ui.editor.validation_view import ValidationDisplay
from koopbis_desktop.ui.editor.values import FormValues, SetValues
from koopbis_desktop.ui.editor.withdraw import WithdrawAction
from koopbis_desktop.ui.errors import user_message

VALIDATE_DELAY_MS = 150
SEARCH_DELAY_MS = 200


class EntryEditor(
    EditorLayout,
    FormValues,
    ValidationDisplay,
    CooperativePicker,
    SubmitActions,
    WithdrawAction,
    CopyAction,
    LiveEntry,
):
    """The form of one entry (new, draft, returned, or restored from autosave)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        type_id: str | None = None,
        cooperative: str | None = None,
        entry_uuid: str | None = None,
        form_id: str | None = None,
        copy_of: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = ctx.require_actor()
        self.setObjectName("entry_editor")
        self.setWindowTitle(self.tr("Kayıt formu"))
        self.resize(960, 780)
        self.ctype: ChangeType | None = None
        self.cooperative = cooperative
        self.record: dict[str, Any] | None = None
        self.entry: Entry | None = None
        self.loaded_revision: int | None = None
        self.refused_payload: dict[str, Any] | None = None
        self.returned: tuple[str, str] | None = None
        self.copied_from: Entry | None = None
        self.form_id = form_id or str(uuidlib.uuid4())
        self._restoring = form_id is not None  # a scratch copy is being brought back
        self.planned_uuid = str(uuidlib.uuid4())
        self.rows: dict[str, FieldRow] = {}
        self.values: dict[str, Any] = {}
        self.validation: ValidationResult | None = None
        self.revealed: set[str] = set()
        self.reveal_all = False
        self.read_only_reason = ""
        self.is_loaded = False
        self._focus_on_activation = False  # put the cursor in the first field when first activated
        self.busy = False
        self._restored = False
        self._attachments_dirty = False
        self._autosave_pending = False
        self._closing_confirmed = False
        self._token = 0
        self._prefilled: dict[str, Any] = {}
        self.claim: EditClaim | None = None  # this form's "being edited" mark for the other PCs
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.on_undo_stack_clean_changed)

        self.validate_timer = QTimer(self)
        self.validate_timer.setSingleShot(True)
        self.validate_timer.setInterval(VALIDATE_DELAY_MS)
        self.validate_timer.timeout.connect(self.revalidate)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        # While open, the form keeps its scratch copy from being offered on another PC.
        self.hold_timer = QTimer(self)
        self.hold_timer.setInterval(presence.HEARTBEAT_S * 1000)
        self.hold_timer.timeout.connect(self.hold_autosave)
        # ... and looks at its entry again: a change nobody announced (the CLI on this file).
        self.hold_timer.timeout.connect(self.check_entry)
        self.hold_timer.start()
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.on_search_timer_timeout)

        self._build_chrome()
        self.finished.connect(self.on_finished)
        # The entry changed elsewhere (another PC, another window of this one): say so at once.
        self.ctx.hub.changed.connect(self.on_hub_changed)
        self.ctx.worker.submit(
            lambda store: load_seed(
                store,
                self.actor,
                type_id=type_id,
                cooperative=cooperative,
                entry_uuid=entry_uuid,
                form_id=form_id,
                copy_of=copy_of,
            ),
            self._guard(self.on_seed_loaded),
            self._guard(self.on_seed_failed),
        )

    def on_seed_loaded(self, seed: EditorSeed) -> None:
        ctype = get_type(seed.type_id)
        self.ctype = ctype
        self.form_id = seed.form_id
        self.cooperative = seed.cooperative
        self.record = seed.record
        self.entry = seed.entry
        self.loaded_revision = seed.loaded_revision
        self.refused_payload = seed.refused_payload
        self.returned = seed.returned
        self._restored = seed.restored
        self.copied_from = seed.copied_from
        if seed.copied_from is not None:
            self._picked = True  # the cooperative search stays shown: the copy may go to another
        self.setWindowTitle(self.tr("{0} — kayıt formu").format(ctype.label))
        self.heading.setText(ctype.label)
        self.description.setText(ctype.description)
        for f in ctype.fields:
            widget = make_field_widget(f, self.form_host)
            row = FieldRow(f, widget, self.form_host)
            self.rows[f.name] = row
            if f.kind == Kind.GROUP:
                self.form.addRow(row.label)
                self.form.addRow(row.box)
            else:
                self.form.addRow(row.label, row.box)
            widget.edited.connect(lambda name=f.name: self.on_field_edited(name))
            widget.left.connect(lambda name=f.name: self.on_field_left(name))
            widget.enter_pressed.connect(self.on_save_button_clicked)
            if isinstance(widget, GroupField):
                widget.typing.connect(self.on_cell_typing)
        self.form.addRow(self.attachments_box)
        for row in self.rows.values():
            f = row.field
            if isinstance(row.widget, GroupField) and f.snapshot and "{}" not in f.snapshot and self.record:
                row.widget.set_current(base_value(self.record, f.snapshot) or [])
        self.apply_values({k: val for k, val in (seed.values or {}).items() if k in self.rows})
        self.values = {name: row.widget.raw() for name, row in self.rows.items()}
        self.attachment_panel.set_items(seed.attachments)
        self._decide_read_only()
        self._claim_if_editing()
        self._show_header()
        self._set_tab_order()
        self.is_loaded = True
        self.undo_stack.clear()
        self.undo_stack.setClean()
        # What a saved or restored form already holds was typed before: its issues show at once.
        # A new form's prefilled rows (the current board) are the register's, not typed: quiet.
        typed_before = seed.entry is not None or seed.restored or seed.copied_from is not None
        self.revealed = {
            name for name, row in self.rows.items() if typed_before and row.widget.raw() not in ("", None, [])
        }
        self.revalidate()
        if self._restored and seed.revision_unknown:
            self.status.setText(
                self.tr(
                    "Otomatik kaydedilmiş form geri yüklendi; hangi sürümün üzerine yazıldığı bilinmiyor (eski "
                    "bir otomatik kayıt). Kaydetmeden önce kaydın son hâline bakın: arada başkası kaydettiyse "
                    "kaydetmeniz onun sürümünün üzerine yazar."
                )
            )
        elif self._restored and self.read_only:
            # Approved (or sent) since it was typed: nothing here can be saved any more. The typing
            # stays readable; closing asks whether its copy goes (else it came back every sign-in).
            self.status.setText(
                self.tr(
                    "Otomatik kaydedilmiş form geri yüklendi, ama bu kayıt artık düzeltilemez: {0} "
                    "Yazdıklarınız burada okunabilir; formu kapatırken kopyanın silinip silinmeyeceği sorulur."
                ).format(self.read_only_reason)
            )
        elif seed.copied_from is not None and seed.copied_registration_gone is not None:
            self.status.setText(
                self.tr(
                    "{0} numaralı kaydın kopyası: yeni bir kayıt, henüz saklanmadı. O kaydın kooperatifi "
                    "{1} numaralı kuruluş kaydıydı; o kayıt geri çekildiği için kopya ona bağlanamaz. "
                    "Kooperatifi yukarıdaki arama kutusundan seçin, alanları gerekirse değiştirip kaydedin."
                ).format(seed.copied_from.label, seed.copied_registration_gone.label)
            )
        elif seed.copied_from is not None:
            self.status.setText(
                self.tr(
                    "{0} numaralı kaydın kopyası: yeni bir kayıt, henüz saklanmadı. Gerekirse kooperatifi "
                    "yukarıdaki arama kutusundan, alanları formda değiştirip kaydedin."
                ).format(seed.copied_from.label)
            )
        elif self._restored:
            self.status.setText(self.tr("Otomatik kaydedilmiş form geri yüklendi; kaydetmeyi unutmayın."))
            if seed.entry is not None and seed.loaded_revision not in (None, seed.entry.revision):
                # Saved on since this copy was typed: say so now (the bar, as for an open form),
                # not first when Kaydet is refused for it.
                key = seed.entry.uuid
                self.ctx.worker.submit(
                    lambda store: load_news(store, key, None),
                    self._guard(lambda news: self.on_entry_news(news, since_typing=True)),
                    self._guard(self.on_worker_error),
                )
        # The field widgets were just added to a visible form: Qt shows them on the next turn
        # of the event loop (a queued call), and focus given to a hidden widget is lost when the
        # window is activated (it went to the attachment list). So focus once they are shown,
        # and again on the first activation if the cursor is still not in a field.
        self._focus_on_activation = True
        QTimer.singleShot(0, self, self._focus_first)
        self.loaded.emit()

    def on_seed_failed(self, exc: BaseException) -> None:
        self.heading.setText(self.tr("Form açılamadı"))
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        if isinstance(exc, UnknownChangeType):
            # Written on a PC with a newer version of the program (an office database).
            message = self.tr(
                "Bu formun kayıt türünü ('{0}') bu bilgisayardaki program tanımıyor; programın daha yeni "
                "bir sürümüyle yazılmış olabilir. Programı güncelleyin ya da formu o sürümün kurulu olduğu "
                "bilgisayarda açın."
            ).format(exc.type_id)
        else:
            message = user_message(exc)
        if self._restoring:
            message += " " + self.tr(
                "Otomatik kaydedilmiş kopyası silinmedi: bir sonraki girişte yeniden sunulur."
            )
        self.summary.setText(message)

    def _decide_read_only(self) -> None:
        reason = ""
        if self.actor.role not in (Role.CLERK, Role.SUPERVISOR):
            reason = self.tr("Kayıt girişini memurlar ve şefler yapar; yönetici hesabıyla kayıt girilmez.")
        elif self.entry is not None:
            try:
                check_move(Action.EDIT, self.entry.state, self.actor, self.entry.author)
            except DomainError as exc:
                reason = exc.message
        self.read_only_reason = reason
        if reason:
            self.read_only_banner.setText(self.tr("Salt okunur: {0}").format(reason))
            self.read_only_banner.show()
        else:
            self.read_only_banner.hide()
        for row in self.rows.values():
            row.widget.set_read_only(bool(reason))
        self.attachment_panel.set_read_only(bool(reason))
        self.save_button.setEnabled(not reason)
        if reason:
            self.save_button.setToolTip(reason)
        if self.validation is not None:
            self.revalidate()  # the summary says what this form may do now (news from elsewhere)

    def _claim_if_editing(self) -> None:
        """Mark a saved entry this person may edit as being edited here, for the other PCs."""
        if self.entry is None or self.read_only or self.claim is not None:
            return
        self.claim = EditClaim(self.ctx, self.entry.uuid, self)
        self.claim.held_by_other.connect(self.on_claim_held_by_other)
        self.claim.start()

    def on_claim_held_by_other(self, other: Presence | None) -> None:
        if other is None:
            self.presence_banner.hide()
            return
        self.presence_banner.setText(
            self.tr(
                "Bu kaydı şu anda {0}, {1} bilgisayarında düzenliyor. İkiniz de kaydederseniz sonra kaydedenin "
                "kaydı reddedilir ve farklar gösterilir; yazdıklarınız kaybolmaz."
            ).format(other.username, other.host)
        )
        self.presence_banner.show()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self.is_loaded:
            # Back at the form (from the queue, a terminal): has its entry changed meanwhile?
            self.check_entry()
            if self._focus_on_activation:
                self._focus_on_activation = False
                if not self._focus_in_form():
                    QTimer.singleShot(0, self, self._focus_first)
        return super().event(event)

    def reject(self) -> None:
        if self._may_close():
            self._closing_confirmed = True
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():
            self._closing_confirmed = True
            event.accept()
            super().closeEvent(event)
        else:
            event.ignore()

    def on_finished(self, _result: int) -> None:
        self.hold_timer.stop()
        self.ctx.hub.changed.disconnect(self.on_hub_changed)
        if self.claim is not None:
            self.claim.release()
        if self.is_loaded and not self.is_dirty():
            # Closed clean (saved, or every change undone): no scratch copy to offer later.
            self._discard_autosave()
        else:
            # Typed and not saved, or never shown (the form did not open, or was closed before
            # it did): a restored copy stays, and is offered again at the next sign-in.
            self.let_go_autosave()
        self.deleteLater()


__all__ = [
    "ERROR_COLOUR",
    "OK_COLOUR",
    "WARNING_COLOUR",
    "EditorSeed",
    "EntryEditor",
    "FieldRow",
    "SetValues",
    "cooperative_record",
    "load_seed",
]
