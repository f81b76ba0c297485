"""Every change type a directorate records, as a schema, with its Law 1163 rules.

Articles cited are those of the Cooperatives Law No. 1163 (1163 sayılı
Kooperatifler Kanunu). A rule returns errors (the entry cannot be submitted) or
warnings (the clerk is told, the supervisor sees it, the entry may go on).

The types live by group (``cooperative``, ``members``, ``standing``; shared fields
in ``fields``); this module is the one registry every other module asks.
"""

from __future__ import annotations

from koopbis_desktop.domain.changetypes import cooperative, members, standing
from koopbis_desktop.domain.changetypes.fields import LAW
from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.schema import ChangeType

CHANGE_TYPES: tuple[ChangeType, ...] = (*cooperative.TYPES, *members.TYPES, *standing.TYPES)

_BY_ID = {ctype.id: ctype for ctype in CHANGE_TYPES}


class UnknownChangeType(KoopbisError, KeyError):
    """No change type has this id (still a ``KeyError`` for lookups that catch one)."""

    exit_code = ExitCode.INVALID

    def __init__(self, type_id: str) -> None:
        super().__init__(f"'{type_id}' diye bir kayıt türü yok. Türleri görmek için: koopbis types")
        self.type_id = type_id


def get_type(type_id: str) -> ChangeType:
    try:
        return _BY_ID[type_id]
    except KeyError:
        raise UnknownChangeType(type_id) from None


def registers_cooperative(type_id: str) -> bool:
    """Whether an entry of ``type_id`` creates a cooperative (``ChangeType.registers``).

    False for a type this version does not know, as for any other non-registration.
    """
    ctype = _BY_ID.get(type_id)
    return ctype is not None and ctype.registers


def all_types() -> tuple[ChangeType, ...]:
    return CHANGE_TYPES


__all__ = ["CHANGE_TYPES", "LAW", "UnknownChangeType", "all_types", "get_type", "registers_cooperative"]
