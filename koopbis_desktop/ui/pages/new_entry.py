"""Choosing what kind of change to record: the "Yeni kayıt" page and the same list as a dialog.

The list is the change types' own labels and descriptions (one place for each
fact); typing filters it through ``fold``, so "tasfiye" and "TASFİYE" match alike.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.changetypes import all_types, turkish_type
from koopbis_desktop.domain.text import fold
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.opening import open_new_entry

TYPE_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class TypeChooser(QWidget):
    """A filter box above the list of change types; Enter or double-click chooses."""

    chosen = Signal(str)  # type id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Yazarak süzün, örneğin: ortak, genel kurul, tasfiye"))
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        for ctype in all_types():
            item = QListWidgetItem(f"{ctype.label}\n    {ctype.description}")
            item.setData(TYPE_ROLE, ctype.id)
            # The Turkish words find a type in English mode too.
            source = turkish_type(ctype.id)
            words = f"{ctype.label} {ctype.description} {ctype.id} {source.label} {source.description}"
            item.setData(TYPE_ROLE + 1, fold(words))
            item.setToolTip(ctype.description)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.empty_label = QLabel(self.tr("Bu sözcükle eşleşen kayıt türü yok."))
        self.empty_label.hide()
        label = QLabel(self.tr("Kayıt &türü:"))
        label.setBuddy(self.filter_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.filter_edit.installEventFilter(self)
        self.list.itemActivated.connect(self.on_list_item_activated)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow keys in the filter box move through the list; Enter chooses.
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._step(1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        rows = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        pos = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, pos + delta))])

    def visible_type_ids(self) -> list[str]:
        return [
            str(self.list.item(i).data(TYPE_ROLE))
            for i in range(self.list.count())
            if not self.list.item(i).isHidden()
        ]

    def on_filter_edit_text_changed(self, text: str) -> None:
        words = fold(text).split()
        first_visible = -1
        for i in range(self.list.count()):
            item = self.list.item(i)
            haystack = str(item.data(TYPE_ROLE + 1))
            hidden = not all(word in haystack for word in words)
            item.setHidden(hidden)
            if not hidden and first_visible < 0:
                first_visible = i
        self.empty_label.setVisible(first_visible < 0)
        current = self.list.currentItem()
        if first_visible >= 0 and (current is None or current.isHidden()):
            self.list.setCurrentRow(first_visible)

    def choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen.emit(str(item.data(TYPE_ROLE)))

    def on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(TYPE_ROLE)))


class NewEntryPage(QWidget):
    """The "Yeni kayıt" page: pick a type, the form opens (the form asks for the cooperative)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page-new")
        self.chooser = TypeChooser()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Yeni kayıt") + "</h2>"))
        hint = QLabel(
            self.tr(
                "Kaydetmek istediğiniz değişikliğin türünü seçip Enter'a basın. "
                "Form açılınca kooperatifi unvanı, sicil no ya da VKN ile bulabilirsiniz."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.chooser, 1)
        self.chooser.chosen.connect(self.on_chooser_chosen)

    def on_chooser_chosen(self, type_id: str) -> None:
        open_new_entry(self.ctx, self, type_id)

    def focus_first(self) -> None:
        self.chooser.filter_edit.setFocus()
        self.chooser.filter_edit.selectAll()


class TypeChooserDialog(QDialog):
    """ "Bu kooperatif için yeni kayıt": the same list in a dialog; ``type_id`` after accept."""

    def __init__(self, cooperative_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Yeni kayıt: {0}").format(cooperative_label))
        self.type_id: str | None = None
        self.chooser = TypeChooser()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser, 1)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.chooser.choose_current)
        buttons.rejected.connect(self.reject)
        self.chooser.chosen.connect(self.on_chooser_chosen)
        self.resize(560, 520)
        self.chooser.filter_edit.setFocus()

    def on_chooser_chosen(self, type_id: str) -> None:
        self.type_id = type_id
        self.accept()
