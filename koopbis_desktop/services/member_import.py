"""Bulk admission and leaving of members from a cooperative's Excel or CSV list.

Cooperatives hand their member lists to the directorate as spreadsheets. Typing
hundreds of admissions one form at a time is where mistakes creep in, so the
clerk loads the file instead — and gets exactly what the form would give: every
row is validated with the same change-type schema (``member.admit`` or
``member.leave``, with the cooperative's founding date as context), duplicates
inside the file and against the offline snapshot and the local queue are
reported with their row numbers, and nothing is queued until the clerk says so.

Two steps, both without Qt:

* :func:`preview` reads and checks the file and returns a :class:`ImportPreview`
  (every row with its values and its issues) — the preview table of the desktop
  and ``koopbis import members --dry-run`` show it;
* :func:`import_rows` creates one draft per member, all in one transaction with
  their audit rows: a failure (or any bad row, unless the clerk explicitly chose
  to skip bad rows) imports nothing.

Reading the file — which column is which field, cells as the schema wants them,
the templates — is :mod:`services.member_list`'s, whose names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, search_text
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role, State
from koopbis_desktop.domain.schema import SEARCH_FIELDS, ChangeType, Severity, ValidationContext, validate
from koopbis_desktop.domain.text import fold
from koopbis_desktop.domain.validators import FieldError, parse_int, parse_money
from koopbis_desktop.services import capture
from koopbis_desktop.services.member_list import (
    COLUMNS,
    IDENTITY_KINDS,
    KIND_LABELS,
    PROGRESS_EVERY,
    TEMPLATE_NAMES,
    Column,
    ImportKind,
    ImportRow,
    Layout,
    MemberListError,
    RowIssue,
    read_rows,
    template_path,
    write_template,
)
from koopbis_desktop.services.spreadsheet import display_text, identity_zero_added
from koopbis_desktop.services.text_decoding import turkish_encoding_label
from koopbis_desktop.store import audit, entries, entry_batches
from koopbis_desktop.store.acting import require_active
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store

__all__ = [
    "COLUMNS",
    "KIND_LABELS",
    "PROGRESS_EVERY",
    "TEMPLATE_NAMES",
    "BatchValues",
    "Column",
    "ImportCancelled",
    "ImportKind",
    "ImportPreview",
    "ImportResult",
    "ImportRow",
    "Layout",
    "MemberListError",
    "RowIssue",
    "get_type",
    "import_rows",
    "preview",
    "read_rows",
    "template_path",
    "write_template",
]


class ImportCancelled(KoopbisError):
    """The clerk stopped an import on its way; its transaction was rolled back."""


# ------------------------------------------------------------------ batch values


@dataclass(frozen=True)
class BatchValues:
    """Values one board decision gives the whole list, asked once instead of on every row.

    A row's own cell wins over the batch value. With a share value, a row without a
    subscribed amount subscribes ``shares × share value`` (md. 19: a member takes
    whole shares). Text as the clerk typed it; the schema validates it per row.
    """

    decision_no: str | None = None
    decision_date: str | None = None
    share_value: str | None = None

    def supplied(self) -> set[str]:
        """The required fields these values fill in for every row."""
        fields = set()
        if self.decision_no:
            fields.add("decision_no")
        if self.decision_date:
            fields.add("effective_date")
        if self.share_value:
            fields.add("subscribed_amount")
        return fields

    def to_json(self) -> dict[str, str | None]:
        return {
            "decision_no": self.decision_no,
            "decision_date": self.decision_date,
            "share_value": self.share_value,
        }


def _subscribed(shares: Any, share_value: Any) -> str | None:
    """``shares × share value`` as a canonical amount, or None when either does not parse."""
    try:
        count = parse_int(shares, minimum=1)
        value = Decimal(parse_money(share_value))
    except FieldError:
        return None
    return str((value * count).quantize(Decimal("0.01")))


def _fill_batch(row: ImportRow, kind: ImportKind, batch: BatchValues, share_value: str | None) -> None:
    raw = row.raw
    if batch.decision_no and not raw.get("decision_no"):
        raw["decision_no"] = batch.decision_no
    if batch.decision_date and not raw.get("effective_date"):
        raw["effective_date"] = batch.decision_date
    if kind is ImportKind.ADMIT and share_value and not raw.get("subscribed_amount") and raw.get("shares"):
        amount = _subscribed(raw["shares"], share_value)
        if amount is not None:
            raw["subscribed_amount"] = amount


# ------------------------------------------------------------------ preview objects


@dataclass
class ImportPreview:
    """What a member list would import: the rows with their issues, nothing written yet."""

    source: str
    kind: ImportKind
    cooperative: str  # as given: registry id or the uuid of a local registration
    cooperative_id: str | None
    cooperative_ref: str | None
    cooperative_title: str
    columns: tuple[Column, ...]  # the columns found in the file, in schema order
    ignored_headers: tuple[str, ...]  # headers the importer does not know (shown, not imported)
    rows: list[ImportRow]
    #: how the file was read ("CSV, Windows-1254 (Türkçe), ayırıcı …" or "Excel 97-2003 …"): shown
    #: in the dry run; ``encoding`` (a CSV's text encoding, "" for a workbook) goes to the audit row
    reading: str = ""
    encoding: str = ""
    batch: BatchValues = BatchValues()
    #: the file is open in Excel or LibreOffice: what is not saved there was not read ("" if not)
    notice: str = ""

    @property
    def type_id(self) -> str:
        return self.kind.value

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok]

    @property
    def invalid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.ok]

    def summary(self) -> str:
        bad = len(self.invalid_rows)
        text = tx("{read} satır okundu: {good} geçerli, {bad} hatalı.").format(
            read=len(self.rows), good=len(self.rows) - bad, bad=bad
        )
        warned = sum(1 for r in self.rows if r.ok and r.warnings)
        if warned:
            text += tx(" {warned} geçerli satırda uyarı var.").format(warned=warned)
        return text

    def error_lines(self, limit: int | None = None) -> list[str]:
        """One line per error, in the interface language: "Satır 7, T.C. Kimlik No / VKN: …"."""
        return self._lines(Severity.ERROR, limit)

    def warning_lines(self, limit: int | None = None) -> list[str]:
        """One line per warning of a valid row (a row with errors is not imported), as :meth:`error_lines`."""
        return self._lines(Severity.WARNING, limit)

    def _lines(self, severity: Severity, limit: int | None) -> list[str]:
        lines: list[str] = []
        for row in self.rows:
            if severity == Severity.WARNING and not row.ok:
                continue
            for issue in row.errors if severity == Severity.ERROR else row.warnings:
                where = tx("Satır {line}, {issue}") if issue.label else tx("Satır {line}: {issue}")
                lines.append(where.format(line=row.line, issue=issue.text))
                if limit is not None and len(lines) >= limit:
                    return lines
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "type": self.type_id,
            "cooperative": self.cooperative_id or self.cooperative_ref,
            "reading": self.reading,
            "encoding": self.encoding or None,
            "open_elsewhere": self.notice or None,
            "rows": len(self.rows),
            "valid": len(self.valid_rows),
            "invalid": len(self.invalid_rows),
            "ignored_columns": list(self.ignored_headers),
            "batch": self.batch.to_json(),
            "errors": [
                {"line": r.line, "field": i.field, "column": i.label, "message": i.message}
                for r in self.rows
                for i in r.errors
            ],
            "warnings": [
                {"line": r.line, "field": i.field, "column": i.label, "message": i.message}
                for r in self.rows
                for i in r.warnings
            ],
        }


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_rows` queued: the new drafts' ids and the rows left out."""

    created: list[str]
    skipped_lines: list[int]

    def text(self) -> str:
        text = tx("{n} taslak kayıt oluşturuldu.").format(n=len(self.created))
        if self.skipped_lines:
            text += tx(" Hatalı {n} satır atlandı.").format(n=len(self.skipped_lines))
        return text


