"""What goes on paper: the entry slip, the daily list and the receipts report, as plain data.

The circular lets directorates keep their records "electronically or
physically", so a supervisor prints and signs. This module decides *what* a
printout says — rows, Turkish labels, formatted values, signature lines and the
audit anchor (the chain's head hash and row count, so a signed copy proves a
later rewrite of the database) — without Qt; ``koopbis_desktop.ui.printing``
only lays a :class:`Report` out on A4. The CLI and the desktop print the same
reports, and tests read them without a printer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from koopbis_desktop.domain import reference
from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type, registers_cooperative
from koopbis_desktop.domain.display import EMPTY as EMPTY
from koopbis_desktop.domain.display import format_iso_date, format_stamp, type_label, value_text
from koopbis_desktop.domain.i18n import Labels, tx
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.records import STATUSES, key_label
from koopbis_desktop.domain.schema import ChangeType, Field, Kind
from koopbis_desktop.domain.validators import format_date
from koopbis_desktop.services.entry_changes import before_after
from koopbis_desktop.services.registry_warnings import province_warnings
from koopbis_desktop.services.settings import DEFAULT_MINISTRY, ministry_name
from koopbis_desktop.store import audit, entries, listing, snapshot, users
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.errors import NotFound

# Who signs a printout, by role; read when the printout is made (the language is chosen by then).
SIGNATURES = Labels("printout.signature", {"clerk": "Düzenleyen memur", "supervisor": "Onaylayan şef"})
CLERK_SIGNATURE = SIGNATURES.source["clerk"]
SUPERVISOR_SIGNATURE = SIGNATURES.source["supervisor"]


# ------------------------------------------------------------------ the shape of a printout


@dataclass(frozen=True)
class Facts:
    """Label → value lines (an entry's header, its scalar fields)."""

    items: list[tuple[str, str]]
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A table whose header row repeats on every page it spans."""

    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    title: str = ""
    # Relative column widths (any unit); None: equal.
    widths: tuple[int, ...] | None = None
    empty: str = field(default_factory=lambda: tx("Kayıt yok."))
    # Columns that must stay on one line (entry ids, receipt numbers): the paper is
    # matched against the screen and the CLI by them.
    unbroken: tuple[int, ...] = ()
    mono: tuple[int, ...] = ()  # of those, the ones in a fixed-width font (ids)


@dataclass(frozen=True)
class Paragraph:
    text: str


Section = Facts | Table | Paragraph


@dataclass
class Report:
    title: str  # "Kayıt Fişi", "Günlük liste", ...
    authority: str  # "T.C. GÜMRÜK VE TİCARET BAKANLIĞI / Ankara Ticaret İl Müdürlüğü"
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)
    signatures: tuple[str, ...] = ()
    closing: list[str] = field(default_factory=list)  # the audit anchor, last on the last page
    printed_at: str = ""
    entry_ids: list[str] = field(default_factory=list)  # every entry the report names

    def text(self) -> str:
        """The report as plain text (what a test or a terminal reads)."""
        lines = [self.authority, self.title]
        if self.subtitle:
            lines.append(self.subtitle)
        for section in self.sections:
            lines.append("")
            if isinstance(section, Paragraph):
                lines.append(section.text)
                continue
            if section.title:
                lines.append(section.title)
            if isinstance(section, Facts):
                lines.extend(f"{label}: {value}" for label, value in section.items)
            else:
                lines.append(" | ".join(section.columns))
                lines.extend(" | ".join(row) for row in section.rows)
                if not section.rows:
                    lines.append(section.empty)
        if self.signatures:
            lines.append("")
            lines.extend(f"{who}: ____________________" for who in self.signatures)
        if self.closing:
            lines.append("")
            lines.extend(self.closing)
        return "\n".join(lines)


# ------------------------------------------------------------------ formatting values


def field_text(f: Field, value: Any, siblings: Mapping[str, Any] | None = None) -> str:
    """One field's value as a person (and KOOP-BİS's web form) reads it; invalid values as typed."""
    return value_text(f, value, siblings)


def snapshot_value_text(value: Any) -> str:
    """A value of the offline snapshot (a ``base`` entry) on one line."""
    if value is None or value == "" or value == []:
        return tx("(kayıtlı değil)")
    if isinstance(value, Mapping):
        name = value.get("full_name") or value.get("name") or value.get("title")
        ident = value.get("member_id") or value.get("id_no") or value.get("id")
        if name and ident:
            return f"{name} ({ident})"
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return tx("{n_value} satır").format(n_value=len(value))
    text = str(value)
    if text in STATUSES:
        return STATUSES[text]
    return format_iso_date(text) if len(text) == 10 and text[4:5] == "-" else text


def authority(province_code: str | None, ministry: str = DEFAULT_MINISTRY) -> str:
    """The directorate's name as it heads every printout: "<ministry> / <il> Ticaret İl Müdürlüğü"."""
    province = reference.find_province(province_code) if province_code else None
    if province is None:
        return ministry
    return tx("{ministry} / {name} Ticaret İl Müdürlüğü").format(ministry=ministry, name=province.name)


