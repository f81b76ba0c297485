"""Opening an entry or a new form: the one place the shell calls the editor and review windows.

The editor (schema-driven form) and the review view live in their own modules;
they are imported late so the shell starts even while one of them fails to
import, and the person is told so in Turkish instead of losing the window.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.services.queries import EntryRow
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext

log = logging.getLogger(__name__)


def _unavailable(parent: QWidget | None, what: str, exc: Exception) -> None:
    log.error("cannot open %s", what, exc_info=exc)
    messages.show_warning(
        parent,
        QCoreApplication.translate("opening", "Açılamadı"),
        QCoreApplication.translate(
            "opening", "Bu bölüm bu sürümde açılamıyor ({0}). Bilgi işleme bildirin; kayıtlarınız güvende."
        ).format(what),
    )


def _late(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported when first needed (the module is another engineer's window)."""
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def open_new_entry(
    ctx: AppContext,
    parent: QWidget | None,
    type_id: str | None,
    cooperative: str | None = None,
    *,
    copy_of: str | None = None,
) -> None:
    """A new form of ``type_id``, or (``copy_of``) holding a copy of that entry's fields."""
    try:
        open_editor = _late("koopbis_desktop.ui.editor", "open_editor")
    except (ImportError, AttributeError) as exc:
        _unavailable(parent, QCoreApplication.translate("opening", "kayıt formu"), exc)
        return
    open_editor(ctx, parent, type_id=type_id, cooperative=cooperative, copy_of=copy_of)


def is_editable_by(ctx: AppContext, row: EntryRow) -> bool:
    """The author's own draft or returned entry opens in the form; everything else read-only."""
    return (
        ctx.actor is not None
        and row.author == ctx.actor.username
        and row.state in (State.DRAFT, State.RETURNED)
    )


def open_existing_entry(ctx: AppContext, parent: QWidget, row: EntryRow) -> None:
    if is_editable_by(ctx, row):
        try:
            open_editor = _late("koopbis_desktop.ui.editor", "open_editor")
        except (ImportError, AttributeError) as exc:
            _unavailable(parent, QCoreApplication.translate("opening", "kayıt formu"), exc)
            return
        open_editor(ctx, parent, entry_uuid=row.uuid)
        return
    try:
        open_entry = _late("koopbis_desktop.ui.review", "open_entry")
    except (ImportError, AttributeError) as exc:
        _unavailable(parent, QCoreApplication.translate("opening", "kayıt görünümü"), exc)
        return
    open_entry(ctx, parent, row.uuid)
