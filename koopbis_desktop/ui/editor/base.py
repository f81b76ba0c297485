"""What every part of the entry editor shares: its signals, state and widgets, declared once.

The editor is one dialog assembled from parts (layout, values, validation display, cooperative
picker, submit actions), each in its own module; they all derive from this base so each part
can use the editor's state and the others' methods with their types checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QWidget,
)

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.domain.schema import ChangeType, ValidationResult
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.attachments_panel import AttachmentPanel
from koopbis_desktop.ui.editor.presence_claim import EditClaim
from koopbis_desktop.ui.editor.rows import FieldRow


class EditorBase(QDialog):
    """The entry editor's shared state; EntryEditor (editor.py) fills it in ``__init__``."""

    saved = Signal(str)  # entry uuid, after every successful save
    submitted = Signal(str)  # entry uuid, after it went to the supervisor
    loaded = Signal()  # the form is built and shows its values
    # "Kaydet" in the question before closing: True once saved (the form then closes), False if
    # the save failed or typing came in meanwhile (the form stays open).
    close_save_ended = Signal(bool)

    ctx: AppContext
    actor: Actor
    ctype: ChangeType | None
    cooperative: str | None
    record: dict[str, Any] | None
    entry: Entry | None
    # The entry's revision the form's values were typed on: a save over a newer one is refused.
    loaded_revision: int | None
    # What KOOP-BİS refused, if it did: its per-field messages show while a field still holds it.
    refused_payload: dict[str, Any] | None
    # Who returned the entry last and when (a stored time), for the return note's banner.
    returned: tuple[str, str] | None
    # The entry this new form was copied from ("Yeni kayda kopyala…"), until it is saved.
    copied_from: Entry | None
    form_id: str
    planned_uuid: str
    rows: dict[str, FieldRow]
    values: dict[str, Any]
    validation: ValidationResult | None
    # Fields whose issues are shown: left once, or holding a value when the form opened;
    # ``reveal_all`` after the first submit attempt (a blank form opens without red).
    revealed: set[str]
    reveal_all: bool
    read_only_reason: str
    claim: EditClaim | None  # this form's "being edited" mark for the other PCs
    is_loaded: bool
    busy: bool
    _focus_on_activation: bool
    _restored: bool
    _restoring: bool  # opened to bring a scratch copy back (kept if the form never opens)
    _attachments_dirty: bool
    _autosave_pending: bool
    _closing_confirmed: bool
    _frozen_for_submit = False  # a submission is on its way: the fields take no typing
    _autosave_failures = 0  # autosaves refused in a row: the next try waits longer
    _saving_to_close = False  # the save under way was asked for by the closing question
    _focus_before_submit: QWidget | None = None  # where the clerk was when it froze them
    _token: int
    # A table's rows as filled from the chosen cooperative (picker), to tell them from typed ones.
    _prefilled: dict[str, Any]
    _picked = False  # the clerk chose the cooperative in the picker (it stays visible to change it)
    _picked_again = False  # a copy's cooperative was chosen here (the cursor goes to the fields now)
    undo_stack: QUndoStack
    validate_timer: QTimer
    autosave_timer: QTimer
    search_timer: QTimer

    heading: QLabel
    description: QLabel
    cooperative_label: QLabel
    picker: QWidget
    picker_edit: QLineEdit
    picker_results: QListWidget
    comment_banner: QLabel
    read_only_banner: QLabel
    presence_banner: QLabel  # someone else has this entry open (office)
    changed_banner: QLabel  # the entry changed elsewhere while open: who, what, what next (live.py)
    summary: QLabel
    form_host: QWidget
    form: QFormLayout
    scroll_area: QScrollArea
    attachments_box: QGroupBox
    attachment_panel: AttachmentPanel
    status: QLabel
    save_button: QPushButton
    submit_button: QPushButton
    withdraw_button: QPushButton  # Geri çek…: shown when its author may withdraw the entry
    copy_button: QPushButton  # Yeni kayda kopyala…: a saved entry's fields in a new form (copy_action.py)
    close_button: QPushButton

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

    if TYPE_CHECKING:
        # Defined by the parts; declared here so one part may call another's.
        def apply_values(self, values: dict[str, Any]) -> None: ...
        def raw_form(self, *, as_typed: bool = False) -> dict[str, Any]: ...
        def commit_open_cells(self) -> None: ...
        def undo_typing(self) -> None: ...
        def redo_typing(self) -> None: ...
        def on_cell_typing(self) -> None: ...
        def on_autosaved(self, _result: object = None) -> None: ...
        def on_autosave_failed(self, exc: BaseException) -> None: ...
        def on_field_edited(self, name: str) -> None: ...
        def on_field_left(self, name: str = "") -> None: ...
        def on_undo_stack_clean_changed(self, clean: bool) -> None: ...
        def on_attachment_panel_changed(self) -> None: ...
        def _after_change(self) -> None: ...
        def revalidate(self) -> None: ...
        def is_revealed(self, path: str) -> bool: ...
        def reveal_everything(self) -> None: ...
        def submit_blocker(self) -> str: ...
        def _update_buttons(self) -> None: ...
        def _update_withdraw_button(self) -> None: ...
        def _freeze_for_submit(self, frozen: bool) -> None: ...
        def on_withdraw_button_clicked(self) -> None: ...
        def on_copy_button_clicked(self) -> None: ...
        def _update_copy_button(self) -> None: ...
        def _update_status(self) -> None: ...
        def _decide_read_only(self) -> None: ...
        def _show_header(self) -> None: ...
        def _claim_if_editing(self) -> None: ...
        def _focus_first(self) -> None: ...
        def on_picker_edit_text_edited(self, text: str) -> None: ...
        def on_picker_edit_return_pressed(self) -> None: ...
        def on_picker_down(self) -> None: ...
        def on_picker_results_item_activated(self, item: QListWidgetItem) -> None: ...
        def on_search_timer_timeout(self) -> None: ...
        def on_save_button_clicked(self) -> None: ...
        def on_submit_button_clicked(self) -> None: ...
        def save(self, *, then_submit: bool, then_close: bool = False) -> None: ...
        def autosave_now(self) -> None: ...
        def on_worker_error(self, exc: BaseException) -> None: ...
        def check_entry(self) -> None: ...
        def on_entry_news(self, news: Any, *, since_typing: bool = False) -> None: ...