def _person(store: Store, username: str | None) -> str:
    if not username:
        return EMPTY
    user = users.get_user(store, username)
    return f"{user.full_name} ({username})" if user and user.full_name else username


def cooperative_text(store: Store, entry: Entry) -> str:
    """Registry id and title, or the local registration the entry belongs to."""
    snapshot_title: str | None = None
    if entry.cooperative_id:
        record = snapshot.get_record(store, entry.cooperative_id)
        snapshot_title = record.get("title") if record else None
    registration: dict[str, Any] | None = None
    if entry.cooperative_ref and not entry.cooperative_id and not registers_cooperative(entry.type):
        try:
            registration = entries.get_entry(store, entry.cooperative_ref).payload
        except NotFound:  # a dangling ref still prints
            registration = None
    return _cooperative_words(
        entry.type, entry.cooperative_id, entry.cooperative_ref, entry.payload, snapshot_title, registration
    )


def _cooperative_words(
    type_id: str,
    cooperative_id: str | None,
    cooperative_ref: str | None,
    payload: Mapping[str, Any] | None,
    snapshot_title: str | None,
    registration: Mapping[str, Any] | None,
) -> str:
    """:func:`cooperative_text` from what it looks up: the snapshot's title of the cooperative,
    the payload of the local registration referred to (None: there is none)."""
    if registers_cooperative(type_id) and not cooperative_id:
        title = (payload or {}).get("title")
        return tx("Yeni kuruluş: {title}").format(title=title) if title else tx("Yeni kuruluş")
    if cooperative_id:
        return f"{cooperative_id} — {snapshot_title}" if snapshot_title else cooperative_id
    if cooperative_ref:
        if registration is None:
            return tx("Yerel kuruluş {v}").format(v=cooperative_ref[:8])
        title = registration.get("title") or ""
        return tx("Yerel kuruluş {v} — {title}").format(v=cooperative_ref[:8], title=title).rstrip(" —")
    return EMPTY


def _cooperative_province(store: Store, entry: Entry) -> str | None:
    """The cooperative's province, which names its district."""
    record = snapshot.get_record(store, entry.cooperative_id) if entry.cooperative_id else None
    province = record.get("province_code") if record else None
    return str(province) if province else None


def printed_now() -> str:
    return datetime.now().astimezone().strftime("%d.%m.%Y %H:%M")


def audit_anchor(store: Store) -> list[str]:
    """The closing lines that tie a signed paper copy to the audit chain."""
    seq, digest = audit.head(store)
    result = audit.verify(store)
    state = tx("sağlam") if result.ok else tx("BOZUK — {message}").format(message=result.message)
    return [
        tx("Denetim izi: {seq} kayıt; zincir başı özeti (SHA-256): {digest}").format(seq=seq, digest=digest),
        tx("Zincir doğrulaması: {state}").format(state=state),
        tx(
            "Bu özet, imzalı kâğıt nüshayı veritabanına bağlar: sonradan yapılan bir değişiklik özeti değiştirir."
        ),
    ]


