"""Opening a new entry as a copy of another ("Yeni kayda kopyala…"): the form, the review and the queues.

A clerk who withdrew an entry (entered against the wrong cooperative, say) or who records one
much like another does not type it again: the copy is a new form of the same change type holding
the entry's fields as typed (``editor.seed.copied_values``) and its scans, for the same
cooperative until she picks another. Nothing is stored until she saves it. Offered to whoever may
record entries (``lifecycle.may_capture``), on any entry she can open.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.opening import open_new_entry

COPY_KEYS = "Ctrl+Shift+K"  # "Kopyala", in the form, the review window and on the queues


def open_copy(ctx: AppContext, parent: QWidget | None, entry_uuid: str) -> None:
    """Open a new form holding a copy of entry ``entry_uuid`` (stores nothing)."""
    open_new_entry(ctx, parent, None, copy_of=entry_uuid)


__all__ = ["COPY_KEYS", "open_copy"]
