"""Member list files as cooperatives really send them, for the importer's tests and its benchmark.

Also the CSV writer and the English cooperative columns the snapshot import tests share.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from koopbis_desktop.domain import demo_data

# The cooperative file's columns under their English names, as ``koopbis snapshot import`` takes
# them, each with the key of a snapshot record that fills it.
COOPERATIVE_COLUMNS = {
    "registry_id": "id",
    "title": "title",
    "type": "cooperative_type",
    "province_code": "province_code",
    "district": "district",
    "address": "address",
    "vkn": "vkn",
    "trade_registry_no": "trade_registry_no",
    "status": "status",
    "founded_on": "founded_on",
}

ADMIT_HEADERS = (
    "T.C. Kimlik No",
    "Adı Soyadı",
    "Giriş Tarihi",
    "Karar No",
    "Pay Adedi",
    "Taahhüt",
    "Ödenen",
)


def admit_rows(count: int, seed: int = 1, *, start: date = date(2015, 3, 2)) -> list[list[Any]]:
    """``count`` valid admissions with distinct TCKNs, typed as a spreadsheet holds them."""
    rng = random.Random(seed)
    seen: set[str] = set()
    rows: list[list[Any]] = []
    while len(rows) < count:
        tckn = demo_data.tckn(rng)
        if tckn in seen:
            continue
        seen.add(tckn)
        shares = rng.randint(1, 5)
        rows.append(
            [
                tckn,
                demo_data.person_name(rng),
                datetime(start.year, start.month, start.day),
                f"2015/{rng.randint(1, 99)}",
                shares,
                shares * 1000,
                shares * 250 + rng.choice((0, 50, 250)),
            ]
        )
    return rows


def write_xlsx(
    path: Path,
    headers: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    merge_title: bool = False,
) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=not merge_title)
    sheet = book.create_sheet("Ortaklar") if not merge_title else book.active
    assert sheet is not None
    if merge_title:
        sheet.title = "Ortaklar"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    if merge_title and title:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    book.save(path)
    return path


def write_csv(
    path: Path,
    headers: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    delimiter: str = ";",
    bom: bool = True,
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([v.strftime("%d.%m.%Y") if isinstance(v, date | datetime) else v for v in row])
    return path


def opened_in_excel(path: Path) -> Path:
    """What Excel leaves beside a file it has open (``~$name``; hidden on Windows, a few bytes naming the user)."""
    lock = path.with_name(f"~${path.name}")
    lock.write_bytes(b"\x05ayse" + b" " * 48)
    return lock
