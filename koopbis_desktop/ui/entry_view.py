"""Read-only rendering of one entry: what it says, what it changes, how it got here.

A supervisor decides on an entry from this view (the review dialog embeds it),
so everything is in Turkish and in the people's formats: choice values by their
label, dates as GG.AA.YYYY, money as 1.250,50 TL, districts by name. Field labels
come from the change type's schema, so a new change type needs no code here.

The "before → after" table reads the entry's ``base`` (the snapshot values the
clerk saw when writing it) against its payload; the revision table shows the
field-level differences of each revision against the one before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.display import EMPTY as EMPTY
from koopbis_desktop.domain.display import cooperative_type_label as cooperative_type_label
from koopbis_desktop.domain.display import district_label as district_label
from koopbis_desktop.domain.display import format_iso_date as format_iso_date
from koopbis_desktop.domain.display import format_stamp as format_stamp
from koopbis_desktop.domain.display import province_label as province_label
from koopbis_desktop.domain.display import state_label, value_text
from koopbis_desktop.domain.lifecycle import ACTION_LABELS, STATE_LABELS
from koopbis_desktop.domain.records import STATUSES
from koopbis_desktop.domain.schema import ChangeType, Field, Kind
from koopbis_desktop.store import entries, snapshot, users
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry, Revision
from koopbis_desktop.ui.text_table import Column, TextTableModel

# ------------------------------------------------------------------ formatting (no widgets)


def status_label(status: Any) -> str:
    return STATUSES.get(str(status), str(status)) if status else EMPTY


def format_value(
    f: Field, value: Any, siblings: Mapping[str, Any] | None = None, province: Any = None
) -> str:
    """One field's value for people; invalid values are shown as typed; a group's rows spelled out."""
    if f.kind is Kind.GROUP and not (value is None or value == "" or value == []):
        rows = value if isinstance(value, list) else []
        return "; ".join(group_row_text(f, row) for row in rows) if rows else EMPTY
    return value_text(f, value, siblings, province)


def group_row_text(group: Field, row: Mapping[str, Any]) -> str:
    """A repeating group's row on one line: "Ali Veli (12345678901), Başkan, 2 yıl"."""
    parts: list[str] = []
    for f in group.fields:
        value = row.get(f.name)
        if value in (None, ""):
            continue
        text = format_value(f, value, row)
        if f.name == group.key and f.kind in (Kind.TCKN, Kind.TCKN_OR_VKN, Kind.VKN):
            continue  # shown in brackets after the name below
        if f.name == "term_years":
            text = f"{text} yıl"
        parts.append(text)
    key_value = row.get(group.key or "")
    if key_value and _field_kind_is_identity(group):
        parts[0:1] = [f"{parts[0]} ({key_value})" if parts else str(key_value)]
    return ", ".join(parts)


def group_column(f: Field) -> Column:
    """A table column showing field ``f`` of a repeating group's rows."""

    def text(row: Mapping[str, Any]) -> str:
        return format_value(f, row.get(f.name), row)

    return Column(f.label, text, align_right=f.kind in (Kind.INT, Kind.MONEY))


def _is_identity(f: Field) -> bool:
    return f.kind in (Kind.TCKN, Kind.TCKN_OR_VKN, Kind.VKN)


def _field_kind_is_identity(group: Field) -> bool:
    """Whether a group's rows are people keyed by TCKN/VKN (shown as "Name (TCKN)")."""
    key_field = next((x for x in group.fields if x.name == group.key), None)
    return key_field is not None and _is_identity(key_field)


def issue_text(ctype: ChangeType, issue: Mapping[str, Any]) -> str:
    """A stored issue as "⚠ Ödenen tutar: message (1163 s.K. md. 19)"."""
    path = str(issue.get("field") or "")
    label = ""
    if path:
        name = path.split("[")[0].split(".")[0]
        try:
            label = ctype.field(name).label
        except KeyError:
            label = name
    message = str(issue.get("message") or "")
    article = issue.get("article")
    sign = "⚠" if issue.get("severity") == "warning" else "✖"
    text = f"{sign} {label + ': ' if label else ''}{message}"
    return f"{text} ({article})" if article else text


