"""One generic input widget per field ``Kind``: the whole form is built from these.

No widget here knows a change type; each knows only how a kind of value is
typed (a TCKN, a date, an amount, a choice) and reports every change the person
makes. Values are kept as typed (``raw``) so an invalid entry is never lost;
the schema's validator decides what is wrong, and the form shows it.
"""

from __future__ import annotations

import re
import time
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from koopbis_desktop.domain import reference
from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.schema import Field, Kind
from koopbis_desktop.domain.text import collation_key, fold


class FormUndoKeys(QObject):
    """Keeps Ctrl+Z / Ctrl+Y for the form's own undo stack instead of one line edit's.

    A line edit claims these keys through a ShortcutOverride; swallowing that
    event lets the dialog's shortcuts undo across every field in order.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or (
                    event.modifiers() == Qt.KeyboardModifier.ControlModifier
                    and event.key() in (Qt.Key.Key_Z, Qt.Key.Key_Y)
                )
            )
        ):
            event.ignore()
            return True
        return False


UNDO_KEYS = FormUndoKeys()


class FieldWidget(QWidget):
    """Base of the generic field widgets: ``raw`` value, change and leave signals."""

    edited = Signal()  # the person changed the value
    left = Signal()  # the person finished with the field (autosave point)
    enter_pressed = Signal()  # Enter in a single-line field (saves the form)

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._quiet = False
        self.setObjectName(f"field_{field.name}")

    def raw(self) -> Any:
        raise NotImplementedError

    def set_raw(self, value: Any) -> None:
        self._quiet = True
        try:
            self._show(value)
        finally:
            self._quiet = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def _on_value_changed(self, *_: object) -> None:
        if not self._quiet:
            self.edited.emit()


def _text_of(value: Any) -> str:
    return "" if value is None else str(value)


class LineField(FieldWidget):
    """Single-line text: text, numbers, identity numbers, phone, amounts, registry ids."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"edit_{field.name}")
        if field.max_length:
            self.edit.setMaxLength(field.max_length)
        placeholder = {
            Kind.TCKN: self.tr("11 haneli T.C. Kimlik No"),
            Kind.VKN: self.tr("10 haneli Vergi Kimlik No"),
            Kind.TCKN_OR_VKN: self.tr("T.C. Kimlik No (11) ya da VKN (10)"),
            Kind.MERSIS: self.tr("16 haneli MERSİS No"),
            Kind.PHONE: self.tr("ör. 0312 555 12 34"),
            Kind.MONEY: self.tr("ör. 1.250,50"),
            Kind.INT: self.tr("tam sayı"),
        }.get(field.kind, "")
        self.edit.setPlaceholderText(placeholder)
        if field.kind in (Kind.INT, Kind.MONEY):
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.edit.setMaximumWidth(200)
            self.edit.setMinimumWidth(160)
        elif field.kind in (Kind.TCKN, Kind.VKN, Kind.TCKN_OR_VKN, Kind.MERSIS, Kind.PHONE):
            self.edit.setMaximumWidth(260)
            self.edit.setMinimumWidth(220)
        self.edit.installEventFilter(UNDO_KEYS)
        self.edit.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        if self.edit.maximumWidth() < 1000:
            layout.addStretch(1)
        self.edit.textChanged.connect(self._on_value_changed)
        self.edit.editingFinished.connect(self.on_edit_editing_finished)
        self.edit.returnPressed.connect(self.enter_pressed)
        self.setFocusProxy(self.edit)

    def raw(self) -> Any:
        return self.edit.text()

    def _show(self, value: Any) -> None:
        text = _text_of(value)
        if self.field.kind == Kind.MONEY and text:
            text = _money_display(text)
        self.edit.setText(text)

    def focus_target(self) -> QWidget:
        return self.edit

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and not self.edit.isModified():
            # Qt 6 sends editingFinished only after a change; a field left blank was still left.
            self.left.emit()
        return False

    def on_edit_editing_finished(self) -> None:
        if self.field.kind == Kind.MONEY and self.edit.text().strip():
            # Shown in Turkish notation once the clerk leaves; an amount that does not
            # parse stays exactly as typed so the message beside it makes sense.
            shown = _money_display(self.edit.text())
            if shown != self.edit.text():
                self.edit.setText(shown)
        self.left.emit()


def _money_display(text: str) -> str:
    try:
        return v.format_money(v.parse_money(text)).removesuffix(" TL")
    except v.FieldError:
        return text


