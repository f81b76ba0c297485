"""The entry editor's values: what is typed, its undo steps, and what a change sets off.

Consecutive keystrokes in one field merge into one undo step; every change restarts the
validation timer and marks the form for autosave.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from koopbis_desktop.domain.schema import Kind
from koopbis_desktop.ui.editor.base import EditorBase
from koopbis_desktop.ui.editor.fields import ComboField
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.editor.rows import FieldRow


class SetValues(QUndoCommand):
    """One change of field values; consecutive keystrokes in one field merge into one step."""

    def __init__(self, editor: EditorBase, old: dict[str, Any], new: dict[str, Any], token: int) -> None:
        super().__init__(QCoreApplication.translate("SetValues", "Değişiklik"))
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
        if not isinstance(other, SetValues) or other.token != self.token:
            return False
        # Compose: the merged step goes from this step's old values to the other's new ones.
        for name, value in other.old.items():
            self.old.setdefault(name, value)
        self.new = {**self.new, **other.new}
        return True


class FormValues(EditorBase):
    """The values as typed, their undo steps, and what a change sets off (validation, autosave)."""

    def raw_form(self, *, as_typed: bool = False) -> dict[str, Any]:
        """The form as typed: what validation, autosave and Save see.

        ``as_typed``: with the text of a table cell still being typed in (the autosave's copy;
        Save and Submit write the cell into its table first, ``commit_open_cells``).
        """
        out: dict[str, Any] = {}
        for name, row in self.rows.items():
            widget = row.widget
            value = widget.raw_as_typed() if as_typed and isinstance(widget, GroupField) else widget.raw()
            if value in ("", None, []):
                continue
            if isinstance(value, str) and row.field.kind not in (Kind.LONGTEXT,):
                value = value.strip()
                if not value:
                    continue
            out[name] = value
        return out

    def commit_open_cells(self) -> None:
        """Write a table cell still being typed into its table (before a save, submit or close)."""
        for row in self.rows.values():
            if isinstance(row.widget, GroupField):
                row.widget.commit_open_cell()

    def _dependents(self, name: str) -> list[FieldRow]:
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
        self.undo_stack.push(SetValues(self, old, new, token))
        self._after_change()

    def on_field_left(self, name: str = "") -> None:
        self._token += 1  # the next keystroke starts a new undo step
        if name and name not in self.revealed and self.is_loaded:
            # From now on this field's issues show (a required field left blank says so now).
            self.revealed.add(name)
            self.validate_timer.start()
        if self._autosave_pending:
            self.autosave_now()

    def undo_typing(self) -> None:
        """Ctrl+Z: a table cell being typed in is written first, so its typing is the step undone
        (and Ctrl+Y brings it back) instead of being thrown away with an older step undone."""
        if self.read_only or self._frozen_for_submit or self.busy:
            return
        self.commit_open_cells()
        self.undo_stack.undo()

    def redo_typing(self) -> None:
        if self.read_only or self._frozen_for_submit or self.busy:
            return
        self.commit_open_cells()
        self.undo_stack.redo()

    def on_cell_typing(self) -> None:
        """A table cell is being typed in: its text goes into the autosave's copy (the table has
        it only when the cell is left)."""
        if self.is_loaded and not self.read_only:
            self._autosave_pending = True
            if not self.autosave_timer.isActive():
                self.autosave_timer.start()

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
