"""Every change type as a schema: valid examples, required fields, groups, Law 1163 rules."""

from __future__ import annotations

import copy
import json
import random
from datetime import date
from typing import Any

import pytest

from koopbis_desktop.domain import demo_data, records
from koopbis_desktop.domain.changetypes import UnknownChangeType, all_types, get_type
from koopbis_desktop.domain.schema import Kind, Severity, ValidationContext, validate

TODAY = date(2015, 3, 6)
CTX = ValidationContext(today=TODAY, founded_on="2000-05-10")

_rng = random.Random(1163)
IDS: list[str] = []
while len(IDS) < 12:
    number = demo_data.tckn(_rng)
    if number not in IDS:
        IDS.append(number)
VKN = demo_data.vkn(_rng)
UNION_VKN = demo_data.vkn(_rng)


def person(i: int) -> str:
    return f"{demo_data.FIRST_NAMES[i]} {demo_data.LAST_NAMES[i]}"


def founders(n: int = 7) -> list[dict[str, Any]]:
    return [{"id_no": IDS[i], "full_name": person(i), "shares": 2} for i in range(n)]


def board(n: int = 5, term: int = 2) -> list[dict[str, Any]]:
    roles = ["baskan", "baskan_yardimcisi", "uye", "uye", "uye", "yedek_uye", "yedek_uye"]
    return [{"id_no": IDS[i], "full_name": person(i), "role": roles[i], "term_years": term} for i in range(n)]


VALID: dict[str, dict[str, Any]] = {
    "cooperative.register": {
        "title": "S.S. Çankaya Işık Konut Yapı Kooperatifi",
        "cooperative_type": "konut",
        "province_code": "06",
        "district": "Çankaya",
        "address": "Işık Mah. 12. Sok. No:4 Çankaya/Ankara",
        "effective_date": "02.03.2015",
        "trade_registry_no": "123456",
        "vkn": VKN,
        "mersis_no": f"0{VKN}00015",
        "phone": "0312 555 12 34",
        "share_value": "1.000,00",
        "founders": founders(7),
        "board": board(5),
    },
    "cooperative.update": {
        "effective_date": "02.03.2015",
        "decision_no": "2015/3",
        "title": "S.S. Çankaya Yeni Işık Konut Yapı Kooperatifi",
    },
    "articles.amend": {
        "effective_date": "2015-03-02",
        "approval_date": "20.02.2015",
        "approval_no": "E-123",
        "articles": [
            {"article_no": 5, "text": "Kooperatifin merkezi Ankara'dır."},
            {"article_no": "12", "text": "Pay tutarı 1.000 TL'dir."},
        ],
    },
    "assembly.record": {
        "kind": "olagan",
        "effective_date": "02.03.2015",
        "fiscal_year": 2014,
        "place": "Kooperatif merkezi",
        "representative_name": "Ayşe Yılmaz",
        "representative_id": IDS[11],
        "result": "yapildi",
        "attendees": 34,
    },
    "board.replace": {"effective_date": "02.03.2015", "board": board(5)},
    "auditors.replace": {
        "effective_date": "02.03.2015",
        "auditors": [
            {"id_no": IDS[5], "full_name": person(5), "term_years": 1},
            {"id_no": IDS[6], "full_name": person(6), "term_years": 1},
        ],
    },
    "member.admit": {
        "member_id": IDS[8],
        "full_name": person(8),
        "effective_date": "02.03.2015",
        "decision_no": "2015/7",
        "shares": 4,
        "subscribed_amount": "4.000,00",
        "paid_amount": "1.000,00",
    },
    "member.leave": {
        "member_id": IDS[8],
        "full_name": person(8),
        "reason": "istifa",
        "effective_date": "02.03.2015",
        "decision_no": "2015/8",
    },
    "member.transfer": {
        "from_member_id": IDS[8],
        "from_full_name": person(8),
        "to_member_id": IDS[9],
        "to_full_name": person(9),
        "shares": 2,
        "effective_date": "02.03.2015",
        "decision_no": "2015/9",
    },
    "liquidation.start": {
        "effective_date": "02.03.2015",
        "reason": "genel_kurul",
        "liquidators": [
            {"id_no": IDS[0], "full_name": person(0)},
            {"id_no": IDS[1], "full_name": person(1)},
        ],
    },
    "liquidation.end": {"effective_date": "02.03.2015", "deregistration_date": "05.03.2015"},
    "liquidation.revoke": {"effective_date": "02.03.2015", "decision_no": "2015/1"},
    "merger": {
        "role": "devralan",
        "other_registry_id": "06-000123",
        "other_title": "S.S. Gölbaşı Ufuk Konut Yapı Kooperatifi",
        "effective_date": "02.03.2015",
    },
    "union.join": {
        "union_registry_id": "06-900001",
        "union_title": "Ankara Konut Yapı Kooperatifleri Birliği",
        "effective_date": "02.03.2015",
    },
    "union.leave": {
        "union_registry_id": "06-900001",
        "union_title": "Ankara Konut Yapı Kooperatifleri Birliği",
        "effective_date": "02.03.2015",
    },
    "capital.change": {
        "effective_date": "02.03.2015",
        "decision_no": "2015/4",
        "share_value": "2.500,00",
        "subscription_effect": "yeniden_hesapla",
    },
    "status.dormant": {
        "effective_date": "02.01.2015",
        "reason": "faaliyet_durdu",
        "evidence": "İl Müdürlüğü yerinde inceleme tutanağı, 05.01.2015",
    },
    "status.resume": {
        "effective_date": "02.03.2015",
        "decision_no": "2015/5",
        "evidence": "Olağanüstü genel kurul tutanağı, 02.03.2015",
    },
    "dissolution.record": {
        "cause": "genel_kurul",
        "effective_date": "02.03.2015",
        "decision_no": "2015/6",
    },
}

