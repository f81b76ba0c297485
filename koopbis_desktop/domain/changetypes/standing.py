"""The cooperative's standing: liquidation, merger, and membership of unions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from koopbis_desktop.domain.changetypes.fields import LAW, NOTE, PERSON_ROW, decision_no, effective
from koopbis_desktop.domain.schema import ChangeType, Choice, Field, Issue, Kind, Severity, ValidationContext


def _liquidators_present(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if payload.get("liquidators") is not None and not payload["liquidators"]:
        yield Issue("liquidators", "En az bir tasfiye memuru girin.", Severity.ERROR, f"{LAW} md. 81")


TYPES: tuple[ChangeType, ...] = (
    ChangeType(
        "liquidation.start",
        "Tasfiyeye giriş",
        "Genel kurul kararı ya da kanuni nedenle kooperatifin tasfiyeye girmesi (infisah).",
        (
            effective("Tasfiye karar tarihi"),
            Field(
                "reason",
                Kind.CHOICE,
                "Tasfiye nedeni",
                required=True,
                choices=(
                    Choice("genel_kurul", "Genel kurul kararı"),
                    Choice("ortak_sayisi", "Ortak sayısının yediden aza düşmesi"),
                    Choice("amac_imkansiz", "Amacın gerçekleşmesinin imkânsızlığı"),
                    Choice("genel_kurul_yapilamamasi", "Üst üste üç yıl genel kurul yapılamaması"),
                    Choice("mahkeme", "Mahkeme kararı"),
                ),
            ),
            Field(
                "liquidators",
                Kind.GROUP,
                "Tasfiye kurulu",
                required=True,
                fields=PERSON_ROW,
                key="id_no",
                max_rows=5,
            ),
            Field("liquidation_address", Kind.LONGTEXT, "Tasfiye adresi", max_length=500),
            NOTE,
        ),
        rules=(_liquidators_present,),
        touches=("status",),
    ),
    ChangeType(
        "liquidation.end",
        "Tasfiyenin sona ermesi",
        "Tasfiyenin tamamlanıp kooperatifin sicilden terkini.",
        (
            effective("Tasfiye sonu genel kurul tarihi"),
            Field("deregistration_date", Kind.DATE, "Sicilden terkin tarihi", required=True),
            NOTE,
        ),
        touches=("status",),
    ),
    ChangeType(
        "liquidation.revoke",
        "Tasfiyeden dönüş",
        "Genel kurulun tasfiyeden dönme kararı; kooperatif faaliyetine devam eder.",
        (
            effective("Dönüş kararı (genel kurul) tarihi"),
            decision_no(),
            NOTE,
        ),
        touches=("status",),
    ),
    ChangeType(
        "merger",
        "Birleşme",
        "Kooperatifin başka bir kooperatifi devralması ya da başka bir kooperatife katılması.",
        (
            Field(
                "role",
                Kind.CHOICE,
                "Bu kooperatifin rolü",
                required=True,
                choices=(
                    Choice("devralan", "Devralan"),
                    Choice("devrolunan", "Devrolunan (katılan)"),
                ),
            ),
            Field("other_registry_id", Kind.REGISTRY_ID, "Diğer kooperatifin sicil no", required=True),
            Field("other_title", Kind.TEXT, "Diğer kooperatifin unvanı", required=True, max_length=250),
            effective("Birleşme genel kurul tarihi"),
            Field("registration_date", Kind.DATE, "Birleşmenin tescil tarihi"),
            NOTE,
        ),
        touches=("status",),
    ),
    ChangeType(
        "union.join",
        "Birliğe katılma",
        "Kooperatifin bir kooperatifler birliğine ortak olması.",
        (
            Field(
                "union_registry_id",
                Kind.REGISTRY_ID,
                "Birliğin sicil no",
                required=True,
                snapshot="union:{}",
            ),
            Field("union_title", Kind.TEXT, "Birliğin unvanı", required=True, max_length=250),
            effective("Genel kurul / yönetim kurulu karar tarihi"),
            decision_no(),
        ),
    ),
    ChangeType(
        "union.leave",
        "Birlikten ayrılma",
        "Kooperatifin üyesi olduğu birlikten ayrılması.",
        (
            Field(
                "union_registry_id",
                Kind.REGISTRY_ID,
                "Birliğin sicil no",
                required=True,
                snapshot="union:{}",
            ),
            Field("union_title", Kind.TEXT, "Birliğin unvanı", required=True, max_length=250),
            effective("Ayrılma karar tarihi"),
            decision_no(),
        ),
    ),
)
