"""Make the spreadsheet fixtures of the import tests with writers other than the project's own.

The importers must read what a 2015 office has: Excel 97–2003 ``.xls``, LibreOffice
``.ods``, a CSV saved by Turkish Excel 2010 (Windows-1254, ``;``), Excel's "Unicode
metin" (UTF-16, tab-separated). The source workbooks are written with openpyxl, then
LibreOffice (headless) converts them, so the fixtures come from a real office suite.
The results are committed under ``tests/fixtures/spreadsheets/``; run this script only
to remake them (it needs ``soffice``: ``apt-get install libreoffice-calc-nogui``)::

    .venv/bin/python scripts/make_spreadsheet_fixtures.py

The rows are fixed (not random) so the tests can name what they expect.
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

ADMIT_HEADERS = ["T.C. Kimlik No", "Adı Soyadı", "Giriş Tarihi", "Karar No", "Pay Adedi", "Taahhüt", "Ödenen"]
# Valid T.C. Kimlik numbers; names with every Turkish letter, upper and lower case.
ADMIT_ROWS: list[list[object]] = [
    [10000000146, "Şükrü Öğüt", datetime(2015, 3, 2), "2015/14", 2, 2000, 500],
    [10000000214, "Çiğdem Işık", datetime(2015, 3, 2), "2015/14", 1, 1000, 250],
    [10000000382, "İLKNUR ĞÜLŞEN ÇÖZÜM", datetime(2015, 3, 3), "2015/15", 3, 3000, 750.5],
    [10000000450, "ayşe ılgaz", datetime(2015, 3, 4), "2015/15", 1, 1000, 1000],
]

COOPERATIVE_HEADERS = [
    "Sicil No",
    "Unvan",
    "Türü",
    "İl",
    "İlçe",
    "Adres",
    "Vergi No",
    "Durum",
    "Kuruluş Tarihi",
]
COOPERATIVE_ROWS: list[list[object]] = [
    [
        "06-900001",
        "Çankaya Işıklı Konut Yapı Kooperatifi",
        "Konut Yapı",
        "06",
        "Çankaya",
        "Güzeltepe Mah. Şehit Öğretmen Sok. No:7",
        "1234567890",
        "Faal",
        datetime(1998, 5, 4),
    ],
    [
        "06-900002",
        "Gölbaşı Üzüm Ğ Tarımsal Kalkınma Kooperatifi",
        "Tarımsal Kalkınma",
        "06",
        "Gölbaşı",
        "İncek Köyü Çeşme Sok. No:2",
        "1234567808",
        "Faal",
        datetime(2004, 11, 22),
    ],
]


def _workbook(headers: list[str], rows: list[list[object]], path: Path, *, epoch_1904: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Liste"
    if epoch_1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        book.epoch = CALENDAR_MAC_1904
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, float):
                # Turkish locale (LCID 041F): written out as Turkish Excel shows it, "750,50".
                cell.number_format = "[$-41F]#,##0.00"
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
                ("xls:MS Excel 97", ".xls", f"{stem}.xls"),
                ("ods", ".ods", f"{stem}.ods"),
                (CSV_1254, ".csv", f"{stem}-excel2010.csv"),
                (TXT_UTF16, ".csv", f"{stem}-unicode-metin.txt"),
            ):
                produced = _convert(source, filter_spec, suffix, work)
                shutil.move(produced, OUT / name)
        # Excel for Mac's 1904 date system, read back by LibreOffice into .xls and .ods too.
        source = _workbook(ADMIT_HEADERS, ADMIT_ROWS, work / "uyeler-1904.xlsx", epoch_1904=True)
        shutil.copy(source, OUT / "uyeler-1904.xlsx")
        shutil.move(_convert(source, "ods", ".ods", work), OUT / "uyeler-1904.ods")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(OUT.parents[2])}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
