"""Membership: admission, leaving and transfer of shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from koopbis_desktop.domain.changetypes.fields import (
    LAW,
    LEAVE_REASONS,
    MEMBER_ID_ALIASES,
    MEMBER_NAME_ALIASES,
    NOTE,
    OBJECTION,
    decision_no,
    effective,
)
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.schema import ChangeType, Field, Issue, Kind, Severity, ValidationContext


def _quarter_paid(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    subscribed = payload.get("subscribed_amount")
    paid = payload.get("paid_amount")
    if subscribed is None or paid is None:
        return
    if Decimal(paid) > Decimal(subscribed):
        yield Issue("paid_amount", tx("Ödenen tutar taahhüt edilen pay tutarından büyük olamaz."))
    elif Decimal(paid) * 4 < Decimal(subscribed):
        yield Issue(
            "paid_amount",
            tx("Ortaklığa girişte taahhüt edilen pay tutarının en az dörtte biri ödenmelidir."),
            Severity.WARNING,
            f"{LAW} md. 19",
        )


def _leave_rules(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    reason = payload.get("reason")
    if reason == "ihrac":
        # Lower-case words of their own: str.lower() turned "İtiraz" into "i̇tiraz" (i + combining dot).
        for name, label in (
            ("notice_date", tx("tebliğ tarihi")),
            ("notice_no", tx("tebliğ no")),
            ("objection_status", tx("itiraz durumu")),
        ):
            if not payload.get(name):
                yield Issue(
                    name,
                    tx(
                        "İhraçta {v} girilmelidir: ihraç kararı ortağa tebliğ edilir ve itiraz hakkı vardır."
                    ).format(v=label),
                    Severity.ERROR,
                    f"{LAW} md. 16",
                )
        notice = payload.get("notice_date")
        decided = payload.get("effective_date")
        if notice and decided and notice < decided:
            yield Issue(
                "notice_date",
                tx("Tebliğ tarihi ihraç karar tarihinden önce olamaz."),
                Severity.ERROR,
                f"{LAW} md. 16",
            )
        if payload.get("objection_status") in ("genel_kurula_itiraz", "mahkemeye_itiraz"):
            yield Issue(
                "objection_status",
                tx(
                    "İtiraz sonuçlanmadan ihraç kesinleşmez; kayıt itirazın sonucuyla birlikte değerlendirilir."
                ),
                Severity.WARNING,
                f"{LAW} md. 16",
            )
    if reason == "devir" and not payload.get("transferee_id"):
        yield Issue(
            "transferee_id",
            tx("Payın devrinde devralan kişinin kimlik numarası girilmelidir."),
            Severity.ERROR,
            f"{LAW} md. 14",
        )
    transferee = payload.get("transferee_id")
    if reason == "devir" and transferee and transferee == payload.get("member_id"):
        yield Issue("transferee_id", tx("Ortak payını kendisine devredemez."))


def _transfer_rules(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if payload.get("from_member_id") and payload.get("from_member_id") == payload.get("to_member_id"):
        yield Issue("to_member_id", tx("Devreden ve devralan aynı kişi olamaz."))


TYPES: tuple[ChangeType, ...] = (
    ChangeType(
        "member.admit",
        "Ortaklığa giriş",
        "Yönetim kurulu kararıyla yeni ortak kabulü: kimlik, pay ve ödenen tutar.",
        (
            Field(
                "member_id",
                Kind.TCKN_OR_VKN,
                "T.C. Kimlik No / VKN",
                required=True,
                snapshot="member:{}",
                aliases=MEMBER_ID_ALIASES,
            ),
            Field(
                "full_name",
                Kind.TEXT,
                "Adı Soyadı / Unvanı",
                required=True,
                max_length=200,
                aliases=MEMBER_NAME_ALIASES,
            ),
            Field("address", Kind.LONGTEXT, "Adresi", max_length=500, aliases=("Adresi", "Adres")),
            effective(
                "Yönetim kurulu karar tarihi",
                aliases=(
                    "Giriş Tarihi",
                    "Karar Tarihi",
                    "Kabul Tarihi",
                    "Ortaklık Tarihi",
                    "Yönetim Kurulu Karar Tarihi",
                ),
            ),
            decision_no(required=True),
            Field(
                "shares",
                Kind.INT,
                "Pay adedi",
                required=True,
                minimum=1,
                aliases=("Pay Adedi", "Pay", "Pay Sayısı", "Pay Adet"),
            ),
            Field(
                "subscribed_amount",
                Kind.MONEY,
                "Taahhüt edilen tutar",
                required=True,
                aliases=(
                    "Taahhüt Edilen Tutar",
                    "Taahhüt",
                    "Taahhüt Tutarı",
                    "Taahhüt Edilen",
                    "Taahhüt Edilen Pay Tutarı",
                ),
            ),
            Field(
                "paid_amount",
                Kind.MONEY,
                "Ödenen tutar",
                required=True,
                aliases=("Ödenen Tutar", "Ödenen", "Ödenen Miktar", "Ödenen Pay Tutarı"),
            ),
        ),
        rules=(_quarter_paid,),
        keywords=("ortak girişi", "yeni ortak", "ortak kabulü", "üye girişi"),
    ),
    ChangeType(
        "member.leave",
        "Ortaklıktan ayrılma",
        "İstifa, ihraç, vefat ya da payın devri ile ortaklığın sona ermesi.",
        (
            Field(
                "member_id",
                Kind.TCKN_OR_VKN,
                "T.C. Kimlik No / VKN",
                required=True,
                snapshot="member:{}",
                aliases=MEMBER_ID_ALIASES,
            ),
            Field(
                "full_name",
                Kind.TEXT,
                "Adı Soyadı / Unvanı",
                required=True,
                max_length=200,
                aliases=MEMBER_NAME_ALIASES,
            ),
            Field(
                "reason",
                Kind.CHOICE,
                "Ayrılma nedeni",
                required=True,
                choices=LEAVE_REASONS,
                aliases=("Ayrılma Nedeni", "Çıkış Nedeni", "Neden", "Ayrılış Nedeni"),
            ),
            effective(
                "Karar tarihi", aliases=("Çıkış Tarihi", "Ayrılma Tarihi", "Ayrılış Tarihi", "Karar Tarihi")
            ),
            decision_no(required=True),
            Field(
                "notice_date",
                Kind.DATE,
                "Tebliğ tarihi",
                required_when=("reason", ("ihrac",)),
                aliases=("Tebliğ Tarihi",),
            ),
            Field(
                "notice_no",
                Kind.TEXT,
                "Tebliğ no",
                required_when=("reason", ("ihrac",)),
                max_length=40,
                aliases=("Tebliğ No", "Tebliğ Numarası"),
            ),
            Field(
                "objection_status",
                Kind.CHOICE,
                "İtiraz durumu",
                choices=OBJECTION,
                required_when=("reason", ("ihrac",)),
                aliases=("İtiraz Durumu", "İtiraz"),
            ),
            Field(
                "transferee_id",
                Kind.TCKN_OR_VKN,
                "Devralanın T.C. Kimlik No / VKN",
                required_when=("reason", ("devir",)),
                aliases=("Devralanın T.C. Kimlik No / VKN", "Devralan TCKN", "Devralan T.C. Kimlik No"),
            ),
            Field(
                "transferee_name",
                Kind.TEXT,
                "Devralanın adı soyadı",
                required_when=("reason", ("devir",)),
                max_length=200,
                aliases=("Devralanın Adı Soyadı", "Devralan", "Devralan Adı Soyadı"),
            ),
            NOTE,
        ),
        rules=(_leave_rules,),
        keywords=("ortak çıkışı", "istifa", "ihraç", "vefat", "üye çıkışı"),
    ),
    ChangeType(
        "member.transfer",
        "Pay devri",
        "Bir ortağın paylarının (bir kısmının) başka bir kişiye devri.",
        (
            Field(
                "from_member_id",
                Kind.TCKN_OR_VKN,
                "Devredenin T.C. Kimlik No / VKN",
                required=True,
                snapshot="member:{}",
            ),
            Field("from_full_name", Kind.TEXT, "Devredenin adı soyadı", required=True, max_length=200),
            Field(
                "to_member_id",
                Kind.TCKN_OR_VKN,
                "Devralanın T.C. Kimlik No / VKN",
                required=True,
                snapshot="member:{}",
            ),
            Field("to_full_name", Kind.TEXT, "Devralanın adı soyadı", required=True, max_length=200),
            Field("shares", Kind.INT, "Devredilen pay adedi", required=True, minimum=1),
            effective("Yönetim kurulu onay tarihi"),
            decision_no(required=True),
        ),
        rules=(_transfer_rules,),
        keywords=("pay devri", "hisse devri", "devir"),
    ),
)
