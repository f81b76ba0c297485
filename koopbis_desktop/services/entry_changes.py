"""What an entry does to its cooperative, before → after, as people read it (no Qt).

The "after" side is not guessed per change type: the cooperative's values the
clerk saw (the entry's ``base``) are put back into record shape, the change is
applied to that copy with :func:`koopbis_desktop.domain.effects.apply_change` —
the rules KOOP-BİS itself applies — and the two are diffed key by key. Labels
come from the change type's schema and values from :mod:`domain.display`, so the
entry view, the entry slip and ``koopbis entry show`` say the same thing.

Also here: the revision-against-revision differences and everything the entry
view reads in one job on the DB worker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.display import (
    EMPTY,
    format_iso_date,
    format_value,
    keyed_by_identity,
    member_text,
    status_label,
)
from koopbis_desktop.domain.effects import StateConflict, apply_change, new_record
from koopbis_desktop.domain.i18n import LabelRow, Labels, law_text, tx
from koopbis_desktop.domain.records import KEYED_LISTS, base_value, key_label, record_from_base
from koopbis_desktop.domain.schema import ChangeType, Field, Kind
from koopbis_desktop.store import entries, presence, snapshot, users
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry, Revision
from koopbis_desktop.store.presence import Presence

# What happens to a value (the Change's ``kind``), in the current language; the
# Turkish constants below are the same words in the default language.
KINDS = Labels(
    "change.kind",
    {
        "same": "aynı kalıyor",
        "changes": "değişiyor",
        "refused": "KOOP-BİS'teki kayda uygulanamıyor",
        "added": "ekleniyor",
        "removed": "çıkıyor",
        "twice": "zaten kayıtlı!",
        "takes_shares": "pay alıyor",
        "gives_shares": "pay devrediyor",
        # What happens to a row behind a keyed value: added, removed, or added a second time.
        "member.added": "yeni ortak",
        "member.removed": "ortaklık sona eriyor",
        "member.twice": "zaten ortak!",
        "assembly.added": "yeni genel kurul",
        "assembly.removed": "genel kurul kaldırılıyor",
        "assembly.twice": "bu tarihte kayıtlı genel kurul var!",
        "union.added": "birliğe katılıyor",
        "union.removed": "birlikten ayrılıyor",
        "union.twice": "birliğe zaten üye!",
    },
)
SAME = KINDS.source["same"]
CHANGES = KINDS.source["changes"]
REFUSED = KINDS.source["refused"]

#: Column titles of the before → after table (entry view, entry slip, CLI).
COLUMNS = LabelRow(
    "change.column",
    {
        "what": "Ne değişiyor",
        "before": "Önce (KOOP-BİS kaydı)",
        "after": "Sonra (bu kayıtla)",
        "change": "Değişiklik",
    },
)


def _row_kinds(prefix: str) -> tuple[str, str, str]:
    """What happens to a row behind a keyed value: added, removed, or added a second time."""
    own = prefix if f"{prefix}.added" in KINDS else ""
    return tuple(KINDS[f"{own}.{what}" if own else what] for what in ("added", "removed", "twice"))  # type: ignore[return-value]


@dataclass(frozen=True)
class Change:
    """One line of "before → after": what changes, its snapshot value, its new value."""

    what: str
    before: str
    after: str
    kind: str  # KINDS in the current language: "değişiyor", "yeni ortak", "çıkıyor", "aynı kalıyor", ...

    @property
    def changes(self) -> bool:
        return self.kind not in (SAME, KINDS["same"])


@dataclass(frozen=True)
class _Applied:
    """The copy of the record after the change, or the key it could not be applied to."""

    record: dict[str, Any]
    refused: str | None


def _apply(ctype: ChangeType, payload: Mapping[str, Any], base: Mapping[str, Any]) -> _Applied:
    record = record_from_base(base)
    try:
        if ctype.registers:
            record = new_record("", payload)  # a registration creates the record rather than changing one
        else:
            apply_change(record, ctype, payload)
    except StateConflict as exc:
        return _Applied(record_from_base(base), exc.key)
    except (KeyError, TypeError, ValueError):
        # An incomplete draft: it changes nothing yet that could be shown.
        return _Applied(record_from_base(base), None)
    return _Applied(record, None)


def values_after(ctype: ChangeType, payload: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    """The value of each ``base`` key once the change is applied (unchanged if it cannot apply)."""
    record = _apply(ctype, payload, base).record
    return {key: base_value(record, key) for key in base}


def snapshot_field(ctype: ChangeType, key: str) -> Field | None:
    """The schema field whose value lands in snapshot ``key``."""
    return next((f for f in ctype.fields if f.snapshot == key), None)


def _row_text(ctype: ChangeType, prefix: str, row: Mapping[str, Any] | None) -> str:
    """A keyed row labelled through the change type's fields (choices by their label)."""
    if not row:
        return EMPTY
    if prefix == "member":
        # The joining date is not what an entry changes; the shares and the person are.
        return member_text(row, joined=False)
    if prefix == "union":
        return str(row.get("union_title") or row.get("union_registry_id") or EMPTY)
    names = {f.name: f for f in ctype.fields}
    parts = []
    for name, value in row.items():
        f = names.get(name)
        if f is not None and value not in (None, ""):
            parts.append(format_value(f, value, row))
    return ", ".join(parts) or EMPTY