# ------------------------------------------------------------------ before → after


@dataclass(frozen=True)
class Change:
    """One line of "before → after": what changes, its snapshot value, its new value."""

    what: str
    before: str
    after: str
    kind: str  # Turkish: "değişiyor", "yeni ortak", "ekleniyor", "çıkıyor", "aynı kalıyor", ...

    @property
    def changes(self) -> bool:
        return self.kind != "aynı kalıyor"


def _member_text(row: Mapping[str, Any] | None) -> str:
    if not row:
        return EMPTY
    shares = row.get("shares")
    joined = row.get("joined_on")
    text = str(row.get("full_name") or row.get("member_id") or "")
    if shares is not None:
        text += f", {shares} pay"
    if joined:
        text += f" (giriş {format_iso_date(joined)})"
    return text


_STATUS_AFTER = {
    "liquidation.start": "in_liquidation",
    "liquidation.end": "dissolved",
    "liquidation.revoke": "active",
}


def _status_after(ctype: ChangeType, payload: Mapping[str, Any], before: Any) -> Any:
    if ctype.id == "merger":
        return "merged" if payload.get("role") == "devrolunan" else before
    return _STATUS_AFTER.get(ctype.id, before)


def _snapshot_field(ctype: ChangeType, key: str) -> Field | None:
    for f in ctype.fields:
        if f.snapshot == key:
            return f
    return None


def _member_change(ctype: ChangeType, payload: Mapping[str, Any], ident: str, before: Any) -> Change:
    what = f"Ortak {ident}"
    before_text = _member_text(before)
    if ctype.id == "member.admit":
        after = _member_text({"full_name": payload.get("full_name"), "shares": payload.get("shares")})
        return Change(what, before_text, after, "yeni ortak" if before is None else "zaten ortak!")
    if ctype.id == "member.leave":
        reason = ctype.field("reason").choice_label(payload.get("reason"))
        after = f"Ortaklıktan çıkıyor ({reason})"
        if payload.get("reason") == "devir" and payload.get("transferee_id"):
            after += f"; paylar {payload.get('transferee_name') or payload['transferee_id']} kişisine"
        return Change(what, before_text, after, "ortaklık sona eriyor")
    if ctype.id == "member.transfer":
        moved = _as_int(payload.get("shares"))
        held = _as_int((before or {}).get("shares"))
        if ident == str(payload.get("from_member_id")):
            left = held - moved
            after = f"{left} pay kalıyor" if left > 0 else "Tüm paylarını devrediyor; ortaklıktan çıkıyor"
            return Change(what, before_text, after, "pay devrediyor")
        name = payload.get("to_full_name") or ident
        if before is None:
            return Change(what, EMPTY, f"{name}, {moved} pay", "yeni ortak")
        return Change(what, before_text, f"{name}, {held + moved} pay", "pay alıyor")
    return Change(what, before_text, EMPTY, "değişiyor")


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _group_changes(group: Field, before_rows: Any, after_rows: Any, *, replaces: bool) -> list[Change]:
    key = group.key or ""
    old = {str(r.get(key)): r for r in before_rows or [] if isinstance(r, Mapping)}
    new = {str(r.get(key)): r for r in after_rows or [] if isinstance(r, Mapping)}

    def name(row: Mapping[str, Any], ident: str) -> str:
        if _field_kind_is_identity(group):
            return f"{group.label}: {row.get('full_name') or ident} ({ident})"
        first = group.fields[0]
        return f"{group.label}: {first.label} {ident}"

    def details(row: Mapping[str, Any] | None) -> str:
        if row is None:
            return EMPTY
        parts = []
        for f in group.fields:
            if f.name in (key, "full_name"):
                continue
            text = format_value(f, row.get(f.name), row)
            parts.append(f"{text} yıl" if f.name == "term_years" and text != EMPTY else text)
        return ", ".join(parts) or str(row.get("full_name") or "")

    out: list[Change] = []
    for ident, row in new.items():
        previous = old.get(ident)
        if previous is None:
            out.append(Change(name(row, ident), EMPTY, details(row), "ekleniyor"))
        elif details(previous) != details(row) or previous.get("full_name") != row.get("full_name"):
            out.append(Change(name(row, ident), details(previous), details(row), "değişiyor"))
        else:
            out.append(Change(name(row, ident), details(previous), details(row), "aynı kalıyor"))
    if replaces:
        for ident, row in old.items():
            if ident not in new:
                out.append(Change(name(row, ident), details(row), EMPTY, "çıkıyor"))
    return out


