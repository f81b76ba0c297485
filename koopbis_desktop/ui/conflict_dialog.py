"""The supervisor's decision on an entry KOOP-BİS refused because its data changed meanwhile.

While the province worked offline, the head office may have changed the same
cooperative. This dialog shows, per value the entry touches, what the clerk saw
(``base``), what the clerk entered and what KOOP-BİS holds now, in three columns,
with the clashing values highlighted and the harmless changes (only KOOP-BİS's,
only ours) listed apart so they are not mistaken for conflicts. Repeating groups
(board, members, articles…) are compared row by row by their natural key.

Every label and value comes from the change type's schema and
:mod:`sync.conflicts`, so no change type has dialog code of its own. The
decision runs through :mod:`koopbis_desktop.services.conflicts` on the DB worker;
each button says what it keeps and what it gives up, Vazgeç is the default, and
a choice that overwrites or drops someone's work asks first, naming what is lost.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import Action, DomainError, State, check_move
from koopbis_desktop.domain.records import key_label
from koopbis_desktop.domain.schema import ChangeType, Kind
from koopbis_desktop.domain.schema import Field as SchemaField
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import entries, snapshot, users
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.entry_view import (
    EMPTY,
    district_label,
    escape_html,
    format_iso_date,
    format_stamp,
    format_value,
    group_row_text,
    status_label,
)
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.text_table import Column, TextTableModel
from sync.conflicts import Comparison, FieldComparison, RowDiff, describe

ERROR_STYLE = "color: #b00020;"
_tr = QCoreApplication.translate

#: The kinds of KOOP-BİS's refusal, as a supervisor calls them.
KIND_LABELS = {
    "conflict": "Çakışma",
    "duplicate": "Mükerrer",
    "stale": "Sona ermiş kooperatif",
    "idempotency_mismatch": "Anahtar uyuşmazlığı",
}

KIND_EXPLANATIONS = {
    "conflict": "KOOP-BİS'te aynı bilgi siz çevrimdışıyken başka biri tarafından değiştirilmiş.",
    "duplicate": "Bu kayıt KOOP-BİS'te zaten var; ikinci kez uygulanmadı.",
    "stale": "Kooperatif KOOP-BİS'te sona ermiş (terkin, birleşme ya da silinme); kayıt uygulanamadı.",
    "idempotency_mismatch": "Bu kayıt KOOP-BİS'e daha önce farklı içerikle gönderilmiş.",
}

DUPLICATE_LABELS = {
    "member": "ortak zaten kayıtlı",
    "assembly": "genel kurul zaten kayıtlı",
    "vkn": "VKN zaten kayıtlı",
    "union": "birliğe zaten katılmış",
}

# Sections of the comparison.
CONFLICT = "conflict"
SERVER_ONLY = "server"
LOCAL_ONLY = "local"

# Choices of the per-field chooser (as services.conflicts.merge takes them).
CHOOSE_LOCAL = "local"
CHOOSE_SERVER = "server"
CHOOSE_TYPED = "typed"
CHOOSE_MERGED = "merged"


def kind_label(outcome: Mapping[str, Any] | None) -> str:
    kind = str((outcome or {}).get("kind") or "")
    label = KIND_LABELS.get(kind, kind or EMPTY)
    detail = (
        DUPLICATE_LABELS.get(str((outcome or {}).get("duplicate") or "")) if kind == "duplicate" else None
    )
    return f"{label} ({detail})" if detail else label


# ------------------------------------------------------------------ the comparison as lines (no widgets)


@dataclass(frozen=True)
class ComparisonLine:
    """One line of the three-column table: a scalar value, or one row of a repeating group."""

    key: str  # snapshot key
    what: str
    base: str
    local: str
    server: str
    difference: str
    conflicting: bool
    section: str  # CONFLICT, SERVER_ONLY or LOCAL_ONLY


def snapshot_field(ctype: ChangeType, key: str) -> SchemaField | None:
    return next((f for f in ctype.fields if f.snapshot == key), None)


def _keyed_row_text(prefix: str, row: Mapping[str, Any]) -> str:
    if prefix == "member":
        text = str(row.get("full_name") or row.get("member_id") or "")
        if row.get("shares") is not None:
            text += f", {row.get('shares')} pay"
        if row.get("joined_on"):
            text += f" (giriş {format_iso_date(row.get('joined_on'))})"
        return text
    if prefix == "assembly":
        parts = [str(row.get("kind") or ""), format_iso_date(row.get("date")), str(row.get("place") or "")]
        return ", ".join(p for p in parts if p and p != EMPTY)
    if prefix == "union":
        return f"{row.get('union_title') or ''} ({row.get('union_registry_id') or ''})".strip()
    return ", ".join(f"{k}: {v}" for k, v in row.items() if v not in (None, ""))


def value_text(ctype: ChangeType, key: str, value: Any, province: Any = None) -> str:
    """A snapshot value for people, labelled and formatted from the schema."""
    if value is None or value == "" or value == []:
        return EMPTY
    prefix, sep, _ident = key.partition(":")
    if sep:
        return _keyed_row_text(prefix, value) if isinstance(value, Mapping) else str(value)
    if key == "status":
        return status_label(value)
    f = snapshot_field(ctype, key)
    if f is not None:
        return format_value(f, value, None, province)
    if key == "district":
        return district_label(province, value)
    if key == "founded_on":
        return format_iso_date(value)
    return str(value)


def _side_change(before: Any, after: Any, *, changed: bool) -> str:
    if not changed:
        return ""
    if before is None:
        return "eklendi"
    if after is None:
        return "çıkarıldı"
    return "değişti"


def row_difference(r: RowDiff) -> str:
    """ "sizde değişti · KOOP-BİS'te eklendi" — what each side did to one group row."""
    parts = []
    local = _side_change(r.base, r.local, changed=r.local_changed)
    server = _side_change(r.base, r.server, changed=r.server_changed)
    if local and server and not r.conflicting:
        return f"iki tarafta aynı ({local})"
    if local:
        parts.append(f"sizde {local}")
    if server:
        parts.append(f"KOOP-BİS'te {server}")
    text = " · ".join(parts)
    return f"ÇAKIŞIYOR: {text}" if r.conflicting else text


def field_difference(f: FieldComparison) -> str:
    if f.conflicting:
        return "ÇAKIŞIYOR: iki tarafta farklı"
    if f.identical:
        return "iki tarafta aynı değişiklik"
    if f.server_changed:
        return "yalnız KOOP-BİS'te değişti"
    return "yalnız sizde değişti"


def _row_what(group: SchemaField | None, f: FieldComparison, r: RowDiff) -> str:
    label = group.label if group is not None else key_label(f.key)
    sample = r.local or r.server or r.base or {}
    name = sample.get("full_name") if isinstance(sample, Mapping) else None
    if name:
        return f"{label}: {name} ({r.key})"
    if group is not None and group.fields:
        key_field = next((x for x in group.fields if x.name == group.key), group.fields[0])
        return f"{label}: {key_field.label} {r.key}"
    return f"{label}: {r.key}"


def _row_text(group: SchemaField | None, row: Any) -> str:
    if row is None:
        return EMPTY
    if group is not None and isinstance(row, Mapping):
        return group_row_text(group, row) or EMPTY
    return str(row)


def comparison_lines(
    ctype: ChangeType, comparison: Comparison, *, province: Any = None
) -> list[ComparisonLine]:
    """Every value either side changed, sorted into conflict / KOOP-BİS only / ours only.

    KOOP-BİS reports every touched value that changed since the clerk saw it; only
    those both sides changed differently are conflicts here (rows of a group apart).
    """
    lines: list[ComparisonLine] = []
    for f in comparison.fields:
        if not (f.local_changed or f.server_changed):
            continue
        if f.is_group:
            group = snapshot_field(ctype, f.key)
            for r in f.rows:
                if not (r.local_changed or r.server_changed):
                    continue
                if f.conflicting:
                    section = CONFLICT
                elif r.local_changed and not r.server_changed:
                    section = LOCAL_ONLY
                else:
                    section = SERVER_ONLY
                lines.append(
                    ComparisonLine(
                        f.key,
                        _row_what(group, f, r),
                        _row_text(group, r.base),
                        _row_text(group, r.local),
                        _row_text(group, r.server),
                        row_difference(r),
                        r.conflicting,
                        section,
                    )
                )
            continue
        if f.conflicting:
            section = CONFLICT
        elif f.server_changed:
            section = SERVER_ONLY
        else:
            section = LOCAL_ONLY
        lines.append(
            ComparisonLine(
                f.key,
                key_label(f.key),
                value_text(ctype, f.key, f.base, province),
                value_text(ctype, f.key, f.local, province),
                value_text(ctype, f.key, f.server, province),
                field_difference(f),
                section == CONFLICT,
                section,
            )
        )
    return lines


# ------------------------------------------------------------------ loading (runs on the DB worker)


@dataclass(frozen=True)
class Chooser:
    """A conflicting payload field the supervisor decides on: local, KOOP-BİS's, typed or merged."""

    name: str  # payload field
    key: str  # snapshot key
    label: str
    local_text: str
    server_text: str
    typed_default: str  # what "Elle yaz" starts with (scalars only)
    is_group: bool
    merged: Any = None  # both sides' rows combined, when they do not clash (groups only)
    can_merge_rows: bool = False
    # Preselected when one choice loses nothing: KOOP-BİS's value where only KOOP-BİS
    # changed it, both sides' rows where they changed different rows. None: a person decides.
    suggested: str | None = None


