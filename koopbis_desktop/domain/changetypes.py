"""Every change type a directorate records, as a schema, with its Law 1163 rules.

Articles cited are those of the Cooperatives Law No. 1163 (1163 sayılı
Kooperatifler Kanunu). A rule returns errors (the entry cannot be submitted) or
warnings (the clerk is told, the supervisor sees it, the entry may go on).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.schema import (
    ChangeType,
    Choice,
    Field,
    Issue,
    Kind,
    Severity,
    ValidationContext,
)

LAW = "1163 s.K."

# ---------------------------------------------------------------- shared fields


def _effective(label: str, help_text: str = "", aliases: tuple[str, ...] = ()) -> Field:
    return Field("effective_date", Kind.DATE, label, required=True, help=help_text, aliases=aliases)


def _decision_no(required: bool = False) -> Field:
    return Field(
        "decision_no",
        Kind.TEXT,
        "Karar No",
        required=required,
        max_length=40,
        aliases=("Karar No", "Karar Numarası", "Yönetim Kurulu Karar No", "YK Karar No"),
    )


_NOTE = Field("note", Kind.LONGTEXT, "Açıklama", max_length=2000, aliases=("Açıklama", "Not", "Notlar"))
# Member lists name a member's identity and name in many ways.
_MEMBER_ID_ALIASES = (
    "T.C. Kimlik No / VKN",
    "T.C. Kimlik No",
    "TC Kimlik No",
    "TCKN",
    "VKN",
    "TCKN/VKN",
    "Kimlik No",
    "Vergi No",
    "Vergi Kimlik No",
)
_MEMBER_NAME_ALIASES = (
    "Adı Soyadı / Unvanı",
    "Adı Soyadı",
    "Ad Soyad",
    "Adı Soyadı Unvanı",
    "Unvanı",
    "İsim",
)

_PERSON_ROW = (
    Field("id_no", Kind.TCKN_OR_VKN, "T.C. Kimlik No / VKN", required=True),
    Field("full_name", Kind.TEXT, "Adı Soyadı / Unvanı", required=True, max_length=200),
)

_BOARD_ROLES = (
    Choice("baskan", "Başkan"),
    Choice("baskan_yardimcisi", "Başkan Yardımcısı"),
    Choice("uye", "Üye"),
    Choice("yedek_uye", "Yedek Üye"),
)

_ASSEMBLY_KINDS = (Choice("olagan", "Olağan"), Choice("olaganustu", "Olağanüstü"))

_LEAVE_REASONS = (
    Choice("istifa", "İstifa (çıkma)"),
    Choice("ihrac", "İhraç (çıkarma)"),
    Choice("vefat", "Vefat"),
    Choice("devir", "Payın devri"),
)

_OBJECTION = (
    Choice("itiraz_yok", "İtiraz edilmedi, süre doldu"),
    Choice("genel_kurula_itiraz", "Genel kurula itiraz edildi"),
    Choice("mahkemeye_itiraz", "Mahkemeye itiraz edildi"),
    Choice("kesinlesti", "Karar kesinleşti"),
)

# ---------------------------------------------------------------- rules


def _founders_at_least_seven(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    founders = payload.get("founders")
    if founders is not None and len(founders) < 7:
        yield Issue(
            "founders",
            f"Kooperatif en az 7 kurucu ortakla kurulur; {len(founders)} kurucu girildi.",
            Severity.ERROR,
            f"{LAW} md. 2",
        )


def _board_rules(group: str, what: str) -> Any:
    def rule(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
        rows = payload.get(group)
        if rows is None:
            return
        regular = [r for r in rows if r.get("role") != "yedek_uye"]
        if group == "board" and len(regular) < 3:
            yield Issue(
                group,
                f"{what} en az 3 asıl üyeden oluşur; {len(regular)} asıl üye girildi.",
                Severity.ERROR,
                f"{LAW} md. 55",
            )
        for index, row in enumerate(rows):
            term = row.get("term_years")
            if term is not None and term > 4:
                yield Issue(
                    f"{group}[{index}].term_years",
                    f"{what} üyeleri en çok 4 yıl için seçilebilir; {term} yıl girildi.",
                    Severity.ERROR,
                    f"{LAW} md. 55" if group == "board" else f"{LAW} md. 66",
                )
        chairs = [r for r in rows if r.get("role") == "baskan"]
        if group == "board" and len(chairs) != 1:
            yield Issue(
                group,
                "Yönetim kurulunda bir başkan olmalıdır; "
                + ("başkan seçilmemiş." if not chairs else f"{len(chairs)} başkan girildi."),
                Severity.WARNING,
                f"{LAW} md. 55",
            )

    return rule


def _ordinary_assembly_in_time(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if payload.get("kind") != "olagan":
        return
    held = payload.get("effective_date")
    year = payload.get("fiscal_year")
    if held is None or year is None:
        return
    deadline = date(int(year) + 1, 6, 30)
    if date.fromisoformat(held) > deadline:
        yield Issue(
            "effective_date",
            f"{year} hesap yılının olağan genel kurulu en geç 30.06.{int(year) + 1} tarihine kadar "
            "yapılmalıydı (hesap yılı bitiminden itibaren 6 ay). Gecikme nedenini açıklamaya yazın.",
            Severity.WARNING,
            f"{LAW} md. 43",
        )
    if date.fromisoformat(held) < date(int(year) + 1, 1, 1):
        yield Issue(
            "fiscal_year",
            f"{year} hesap yılının olağan genel kurulu o yıl bitmeden yapılamaz.",
            Severity.ERROR,
            f"{LAW} md. 43",
        )


def _quarter_paid(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    subscribed = payload.get("subscribed_amount")
    paid = payload.get("paid_amount")
    if subscribed is None or paid is None:
        return
    if Decimal(paid) > Decimal(subscribed):
        yield Issue("paid_amount", "Ödenen tutar taahhüt edilen pay tutarından büyük olamaz.")
    elif Decimal(paid) * 4 < Decimal(subscribed):
        yield Issue(
            "paid_amount",
            "Ortaklığa girişte taahhüt edilen pay tutarının en az dörtte biri ödenmelidir.",
            Severity.WARNING,
            f"{LAW} md. 19",
        )


def _leave_rules(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    reason = payload.get("reason")
    if reason == "ihrac":
        for name, label in (
            ("notice_date", "Tebliğ tarihi"),
            ("notice_no", "Tebliğ no"),
            ("objection_status", "İtiraz durumu"),
        ):
            if not payload.get(name):
                yield Issue(
                    name,
                    f"İhraçta {label.lower()} girilmelidir: ihraç kararı ortağa tebliğ edilir ve itiraz hakkı vardır.",
                    Severity.ERROR,
                    f"{LAW} md. 16",
                )
        notice = payload.get("notice_date")
        decided = payload.get("effective_date")
        if notice and decided and notice < decided:
            yield Issue(
                "notice_date",
                "Tebliğ tarihi ihraç karar tarihinden önce olamaz.",
                Severity.ERROR,
                f"{LAW} md. 16",
            )
        if payload.get("objection_status") in ("genel_kurula_itiraz", "mahkemeye_itiraz"):
            yield Issue(
                "objection_status",
                "İtiraz sonuçlanmadan ihraç kesinleşmez; kayıt itirazın sonucuyla birlikte değerlendirilir.",
                Severity.WARNING,
                f"{LAW} md. 16",
            )
    if reason == "devir" and not payload.get("transferee_id"):
        yield Issue(
            "transferee_id",
            "Payın devrinde devralan kişinin kimlik numarası girilmelidir.",
            Severity.ERROR,
            f"{LAW} md. 14",
        )
    transferee = payload.get("transferee_id")
    if reason == "devir" and transferee and transferee == payload.get("member_id"):
        yield Issue("transferee_id", "Ortak payını kendisine devredemez.")


def _transfer_rules(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if payload.get("from_member_id") and payload.get("from_member_id") == payload.get("to_member_id"):
        yield Issue("to_member_id", "Devreden ve devralan aynı kişi olamaz.")


def _update_has_change(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if not any(payload.get(n) for n in ("title", "address", "province_code", "district", "phone")):
        yield Issue(
            "",
            "Değişecek en az bir bilgi girin: unvan, adres, il/ilçe (merkez nakli) ya da telefon.",
        )
    if payload.get("province_code") and not payload.get("district"):
        yield Issue("district", "Merkez naklinde yeni ilçe de girilmelidir.")


def _liquidators_present(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if payload.get("liquidators") is not None and not payload["liquidators"]:
        yield Issue("liquidators", "En az bir tasfiye memuru girin.", Severity.ERROR, f"{LAW} md. 81")


# ---------------------------------------------------------------- the types

_FOUNDER_ROW = (
    *_PERSON_ROW,
    Field("shares", Kind.INT, "Pay adedi", required=True, minimum=1),
)

_BOARD_ROW = (
    Field("id_no", Kind.TCKN, "T.C. Kimlik No", required=True),
    Field("full_name", Kind.TEXT, "Adı Soyadı", required=True, max_length=200),
    Field("role", Kind.CHOICE, "Görevi", required=True, choices=_BOARD_ROLES),
    Field("term_years", Kind.INT, "Görev süresi (yıl)", required=True, minimum=1),
)

_AUDITOR_ROW = (
    Field("id_no", Kind.TCKN, "T.C. Kimlik No", required=True),
    Field("full_name", Kind.TEXT, "Adı Soyadı", required=True, max_length=200),
    Field("term_years", Kind.INT, "Görev süresi (yıl)", required=True, minimum=1),
)

CHANGE_TYPES: tuple[ChangeType, ...] = (
    ChangeType(
        "cooperative.register",
        "Kuruluş",
        "Yeni kurulan kooperatifin tescili: unvan, tür, merkez, kurucu ortaklar ve ilk yönetim kurulu.",
        (
            Field("title", Kind.TEXT, "Unvan", required=True, max_length=250),
            Field("cooperative_type", Kind.COOPERATIVE_TYPE, "Kooperatif türü", required=True),
            Field("province_code", Kind.PROVINCE, "İl", required=True),
            Field("district", Kind.DISTRICT, "İlçe", required=True, depends_on="province_code"),
            Field("address", Kind.LONGTEXT, "Adres", required=True, max_length=500),
            _effective("Tescil tarihi"),
            Field("trade_registry_no", Kind.TEXT, "Ticaret sicil no", required=True, max_length=40),
            Field("vkn", Kind.VKN, "Vergi Kimlik No"),
            Field("mersis_no", Kind.MERSIS, "MERSİS No"),
            Field("phone", Kind.PHONE, "Telefon"),
            Field("share_value", Kind.MONEY, "Bir payın tutarı", required=True),
            Field(
                "founders",
                Kind.GROUP,
                "Kurucu ortaklar",
                required=True,
                fields=_FOUNDER_ROW,
                key="id_no",
            ),
            Field(
                "board",
                Kind.GROUP,
                "İlk yönetim kurulu",
                required=True,
                fields=_BOARD_ROW,
                key="id_no",
            ),
            _NOTE,
        ),
        rules=(_founders_at_least_seven, _board_rules("board", "Yönetim kurulu")),
        registers=True,
    ),
    ChangeType(
        "cooperative.update",
        "Unvan / adres / merkez nakli",
        "Genel kurul kararıyla unvan, adres ya da merkezin başka ilçe veya ile taşınması.",
        (
            _effective("Karar tarihi"),
            _decision_no(),
            Field("title", Kind.TEXT, "Yeni unvan", max_length=250, snapshot="title"),
            Field("address", Kind.LONGTEXT, "Yeni adres", max_length=500, snapshot="address"),
            Field("province_code", Kind.PROVINCE, "Yeni il (merkez nakli)", snapshot="province_code"),
            Field(
                "district",
                Kind.DISTRICT,
                "Yeni ilçe",
                depends_on="province_code",
                snapshot="district",
            ),
            Field("phone", Kind.PHONE, "Telefon", snapshot="phone"),
            _NOTE,
        ),
        rules=(_update_has_change,),
    ),
    ChangeType(
        "articles.amend",
        "Anasözleşme değişikliği",
        "Genel kurulca kabul edilen anasözleşme maddelerinin yeni metinleri.",
        (
            _effective("Genel kurul tarihi"),
            Field("approval_date", Kind.DATE, "Bakanlık izin tarihi"),
            Field("approval_no", Kind.TEXT, "Bakanlık izin sayısı", max_length=40),
            Field(
                "articles",
                Kind.GROUP,
                "Değişen maddeler",
                required=True,
                min_rows=1,
                key="article_no",
                snapshot="articles",
                fields=(
                    Field("article_no", Kind.INT, "Madde no", required=True, minimum=1, maximum=200),
                    Field("text", Kind.LONGTEXT, "Yeni metin", required=True, max_length=10000),
                ),
            ),
            _NOTE,
        ),
    ),
    ChangeType(
        "assembly.record",
        "Genel kurul",
        "Olağan ya da olağanüstü genel kurul toplantısının tarihi, yeri, Bakanlık temsilcisi ve sonucu.",
        (
            Field("kind", Kind.CHOICE, "Toplantı türü", required=True, choices=_ASSEMBLY_KINDS),
            Field(
                "effective_date",
                Kind.DATE,
                "Toplantı tarihi",
                required=True,
                snapshot="assembly:{}",
            ),
            Field(
                "fiscal_year",
                Kind.INT,
                "Görüşülen hesap yılı",
                required_when=("kind", ("olagan",)),
                minimum=1950,
                maximum=2100,
            ),
            Field("place", Kind.TEXT, "Toplantı yeri", required=True, max_length=300),
            Field(
                "representative_name",
                Kind.TEXT,
                "Bakanlık temsilcisi",
                required=True,
                max_length=200,
            ),
            Field("representative_id", Kind.TCKN, "Temsilcinin T.C. Kimlik No"),
            Field(
                "result",
                Kind.CHOICE,
                "Sonuç",
                required=True,
                choices=(
                    Choice("yapildi", "Toplantı yapıldı"),
                    Choice("cogunluk_yok", "Çoğunluk sağlanamadı"),
                    Choice("ertelendi", "Ertelendi"),
                ),
            ),
            Field("attendees", Kind.INT, "Katılan ortak sayısı", minimum=0),
            Field("decisions", Kind.LONGTEXT, "Alınan kararlar", max_length=5000),
        ),
        rules=(_ordinary_assembly_in_time,),
    ),
    ChangeType(
        "board.replace",
        "Yönetim kurulu seçimi",
        "Genel kurulda seçilen yeni yönetim kurulu; eski kurulun yerini alır.",
        (
            _effective("Seçim (genel kurul) tarihi"),
            Field(
                "board",
                Kind.GROUP,
                "Yönetim kurulu",
                required=True,
                fields=_BOARD_ROW,
                key="id_no",
                snapshot="board",
            ),
            _NOTE,
        ),
        rules=(_board_rules("board", "Yönetim kurulu"),),
    ),
    ChangeType(
        "auditors.replace",
        "Denetim kurulu seçimi",
        "Genel kurulda seçilen denetçiler; eski denetim kurulunun yerini alır.",
        (
            _effective("Seçim (genel kurul) tarihi"),
            Field(
                "auditors",
                Kind.GROUP,
                "Denetim kurulu",
                required=True,
                min_rows=1,
                max_rows=5,
                fields=_AUDITOR_ROW,
                key="id_no",
                snapshot="audit_board",
            ),
            _NOTE,
        ),
        rules=(_board_rules("auditors", "Denetim kurulu"),),
    ),
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
                aliases=_MEMBER_ID_ALIASES,
            ),
            Field(
                "full_name",
                Kind.TEXT,
                "Adı Soyadı / Unvanı",
                required=True,
                max_length=200,
                aliases=_MEMBER_NAME_ALIASES,
            ),
            Field("address", Kind.LONGTEXT, "Adresi", max_length=500, aliases=("Adresi", "Adres")),
            _effective(
                "Yönetim kurulu karar tarihi",
                aliases=(
                    "Giriş Tarihi",
                    "Karar Tarihi",
                    "Kabul Tarihi",
                    "Ortaklık Tarihi",
                    "Yönetim Kurulu Karar Tarihi",
                ),
            ),
            _decision_no(required=True),
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
                aliases=_MEMBER_ID_ALIASES,
            ),
            Field(
                "full_name",
                Kind.TEXT,
                "Adı Soyadı / Unvanı",
                required=True,
                max_length=200,
                aliases=_MEMBER_NAME_ALIASES,
            ),
            Field(
                "reason",
                Kind.CHOICE,
                "Ayrılma nedeni",
                required=True,
                choices=_LEAVE_REASONS,
                aliases=("Ayrılma Nedeni", "Çıkış Nedeni", "Neden", "Ayrılış Nedeni"),
            ),
            _effective(
                "Karar tarihi", aliases=("Çıkış Tarihi", "Ayrılma Tarihi", "Ayrılış Tarihi", "Karar Tarihi")
            ),
            _decision_no(required=True),
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
                choices=_OBJECTION,
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
            _NOTE,
        ),
        rules=(_leave_rules,),
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
            _effective("Yönetim kurulu onay tarihi"),
            _decision_no(required=True),
        ),
        rules=(_transfer_rules,),
    ),
    ChangeType(
        "liquidation.start",
        "Tasfiyeye giriş",
        "Genel kurul kararı ya da kanuni nedenle kooperatifin tasfiyeye girmesi (infisah).",
        (
            _effective("Tasfiye karar tarihi"),
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
                fields=_PERSON_ROW,
                key="id_no",
                max_rows=5,
            ),
            Field("liquidation_address", Kind.LONGTEXT, "Tasfiye adresi", max_length=500),
            _NOTE,
        ),
        rules=(_liquidators_present,),
        touches=("status",),
    ),
    ChangeType(
        "liquidation.end",
        "Tasfiyenin sona ermesi",
        "Tasfiyenin tamamlanıp kooperatifin sicilden terkini.",
        (
            _effective("Tasfiye sonu genel kurul tarihi"),
            Field("deregistration_date", Kind.DATE, "Sicilden terkin tarihi", required=True),
            _NOTE,
        ),
        touches=("status",),
    ),
    ChangeType(
        "liquidation.revoke",
        "Tasfiyeden dönüş",
        "Genel kurulun tasfiyeden dönme kararı; kooperatif faaliyetine devam eder.",
        (
            _effective("Dönüş kararı (genel kurul) tarihi"),
            _decision_no(),
            _NOTE,
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
            _effective("Birleşme genel kurul tarihi"),
            Field("registration_date", Kind.DATE, "Birleşmenin tescil tarihi"),
            _NOTE,
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
            _effective("Genel kurul / yönetim kurulu karar tarihi"),
            _decision_no(),
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
            _effective("Ayrılma karar tarihi"),
            _decision_no(),
        ),
    ),
)

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