TYPE_IDS = [
    "cooperative.register",
    "cooperative.update",
    "articles.amend",
    "assembly.record",
    "board.replace",
    "auditors.replace",
    "member.admit",
    "member.leave",
    "member.transfer",
    "liquidation.start",
    "liquidation.end",
    "liquidation.revoke",
    "merger",
    "union.join",
    "union.leave",
    "capital.change",
    "status.dormant",
    "status.resume",
    "dissolution.record",
]


def check(type_id: str, payload: dict[str, Any], ctx: ValidationContext = CTX):
    return validate(get_type(type_id), payload, ctx)


def with_changes(type_id: str, **changes: Any) -> dict[str, Any]:
    payload = copy.deepcopy(VALID[type_id])
    for name, value in changes.items():
        if value is ...:
            payload.pop(name, None)
        else:
            payload[name] = value
    return payload


def issues_at(result, path: str, severity: Severity | None = None):
    return [i for i in result.issues if i.path == path and (severity is None or i.severity == severity)]


def only_error_at(result, path: str, words: str):
    found = [i for i in issues_at(result, path, Severity.ERROR) if words in i.message]
    assert found, f"no error at {path!r} containing {words!r}: {result.issues}"
    return found[0]


# ------------------------------------------------------------------ the type list


def test_all_type_ids_exactly():
    assert [t.id for t in all_types()] == TYPE_IDS


def test_valid_table_covers_every_type():
    assert set(VALID) == set(TYPE_IDS)


def test_unknown_type():
    with pytest.raises(UnknownChangeType) as info:
        get_type("member.fly")
    assert "koopbis types" in info.value.message


# --------------------------------------------------------------- valid examples


@pytest.mark.parametrize("type_id", TYPE_IDS)
def test_valid_example_passes_without_any_issue(type_id):
    result = check(type_id, VALID[type_id])
    assert result.ok, result.errors
    assert result.issues == []


def test_valid_payload_is_canonicalised():
    result = check("cooperative.register", VALID["cooperative.register"])
    payload = result.payload
    assert payload["effective_date"] == "2015-03-02"
    assert payload["province_code"] == "06"
    assert payload["district"] == "1231"
    assert payload["phone"] == "3125551234"
    assert payload["share_value"] == "1000.00"
    assert payload["founders"][0] == {"id_no": IDS[0], "full_name": person(0), "shares": 2}
    amend = check("articles.amend", VALID["articles.amend"]).payload
    assert [a["article_no"] for a in amend["articles"]] == [5, 12]


