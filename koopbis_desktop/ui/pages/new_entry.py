"""Choosing what kind of change to record: the "Yeni kayıt" page and the same list as a dialog.

The list is the change types' own labels and descriptions (one place for each
fact); typing filters it through ``fold``, so "tasfiye" and "TASFİYE" match alike. Matches
are ranked: the label first, then the type's keywords ("başkan" finds the board election),
the description last, so "yonetim" opens the board election and not a registration whose
description happens to mention a board. With a cooperative chosen, registering a new one
is not offered.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.changetypes import all_types, turkish_type
from koopbis_desktop.domain.schema import ChangeType
from koopbis_desktop.domain.text import fold
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.opening import open_new_entry

TYPE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_NO_MATCH = 99


def match_rank(ctype: ChangeType, text: str) -> int:
    """How well typed words name a type: 0 label, 1 keywords, 2 description; ``_NO_MATCH`` else.

    Every word must be found; a word found only in the description ranks the whole match there.
    """
    words = fold(text).split()
    if not words:
        return 0
    # The Turkish words find a type in English mode too.
    source = turkish_type(ctype.id)
    tiers = (
        fold(f"{ctype.label} {ctype.id} {source.label}"),
        fold(" ".join(ctype.keywords)),
        fold(f"{ctype.description} {source.description}"),
    )
    rank = 0
    for word in words:
        tier = next((i for i, haystack in enumerate(tiers) if word in haystack), _NO_MATCH)
        rank = max(rank, tier)
    return rank


def ranked_types(text: str, *, offer_registration: bool = True) -> list[ChangeType]:
    """The change types matching ``text``, best first (the schema's order within a rank)."""
    scored = [
        (match_rank(ctype, text), index, ctype)
        for index, ctype in enumerate(all_types())
        if offer_registration or not ctype.registers
    ]
    return [ctype for rank, _, ctype in sorted(scored, key=lambda t: t[:2]) if rank < _NO_MATCH]


class TypeChooser(QWidget):
    """A filter box above the list of change types; Enter or double-click chooses."""

    chosen = Signal(str)  # type id

    def __init__(self, parent: QWidget | None = None, *, offer_registration: bool = True) -> None:
        super().__init__(parent)
        self.offer_registration = offer_registration
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Yazarak süzün, örneğin: ortak, genel kurul, tasfiye"))
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
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
        self._fill("")
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

    def set_offer_registration(self, offer: bool) -> None:
        self.offer_registration = offer
        self._fill(self.filter_edit.text())

    def _fill(self, text: str) -> None:
        # The list is rebuilt in rank order: the best match is the first row, and Enter takes it.
        self.list.clear()
        for ctype in ranked_types(text, offer_registration=self.offer_registration):
            item = QListWidgetItem(f"{ctype.label}\n    {ctype.description}")
            item.setData(TYPE_ROLE, ctype.id)
            item.setToolTip(ctype.description)
            self.list.addItem(item)
        self.empty_label.setVisible(self.list.count() == 0)
        if self.list.count():
            self.list.setCurrentRow(0)

    def on_filter_edit_text_changed(self, text: str) -> None:
        self._fill(text)

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
        self.cooperative: str | None = None
        self.chooser = TypeChooser()
        self.cooperative_label = QLabel()
        self.cooperative_label.setObjectName("new_entry_cooperative")
        self.cooperative_label.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_cooperative_button = QPushButton(self.tr("Kooperatif seçimini &kaldır"))
        self.clear_cooperative_button.clicked.connect(lambda: self.set_cooperative(None))
        self.cooperative_bar = QWidget()
        bar = QHBoxLayout(self.cooperative_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.cooperative_label, 1)
        bar.addWidget(self.clear_cooperative_button)
        self.cooperative_bar.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Yeni kayıt") + "</h2>"))
        layout.addWidget(self.cooperative_bar)
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

    def set_cooperative(self, cooperative: str | None, label: str = "") -> None:
        """The cooperative chosen on the Kooperatifler page: the new form is for it."""
        self.cooperative = cooperative or None
        self.cooperative_label.setText(self.tr("Kooperatif: {0}").format(label or cooperative or ""))
        self.cooperative_bar.setVisible(self.cooperative is not None)
        self.chooser.set_offer_registration(self.cooperative is None)

    def on_chooser_chosen(self, type_id: str) -> None:
        open_new_entry(self.ctx, self, type_id, self.cooperative)

    def focus_first(self) -> None:
        self.chooser.filter_edit.setFocus()
        self.chooser.filter_edit.selectAll()


class TypeChooserDialog(QDialog):
    """ "Bu kooperatif için yeni kayıt": the same list in a dialog; ``type_id`` after accept."""

    def __init__(self, cooperative_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Yeni kayıt: {0}").format(cooperative_label))
        self.type_id: str | None = None
        self.chooser = TypeChooser(offer_registration=False)  # the cooperative exists already
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
