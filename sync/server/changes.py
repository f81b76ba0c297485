"""``POST /api/v1/changes``: idempotency, validation, stale/duplicate/base checks, apply, receipt.

Everything from the idempotency lookup to the receipt happens in one write
transaction, so a change is either applied with its receipt or not at all, and
two requests carrying the same key can never both apply.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type, registers_cooperative
from koopbis_desktop.domain.fiscal import fiscal_start_month
from koopbis_desktop.domain.schema import ChangeType, ValidationContext, validate
from sync.server.apply import (
    StateConflict,
    apply_change,
    check_base,
    check_stale,
    conflict_error,
    duplicate_error,
    find_duplicate,
    is_valid_base_key,
    new_record,
)
from sync.server.errors import ApiError, invalid
from sync.server.store import Store, dumps, iso, utc_now

log = logging.getLogger("koopbis.server")


def body_hash(body: dict[str, Any]) -> str:
    """Hash of the canonical JSON of a request body: key order and spacing do not matter."""
    return hashlib.sha256(dumps(body).encode("utf-8")).hexdigest()


def submit_change(
    store: Store, key: str, body: dict[str, Any], today: date, *, province: str | None = None
) -> tuple[int, dict[str, Any]]:
    """Apply the change ``body`` under ``key``; returns (HTTP status, answer) or raises ApiError.

    ``province`` is the sending directorate's: another province's cooperative is
    answered as unknown (404), a registration elsewhere is refused (422).
    """
    try:
        return _submit(store, key, body, today, province)
    except sqlite3.IntegrityError:
        # Another writer (another process on the same file) committed this key
        # between our lookup and our insert: answer as for any repeated key.
        return _submit(store, key, body, today, province)


@dataclass(frozen=True)
class BatchItem:
    """One change of a batch: its idempotency key and its ``POST /changes`` body (or why it has none)."""

    key: str
    body: dict[str, Any] | None
    refusal: ApiError | None = None  # the shape was refused before anything was looked up


def submit_changes(
    store: Store, items: list[BatchItem], today: date, *, province: str | None = None
) -> list[tuple[int, dict[str, Any]]]:
    """Apply a batch in order: per item the (HTTP status, answer) ``POST /changes`` would have given.

    One write transaction holds the whole batch, so later items see earlier ones
    applied (and a crash loses all of it, never half an item); each item runs in a
    savepoint of its own, so a refused item leaves the others applied — partial
    success. Every item is looked up by its key first, exactly as a single post,
    so a batch sent again after a lost answer returns the stored answers.
    """
    try:
        return _submit_batch(store, items, today, province)
    except sqlite3.IntegrityError:
        # As for one change: another process committed one of these keys meanwhile.
        return _submit_batch(store, items, today, province)


def _submit_batch(
    store: Store, items: list[BatchItem], today: date, province: str | None
) -> list[tuple[int, dict[str, Any]]]:
    answers: list[tuple[int, dict[str, Any]]] = []
    with store.transaction() as conn:
        for item in items:
            if item.refusal is not None or item.body is None:
                refusal = item.refusal or invalid([{"field": "change", "message": "Kayıt eksik."}])
                answers.append((refusal.status, refusal.body()))
                continue
            conn.execute("SAVEPOINT item")
            try:
                answers.append(_submit_in(store, conn, item.key, item.body, today, province))
            except ApiError as refused:
                conn.execute("ROLLBACK TO item")
                answers.append((refused.status, refused.body()))
            except sqlite3.IntegrityError:
                raise  # another writer took a key: the whole batch is answered again
            except Exception:
                # A fault of this item alone must not hold back the others: it gets the
                # 500 a single post would have got, and may be sent again.
                log.exception("change %s failed", item.key)
                conn.execute("ROLLBACK TO item")
                answers.append(
                    (
                        500,
                        {
                            "error": "server_error",
                            "message": "KOOP-BİS'te beklenmeyen bir hata oluştu; "
                            "biraz sonra yeniden deneyin.",
                        },
                    )
                )
            finally:
                conn.execute("RELEASE item")
    return answers


def _submit(
    store: Store, key: str, body: dict[str, Any], today: date, province: str | None
) -> tuple[int, dict[str, Any]]:
    with store.transaction() as conn:
        return _submit_in(store, conn, key, body, today, province)


def _submit_in(
    store: Store, conn: sqlite3.Connection, key: str, body: dict[str, Any], today: date, province: str | None
) -> tuple[int, dict[str, Any]]:
    """The checks and the apply of one change, inside the caller's transaction."""
    try:
        digest = body_hash(body)
    except UnicodeEncodeError:
        # A lone surrogate ("\ud800") is valid JSON but no text: it could be neither
        # hashed nor stored, so the request is refused like any other bad value.
        raise invalid(
            [{"field": "body", "message": "İstekte metin olmayan bir karakter (eşi olmayan vekil) var."}]
        ) from None
    previous = store.find_change(conn, key)
    if previous is not None:
        if previous["body_hash"] == digest:
            return 200, {**json.loads(previous["response"]), "replayed": True}
        raise ApiError(
            409,
            "idempotency_mismatch",
            "Bu anahtarla daha önce farklı içerikte bir kayıt uygulanmış; "
            "aynı kayıt için yeni bir anahtar kullanılamaz, kaydı gözden geçirin.",
            receipt=previous["receipt"],
        )
    ctype = _change_type(body["type"])
    base: dict[str, Any] = body.get("base") or {}
    bad_keys = [k for k in base if not is_valid_base_key(k)]
    if bad_keys:
        raise invalid(
            [{"field": f"base.{k}", "message": f"'{k}' geçerli bir kayıt alanı değil."} for k in bad_keys]
        )
    record = _target(store, conn, ctype, body)
    if record is not None and province is not None and record.get("province_code") != province:
        raise ApiError(
            404,
            "not_found",
            f"KOOP-BİS'te {record['id']} numaralı kooperatif yok.",
            cooperative=record["id"],
        )
    payload = _validated(ctype, body, record, today)
    if ctype.registers and province is not None and payload.get("province_code") != province:
        raise invalid(
            [
                {
                    "field": "province_code",
                    "message": f"Bu hesap yalnızca {province} plakalı ilin kooperatiflerini kaydedebilir.",
                }
            ]
        )
    _check_people_and_attachments(store, conn, body)

    if ctype.registers:
        _check_register(store, conn, payload)
        check_base(None, base)
        record = new_record(store.next_cooperative_id(conn, payload["province_code"]), payload)
    else:
        assert record is not None
        check_stale(record, ctype)
        duplicate = find_duplicate(record, ctype, payload)
        if duplicate is not None:
            raise duplicate_error(*duplicate)
        check_base(record, base)
        before = copy.deepcopy(record)
        try:
            apply_change(record, ctype, payload)
        except StateConflict as exc:
            raise conflict_error(before, base, [exc.key]) from None

    now = utc_now()
    answer = {
        "status": "applied",
        "receipt": store.next_receipt(conn, now.year),
        "cooperative": record["id"],
        "version": record["version"],
        "applied_at": iso(now),
    }
    store.save(conn, record, answer["applied_at"])
    store.record_change(conn, key=key, body_hash=digest, body=body, type_id=ctype.id, response=answer)
    return 201, answer