def test_choice_accepts_label_in_any_case():
    result = check("member.leave", with_changes("member.leave", reason="İSTİFA (ÇIKMA)"))
    assert result.ok and result.payload["reason"] == "istifa"
    bad = check("member.leave", with_changes("member.leave", reason="kaçtı"))
    assert "Geçerli seçenekler" in only_error_at(bad, "reason", "İstifa").message


# ------------------------------------------------------------ required fields


def _required_cases():
    for ctype in all_types():
        for f in ctype.fields:
            if f.required:
                yield pytest.param(ctype.id, f.name, id=f"{ctype.id}-{f.name}")


@pytest.mark.parametrize(("type_id", "field_name"), list(_required_cases()))
@pytest.mark.parametrize("empty", [..., None, "", "   ", []])
def test_missing_required_field_is_an_error_on_its_path(type_id, field_name, empty):
    result = check(type_id, with_changes(type_id, **{field_name: empty}))
    label = get_type(type_id).field(field_name).label
    error = only_error_at(result, field_name, "zorunludur")
    assert error.message == f"{label} zorunludur."
    assert not result.ok


@pytest.mark.parametrize(
    ("type_id", "group", "row_field"),
    [
        ("cooperative.register", "founders", "id_no"),
        ("cooperative.register", "founders", "shares"),
        ("cooperative.register", "board", "role"),
        ("board.replace", "board", "term_years"),
        ("auditors.replace", "auditors", "full_name"),
        ("liquidation.start", "liquidators", "id_no"),
        ("articles.amend", "articles", "text"),
    ],
)
def test_missing_row_field_is_an_error_on_the_row_path(type_id, group, row_field):
    payload = copy.deepcopy(VALID[type_id])
    row = min(1, len(payload[group]) - 1)
    del payload[group][row][row_field]
    result = check(type_id, payload)
    only_error_at(result, f"{group}[{row}].{row_field}", "zorunludur")


def test_invalid_row_value_reports_row_path():
    payload = copy.deepcopy(VALID["cooperative.register"])
    payload["founders"][2]["id_no"] = "12345678901"
    payload["board"][4]["role"] = "kral"
    result = check("cooperative.register", payload)
    only_error_at(result, "founders[2].id_no", "T.C. Kimlik No")
    only_error_at(result, "board[4].role", "Geçerli seçenekler")
    # The raw value is kept, so the clerk's typing is never lost.
    assert result.payload["founders"][2]["id_no"] == "12345678901"


def test_duplicate_group_key_is_flagged():
    payload = copy.deepcopy(VALID["cooperative.register"])
    payload["founders"][3]["id_no"] = payload["founders"][0]["id_no"]
    result = check("cooperative.register", payload)
    error = only_error_at(result, "founders[3].id_no", "1. satır")
    assert "iki kez" in error.message


def test_duplicate_key_after_normalisation_is_flagged():
    payload = copy.deepcopy(VALID["articles.amend"])
    payload["articles"][1]["article_no"] = "5"  # same as the int 5 of row 0
    only_error_at(check("articles.amend", payload), "articles[1].article_no", "1. satır")


def test_group_must_be_a_list_of_rows():
    result = check("board.replace", with_changes("board.replace", board="Ahmet, Mehmet"))
    only_error_at(result, "board", "satır listesi")
    result = check("board.replace", with_changes("board.replace", board=["Ahmet"]))
    only_error_at(result, "board", "satır listesi")


def test_group_row_bounds():
    no_rows = check("articles.amend", with_changes("articles.amend", articles=[]))
    only_error_at(no_rows, "articles", "zorunludur")
    auditors = [{"id_no": IDS[i], "full_name": person(i), "term_years": 1} for i in range(6)]
    too_many = check("auditors.replace", with_changes("auditors.replace", auditors=auditors))
    only_error_at(too_many, "auditors", "en çok 5")


