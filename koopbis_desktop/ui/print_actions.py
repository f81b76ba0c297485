"""The "Günlük liste…" menu item: pick a day, see the signed daily list in a print preview.

Kept apart from the main window so the window only installs it (one line there).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message

# The reports and the print preview (QtPrintSupport) load when a printout is first asked for.
if TYPE_CHECKING:
    from koopbis_desktop.services import reports


class DailyListDialog(QDialog):
    """Asks for the day (today by default); Enter opens the preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Günlük liste"))
        from PySide6.QtWidgets import QDateEdit  # set up with the first dialog, not at every start

        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("dailyDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setMaximumDate(QDate.currentDate())
        info = QLabel(
            self.tr(
                "O gün yazılan ya da işlem gören kayıtlar, imza yerleri ve denetim izinin son özetiyle "
                "yazdırılır; imzalı nüsha veritabanının sonradan değiştirilmediğini kanıtlar."
            )
        )
        info.setWordWrap(True)
        form = QFormLayout()
        caption = QLabel(self.tr("&Gün:"))
        caption.setBuddy(self.date_edit)
        form.addRow(caption, self.date_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Ö&nizle"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Vazgeç"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.date_edit.setFocus()

    def day(self) -> date:
        picked = self.date_edit.date()
        return date(picked.year(), picked.month(), picked.day())


def open_daily_list(window: QWidget, ctx: AppContext) -> None:
    from koopbis_desktop.services import reports

    dialog = DailyListDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    day, province = dialog.day(), ctx.province_code
    ctx.worker.submit(
        lambda store: reports.daily_list(store, day, province),
        lambda report: _show(window, report),
        lambda exc: ctx.hub.error.emit(user_message(exc)),
    )


def _show(window: QWidget, report: reports.Report) -> None:
    from koopbis_desktop.ui.printing import show_preview

    show_preview(window, report)


def open_registry_report(window: QWidget, ctx: AppContext) -> None:
    """Preview the registry warnings (terms run out, assemblies not held) of the province."""
    from koopbis_desktop.services import reports

    province = ctx.province_code
    ctx.worker.submit(
        lambda store: reports.registry_report(store, province),
        lambda report: _show(window, report),
        lambda exc: ctx.hub.error.emit(user_message(exc)),
    )


def install_print_actions(window: QMainWindow, ctx: AppContext, menu: QMenu) -> QAction:
    """Add "Günlük liste…" (Ctrl+P) and "Sicil uyarıları…" to ``menu``; returns the first."""
    action = QAction(QCoreApplication.translate("PrintActions", "&Günlük liste…"), window)
    action.setShortcut(QKeySequence.StandardKey.Print)
    action.setObjectName("dailyListAction")
    action.triggered.connect(lambda: open_daily_list(window, ctx))
    menu.addAction(action)
    registry = QAction(QCoreApplication.translate("PrintActions", "&Sicil uyarıları…"), window)
    registry.setObjectName("registryWarningsAction")
    registry.triggered.connect(lambda: open_registry_report(window, ctx))
    menu.addAction(registry)
    return action
