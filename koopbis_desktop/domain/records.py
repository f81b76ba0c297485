"""The shape of a cooperative record, shared by the offline snapshot and KOOP-BİS.

A record is a plain dict::

    {"id": "06-000123",            # KOOP-BİS / registry id (string)
     "title": str, "cooperative_type": str (code), "province_code": "06",
     "district": str (district code), "address": str, "phone": str | None,
     "vkn": str | None, "mersis_no": str | None, "trade_registry_no": str | None,
     "status": one of STATUSES, "founded_on": ISO date | None, "version": int,
     # optional, present when known: "share_value", "capital" (Decimal strings),
     # "board_elected_on", "auditors_elected_on" (ISO dates of the last elections),
     # "type_as_written", "status_as_written" (words an import did not know)
     "members":     [{"member_id", "full_name", "shares", "joined_on"}],
     "board":       [{"id_no", "full_name", "role", "term_years"}],
     "audit_board": [{"id_no", "full_name", "term_years"}],
     "assemblies":  [{"date", "kind", "fiscal_year", "place", "result"}],
     "articles":    [{"article_no", "text"}],
     "unions":      [{"union_registry_id", "union_title"}]}

An entry's ``base`` maps each snapshot key it touches (see
``ChangeType.touched``) to :func:`base_value` of the record at capture time;
the server compares the same keys against its current record.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from koopbis_desktop.domain.i18n import Labels, tx

STATUSES = Labels(
    "status",
    {
        "active": "Faal",
        "in_liquidation": "Tasfiye halinde",
        "dissolved": "Terkin edildi",
        "merged": "Birleşme ile sona erdi",
        "dormant": "Faaliyetsiz",
        "dissolving": "Dağılmış (tasfiyeye girecek)",
        "other": "Diğer (dosyada yazıldığı gibi)",
    },
)

# Scalar keys a record has only when they are known (older snapshots and exports lack them).
OPTIONAL_KEYS = (
    "share_value",
    "capital",
    "board_elected_on",
    "auditors_elected_on",
    # A type or status word an import did not know, kept as written (the record says "diger"/"other").
    "type_as_written",
    "status_as_written",
)

SCALAR_KEYS = (
    "title",
    "cooperative_type",
    "province_code",
    "district",
    "address",
    "phone",
    "vkn",
    "mersis_no",
    "trade_registry_no",
    "status",
    "founded_on",
    *OPTIONAL_KEYS,
)
# The keys of each list's rows, as KOOP-BİS keeps them (the shape above, as data).
ROW_KEYS = {
    "members": ("member_id", "full_name", "shares", "joined_on"),
    "board": ("id_no", "full_name", "role", "term_years"),
    "audit_board": ("id_no", "full_name", "term_years"),
    "assemblies": ("date", "kind", "fiscal_year", "place", "result"),
    "articles": ("article_no", "text"),
    "unions": ("union_registry_id", "union_title"),
}
LIST_KEYS = tuple(ROW_KEYS)


def list_row(list_name: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` (an entry's group row, say) cut to the keys a row of ``list_name`` has."""
    return {key: row[key] for key in ROW_KEYS[list_name]}


# "member:<id>" → the member row whose member_id is <id>, or None
KEYED_LISTS = {
    "member": ("members", "member_id"),
    "assembly": ("assemblies", "date"),
    "union": ("unions", "union_registry_id"),
}


def base_value(record: Mapping[str, Any] | None, key: str) -> Any:
    """The value of snapshot ``key`` in ``record`` (None when absent)."""
    if record is None:
        return None
    prefix, sep, ident = key.partition(":")
    if sep:
        list_name, id_field = KEYED_LISTS[prefix]
        for row in record.get(list_name) or []:
            if str(row.get(id_field)) == ident:
                return dict(row)
        return None
    value = record.get(key)
    if key in LIST_KEYS:
        return [dict(row) for row in value or []]
    return value