def _keyed_change(
    ctype: ChangeType, key: str, before: Any, after: Any, applied: _Applied, payload: Mapping[str, Any]
) -> Change:
    prefix, _sep, ident = key.partition(":")
    added, removed, twice = _row_kinds(prefix)
    what = f"{key_label(f'{prefix}:')}{format_iso_date(ident) if prefix == 'assembly' else ident}"
    before_text = _row_text(ctype, prefix, before)
    after_text = _row_text(ctype, prefix, after)
    if applied.refused == key:
        return Change(what, before_text, before_text, KINDS["refused"])
    list_name, id_field = KEYED_LISTS[prefix]
    copies = [r for r in applied.record.get(list_name) or [] if str(r.get(id_field)) == ident]
    if before is not None and len(copies) > 1:
        return Change(what, before_text, after_text, twice)
    if before is None and after is not None:
        return Change(what, EMPTY, after_text, added)
    if before is not None and after is None:
        return Change(what, before_text, EMPTY, _leaving(ctype, payload) if prefix == "member" else removed)
    if prefix == "member" and before is not None and after is not None:
        held, holds = _as_int(before.get("shares")), _as_int(after.get("shares"))
        if holds != held:
            return Change(
                what, before_text, after_text, KINDS["takes_shares" if holds > held else "gives_shares"]
            )
    return Change(what, before_text, after_text, KINDS["changes" if before_text != after_text else "same"])


def _leaving(ctype: ChangeType, payload: Mapping[str, Any]) -> str:
    """ "ortaklık sona eriyor (Payın devri); paylar Ayşe Işık kişisine": why, and to whom the shares go."""
    text = KINDS["member.removed"]
    try:
        reason = ctype.field("reason").choice_label(payload.get("reason"))
    except KeyError:
        return text
    if reason:
        text += f" ({reason})"
    if payload.get("reason") == "devir" and payload.get("transferee_id"):
        text += tx("; paylar {name} kişisine").format(
            name=payload.get("transferee_name") or payload["transferee_id"]
        )
    return text


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _group_changes(group: Field, before_rows: Any, after_rows: Any) -> list[Change]:
    key = group.key or ""
    old = {str(r.get(key)): r for r in before_rows or [] if isinstance(r, Mapping)}
    new = {str(r.get(key)): r for r in after_rows or [] if isinstance(r, Mapping)}

    def name(row: Mapping[str, Any], ident: str) -> str:
        if keyed_by_identity(group):
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
            parts.append(tx("{n} yıl").format(n=text) if f.name == "term_years" and text != EMPTY else text)
        return ", ".join(parts) or str(row.get("full_name") or "")

    out: list[Change] = []
    for ident, row in new.items():
        previous = old.get(ident)
        if previous is None:
            out.append(Change(name(row, ident), EMPTY, details(row), KINDS["added"]))
        elif details(previous) != details(row) or previous.get("full_name") != row.get("full_name"):
            out.append(Change(name(row, ident), details(previous), details(row), KINDS["changes"]))
        else:
            out.append(Change(name(row, ident), details(previous), details(row), KINDS["same"]))
    for ident, row in old.items():
        if ident not in new:
            out.append(Change(name(row, ident), details(row), EMPTY, KINDS["removed"]))
    return out


