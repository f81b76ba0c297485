"""Yardım → Kullanıcı Kılavuzu (F1) and Yardım → Kılavuzu yazdır….

The help window shows the whole guide in a QTextBrowser (Qt's own Markdown
rendering, offline, no browser): contents on the left, a search box that folds
Turkish letters ("onaya gonder" finds "Onaya gönder"), links between sections,
and a back button. F1 opens it at the section of whatever the person is looking
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

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.ui.errors import user_message

# The guide (its Markdown, the document builder) loads when help is first asked for: the
# F1 hook is installed at every start, before the first window.
if TYPE_CHECKING:
    from koopbis_desktop.services.guide import Guide

ANCHOR_ROLE = int(Qt.ItemDataRole.UserRole) + 1
HOOK_PROPERTY = "koopbisHelpF1"  # set on a window once it has its F1


def current_language() -> str:
    from koopbis_desktop.services.guide import DEFAULT_LANGUAGE

    app = QCoreApplication.instance()
    language = app.property("koopbisLanguage") if app is not None else None
    return str(language) if language else DEFAULT_LANGUAGE


class HelpWindow(QWidget):
    """The guide in its own window; :meth:`show_anchor` goes to a section."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        from koopbis_desktop.services.guide import help_anchor, load_guide
        from koopbis_desktop.ui.guide_document import build_guide_document

        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.guide: Guide = load_guide(language or current_language())
        self.setWindowTitle(self.guide.title)
        self.history: list[str] = []
        self.current_anchor = ""

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("helpSearch")
        self.search_edit.setPlaceholderText(self.tr("Kelime yazın (Türkçe harfsiz de olur)"))
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Ara:"))
        search_label.setBuddy(self.search_edit)
        self.list = QListWidget()
        self.list.setObjectName("helpContents")
        self.empty_label = QLabel(self.tr("Bu kelimeler kılavuzda geçmiyor."))
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)
        self.browser.setDocument(build_guide_document(self.guide))
        self.browser.document().setParent(self.browser)

        self.back_button = QPushButton(self.tr("◀ &Geri"))
        self.back_button.setToolTip(self.tr("Önceki bölüme döner (Alt+Sol ok)."))
        self.back_button.setEnabled(False)
        self.print_button = QPushButton(self.tr("Kılavuzu &yazdır…"))
        self.print_button.setToolTip(self.tr("Kılavuzun tamamını A4 PDF olarak kaydeder."))
        self.close_button = QPushButton(self.tr("&Kapat"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_edit, 1)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty_label)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 720])
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.search_edit.textChanged.connect(self.on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self.on_search_edit_return_pressed)
        self.list.itemActivated.connect(self.on_list_item_activated)
        self.list.currentItemChanged.connect(self.on_list_current_item_changed)
        self.browser.anchorClicked.connect(self.on_browser_anchor_clicked)
        self.back_button.clicked.connect(self.back)
        self.print_button.clicked.connect(lambda: print_guide(self))
        self.close_button.clicked.connect(self.close)
        for keys, slot in (("Alt+Left", self.back), ("Esc", self.close), ("Ctrl+F", self.focus_search)):
            QShortcut(QKeySequence(keys), self, slot)
        self.setProperty(HOOK_PROPERTY, True)  # F1 here shows how to use the guide itself
        QShortcut(
            QKeySequence(Qt.Key.Key_F1),
            self,
            lambda: self.show_anchor(help_anchor("HelpWindow", self.guide.language) or ""),
        )

        self._fill_contents()
        self.resize(1000, 720)

    # -- contents and search ------------------------------------------------------------------

    def _add_item(self, text: str, anchor: str) -> None:
        item = QListWidgetItem(text)
        item.setData(ANCHOR_ROLE, anchor)
        self.list.addItem(item)

    def _fill_contents(self) -> None:
        self.list.clear()
        for section in self.guide.sections():
            if section.level == 1:
                self._add_item(section.title, section.anchor)
            elif section.level == 2:
                self._add_item("    " + section.title, section.anchor)
        self.empty_label.hide()

    def search(self, text: str) -> list[str]:
        """Show the sections holding every word of ``text``; their anchors."""
        if not text.strip():
            self._fill_contents()
            return []
        self.list.clear()
        hits = self.guide.search(text)
        for section in hits:
            chapter = self.guide.chapter(section.chapter)
            where = f" — {chapter.title}" if chapter is not None and section.level > 1 else ""
            self._add_item(section.title + where, section.anchor)
        self.empty_label.setVisible(not hits)
        return [s.anchor for s in hits]

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def on_search_edit_text_changed(self, text: str) -> None:
        self.search(text)

    def on_search_edit_return_pressed(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(0)
            self.show_anchor(str(self.list.item(0).data(ANCHOR_ROLE)))

    def on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.show_anchor(str(item.data(ANCHOR_ROLE)))

    def on_list_current_item_changed(
        self, item: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if item is not None:
            self.show_anchor(str(item.data(ANCHOR_ROLE)))

    # -- navigation --------------------------------------------------------------------------

    def show_anchor(self, anchor: str, *, remember: bool = True) -> None:
        """Scroll to ``anchor`` (the guide's start if unknown); the place before goes on the back list."""
        section = self.guide.section(anchor) or self.guide.sections()[0]
        if remember and self.current_anchor and self.current_anchor != section.anchor:
            self.history.append(self.current_anchor)
        self.current_anchor = section.anchor
        self.browser.scrollToAnchor(section.anchor)
        self.back_button.setEnabled(bool(self.history))

    def back(self) -> None:
        if self.history:
            self.show_anchor(self.history.pop(), remember=False)

    def on_browser_anchor_clicked(self, url: QUrl) -> None:
        # Links between sections are "#anchor" (services/guide.py rewrote them); the guide
        # has no links that leave it, and a browser is not opened for any.
        if url.fragment() and not url.path():
            self.show_anchor(url.fragment())


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
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F1), window)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
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
    guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
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
