"""Make the spreadsheet fixtures of the import tests with writers other than the project's own.

The importers must read what a 2015 office has: Excel 97–2003 ``.xls``, LibreOffice
``.ods``, a CSV saved by Turkish Excel 2010 (Windows-1254, ``;``), Excel's "Unicode
metin" (UTF-16, tab-separated). The source workbooks are written with openpyxl, then
LibreOffice (headless) converts them, so the fixtures come from a real office suite.
The results are committed under ``tests/fixtures/spreadsheets/``; run this script only
to remake them (it needs ``soffice``: ``apt-get install libreoffice-calc-nogui``)::

    .venv/bin/python scripts/make_spreadsheet_fixtures.py

The rows are fixed (not random) so the tests can name what they expect. Besides the
plain lists: an ``.xlsm`` (LibreOffice's "Excel 2007 VBA" filter), dates typed as bare
serial numbers (cells formatted as numbers) in the 1900 and in the 1904 date system
(``uyeler-seri-*``), and every number stored as text (``uyeler-metin-sayilar.*``).
LibreOffice cannot write ``.xlsb``, so there is no ``.xlsb`` fixture.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "spreadsheets"

ADMIT_HEADERS = [
    "T.C. Kimlik No",
    "Adı Soyadı",
    "Adresi",
    "Giriş Tarihi",
    "Karar No",
    "Pay Adedi",
    "Taahhüt",
    "Ödenen",
]
# Valid T.C. Kimlik numbers; names and addresses with every Turkish letter, upper and lower case.
ADMIT_ROWS: list[list[object]] = [
    [
        10000000146,
        "Şükrü Öğüt",
        "Çiçek Sok. No:3 Üsküdar/İstanbul",
        datetime(2015, 3, 2),
        "2015/14",
        2,
        2000,
        500,
    ],
    [
        10000000214,
        "Çiğdem Işık",
        "Iğdır Cad. Öğretmenler Mah. Şişli",
        datetime(2015, 3, 2),
        "2015/14",
        1,
        1000,
        250,
    ],
    [
        10000000382,
        "İLKNUR ĞÜLŞEN ÇÖZÜM",
        "GÜZELYALI MAH. ŞİŞHANE ÇIKMAZI NO:5 IĞDIR",
        datetime(2015, 3, 3),
        "2015/15",
        3,
        3000,
        750.5,
    ],
    [10000000450, "ayşe ılgaz", "hâkim kâtip sok. ğüşiöç", datetime(2015, 3, 4), "2015/15", 1, 1000, 1000],
]

COOPERATIVE_HEADERS = [
    "Sicil No",
    "Unvan",
    "Türü",
    "İl",
    "İlçe",
    "Adres",
    "Vergi No",
    "Ticaret Sicil No",
    "Durum",
    "Kuruluş Tarihi",
]
COOPERATIVE_ROWS: list[list[object]] = [
    [
        "06-900001",
        "Çankaya Işıklı Konut Yapı Kooperatifi",
        "Konut Yapı Kooperatifi",
        "06",
        "Çankaya",
        "Güzeltepe Mah. Şehit Öğretmen Sok. No:7",
        "1234567890",
        "ANK-12345",
        "Faal",
        datetime(1998, 5, 4),
    ],
    [
        "06-900002",
        "Gölbaşı Öğretmenler Üzüm Tüketim Kooperatifi",
        "Tüketim Kooperatifi",
        "06",
        "Gölbaşı",
        "İncek Köyü Çeşme Sok. No:2",
        "1234567808",
        "ANK-23456",
        "Faal",
        datetime(2004, 11, 22),
    ],
]


def _serial(moment: datetime, epoch_1904: bool) -> int:
    """The day number a spreadsheet stores for ``moment`` (1900 system: 30.12.1899 is day 0)."""
    epoch = datetime(1904, 1, 1) if epoch_1904 else datetime(1899, 12, 30)
    return (moment - epoch).days


def _as_text(value: object) -> object:
    """A number as a clerk types it into a text cell: "10000000146", "750,50"."""
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return value


def _workbook(
    headers: list[str],
    rows: list[list[object]],
    path: Path,
    *,
    epoch_1904: bool = False,
    serial_dates: bool = False,
    numbers_as_text: bool = False,
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Liste"
    if epoch_1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        book.epoch = CALENDAR_MAC_1904
    sheet.append(headers)
    for row in rows:
        cells = [_serial(v, epoch_1904) if serial_dates and isinstance(v, datetime) else v for v in row]
        sheet.append([_as_text(v) for v in cells] if numbers_as_text else cells)
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, float):
                # Turkish locale (LCID 041F): written out as Turkish Excel shows it, "750,50".
                cell.number_format = "[$-41F]#,##0.00"
            elif isinstance(cell.value, str) and numbers_as_text:
                cell.number_format = "@"
    book.save(path)
    return path


def _convert(source: Path, filter_spec: str, suffix: str, work: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--convert-to",
            filter_spec,
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(work), "PATH": "/usr/bin:/bin"},
    )
    produced = work / (source.stem + suffix)
    if not produced.exists():
        raise SystemExit(f"LibreOffice did not write {produced}")
    return produced


XLS = "xls:MS Excel 97"
XLSM = "xlsm:Calc MS Excel 2007 VBA XML"
# LibreOffice's CSV filter options: field separator, text delimiter (ASCII codes), character set.
CSV_1254 = "csv:Text - txt - csv (StarCalc):59,34,36,1,,1055"  # ";", '"', Windows-1254, Turkish
TXT_UTF16 = "csv:Text - txt - csv (StarCalc):9,34,65535,1,,1055"  # tab, '"', UTF-16 (UCS-2), Turkish


def main() -> int:
    if shutil.which("soffice") is None:
        print("soffice not found: apt-get install libreoffice-calc-nogui", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for stem, headers, rows in (
            ("uyeler", ADMIT_HEADERS, ADMIT_ROWS),
            ("kooperatifler", COOPERATIVE_HEADERS, COOPERATIVE_ROWS),
        ):
            source = _workbook(headers, rows, work / f"{stem}.xlsx")
            for filter_spec, suffix, name in (
                (XLS, ".xls", f"{stem}.xls"),
                ("ods", ".ods", f"{stem}.ods"),
                (CSV_1254, ".csv", f"{stem}-excel2010.csv"),
                (TXT_UTF16, ".csv", f"{stem}-unicode-metin.txt"),
            ):
                produced = _convert(source, filter_spec, suffix, work)
                shutil.move(produced, OUT / name)
        # Excel 2007's macro-enabled workbook.
        source = _workbook(ADMIT_HEADERS, ADMIT_ROWS, work / "uyeler.xlsx")
        shutil.move(_convert(source, XLSM, ".xlsm", work), OUT / "uyeler.xlsm")
        # Excel for Mac's 1904 date system, read back by LibreOffice into .xls and .ods too.
        source = _workbook(ADMIT_HEADERS, ADMIT_ROWS, work / "uyeler-1904.xlsx", epoch_1904=True)
        shutil.copy(source, OUT / "uyeler-1904.xlsx")
        shutil.move(_convert(source, "ods", ".ods", work), OUT / "uyeler-1904.ods")
        shutil.move(_convert(source, XLS, ".xls", work), OUT / "uyeler-1904.xls")
        # Dates typed into cells formatted as numbers: bare serial numbers, in either date system.
        for epoch_1904, stem in ((False, "uyeler-seri-1900"), (True, "uyeler-seri-1904")):
            source = _workbook(
                ADMIT_HEADERS, ADMIT_ROWS, work / f"{stem}.xlsx", epoch_1904=epoch_1904, serial_dates=True
            )
            shutil.copy(source, OUT / f"{stem}.xlsx")
            shutil.move(_convert(source, XLS, ".xls", work), OUT / f"{stem}.xls")
            shutil.move(_convert(source, "ods", ".ods", work), OUT / f"{stem}.ods")
        # Every number stored as text (TCKN, shares, "750,50"), as lists typed in text cells are.
        source = _workbook(
            ADMIT_HEADERS, ADMIT_ROWS, work / "uyeler-metin-sayilar.xlsx", numbers_as_text=True
        )
        shutil.move(_convert(source, XLS, ".xls", work), OUT / "uyeler-metin-sayilar.xls")
        shutil.move(_convert(source, "ods", ".ods", work), OUT / "uyeler-metin-sayilar.ods")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(OUT.parents[2])}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