def before_after(
    ctype: ChangeType,
    payload: Mapping[str, Any],
    base: Mapping[str, Any],
    *,
    province: Any = None,
) -> list[Change]:
    """Every snapshot value the entry touches, as it was (``base``) and as it will be."""
    applied = _apply(ctype, payload, base)
    out: list[Change] = []
    for key, before in base.items():
        after = base_value(applied.record, key)
        if ":" in key:
            out.append(_keyed_change(ctype, key, before, after, applied, payload))
            continue
        if key == "status":
            kind = KINDS["refused" if applied.refused == key else ("changes" if after != before else "same")]
            out.append(Change(key_label("status"), status_label(before), status_label(after), kind))
            continue
        f = snapshot_field(ctype, key)
        if f is None:
            out.append(
                Change(
                    key_label(key),
                    _plain(before),
                    _plain(after),
                    KINDS["changes" if after != before else "same"],
                )
            )
            continue
        if f.kind == Kind.GROUP:
            out.extend(_group_changes(f, before, after))
            continue
        dependency = f.depends_on or ""
        before_province = base.get("province_code") or province
        after_province = applied.record.get("province_code") or payload.get("province_code") or province
        before_text = format_value(f, before, {dependency: before_province}, before_province)
        after_text = format_value(f, after, {dependency: after_province}, after_province)
        kind = KINDS[
            "refused" if applied.refused == key else ("changes" if before_text != after_text else "same")
        ]
        out.append(Change(f.label, before_text, after_text, kind))
    return out


def _plain(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    return str(value)


def entry_changes(entry: Entry, province: Any = None) -> list[Change]:
    """The before → after lines of a stored entry."""
    return before_after(get_type(entry.type), entry.payload, entry.base, province=province)


def changes_text(changes: Sequence[Change]) -> list[str]:
    """The lines as a terminal shows them: "Unvan: eski → yeni (değişiyor)"."""
    return [f"{c.what}: {c.before} → {c.after} ({c.kind})" for c in changes]


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
    return f"{text} ({law_text(str(article))})" if article else text


# ------------------------------------------------------------------ loading (runs on the DB worker)


@dataclass(frozen=True)
class EntryDetails:
    entry: Entry
    revisions: list[Revision]
    audit: list[dict[str, Any]]
    cooperative_title: str
    province_code: str | None
    names: dict[str, str] = field(default_factory=dict)  # username → full name
    editing: Presence | None = None  # someone else has it open in an editor (office)

    def person(self, username: str | None) -> str:
        if not username:
            return EMPTY
        full = self.names.get(username)
        return f"{full} ({username})" if full and full != username else username

    @property
    def changes(self) -> list[Change]:
        return entry_changes(self.entry, self.province_code)


def load_entry_details(store: Store, entry_uuid: str, viewer: str | None = None) -> EntryDetails:
    """Everything the entry view shows, read in one job on the DB worker.

    ``viewer`` is who looks: their own open editor on this PC is not news to them.
    """
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
    elif get_type(entry.type).registers:
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
    editing = presence.of_entry(store, entry.uuid)
    if editing is not None and viewer is not None and editing.is_of(viewer):
        editing = None
    return EntryDetails(entry, revs, trail, title, province, names, editing)


def changes_of(details: EntryDetails) -> Sequence[Change]:
    """The before → after lines of a loaded entry (for callers that need no widget)."""
    return details.changes


# ------------------------------------------------------------------ a save refused over a newer revision


def typed_against_saved(
    ctype: ChangeType, saved: Mapping[str, Any], typed: Mapping[str, Any], *, province: Any = None
) -> list[FieldDiff]:
    """Where the form as typed differs from a newer revision someone saved meanwhile.

    ``old`` is the saved value, ``new`` what the person typed (both as validated
    payloads), so the person sees what their save would have replaced.
    """
    return [d for d in field_diffs(ctype, saved, typed, province=province) if d.old != d.new]


def diff_lines(diffs: Sequence[FieldDiff]) -> list[str]:
    """ "Karar no: 2015/15 → 2015/16" lines: the saved value, then the typed one."""
    return [f"{d.label}: {d.old} → {d.new}" for d in diffs]