# ------------------------------------------------------------------ the entry slip


def field_sections(ctype: ChangeType | None, payload: Mapping[str, Any]) -> list[Section]:
    """Every field with its label and value; each repeating group as its own table."""
    if ctype is None:
        return [Facts([(str(k), str(v)) for k, v in payload.items()], tx("Alanlar"))]
    scalars: list[tuple[str, str]] = []
    tables: list[Section] = []
    for f in ctype.fields:
        value = payload.get(f.name)
        if f.kind == Kind.GROUP:
            rows = value if isinstance(value, list) else []
            tables.append(
                Table(
                    columns=(tx("Sıra"), *(c.label for c in f.fields)),
                    rows=[
                        (str(i), *(field_text(c, row.get(c.name), row) for c in f.fields))
                        for i, row in enumerate(rows, 1)
                        if isinstance(row, Mapping)
                    ],
                    title=f.label,
                    widths=(1, *(3 for _ in f.fields)),
                    empty=tx("Satır girilmemiş."),
                )
            )
            continue
        scalars.append((f.label, field_text(f, value, payload)))
    return [Facts(scalars, tx("Kayıt bilgileri")), *tables]


def entry_slip(store: Store, entry_uuid: str, province_code: str | None = None) -> Report:
    """The "Kayıt Fişi" of one entry, ready for signatures."""
    entry = entries.get_entry(store, entry_uuid)
    try:
        ctype: ChangeType | None = get_type(entry.type)
    except UnknownChangeType:
        ctype = None
    revisions = entries.revisions(store, entry.uuid)
    header = [
        (tx("Kayıt no"), entry.label),
        (tx("Kayıt türü"), type_label(entry.type)),
        (tx("Kooperatif"), cooperative_text(store, entry)),
        (tx("Durum"), STATE_LABELS[entry.state]),
        (tx("Yürürlük tarihi"), format_iso_date(entry.effective_date)),
        (tx("Yazan memur"), _person(store, entry.author)),
        (tx("Onaylayan"), _person(store, entry.approver)),
        (tx("Oluşturma"), format_stamp(entry.created_at)),
        (tx("Onaya gönderme"), format_stamp(entry.submitted_at)),
        (tx("Onay"), format_stamp(entry.approved_at)),
        (tx("Düzeltme sayısı"), tx("{n_revisions} sürüm").format(n_revisions=len(revisions))),
    ]
    if entry.receipt:
        header.append((tx("KOOP-BİS alındı no"), entry.receipt))
        header.append((tx("KOOP-BİS'e aktarım"), format_stamp(entry.synced_at)))
        if isinstance(entry.outcome, Mapping) and entry.outcome.get("manual"):
            header.append(
                (tx("Aktarım yolu"), tx("Elle girildi ({by})").format(by=entry.outcome.get("by", EMPTY)))
            )
    header.append((tx("Teknik kimlik (UUID)"), entry.uuid))
    sections: list[Section] = [Facts(header, tx("Kayıt"))]
    sections.extend(field_sections(ctype, entry.payload))
    sections.append(base_table(ctype, entry, _cooperative_province(store, entry) or province_code))
    if entry.comment:
        sections.append(Paragraph(tx("Son açıklama: {comment}").format(comment=entry.comment)))
    return Report(
        title=tx("Kayıt Fişi"),
        authority=authority(province_code, ministry_name(store)),
        subtitle=f"{type_label(entry.type)} — {entry.label}",
        sections=sections,
        signatures=(SIGNATURES["clerk"], SIGNATURES["supervisor"]),
        closing=audit_anchor(store),
        printed_at=printed_now(),
        entry_ids=[entry.uuid],
    )


