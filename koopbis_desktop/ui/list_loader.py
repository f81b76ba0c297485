"""Loading the cooperative list (KOOP-BİS's snapshot file) from the desktop.

The empty Kooperatifler page and the first-run wizard's last page offer it; the work is
``services.setup.import_snapshot`` on the DB worker, which validates the whole file first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message

if TYPE_CHECKING:  # the importer (spreadsheet readers) loads when a list is chosen, not with the page
    from koopbis_desktop.services.snapshot_import import ImportReport


# Every call names its context so that pyside6-lupdate (with `-tr-function-alias translate+=_tr`,
# see the Makefile) extracts the string; a one-argument wrapper hid them, leaving them Turkish in English.
_tr = QCoreApplication.translate


def may_load_list(ctx: AppContext) -> bool:
    """Admins and supervisors load the list (the same rule as ``koopbis snapshot import``)."""
    return ctx.is_admin or ctx.is_supervisor


def choose_and_load(
    ctx: AppContext, parent: QWidget, done: Callable[[str], None] | None = None, path: Path | None = None
) -> None:
    """Ask for the file (unless ``path`` is given) and load it; ``done`` gets the report's text."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            parent,
            _tr("list_loader", "Kooperatif listesini yükle"),
            str(Path.home()),
            _tr("list_loader", "Kooperatif listesi (*.csv *.xlsx *.txt)"),
        )
        if not name:
            return
        path = Path(name)
    by = ctx.require_actor().username
    chosen = path

    def finished(report: ImportReport) -> None:
        text = report.text()
        ctx.hub.message.emit(text)
        if done is not None:
            done(text)

    def failed(exc: BaseException) -> None:
        ctx.hub.error.emit(user_message(exc))

    from koopbis_desktop.services import setup

    ctx.worker.submit(lambda store: setup.import_snapshot(store, by, chosen), finished, failed)