@dataclass(frozen=True)
class ConflictDetails:
    entry: Entry
    comparison: Comparison
    lines: list[ComparisonLine]
    choosers: list[Chooser]
    cooperative_title: str
    province_code: str | None
    names: dict[str, str] = field(default_factory=dict)
    dependents: int = 0  # entries waiting on a registration (for "link")

    @property
    def kind(self) -> str:
        return str((self.entry.outcome or {}).get("kind") or "")

    @property
    def link_target(self) -> str | None:
        """The existing cooperative a duplicate-VKN registration can be linked to."""
        outcome = self.entry.outcome or {}
        if self.entry.type != "cooperative.register" or outcome.get("duplicate") != "vkn":
            return None
        existing = outcome.get("existing")
        target = existing.get("id") if isinstance(existing, Mapping) else None
        return str(target) if target else None

    def person(self, username: str | None) -> str:
        if not username:
            return EMPTY
        full = self.names.get(username)
        return f"{full} ({username})" if full and full != username else username


def _choosers(ctype: ChangeType, entry: Entry, comparison: Comparison, province: Any) -> list[Chooser]:
    if (entry.outcome or {}).get("kind") != "conflict":
        return []
    flagged = set(resolution.conflicting_keys(entry)) | {f.key for f in comparison.conflicts}
    by_key = {f.key: f for f in comparison.fields}
    out: list[Chooser] = []
    for name, key in resolution.mergeable_fields(ctype, entry).items():
        f = by_key.get(key)
        if key not in flagged or f is None:
            continue
        schema_field = ctype.field(name)
        is_group = schema_field.kind == Kind.GROUP
        merged: Any = None
        can_merge = False
        if is_group and not f.conflicting:
            merged, can_merge = f.merged(), True
        suggested: str | None = None
        if not f.conflicting:
            suggested = CHOOSE_MERGED if can_merge and f.local_changed else CHOOSE_SERVER
        raw = entry.payload.get(name)
        out.append(
            Chooser(
                name,
                key,
                key_label(key),
                _summary(ctype, f, f.local, province),
                _summary(ctype, f, f.server, province),
                "" if is_group or raw is None else str(raw),
                is_group,
                merged,
                can_merge,
                suggested,
            )
        )
    return out


