"""The help window: the whole user guide in a QTextBrowser (Qt's own Markdown rendering,
offline, no browser), contents on the left, a search box that folds Turkish letters
("onaya gonder" finds "Onaya gönder"), links between sections, a back button.

Loaded when help is first asked for (:func:`koopbis_desktop.ui.help.show_help`): the
F1 hook in :mod:`koopbis_desktop.ui.help` is installed at every start, before the first
window, and needs none of these widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.ui.help import ANCHOR_ROLE, HOOK_PROPERTY, current_language, print_guide

if TYPE_CHECKING:
    from koopbis_desktop.services.guide import Guide


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
