"""One row of the entry form: a field's label, widget, current value and issue line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from koopbis_desktop.domain.schema import Field, Issue, Severity
from koopbis_desktop.ui.editor.fields import FieldWidget

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#8a5300"
OK_COLOUR = "#1b7f2a"


class FieldRow:
    """A field's label, widget, current snapshot value and issue line."""

    def __init__(self, f: Field, widget: FieldWidget, parent: QWidget) -> None:
        self.field = f
        self.widget = widget
        self.label = QLabel(parent)
        self.label.setObjectName(f"label_{f.name}")
        self.label.setBuddy(widget.focus_target())
        if f.help:
            self.label.setToolTip(f.help)
            widget.setToolTip(f.help)
        self.current = QLabel(parent)
        self.current.setObjectName(f"current_{f.name}")
        self.current.setStyleSheet("color: #455a64;")
        self.current.setWordWrap(True)
        self.current.hide()
        self.issue = QLabel(parent)
        self.issue.setObjectName(f"issue_{f.name}")
        self.issue.setWordWrap(True)
        self.issue.setTextFormat(Qt.TextFormat.PlainText)
        self.issue.hide()
        self.box = QWidget(parent)
        column = QVBoxLayout(self.box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.current)
        column.addWidget(self.issue)
        self.set_required(f.required)

    def set_required(self, required: bool) -> None:
        text = self.field.label + (" *" if required else "")
        self.label.setText(text)
        self.label.setStyleSheet("font-weight: 600;" if required else "")

    def show_issues(self, issues: list[Issue], ok_text: str = "") -> None:
        errors = [i for i in issues if i.severity == Severity.ERROR]
        warnings = [i for i in issues if i.severity == Severity.WARNING]
        if errors:
            lines = [f"✗ {i.text}" for i in errors] + [f"⚠ {i.text}" for i in warnings]
            self.issue.setStyleSheet(f"color: {ERROR_COLOUR};")
        elif warnings:
            lines = [f"⚠ {i.text}" for i in warnings]
            self.issue.setStyleSheet(f"color: {WARNING_COLOUR};")
        elif ok_text:
            lines = [f"✓ {ok_text}"]
            self.issue.setStyleSheet(f"color: {OK_COLOUR};")
        else:
            lines = []
        self.issue.setText("\n".join(lines))
        self.issue.setVisible(bool(lines))