def _summary(ctype: ChangeType, f: FieldComparison, value: Any, province: Any) -> str:
    if f.is_group:
        rows = value if isinstance(value, list) else []
        return f"{len(rows)} satır"
    return value_text(ctype, f.key, value, province)


def load_conflict(store: Store, entry_uuid: str) -> ConflictDetails:
    """Everything the dialog shows, read in one job on the DB worker."""
    entry = entries.get_entry(store, entry_uuid)
    ctype = get_type(entry.type)
    comparison = describe(entry)
    title, province = "", None
    if entry.cooperative_id:
        summary = snapshot.get_summary(store, entry.cooperative_id)
        if summary:
            title, province = str(summary.get("title") or ""), summary.get("province_code")
    elif entry.type == "cooperative.register":
        title, province = str(entry.payload.get("title") or ""), entry.payload.get("province_code")
    lines = comparison_lines(ctype, comparison, province=province)
    names: dict[str, str] = {}
    for username in {entry.author, entry.approver}:
        if username:
            user = users.get_user(store, username)
            if user is not None:
                names[username] = user.full_name
    dependents = 0
    if entry.type == "cooperative.register":
        dependents = len(entries.list_entries(store, cooperative=entry.uuid))
    return ConflictDetails(
        entry,
        comparison,
        lines,
        _choosers(ctype, entry, comparison, province),
        title,
        province,
        names,
        dependents,
    )


# ------------------------------------------------------------------ widgets


def comparison_model(lines: list[ComparisonLine], parent: Any = None) -> TextTableModel:
    return TextTableModel(
        [
            Column(_tr("ConflictDialog", "Alan"), lambda line: line.what),
            Column(_tr("ConflictDialog", "Gördüğünüz"), lambda line: line.base),
            Column(_tr("ConflictDialog", "Girdiğiniz"), lambda line: line.local),
            Column(_tr("ConflictDialog", "KOOP-BİS'te şimdi"), lambda line: line.server),
            Column(_tr("ConflictDialog", "Fark"), lambda line: line.difference),
        ],
        lines,
        highlighted=lambda line: line.conflicting,
        parent=parent,
    )


class ComparisonTable(QTableView):
    """The three sides next to each other, long values wrapped, as tall as its rows (up to a limit).

    The value columns share the width; rows grow to show a long title or address in
    full, because a supervisor must read the whole value to decide, not guess it.
    """

    MAX_HEIGHT = 320

    def __init__(self, model: TextTableModel, name: str) -> None:
        super().__init__()
        self.setModel(model)
        self.setObjectName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, self.fontMetrics().horizontalAdvance("M") * 16)
        header.sectionResized.connect(self.on_header_section_resized)
        self._fit_height()

    def on_header_section_resized(self, index: int, old: int, new: int) -> None:
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The stretched columns settle after this event; measure the wrapped rows then.
        QTimer.singleShot(0, self, self._fit_height)  # not after the table is deleted

    def _fit_height(self) -> None:
        self.resizeRowsToContents()
        model = self.model()
        rows = sum(self.rowHeight(r) for r in range(model.rowCount())) if model is not None else 0
        height = self.horizontalHeader().sizeHint().height() + max(rows, 20) + 2 * self.frameWidth() + 2
        self.setFixedHeight(min(height, self.MAX_HEIGHT))