def _change_type(type_id: str) -> ChangeType:
    try:
        return get_type(type_id)
    except UnknownChangeType:
        raise invalid([{"field": "type", "message": f"'{type_id}' diye bir kayıt türü yok."}]) from None


def _target(
    store: Store, conn: sqlite3.Connection, ctype: ChangeType, body: dict[str, Any]
) -> dict[str, Any] | None:
    """The record the change applies to (None for a registration)."""
    cooperative, ref = body.get("cooperative"), body.get("cooperative_ref")
    if ctype.registers:
        if cooperative or ref:
            raise invalid([{"field": "cooperative", "message": "Kuruluş kaydında kooperatif belirtilmez."}])
        return None
    if not cooperative and ref:
        registered = store.find_change(conn, ref)
        if registered is None or not registers_cooperative(registered["type"]):
            raise invalid(
                [
                    {
                        "field": "cooperative_ref",
                        "message": "Bu başvuruyla uygulanmış bir kuruluş kaydı yok; "
                        "önce kuruluş kaydı gönderilmelidir.",
                    }
                ]
            )
        cooperative = registered["cooperative"]
    if not cooperative:
        raise invalid([{"field": "cooperative", "message": "Kaydın ait olduğu kooperatif belirtilmelidir."}])
    record = store.load(conn, cooperative)
    if record is None:
        raise ApiError(
            404,
            "not_found",
            f"KOOP-BİS'te {cooperative} numaralı kooperatif yok.",
            cooperative=cooperative,
        )
    return record


def _validated(
    ctype: ChangeType, body: dict[str, Any], record: dict[str, Any] | None, today: date
) -> dict[str, Any]:
    ctx = ValidationContext(
        today=today,
        founded_on=record.get("founded_on") if record else None,
        fiscal_start_month=(fiscal_start_month(record.get("articles")) if record else None) or 1,
    )
    result = validate(ctype, body.get("data") or {}, ctx)
    if result.errors:
        raise invalid([{"field": i.path, "message": i.text} for i in result.errors])
    return result.payload


def _check_people_and_attachments(store: Store, conn: sqlite3.Connection, body: dict[str, Any]) -> None:
    errors = []
    if body["author"].strip() == body["approver"].strip():
        errors.append({"field": "approver", "message": "Kaydı onaylayan, kaydı girenle aynı kişi olamaz."})
    hashes: list[str] = body.get("attachments") or []
    missing = set(store.missing_attachments(conn, hashes))
    for index, digest in enumerate(hashes):
        if digest in missing:
            errors.append(
                {
                    "field": f"attachments[{index}]",
                    "message": "Ek dosya sunucuya yüklenmemiş; önce eki yükleyin.",
                }
            )
    if errors:
        raise invalid(errors)


def _check_register(store: Store, conn: sqlite3.Connection, payload: dict[str, Any]) -> None:
    vkn = payload.get("vkn")
    if vkn:
        existing = store.find_by_vkn(conn, vkn)
        if existing is not None:
            raise duplicate_error("vkn", {k: existing.get(k) for k in ("id", "title", "vkn", "status")})