def record_from_base(base: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a cooperative record that ``base`` describes, in record shape."""
    record: dict[str, Any] = {name: [] for name in LIST_KEYS}
    record.update(id=None, version=0)
    for key, value in base.items():
        prefix, sep, _ident = key.partition(":")
        if sep:
            if value is not None:
                record[KEYED_LISTS[prefix][0]].append(copy.deepcopy(dict(value)))
        else:
            record[key] = copy.deepcopy(value)
    return record


def base_of(record: Mapping[str, Any] | None, keys: list[str]) -> dict[str, Any]:
    return {key: base_value(record, key) for key in keys}


def _known(**values: Any) -> dict[str, Any]:
    """The optional keys whose value is known."""
    return {key: value for key, value in values.items() if value is not None}


def record_from_registration(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The record a ``cooperative.register`` payload creates (founders become members).

    Used as the base of later entries of a cooperative that exists only in the
    local queue so far, and by the reference server when it applies a registration.
    """
    return {
        "id": None,
        "title": payload.get("title"),
        "cooperative_type": payload.get("cooperative_type"),
        "province_code": payload.get("province_code"),
        "district": payload.get("district"),
        "address": payload.get("address"),
        "phone": payload.get("phone"),
        "vkn": payload.get("vkn"),
        "mersis_no": payload.get("mersis_no"),
        "trade_registry_no": payload.get("trade_registry_no"),
        "status": "active",
        "founded_on": payload.get("effective_date"),
        **_known(
            share_value=payload.get("share_value"),
            board_elected_on=payload.get("effective_date") if payload.get("board") else None,
        ),
        "version": 0,
        "members": [
            {
                "member_id": f.get("id_no"),
                "full_name": f.get("full_name"),
                "shares": f.get("shares"),
                "joined_on": payload.get("effective_date"),
            }
            for f in payload.get("founders") or []
        ],
        "board": [dict(b) for b in payload.get("board") or []],
        "audit_board": [],
        "assemblies": [],
        "articles": [],
        "unions": [],
    }


KEY_LABELS = Labels(
    "key",
    {
        "title": "Unvan",
        "cooperative_type": "Tür",
        "province_code": "İl",
        "district": "İlçe",
        "address": "Adres",
        "phone": "Telefon",
        "vkn": "Vergi Kimlik No",
        "mersis_no": "MERSİS No",
        "trade_registry_no": "Ticaret sicil no",
        "status": "Durum",
        "founded_on": "Kuruluş tarihi",
        "share_value": "Pay tutarı",
        "capital": "Sermaye",
        "board_elected_on": "Yönetim kurulu seçim tarihi",
        "auditors_elected_on": "Denetim kurulu seçim tarihi",
        "type_as_written": "Tür (dosyada yazıldığı gibi)",
        "status_as_written": "Durum (dosyada yazıldığı gibi)",
        "members": "Ortaklar",
        "board": "Yönetim kurulu",
        "audit_board": "Denetim kurulu",
        "assemblies": "Genel kurullar",
        "articles": "Anasözleşme maddeleri",
        "unions": "Birlikler",
    },
)

KEY_PREFIX_LABELS = Labels("key_prefix", {"member": "Ortak", "assembly": "Genel kurul", "union": "Birlik"})


def key_label(key: str) -> str:
    """A Turkish label for a snapshot key: "title" → "Unvan", "member:123…" → "Ortak 123…"."""
    prefix, sep, ident = key.partition(":")
    if sep:
        return KEY_PREFIX_LABELS.get(prefix, prefix) + f" {ident}"
    return KEY_LABELS.get(key, key)


# --------------------------------------------------------------------------- checking a record

# Numbers a record's rows carry; anything beyond this fits no SQLite INTEGER safely.
_RECORD_INT_LIMIT = 2**53
_NUMBER_KEYS = frozenset({"shares", "term_years", "fiscal_year", "article_no", "version"})
# Row keys a row cannot be written without (the snapshot tables' NOT NULL columns).
_REQUIRED_ROW_KEYS = {
    "members": ("member_id", "full_name"),
    "board": ("id_no", "full_name"),
    "audit_board": ("id_no", "full_name"),
    "assemblies": ("date",),
}
_TEXT_LIMIT = 20_000


def _value_problem(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if key in _NUMBER_KEYS and not isinstance(value, str):
        if isinstance(value, bool) or not isinstance(value, int):
            return tx("'{key}' bir tam sayı olmalıdır").format(key=key)
        if abs(value) >= _RECORD_INT_LIMIT:
            return tx("'{key}' sayısı çok büyük ({value}…)").format(key=key, value=str(value)[:12])
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return tx("'{key}' bir metin olmalıdır").format(key=key)
    text = str(value)
    if len(text) > _TEXT_LIMIT:
        return tx("'{key}' çok uzun").format(key=key)
    if any(ord(c) < 32 and c not in "\n\r\t" for c in text) or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return tx("'{key}' yazdırılamayan bir karakter içeriyor").format(key=key)
    return None


def record_problem(record: object) -> str | None:
    """Why ``record`` cannot go into the snapshot as it is, in Turkish; None when it can.

    A record from KOOP-BİS or a file is checked before it is written so that one
    malformed record (a number too large for the database, an object where a name
    belongs) is skipped and named instead of stopping the whole refresh.
    """
    if not isinstance(record, Mapping):
        return tx("kayıt bir nesne değil")
    ident = record.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int) or not str(ident).strip():
        return tx("kaydın kimliği (id) yok ya da geçersiz")
    problem = _value_problem("id", ident)
    if problem:
        return problem
    if not isinstance(record.get("title"), str) or not record["title"].strip():
        return tx("kaydın unvanı yok")
    for key in (*SCALAR_KEYS, "version"):
        problem = _value_problem(key, record.get(key))
        if problem:
            return problem
    for list_name, keys in ROW_KEYS.items():
        rows = record.get(list_name)
        if rows is None:
            continue
        if not isinstance(rows, list):
            return tx("'{list_name}' bir liste olmalıdır").format(list_name=list_name)
        for index, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                return tx("'{list_name}' listesinin {index}. satırı bir nesne değil").format(
                    list_name=list_name, index=index
                )
            for required in _REQUIRED_ROW_KEYS.get(list_name, ()):
                if row.get(required) in (None, ""):
                    return tx("'{list_name}' listesinin {index}. satırında '{required}' yok").format(
                        list_name=list_name, index=index, required=required
                    )
            for key in keys:
                problem = _value_problem(key, row.get(key))
                if problem:
                    return tx("'{list_name}' listesinin {index}. satırı: {problem}").format(
                        list_name=list_name, index=index, problem=problem
                    )
    return None
