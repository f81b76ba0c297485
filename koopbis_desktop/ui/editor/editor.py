"""The one entry editor: a form built from a change type's schema, validated as the clerk types.

Every change type opens here; the form is the schema's fields in order, each
through the generic widget of its kind. Values stay exactly as typed (an
invalid TCKN is kept for the clerk to fix), the schema's validator runs on
every pause in typing and its issues appear beside their fields. Save keeps a
draft even with errors; Submit needs none. What is typed is autosaved as the
clerk moves between fields, so a crash loses at most the field being typed.
"""

from __future__ import annotations

import itertools
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain import reference
from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.fiscal import fiscal_start_month
from koopbis_desktop.domain.lifecycle import (
    STATE_LABELS,
    Action,
    Actor,
    DomainError,
    Role,
    State,
    check_move,
)
from koopbis_desktop.domain.records import STATUSES, base_value, record_from_registration
from koopbis_desktop.domain.schema import (
    ChangeType,
    Field,
    Issue,
    Kind,
    Severity,
    ValidationContext,
    ValidationResult,
    validate,
)
from koopbis_desktop.services import attachments as attachment_service
from koopbis_desktop.services import autosave, capture
from koopbis_desktop.store import attachments as attachment_store
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.attachments import AttachmentInfo
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.errors import NotFound
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.attachments_panel import AttachmentPanel
from koopbis_desktop.ui.editor.fields import ComboField, FieldWidget, make_field_widget
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.registry_warnings import RegistryWarningsPanel

VALIDATE_DELAY_MS = 150
AUTOSAVE_INTERVAL_MS = 3000
SEARCH_DELAY_MS = 200

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#8a5300"
OK_COLOUR = "#1b7f2a"

_ID_KINDS = (Kind.TCKN, Kind.VKN, Kind.TCKN_OR_VKN, Kind.MERSIS)


# --------------------------------------------------------------------------- loading


@dataclass
class EditorSeed:
    """What the editor needs from the database before it can show the form."""

    type_id: str
    cooperative: str | None
    form_id: str
    entry: Entry | None = None
    record: dict[str, Any] | None = None
    values: dict[str, Any] | None = None
    attachments: list[AttachmentInfo] = field(default_factory=list)
    restored: bool = False


def cooperative_record(store: Store, cooperative: str | None) -> dict[str, Any] | None:
    """The cooperative as known offline: the snapshot, or a registration still in the local queue."""
    if not cooperative:
        return None
    record = snapshot.get_record(store, cooperative)
    if record is not None:
        return record
    try:
        registration = entries.get_entry(store, cooperative)
    except NotFound:
        return None
    if registration.type != "cooperative.register":
        return None
    local = record_from_registration(registration.payload)
    local["id"] = registration.uuid
    return local


def load_seed(
    store: Store,
    actor: Actor,
    *,
    type_id: str | None,
    cooperative: str | None,
    entry_uuid: str | None,
    form_id: str | None,
) -> EditorSeed:
    restored = None
    if form_id:
        restored = next((a for a in autosave.pending(store, actor) if a.form_id == form_id), None)
        if restored is not None:
            type_id, cooperative, entry_uuid = restored.type, restored.cooperative, restored.entry_uuid
    entry = entries.get_entry(store, entry_uuid) if entry_uuid else None
    if entry is not None:
        type_id, cooperative = entry.type, entry.cooperative
    if type_id is None:
        raise NotFound("Açılacak form bulunamadı: kayıt türü bilinmiyor.")
    get_type(type_id)  # an unknown type fails here with its Turkish message
    seed = EditorSeed(
        type_id=type_id,
        cooperative=cooperative,
        form_id=form_id or str(uuidlib.uuid4()),
        entry=entry,
        record=cooperative_record(store, cooperative),
    )
    if restored is not None:
        seed.values = dict(restored.payload)
        seed.restored = True
        for sha in restored.attachments:
            try:
                seed.attachments.append(attachment_store.info(store, sha))
            except NotFound:
                continue
    elif entry is not None:
        seed.values = dict(entry.payload)
        seed.attachments = attachment_service.list_for_entry(store, entry.uuid)
    return seed


# --------------------------------------------------------------------------- undo