def test_unknown_field_is_an_error():
    result = check("member.admit", with_changes("member.admit", favourite_colour="mavi"))
    only_error_at(result, "favourite_colour", "Bilinmeyen alan")
    payload = copy.deepcopy(VALID["board.replace"])
    payload["board"][0]["salary"] = "1000"
    only_error_at(check("board.replace", payload), "board[0].salary", "Bilinmeyen alan")


def test_payload_must_be_a_mapping():
    result = validate(get_type("member.admit"), ["not", "a", "mapping"])  # type: ignore[arg-type]
    assert not result.ok and result.errors[0].path == ""


# -------------------------------------------------------------- Law 1163 rules


def test_fewer_than_seven_founders():
    payload = with_changes("cooperative.register", founders=founders(6))
    error = only_error_at(check("cooperative.register", payload), "founders", "en az 7")
    assert "md. 2" in (error.article or "")
    assert "6 kurucu" in error.message
    assert "md. 2" in error.text


def test_seven_founders_is_enough():
    assert check("cooperative.register", with_changes("cooperative.register", founders=founders(7))).ok


@pytest.mark.parametrize("type_id", ["cooperative.register", "board.replace"])
def test_board_term_over_four_years(type_id):
    rows = board(5)
    rows[3]["term_years"] = 5
    result = check(type_id, with_changes(type_id, board=rows))
    error = only_error_at(result, "board[3].term_years", "en çok 4 yıl")
    assert "md. 55" in (error.article or "")
    rows[3]["term_years"] = 4
    assert check(type_id, with_changes(type_id, board=rows)).ok


def test_auditor_term_over_four_years():
    payload = copy.deepcopy(VALID["auditors.replace"])
    payload["auditors"][1]["term_years"] = 5
    error = only_error_at(check("auditors.replace", payload), "auditors[1].term_years", "4 yıl")
    assert "md. 66" in (error.article or "")


@pytest.mark.parametrize("type_id", ["cooperative.register", "board.replace"])
def test_board_needs_three_regular_members(type_id):
    result = check(type_id, with_changes(type_id, board=board(2)))
    error = only_error_at(result, "board", "en az 3")
    assert "md. 55" in (error.article or "")
    # Substitute members (yedek üye) do not count.
    substitutes = [
        {"id_no": IDS[i], "full_name": person(i), "role": "yedek_uye", "term_years": 2} for i in (7, 8)
    ]
    rows = [*board(2), *substitutes]
    only_error_at(check(type_id, with_changes(type_id, board=rows)), "board", "en az 3")
    assert check(type_id, with_changes(type_id, board=board(3))).ok


def test_board_without_exactly_one_chair_is_a_warning():
    rows = board(4)
    rows[0]["role"] = "uye"
    result = check("board.replace", with_changes("board.replace", board=rows))
    assert result.ok
    (warning,) = issues_at(result, "board", Severity.WARNING)
    assert "başkan" in warning.message and "md. 55" in (warning.article or "")


@pytest.mark.parametrize(
    ("held", "fiscal_year", "warned"),
    [
        ("2014-06-30", 2013, False),
        ("2014-07-01", 2013, True),
        ("2015-03-02", 2013, True),
        ("2015-01-01", 2014, False),
    ],
)
def test_ordinary_assembly_after_30_june_is_a_warning(held, fiscal_year, warned):
    payload = with_changes("assembly.record", effective_date=held, fiscal_year=fiscal_year)
    result = check("assembly.record", payload)
    assert result.ok
    warnings = issues_at(result, "effective_date", Severity.WARNING)
    assert bool(warnings) == warned
    if warned:
        assert "md. 45/1" in (warnings[0].article or "")
        assert f"30.06.{fiscal_year + 1}" in warnings[0].message


def test_extraordinary_assembly_has_no_deadline_and_no_fiscal_year():
    payload = with_changes("assembly.record", kind="olaganustu", fiscal_year=..., effective_date="2014-09-01")
    result = check("assembly.record", payload)
    assert result.issues == []