def before_after(
    ctype: ChangeType,
    payload: Mapping[str, Any],
    base: Mapping[str, Any],
    *,
    province: Any = None,
) -> list[Change]:
    """Every snapshot value the entry touches, as it was (``base``) and as it will be."""
    out: list[Change] = []
    for key, before in base.items():
        prefix, sep, ident = key.partition(":")
        if sep and prefix == "member":
            out.append(_member_change(ctype, payload, ident, before))
            continue
        if sep and prefix == "assembly":
            kind = ctype.field("kind").choice_label(payload.get("kind")) if payload.get("kind") else ""
            result = (
                ctype.field("result").choice_label(payload.get("result")) if payload.get("result") else ""
            )
            after = ", ".join(p for p in (kind, result, str(payload.get("place") or "")) if p)
            before_text = EMPTY
            if before:
                before_text = f"{before.get('kind') or ''} {format_iso_date(before.get('date'))}".strip()
            out.append(
                Change(
                    f"Genel kurul {format_iso_date(ident)}",
                    before_text,
                    after,
                    "yeni genel kurul" if before is None else "bu tarihte kayıtlı genel kurul var!",
                )
            )
            continue
        if sep and prefix == "union":
            title = str(payload.get("union_title") or ident)
            before_text = str(before.get("union_title") or ident) if before else EMPTY
            if ctype.id == "union.leave":
                out.append(Change(f"Birlik {ident}", before_text, EMPTY, "birlikten ayrılıyor"))
            else:
                out.append(Change(f"Birlik {ident}", before_text, title, "birliğe katılıyor"))
            continue
        if key == "status":
            after_status = _status_after(ctype, payload, before)
            out.append(
                Change(
                    "Durum",
                    status_label(before),
                    status_label(after_status),
                    "değişiyor" if after_status != before else "aynı kalıyor",
                )
            )
            continue
        f = _snapshot_field(ctype, key)
        if f is None:
            out.append(Change(key, _plain(before), EMPTY, "değişiyor"))
            continue
        if f.kind == Kind.GROUP:
            out.extend(_group_changes(f, before, payload.get(f.name), replaces=ctype.id != "articles.amend"))
            continue
        before_province = base.get("province_code") or province
        before_text = format_value(f, before, {f.depends_on or "": before_province}, before_province)
        after_text = format_value(f, payload.get(f.name), payload, province)
        out.append(
            Change(
                f.label, before_text, after_text, "değişiyor" if before_text != after_text else "aynı kalıyor"
            )
        )
    return out


