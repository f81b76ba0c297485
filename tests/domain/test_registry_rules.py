"""Issue 17's rules: capital, dormancy, dissolution, liquidators, fiscal years and registry warnings.

Each Law 1163 rule has a valid case, an invalid (or warned) case and the article it cites.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from koopbis_desktop.domain import effects
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.fiscal import assembly_deadline, fiscal_period_end, fiscal_start_month
from koopbis_desktop.domain.records import base_value, record_from_registration
from koopbis_desktop.domain.registry_checks import facts_from, registry_warnings
from koopbis_desktop.domain.schema import Severity, ValidationContext, validate
from tests.domain.test_changetypes import CTX, IDS, VALID, person, with_changes


def check(type_id: str, payload: dict[str, Any], ctx: ValidationContext = CTX) -> Any:
    return validate(get_type(type_id), payload, ctx)


def at(result: Any, path: str, severity: Severity) -> list[Any]:
    return [i for i in result.issues if i.path == path and i.severity == severity]


# ----------------------------------------------------------------- capital.change


def test_capital_change_valid_and_canonical() -> None:
    result = check("capital.change", VALID["capital.change"])
    assert result.ok and result.issues == []
    assert result.payload["share_value"] == "2500.00"


def test_capital_change_needs_share_value_or_capital() -> None:
    result = check("capital.change", with_changes("capital.change", share_value=..., subscription_effect=...))
    assert [i.message for i in at(result, "", Severity.ERROR)] == ["Yeni pay tutarını ya da sermayeyi girin."]


def test_capital_change_zero_share_value_is_an_error_citing_md_19() -> None:
    result = check("capital.change", with_changes("capital.change", share_value="0"))
    (error,) = at(result, "share_value", Severity.ERROR)
    assert error.article == "1163 s.K. md. 19"


def test_capital_change_share_value_needs_its_effect_on_subscriptions() -> None:
    result = check("capital.change", with_changes("capital.change", subscription_effect=...))
    (error,) = at(result, "subscription_effect", Severity.ERROR)
    assert "taahhüt" in error.message and error.article == "1163 s.K. md. 19"
    only_capital = with_changes("capital.change", share_value=..., subscription_effect=..., capital="150.000")
    assert check("capital.change", only_capital).issues == []


def test_capital_change_effect_recomputes_the_capital_from_shares() -> None:
    record = record_from_registration({"founders": [{"id_no": IDS[0], "full_name": person(0), "shares": 3}]})
    record["members"].append({"member_id": IDS[1], "full_name": person(1), "shares": 2, "joined_on": None})
    data = check("capital.change", VALID["capital.change"]).payload
    effects.apply_change(record, get_type("capital.change"), data)
    assert record["share_value"] == "2500.00"
    assert record["capital"] == "12500.00"  # 5 shares × 2,500
    assert effects.subscribed_amounts(record, record["share_value"]) == {IDS[0]: "7500.00", IDS[1]: "5000.00"}
    kept = check("capital.change", with_changes("capital.change", subscription_effect="degismez")).payload
    record.pop("capital")
    effects.apply_change(record, get_type("capital.change"), kept)
    assert "capital" not in record


# ------------------------------------------------------------ dormancy and resumption


def test_dormancy_for_missing_assemblies_warns_of_dissolution_md_81() -> None:
    result = check("status.dormant", with_changes("status.dormant", reason="genel_kurul_yapilmiyor"))
    assert result.ok
    (warning,) = at(result, "reason", Severity.WARNING)
    assert warning.article == "1163 s.K. md. 81" and "dağılma" in warning.message


def test_dormancy_needs_its_evidence() -> None:
    result = check("status.dormant", with_changes("status.dormant", evidence=...))
    assert at(result, "evidence", Severity.ERROR)


def test_dormant_then_resume_moves_the_status_and_refuses_out_of_order() -> None:
    record = record_from_registration({})
    effects.apply_change(record, get_type("status.dormant"), VALID["status.dormant"])
    assert record["status"] == "dormant"
    with pytest.raises(effects.StateConflict):
        effects.apply_change(record, get_type("status.dormant"), VALID["status.dormant"])
    effects.apply_change(record, get_type("status.resume"), VALID["status.resume"])
    assert record["status"] == "active"
    with pytest.raises(effects.StateConflict):
        effects.apply_change(record, get_type("status.resume"), VALID["status.resume"])


# ---------------------------------------------------------------- dissolution.record


def test_dissolution_by_law_must_say_which_cause() -> None:
    result = check("dissolution.record", with_changes("dissolution.record", cause="kanun"))
    (error,) = at(result, "note", Severity.ERROR)
    assert error.article == "1163 s.K. md. 81"
    explained = with_changes("dissolution.record", cause="kanun", note="Ortak sayısı 5'e düştü.")
    assert check("dissolution.record", explained).issues == []


def test_dissolution_by_court_needs_the_court() -> None:
    result = check("dissolution.record", with_changes("dissolution.record", cause="mahkeme"))
    assert [i.message for i in at(result, "court", Severity.ERROR)] == [
        "Mahkeme ve esas/karar no zorunludur."
    ]


def test_dissolution_by_merger_warns_and_ends_without_liquidation() -> None:
    payload = with_changes("dissolution.record", cause="birlesme")
    result = check("dissolution.record", payload)
    (warning,) = at(result, "cause", Severity.WARNING)
    assert warning.article == "1163 s.K. md. 81"
    record = record_from_registration({})
    effects.apply_change(record, get_type("dissolution.record"), result.payload)
    assert record["status"] == "merged"


def test_dissolution_then_liquidation_start() -> None:
    record = record_from_registration({})
    effects.apply_change(record, get_type("dissolution.record"), VALID["dissolution.record"])
    assert record["status"] == "dissolving"
    liquidation = check("liquidation.start", VALID["liquidation.start"]).payload
    effects.apply_change(record, get_type("liquidation.start"), liquidation)
    assert record["status"] == "in_liquidation"


# ------------------------------------------------------------------------ liquidators


def test_liquidators_are_the_tasfiye_kurulu_in_form_and_message() -> None:
    assert get_type("liquidation.start").field("liquidators").label == "Tasfiye kurulu üyeleri"
    result = check("liquidation.start", with_changes("liquidation.start", liquidators=[]))
    messages = [i.message for i in result.errors]
    assert "Tasfiye kurulu üyeleri zorunludur." in messages


# ----------------------------------------------------------------------- fiscal year


def test_fiscal_year_from_the_articles() -> None:
    july = [
        {
            "article_no": 60,
            "text": "Kooperatifin hesap yılı Temmuz ayının ilk günü başlar, Haziran ayının son günü biter.",
        }
    ]
    assert fiscal_start_month(july) == 7
    assert fiscal_start_month([{"article_no": 60, "text": "HESAP YILI TAKVİM YILIDIR."}]) == 1
    assert fiscal_start_month([{"article_no": 5, "text": "Merkez Ankara."}]) is None
    assert fiscal_period_end(2013, 7) == date(2014, 6, 30)
    assert assembly_deadline(2013, 7) == date(2014, 12, 31)
    assert assembly_deadline(2013) == date(2014, 6, 30)


def test_ordinary_assembly_deadline_follows_the_fiscal_year_of_the_articles() -> None:
    july = ValidationContext(today=CTX.today, founded_on=CTX.founded_on, fiscal_start_month=7)
    # Fiscal year 2013 ends on 30.06.2014: an assembly in October 2014 is in time (md. 45/1).
    in_time = with_changes("assembly.record", effective_date="2014-10-01", fiscal_year=2013)
    assert check("assembly.record", in_time, july).issues == []
    warned = check("assembly.record", in_time)  # the calendar year would have been late
    (warning,) = at(warned, "effective_date", Severity.WARNING)
    assert warning.article == "1163 s.K. md. 45/1"
    late = check(
        "assembly.record",
        with_changes("assembly.record", effective_date="2015-01-05", fiscal_year=2013),
        july,
    )
    (late_warning,) = at(late, "effective_date", Severity.WARNING)
    assert "31.12.2014" in late_warning.message
    early = check(
        "assembly.record",
        with_changes("assembly.record", effective_date="2014-05-01", fiscal_year=2013),
        july,
    )
    assert at(early, "fiscal_year", Severity.ERROR)


# ------------------------------------------------------------------ registry warnings

TODAY = date(2015, 3, 6)


def record(**changes: Any) -> dict[str, Any]:
    base = record_from_registration(
        {
            "effective_date": "2005-04-01",
            "board": [
                {"id_no": IDS[i], "full_name": person(i), "role": "uye", "term_years": 2} for i in range(3)
            ],
        }
    )
    base["audit_board"] = [{"id_no": IDS[5], "full_name": person(5), "term_years": 1}]
    base["auditors_elected_on"] = "2014-05-10"
    base["board_elected_on"] = "2014-05-10"
    base["assemblies"] = [
        {"date": "2014-05-10", "kind": "olagan", "fiscal_year": 2013, "place": "x", "result": "yapildi"}
    ]
    base.update(changes)
    return base


def codes(rec: dict[str, Any], queued: list[tuple[str, dict[str, Any]]] | None = None) -> list[str]:
    return [w.code for w in registry_warnings(facts_from(rec, queued or []), TODAY)]


def test_no_warning_for_a_cooperative_in_order() -> None:
    assert codes(record()) == []


def test_board_term_expired_is_a_warning_citing_md_55() -> None:
    rec = record(board_elected_on="2012-05-10")
    (warning,) = registry_warnings(facts_from(rec), TODAY)
    assert warning.code == "board_term" and warning.article == "1163 s.K. md. 55"
    assert "10.05.2014" in warning.message  # two-year term


def test_auditors_term_expired_is_a_warning_citing_md_66() -> None:
    rec = record(auditors_elected_on="2013-05-10")
    (warning,) = registry_warnings(facts_from(rec), TODAY)
    assert warning.code == "auditors_term" and warning.article == "1163 s.K. md. 66"


def test_term_never_longer_than_four_years_and_unknown_election_is_not_guessed() -> None:
    rec = record(board=[{"id_no": IDS[0], "full_name": person(0), "role": "baskan", "term_years": 9}])
    rec["board_elected_on"] = "2010-05-10"
    (warning,) = registry_warnings(facts_from(rec), TODAY)
    assert warning.code == "board_term" and "4 yıl" in warning.message
    rec.pop("board_elected_on")
    assert codes(rec) == []  # an export without election dates says nothing about the term


def test_a_queued_election_lifts_the_board_warning() -> None:
    rec = record(board_elected_on="2010-05-10")
    assert codes(rec) == ["board_term"]
    queued = [("board.replace", {"effective_date": "2015-02-01", "board": [{"term_years": 2}]})]
    assert codes(rec, queued) == []


def test_three_fiscal_years_without_ordinary_assembly_warns_citing_md_81() -> None:
    rec = record(
        assemblies=[
            {"date": "2011-05-10", "kind": "olagan", "fiscal_year": 2010, "place": "", "result": "yapildi"}
        ]
    )
    warnings = registry_warnings(facts_from(rec), TODAY)
    (warning,) = [w for w in warnings if w.code == "no_assembly"]
    assert "md. 81" in warning.article and "2011–2013" in warning.message
    queued = [("assembly.record", {"effective_date": "2015-02-20", "kind": "olagan", "result": "yapildi"})]
    assert "no_assembly" not in codes(rec, queued)


def test_young_cooperative_and_ended_ones_are_not_warned() -> None:
    young = record(founded_on="2013-02-01", assemblies=[])
    assert "no_assembly" not in codes(young)
    ended = record(status="in_liquidation", board_elected_on="2001-01-01", assemblies=[])
    assert codes(ended) == []


def test_a_queued_dissolution_ends_the_supervision() -> None:
    rec = record(board_elected_on="2010-05-10")
    assert (
        codes(rec, [("dissolution.record", {"effective_date": "2015-02-01", "cause": "genel_kurul"})]) == []
    )
    assert codes(rec, [("status.dormant", {"effective_date": "2015-02-01"})]) == ["board_term"]


def test_no_assembly_follows_the_fiscal_year_of_the_articles() -> None:
    article = {"article_no": 60, "text": "Hesap yılı Temmuz ayının birinci günü başlar."}
    # Held in May 2012: the assembly of calendar year 2011, but of the July year 2010–11.
    held = [{"date": "2012-05-01", "kind": "olagan", "fiscal_year": 2011, "place": "", "result": "yapildi"}]
    assert "no_assembly" not in codes(record(assemblies=held))
    july = record(assemblies=held, articles=[article])
    assert "no_assembly" in codes(july)


def test_optional_facts_are_base_values() -> None:
    rec = copy.deepcopy(record())
    assert base_value(rec, "share_value") is None
    rec["share_value"] = "1000.00"
    assert base_value(rec, "share_value") == "1000.00"