def test_ordinary_assembly_needs_fiscal_year():
    result = check("assembly.record", with_changes("assembly.record", fiscal_year=...))
    only_error_at(result, "fiscal_year", "zorunludur")


def test_ordinary_assembly_cannot_precede_the_end_of_its_year():
    payload = with_changes("assembly.record", effective_date="2014-12-31", fiscal_year=2014)
    error = only_error_at(check("assembly.record", payload), "fiscal_year", "bitmeden")
    assert "md. 45/1" in (error.article or "")


@pytest.mark.parametrize(
    ("subscribed", "paid", "warned"),
    [
        ("1.000,00", "250,00", False),
        ("1.000,00", "249,99", True),
        ("1000", "0", True),
        ("1000", "1000", False),
    ],
)
def test_paid_less_than_a_quarter_is_a_warning(subscribed, paid, warned):
    payload = with_changes("member.admit", subscribed_amount=subscribed, paid_amount=paid)
    result = check("member.admit", payload)
    assert result.ok
    warnings = issues_at(result, "paid_amount", Severity.WARNING)
    assert bool(warnings) == warned
    if warned:
        assert "md. 19" in (warnings[0].article or "")
        assert "dörtte bir" in warnings[0].message


def test_paid_more_than_subscribed_is_an_error():
    payload = with_changes("member.admit", subscribed_amount="1.000,00", paid_amount="1.000,01")
    only_error_at(check("member.admit", payload), "paid_amount", "büyük olamaz")


IHRAC = {
    "reason": "ihrac",
    "notice_date": "04.03.2015",
    "notice_no": "T-15",
    "objection_status": "itiraz_yok",
}


def test_expulsion_with_notice_and_objection_status_is_valid():
    result = check("member.leave", with_changes("member.leave", **IHRAC))
    assert result.issues == []


@pytest.mark.parametrize("missing", ["notice_date", "notice_no", "objection_status"])
def test_expulsion_without_notice_or_objection_status(missing):
    payload = with_changes("member.leave", **{**IHRAC, missing: ...})
    result = check("member.leave", payload)
    only_error_at(result, missing, "zorunludur")
    rule = [i for i in issues_at(result, missing, Severity.ERROR) if i.article]
    assert rule and "md. 16" in (rule[0].article or "")
    assert "İhraçta" in rule[0].message


def test_expulsion_message_names_the_missing_field_in_plain_turkish():
    payload = with_changes("member.leave", **{**IHRAC, "objection_status": ...})
    rule = [
        i for i in issues_at(check("member.leave", payload), "objection_status", Severity.ERROR) if i.article
    ]
    # "İtiraz".lower() is "i̇tiraz": an i with a combining dot above, shown as a doubled dot.
    assert rule[0].message.startswith("İhraçta itiraz durumu girilmelidir:")
    assert "\u0307" not in rule[0].message


def test_expulsion_notice_before_decision_is_an_error():
    payload = with_changes("member.leave", **{**IHRAC, "notice_date": "01.03.2015"})
    error = only_error_at(check("member.leave", payload), "notice_date", "önce olamaz")
    assert "md. 16" in (error.article or "")


def test_expulsion_under_objection_is_a_warning():
    payload = with_changes("member.leave", **{**IHRAC, "objection_status": "mahkemeye_itiraz"})
    result = check("member.leave", payload)
    assert result.ok
    (warning,) = issues_at(result, "objection_status", Severity.WARNING)
    assert "md. 16" in (warning.article or "")


def test_resignation_needs_no_notice():
    assert check("member.leave", VALID["member.leave"]).issues == []


def test_share_transfer_leave_needs_transferee():
    result = check("member.leave", with_changes("member.leave", reason="devir"))
    only_error_at(result, "transferee_id", "zorunludur")
    only_error_at(result, "transferee_id", "devralan")
    only_error_at(result, "transferee_name", "zorunludur")
    ok = with_changes("member.leave", reason="devir", transferee_id=IDS[9], transferee_name=person(9))
    assert check("member.leave", ok).issues == []