def base_table(ctype: ChangeType | None, entry: Entry, province_code: str | None = None) -> Table:
    """What the clerk saw in the offline snapshot next to what this entry makes of it.

    The same before → after lines as the entry view (:mod:`services.entry_changes`).
    """
    if ctype is None:
        rows = [(key_label(key), snapshot_value_text(value), EMPTY, "") for key, value in entry.base.items()]
    else:
        changes = before_after(ctype, entry.payload, entry.base, province=province_code)
        rows = [(c.what, c.before, c.after, c.kind) for c in changes]
    return Table(
        columns=(
            tx("Ne değişiyor"),
            tx("Önceki değer (çevrimdışı liste)"),
            tx("Yeni değer"),
            tx("Değişiklik"),
        ),
        rows=rows,
        title=tx("Önceki ve yeni değerler"),
        widths=(3, 3, 3, 2),
        empty=tx("Bu kayıt mevcut bir değeri değiştirmiyor."),
    )


# ------------------------------------------------------------------ the daily list


def entries_of_day(store: Store, day: date) -> list[Entry]:
    """Entries created or moved on ``day`` (local time), in the order they were first touched."""
    start = datetime.combine(day, datetime.min.time()).astimezone()
    end = datetime.combine(day, datetime.max.time()).astimezone()
    touched = audit.entries_touched_between(store, stamp(start), stamp(end))
    return [entries.get_entry(store, uuid) for uuid in touched]


def _number_cell(entry: entries.Entry) -> str:
    return _number_text(entry.uuid, entry.number)


def _number_text(uuid: str, number: str | None) -> str:
    # The number people use, with the UUID beneath as the technical key KOOP-BİS knows it by.
    return f"{number}\n{uuid}" if number else uuid


def _is_manual(outcome: Any) -> bool:
    """Whether the receipt was typed in by hand (sync's manual route) rather than sent."""
    return isinstance(outcome, Mapping) and bool(outcome.get("manual"))


def daily_list(store: Store, day: date, province_code: str | None = None) -> Report:
    """The day's entries with signature lines, closed by the audit chain's head."""
    found = entries_of_day(store, day)
    rows = [
        (
            str(i),
            _number_cell(e),
            type_label(e.type),
            cooperative_text(store, e),
            STATE_LABELS[e.state],
            e.author,
            e.approver or EMPTY,
        )
        for i, e in enumerate(found, 1)
    ]
    counts: dict[State, int] = {}
    for e in found:
        counts[e.state] = counts.get(e.state, 0) + 1
    summary = ", ".join(f"{STATE_LABELS[s]}: {n}" for s, n in sorted(counts.items(), key=lambda kv: kv[0]))
    return Report(
        title=tx("Günlük liste"),
        authority=authority(province_code, ministry_name(store)),
        subtitle=tx("{v} tarihinde yazılan ya da işlem gören kayıtlar").format(
            v=format_date(day.isoformat())
        ),
        sections=[
            Table(
                columns=(
                    tx("Sıra"),
                    tx("Kayıt no"),
                    tx("Tür"),
                    tx("Kooperatif"),
                    tx("Durum"),
                    tx("Yazan"),
                    tx("Onaylayan"),
                ),
                rows=rows,
                widths=(4, 31, 13, 25, 11, 8, 8),
                unbroken=(0, 1, 4),
                mono=(1,),
                empty=tx("Bu gün işlem gören kayıt yok."),
            ),
            Paragraph(
                tx("Toplam {n_found} kayıt. {summary}").format(n_found=len(found), summary=summary).strip()
            ),
        ],
        signatures=(SIGNATURES["clerk"], SIGNATURES["supervisor"]),
        closing=audit_anchor(store),
        printed_at=printed_now(),
        entry_ids=[e.uuid for e in found],
    )


# ------------------------------------------------------------------ receipts after sync