# ------------------------------------------------------------------ validation


def _schema_issues(ctype: ChangeType, row: ImportRow, ctx: ValidationContext) -> None:
    result = validate(ctype, row.raw, ctx)
    row.payload = result.payload
    row.schema_json = [issue.to_json() for issue in result.issues]
    row.schema_issues = [
        RowIssue(issue.path, _label(ctype, issue.path), issue.text, issue.severity) for issue in result.issues
    ]
    refused = {issue.field for issue in row.schema_issues if issue.severity == Severity.ERROR}
    for name, value in row.values.items():
        if name in refused or name not in row.raw or ctype.field(name).kind not in IDENTITY_KINDS:
            continue
        digits = identity_zero_added(value)
        if digits is not None:
            # Not stored with the draft (the form checks it again): the preview shows it to the
            # person loading the list, before anything is queued.
            row.schema_issues.append(
                RowIssue(
                    name,
                    _label(ctype, name),
                    tx(
                        "Başına 0 eklenerek {digits} okundu; dosyada 9 hane var ({written}). Excel sayı "
                        "olarak sakladığı numaranın baştaki sıfırını siler, ama bir hanesi eksik yazılmış "
                        "numara da böyle görünür: belgesiyle karşılaştırın, eksikse dosyada düzeltip "
                        "yeniden yükleyin."
                    ).format(written=display_text(value), digits=digits),
                    Severity.WARNING,
                )
            )


