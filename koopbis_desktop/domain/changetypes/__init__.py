"""Every change type a directorate records, as a schema, with its Law 1163 rules.

Articles cited are those of the Cooperatives Law No. 1163 (1163 sayılı
Kooperatifler Kanunu). A rule returns errors (the entry cannot be submitted) or
warnings (the clerk is told, the supervisor sees it, the entry may go on).

The types live by group (``cooperative``, ``members``, ``standing``; shared fields
in ``fields``); this module is the one registry every other module asks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from koopbis_desktop.domain.changetypes import cooperative, members, standing
from koopbis_desktop.domain.changetypes.fields import LAW
from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import LANGUAGES, language, text, text_in, tx
from koopbis_desktop.domain.schema import SEARCH_FIELDS, ChangeType, Choice, Field
from koopbis_desktop.domain.text import fold

CHANGE_TYPES: tuple[ChangeType, ...] = (*cooperative.TYPES, *members.TYPES, *standing.TYPES)

_BY_ID = {ctype.id: ctype for ctype in CHANGE_TYPES}


class UnknownChangeType(KoopbisError, KeyError):
    """No change type has this id (still a ``KeyError`` for lookups that catch one)."""

    exit_code = ExitCode.INVALID

    def __init__(self, type_id: str) -> None:
        super().__init__(
            tx("'{type_id}' diye bir kayıt türü yok. Türleri görmek için: koopbis types").format(
                type_id=type_id
            )
        )
        self.type_id = type_id


def schema_texts(ctype: ChangeType) -> Iterator[tuple[str, str]]:
    """Every (catalogue id, Turkish) pair of a type's labels, descriptions, help and choices."""
    yield f"type.{ctype.id}.label", ctype.label
    yield f"type.{ctype.id}.description", ctype.description
    yield from _field_texts(f"type.{ctype.id}.field", ctype.fields)


def _field_texts(prefix: str, fields: tuple[Field, ...]) -> Iterator[tuple[str, str]]:
    for f in fields:
        key = f"{prefix}.{f.name}"
        yield f"{key}.label", f.label
        if f.help:
            yield f"{key}.help", f.help
        for choice in f.choices:
            yield f"{key}.choice.{choice.value}", choice.label
        yield from _field_texts(key, f.fields)


def _localized_field(prefix: str, f: Field) -> Field:
    key = f"{prefix}.{f.name}"
    return replace(
        f,
        label=text(f"{key}.label", f.label),
        help=text(f"{key}.help", f.help) if f.help else "",
        choices=tuple(
            Choice(c.value, text(f"{key}.choice.{c.value}", c.label), turkish=c.turkish or c.label)
            for c in f.choices
        ),
        fields=tuple(_localized_field(key, row) for row in f.fields),
    )


@cache
def _localized(type_id: str, lang: str) -> ChangeType:
    ctype = _BY_ID[type_id]
    if lang == "tr":
        return ctype
    return replace(
        ctype,
        label=text(f"type.{ctype.id}.label", ctype.label),
        description=text(f"type.{ctype.id}.description", ctype.description),
        fields=tuple(_localized_field(f"type.{ctype.id}.field", f) for f in ctype.fields),
    )


def get_type(type_id: str) -> ChangeType:
    """The change type ``type_id`` with its labels in the current language (``domain.i18n``)."""
    if type_id not in _BY_ID:
        raise UnknownChangeType(type_id)
    return _localized(type_id, language())


def turkish_type(type_id: str) -> ChangeType:
    """The change type as declared, in Turkish whatever the language: what clerks type to find it."""
    if type_id not in _BY_ID:
        raise UnknownChangeType(type_id)
    return _BY_ID[type_id]


def known_type(type_id: str) -> bool:
    """Whether this version knows a change type of id ``type_id``."""
    return type_id in _BY_ID


def registers_cooperative(type_id: str) -> bool:
    """Whether an entry of ``type_id`` creates a cooperative (``ChangeType.registers``).

    False for a type this version does not know, as for any other non-registration.
    """
    ctype = _BY_ID.get(type_id)
    return ctype is not None and ctype.registers


def type_labels(type_id: str) -> tuple[str, ...]:
    """The type's label in every interface language, Turkish first, each once."""
    turkish = turkish_type(type_id).label
    labels = [text_in(lang, f"type.{type_id}.label", turkish) for lang in LANGUAGES]
    return tuple(dict.fromkeys(labels))


def search_text(
    type_id: str,
    cooperative: str | None,
    payload: Mapping[str, Any],
    cooperative_title: str | None = None,
) -> str:
    """The folded text an entry is found by in the queue's filter (the ``search`` column).

    The type's label in every interface language (an entry saved with the English
    interface is found by "ortaklığa giriş", one saved in Turkish by "admission"),
    the cooperative's registry id or registration uuid, ``cooperative_title`` (the
    title of the local registration it refers to: a snapshot cooperative's title is
    found through the cooperative's own search text) and the payload's
    :data:`~koopbis_desktop.domain.schema.SEARCH_FIELDS`.
    """
    parts = [*type_labels(type_id), cooperative or "", cooperative_title or ""]
    parts.extend(str(payload.get(name) or "") for name in SEARCH_FIELDS)
    return fold(" ".join(p for p in parts if p))


def all_types() -> tuple[ChangeType, ...]:
    """Every change type, labelled in the current language; ``CHANGE_TYPES`` keeps the Turkish source."""
    lang = language()
    return tuple(_localized(ctype.id, lang) for ctype in CHANGE_TYPES)


__all__ = [
    "CHANGE_TYPES",
    "LAW",
    "UnknownChangeType",
    "all_types",
    "get_type",
    "known_type",
    "registers_cooperative",
    "schema_texts",
    "search_text",
    "turkish_type",
    "type_labels",
]