class LongTextField(FieldWidget):
    """Several lines (addresses, decisions); Tab moves on instead of typing a tab."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = _PlainText(self)
        self.edit.setObjectName(f"edit_{field.name}")
        self.edit.setTabChangesFocus(True)
        self.edit.setUndoRedoEnabled(False)
        self.edit.installEventFilter(UNDO_KEYS)
        lines = 6 if (field.max_length or 0) > 2000 else 3
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * lines + 14)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._on_value_changed)
        self.edit.focus_lost.connect(self.left)
        self.setFocusProxy(self.edit)

    def raw(self) -> Any:
        return self.edit.toPlainText()

    def _show(self, value: Any) -> None:
        self.edit.setPlainText(_text_of(value))

    def focus_target(self) -> QWidget:
        return self.edit

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class _PlainText(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


_EIGHT_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


class DateField(FieldWidget):
    """A date typed as GG.AA.YYYY (empty allowed), with a calendar button (Alt+Down)."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"edit_{field.name}")
        self.edit.setPlaceholderText(self.tr("GG.AA.YYYY"))
        self.edit.setMaximumWidth(140)
        self.edit.installEventFilter(UNDO_KEYS)
        self.edit.installEventFilter(self)
        self.button = QToolButton(self)
        self.button.setText(self.tr("Takvim…"))
        self.button.setToolTip(self.tr("Takvimden seç (Alt+Aşağı ok)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.on_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.edit.textChanged.connect(self._on_value_changed)
        self.edit.editingFinished.connect(self.on_edit_editing_finished)
        self.edit.returnPressed.connect(self.enter_pressed)
        self.setFocusProxy(self.edit)
        self.calendar: QCalendarWidget | None = None

    def raw(self) -> Any:
        # 02032015 is read as 02.03.2015 at once, not only once the field is left: Enter,
        # Ctrl+S or Ctrl+Enter pressed in the field saves or submits what the field will show.
        text = self.edit.text()
        match = _EIGHT_DIGITS.match(text.strip())
        return ".".join(match.groups()) if match else text

    def _show(self, value: Any) -> None:
        text = _text_of(value)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            text = v.format_date(text)
        self.edit.setText(text)

    def focus_target(self) -> QWidget:
        return self.edit

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and not self.edit.isModified():
            self.left.emit()  # left blank or unchanged: editingFinished stays silent in Qt 6
            return False
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.on_button_clicked()
            return True
        return False

    def on_edit_editing_finished(self) -> None:
        match = _EIGHT_DIGITS.match(self.edit.text().strip())
        if match:
            self.edit.setText(".".join(match.groups()))
        self.left.emit()

    def on_button_clicked(self) -> None:
        if self.edit.isReadOnly():
            return
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setLocale(self.locale())
        calendar.setGridVisible(True)
        try:
            current = QDate.fromString(v.parse_date(self.edit.text(), allow_future=True), "yyyy-MM-dd")
        except v.FieldError:
            current = QDate.currentDate()
        calendar.setSelectedDate(current)
        calendar.activated.connect(self.on_calendar_chosen)
        calendar.clicked.connect(self.on_calendar_chosen)
        calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar = calendar
        calendar.show()
        calendar.setFocus()

    def on_calendar_chosen(self, day: QDate) -> None:
        self.edit.setText(day.toString("dd.MM.yyyy"))
        if self.calendar is not None:
            self.calendar.close()
            self.calendar.deleteLater()
            self.calendar = None
        self.edit.setFocus()
        self.left.emit()


class TypeAheadCombo(QComboBox):
    """A closed combo that jumps to the item whose name starts with what is typed.

    Matching folds Turkish letters (``fold``), so "izmir" finds "İzmir" and "igdir"
    finds "Iğdır"; an item's extra keys (a province's plate code) match too.
    """

    KEYS_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._typed_at = 0.0
        self.installEventFilter(UNDO_KEYS)

    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._typed = ""  # coming back starts a new search
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not (
            event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        now = time.monotonic()
        if now - self._typed_at > 1.0:
            self._typed = ""
        if plain and text and text.isprintable() and (text != " " or self._typed):
            self._typed += text
            self._typed_at = now
            wanted = fold(self._typed)
            for index in range(self.count()):
                keys = [fold(self.itemText(index)), *(self.itemData(index, self.KEYS_ROLE) or [])]
                if any(key.startswith(wanted) for key in keys if key):
                    self.setCurrentIndex(index)
                    break
            event.accept()
            return
        super().keyPressEvent(event)


class ComboField(FieldWidget):
    """A choice: schema choices, cooperative types, provinces or a province's districts."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = TypeAheadCombo(self)
        self.combo.setObjectName(f"combo_{field.name}")
        self.combo.setMinimumWidth(260)
        self.combo.setMaxVisibleItems(20)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self._fill(self._options())
        self.combo.currentIndexChanged.connect(self._on_value_changed)
        self.combo.currentIndexChanged.connect(self._on_combo_index_changed)
        self.combo.focus_lost.connect(self.left)
        self.setFocusProxy(self.combo)
        self._pending: str | None = None  # a value shown before its options exist (district)
        self._read_only = False
        self._has_options = self.combo.count() > 1

    def _options(self) -> list[tuple[str, str, list[str]]]:
        match self.field.kind:
            case Kind.COOPERATIVE_TYPE:
                return [
                    (t.code, reference.cooperative_type_name(t), []) for t in reference.cooperative_types()
                ]
            case Kind.PROVINCE:
                return [(p.code, f"{p.name} ({p.code})", [p.code]) for p in reference.provinces()]
            case Kind.DISTRICT:
                return []
            case _:
                return [(c.value, c.label, []) for c in self.field.choices]

    def _fill(self, options: list[tuple[str, str, list[str]]]) -> None:
        self.combo.clear()
        self.combo.addItem(self.tr("— seçin —"), "")
        for value, label, keys in options:
            self.combo.addItem(label, value)
            self.combo.setItemData(self.combo.count() - 1, keys, TypeAheadCombo.KEYS_ROLE)

    def set_province(self, province_code: str) -> None:
        """Refill a district combo with the districts of ``province_code``, keeping the choice if it fits."""
        current = self.raw() or self._pending or ""
        province = reference.find_province(province_code) if province_code else None
        # In Turkish alphabetical order (the dataset lists them as they were founded: Gölbaşı and
        # Akyurt after Yenimahalle), the province's own "Merkez" first, where a clerk looks for it.
        districts = sorted(
            province.districts if province else (),
            key=lambda d: (d.name != "Merkez", collation_key(d.name), d.name),
        )
        options: list[tuple[str, str, list[str]]] = [(d.code, d.name, []) for d in districts]
        quiet, self._quiet = self._quiet, True
        try:
            self._fill(options)
            self._select(current)
        finally:
            self._quiet = quiet
        self._has_options = bool(options)
        self.combo.setEnabled(self._has_options and not self._read_only)

    def raw(self) -> Any:
        value = self.combo.currentData()
        return "" if value is None else str(value)

    def _select(self, value: str) -> bool:
        if not value:
            self.combo.setCurrentIndex(0)
            return True
        for index in range(1, self.combo.count()):
            data = str(self.combo.itemData(index))
            if data == value or fold(self.combo.itemText(index)) == fold(value):
                self.combo.setCurrentIndex(index)
                return True
        return False

    def _show(self, value: Any) -> None:
        text = _text_of(value)
        if self._select(text):
            self._pending = None
        else:
            self._pending = text
            self.combo.setCurrentIndex(0)

    def _on_combo_index_changed(self, *_: object) -> None:
        if not self._quiet:
            self._pending = None

    def focus_target(self) -> QWidget:
        return self.combo

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.combo.setEnabled(self._has_options and not read_only)


def make_field_widget(field: Field, parent: QWidget | None = None) -> FieldWidget:
    """The widget for ``field``'s kind (groups come from ``group_table``)."""
    match field.kind:
        case Kind.LONGTEXT:
            return LongTextField(field, parent)
        case Kind.DATE:
            return DateField(field, parent)
        case Kind.CHOICE | Kind.COOPERATIVE_TYPE | Kind.PROVINCE | Kind.DISTRICT:
            return ComboField(field, parent)
        case Kind.GROUP:
            from koopbis_desktop.ui.editor.group_table import GroupField

            return GroupField(field, parent)
        case _:
            return LineField(field, parent)


__all__ = [
    "UNDO_KEYS",
    "ComboField",
    "DateField",
    "FieldWidget",
    "LineField",
    "LongTextField",
    "TypeAheadCombo",
    "make_field_widget",
]