def _receipt_cells(row: Sequence[Any]) -> tuple[str, ...]:
    """A row of :func:`listing.receipt_report_rows` as the report prints it, after its position."""
    (
        uuid,
        number,
        type_id,
        coop_id,
        coop_ref,
        receipt,
        synced_at,
        outcome,
        title,
        payload,
        reg,
        reg_payload,
    ) = row[:12]
    manual = bool(outcome) and _is_manual(json.loads(outcome))
    where = _cooperative_words(
        type_id,
        coop_id,
        coop_ref,
        json.loads(payload) if payload else None,
        title,
        (json.loads(reg_payload) if reg_payload else {}) if reg is not None else None,
    )
    return (
        _number_text(uuid, number),
        type_label(type_id),
        where,
        receipt or EMPTY,
        format_stamp(synced_at),
        tx("Elle") if manual else tx("Otomatik"),
    )


# How many receipts the report reads at once: each batch is one query over an index range.
RECEIPT_BATCH = 500


def receipts_report(
    store: Store, province_code: str | None = None, since: date | None = None, *, batch: int = RECEIPT_BATCH
) -> Report:
    """Every synced entry with the receipt number KOOP-BİS gave (or the one typed in by hand).

    Read ``batch`` rows at a time, oldest transfer first, each batch with the titles it prints.
    """
    start = stamp(datetime.combine(since, datetime.min.time())) if since is not None else None
    rows: list[tuple[str, ...]] = []
    uuids: list[str] = []
    for found in listing.keyset_batches(
        lambda after: listing.receipt_report_rows(store, limit=batch, after=after, since=start),
        lambda row: listing.PageKey(row[-1], row[0]),
        batch,
    ):
        for row in found:
            uuids.append(row[0])
            rows.append((str(len(rows) + 1), *_receipt_cells(row)))
    return Report(
        title=tx("KOOP-BİS alındı listesi"),
        authority=authority(province_code, ministry_name(store)),
        subtitle=tx("KOOP-BİS'e aktarılan kayıtlar ve alındı numaraları"),
        sections=[
            Table(
                columns=(
                    tx("Sıra"),
                    tx("Kayıt no"),
                    tx("Tür"),
                    tx("Kooperatif"),
                    tx("Alındı no"),
                    tx("Aktarım"),
                    tx("Yol"),
                ),
                rows=rows,
                widths=(4, 31, 12, 20, 12, 13, 8),
                unbroken=(0, 1, 4),
                mono=(1,),
                empty=tx("Henüz KOOP-BİS'e aktarılan kayıt yok."),
            ),
            Paragraph(tx("Toplam {n_found} kayıt aktarıldı.").format(n_found=len(rows))),
        ],
        signatures=(SUPERVISOR_SIGNATURE,),
        closing=audit_anchor(store),
        printed_at=printed_now(),
        entry_ids=uuids,
    )


# ------------------------------------------------------------------ registry warnings


def registry_report(store: Store, province_code: str | None = None, today: date | None = None) -> Report:
    """Cooperatives whose organs' terms ran out or that held no ordinary assembly for three years."""
    day = today or date.today()
    found = province_warnings(store, province=province_code, today=day)
    rows = [
        (coop.cooperative_id, coop.title, warning.message, warning.article)
        for coop in found
        for warning in coop.warnings
    ]
    return Report(
        title=tx("Sicil uyarıları"),
        authority=authority(province_code, ministry_name(store)),
        subtitle=tx("{v} itibarıyla görev süresi dolan kurullar ve yapılmayan genel kurullar").format(
            v=format_date(day.isoformat())
        ),
        sections=[
            Table(
                columns=(tx("Sicil no"), tx("Unvan"), tx("Uyarı"), tx("Dayanak")),
                rows=rows,
                widths=(10, 28, 48, 14),
                unbroken=(0,),
                mono=(0,),
                empty=tx("Uyarı gerektiren kooperatif yok."),
            ),
            Paragraph(
                tx(
                    "{n_found} kooperatif için {n_rows} uyarı. Kuyruktaki seçim ve genel kurul kayıtları hesaba katılmıştır."
                ).format(n_found=len(found), n_rows=len(rows))
            ),
        ],
        signatures=(SUPERVISOR_SIGNATURE,),
        printed_at=printed_now(),
    )