class FieldChooser(QGroupBox):
    """Radio buttons for one conflicting field: Girdiğiniz / KOOP-BİS'teki / Elle yaz (/ Birleştir)."""

    changed = Signal()

    def __init__(self, chooser: Chooser, parent: QWidget | None = None) -> None:
        super().__init__(chooser.label, parent)
        self.chooser = chooser
        self.setObjectName(f"chooser_{chooser.name}")
        self.group = QButtonGroup(self)
        layout = QGridLayout(self)
        self.local_radio = QRadioButton(self.tr("Girdiğiniz: {0}").format(_short(chooser.local_text)))
        self.local_radio.setToolTip(chooser.local_text)
        self.server_radio = QRadioButton(self.tr("KOOP-BİS'teki: {0}").format(_short(chooser.server_text)))
        self.server_radio.setToolTip(chooser.server_text)
        self.local_radio.setObjectName(f"choose_local_{chooser.name}")
        self.server_radio.setObjectName(f"choose_server_{chooser.name}")
        self.group.addButton(self.local_radio)
        self.group.addButton(self.server_radio)
        layout.addWidget(self.local_radio, 0, 0, 1, 2)
        layout.addWidget(self.server_radio, 1, 0, 1, 2)
        self.typed_radio: QRadioButton | None = None
        self.typed_edit: QLineEdit | None = None
        self.merged_radio: QRadioButton | None = None
        if chooser.is_group:
            if chooser.can_merge_rows:
                self.merged_radio = QRadioButton(
                    self.tr("Birleştir: iki taraftaki değişiklikler birlikte ({0} satır)").format(
                        len(chooser.merged or [])
                    )
                )
                self.merged_radio.setObjectName(f"choose_merged_{chooser.name}")
                self.group.addButton(self.merged_radio)
                layout.addWidget(self.merged_radio, 2, 0, 1, 2)
        else:
            self.typed_radio = QRadioButton(self.tr("Elle yaz:"))
            self.typed_radio.setObjectName(f"choose_typed_{chooser.name}")
            self.typed_edit = QLineEdit(chooser.typed_default)
            self.typed_edit.setObjectName(f"typed_{chooser.name}")
            self.typed_edit.textEdited.connect(self.on_typed_edit_text_edited)
            self.group.addButton(self.typed_radio)
            layout.addWidget(self.typed_radio, 2, 0)
            layout.addWidget(self.typed_edit, 2, 1)
        layout.setColumnStretch(1, 1)
        if chooser.suggested == CHOOSE_SERVER:
            self.server_radio.setChecked(True)
        elif chooser.suggested == CHOOSE_MERGED and self.merged_radio is not None:
            self.merged_radio.setChecked(True)
        if chooser.suggested is not None:
            self.setTitle(
                self.tr("{0} — çakışma değil; hiçbir şeyi kaybettirmeyen seçim işaretli").format(
                    chooser.label
                )
            )
        self.group.buttonToggled.connect(self.on_group_button_toggled)

    def on_typed_edit_text_edited(self, text: str) -> None:
        if self.typed_radio is not None:
            self.typed_radio.setChecked(True)

    def on_group_button_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def choice(self) -> str | None:
        if self.local_radio.isChecked():
            return CHOOSE_LOCAL
        if self.server_radio.isChecked():
            return CHOOSE_SERVER
        if self.typed_radio is not None and self.typed_radio.isChecked():
            return CHOOSE_TYPED
        if self.merged_radio is not None and self.merged_radio.isChecked():
            return CHOOSE_MERGED
        return None

    def service_choice(self) -> Any:
        """The choice as ``services.conflicts.merge`` takes it (None: not chosen)."""
        choice = self.choice()
        if choice == CHOOSE_TYPED and self.typed_edit is not None:
            return {"value": self.typed_edit.text().strip()}
        if choice == CHOOSE_MERGED:
            return {"value": self.chooser.merged}
        return choice

    def result_text(self) -> str:
        choice = self.choice()
        if choice == CHOOSE_LOCAL:
            return self.chooser.local_text
        if choice == CHOOSE_TYPED and self.typed_edit is not None:
            return self.typed_edit.text().strip()
        if choice == CHOOSE_MERGED:
            return self.tr("iki taraf birleştirilmiş")
        return self.chooser.server_text


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ConflictDialog(QDialog):
    """One conflicting entry, three ways, with the supervisor's decision and its reason."""

    resolved = Signal(str)  # entry uuid, after any decision was stored
    loaded = Signal()

    def __init__(self, ctx: AppContext, entry_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry_uuid = entry_uuid
        self.details: ConflictDetails | None = None
        self.choosers: list[FieldChooser] = []
        self.models: dict[str, TextTableModel] = {}
        self._busy = False
        self._refusal: str | None = self.tr("Kayıt yükleniyor…")
        self._return_refusal: str | None = self._refusal
        self.setWindowTitle(self.tr("Çakışma incelemesi"))
        self.setObjectName("conflictDialog")
        self.resize(1180, 820)

        self.header = QLabel(self.tr("Kayıt yükleniyor…"))
        self.header.setObjectName("conflictHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 6, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.reason_label = QLabel(self.tr("&Gerekçe (zorunlu; kararla birlikte denetim izine girer):"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("conflictReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            self.tr("Örneğin: Genel kurul tutanağına göre unvan Genel Müdürlüğün düzelttiği gibi olmalı.")
        )
        self.reason.setFixedHeight(self.reason.fontMetrics().height() * 3 + 16)
        self.reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(self.on_reason_text_changed)

        self.status = QLabel()
        self.status.setObjectName("conflictStatus")
        self.status.setWordWrap(True)

        self.keep_button = QPushButton(self.tr("Girdiğinizi &gönder (KOOP-BİS'teki değer üzerine yazılır)"))
        self.keep_button.setObjectName("keepLocalButton")
        self.take_button = QPushButton(
            self.tr("KOOP-BİS'tekini &kabul et (kayıt vazgeçildi olarak saklanır)")
        )
        self.take_button.setObjectName("takeServerButton")
        self.merge_button = QPushButton(self.tr("Seçimlerle &birleştir"))
        self.merge_button.setObjectName("mergeButton")
        self.return_button = QPushButton(self.tr("Memura &iade et"))
        self.return_button.setObjectName("returnButton")
        self.link_button = QPushButton(self.tr("Mevcut kooperatife &bağla"))
        self.link_button.setObjectName("linkButton")
        self.link_button.setVisible(False)
        self.cancel_button = QPushButton(self.tr("&Vazgeç"))
        self.cancel_button.setObjectName("cancelButton")
        self.action_buttons = (
            self.keep_button,
            self.take_button,
            self.merge_button,
            self.return_button,
            self.link_button,
        )
        for button in self.action_buttons:
            button.setAutoDefault(False)
            button.setDefault(False)
        # Enter anywhere outside the reason box means "leave it": nothing is decided by accident.
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setDefault(True)
        self.keep_button.clicked.connect(self.on_keep_button_clicked)
        self.take_button.clicked.connect(self.on_take_button_clicked)
        self.merge_button.clicked.connect(self.on_merge_button_clicked)
        self.return_button.clicked.connect(self.on_return_button_clicked)
        self.link_button.clicked.connect(self.on_link_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

        buttons = QGridLayout()
        buttons.addWidget(self.merge_button, 0, 0)
        buttons.addWidget(self.keep_button, 0, 1)
        buttons.addWidget(self.take_button, 0, 2)
        buttons.addWidget(self.link_button, 1, 0, 1, 2)
        buttons.addWidget(self.return_button, 1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        layout.addLayout(bottom)

        self._update_buttons()
        self.reload()

    # -- loading ----------------------------------------------------------------------

    def reload(self) -> None:
        key = self.entry_uuid
        self.ctx.worker.submit(
            lambda store: load_conflict(store, key),
            self.on_details_loaded,
            self.on_load_failed,
            coalesce=f"conflict-{key}",
        )

    def on_details_loaded(self, details: ConflictDetails) -> None:
        self.details = details
        entry = details.entry
        ctype = get_type(entry.type)
        self.setWindowTitle(
            self.tr("Çakışma incelemesi — {0}").format(details.cooperative_title or entry.uuid[:8])
        )
        self._refusal = self._permission(Action.RESOLVE_KEEP, entry)
        self._return_refusal = self._permission(Action.RETURN_REJECTED, entry)
        self._fill_header(details, ctype)
        self._fill_body(details)
        target = details.link_target
        if target:
            self.link_button.setText(
                self.tr("Mevcut kooperatife &bağla ({0} — bekleyen kayıtlar da bağlanır)").format(target)
            )
        self.link_button.setVisible(target is not None)
        self._update_buttons()
        self._build_tab_order()
        if entry.state != State.CONFLICT:
            self._show_status(
                self.tr("Bu kayıt artık çakışmada değil; karar verilmiş olabilir."), error=False
            )
        elif self._refusal:
            self._show_status(self._refusal, error=False)
        else:
            self._show_status(
                self.tr("Farkları inceleyin, gerekçeyi yazın ve bir karar düğmesine basın."), error=False
            )
        if self._refusal is None:
            self.reason.setFocus()
        else:
            self.cancel_button.setFocus()
        self.loaded.emit()

    def on_load_failed(self, exc: BaseException) -> None:
        self._show_status(user_message(exc), error=True)
        self._update_buttons()

    def _permission(self, action: Action, entry: Entry) -> str | None:
        if self.ctx.actor is None:
            return self.tr("Bu işlem için oturum açın.")
        try:
            check_move(action, entry.state, self.ctx.actor, entry.author)
        except DomainError as exc:
            return exc.message
        return None

    def _fill_header(self, details: ConflictDetails, ctype: ChangeType) -> None:
        entry = details.entry
        outcome = entry.outcome or {}
        kind = details.kind
        coop = entry.cooperative or self.tr("yeni kuruluş")
        rows = [
            (
                self.tr("Kooperatif"),
                f"{escape_html(details.cooperative_title or EMPTY)} ({escape_html(coop)})",
            ),
            (self.tr("Yazan"), escape_html(details.person(entry.author))),
            (self.tr("Onaylayan"), escape_html(details.person(entry.approver))),
            (self.tr("Çakışma tarihi"), escape_html(format_stamp(entry.updated_at))),
            (self.tr("Geçerlilik tarihi"), escape_html(format_iso_date(entry.effective_date))),
        ]
        html = [
            f"<h3 style='margin:0'>{escape_html(ctype.label)} · "
            f"<span style='color:#9a4b00'>{escape_html(kind_label(outcome))}</span></h3>",
            "<table cellspacing='0' cellpadding='1'>",
        ]
        for label, value in rows:
            html.append(f"<tr><td style='color:#555'>{escape_html(label)}:</td><td>{value}</td></tr>")
        html.append("</table>")
        explanation = KIND_EXPLANATIONS.get(kind, "")
        message = str(outcome.get("message") or "")
        html.append(
            "<p style='margin-top:4px'>"
            + escape_html(explanation)
            + (f"<br><b>KOOP-BİS:</b> {escape_html(message)}" if message else "")
            + "</p>"
        )
        self.header.setText("".join(html))

    def _clear_body(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.choosers = []
        self.models = {}

    def _section(self, title: str, lines: list[ComparisonLine], name: str, empty: str) -> None:
        heading = QLabel(f"<b>{escape_html(title)}</b>")
        heading.setObjectName(f"{name}Heading")
        self.body_layout.addWidget(heading)
        if not lines:
            label = QLabel(empty)
            label.setObjectName(f"{name}Empty")
            label.setStyleSheet("color: #555;")
            label.setWordWrap(True)
            self.body_layout.addWidget(label)
            return
        model = comparison_model(lines, self)
        self.models[name] = model
        self.body_layout.addWidget(ComparisonTable(model, f"{name}Table"))

    def _fill_body(self, details: ConflictDetails) -> None:
        self._clear_body()
        lines = details.lines
        conflicts = [line for line in lines if line.section == CONFLICT]
        server_only = [line for line in lines if line.section == SERVER_ONLY]
        local_only = [line for line in lines if line.section == LOCAL_ONLY]
        no_conflict = self.tr("Değer düzeyinde gerçek bir çakışma yok: iki taraf farklı şeyleri değiştirmiş.")
        if details.kind == "conflict" and any(c.can_merge_rows for c in details.choosers):
            no_conflict += " " + self.tr("«Birleştir» ikisini birlikte korur.")
        self._section(self.tr("Çakışan alanlar"), conflicts, "conflicts", no_conflict)
        self._section(
            self.tr("KOOP-BİS'te başka değişiklikler — çakışma değil (KOOP-BİS'teki hâli korunur)"),
            server_only,
            "serverOnly",
            self.tr("Yok."),
        )
        self._section(
            self.tr("Yalnız sizin değişiklikleriniz — çakışma değil"),
            local_only,
            "localOnly",
            self.tr("Yok."),
        )
        existing = (details.entry.outcome or {}).get("existing")
        if details.kind == "duplicate" and isinstance(existing, Mapping) and existing:
            text = ", ".join(f"{escape_html(v)}" for v in existing.values() if v not in (None, ""))
            label = QLabel(self.tr("<b>KOOP-BİS'te zaten kayıtlı:</b> {0}").format(text))
            label.setObjectName("existingLabel")
            label.setWordWrap(True)
            self.body_layout.addWidget(label)
        if details.choosers:
            heading = QLabel(
                "<b>"
                + escape_html(self.tr("Çakışan her alan için seçiminiz («Seçimlerle birleştir» için)"))
                + "</b>"
            )
            self.body_layout.addWidget(heading)
            for chooser in details.choosers:
                widget = FieldChooser(chooser)
                widget.setEnabled(self._refusal is None)
                if self._refusal:
                    widget.setToolTip(self._refusal)
                widget.changed.connect(self.on_chooser_changed)
                self.choosers.append(widget)
                self.body_layout.addWidget(widget)
        self.body_layout.addStretch(1)

    def _build_tab_order(self) -> None:
        chain: list[QWidget] = [self.reason]
        for chooser in self.choosers:
            chain.extend([chooser.local_radio, chooser.server_radio])
            if chooser.merged_radio is not None:
                chain.append(chooser.merged_radio)
            if chooser.typed_radio is not None and chooser.typed_edit is not None:
                chain.extend([chooser.typed_radio, chooser.typed_edit])
        chain.extend([*self.action_buttons, self.cancel_button])
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    # -- buttons ---------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        details = self.details
        ready = details is not None and not self._busy
        kind = details.kind if details is not None else ""
        refusal = self._refusal
        in_conflict = details is not None and details.entry.state == State.CONFLICT

        def set_button(button: QPushButton, usable: bool, why_not: str | None, tip: str) -> None:
            button.setEnabled(ready and in_conflict and usable and why_not is None)
            button.setToolTip(why_not or tip)

        not_conflict = self.tr(
            "Bu çakışmada yerel kaydı yeniden göndermek işe yaramaz (KOOP-BİS aynı cevabı verir); "
            "KOOP-BİS'tekini kabul edin ya da memura iade edin."
        )
        set_button(
            self.keep_button,
            kind == "conflict",
            refusal or (None if kind == "conflict" else not_conflict),
            self.tr(
                "Kayıt olduğu gibi yeniden gönderilir; KOOP-BİS'teki çakışan değerlerin üzerine yazılır "
                "(onlar denetim izinde saklanır)."
            ),
        )
        set_button(
            self.take_button,
            True,
            refusal,
            self.tr("KOOP-BİS'teki kalır; bu kayıt gönderilmez, içeriğiyle 'Vazgeçildi' olarak saklanır."),
        )
        no_choosers = self.tr("Bu çakışmada alan alan seçilebilecek bir alan yok.")
        has_choosers = bool(self.choosers)
        set_button(
            self.merge_button,
            has_choosers,
            refusal or (None if has_choosers else no_choosers),
            self.tr(
                "Her çakışan alan için yukarıda seçtiğiniz değer alınır; birleştirilen kayıt yeni bir "
                "revizyon olarak yeniden gönderilir."
            ),
        )
        set_button(
            self.return_button,
            True,
            self._return_refusal,
            self.tr(
                "Kayıt, gerekçe kutusundaki açıklamayla yazan memura geri gönderilir; hiçbir şey kaybolmaz."
            ),
        )
        target = details.link_target if details is not None else None
        set_button(
            self.link_button,
            target is not None,
            refusal,
            self.tr(
                "Kuruluş kaydı gönderilmez (kooperatif KOOP-BİS'te zaten var); bu kuruluşu bekleyen "
                "kayıtlar mevcut kooperatife bağlanır ve sırayla gönderilir."
            ),
        )
        may_write = ready and in_conflict and (refusal is None or self._return_refusal is None)
        self.reason.setReadOnly(not may_write)
        self.reason.setEnabled(may_write)
        if not may_write and refusal:
            self.reason.setToolTip(refusal)

    def _show_status(self, text: str, *, error: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def on_reason_text_changed(self) -> None:
        if self.status.styleSheet() == ERROR_STYLE and self.reason.toPlainText().strip():
            self._show_status("", error=False)

    def on_chooser_changed(self) -> None:
        if self.status.styleSheet() == ERROR_STYLE:
            self._show_status("", error=False)

    def _reason_or_complain(self) -> str | None:
        text = self.reason.toPlainText().strip()
        if not text:
            self._show_status(
                self.tr("Karar gerekçesi yazılmalıdır; denetim izine girer. Gerekçe kutusuna yazın."),
                error=True,
            )
            self.reason.setFocus()
            return None
        return text

    def _confirm(self, title: str, text: str, accept_text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("conflictConfirm")
        yes = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("&Vazgeç"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def _overwritten_lines(self) -> list[ComparisonLine]:
        """KOOP-BİS's values a resend of the entry as it is would replace (conflicts and KOOP-BİS's own)."""
        lines = self.details.lines if self.details else []
        return [line for line in lines if line.section != LOCAL_ONLY and line.local != line.server]

    def on_keep_button_clicked(self) -> None:
        if not self._may_act(self.keep_button):
            return
        reason = self._reason_or_complain()
        if reason is None:
            return
        lost = "\n".join(
            f"• {line.what}: «{line.server}» yerine «{line.local}»" for line in self._overwritten_lines()
        )
        if not self._confirm(
            self.tr("KOOP-BİS'teki değerin üzerine yazılsın mı?"),
            self.tr(
                "KOOP-BİS'te şimdi olan şu değerlerin üzerine girdiğiniz değerler yazılacak:\n{0}\n\n"
                "KOOP-BİS'teki değerler denetim izinde saklanır."
            ).format(lost or self.tr("• (değer düzeyinde çakışma yok)")),
            self.tr("&Üzerine yaz ve gönder"),
        ):
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("Yerel kayıt korunuyor…"), lambda store: resolution.keep_local(store, actor, key, reason)
        )

    def on_take_button_clicked(self) -> None:
        if not self._may_act(self.take_button):
            return
        reason = self._reason_or_complain()
        if reason is None:
            return
        ours = [
            line
            for line in (self.details.lines if self.details else [])
            if line.section != SERVER_ONLY and line.local != line.base
        ]
        lost = "\n".join(f"• {line.what}: «{line.local}»" for line in ours)
        if not self._confirm(
            self.tr("Girdiğiniz değişiklikten vazgeçilsin mi?"),
            self.tr(
                "Girdiğiniz şu değişiklikler KOOP-BİS'e gönderilmeyecek:\n{0}\n\n"
                "Kayıt içeriğiyle birlikte 'Vazgeçildi' olarak saklanır."
            ).format(lost or self.tr("• bu kaydın tamamı")),
            self.tr("&KOOP-BİS'tekini kabul et"),
        ):
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("KOOP-BİS'teki kabul ediliyor…"),
            lambda store: resolution.take_server(store, actor, key, reason),
        )

    def on_merge_button_clicked(self) -> None:
        if not self._may_act(self.merge_button):
            return
        missing = [c.chooser.label for c in self.choosers if c.choice() is None]
        if missing:
            self._show_status(
                self.tr("Çakışan her alan için seçim yapın: {0}.").format(", ".join(missing)), error=True
            )
            first = next(c for c in self.choosers if c.choice() is None)
            first.local_radio.setFocus()
            return
        typed_empty = [
            c.chooser.label
            for c in self.choosers
            if c.choice() == CHOOSE_TYPED and c.typed_edit is not None and not c.typed_edit.text().strip()
        ]
        if typed_empty:
            self._show_status(
                self.tr("«Elle yaz» seçilen alana değer yazın: {0}.").format(", ".join(typed_empty)),
                error=True,
            )
            return
        reason = self._reason_or_complain()
        if reason is None:
            return
        overwritten = [
            f"• {c.chooser.label}: «{c.chooser.server_text}» yerine «{c.result_text()}»"
            for c in self.choosers
            if c.choice() != CHOOSE_SERVER
        ]
        if overwritten and not self._confirm(
            self.tr("KOOP-BİS'teki değerin üzerine yazılsın mı?"),
            self.tr(
                "Birleştirilen kayıt KOOP-BİS'te şimdi olan şu değerlerin üzerine yazılacak:\n{0}\n\n"
                "KOOP-BİS'teki değerler denetim izinde, girdiğiniz kayıt revizyonlarda saklanır."
            ).format("\n".join(overwritten)),
            self.tr("&Birleştir ve gönder"),
        ):
            return
        choices = {c.chooser.name: c.service_choice() for c in self.choosers}
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("Birleştiriliyor…"), lambda store: resolution.merge(store, actor, key, choices, reason)
        )

    def on_return_button_clicked(self) -> None:
        if not self._may_act(self.return_button):
            return
        comment = self._reason_or_complain()
        if comment is None:
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("Memura iade ediliyor…"),
            lambda store: resolution.return_to_clerk(store, actor, key, comment),
        )

    def on_link_button_clicked(self) -> None:
        details = self.details
        if not self._may_act(self.link_button) or details is None or details.link_target is None:
            return
        reason = self._reason_or_complain()
        if reason is None:
            return
        target = details.link_target
        if not self._confirm(
            self.tr("Mevcut kooperatife bağlansın mı?"),
            self.tr(
                "Bu kuruluş kaydı KOOP-BİS'e gönderilmeyecek ('Vazgeçildi' olarak saklanır); "
                "onu bekleyen {0} kayıt {1} kooperatifine bağlanacak."
            ).format(details.dependents, target),
            self.tr("&Bağla"),
        ):
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("Bağlanıyor…"),
            lambda store: resolution.link_registration(store, actor, key, target, reason),
        )

    def _may_act(self, button: QPushButton) -> bool:
        return self.details is not None and not self._busy and button.isEnabled()

    def _run(self, text: str, op: Any) -> None:
        self._busy = True
        self._show_status(text, error=False)
        self._update_buttons()
        self.ctx.worker.submit(op, self.on_action_succeeded, self.on_action_failed)

    def on_action_succeeded(self, entry: Entry) -> None:
        self._busy = False
        self.ctx.hub.entries_changed.emit([entry.uuid])
        self.resolved.emit(entry.uuid)
        self.accept()

    def on_action_failed(self, exc: BaseException) -> None:
        self._busy = False
        message = user_message(exc)
        if isinstance(exc, ValidationFailed) and exc.issues:
            message += " " + " ".join(f"{issue.message}" for issue in exc.issues if issue.message)
        self._show_status(message, error=True)
        self._update_buttons()
        # The entry may have been decided meanwhile by another supervisor: read it again.
        key = self.entry_uuid
        self.ctx.worker.submit(lambda store: load_conflict(store, key), self.on_reloaded_after_error, None)

    def on_reloaded_after_error(self, details: ConflictDetails) -> None:
        self.details = details
        self._update_buttons()


def open_conflict(ctx: AppContext, parent: QWidget | None, entry_uuid: str) -> ConflictDialog:
    """Show the conflict dialog without blocking the window behind it."""
    dialog = ConflictDialog(ctx, entry_uuid, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(False)
    dialog.show()
    return dialog