def _plain(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    return str(value)


# ------------------------------------------------------------------ revision differences


@dataclass(frozen=True)
class FieldDiff:
    label: str
    old: str
    new: str
    changed: bool


def field_diffs(
    ctype: ChangeType, old: Mapping[str, Any] | None, new: Mapping[str, Any], *, province: Any = None
) -> list[FieldDiff]:
    """Each field of the schema that either payload fills, old against new."""
    out: list[FieldDiff] = []
    for f in ctype.fields:
        new_value = new.get(f.name)
        old_value = old.get(f.name) if old is not None else None
        if new_value in (None, "", []) and old_value in (None, "", []):
            continue
        new_text = format_value(f, new_value, new, province)
        old_text = format_value(f, old_value, old, province) if old is not None else EMPTY
        out.append(FieldDiff(f.label, old_text, new_text, old is not None and old_value != new_value))
    return out


# ------------------------------------------------------------------ loading (runs on the DB worker)


@dataclass(frozen=True)
class EntryDetails:
    entry: Entry
    revisions: list[Revision]
    audit: list[dict[str, Any]]
    cooperative_title: str
    province_code: str | None
    names: dict[str, str] = field(default_factory=dict)  # username → full name

    def person(self, username: str | None) -> str:
        if not username:
            return EMPTY
        full = self.names.get(username)
        return f"{full} ({username})" if full and full != username else username


def load_entry_details(store: Store, entry_uuid: str) -> EntryDetails:
    """Everything the view shows, read in one job on the DB worker."""
    entry = entries.get_entry(store, entry_uuid)
    revs = entries.revisions(store, entry.uuid)
    trail = entries.audit_rows(store, entry.uuid)
    title = ""
    province: str | None = None
    if entry.cooperative_id:
        summary = snapshot.get_summary(store, entry.cooperative_id)
        if summary:
            title = str(summary.get("title") or "")
            province = summary.get("province_code")
    elif entry.cooperative_ref:
        try:
            registration = entries.get_entry(store, entry.cooperative_ref)
            title = str(registration.payload.get("title") or "")
            province = registration.payload.get("province_code")
        except Exception:  # a missing registration only costs the title
            title = ""
    elif entry.type == "cooperative.register":
        title = str(entry.payload.get("title") or "")
        province = entry.payload.get("province_code")
    people = {entry.author, *(r.author for r in revs), *(str(a["actor"]) for a in trail)}
    if entry.approver:
        people.add(entry.approver)
    names = {}
    for username in people:
        user = users.get_user(store, username)
        if user is not None:
            names[username] = user.full_name
    return EntryDetails(entry, revs, trail, title, province, names)


# ------------------------------------------------------------------ widgets

_AUDIT_ACTIONS = {"create": "oluşturma", **{a.value: label for a, label in ACTION_LABELS.items()}}


def read_only_table(model: TextTableModel, *, sortable: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    # Fitting columns measures rows through Python data(); a sample is enough for long lists.
    view.horizontalHeader().setResizeContentsPrecision(200)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if sortable:
        # No sort until the person clicks a header: lists keep the registry's order.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move between parts
    return view


def resort(view: QTableView) -> None:
    """Sort fresh rows the way the header says the view is sorted (if it is)."""
    header = view.horizontalHeader()
    model = view.model()
    if view.isSortingEnabled() and header.sortIndicatorSection() >= 0 and model is not None:
        model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())


def fit_columns(view: QTableView, max_width: int = 420) -> None:
    header = view.horizontalHeader()
    stretch = header.stretchLastSection()
    view.resizeColumnsToContents()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max_width)
    if stretch:
        # resizeColumnsToContents() fixed the last column's width too: let it fill again.
        header.setStretchLastSection(False)
        header.setStretchLastSection(True)


