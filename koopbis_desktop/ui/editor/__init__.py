"""Entry forms generated from change-type schemas (one generic editor for every type)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor


def open_editor(
    ctx: AppContext,
    parent: QWidget | None,
    *,
    type_id: str | None = None,
    cooperative: str | None = None,
    entry_uuid: str | None = None,
    form_id: str | None = None,
    copy_of: str | None = None,
) -> EntryEditor:
    """Show the editor without blocking (new entry, existing entry, an autosaved form, or a new
    form holding a copy of entry ``copy_of``) and return it."""
    editor = EntryEditor(
        ctx,
        parent,
        type_id=type_id,
        cooperative=cooperative,
        entry_uuid=entry_uuid,
        form_id=form_id,
        copy_of=copy_of,
    )
    editor.show()
    editor.raise_()
    editor.activateWindow()
    return editor


__all__ = ["EntryEditor", "open_editor"]
