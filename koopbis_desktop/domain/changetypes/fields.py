"""What several change types share: Turkish field definitions, choices and group rows.

``LAW`` is how a rule cites the Cooperatives Law No. 1163 (kept in ``domain.i18n``,
which the registry checks read without loading the change types).
"""

from __future__ import annotations

from koopbis_desktop.domain.i18n import LAW as LAW
from koopbis_desktop.domain.schema import Choice, Field, Kind


def effective(label: str, help_text: str = "", aliases: tuple[str, ...] = ()) -> Field:
    return Field("effective_date", Kind.DATE, label, required=True, help=help_text, aliases=aliases)


def decision_no(required: bool = False) -> Field:
    return Field(
        "decision_no",
        Kind.TEXT,
        "Karar No",
        required=required,
        max_length=40,
        aliases=("Karar No", "Karar Numarası", "Yönetim Kurulu Karar No", "YK Karar No"),
    )


# The articles-amendment entry a change rests on (its entry number: the UUID or its first
# 8 characters, or its KOOP-BİS receipt); services.capture checks it is an articles.amend
# entry of the same cooperative.
ARTICLES_ENTRY = Field(
    "articles_entry",
    Kind.TEXT,
    "Dayandığı anasözleşme değişikliği kaydı",
    max_length=40,
    help="Dayandığı anasözleşme değişikliği kaydının numarası (ilk 8 karakter) ya da KOOP-BİS alındı no; varsa.",
)

SUBSCRIPTION_EFFECTS = (
    Choice("yeniden_hesapla", "Taahhütler pay adedi × yeni pay tutarı olur"),
    Choice("degismez", "Taahhütler değişmez"),
)

NOTE = Field("note", Kind.LONGTEXT, "Açıklama", max_length=2000, aliases=("Açıklama", "Not", "Notlar"))
# Member lists name a member's identity and name in many ways.
MEMBER_ID_ALIASES = (
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
MEMBER_NAME_ALIASES = (
    "Adı Soyadı / Unvanı",
    "Adı Soyadı",
    "Ad Soyad",
    "Adı Soyadı Unvanı",
    "Unvanı",
    "İsim",
)

PERSON_ROW = (
    Field("id_no", Kind.TCKN_OR_VKN, "T.C. Kimlik No / VKN", required=True),
    Field("full_name", Kind.TEXT, "Adı Soyadı / Unvanı", required=True, max_length=200),
)

BOARD_ROLES = (
    Choice("baskan", "Başkan"),
    Choice("baskan_yardimcisi", "Başkan Yardımcısı"),
    Choice("uye", "Üye"),
    Choice("yedek_uye", "Yedek Üye"),
)

ASSEMBLY_KINDS = (Choice("olagan", "Olağan"), Choice("olaganustu", "Olağanüstü"))

LEAVE_REASONS = (
    Choice("istifa", "İstifa (çıkma)"),
    Choice("ihrac", "İhraç (çıkarma)"),
    Choice("vefat", "Vefat"),
    Choice("devir", "Payın devri"),
)

OBJECTION = (
    Choice("itiraz_yok", "İtiraz edilmedi, süre doldu"),
    Choice("genel_kurula_itiraz", "Genel kurula itiraz edildi"),
    Choice("mahkemeye_itiraz", "Mahkemeye itiraz edildi"),
    Choice("kesinlesti", "Karar kesinleşti"),
)

FOUNDER_ROW = (
    *PERSON_ROW,
    Field("shares", Kind.INT, "Pay adedi", required=True, minimum=1),
)

BOARD_ROW = (
    Field("id_no", Kind.TCKN, "T.C. Kimlik No", required=True),
    Field("full_name", Kind.TEXT, "Adı Soyadı", required=True, max_length=200),
    Field("role", Kind.CHOICE, "Görevi", required=True, choices=BOARD_ROLES),
    Field("term_years", Kind.INT, "Görev süresi (yıl)", required=True, minimum=1),
)

AUDITOR_ROW = (
    Field("id_no", Kind.TCKN, "T.C. Kimlik No", required=True),
    Field("full_name", Kind.TEXT, "Adı Soyadı", required=True, max_length=200),
    Field("term_years", Kind.INT, "Görev süresi (yıl)", required=True, minimum=1),
)