def _label(ctype: ChangeType, path: str) -> str:
    if not path:
        return ""
    try:
        return ctype.field(path).label
    except KeyError:
        return path


def _check_against_store(store: Store, preview: ImportPreview, record: dict[str, Any] | None) -> None:
    """Duplicates inside the file, against the snapshot and against the local queue; base per row."""
    coop = preview.cooperative_id or preview.cooperative_ref
    members = {str(m["member_id"]): m for m in (record or {}).get("members") or []}
    admitted_here = entry_batches.live_entries_by_member(store, coop, ImportKind.ADMIT.value)
    left_here = entry_batches.live_entries_by_member(store, coop, ImportKind.LEAVE.value)
    id_label = get_type(preview.type_id).field("member_id").label
    first_line: dict[str, int] = {}
    for row in preview.rows:
        row.store_issues = []
        member_id = row.payload.get("member_id")
        if not isinstance(member_id, str) or any(i.field == "member_id" for i in row.schema_issues):
            continue
        key = f"member:{member_id}"
        snapshot_row = members.get(member_id)
        row.base = {key: dict(snapshot_row) if snapshot_row else None}
        if member_id in first_line:
            row.store_issues.append(
                RowIssue(
                    "member_id",
                    id_label,
                    tx("{member_id} dosyada iki kez var; ilki satır {line}.").format(
                        member_id=member_id, line=first_line[member_id]
                    ),
                )
            )
            continue
        first_line[member_id] = row.line
        if preview.kind is ImportKind.ADMIT:
            if snapshot_row is not None:
                row.store_issues.append(
                    RowIssue(
                        "member_id",
                        id_label,
                        tx(
                            "{member_id} zaten bu kooperatifin ortağı (kooperatif listesine göre); "
                            "yeniden ortaklığa alınamaz."
                        ).format(member_id=member_id),
                    )
                )
            elif member_id in admitted_here:
                row.store_issues.append(
                    RowIssue(
                        "member_id",
                        id_label,
                        tx(
                            "{member_id} için kuyrukta bekleyen bir ortaklığa giriş kaydı var ({entry})."
                        ).format(member_id=member_id, entry=admitted_here[member_id][:8]),
                    )
                )
            continue
        if member_id in left_here:
            row.store_issues.append(
                RowIssue(
                    "member_id",
                    id_label,
                    tx("{member_id} için kuyrukta bekleyen bir ayrılma kaydı var ({entry}).").format(
                        member_id=member_id, entry=left_here[member_id][:8]
                    ),
                )
            )
            continue
        if snapshot_row is None:
            if member_id in admitted_here:
                # Admitted by an earlier local entry: that admission's row is the base (as capture does).
                capture.admitted_locally(store, coop, row.base)
            else:
                row.store_issues.append(
                    RowIssue(
                        "member_id",
                        id_label,
                        tx(
                            "{member_id} bu kooperatifin ortakları arasında yok; ayrılma kaydedilemez."
                        ).format(member_id=member_id),
                    )
                )
                continue
        name = row.payload.get("full_name")
        known = (row.base.get(key) or {}).get("full_name")
        if isinstance(name, str) and known and fold(name) != fold(str(known)):
            row.store_issues.append(
                RowIssue(
                    "full_name",
                    _label(get_type(preview.type_id), "full_name"),
                    tx("Ad kooperatif listesindekinden farklı: listede '{known}'.").format(known=known),
                    Severity.WARNING,
                )
            )


