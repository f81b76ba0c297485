"""Field validators and normalisers with Turkish messages.

Each ``parse_*`` function takes what a person typed (or a value from a file) and
returns the canonical stored form, or raises :class:`FieldError` with a sentence
that says what is wrong and what to type instead. Canonical forms are JSON-safe:
dates as ISO strings, money as a Decimal string with two places, codes as digit
strings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.text import nfc


class FieldError(KoopbisError, ValueError):
    """A single value is not acceptable; ``message`` is shown to the person.

    Still a ``ValueError`` so parsers that catch one keep working.
    """

    exit_code = ExitCode.INVALID


_NON_DIGIT_SEPARATORS = re.compile(r"[\s.\-/]")

# Bounds every field kind has even when its schema names none. A whole number beyond
# INT_LIMIT is a typo (no cooperative has a billion shares) and a value past SQLite's
# 64-bit INTEGER would poison every snapshot refresh that reads it back.
INT_LIMIT = 1_000_000_000
TEXT_MAX_LENGTH = 500
LONGTEXT_MAX_LENGTH = 10_000
# Longest typed form of a number or an amount worth reading at all (digits, separators).
_NUMBER_TEXT_MAX = 40


def scalar(value: object, label: str) -> object:
    """``value`` if a single value may be typed into a field, else FieldError.

    A list or an object where one value belongs, true/false and a number that is
    not finite are refused: turned into text they would be stored mangled
    (``{'a': [1, 2]}`` as a title).
    """
    if value is None:
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal | date):
        raise FieldError(
            tx("{label} tek bir değer olmalıdır (metin ya da sayı); liste ya da nesne olamaz.").format(
                label=label
            )
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError(tx("{label} bir sayı olarak anlaşılamadı.").format(label=label))
    return value


def _check_characters(text: str) -> None:
    for char in text:
        if char in "\n\t\r":
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise FieldError(
                tx(
                    "Metinde yazdırılamayan bir denetim karakteri var (ör. NUL); "
                    "metni yeniden yazın ya da kopyaladığınız yeri kontrol edin."
                )
            )


# "1,23457E+10": what Excel shows of a long number in a narrow "Genel" column and writes
# into a CSV. The digits beyond the sixth are gone; never guess them back as zeros.
_SHORTENED_NUMBER = re.compile(r"^[+]?\d+(?:[.,]\d+)?[eE][+]?\d+$")


# "12345678901.0": a number a program wrote as a decimal (a system's export, a pasted cell).
# Nine digits at least, so a number typed with dots between its groups is never taken for one.
_DECIMAL_WRITTEN = re.compile(r"^[+]?(\d{9,})[.,]0+$")


def decimal_written_digits(compact: str) -> str | None:
    """The digits of a whole number written as a decimal ("12345678901.0", no spaces), else None."""
    match = _DECIMAL_WRITTEN.match(compact)
    return match.group(1) if match else None


def _refuse_shortened(written: str, what: str) -> None:
    """FieldError when ``written`` is a number as Excel shortens it ("1,23457E+10")."""
    if _SHORTENED_NUMBER.match(written.replace(" ", "")):
        raise FieldError(
            tx(
                "{what} kısaltılmış yazılmış ({written}): Excel uzun numaraları böyle gösterir ve son hanelerini siler. Numarayı tam haliyle yazın; Excel'de bu sütunu 'Metin' biçimine çevirip numaraları yeniden girin."
            ).format(what=what, written=written)
        )


def _digits(value: object, what: str) -> str:
    scalar(value, what)
    written = str(value if value is not None else "").strip()
    digits = decimal_written_digits(written.replace(" ", ""))
    if digits is not None:
        # Its digits, not the ".0" as one more digit ("123456789.0" was the VKN 1234567890, which
        # passes its checksum one time in ten); nine are a VKN that lost its leading zero.
        return digits.zfill(10) if len(digits) == 9 else digits
    _refuse_shortened(written, what)
    text = _NON_DIGIT_SEPARATORS.sub("", written)
    if not text:
        raise FieldError(tx("{what} boş bırakılamaz.").format(what=what))
    if not text.isdigit() or not text.isascii():
        raise FieldError(tx("{what} yalnızca rakamlardan oluşmalıdır.").format(what=what))
    return text


def _tckn_check_digits_ok(text: str) -> bool:
    """The two check digits of an 11-ASCII-digit TCKN, by python-stdnum's own rule.

    ``calc_check_digits`` rather than ``is_valid``: the digits are already cleaned
    here, and stdnum's generic cleaning was a quarter of a member list's validation.
    """
    from stdnum.tr import tckimlik  # python-stdnum loads ssl and pydoc: only when a number is checked

    return bool(tckimlik.calc_check_digits(text[:9]) == text[9:])


def _check_tckn(text: str) -> str:
    """``text`` (ASCII digits only) as a TCKN, or FieldError."""
    if len(text) != 11:
        raise FieldError(
            tx("T.C. Kimlik No 11 haneli olmalıdır ({n_text} hane girildi).").format(n_text=len(text))
        )
    if text[0] == "0":
        raise FieldError(tx("T.C. Kimlik No 0 ile başlayamaz."))
    if not _tckn_check_digits_ok(text):
        raise FieldError(tx("T.C. Kimlik No geçersiz: kontrol haneleri tutmuyor. Numarayı kontrol edin."))
    return text


def parse_tckn(value: object) -> str:
    """T.C. Kimlik No: 11 digits, first not 0, both check digits right."""
    return _check_tckn(_digits(value, tx("T.C. Kimlik No")))


def parse_vkn(value: object) -> str:
    """Vergi Kimlik No: 10 digits with the Revenue Administration checksum."""
    text = _digits(value, tx("Vergi Kimlik No"))
    if len(text) != 10:
        raise FieldError(
            tx("Vergi Kimlik No 10 haneli olmalıdır ({n_text} hane girildi).").format(n_text=len(text))
        )
    from stdnum.tr import vkn

    if not vkn.is_valid(text):
        raise FieldError(tx("Vergi Kimlik No geçersiz: kontrol hanesi tutmuyor. Numarayı kontrol edin."))
    return text


def parse_tckn_or_vkn(value: object) -> str:
    """A person's TCKN (11 digits) or a legal entity's VKN (10 digits)."""
    text = _digits(value, tx("T.C. Kimlik No / Vergi Kimlik No"))
    if len(text) == 11:
        return _check_tckn(text)
    if len(text) == 10:
        return parse_vkn(text)
    raise FieldError(
        tx(
            "Gerçek kişi için 11 haneli T.C. Kimlik No, tüzel kişi için 10 haneli Vergi Kimlik No girin ({n_text} hane girildi)."
        ).format(n_text=len(text))
    )


def parse_mersis(value: object) -> str:
    """MERSİS number: 16 digits."""
    text = _digits(value, tx("MERSİS No"))
    if len(text) != 16:
        raise FieldError(
            tx("MERSİS No 16 haneli olmalıdır ({n_text} hane girildi).").format(n_text=len(text))
        )
    return text


def parse_phone(value: object) -> str:
    """Turkish phone number, stored as ten digits (area/operator code + number)."""
    scalar(value, tx("Telefon numarası"))
    written = str(value or "").strip()
    compact = written.replace(" ", "")
    _refuse_shortened(written, tx("Telefon numarası"))
    # "3125551234.0": a number a program wrote as a decimal; its ".0" is not one more digit.
    text = decimal_written_digits(compact) or re.sub(r"[\s()\-.]", "", written)[:_NUMBER_TEXT_MAX]
    if text.startswith("+90"):
        text = text[3:]
    elif text.startswith("0090"):
        text = text[4:]
    elif text.startswith("0"):
        text = text[1:]
    elif len(text) == 12 and text.startswith("90"):
        text = text[2:]  # "+90 532 …" typed into a spreadsheet, which took the "+" for a sign
    if not text:
        raise FieldError(tx("Telefon numarası boş bırakılamaz."))
    if not text.isdigit() or not text.isascii():
        raise FieldError(tx("Telefon numarası yalnızca rakam içermelidir, örneğin 0312 555 12 34."))
    if len(text) != 10 or text[0] not in "2345789":
        raise FieldError(tx("Telefon numarası alan koduyla 10 haneli olmalıdır, örneğin 0312 555 12 34."))
    return text


_DATE_TR = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: object, *, today: date | None = None, allow_future: bool = False) -> str:
    """A date typed as GG.AA.YYYY (or ISO YYYY-AA-GG); returned as ISO.

    Dates in the future are refused unless ``allow_future``: a recorded decision
    cannot have happened tomorrow.
    """
    scalar(value, tx("Tarih"))
    if isinstance(value, datetime):
        # A spreadsheet cell (openpyxl) gives a datetime; comparing it with a date raises.
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    else:
        text = str(value if value is not None else "").strip()[:_NUMBER_TEXT_MAX]
        if not text:
            raise FieldError(tx("Tarih boş bırakılamaz."))
        match_tr = _DATE_TR.match(text)
        match_iso = _DATE_ISO.match(text)
        try:
            if match_tr:
                day, month, year = (int(g) for g in match_tr.groups())
                parsed = date(year, month, day)
            elif match_iso:
                year, month, day = (int(g) for g in match_iso.groups())
                parsed = date(year, month, day)
            else:
                raise FieldError(tx("Tarihi GG.AA.YYYY biçiminde girin, örneğin 05.03.2015."))
        except ValueError as exc:
            if isinstance(exc, FieldError):
                raise
            raise FieldError(
                tx("Böyle bir tarih yok: {text}. Gün ve ayı kontrol edin.").format(text=text)
            ) from exc
    if parsed.year < 1900:
        raise FieldError(tx("Tarih 1900 yılından önce olamaz."))
    reference = today or date.today()
    if not allow_future and parsed > reference:
        raise FieldError(
            tx("Tarih ileri bir gün olamaz ({v}); bugün {v2}.").format(
                v=format_date(parsed.isoformat()), v2=format_date(reference.isoformat())
            )
        )
    return parsed.isoformat()


def format_date(iso: str) -> str:
    """ISO date → GG.AA.YYYY for people."""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


_MONEY_MAX = Decimal("1000000000000")  # one trillion lira: anything larger is a typo


def parse_money(value: object) -> str:
    """An amount in Turkish lira, as a Decimal string with two places.

    Accepts Turkish ("1.250,50") and plain ("1250.50") notation; never goes
    through float, so no kuruş is ever lost to rounding.
    """
    if isinstance(value, bool):
        # JSON true/false is not an amount; Decimal(True) would silently be 1.00 TL.
        raise FieldError(tx("Tutar anlaşılamadı; örneğin 1.250,50 biçiminde yazın."))
    scalar(value, tx("Tutar"))
    if isinstance(value, str) and len(value.strip()) > _NUMBER_TEXT_MAX:
        raise FieldError(tx("Tutar çok uzun; basamakları kontrol edin."))
    if isinstance(value, float):
        # A float may already have lost precision; repr is the shortest exact form. A whole
        # amount (a spreadsheet's 2000.0) is taken as the int it exactly is: the same result.
        value = int(value) if value.is_integer() and 0 < value < 10**15 else repr(value)
    if isinstance(value, Decimal | int):
        if isinstance(value, int) and abs(value) >= _MONEY_MAX:
            raise FieldError(tx("Tutar çok büyük; basamakları kontrol edin."))
        amount = Decimal(value)
    else:
        text = str(value if value is not None else "").strip()
        text = text.replace("₺", "").replace("TL", "").replace(" ", "").replace("\u00a0", "")
        if not text:
            raise FieldError(tx("Tutar boş bırakılamaz."))
        if "," in text and "." in text:
            decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
            thousands = "." if decimal_sep == "," else ","
            text = text.replace(thousands, "").replace(decimal_sep, ".")
        elif "," in text:
            if text.count(",") > 1:
                raise FieldError(tx("Tutarda birden çok virgül var; kuruşu tek virgülle ayırın: 1.250,50"))
            text = text.replace(",", ".")
        elif text.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", text):
            # Turkish thousands separators: 1.250 or 1.250.000
            if not re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
                raise FieldError(tx("Tutar anlaşılamadı; örneğin 1.250,50 biçiminde yazın."))
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise FieldError(tx("Tutar anlaşılamadı; örneğin 1.250,50 biçiminde yazın.")) from exc
    if not amount.is_finite():
        raise FieldError(tx("Tutar anlaşılamadı; örneğin 1.250,50 biçiminde yazın."))
    if amount < 0:
        raise FieldError(tx("Tutar eksi olamaz."))
    if amount >= _MONEY_MAX:
        raise FieldError(tx("Tutar çok büyük; basamakları kontrol edin."))
    if amount != amount.quantize(Decimal("0.01")):
        raise FieldError(tx("Tutarda en çok iki kuruş basamağı olabilir."))
    return str(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_money(value: str) -> str:
    """Canonical money string → Turkish notation, e.g. ``1.250,50 TL``."""
    amount = Decimal(value)
    whole, _, cents = f"{amount:.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{'.'.join(groups)},{cents} TL"


def _out_of_bounds(value: float | Decimal, low: int, high: int) -> str:
    if value > 0:
        return tx("Değer en çok {maximum} olabilir.").format(maximum=high)
    return tx("Değer en az {minimum} olmalıdır.").format(minimum=low)


def parse_int(value: object, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number within bounds; without them, within ±INT_LIMIT."""
    if isinstance(value, bool):
        raise FieldError(tx("Bir tam sayı girin."))
    scalar(value, tx("Sayı"))
    low = -INT_LIMIT if minimum is None else max(minimum, -INT_LIMIT)
    high = INT_LIMIT if maximum is None else min(maximum, INT_LIMIT)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        # 3.0 from a JSON or spreadsheet number is 3; str(3.0) with its dot dropped was 30.
        if not value.is_integer():
            raise FieldError(tx("Bir tam sayı girin, örneğin 5."))
        if abs(value) > INT_LIMIT:
            raise FieldError(_out_of_bounds(value, low, high))
        number = int(value)
    elif isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise FieldError(tx("Bir tam sayı girin, örneğin 5."))
        if abs(value) > INT_LIMIT:
            raise FieldError(_out_of_bounds(value, low, high))
        number = int(value)
    else:
        text = str(value if value is not None else "").strip()
        if len(text) > _NUMBER_TEXT_MAX:
            raise FieldError(tx("Değer en çok {maximum} olabilir.").format(maximum=high))
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            # Turkish thousands separators: "1.000" is 1000, but "2.5" is refused, not 25.
            text = text.replace(".", "")
        if not text:
            raise FieldError(tx("Sayı boş bırakılamaz."))
        if not re.fullmatch(r"-?\d+", text):
            raise FieldError(tx("Bir tam sayı girin, örneğin 5."))
        number = int(text)
    if number < low:
        raise FieldError(tx("Değer en az {minimum} olmalıdır.").format(minimum=low))
    if number > high:
        raise FieldError(tx("Değer en çok {maximum} olabilir.").format(maximum=high))
    return number


