"""Deterministic, realistic demo cooperatives for training, demos, tests and benchmarks.

The desktop's demo database and the training server are seeded from the same
function with the same seed, so a training sync meets the same cooperatives on
both sides. Names are Turkish, TCKN/VKN numbers carry valid checksums.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from koopbis_desktop.domain import reference

FIRST_NAMES = [
    "Ahmet",
    "Mehmet",
    "Mustafa",
    "Ali",
    "Hüseyin",
    "Hasan",
    "İbrahim",
    "İsmail",
    "Osman",
    "Yusuf",
    "Ömer",
    "Murat",
    "Ramazan",
    "Fatma",
    "Ayşe",
    "Emine",
    "Hatice",
    "Zeynep",
    "Elif",
    "Meryem",
    "Şerife",
    "Sultan",
    "Zehra",
    "Hanife",
    "Merve",
    "Özlem",
    "Gülşen",
    "Çağlar",
    "Işık",
    "Ilgaz",
    "İlker",
    "Ümit",
    "Gökhan",
    "Şükrü",
    "Ağah",
    "Doğan",
    "Özge",
    "Çiğdem",
    "Gülay",
    "Şebnem",
    "Ülkü",
    "Öykü",
]
LAST_NAMES = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Yıldırım",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kara",
    "Koç",
    "Kurt",
    "Özkan",
    "Şimşek",
    "Işık",
    "Ilıcalı",
    "Güneş",
    "Ünal",
    "Erdoğan",
    "Çakır",
    "Bulut",
    "Ağaoğlu",
    "Sarıgül",
    "Kılınç",
    "Gündoğdu",
    "Türkoğlu",
    "Ergün",
    "Uçar",
    "Akgül",
    "Ateş",
    "Karaca",
    "Çınar",
    "Tekin",
]
PLACE_WORDS = [
    "Işık",
    "Yeşilvadi",
    "Çamlıca",
    "Gökçe",
    "Güneşli",
    "Ilıca",
    "Şirinevler",
    "Ufuk",
    "Çağdaş",
    "Barış",
    "Umut",
    "Bereket",
    "Doğuş",
    "Ilgın",
    "Özgür",
    "Kardeşler",
    "Bağlar",
    "Ören",
    "Çınaraltı",
    "Gülbahçe",
    "İnci",
    "Şafak",
    "Yıldızlı",
    "Öncü",
]
TYPE_WORDS = {
    "konut": "Konut Yapı Kooperatifi",
    "toplu_isyeri": "Toplu İşyeri Yapı Kooperatifi",
    "sanayi_sitesi": "Küçük Sanat ve Sanayi Sitesi Yapı Kooperatifi",
    "tuketim": "Tüketim Kooperatifi",
    "tasima": "Motorlu Taşıyıcılar Kooperatifi",
    "uretim_pazarlama": "Üretim Pazarlama Kooperatifi",
    "kadin_girisimi": "Kadın Girişimi Üretim ve İşletme Kooperatifi",
    "temin_tevzi": "Temin Tevzi Kooperatifi",
}


def tckn(rng: random.Random) -> str:
    """A random T.C. Kimlik No with valid check digits."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    tenth = ((sum(digits[0:9:2]) * 7) - sum(digits[1:8:2])) % 10
    digits.append(tenth)
    digits.append(sum(digits) % 10)
    return "".join(map(str, digits))