def preview(
    store: Store,
    path: Path | str,
    cooperative: str,
    *,
    kind: ImportKind | None = None,
    progress: Callable[[int], None] | None = None,
    batch: BatchValues | None = None,
) -> ImportPreview:
    """Read and check a member list for ``cooperative``; writes nothing.

    ``batch`` gives values for the whole list (decision number and date, share
    value); a row's own cell wins. Without a share value, the cooperative's known
    one (from its registration or a capital change) computes missing subscriptions.

    ``kind`` is taken from the headers when not given (a "Çıkış Tarihi" or
    "Ayrılma Nedeni" column makes it a leaving list). Raises
    :class:`MemberListError` when the file is not a member list at all, and
    ``NotFound`` for an unknown cooperative.
    """
    batch = batch or BatchValues()
    # Member types never register a cooperative, so either resolves it the same way.
    coop_id, coop_ref, record = capture.resolve_cooperative(
        store, get_type(ImportKind.ADMIT.value), cooperative
    )
    share_value = batch.share_value or (record or {}).get("share_value")
    supplied = batch.supplied() | ({"subscribed_amount"} if share_value else set())
    layout, rows = read_rows(path, kind=kind, progress=progress, supplied=supplied)
    ctype = get_type(layout.kind.value)
    ctx = ValidationContext(founded_on=(record or {}).get("founded_on"))
    for row in rows:
        _fill_batch(row, layout.kind, batch, share_value)
        _schema_issues(ctype, row, ctx)
    result = ImportPreview(
        source=Path(path).name,
        kind=layout.kind,
        cooperative=cooperative,
        cooperative_id=coop_id,
        cooperative_ref=coop_ref,
        cooperative_title=str((record or {}).get("title") or ""),
        columns=layout.columns,
        ignored_headers=layout.ignored,
        rows=rows,
        reading=layout.reading,
        encoding=layout.encoding,
        batch=batch,
        notice=layout.notice,
    )
    _check_against_store(store, result, record)
    return result


# ------------------------------------------------------------------ queueing