def test_share_transfer_leave_to_oneself_is_an_error():
    payload = with_changes("member.leave", reason="devir", transferee_id=IDS[8], transferee_name=person(8))
    only_error_at(check("member.leave", payload), "transferee_id", "kendisine")


def test_missing_ids_are_not_reported_as_a_transfer_to_oneself():
    # Both ids unusable: the clerk must hear what is missing, not a nonsense self-transfer.
    payload = with_changes("member.leave", reason="devir", member_id="123")
    result = check("member.leave", payload)
    assert not [i for i in result.issues if "kendisine" in i.message]
    only_error_at(result, "member_id", "hane")


def test_transfer_to_same_member_is_an_error():
    payload = with_changes("member.transfer", to_member_id=IDS[8])
    only_error_at(check("member.transfer", payload), "to_member_id", "aynı kişi")


def test_update_needs_a_change():
    payload = with_changes("cooperative.update", title=...)
    only_error_at(check("cooperative.update", payload), "", "en az bir bilgi")


def test_moving_the_seat_needs_district():
    payload = with_changes("cooperative.update", province_code="34")
    only_error_at(check("cooperative.update", payload), "district", "ilçe")
    moved = with_changes("cooperative.update", province_code="34", district="Kadıköy")
    assert check("cooperative.update", moved).ok
    wrong = with_changes("cooperative.update", province_code="34", district="Çankaya")
    only_error_at(check("cooperative.update", wrong), "district", "bağlı değil")


def test_liquidation_needs_liquidators():
    result = check("liquidation.start", with_changes("liquidation.start", liquidators=[]))
    only_error_at(result, "liquidators", "zorunludur")


# ------------------------------------------------------------------ dates in context


@pytest.mark.parametrize("type_id", [t for t in TYPE_IDS if t != "cooperative.register"])
def test_effective_date_before_founding_is_an_error(type_id):
    payload = with_changes(type_id, effective_date="09.05.2000")
    if type_id == "assembly.record":
        payload["fiscal_year"] = 1999
    if type_id == "liquidation.end":
        payload["deregistration_date"] = "10.05.2000"
    result = check(type_id, payload)
    error = only_error_at(result, "effective_date", "kuruluş tarihinden")
    assert "10.05.2000" in error.message
    # On the founding day itself, and without a known founding date, it is fine.
    assert not issues_at(
        check(type_id, with_changes(type_id, effective_date="10.05.2000")), "effective_date", Severity.ERROR
    )
    no_founding = ValidationContext(today=TODAY)
    assert not issues_at(check(type_id, payload, no_founding), "effective_date", Severity.ERROR)


def test_registration_is_not_compared_with_a_founding_date():
    payload = with_changes("cooperative.register", effective_date="09.05.2000")
    assert check("cooperative.register", payload).ok


@pytest.mark.parametrize("type_id", TYPE_IDS)
def test_future_effective_date_is_an_error(type_id):
    result = check(type_id, with_changes(type_id, effective_date="07.03.2015"))
    only_error_at(result, "effective_date", "ileri bir gün")


def test_other_future_dates_are_errors_too():
    payload = with_changes("liquidation.end", deregistration_date="2015-03-07")
    only_error_at(check("liquidation.end", payload), "deregistration_date", "ileri bir gün")
    payload = with_changes("member.leave", **{**IHRAC, "notice_date": "08.03.2015"})
    only_error_at(check("member.leave", payload), "notice_date", "ileri bir gün")


# ------------------------------------------------------------------------ touched


def touched(type_id: str, payload: dict[str, Any]) -> list[str]:
    ctype = get_type(type_id)
    result = validate(ctype, payload, CTX)
    assert result.ok, result.errors
    return ctype.touched(result.payload)


def test_touched_member_admit():
    assert touched("member.admit", VALID["member.admit"]) == [f"member:{IDS[8]}"]
    spaced = with_changes("member.admit", member_id=" ".join(IDS[8]))
    assert touched("member.admit", spaced) == [f"member:{IDS[8]}"]