def vkn(rng: random.Random) -> str:
    """A random Vergi Kimlik No with a valid check digit."""
    digits = [rng.randint(0, 9) for _ in range(9)]
    total = 0
    for i, d in enumerate(digits):
        tmp = (d + 9 - i) % 10
        value = (tmp * 2 ** (9 - i)) % 9
        if tmp != 0 and value == 0:
            value = 9
        total += value
    check = (10 - total % 10) % 10
    return "".join(map(str, digits)) + str(check)


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _date_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def cooperatives(
    province_code: str = "06",
    count: int = 500,
    *,
    seed: int = 2015,
    members_per_cooperative: tuple[int, int] = (7, 40),
    start_number: int = 1,
    today: date = date(2015, 2, 27),
) -> Iterator[dict[str, Any]]:
    """Yield ``count`` cooperative records (see ``domain.records``) of one province."""
    rng = random.Random(f"{seed}:{province_code}:{start_number}")
    province = reference.find_province(province_code)
    if province is None:
        raise ValueError(f"unknown province {province_code}")
    used_vkn: set[str] = set()
    for number in range(start_number, start_number + count):
        type_code = rng.choice(list(TYPE_WORDS))
        district = rng.choice(province.districts)
        words = rng.sample(PLACE_WORDS, 2 if rng.random() < 0.4 else 1)
        title = f"{district.name} {' '.join(words)} {TYPE_WORDS[type_code]}"
        if rng.random() < 0.3:
            title = f"S.S. {title}"
        founded = _date_between(rng, date(1975, 1, 1), date(2013, 12, 31))
        tax_no = vkn(rng)
        while tax_no in used_vkn:
            tax_no = vkn(rng)
        used_vkn.add(tax_no)
        n_members = rng.randint(*members_per_cooperative)
        members: list[dict[str, Any]] = []
        seen: set[str] = set()
        for _ in range(n_members):
            member_id = tckn(rng)
            if member_id in seen:
                continue
            seen.add(member_id)
            members.append(
                {
                    "member_id": member_id,
                    "full_name": person_name(rng),
                    "shares": rng.randint(1, 5),
                    "joined_on": _date_between(rng, founded, today).isoformat(),
                }
            )
        board_people = members[:5] if len(members) >= 5 else members
        roles = ["baskan", "baskan_yardimcisi", "uye", "uye", "uye"]
        board = [
            {
                "id_no": m["member_id"],
                "full_name": m["full_name"],
                "role": roles[i],
                "term_years": 2,
            }
            for i, m in enumerate(board_people)
            if len(m["member_id"]) == 11
        ]
        auditors = [
            {"id_no": m["member_id"], "full_name": m["full_name"], "term_years": 1} for m in members[5:7]
        ]
        assemblies = []
        for year in range(max(founded.year, 2010), 2014):
            held = _date_between(rng, date(year + 1, 2, 1), date(year + 1, 6, 30))
            if held > today:
                continue
            assemblies.append(
                {
                    "date": held.isoformat(),
                    "kind": "olagan",
                    "fiscal_year": year,
                    "place": f"{district.name} Kooperatif Merkezi",
                    "result": "yapildi",
                }
            )
        status = "in_liquidation" if rng.random() < 0.04 else "active"
        # Sanayi.Net exports carry no election dates; every 17th demo cooperative is known to
        # still have its founding board, so the registry warning (md. 55) shows in the demo.
        founding_board = {"board_elected_on": founded.isoformat()} if board and number % 17 == 0 else {}
        yield {
            "id": f"{province.code}-{number:06d}",
            "title": title,
            "cooperative_type": type_code,
            "province_code": province.code,
            "district": district.code,
            "address": f"{rng.choice(PLACE_WORDS)} Mah. {rng.randint(1, 300)}. Sok. No:{rng.randint(1, 90)} "
            f"{district.name}/{province.name}",
            "phone": f"{rng.choice(['312', '322', '232', '212', '216'])}{rng.randint(1000000, 9999999)}",
            "vkn": tax_no,
            "mersis_no": f"0{tax_no}{rng.randint(10000, 99999)}",
            "trade_registry_no": str(rng.randint(1000, 999999)),
            "status": status,
            "founded_on": founded.isoformat(),
            **founding_board,
            "version": 1,
            "members": members,
            "board": board,
            "audit_board": auditors,
            "assemblies": assemblies,
            "articles": [],
            "unions": [],
        }