def import_rows(
    store: Store,
    actor: Actor,
    prepared: ImportPreview,
    *,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Queue one draft per valid row, all in one transaction with their audit rows.

    ``cancelled`` is asked before anything is written and after every
    :data:`PROGRESS_EVERY` drafts, the last time just before the commit: once it
    says True, :class:`ImportCancelled` is raised and nothing is created.

    Refuses (imports nothing) while any row has an error, unless ``skip_invalid``
    — the clerk's explicit choice to leave the bad rows out. The checks against
    the store run again inside the transaction, so a member another clerk
    queued since the preview is not admitted twice.
    """
    if actor.role not in (Role.CLERK, Role.SUPERVISOR):
        raise NotPermitted(tx("Kayıt girişini memurlar ve şefler yapar; yönetici hesabıyla kayıt girilmez."))
    ctype = get_type(prepared.type_id)
    coop = prepared.cooperative_id or prepared.cooperative_ref
    with store.atomic() as conn:
        require_active(conn, actor)
        entry_batches.take_member_list_turn(conn, coop)  # before the queue check below
        _, _, record = capture.resolve_cooperative(store, ctype, prepared.cooperative)
        _check_against_store(store, prepared, record)
        bad = prepared.invalid_rows
        if bad and not skip_invalid:
            raise MemberListError(
                tx(
                    "İçe aktarma yapılmadı: {n_bad} satırda hata var. Hataları düzeltin ya da hatalı satırları atlamayı seçin; hiçbir kayıt oluşturulmadı."
                ).format(n_bad=len(bad)),
                [(prepared.source, r.line, i.label, i.message) for r in bad for i in r.errors][:50],
            )
        chosen = prepared.valid_rows
        if not chosen:
            raise MemberListError(tx("İçe aktarılacak geçerli satır yok; hiçbir kayıt oluşturulmadı."))

        def counted(done: int) -> None:
            if cancelled is not None and cancelled():
                raise ImportCancelled(tx("İçe aktarma durduruldu; hiçbir kayıt oluşturulmadı."))
            if progress is not None and done:
                progress(done)

        counted(0)
        title = str((record or {}).get("title") or "") or None
        created = _insert_drafts(conn, actor, ctype, prepared, chosen, counted, title)
        audit.append(
            conn,
            actor=actor.username,
            action="member_import",
            details={
                "file": prepared.source,
                # In Turkish, whatever the language of the run: the trail reads the same for all.
                "encoding": turkish_encoding_label(prepared.encoding) if prepared.encoding else None,
                "type": prepared.type_id,
                "cooperative": coop,
                "created": len(created),
                "skipped_lines": [r.line for r in bad],
            },
        )
    return ImportResult(created=created, skipped_lines=[r.line for r in bad])


def _insert_drafts(
    conn: Any,
    actor: Actor,
    ctype: ChangeType,
    prepared: ImportPreview,
    rows: list[ImportRow],
    progress: Callable[[int], None] | None,
    cooperative_title: str | None = None,
) -> list[str]:
    """The same rows ``entries.insert_entry`` writes (entry, revision 1, audit "create"), in bulk.

    The audit rows go through :func:`audit.append_many`: the same hash chain
    ``audit.append`` row by row would write, the head updated once per batch.
    """
    coop_id, coop_ref = prepared.cooperative_id, prepared.cooperative_ref
    when = stamp()
    # What capture's search text folds, with the part every row shares folded once.
    # A local registration's entries are found by its title too (a snapshot cooperative's by its own).
    prefix = search_text(ctype.id, coop_id or coop_ref, {}, cooperative_title if coop_ref else None)
    drafts: list[entry_batches.NewDraft] = []
    for row in rows:
        effective = row.payload.get(ctype.effective_date_field)
        words = " ".join(str(value) for name in SEARCH_FIELDS if (value := row.payload.get(name)))
        drafts.append(
            entry_batches.NewDraft(
                uuid=entries.new_uuid(),
                type=ctype.id,
                cooperative_id=coop_id,
                cooperative_ref=coop_ref,
                effective_date=effective if isinstance(effective, str) and len(effective) == 10 else None,
                state=State.DRAFT.value,
                author=actor.username,
                payload=entries.dumps(row.payload),
                base=entries.dumps(row.base),
                issues=entries.dumps(row.schema_json) if row.schema_json else "[]",
                created_at=when,
                updated_at=when,
                search=f"{prefix} {fold(words)}".strip(),
            )
        )
    entry_batches.insert_drafts(conn, drafts)
    created = [draft.uuid for draft in drafts]
    details = {"type": ctype.id, "cooperative": coop_id or coop_ref, "revision": 1}  # one dict, shared
    for start in range(0, len(created), PROGRESS_EVERY):
        audit.append_many(
            conn,
            (
                audit.Record(
                    actor=actor.username,
                    action="create",
                    entry_uuid=key,
                    to_state=State.DRAFT.value,
                    details=details,
                )
                for key in created[start : start + PROGRESS_EVERY]
            ),
        )
        if progress is not None:
            progress(min(start + PROGRESS_EVERY, len(created)))
    return created