class _SetValues(QUndoCommand):
    """One change of field values; consecutive keystrokes in one field merge into one step."""

    def __init__(self, editor: EntryEditor, old: dict[str, Any], new: dict[str, Any], token: int) -> None:
        super().__init__(editor.tr("Değişiklik"))
        self.editor = editor
        self.old = old
        self.new = new
        self.token = token
        self._done = True  # the widgets already show ``new`` when the command is pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.editor.apply_values(self.new)

    def undo(self) -> None:
        self.editor.apply_values(self.old)

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetValues) or other.token != self.token:
            return False
        # Compose: the merged step goes from this step's old values to the other's new ones.
        for name, value in other.old.items():
            self.old.setdefault(name, value)
        self.new = {**self.new, **other.new}
        return True


# --------------------------------------------------------------------------- one row


class _FieldRow:
    """A field's label, widget, current snapshot value and issue line."""

    def __init__(self, f: Field, widget: FieldWidget, parent: QWidget) -> None:
        self.field = f
        self.widget = widget
        self.label = QLabel(parent)
        self.label.setObjectName(f"label_{f.name}")
        self.label.setBuddy(widget.focus_target())
        if f.help:
            self.label.setToolTip(f.help)
            widget.setToolTip(f.help)
        self.current = QLabel(parent)
        self.current.setObjectName(f"current_{f.name}")
        self.current.setStyleSheet("color: #455a64;")
        self.current.setWordWrap(True)
        self.current.hide()
        self.issue = QLabel(parent)
        self.issue.setObjectName(f"issue_{f.name}")
        self.issue.setWordWrap(True)
        self.issue.setTextFormat(Qt.TextFormat.PlainText)
        self.issue.hide()
        self.box = QWidget(parent)
        column = QVBoxLayout(self.box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.current)
        column.addWidget(self.issue)
        self.set_required(f.required)

    def set_required(self, required: bool) -> None:
        text = self.field.label + (" *" if required else "")
        self.label.setText(text)
        self.label.setStyleSheet("font-weight: 600;" if required else "")

    def show_issues(self, issues: list[Issue], ok_text: str = "") -> None:
        errors = [i for i in issues if i.severity == Severity.ERROR]
        warnings = [i for i in issues if i.severity == Severity.WARNING]
        if errors:
            lines = [f"✗ {i.text}" for i in errors] + [f"⚠ {i.text}" for i in warnings]
            self.issue.setStyleSheet(f"color: {ERROR_COLOUR};")
        elif warnings:
            lines = [f"⚠ {i.text}" for i in warnings]
            self.issue.setStyleSheet(f"color: {WARNING_COLOUR};")
        elif ok_text:
            lines = [f"✓ {ok_text}"]
            self.issue.setStyleSheet(f"color: {OK_COLOUR};")
        else:
            lines = []
        self.issue.setText("\n".join(lines))
        self.issue.setVisible(bool(lines))


# --------------------------------------------------------------------------- the dialog


