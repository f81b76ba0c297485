"""The cooperative's standing: liquidation, merger, unions, capital, dormancy and dissolution."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from koopbis_desktop.domain.changetypes.fields import (
    ARTICLES_ENTRY,
    LAW,
    NOTE,
    PERSON_ROW,
    SUBSCRIPTION_EFFECTS,
    decision_no,
    effective,
)
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.schema import ChangeType, Choice, Field, Issue, Kind, Severity, ValidationContext


def _liquidators_present(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if payload.get("liquidators") is not None and not payload["liquidators"]:
        yield Issue(
            "liquidators", tx("En az bir tasfiye kurulu üyesi girin."), Severity.ERROR, f"{LAW} md. 81"
        )


def _capital_rules(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    share_value, capital = payload.get("share_value"), payload.get("capital")
    if share_value is None and capital is None:
        yield Issue("", tx("Yeni pay tutarını ya da sermayeyi girin."))
    if share_value is not None and Decimal(share_value) <= 0:
        yield Issue(
            "share_value",
            tx("Bir ortaklık payının tutarı sıfırdan büyük olmalıdır."),
            Severity.ERROR,
            f"{LAW} md. 19",
        )
    if share_value is not None and not payload.get("subscription_effect"):
        yield Issue(
            "subscription_effect",
            tx("Pay tutarı değişince ortakların taahhüt tutarlarının ne olacağını seçin."),
            Severity.ERROR,
            f"{LAW} md. 19",
        )
    if (
        capital is not None
        and share_value is None
        and payload.get("subscription_effect") == "yeniden_hesapla"
    ):
        yield Issue(
            "subscription_effect",
            tx("Taahhütler yalnız pay tutarı değişince yeniden hesaplanır; yeni pay tutarını girin."),
        )


def _dormancy_rules(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if payload.get("reason") == "genel_kurul_yapilmiyor":
        yield Issue(
            "reason",
            tx(
                "Üç yıl olağan genel kurul yapılmaması dağılma nedenidir; gerekiyorsa ayrıca dağılma (infisah) kaydı girin."
            ),
            Severity.WARNING,
            f"{LAW} md. 81",
        )


def _dissolution_rules(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    cause = payload.get("cause")
    if cause == "kanun" and not payload.get("note"):
        yield Issue(
            "note",
            tx(
                "Kanundan doğan dağılmada hangi nedenin gerçekleştiğini açıklamaya yazın (ör. ortak sayısının yediden aza düşmesi, üç yıl olağan genel kurul yapılmaması)."
            ),
            Severity.ERROR,
            f"{LAW} md. 81",
        )
    if cause == "birlesme":
        yield Issue(
            "cause",
            tx(
                "Birleşmeyle dağılan kooperatif tasfiyeye girmez; birleşmenin kendisini ayrıca Birleşme kaydıyla girin."
            ),
            Severity.WARNING,
            f"{LAW} md. 81",
        )


DORMANCY_REASONS = (
    Choice("faaliyet_durdu", "Faaliyetini durdurdu"),
    Choice("genel_kurul_yapilmiyor", "Genel kurul yapılmıyor"),
    Choice("adreste_yok", "Adresinde bulunamadı"),
    Choice("vergi_kaydi_kapandi", "Vergi kaydı kapatıldı"),
    Choice("diger", "Diğer"),
)

# md. 81's causes of dissolution, as a directorate records them.
DISSOLUTION_CAUSES = (
    Choice("genel_kurul", "Genel kurul kararı"),
    Choice("sure_bitimi", "Anasözleşmedeki sürenin dolması"),
    Choice("kanun", "Kanunda öngörülen hal"),
    Choice("mahkeme", "Mahkeme kararı"),
    Choice("birlesme", "Birleşme"),
)


TYPES: tuple[ChangeType, ...] = (
    ChangeType(
        "liquidation.start",
        "Tasfiyeye giriş",
        "Dağılan kooperatifin tasfiyeye girmesi: tasfiye nedeni, tasfiye kurulu üyeleri ve tasfiye adresi.",
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
                "Tasfiye kurulu üyeleri",
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
        keywords=("tasfiye", "tasfiye kurulu", "tasfiye memuru"),
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
        keywords=("terkin", "sicilden silinme", "tasfiye sonu"),
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
        keywords=("tasfiyeden dönme", "faaliyete devam"),
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
        keywords=("birleşme", "devralma", "katılma"),
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
        keywords=("birlik", "birliğe ortaklık"),
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
        keywords=("birlik", "birlikten çıkma"),
    ),
    ChangeType(
        "capital.change",
        "Sermaye / pay tutarı değişikliği",
        "Genel kurul kararıyla bir payın tutarının ya da taahhüt edilen sermayenin değişmesi; "
        "ortakların taahhüt tutarlarına etkisiyle.",
        (
            effective("Genel kurul karar tarihi"),
            decision_no(required=True),
            Field("share_value", Kind.MONEY, "Yeni pay tutarı", snapshot="share_value"),
            Field("capital", Kind.MONEY, "Yeni sermaye (taahhüt edilen toplam)", snapshot="capital"),
            Field(
                "subscription_effect",
                Kind.CHOICE,
                "Ortakların taahhüt tutarlarına etkisi",
                choices=SUBSCRIPTION_EFFECTS,
                help="Pay tutarı değişince: taahhüt = pay adedi × yeni pay tutarı, ya da taahhütler olduğu gibi kalır.",
            ),
            ARTICLES_ENTRY,
            NOTE,
        ),
        rules=(_capital_rules,),
        keywords=("sermaye", "pay tutarı", "sermaye artırımı"),
    ),
    ChangeType(
        "status.dormant",
        "Faaliyetsizlik",
        "Faaliyetini durduran kooperatifin faaliyetsiz olarak işaretlenmesi: ne zamandan beri, neden, dayanağı.",
        (
            effective("Faaliyetsizlik başlangıç tarihi"),
            Field("reason", Kind.CHOICE, "Faaliyetsizlik nedeni", required=True, choices=DORMANCY_REASONS),
            Field(
                "evidence",
                Kind.LONGTEXT,
                "Dayanak (tutanak, yazı tarih ve sayısı)",
                required=True,
                max_length=1000,
            ),
            NOTE,
        ),
        rules=(_dormancy_rules,),
        touches=("status",),
        keywords=("faaliyetsiz", "faaliyet durdurma", "pasif"),
    ),
    ChangeType(
        "status.resume",
        "Faaliyete yeniden başlama",
        "Faaliyetsiz kooperatifin yeniden faaliyete geçmesi: ne zamandan beri, dayanağı.",
        (
            effective("Faaliyete başlama tarihi"),
            decision_no(),
            Field(
                "evidence",
                Kind.LONGTEXT,
                "Dayanak (genel kurul tutanağı, yazı tarih ve sayısı)",
                required=True,
                max_length=1000,
            ),
            NOTE,
        ),
        touches=("status",),
        keywords=("yeniden faaliyet", "aktif"),
    ),
    ChangeType(
        "dissolution.record",
        "Dağılma (infisah)",
        "Kooperatifin dağılması: genel kurul kararı, sürenin dolması, kanun, mahkeme kararı ya da "
        "birleşme. Dağılmadan sonraki süreç ayrı bir kayıtla girilir.",
        (
            Field("cause", Kind.CHOICE, "Dağılma nedeni", required=True, choices=DISSOLUTION_CAUSES),
            effective("Dağılma (karar) tarihi"),
            decision_no(required=True),
            Field(
                "court",
                Kind.TEXT,
                "Mahkeme ve esas/karar no",
                required_when=("cause", ("mahkeme",)),
                max_length=200,
            ),
            NOTE,
        ),
        rules=(_dissolution_rules,),
        touches=("status",),
        keywords=("dağılma", "infisah", "fesih"),
    ),
)
