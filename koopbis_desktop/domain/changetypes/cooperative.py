"""The cooperative itself and its organs: registration, title and seat, articles, assemblies, board and auditors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from koopbis_desktop.domain.changetypes.fields import (
    ARTICLES_ENTRY,
    ASSEMBLY_KINDS,
    AUDITOR_ROW,
    BOARD_ROW,
    FOUNDER_ROW,
    LAW,
    NOTE,
    decision_no,
    effective,
)
from koopbis_desktop.domain.fiscal import assembly_deadline, fiscal_period_end
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.schema import ChangeType, Choice, Field, Issue, Kind, Severity, ValidationContext
from koopbis_desktop.domain.validators import format_date


def _founders_at_least_seven(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    founders = payload.get("founders")
    if founders is not None and len(founders) < 7:
        yield Issue(
            "founders",
            tx("Kooperatif en az 7 kurucu ortakla kurulur; {n_founders} kurucu girildi.").format(
                n_founders=len(founders)
            ),
            Severity.ERROR,
            f"{LAW} md. 2",
        )


def _board_rules(group: str) -> Any:
    def rule(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
        rows = payload.get(group)
        if rows is None:
            return
        # Read here, not when the type is declared: the language is chosen after import.
        what = tx("Yönetim kurulu") if group == "board" else tx("Denetim kurulu")
        regular = [r for r in rows if r.get("role") != "yedek_uye"]
        if group == "board" and len(regular) < 3:
            yield Issue(
                group,
                tx("{what} en az 3 asıl üyeden oluşur; {n_regular} asıl üye girildi.").format(
                    what=what, n_regular=len(regular)
                ),
                Severity.ERROR,
                f"{LAW} md. 55",
            )
        for index, row in enumerate(rows):
            term = row.get("term_years")
            if term is not None and term > 4:
                yield Issue(
                    f"{group}[{index}].term_years",
                    tx("{what} üyeleri en çok 4 yıl için seçilebilir; {term} yıl girildi.").format(
                        what=what, term=term
                    ),
                    Severity.ERROR,
                    f"{LAW} md. 55" if group == "board" else f"{LAW} md. 66",
                )
        chairs = [r for r in rows if r.get("role") == "baskan"]
        if group == "board" and len(chairs) != 1:
            yield Issue(
                group,
                tx("Yönetim kurulunda bir başkan olmalıdır; ")
                + (
                    tx("başkan seçilmemiş.")
                    if not chairs
                    else tx("{n} başkan girildi.").format(n=len(chairs))
                ),
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
    start = ctx.fiscal_start_month
    deadline = assembly_deadline(int(year), start)
    due = format_date(deadline.isoformat())
    if date.fromisoformat(held) > deadline:
        yield Issue(
            "effective_date",
            tx(
                "{year} hesap yılının olağan genel kurulu en geç {due} tarihine kadar yapılmalıydı (hesap yılı bitiminden itibaren 6 ay). Gecikme nedenini açıklamaya yazın."
            ).format(year=year, due=due),
            Severity.WARNING,
            f"{LAW} md. 45/1",
        )
    if date.fromisoformat(held) <= fiscal_period_end(int(year), start):
        yield Issue(
            "fiscal_year",
            tx("{year} hesap yılının olağan genel kurulu o yıl bitmeden yapılamaz.").format(year=year),
            Severity.ERROR,
            f"{LAW} md. 45/1",
        )


def _update_has_change(payload: Mapping[str, Any], ctx: ValidationContext) -> Iterable[Issue]:
    if not any(payload.get(n) for n in ("title", "address", "province_code", "district", "phone")):
        yield Issue(
            "",
            tx("Değişecek en az bir bilgi girin: unvan, adres, il/ilçe (merkez nakli) ya da telefon."),
        )
    if payload.get("province_code") and not payload.get("district"):
        yield Issue("district", tx("Merkez naklinde yeni ilçe de girilmelidir."))


TYPES: tuple[ChangeType, ...] = (
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
            effective("Tescil tarihi"),
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
                fields=FOUNDER_ROW,
                key="id_no",
            ),
            Field(
                "board",
                Kind.GROUP,
                "İlk yönetim kurulu",
                required=True,
                fields=BOARD_ROW,
                key="id_no",
            ),
            NOTE,
        ),
        rules=(_founders_at_least_seven, _board_rules("board")),
        registers=True,
        keywords=("kuruluş", "yeni kooperatif", "tescil", "kurucu ortaklar"),
    ),
    ChangeType(
        "cooperative.update",
        "Unvan / adres / merkez nakli",
        "Genel kurul kararıyla unvan, adres ya da merkezin başka ilçe veya ile taşınması.",
        (
            effective("Karar tarihi"),
            decision_no(),
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
            ARTICLES_ENTRY,
            NOTE,
        ),
        rules=(_update_has_change,),
        keywords=("unvan değişikliği", "adres değişikliği", "merkez nakli", "taşınma"),
    ),
    ChangeType(
        "articles.amend",
        "Anasözleşme değişikliği",
        "Genel kurulca kabul edilen anasözleşme maddelerinin yeni metinleri.",
        (
            effective("Genel kurul tarihi"),
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
            NOTE,
        ),
        keywords=("anasözleşme", "madde değişikliği", "esas sözleşme"),
    ),
    ChangeType(
        "assembly.record",
        "Genel kurul",
        "Olağan ya da olağanüstü genel kurul toplantısının tarihi, yeri, Bakanlık temsilcisi ve sonucu.",
        (
            Field("kind", Kind.CHOICE, "Toplantı türü", required=True, choices=ASSEMBLY_KINDS),
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
        keywords=(
            "genel kurul toplantısı",
            "olağan genel kurul",
            "olağanüstü genel kurul",
            "bakanlık temsilcisi",
        ),
    ),
    ChangeType(
        "board.replace",
        "Yönetim kurulu seçimi",
        "Genel kurulda seçilen yeni yönetim kurulu; eski kurulun yerini alır.",
        (
            effective("Seçim (genel kurul) tarihi"),
            Field(
                "board",
                Kind.GROUP,
                "Yönetim kurulu",
                required=True,
                fields=BOARD_ROW,
                key="id_no",
                snapshot="board",
                prefill=True,
            ),
            NOTE,
        ),
        rules=(_board_rules("board"),),
        keywords=(
            "yönetim kurulu",
            "yönetim",
            "başkan",
            "başkan yardımcısı",
            "yönetim kurulu üyesi",
            "üye değişikliği",
        ),
    ),
    ChangeType(
        "auditors.replace",
        "Denetim kurulu seçimi",
        "Genel kurulda seçilen denetçiler; eski denetim kurulunun yerini alır.",
        (
            effective("Seçim (genel kurul) tarihi"),
            Field(
                "auditors",
                Kind.GROUP,
                "Denetim kurulu",
                required=True,
                min_rows=1,
                max_rows=5,
                fields=AUDITOR_ROW,
                key="id_no",
                snapshot="audit_board",
                prefill=True,
            ),
            NOTE,
        ),
        rules=(_board_rules("auditors"),),
        keywords=("denetim kurulu", "denetçi", "denetim"),
    ),
)