def parse_text(value: object, *, max_length: int | None = None, multiline: bool = False) -> str:
    """Free text, trimmed and composed (NFC); inner whitespace runs collapse to one space.

    A number is taken as the text it reads as (a decision no from a spreadsheet
    cell); a list, an object or a control character (NUL) is refused.
    """
    scalar(value, tx("Metin"))
    if isinstance(value, float):
        value = int(value) if value.is_integer() and abs(value) < 10**15 else repr(value)
    limit = max_length if max_length is not None else (LONGTEXT_MAX_LENGTH if multiline else TEXT_MAX_LENGTH)
    raw = str(value if value is not None else "")
    if len(raw) > limit * 4:
        # Trimming cannot bring a text this long within bounds: say so without scanning it.
        raise FieldError(
            tx("En çok {max_length} karakter girilebilir ({n_text} girildi).").format(
                max_length=limit, n_text=len(raw)
            )
        )
    _check_characters(raw)
    # Composed (NFC), as every stored text: "Ş" typed on a Mac or read from its CSV is "S" and a
    # combining cedilla, which would sort, export (Windows-1254) and compare as another text.
    text = nfc(re.sub(r"[ \t]+", " ", raw).strip())
    if not text:
        raise FieldError(tx("Bu alan boş bırakılamaz."))
    if len(text) > limit:
        raise FieldError(
            tx("En çok {max_length} karakter girilebilir ({n_text} girildi).").format(
                max_length=limit, n_text=len(text)
            )
        )
    return text
