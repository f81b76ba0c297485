"""Encodings and delimiters of the text files Turkish offices save (Excel 2007/2010, LibreOffice)."""

from __future__ import annotations

import codecs

import pytest

from koopbis_desktop.services.text_decoding import EncodingUndecided, decode, sniff_delimiter

ROW = "Adı Soyadı;Adresi\nŞükrü Öğüt;Çankaya İĞDE ışık Çiçek Üzüm\n"
ALL_LETTERS = "çğıöşüÇĞİÖŞÜ"


@pytest.mark.parametrize(
    ("data", "encoding", "label"),
    [
        (codecs.BOM_UTF8 + ROW.encode("utf-8"), "utf-8-sig", "UTF-8 (BOM'lu)"),
        (ROW.encode("utf-8"), "utf-8", "UTF-8"),
        (ROW.encode("cp1254"), "cp1254", "Windows-1254 (Türkçe)"),
        (ROW.encode("iso-8859-9"), "cp1254", "Windows-1254 (Türkçe)"),
        (ROW.encode("utf-16"), "utf-16", "UTF-16 (Unicode metin)"),  # with its BOM, as Excel writes it
        (codecs.BOM_UTF16_BE + ROW.encode("utf-16-be"), "utf-16", "UTF-16 (Unicode metin)"),
        (ROW.encode("utf-16-le"), "utf-16", "UTF-16 (Unicode metin)"),
        (ROW.encode("utf-16-be"), "utf-16", "UTF-16 (Unicode metin)"),
    ],
)
def test_each_encoding_an_office_writes_reads_back_exactly(data: bytes, encoding: str, label: str) -> None:
    decoded = decode(data)
    assert decoded.text == ROW
    assert decoded.encoding == encoding
    assert decoded.label == label


def test_every_turkish_letter_survives_windows_1254() -> None:
    text = f"Ad;Adres\n{ALL_LETTERS};İstanbul Iğdır ılık Çağrı “tırnak” – € 1.250,50\n"
    assert decode(text.encode("cp1254")).text == text


@pytest.mark.parametrize(
    "data",
    [
        "Иванов Пётр;Москва улица\n".encode("cp1251"),  # Cyrillic: decodes in 1254 into non-Turkish letters
        "Παπαδόπουλος;Αθήνα οδός\n".encode("cp1253"),  # Greek
        b"Ad;Adres\n\x81\x8d\x8e\x90 \x9d\x9e\n",  # bytes Windows-1254 leaves undefined
        b"Ad;Adres\n\x00\x01\x02\x03\xff\xfe\x00\x00binary",  # zeros but not UTF-16 text
    ],
)
def test_a_file_whose_encoding_cannot_be_decided_is_refused_with_advice(data: bytes) -> None:
    with pytest.raises(EncodingUndecided) as info:
        decode(data, "uyeler.csv")
    message = info.value.message
    assert message.startswith("uyeler.csv: ")
    # The advice names what Excel 2007/2010 and LibreOffice of the time offer, never "CSV UTF-8".
    assert "Unicode metin" in message and "Windows-1254" in message
    assert "CSV UTF-8" not in message
    assert info.value.exit_code == 3


def test_a_truncated_utf8_file_with_bom_is_refused_not_guessed() -> None:
    data = codecs.BOM_UTF8 + "Işık".encode() + b"\xc4"
    with pytest.raises(EncodingUndecided, match="bozuk"):
        decode(data)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("T.C. Kimlik No;Adı Soyadı;Giriş Tarihi", ";"),
        ("T.C. Kimlik No,Adı Soyadı,Giriş Tarihi", ","),
        ("T.C. Kimlik No\tAdı Soyadı\tGiriş Tarihi", "\t"),
        ('"Adı, Soyadı";"Tutar, TL"', ";"),
        ('"Adı; Soyadı","Tutar"', ","),
        ("Adı Soyadı", ";"),  # one column: the Turkish default
        ("a;b,c", ";"),  # a tie goes to the Turkish list separator
    ],
)
def test_delimiter_from_the_header_line(line: str, expected: str) -> None:
    assert sniff_delimiter(line) == expected