class EntryView(QWidget):
    """The whole entry, read-only: header, before → after, content, revisions, audit trail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details: EntryDetails | None = None
        self.header = QLabel()
        self.header.setObjectName("entryHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.changes_model = TextTableModel(
            [
                Column(self.tr("Ne değişiyor"), lambda c: c.what),
                Column(self.tr("Önce (KOOP-BİS kaydı)"), lambda c: c.before),
                Column(self.tr("Sonra (bu kayıtla)"), lambda c: c.after),
                Column(self.tr("Değişiklik"), lambda c: c.kind),
            ],
            highlighted=lambda c: c.changes,
        )
        self.changes_view = read_only_table(self.changes_model)
        self.changes_view.setObjectName("beforeAfterTable")
        self.changes_empty = QLabel(self.tr("Bu kayıt KOOP-BİS'teki mevcut bir bilgiyi değiştirmiyor."))
        self.changes_empty.setWordWrap(True)
        changes_page = QWidget()
        changes_layout = QVBoxLayout(changes_page)
        changes_layout.addWidget(self.changes_empty)
        changes_layout.addWidget(self.changes_view)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        self.content_form = QFormLayout()
        self.content_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        content_layout.addLayout(self.content_form)
        content_layout.addStretch(1)
        content_scroll = QScrollArea()
        content_scroll.setWidgetResizable(True)
        content_scroll.setWidget(self.content)
        self.group_models: dict[str, TextTableModel] = {}

        self.revisions_model = TextTableModel(
            [
                Column(self.tr("Revizyon"), lambda r: str(r.revision), lambda r: r.revision, True),
                Column(self.tr("Yazan"), lambda r: self._person(r.author)),
                Column(self.tr("Zaman"), lambda r: format_stamp(r.created_at), lambda r: r.created_at),
                Column(self.tr("Not"), lambda r: r.note or ""),
            ]
        )
        self.revisions_view = read_only_table(self.revisions_model)
        self.revisions_view.setObjectName("revisionsTable")
        self.diff_title = QLabel()
        self.diff_model = TextTableModel(
            [
                Column(self.tr("Alan"), lambda d: d.label),
                Column(self.tr("Önceki revizyon"), lambda d: d.old),
                Column(self.tr("Bu revizyon"), lambda d: d.new),
            ],
            highlighted=lambda d: d.changed,
        )
        self.diff_view = read_only_table(self.diff_model)
        self.diff_view.setObjectName("revisionDiffTable")
        revisions_page = QSplitter(Qt.Orientation.Vertical)
        revisions_page.addWidget(self.revisions_view)
        diff_box = QWidget()
        diff_layout = QVBoxLayout(diff_box)
        diff_layout.setContentsMargins(0, 0, 0, 0)
        diff_layout.addWidget(self.diff_title)
        diff_layout.addWidget(self.diff_view)
        revisions_page.addWidget(diff_box)
        revisions_page.setSizes([120, 260])
        self.revisions_view.selectionModel().selectionChanged.connect(self.on_revisions_selection_changed)

        self.audit_model = TextTableModel(
            [
                Column(self.tr("Zaman"), lambda a: format_stamp(a["at"]), lambda a: a["seq"]),
                Column(self.tr("Kim"), lambda a: self._person(a["actor"])),
                Column(self.tr("İşlem"), lambda a: _AUDIT_ACTIONS.get(str(a["action"]), str(a["action"]))),
                Column(
                    self.tr("Durum"),
                    lambda a: (
                        f"{state_label(a['from_state'], EMPTY)} → {state_label(a['to_state'], EMPTY)}"
                        if a["from_state"]
                        else state_label(a["to_state"], EMPTY)
                    ),
                ),
                Column(self.tr("Açıklama"), lambda a: a["comment"] or ""),
            ]
        )
        self.audit_view = read_only_table(self.audit_model)
        self.audit_view.setObjectName("auditTable")

        self.tabs = QTabWidget()
        self.tabs.addTab(changes_page, self.tr("Ön&ce → sonra"))
        self.tabs.addTab(content_scroll, self.tr("Kayıt i&çeriği"))
        self.tabs.addTab(revisions_page, self.tr("&Revizyonlar"))
        self.tabs.addTab(self.audit_view, self.tr("İşlem &geçmişi"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def _person(self, username: str | None) -> str:
        return self.details.person(username) if self.details else (username or EMPTY)

    # -- filling ---------------------------------------------------------------------

    def show_details(self, details: EntryDetails) -> None:
        self.details = details
        entry = details.entry
        ctype = get_type(entry.type)
        self._fill_header(details, ctype)
        changes = before_after(ctype, entry.payload, entry.base, province=details.province_code)
        self.changes_model.set_rows(changes)
        self.changes_empty.setVisible(not changes)
        self.changes_view.setVisible(bool(changes))
        fit_columns(self.changes_view)
        self._fill_content(ctype, entry)
        self.revisions_model.set_rows(details.revisions)
        fit_columns(self.revisions_view)
        if details.revisions:
            self.revisions_view.selectRow(len(details.revisions) - 1)
        self.audit_model.set_rows(details.audit)
        fit_columns(self.audit_view)
        self.tabs.setTabText(2, self.tr("&Revizyonlar ({0})").format(len(details.revisions)))

    def _fill_header(self, details: EntryDetails, ctype: ChangeType) -> None:
        entry = details.entry
        coop = entry.cooperative or self.tr("yeni kuruluş")
        title = details.cooperative_title or EMPTY
        rows = [
            (self.tr("Kooperatif"), f"{escape_html(title)} ({escape_html(coop)})"),
            (self.tr("Durum"), escape_html(STATE_LABELS[entry.state])),
            (self.tr("Yazan"), escape_html(details.person(entry.author))),
            (
                self.tr("Oluşturuldu"),
                escape_html(format_stamp(entry.created_at))
                + (
                    f" · {self.tr('Onaya gönderildi')}: {escape_html(format_stamp(entry.submitted_at))}"
                    if entry.submitted_at
                    else ""
                ),
            ),
            (self.tr("Geçerlilik tarihi"), escape_html(format_iso_date(entry.effective_date))),
        ]
        if entry.approver:
            rows.append((self.tr("Onaylayan"), escape_html(details.person(entry.approver))))
        if entry.comment:
            rows.append((self.tr("Son iade nedeni"), escape_html(entry.comment)))
        html = [
            f"<h3 style='margin:0'>{escape_html(ctype.label)} <small>· {self.tr('revizyon')} {entry.revision}</small></h3>"
        ]
        html.append("<table cellspacing='0' cellpadding='2'>")
        for label, value in rows:
            html.append(f"<tr><td style='color:#555'>{escape_html(label)}:</td><td>{value}</td></tr>")
        html.append("</table>")
        if entry.issues:
            items = "".join(
                f"<li style='color:{'#8a5a00' if i.get('severity') == 'warning' else '#b00020'}'>"
                f"{escape_html(issue_text(ctype, i))}</li>"
                for i in entry.issues
            )
            html.append(f"<b>{self.tr('Uyarılar ve hatalar')}:</b><ul style='margin:0'>{items}</ul>")
        self.header.setText("".join(html))

    def _fill_content(self, ctype: ChangeType, entry: Entry) -> None:
        while self.content_form.rowCount():
            self.content_form.removeRow(0)
        self.group_models.clear()
        payload = entry.payload
        for f in ctype.fields:
            value = payload.get(f.name)
            if f.kind == Kind.GROUP:
                rows = value if isinstance(value, list) else []
                model = TextTableModel(
                    [group_column(sub) for sub in f.fields],
                    rows,
                )
                self.group_models[f.name] = model
                view = read_only_table(model, sortable=True)
                view.horizontalHeader().setStretchLastSection(False)
                fit_columns(view)
                # As tall as its rows (up to about ten), so the fields below stay in view.
                height = (
                    view.horizontalHeader().sizeHint().height()
                    + view.verticalHeader().defaultSectionSize() * max(1, min(len(rows), 10))
                    + 2 * view.frameWidth()
                    + view.horizontalScrollBar().sizeHint().height()
                )
                view.setFixedHeight(height)
                self.content_form.addRow(f"{f.label}:", view)
                continue
            label = QLabel(format_value(f, value, payload, self._province()))
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setObjectName(f"value_{f.name}")
            self.content_form.addRow(f"{f.label}:", label)

    def _province(self) -> Any:
        return self.details.province_code if self.details else None

    # -- revisions ---------------------------------------------------------------------

    def on_revisions_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.revisions_view.selectionModel().selectedRows()
        if not rows or self.details is None:
            self.diff_model.set_rows([])
            self.diff_title.setText("")
            return
        revision: Revision = self.revisions_model.row_at(rows[0].row())
        ctype = get_type(self.details.entry.type)
        previous = next((r for r in self.details.revisions if r.revision == revision.revision - 1), None)
        diffs = field_diffs(
            ctype,
            previous.payload if previous else None,
            revision.payload,
            province=self.details.province_code,
        )
        self.diff_model.set_rows(diffs)
        fit_columns(self.diff_view)
        if previous is None:
            self.diff_title.setText(self.tr("Revizyon {0}: ilk yazılan hâli.").format(revision.revision))
        else:
            count = sum(1 for d in diffs if d.changed)
            self.diff_title.setText(
                self.tr("Revizyon {0}, revizyon {1} ile karşılaştırılıyor: {2} alan değişti (sarı).").format(
                    revision.revision, previous.revision, count
                )
            )

    def select_revision(self, revision: int) -> None:
        for row, rev in enumerate(self.revisions_model.rows()):
            if rev.revision == revision:
                self.revisions_view.selectRow(row)
                return


def escape_html(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def changes_of(details: EntryDetails) -> Sequence[Change]:
    """The before → after lines of a loaded entry (for callers that need no widget)."""
    entry = details.entry
    return before_after(get_type(entry.type), entry.payload, entry.base, province=details.province_code)
