"""Loading the cooperative list (KOOP-BİS's snapshot file) from the desktop.

The empty Kooperatifler page and the first-run wizard's last page offer it; the work is
``services.setup.import_snapshot`` on the DB worker, which validates the whole file first.
What the import says row by row — why a list was refused, which rows were taken with a
warning — stays in front of the person in a :class:`ListReport` until they close it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message

if TYPE_CHECKING:  # the importer (spreadsheet readers) loads when a list is chosen, not with the page
    from koopbis_desktop.services.snapshot_import import ImportReport


# Every call names its context so that pyside6-lupdate (with `-tr-function-alias translate+=_tr`,
# see the Makefile) extracts the string; a one-argument wrapper hid them, leaving them Turkish in English.
_tr = QCoreApplication.translate


# The sessions (AppContext ids) whose list is being loaded: one load at a time, a second click is told so.
_loading: set[int] = set()


def may_load_list(ctx: AppContext) -> bool:
    """Admins and supervisors load the list (the same rule as ``koopbis snapshot import``)."""
    return ctx.is_admin or ctx.is_supervisor


def file_filter() -> str:
    """Every format the import reads (``services.spreadsheet.open_sheets``), then any file."""
    return _tr(
        "list_loader",
        "Kooperatif listesi (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Tüm dosyalar (*)",
    )


class ListReport(QDialog):
    """A list's refusal or warnings, one line per row, to read and copy while fixing the file."""

    def __init__(self, title: str, summary: str, lines: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listReport")
        self.setWindowTitle(title)
        self.summary = QLabel(summary)
        self.summary.setObjectName("listReportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = QPlainTextEdit()
        self.lines.setObjectName("listReportLines")
        self.lines.setReadOnly(True)
        self.lines.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.lines.setPlainText("\n".join(lines))
        self.lines.setVisible(bool(lines))
        self.close_button = QPushButton(_tr("list_loader", "&Kapat"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(780, 440 if lines else 160)
        self.close_button.setFocus()


def _parent_of(widget: QWidget | None) -> QWidget | None:
    # The page or dialog that asked may be gone when the worker answers (the first-run steps closed).
    return widget if widget is not None and shiboken6.isValid(widget) else None


def _open(report: ListReport) -> ListReport:
    report.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    report.open()
    return report


def show_refusal(parent: QWidget | None, exc: BaseException) -> ListReport:
    """Why the list was not loaded: the import's message and every row it names."""
    from koopbis_desktop.services.spreadsheet import SpreadsheetError

    lines = exc.details() if isinstance(exc, SpreadsheetError) else []
    return _open(
        ListReport(
            _tr("list_loader", "Kooperatif listesi yüklenmedi"), user_message(exc), lines, _parent_of(parent)
        )
    )


def show_warnings(parent: QWidget | None, report: ImportReport) -> ListReport | None:
    """The rows a loaded list took with a warning, and a file open in Excel meanwhile (None: neither)."""
    if not report.warnings and not report.skipped and not report.notices:
        return None
    summary = report.summary()
    if report.warnings:
        total = max(report.warning_count, len(report.warnings))
        summary += " " + _tr(
            "list_loader", "{0} uyarı; her satır neyin alınmadığını ve ne yapılacağını söylüyor:"
        ).format(total)
    lines = [*report.notices, *report.warning_lines()]
    if len(report.warnings) < report.warning_count:
        more = report.warning_count - len(report.warnings)
        lines.append(
            _tr("list_loader", "… ve {0} uyarı daha: dosyayı düzeltip listeyi yeniden yükleyin.").format(more)
        )
    lines += [
        _tr("list_loader", "{0} sicil numaralı kooperatif alınmadı: {1}").format(ident, why)
        for ident, why in report.skipped
    ]
    return _open(
        ListReport(
            _tr("list_loader", "Kooperatif listesi yüklendi; uyarılar var"),
            summary,
            lines,
            _parent_of(parent),
        )
    )


def choose_and_load(
    ctx: AppContext, parent: QWidget, done: Callable[[str], None] | None = None, path: Path | None = None
) -> None:
    """Ask for the file (unless ``path`` is given) and load it; ``done`` gets the report's text."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            parent,
            _tr("list_loader", "Kooperatif listesini yükle"),
            str(Path.home()),
            file_filter(),
        )
        if not name:
            return
        path = Path(name)
    by = ctx.require_actor().username
    chosen = path
    if id(ctx) in _loading:
        ctx.hub.message.emit(
            _tr("list_loader", "Kooperatif listesi zaten yükleniyor; bitince ne olduğu burada yazacak.")
        )
        return
    _loading.add(id(ctx))
    ctx.hub.message.emit(_tr("list_loader", "Kooperatif listesi yükleniyor: {0}…").format(chosen.name))

    def finished(report: ImportReport) -> None:
        _loading.discard(id(ctx))
        ctx.hub.message.emit(report.summary())  # the warnings, line by line, in their own box
        show_warnings(parent, report)
        if done is not None:
            done(report.text())

    def failed(exc: BaseException) -> None:
        _loading.discard(id(ctx))
        show_refusal(parent, exc)

    from koopbis_desktop.services import setup

    try:
        ctx.worker.submit(lambda store: setup.import_snapshot(store, by, chosen), finished, failed)
    except BaseException:
        _loading.discard(id(ctx))
        raise
