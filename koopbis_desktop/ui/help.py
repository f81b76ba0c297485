"""Yardım → Kullanıcı Kılavuzu (F1) and Yardım → Kılavuzu yazdır….

The help window (:mod:`koopbis_desktop.ui.help_window`, loaded when help is first asked
for) shows the whole guide. F1 opens it at the section of whatever the person is looking
at: the main window's current page, or the dialog in front (its class name in
:data:`koopbis_desktop.services.guide.HELP_ANCHORS`, else its parent's).

F1 reaches every window without each dialog wiring it: when focus first enters a
window, :func:`install_help_hook` gives that window an F1 shortcut. A window
opened from a modal dialog gets the help window as its own child, so the help is
usable while the dialog waits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox, QWidget

from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.ui.errors import user_message

# The guide (its Markdown, the document builder) and the help window's widgets load when
# help is first asked for: the F1 hook is installed at every start, before the first window.
if TYPE_CHECKING:
    from koopbis_desktop.ui.help_window import HelpWindow

# Qt.ItemDataRole.UserRole + 1, written out: this module loads at every start, before the login,
# and the first use of PySide6's ``Qt`` namespace sets up its ~95 enum classes (≈ 15 ms).
ANCHOR_ROLE = 0x0100 + 1
HOOK_PROPERTY = "koopbisHelpF1"  # set on a window once it has its F1


def current_language() -> str:
    from koopbis_desktop.services.guide import DEFAULT_LANGUAGE

    app = QCoreApplication.instance()
    language = app.property("koopbisLanguage") if app is not None else None
    return str(language) if language else DEFAULT_LANGUAGE


# -- F1 everywhere ------------------------------------------------------------------------------


def anchor_for(widget: QWidget | None) -> str:
    """The section for ``widget``'s window: the main window's page, else the nearest mapped window."""
    from koopbis_desktop.services.guide import help_anchor

    window = widget.window() if widget is not None else None
    while window is not None:
        page_key = getattr(window, "current_page_key", None)
        if callable(page_key):
            found = help_anchor(str(page_key()), current_language())
            if found:
                return found
        for cls in type(window).__mro__:
            found = help_anchor(cls.__name__, current_language())
            if found:
                return found
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return ""


def show_help(origin: QWidget | None, anchor: str | None = None) -> HelpWindow | None:
    """Open (or raise) the help window at ``anchor``, else at the section for ``origin``.

    None when the guide cannot be read (the person is told why).
    """
    from koopbis_desktop.ui.help_window import HelpWindow

    owner = origin.window() if origin is not None else None
    target = anchor if anchor is not None else anchor_for(origin)
    existing = getattr(owner, "_koopbis_help_window", None) if owner is not None else None
    try:
        window = existing if isinstance(existing, HelpWindow) else HelpWindow(owner)
    except KoopbisError as exc:
        QMessageBox.warning(
            owner, QCoreApplication.translate("help", "Kullanıcı Kılavuzu"), user_message(exc)
        )
        return None
    if owner is not None:
        owner._koopbis_help_window = window  # type: ignore[attr-defined]
    window.show()
    window.raise_()
    window.activateWindow()
    window.show_anchor(target)
    return window


def _give_f1(window: QWidget) -> None:
    if window.property(HOOK_PROPERTY):
        return
    window.setProperty(HOOK_PROPERTY, True)
    shortcut = QShortcut(QKeySequence("F1"), window)  # a window shortcut, QShortcut's default
    shortcut.activated.connect(lambda: show_help(window))


def install_help_hook(app: QApplication | None = None) -> None:
    """Give every window F1 when focus first enters it (once per application)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication) or app.property(HOOK_PROPERTY):
        return
    app.setProperty(HOOK_PROPERTY, True)

    def on_focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            _give_f1(new.window())

    app.focusChanged.connect(on_focus_changed)
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            _give_f1(widget)


# -- printing -----------------------------------------------------------------------------------


def _ask_pdf_path(parent: QWidget) -> str | None:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("help", "Kılavuzu PDF olarak kaydet"),
        str(Path(folder) / "kilavuz.pdf"),
        QCoreApplication.translate("help", "PDF belgesi (*.pdf)"),
    )
    return name or None


# Tests replace it to answer the save dialog.
ask_pdf_path: Callable[[QWidget], str | None] = _ask_pdf_path


def print_guide(parent: QWidget) -> Path | None:
    """Ask where, then write the whole guide as an A4 PDF; the file written, or None."""
    from koopbis_desktop.ui.guide_pdf import write_guide_pdf

    name = ask_pdf_path(parent)
    if not name:
        return None
    path = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
    from PySide6.QtCore import Qt

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pages = write_guide_pdf(path, current_language())
    except (KoopbisError, OSError) as exc:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(
            parent, QCoreApplication.translate("help", "Kılavuz yazdırılamadı"), user_message(exc)
        )
        return None
    QGuiApplication.restoreOverrideCursor()
    hub = getattr(getattr(parent.window(), "ctx", None), "hub", None)
    message = QCoreApplication.translate("help", "Kılavuz yazıldı: {0} ({1} sayfa).").format(path, pages)
    if hub is not None:
        hub.message.emit(message)
    return path


def install_help_actions(window: QMainWindow, help_menu: QMenu) -> tuple[QAction, QAction]:
    """Put "Kullanıcı Kılavuzu" (F1) and "Kılavuzu yazdır…" at the top of the Yardım menu."""
    guide_action = QAction(QCoreApplication.translate("help", "Kullanıcı &Kılavuzu"), window)
    guide_action.setObjectName("helpGuideAction")
    guide_action.setShortcut(QKeySequence("F1"))
    guide_action.triggered.connect(lambda: show_help(window))
    print_action = QAction(QCoreApplication.translate("help", "Kılavuzu &yazdır…"), window)
    print_action.setObjectName("helpPrintAction")
    print_action.triggered.connect(lambda: print_guide(window))
    first = help_menu.actions()[0] if help_menu.actions() else None
    help_menu.insertAction(first, guide_action)  # type: ignore[arg-type]
    help_menu.insertAction(first, print_action)  # type: ignore[arg-type]
    help_menu.insertSeparator(first)  # type: ignore[arg-type]
    window.setProperty(HOOK_PROPERTY, True)  # its F1 is the menu action
    install_help_hook()
    return guide_action, print_action


__all__ = [
    "HelpWindow",
    "anchor_for",
    "install_help_actions",
    "install_help_hook",
    "print_guide",
    "show_help",
]
