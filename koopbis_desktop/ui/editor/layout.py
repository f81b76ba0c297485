"""The entry editor's layout: the widgets, the form rows, the tab order, the first cursor."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.display import format_stamp
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.records import STATUSES, base_value
from koopbis_desktop.ui.copy_entry import COPY_KEYS
from koopbis_desktop.ui.editor.attachments_panel import AttachmentPanel
from koopbis_desktop.ui.editor.base import EditorBase
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.registry_warnings import RegistryWarningsPanel
from koopbis_desktop.ui.withdraw import WITHDRAW_KEYS
from sync.settle import REFUSAL_PREFIX


class EditorLayout(EditorBase):
    """Builds the editor's widgets and the form rows, and puts the cursor where the clerk types first."""

    def _build_chrome(self) -> None:
        self.heading = QLabel(self.tr("Form yükleniyor…"), self)
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #444;")
        self.cooperative_label = QLabel(self)
        self.cooperative_label.setObjectName("cooperative_label")
        self.cooperative_label.setWordWrap(True)
        self.cooperative_label.setTextFormat(Qt.TextFormat.PlainText)

        self.picker = QWidget(self)
        self.picker.setObjectName("cooperative_picker")
        self.picker_edit = QLineEdit(self.picker)
        self.picker_edit.setObjectName("cooperative_search")
        self.picker_edit.setPlaceholderText(
            self.tr("Kooperatif ara: unvan, sicil no ya da VKN (ör. ışık, 06-…)")
        )
        self.picker_results = QListWidget(self.picker)
        self.picker_results.setObjectName("cooperative_results")
        self.picker_results.setMaximumHeight(140)
        self.picker_results.hide()
        picker_label = QLabel(self.tr("Koope&ratif *"), self.picker)
        picker_label.setBuddy(self.picker_edit)
        picker_layout = QFormLayout(self.picker)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout()
        column.addWidget(self.picker_edit)
        column.addWidget(self.picker_results)
        picker_layout.addRow(picker_label, column)
        self.picker.hide()
        self.picker_edit.textEdited.connect(self.on_picker_edit_text_edited)
        self.picker_edit.returnPressed.connect(self.on_picker_edit_return_pressed)
        # ↓ in the search moves into the results (the next line), as in any search list; Enter there chooses.
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.picker_edit)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self.on_picker_down)
        self.picker_results.itemActivated.connect(self.on_picker_results_item_activated)
        self.picker_results.itemClicked.connect(self.on_picker_results_item_activated)

        self.comment_banner = QLabel(self)
        self.comment_banner.setObjectName("return_comment")
        self.comment_banner.setWordWrap(True)
        self.comment_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.comment_banner.setStyleSheet(
            "background: #fff3cd; border: 1px solid #e0a800; padding: 8px; font-weight: 600;"
        )
        self.comment_banner.hide()
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background: #e3e8ee; border: 1px solid #90a4ae; padding: 8px;")
        self.read_only_banner.hide()
        self.presence_banner = QLabel(self)
        self.presence_banner.setObjectName("presence_banner")
        self.presence_banner.setWordWrap(True)
        self.presence_banner.setStyleSheet("background: #fff3cd; border: 1px solid #e0c060; padding: 8px;")
        self.presence_banner.hide()
        self.changed_banner = QLabel(self)
        self.changed_banner.setObjectName("changed_elsewhere")
        self.changed_banner.setWordWrap(True)
        self.changed_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.changed_banner.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.changed_banner.setStyleSheet(
            "background: #fde2d0; border: 1px solid #d9822b; padding: 8px; font-weight: 600;"
        )
        self.changed_banner.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.form_host = QWidget(self)
        self.form = QFormLayout(self.form_host)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.form_host)

        self.attachments_box = QGroupBox(self.tr("Ekler (karar ve tutanak taramaları)"), self)
        self.attachment_panel = AttachmentPanel(self.ctx, self.attachments_box)
        self.attachment_panel.changed.connect(self.on_attachment_panel_changed)
        self.attachments_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        box_layout = QVBoxLayout(self.attachments_box)
        box_layout.addWidget(self.attachment_panel)

        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: #555;")
        self.save_button = QPushButton(self.tr("&Kaydet (Ctrl+S)"), self)
        self.save_button.setObjectName("save_button")
        self.submit_button = QPushButton(self.tr("&Onaya gönder (Ctrl+Enter)"), self)
        self.submit_button.setObjectName("submit_button")
        self.withdraw_button = QPushButton(self.tr("&Geri çek… (Ctrl+Shift+G)"), self)
        self.withdraw_button.setObjectName("withdraw_button")
        self.withdraw_button.setToolTip(
            self.tr("Kaydı geri çeker: KOOP-BİS'e gönderilmez, geçmişte kalır. Önce sorulur.")
        )
        self.withdraw_button.hide()  # shown once the form knows the entry is its author's to withdraw
        self.copy_button = QPushButton(self.tr("Yeni kayda ko&pyala… (Ctrl+Shift+K)"), self)
        self.copy_button.setObjectName("copy_button")
        self.copy_button.setToolTip(
            self.tr(
                "Bu kaydın alanlarını yeni bir formda açar; kooperatifi ve alanları değiştirip kaydedersiniz. "
                "Kaydetmeden kapatırsanız hiçbir şey saklanmaz."
            )
        )
        self.copy_button.hide()  # shown once the form holds a saved entry and the person records entries
        self.close_button = QPushButton(self.tr("Kapat (Esc)"), self)
        self.close_button.setObjectName("close_button")
        for button in (
            self.save_button,
            self.submit_button,
            self.withdraw_button,
            self.copy_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self.on_save_button_clicked)
        self.submit_button.clicked.connect(self.on_submit_button_clicked)
        self.withdraw_button.clicked.connect(self.on_withdraw_button_clicked)
        self.copy_button.clicked.connect(self.on_copy_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.save_button.setEnabled(False)
        self.submit_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.description)
        layout.addWidget(self.cooperative_label)
        self.registry_warnings = RegistryWarningsPanel(self)
        layout.addWidget(self.registry_warnings)
        layout.addWidget(self.picker)
        layout.addWidget(self.comment_banner)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.changed_banner)
        layout.addWidget(self.presence_banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)

        for keys, slot in (
            ("Ctrl+S", self.on_save_button_clicked),
            ("Ctrl+Return", self.on_submit_button_clicked),
            ("Ctrl+Enter", self.on_submit_button_clicked),
            ("Ctrl+Z", self.undo_typing),
            ("Ctrl+Y", self.redo_typing),
            ("Ctrl+Shift+Z", self.redo_typing),
            (WITHDRAW_KEYS, self.on_withdraw_button_clicked),
            (COPY_KEYS, self.on_copy_button_clicked),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def _show_header(self) -> None:
        assert self.ctype is not None
        entry = self.entry
        if entry is not None and entry.comment and entry.state in (State.RETURNED, State.DRAFT):
            if entry.comment.startswith(REFUSAL_PREFIX):
                who = self.tr("KOOP-BİS'in iade notu")  # refused on sync (422), not by the supervisor
            else:
                returned = entry.state == State.RETURNED
                who = self.tr("Şef iade notu") if returned else self.tr("Son iade notu")
                if self.returned is not None:
                    name, at = self.returned
                    who = self.tr("{0} — {1}, {2}").format(who, name, format_stamp(at))
            self.comment_banner.setText(f"{who}: «{entry.comment}»")
            self.comment_banner.show()
        if self.ctype.registers:
            self.cooperative_label.setText(
                self.tr("Yeni kooperatif kuruluşu: sicil numarasını KOOP-BİS verecek.")
            )
            self.picker.hide()
        elif self.record is not None:
            parts = [f"{self.record.get('id') or ''} — {self.record.get('title') or ''}"]
            if self.record.get("founded_on"):
                parts.append(self.tr("kuruluş {0}").format(v.format_date(str(self.record["founded_on"]))))
            for key in self.ctype.touches:
                current = base_value(self.record, key)
                if key == "status":
                    parts.append(
                        self.tr("şu anki durum: {0}").format(STATUSES.get(str(current), str(current)))
                    )
                else:
                    parts.append(f"{key}: {current}")
            self.cooperative_label.setText(self.tr("Kooperatif: {0}").format(" · ".join(parts)))
            self.registry_warnings.load(self.ctx, self.cooperative)
            self.picker.setVisible(entry is None and not self.read_only and self._picked)
        elif self.cooperative:
            self.cooperative_label.setText(
                self.tr("Kooperatif: {0} (çevrimdışı listede bulunamadı)").format(self.cooperative)
            )
        else:
            self.cooperative_label.setText(self.tr("Önce kooperatifi seçin."))
            self.picker.setVisible(not self.read_only)
        state = (
            self.tr("Durum: {0}, {1}. sürüm").format(STATE_LABELS[entry.state], entry.revision)
            if entry is not None
            else self.tr("Yeni kayıt")
        )
        self.setWindowTitle(f"{self.ctype.label} — {state}")

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = []
        if self.picker.isVisibleTo(self):
            chain += [self.picker_edit, self.picker_results]
        for row in self.rows.values():
            chain.append(row.widget.focus_target())
            if isinstance(row.widget, GroupField):
                chain += [row.widget.add_button, row.widget.remove_button]
        panel = self.attachment_panel
        chain += [panel.list, panel.add_button, panel.remove_button, panel.open_button]
        chain += [
            self.save_button,
            self.submit_button,
            self.withdraw_button,
            self.copy_button,
            self.close_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _focus_in_form(self) -> bool:
        """Is the cursor in one of the form's fields (or the cooperative picker) already?"""
        focused = self.focusWidget()
        if focused is None:
            return False
        if focused is self.picker_edit:
            return True
        return any(focused is row.box or row.box.isAncestorOf(focused) for row in self.rows.values())

    def _focus_first(self) -> None:
        # A copy opens in the cooperative search: going to another cooperative is what it is mostly for.
        first_of_copy = self.copied_from is not None and self.entry is None and not self._picked_again
        if self.picker.isVisibleTo(self) and (not self.cooperative or first_of_copy):
            self.picker_edit.setFocus()
            return
        for row in self.rows.values():
            if not row.widget.raw() or row.widget.raw() == []:
                row.widget.focus_target().setFocus()
                return
        if self.rows:
            next(iter(self.rows.values())).widget.focus_target().setFocus()