class EntryEditor(QDialog):
    """The form of one entry (new, draft, returned, or restored from autosave)."""

    saved = Signal(str)  # entry uuid, after every successful save
    submitted = Signal(str)  # entry uuid, after it went to the supervisor
    loaded = Signal()  # the form is built and shows its values

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        type_id: str | None = None,
        cooperative: str | None = None,
        entry_uuid: str | None = None,
        form_id: str | None = None,
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
        self.form_id = form_id or str(uuidlib.uuid4())
        self.planned_uuid = str(uuidlib.uuid4())
        self.rows: dict[str, _FieldRow] = {}
        self.values: dict[str, Any] = {}
        self.validation: ValidationResult | None = None
        self.read_only_reason = ""
        self.is_loaded = False
        self._focus_on_activation = False  # put the cursor in the first field when first activated
        self.busy = False
        self._restored = False
        self._attachments_dirty = False
        self._autosave_pending = False
        self._closing_confirmed = False
        self._token = 0
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
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.on_search_timer_timeout)

        self._build_chrome()
        self.finished.connect(self.on_finished)
        self.ctx.worker.submit(
            lambda store: load_seed(
                store,
                self.actor,
                type_id=type_id,
                cooperative=cooperative,
                entry_uuid=entry_uuid,
                form_id=form_id,
            ),
            self._guard(self.on_seed_loaded),
            self._guard(self.on_seed_failed),
        )

    # -- helpers ------------------------------------------------------------------------

    def _guard(self, fn: Callable[..., None]) -> Callable[..., None]:
        """A worker callback that does nothing once this dialog has been deleted."""

        def call(*args: Any) -> None:
            if shiboken6.isValid(self):
                fn(*args)

        return call

    @property
    def entry_uuid(self) -> str | None:
        return self.entry.uuid if self.entry is not None else None

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def is_dirty(self) -> bool:
        return self.is_loaded and (not self.undo_stack.isClean() or self._attachments_dirty or self._restored)

    # -- building -----------------------------------------------------------------------

    def _build_chrome(self) -> None:
        self.heading = QLabel(self.tr("Form yükleniyor…"), self)
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #444;")
        self.cooperative_label = QLabel(self)
        self.cooperative_label.setObjectName("cooperative_label")
        self.cooperative_label.setWordWrap(True)
        self.cooperative_label.setTextFormat(Qt.TextFormat.PlainText)

        self.picker = QWidget(self)
        self.picker.setObjectName("cooperative_picker")
        self.picker_edit = QLineEdit(self.picker)
        self.picker_edit.setObjectName("cooperative_search")
        self.picker_edit.setPlaceholderText(
            self.tr("Kooperatif ara: unvan, sicil no ya da VKN (ör. ışık, 06-…)")
        )
        self.picker_results = QListWidget(self.picker)
        self.picker_results.setObjectName("cooperative_results")
        self.picker_results.setMaximumHeight(140)
        self.picker_results.hide()
        picker_label = QLabel(self.tr("&Kooperatif *"), self.picker)
        picker_label.setBuddy(self.picker_edit)
        picker_layout = QFormLayout(self.picker)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout()
        column.addWidget(self.picker_edit)
        column.addWidget(self.picker_results)
        picker_layout.addRow(picker_label, column)
        self.picker.hide()
        self.picker_edit.textEdited.connect(self.on_picker_edit_text_edited)
        self.picker_edit.returnPressed.connect(self.on_picker_edit_return_pressed)
        self.picker_results.itemActivated.connect(self.on_picker_results_item_activated)
        self.picker_results.itemClicked.connect(self.on_picker_results_item_activated)

        self.comment_banner = QLabel(self)
        self.comment_banner.setObjectName("return_comment")
        self.comment_banner.setWordWrap(True)
        self.comment_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.comment_banner.setStyleSheet(
            "background: #fff3cd; border: 1px solid #e0a800; padding: 8px; font-weight: 600;"
        )
        self.comment_banner.hide()
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background: #e3e8ee; border: 1px solid #90a4ae; padding: 8px;")
        self.read_only_banner.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.form_host = QWidget(self)
        self.form = QFormLayout(self.form_host)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.form_host)

        self.attachments_box = QGroupBox(self.tr("Ekler (karar ve tutanak taramaları)"), self)
        self.attachment_panel = AttachmentPanel(self.ctx, self.attachments_box)
        self.attachment_panel.changed.connect(self.on_attachment_panel_changed)
        self.attachments_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        box_layout = QVBoxLayout(self.attachments_box)
        box_layout.addWidget(self.attachment_panel)

        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: #555;")
        self.save_button = QPushButton(self.tr("&Kaydet (Ctrl+S)"), self)
        self.save_button.setObjectName("save_button")
        self.submit_button = QPushButton(self.tr("&Onaya gönder (Ctrl+Enter)"), self)
        self.submit_button.setObjectName("submit_button")
        self.close_button = QPushButton(self.tr("Kapat (Esc)"), self)
        self.close_button.setObjectName("close_button")
        for button in (self.save_button, self.submit_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self.on_save_button_clicked)
        self.submit_button.clicked.connect(self.on_submit_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.save_button.setEnabled(False)
        self.submit_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.description)
        layout.addWidget(self.cooperative_label)
        self.registry_warnings = RegistryWarningsPanel(self)
        layout.addWidget(self.registry_warnings)
        layout.addWidget(self.picker)
        layout.addWidget(self.comment_banner)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)

        for keys, slot in (
            ("Ctrl+S", self.on_save_button_clicked),
            ("Ctrl+Return", self.on_submit_button_clicked),
            ("Ctrl+Enter", self.on_submit_button_clicked),
            ("Ctrl+Z", self.undo_stack.undo),
            ("Ctrl+Y", self.undo_stack.redo),
            ("Ctrl+Shift+Z", self.undo_stack.redo),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def on_seed_loaded(self, seed: EditorSeed) -> None:
        ctype = get_type(seed.type_id)
        self.ctype = ctype
        self.form_id = seed.form_id
        self.cooperative = seed.cooperative
        self.record = seed.record
        self.entry = seed.entry
        self._restored = seed.restored
        self.setWindowTitle(self.tr("{0} — kayıt formu").format(ctype.label))
        self.heading.setText(ctype.label)
        self.description.setText(ctype.description)
        for f in ctype.fields:
            widget = make_field_widget(f, self.form_host)
            row = _FieldRow(f, widget, self.form_host)
            self.rows[f.name] = row
            if f.kind == Kind.GROUP:
                self.form.addRow(row.label)
                self.form.addRow(row.box)
            else:
                self.form.addRow(row.label, row.box)
            widget.edited.connect(lambda name=f.name: self.on_field_edited(name))
            widget.left.connect(self.on_field_left)
            widget.enter_pressed.connect(self.on_save_button_clicked)
        self.form.addRow(self.attachments_box)
        self.apply_values({k: val for k, val in (seed.values or {}).items() if k in self.rows})
        self.values = {name: row.widget.raw() for name, row in self.rows.items()}
        self.attachment_panel.set_items(seed.attachments)
        self._decide_read_only()
        self._show_header()
        self._set_tab_order()
        self.is_loaded = True
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.revalidate()
        if self._restored:
            self.status.setText(self.tr("Otomatik kaydedilmiş form geri yüklendi; kaydetmeyi unutmayın."))
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
        self.summary.setText(user_message(exc))

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

    def _show_header(self) -> None:
        assert self.ctype is not None
        entry = self.entry
        if entry is not None and entry.comment and entry.state in (State.RETURNED, State.DRAFT):
            who = self.tr("Şef iade notu") if entry.state == State.RETURNED else self.tr("Son iade notu")
            self.comment_banner.setText(f"{who}: «{entry.comment}»")
            self.comment_banner.show()
        if self.ctype.registers:
            self.cooperative_label.setText(
                self.tr("Yeni kooperatif kuruluşu: sicil numarasını KOOP-BİS verecek.")
            )
            self.picker.hide()
        elif self.record is not None:
            parts = [f"{self.record.get('id') or ''} — {self.record.get('title') or ''}"]
            if self.record.get("founded_on"):
                parts.append(self.tr("kuruluş {0}").format(v.format_date(str(self.record["founded_on"]))))
            for key in self.ctype.touches:
                current = base_value(self.record, key)
                if key == "status":
                    parts.append(
                        self.tr("şu anki durum: {0}").format(STATUSES.get(str(current), str(current)))
                    )
                else:
                    parts.append(f"{key}: {current}")
            self.cooperative_label.setText(self.tr("Kooperatif: {0}").format(" · ".join(parts)))
            self.registry_warnings.load(self.ctx, self.cooperative)
            self.picker.setVisible(entry is None and not self.read_only and self._picked)
        elif self.cooperative:
            self.cooperative_label.setText(
                self.tr("Kooperatif: {0} (çevrimdışı listede bulunamadı)").format(self.cooperative)
            )
        else:
            self.cooperative_label.setText(self.tr("Önce kooperatifi seçin."))
            self.picker.setVisible(not self.read_only)
        state = (
            self.tr("Durum: {0}, {1}. sürüm").format(STATE_LABELS[entry.state], entry.revision)
            if entry is not None
            else self.tr("Yeni kayıt")
        )
        self.setWindowTitle(f"{self.ctype.label} — {state}")

    _picked = False

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = []
        if self.picker.isVisibleTo(self):
            chain += [self.picker_edit, self.picker_results]
        for row in self.rows.values():
            chain.append(row.widget.focus_target())
            if isinstance(row.widget, GroupField):
                chain += [row.widget.add_button, row.widget.remove_button]
        panel = self.attachment_panel
        chain += [panel.list, panel.add_button, panel.remove_button, panel.open_button]
        chain += [self.save_button, self.submit_button, self.close_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self._focus_on_activation and self.is_loaded:
            self._focus_on_activation = False
            if not self._focus_in_form():
                QTimer.singleShot(0, self, self._focus_first)
        return super().event(event)

    def _focus_in_form(self) -> bool:
        """Is the cursor in one of the form's fields (or the cooperative picker) already?"""
        focused = self.focusWidget()
        if focused is None:
            return False
        if focused is self.picker_edit:
            return True
        return any(focused is row.box or row.box.isAncestorOf(focused) for row in self.rows.values())

    def _focus_first(self) -> None:
        if self.picker.isVisibleTo(self) and not self.cooperative:
            self.picker_edit.setFocus()
            return
        for row in self.rows.values():
            if not row.widget.raw() or row.widget.raw() == []:
                row.widget.focus_target().setFocus()
                return
        if self.rows:
            next(iter(self.rows.values())).widget.focus_target().setFocus()

    # -- values ------------------------------------------------------------------------

    def raw_form(self) -> dict[str, Any]:
        """The form as typed: what validation, autosave and Save see."""
        out: dict[str, Any] = {}
        for name, row in self.rows.items():
            value = row.widget.raw()
            if value in ("", None, []):
                continue
            if isinstance(value, str) and row.field.kind not in (Kind.LONGTEXT,):
                value = value.strip()
                if not value:
                    continue
            out[name] = value
        return out

    def _dependents(self, name: str) -> list[_FieldRow]:
        return [row for row in self.rows.values() if row.field.depends_on == name]

    def apply_values(self, values: dict[str, Any]) -> None:
        """Show ``values`` in their widgets (schema order, so a province comes before its district)."""
        for name, row in self.rows.items():
            if name in values:
                row.widget.set_raw(values[name])
                self.values[name] = row.widget.raw()
            if row.field.kind == Kind.PROVINCE:
                for dependent in self._dependents(name):
                    if isinstance(dependent.widget, ComboField):
                        dependent.widget.set_province(str(row.widget.raw()))
                        self.values[dependent.field.name] = dependent.widget.raw()
        if self.is_loaded:
            self._after_change()
            for name in values:
                if name in self.rows:
                    self.rows[name].widget.focus_target().setFocus()
                    break

    def on_field_edited(self, name: str) -> None:
        if not self.is_loaded:
            return
        row = self.rows[name]
        changed = [row]
        if row.field.kind == Kind.PROVINCE:
            for dependent in self._dependents(name):
                if isinstance(dependent.widget, ComboField):
                    dependent.widget.set_province(str(row.widget.raw()))
                    changed.append(dependent)
        old: dict[str, Any] = {}
        new: dict[str, Any] = {}
        for each in changed:
            before = self.values.get(each.field.name)
            after = each.widget.raw()
            if before != after:
                old[each.field.name] = before
                new[each.field.name] = after
                self.values[each.field.name] = after
        if not new:
            return
        token = self._token if row.field.kind != Kind.GROUP else -1 - self.undo_stack.count()
        self.undo_stack.push(_SetValues(self, old, new, token))
        self._after_change()

    def on_field_left(self) -> None:
        self._token += 1  # the next keystroke starts a new undo step
        if self._autosave_pending:
            self.autosave_now()

    def _after_change(self) -> None:
        self.validate_timer.start()
        if not self.read_only:
            self._autosave_pending = True
            if not self.autosave_timer.isActive():
                self.autosave_timer.start()

    def on_undo_stack_clean_changed(self, clean: bool) -> None:
        self._update_status()

    def on_attachment_panel_changed(self) -> None:
        self._attachments_dirty = True
        self._after_change()

    # -- validation ----------------------------------------------------------------------

    def revalidate(self) -> None:
        if self.ctype is None:
            return
        raw = self.raw_form()
        founded_on = (self.record or {}).get("founded_on") if not self.ctype.registers else None
        fiscal_start = fiscal_start_month((self.record or {}).get("articles")) or 1
        result = validate(
            self.ctype, raw, ValidationContext(founded_on=founded_on, fiscal_start_month=fiscal_start)
        )
        self.validation = result
        by_path: dict[str, list[Issue]] = {}
        for issue in result.issues:
            by_path.setdefault(issue.path, []).append(issue)
        general: list[Issue] = []
        used: set[str] = set()
        for name, row in self.rows.items():
            own = by_path.get(name, [])
            used.add(name)
            ok_text = ""
            if row.field.kind in _ID_KINDS and name in raw and not own:
                ok_text = self.tr("Geçerli")
            if isinstance(row.widget, GroupField):
                cells: dict[tuple[int, str], tuple[Severity, str]] = {}
                cell_issues: list[Issue] = []
                for path, issues in by_path.items():
                    if path.startswith(f"{name}["):
                        used.add(path)
                        index_text, _, column = path[len(name) + 1 :].partition("].")
                        if index_text.isdigit():
                            worst = min(issues, key=lambda i: i.severity != Severity.ERROR)
                            cells[(int(index_text), column)] = (
                                worst.severity,
                                "\n".join(i.text for i in issues),
                            )
                            cell_issues.extend(issues)
                row.widget.show_cell_issues(cells)
                summary = list(own)
                if cell_issues:
                    errors = sum(1 for i in cell_issues if i.severity == Severity.ERROR)
                    if errors:
                        summary.append(
                            Issue(
                                name,
                                self.tr(
                                    "Tabloda {0} hücre hatalı; hatalı hücrenin üzerine gelince nedeni görünür."
                                ).format(errors),
                            )
                        )
                row.show_issues(summary)
            else:
                row.show_issues(own, ok_text)
            if row.field.required_when is not None:
                other, wanted = row.field.required_when
                row.set_required(str(raw.get(other, "")).strip() in wanted)
        for path, issues in by_path.items():
            if path not in used:
                general.extend(issues)
        self._show_current_values(result)
        self._show_summary(result, general)
        self._update_buttons()

    def _show_current_values(self, result: ValidationResult) -> None:
        for name, row in self.rows.items():
            f = row.field
            if f.snapshot is None or self.record is None:
                row.current.hide()
                continue
            if "{}" in f.snapshot:
                value = result.payload.get(name)
                if not value or any(i.path == name and i.severity == Severity.ERROR for i in result.issues):
                    row.current.hide()
                    continue
                current = base_value(self.record, f.snapshot.format(value))
                if current is None:
                    text = self.tr("Şu anki: çevrimdışı listede kayıtlı değil")
                else:
                    text = self.tr("Şu anki: kayıtlı — {0}").format(_describe(current))
            else:
                current = base_value(self.record, f.snapshot)
                text = self.tr("Şu anki: {0}").format(_describe_scalar(f, current, self.record))
            row.current.setText(text)
            row.current.show()

    def _show_summary(self, result: ValidationResult, general: list[Issue]) -> None:
        errors, warnings = len(result.errors), len(result.warnings)
        lines: list[str] = []
        if errors or warnings:
            counts = []
            if errors:
                counts.append(self.tr("{0} hata").format(errors))
            if warnings:
                counts.append(self.tr("{0} uyarı (1163 s.K.)").format(warnings))
            lines.append(", ".join(counts) + ".")
        else:
            lines.append(self.tr("Form geçerli; onaya gönderilebilir."))
        for issue in general:
            mark = "✗" if issue.severity == Severity.ERROR else "⚠"
            lines.append(f"{mark} {issue.text}")
        colour = ERROR_COLOUR if errors else (WARNING_COLOUR if warnings else OK_COLOUR)
        self.summary.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.summary.setText("\n".join(lines))

    def submit_blocker(self) -> str:
        """Why the entry cannot be sent for approval now ("" when it can)."""
        if self.ctype is None:
            return self.tr("Form yükleniyor.")
        if self.read_only:
            return self.read_only_reason
        if not self.ctype.registers and not self.cooperative:
            return self.tr("Önce kooperatifi seçin.")
        errors = len(self.validation.errors) if self.validation else 0
        if errors:
            return self.tr("{0} hata düzeltilmeden onaya gönderilemez.").format(errors)
        return ""

    def _update_buttons(self) -> None:
        blocker = self.submit_blocker()
        self.submit_button.setEnabled(not blocker and not self.busy)
        self.submit_button.setToolTip(blocker or self.tr("Kaydedip şefin onayına gönderir."))
        self.save_button.setEnabled(not self.read_only and not self.busy and self.ctype is not None)
        if not self.read_only:
            self.save_button.setToolTip(self.tr("Hatalar olsa da taslak olarak kaydeder."))

    def _update_status(self) -> None:
        if self.is_dirty():
            self.status.setText(self.tr("Kaydedilmemiş değişiklikler var (otomatik yedekleniyor)."))

    # -- cooperative picker ------------------------------------------------------------------

    def on_picker_edit_text_edited(self, text: str) -> None:
        self.search_timer.start()

    def on_search_timer_timeout(self) -> None:
        text = self.picker_edit.text()
        if not text.strip():
            self.picker_results.clear()
            self.picker_results.hide()
            return
        self.ctx.worker.submit(
            lambda store: snapshot.search(store, text, limit=20),
            self._guard(self.on_search_results),
            self._guard(self.on_worker_error),
            coalesce=f"editor-coop-search-{id(self)}",
        )

    def on_search_results(self, rows: list[dict[str, Any]]) -> None:
        self.picker_results.clear()
        for row in rows:
            item = QListWidgetItem(f"{row['id']} — {row['title']}")
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.picker_results.addItem(item)
        if not rows:
            item = QListWidgetItem(self.tr("Eşleşen kooperatif yok."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.picker_results.addItem(item)
        elif self.picker_results.count():
            self.picker_results.setCurrentRow(0)
        self.picker_results.show()

    def on_picker_edit_return_pressed(self) -> None:
        item = self.picker_results.currentItem()
        if item is not None and self.picker_results.isVisible():
            self.on_picker_results_item_activated(item)

    def on_picker_results_item_activated(self, item: QListWidgetItem) -> None:
        cooperative = item.data(Qt.ItemDataRole.UserRole)
        if not cooperative:
            return
        self.choose_cooperative(str(cooperative))

    def choose_cooperative(self, cooperative: str) -> None:
        """Attach the form to ``cooperative`` and load its record (founding date, current values)."""
        self.cooperative = cooperative
        self._picked = True
        self.picker_results.hide()
        self.ctx.worker.submit(
            lambda store: cooperative_record(store, cooperative),
            self._guard(self.on_cooperative_loaded),
            self._guard(self.on_worker_error),
        )

    def on_cooperative_loaded(self, record: dict[str, Any] | None) -> None:
        self.record = record
        self._show_header()
        self.picker_edit.clear()
        self._after_change()
        self._focus_first()

    # -- saving --------------------------------------------------------------------------

    def on_save_button_clicked(self) -> None:
        self.save(then_submit=False)

    def on_submit_button_clicked(self) -> None:
        blocker = self.submit_blocker()
        if blocker:
            self.status.setText(blocker)
            return
        self.save(then_submit=True)

    def save(self, *, then_submit: bool, then_close: bool = False) -> None:
        if self.ctype is None or self.read_only or self.busy:
            return
        self.validate_timer.stop()
        self.revalidate()
        if not self.ctype.registers and not self.cooperative:
            self.status.setText(self.tr("Kaydetmek için önce kooperatifi seçin."))
            self.picker_edit.setFocus()
            return
        actor = self.actor
        data = self.raw_form()
        shas = self.attachment_panel.shas()
        entry = self.entry
        needs_revision = entry is None or self.is_dirty() or entry.state != State.DRAFT
        type_id, cooperative, form_id, planned = (
            self.ctype.id,
            self.cooperative,
            self.form_id,
            self.planned_uuid,
        )

        def op(store: Store) -> tuple[Entry, BaseException | None]:
            with store.write():
                if entry is None:
                    saved = capture.create_entry(
                        store, actor, type_id, cooperative, data, allow_errors=True, entry_uuid=planned
                    )
                elif needs_revision:
                    saved = capture.edit_entry(store, actor, entry.uuid, data, allow_errors=True)
                else:
                    saved = entry
                attachment_service.sync_links(store, actor, saved.uuid, shas)
                autosave.discard(store, form_id)
            if not then_submit:
                return saved, None
            try:
                return capture.submit_entry(store, actor, saved.uuid), None
            except DomainError as exc:
                return entries.get_entry(store, saved.uuid), exc

        self.busy = True
        self.autosave_timer.stop()
        self._autosave_pending = False
        self._update_buttons()
        self.status.setText(self.tr("Kaydediliyor…"))
        self.ctx.worker.submit(
            op,
            self._guard(lambda result: self.on_saved(result, then_close)),
            self._guard(self.on_save_failed),
        )

    def on_saved(self, result: tuple[Entry, BaseException | None], then_close: bool) -> None:
        entry, submit_error = result
        self.busy = False
        self.entry = entry
        self._restored = False
        self._attachments_dirty = False
        self.undo_stack.setClean()
        time = QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey).toString(
            QTime.currentTime(), "HH:mm"
        )
        self.ctx.hub.entries_changed.emit([entry.uuid])
        self.saved.emit(entry.uuid)
        if entry.state == State.SUBMITTED:
            self.status.setText(self.tr("{0} onaya gönderildi.").format(time))
            self._decide_read_only()
            self._show_header()
            self._update_buttons()
            self.submitted.emit(entry.uuid)
            self.ctx.hub.message.emit(self.tr("Kayıt onaya gönderildi."))
            self._closing_confirmed = True
            self.accept()
            return
        if submit_error is not None:
            self.status.setText(
                self.tr("Kaydedildi, ama onaya gönderilemedi: {0}").format(user_message(submit_error))
            )
        else:
            self.status.setText(
                self.tr("{0} taslak olarak kaydedildi ({1}. sürüm).").format(time, entry.revision)
            )
        self.comment_banner.setVisible(bool(entry.comment))
        self._decide_read_only()
        self._show_header()
        self._update_buttons()
        if then_close:
            self._closing_confirmed = True
            self.accept()

    def on_save_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._update_buttons()
        message = user_message(exc)
        self.status.setText(self.tr("Kaydedilemedi: {0}").format(message))
        self.ctx.hub.error.emit(message)
        self._autosave_pending = True
        self.autosave_now()

    # -- autosave ---------------------------------------------------------------------------

    def autosave_now(self) -> None:
        """Write the form as typed to the scratch table (through the worker)."""
        self.autosave_timer.stop()
        if not self._autosave_pending or self.ctype is None or self.read_only or self.busy:
            return
        self._autosave_pending = False
        actor, form_id, type_id = self.actor, self.form_id, self.ctype.id
        cooperative, entry_uuid = self.cooperative, self.entry_uuid
        payload, shas = self.raw_form(), self.attachment_panel.shas()
        self.ctx.worker.submit(
            lambda store: autosave.save(
                store,
                actor,
                form_id,
                type_id=type_id,
                cooperative=cooperative,
                entry_uuid=entry_uuid,
                payload=payload,
                attachments=shas,
            ),
            None,
            self._guard(self.on_worker_error),
            coalesce=f"autosave-{form_id}",
        )

    def on_worker_error(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc))

    # -- closing ------------------------------------------------------------------------------

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        box = QMessageBox(self)
        box.setObjectName("unsaved_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Kaydedilmemiş değişiklikler"))
        box.setText(self.tr("Kaydedilmemiş değişiklikler var."))
        box.setInformativeText(
            self.tr(
                "Kaydet: taslak olarak kaydeder. Vazgeç: bu formdaki kaydedilmemiş değişiklikleri atar. "
                "İptal: forma geri döner."
            )
        )
        save = box.addButton(self.tr("Kaydet"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Vazgeç (değişiklikleri at)"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("İptal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is save:
            return QMessageBox.StandardButton.Save
        if clicked is discard:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Cancel

    def _may_close(self) -> bool:
        if self.busy:
            return False
        if self._closing_confirmed or self.read_only or not self.is_dirty():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            self.save(then_submit=False, then_close=True)
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_autosave()
            return True
        return False

    def _discard_autosave(self) -> None:
        self.autosave_timer.stop()
        self._autosave_pending = False
        form_id = self.form_id
        self.ctx.worker.submit(lambda store: autosave.discard(store, form_id))

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
        if not self.is_dirty():
            # Closed clean (saved, or every change undone): no scratch copy to offer later.
            self._discard_autosave()
        self.deleteLater()


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        parts = [str(x) for x in value.values() if x not in (None, "")]
        return ", ".join(parts)
    if isinstance(value, list):
        return str(len(value))
    return "" if value is None else str(value)


def _describe_scalar(f: Field, value: Any, record: dict[str, Any]) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        names = [str(r.get("full_name") or r.get("article_no") or "") for r in value if isinstance(r, dict)]
        return f"{len(value)} satır" + (f" ({', '.join(n for n in names if n)})" if names else "")
    if f.kind == Kind.PROVINCE:
        province = reference.find_province(value)
        return province.name if province else str(value)
    if f.kind == Kind.DISTRICT:
        return reference.district_name(str(record.get("province_code") or ""), str(value))
    if f.kind == Kind.PHONE:
        text = str(value)
        return f"0{text[:3]} {text[3:6]} {text[6:8]} {text[8:]}" if len(text) == 10 else text
    return str(value)
