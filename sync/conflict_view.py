"""The three-column comparison of an entry KOOP-BİS refused, as people read it (no Qt).

Per value the entry touches: its label, what the clerk saw (``base``), what the
clerk entered (``local``), what KOOP-BİS holds now (``server``), which side changed
it, and whether that is a real conflict or a harmless change of one side; repeating
groups row by row by their natural key. Also the per-field choices a supervisor has
and what each decision gives up. The conflict dialog, ``koopbis conflicts show`` and
its ``--json`` all read this, so the terminal shows the dialog's labelled values.

It sits beside :mod:`sync.conflicts` (which computes the comparison) because the
services layer may not import ``sync``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.display import (
    EMPTY,
    district_label,
    format_iso_date,
    format_value,
    group_row_text,
    keyed_row_text,
    status_label,
)
from koopbis_desktop.domain.i18n import LabelRow, Labels, tx
from koopbis_desktop.domain.records import key_label
from koopbis_desktop.domain.schema import ChangeType, Kind
from koopbis_desktop.domain.schema import Field as SchemaField
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.services.entry_changes import snapshot_field
from koopbis_desktop.store import entries, snapshot, users
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from sync.conflicts import Comparison, FieldComparison, RowDiff, describe

#: The kinds of KOOP-BİS's refusal, as a supervisor calls them.
KIND_LABELS = Labels(
    "conflict.kind",
    {
        "conflict": "Çakışma",
        "duplicate": "Mükerrer",
        "stale": "Sona ermiş kooperatif",
        "idempotency_mismatch": "Anahtar uyuşmazlığı",
    },
)

KIND_EXPLANATIONS = Labels(
    "conflict.explanation",
    {
        "conflict": "KOOP-BİS'te aynı bilgi siz çevrimdışıyken başka biri tarafından değiştirilmiş.",
        "duplicate": "Bu kayıt KOOP-BİS'te zaten var; ikinci kez uygulanmadı.",
        "stale": "Kooperatif KOOP-BİS'te sona ermiş (terkin, birleşme ya da silinme); kayıt uygulanamadı.",
        "idempotency_mismatch": "Bu kayıt KOOP-BİS'e daha önce farklı içerikle gönderilmiş.",
    },
)

DUPLICATE_LABELS = Labels(
    "conflict.duplicate",
    {
        "member": "ortak zaten kayıtlı",
        "assembly": "genel kurul zaten kayıtlı",
        "vkn": "VKN zaten kayıtlı",
        "union": "birliğe zaten katılmış",
    },
)

# Sections of the comparison.
CONFLICT = "conflict"
SERVER_ONLY = "server"
LOCAL_ONLY = "local"

#: Section titles, in the order the dialog and the terminal show them.
SECTION_TITLES = Labels(
    "conflict.section",
    {
        CONFLICT: "Çakışan alanlar",
        SERVER_ONLY: "KOOP-BİS'te başka değişiklikler — çakışma değil (KOOP-BİS'teki hâli korunur)",
        LOCAL_ONLY: "Yalnız sizin değişiklikleriniz — çakışma değil",
    },
)

#: Column titles of the comparison: the value's label, the three sides, the difference.
COLUMNS = LabelRow(
    "conflict.column",
    {
        "field": "Alan",
        "base": "Gördüğünüz",
        "local": "Girdiğiniz",
        "server": "KOOP-BİS'te şimdi",
        "difference": "Fark",
    },
)

# Choices of the per-field chooser (as services.conflicts.merge takes them).
CHOOSE_LOCAL = "local"
CHOOSE_SERVER = "server"
CHOOSE_TYPED = "typed"
CHOOSE_MERGED = "merged"

CHOICE_LABELS = Labels(
    "conflict.choice",
    {
        CHOOSE_LOCAL: "Girdiğiniz",
        CHOOSE_SERVER: "KOOP-BİS'teki",
        CHOOSE_TYPED: "Elle yaz",
        CHOOSE_MERGED: "Birleştir",
    },
)


def existing_text(existing: Mapping[str, Any]) -> str:
    """What KOOP-BİS already has for a duplicate, in words (its status as a person reads it)."""
    return ", ".join(
        status_label(value) if key == "status" else str(value)
        for key, value in existing.items()
        if value not in (None, "")
    )


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


def snapshot_text(ctype: ChangeType, key: str, value: Any, province: Any = None) -> str:
    """A snapshot value for people, labelled and formatted from the schema."""
    if value is None or value == "" or value == []:
        return EMPTY
    prefix, sep, _ident = key.partition(":")
    if sep:
        return keyed_row_text(prefix, value) if isinstance(value, Mapping) else str(value)
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
        return tx("eklendi")
    if after is None:
        return tx("çıkarıldı")
    return tx("değişti")


def row_difference(r: RowDiff) -> str:
    """ "sizde değişti · KOOP-BİS'te eklendi" — what each side did to one group row."""
    parts = []
    local = _side_change(r.base, r.local, changed=r.local_changed)
    server = _side_change(r.base, r.server, changed=r.server_changed)
    if local and server and not r.conflicting:
        return tx("iki tarafta aynı ({change})").format(change=local)
    if local:
        parts.append(tx("sizde {change}").format(change=local))
    if server:
        parts.append(tx("KOOP-BİS'te {change}").format(change=server))
    text = " · ".join(parts)
    return tx("ÇAKIŞIYOR: {change}").format(change=text) if r.conflicting else text


def field_difference(f: FieldComparison) -> str:
    if f.conflicting:
        return tx("ÇAKIŞIYOR: iki tarafta farklı")
    if f.identical:
        return tx("iki tarafta aynı değişiklik")
    if f.server_changed:
        return tx("yalnız KOOP-BİS'te değişti")
    return tx("yalnız sizde değişti")


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
                snapshot_text(ctype, f.key, f.base, province),
                snapshot_text(ctype, f.key, f.local, province),
                snapshot_text(ctype, f.key, f.server, province),
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

    @property
    def choices(self) -> list[str]:
        """The choices this field offers, as ``services.conflicts.merge`` names them."""
        extra = ([CHOOSE_MERGED] if self.can_merge_rows else []) if self.is_group else [CHOOSE_TYPED]
        return [CHOOSE_LOCAL, CHOOSE_SERVER, *extra]

    def drops(self, choice: str) -> str:
        """What taking ``choice`` gives up, for a person ("" when nothing is lost)."""
        if choice == self.suggested:
            return ""  # suggested exactly because it loses nothing
        if choice == CHOOSE_LOCAL:
            return (
                tx("KOOP-BİS'teki: {server}").format(server=self.server_text)
                if self.server_text != self.local_text
                else ""
            )
        if choice == CHOOSE_SERVER:
            return (
                tx("Girdiğiniz: {local}").format(local=self.local_text)
                if self.server_text != self.local_text
                else ""
            )
        if choice == CHOOSE_TYPED:
            return tx("Girdiğiniz: {local}; KOOP-BİS'teki: {server}").format(
                local=self.local_text, server=self.server_text
            )
        return ""


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
        if not registers_cooperative(self.entry.type) or outcome.get("duplicate") != "vkn":
            return None
        existing = outcome.get("existing")
        target = existing.get("id") if isinstance(existing, Mapping) else None
        return str(target) if target else None

    def person(self, username: str | None) -> str:
        if not username:
            return EMPTY
        full = self.names.get(username)
        return f"{full} ({username})" if full and full != username else username

    def section(self, name: str) -> list[ComparisonLine]:
        return [line for line in self.lines if line.section == name]

    @property
    def overwritten_by_keep(self) -> list[ComparisonLine]:
        """KOOP-BİS's values a resend of the entry as it is would replace (conflicts and KOOP-BİS's own)."""
        return [line for line in self.lines if line.section != LOCAL_ONLY and line.local != line.server]

    @property
    def given_up_by_take(self) -> list[ComparisonLine]:
        """The clerk's changes that taking KOOP-BİS's values leaves unsent."""
        return [line for line in self.lines if line.section != SERVER_ONLY and line.local != line.base]

    def keep_losses(self) -> list[str]:
        """What sending the entry as it is overwrites, one "• …" line per value."""
        return [
            tx("• {what}: «{server}» yerine «{local}»").format(
                what=line.what, server=line.server, local=line.local
            )
            for line in self.overwritten_by_keep
        ]

    def take_losses(self) -> list[str]:
        """What taking KOOP-BİS's values gives up of the clerk's work, one "• …" line per value."""
        return [f"• {line.what}: «{line.local}»" for line in self.given_up_by_take]


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
        return tx("{n} satır").format(n=len(rows))
    return snapshot_text(ctype, f.key, value, province)


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
    elif ctype.registers:
        title, province = str(entry.payload.get("title") or ""), entry.payload.get("province_code")
    lines = comparison_lines(ctype, comparison, province=province)
    names: dict[str, str] = {}
    for username in {entry.author, entry.approver}:
        if username:
            user = users.get_user(store, username)
            if user is not None:
                names[username] = user.full_name
    dependents = 0
    if ctype.registers:
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


# ------------------------------------------------------------------ the same, for a terminal and scripts


def conflict_text(details: ConflictDetails) -> list[str]:
    """The dialog's sections and columns as lines of text (``koopbis conflicts show``)."""
    entry = details.entry
    outcome = entry.outcome or {}
    coop = entry.cooperative or tx("yeni kuruluş")
    out = [
        tx("Kayıt:      {uuid} — {type}").format(uuid=entry.uuid, type=get_type(entry.type).label),
        tx("Kooperatif: {title} ({coop})").format(title=details.cooperative_title or EMPTY, coop=coop),
        tx("Çakışma:    {kind} — {explanation}").format(
            kind=kind_label(outcome), explanation=KIND_EXPLANATIONS.get(details.kind, "")
        ),
    ]
    if outcome.get("message"):
        out.append(tx("KOOP-BİS:   {message}").format(message=outcome.get("message")))
    width = max(len(c) for c in COLUMNS[1:4])
    for name, title in SECTION_TITLES.items():
        out.append("")
        out.append(title)
        lines = details.section(name)
        if not lines:
            out.append(tx("  Yok."))
        for line in lines:
            out.append(f"  {line.what} [{line.difference}]")
            for column, value in zip(COLUMNS[1:4], (line.base, line.local, line.server), strict=True):
                out.append(f"      {column:<{width}}  {value}")
    existing = outcome.get("existing")
    if details.kind == "duplicate" and isinstance(existing, Mapping) and existing:
        out.append("")
        out.append(tx("KOOP-BİS'te zaten kayıtlı: ") + existing_text(existing))
    if details.kind == "conflict":
        out.append("")
        out.append(tx("Girdiğiniz gönderilirse KOOP-BİS'teki şu değerlerin üzerine yazılır:"))
        out.extend(f"  {line}" for line in details.keep_losses() or [tx("• (değer düzeyinde çakışma yok)")])
    out.append("")
    out.append(tx("KOOP-BİS'teki kabul edilirse şu değişiklikleriniz gönderilmez:"))
    out.extend(f"  {line}" for line in details.take_losses() or [tx("• bu kaydın tamamı")])
    if details.choosers:
        out.append("")
        out.append(tx("Çakışan her alan için seçenekler:"))
        for chooser in details.choosers:
            out.append(f"  {chooser.label} ({chooser.name}):")
            for choice in chooser.choices:
                drops = chooser.drops(choice)
                lost = tx(" — kaybolan: {drops}").format(drops=drops) if drops else ""
                mark = tx(" (önerilen: hiçbir şey kaybolmaz)") if choice == chooser.suggested else ""
                out.append(f"      {choice:<7} {CHOICE_LABELS[choice]}{mark}{lost}")
    return out


def conflict_json(details: ConflictDetails) -> dict[str, Any]:
    """The labelled comparison for scripts: the dialog's lines and the choices per field."""
    return {
        "columns": list(COLUMNS),
        "lines": [asdict(line) for line in details.lines],
        "choosers": [
            {
                "name": c.name,
                "key": c.key,
                "label": c.label,
                "local": c.local_text,
                "server": c.server_text,
                "suggested": c.suggested,
                "choices": {
                    choice: {"label": CHOICE_LABELS[choice], "drops": c.drops(choice)} for choice in c.choices
                },
            }
            for c in details.choosers
        ],
    }