def test_touched_cooperative_update_lists_only_given_fields():
    assert touched("cooperative.update", VALID["cooperative.update"]) == ["title"]
    payload = with_changes("cooperative.update", title=..., address="Yeni adres", phone="0312 444 00 00")
    assert touched("cooperative.update", payload) == ["address", "phone"]
    moved = with_changes("cooperative.update", province_code="34", district="Kadıköy")
    assert touched("cooperative.update", moved) == ["title", "province_code", "district"]


@pytest.mark.parametrize(
    ("type_id", "expected"),
    [
        ("cooperative.register", []),
        ("articles.amend", ["articles"]),
        ("assembly.record", ["assembly:2015-03-02"]),
        ("board.replace", ["board"]),
        ("auditors.replace", ["audit_board"]),
        ("member.leave", [f"member:{IDS[8]}"]),
        ("member.transfer", [f"member:{IDS[8]}", f"member:{IDS[9]}"]),
        ("liquidation.start", ["status"]),
        ("liquidation.end", ["status"]),
        ("liquidation.revoke", ["status"]),
        ("merger", ["status"]),
        ("union.join", ["union:06-900001"]),
        ("union.leave", ["union:06-900001"]),
        ("capital.change", ["share_value"]),
        ("status.dormant", ["status"]),
        ("status.resume", ["status"]),
        ("dissolution.record", ["status"]),
    ],
)
def test_touched_per_type(type_id, expected):
    assert touched(type_id, VALID[type_id]) == expected


@pytest.mark.parametrize("type_id", TYPE_IDS)
def test_touched_keys_resolve_in_a_record(type_id):
    record = next(demo_data.cooperatives("06", 1, seed=3))
    known = set(records.SCALAR_KEYS) | set(records.LIST_KEYS)
    for key in touched(type_id, VALID[type_id]):
        prefix, sep, _ = key.partition(":")
        assert (prefix in {"member", "assembly", "union"}) if sep else (key in known), key
        records.base_value(record, key)  # must not raise
    assert records.base_of(None, ["title"]) == {"title": None}


# ------------------------------------------------------------------------ to_json


@pytest.mark.parametrize("ctype", all_types(), ids=lambda c: c.id)
def test_to_json_describes_every_field(ctype):
    data = json.loads(json.dumps(ctype.to_json(), ensure_ascii=False))
    assert data["id"] == ctype.id
    assert isinstance(data["label"], str) and data["label"]
    assert [f["name"] for f in data["fields"]] == [f.name for f in ctype.fields]
    kinds = {k.value for k in Kind}

    def check_fields(fields):
        for field in fields:
            assert {"name", "kind", "label", "required"} <= set(field)
            assert field["kind"] in kinds
            assert isinstance(field["required"], bool)
            assert field["label"]
            if field["kind"] in ("choice", "cooperative_type"):
                assert field["choices"], field["name"]
                assert all({"value", "label"} == set(c) for c in field["choices"])
            else:
                assert "choices" not in field
            if field["kind"] == "group":
                assert field["fields"], field["name"]
                check_fields(field["fields"])
            else:
                assert "fields" not in field

    check_fields(data["fields"])


def test_to_json_details():
    leave = get_type("member.leave").to_json()
    fields = {f["name"]: f for f in leave["fields"]}
    assert fields["member_id"]["kind"] == "tckn_or_vkn" and fields["member_id"]["required"] is True
    assert {c["value"] for c in fields["reason"]["choices"]} == {"istifa", "ihrac", "vefat", "devir"}
    assert fields["notice_date"]["required"] is False
    assert fields["notice_date"]["required_when"] == {"field": "reason", "values": ["ihrac"]}
    register = {f["name"]: f for f in get_type("cooperative.register").to_json()["fields"]}
    assert register["district"]["depends_on"] == "province_code"
    assert [f["name"] for f in register["founders"]["fields"]] == ["id_no", "full_name", "shares"]
    assert register["founders"]["key"] == "id_no"
    assert register["effective_date"]["allow_future"] is False
    assert any(c["value"] == "konut" for c in register["cooperative_type"]["choices"])
