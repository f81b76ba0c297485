"""The entry form's "Yeni kayda kopyala…": a new form holding this entry's fields as typed.

Offered on any saved entry the form shows (editable or read-only) to whoever may record entries
(``lifecycle.may_capture``). The copy is an ordinary new form (``seed.load_seed(copy_of=…)``):
the same cooperative until the clerk picks another, nothing stored until she saves it, autosaved
as any new form once she types. It is made from the entry as saved; typing not saved here stays
in this form and is not in the copy (the status line says so).
"""

from __future__ import annotations

from koopbis_desktop.domain.lifecycle import may_capture
from koopbis_desktop.ui.copy_entry import open_copy
from koopbis_desktop.ui.editor.base import EditorBase


class CopyAction(EditorBase):
    """Yeni kayda kopyala… (Ctrl+Shift+K) in the form of a saved entry."""

    def may_copy(self) -> bool:
        return self.entry is not None and may_capture(self.actor)

    def _update_copy_button(self) -> None:
        self.copy_button.setVisible(self.is_loaded and self.may_copy())
        self.copy_button.setEnabled(not self.busy)

    def on_copy_button_clicked(self) -> None:
        if self.busy or not self.is_loaded or not self.may_copy():
            return
        assert self.entry is not None
        if not self.read_only:
            self.commit_open_cells()
        if self.is_dirty():
            self.status.setText(
                self.tr(
                    "Kopya kaydın kaydedilmiş hâlinden açıldı; bu formdaki kaydedilmemiş değişiklikler "
                    "kopyada yok, burada duruyor."
                )
            )
        # Beside this form, not inside it: the copy stays open when this one closes.
        open_copy(self.ctx, self.parentWidget(), self.entry.uuid)
