"""Member list files as cooperatives really send them, for the importer's tests and its benchmark.

Also the CSV writer and the English cooperative columns the snapshot import tests share.
"""

from __future__ import annotations

import csv
import random
import struct
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


def write_compound_file(path: Path, streams: Sequence[str] | dict[str, bytes]) -> Path:
    """A compound file (the container of .xls, .doc, .ppt, .msg) holding ``streams``, 4 KiB each
    (a mapping gives each stream's first bytes, the rest zeros).

    What Word 97-2003, PowerPoint or Outlook would save, as far as telling them apart needs:
    version 3 of the format (512-byte sectors), one FAT sector, one directory sector (at most
    three streams), each stream in regular sectors (4 KiB: not in the mini stream).
    """
    assert 1 <= len(streams) <= 3
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    per_stream = 4096 // 512
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        bytes(16),
        0x3E,  # minor version
        3,  # major version: 512-byte sectors
        0xFFFE,  # byte order
        9,  # sector shift
        6,  # mini sector shift
        bytes(6),
        0,  # directory sectors (0 in version 3)
        1,  # FAT sectors
        1,  # the directory's first sector
        0,  # transaction signature
        4096,  # mini stream cut-off
        end,  # no mini FAT
        0,
        end,  # no DIFAT sectors
        0,
    ) + struct.pack("<109I", 0, *([free] * 108))
    fat = [fat_sector, end]
    for index in range(len(streams)):
        first = 2 + index * per_stream
        fat += [first + k + 1 for k in range(per_stream - 1)] + [end]
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded,
            len(encoded) if name else 0,
            kind,
            1,  # black
            free,  # left sibling
            right,
            child,
            bytes(16),
            0,
            0,
            0,
            start,
            size,
        )

    directory = entry("Root Entry", 5, free, 1, end, 0)
    for index, name in enumerate(streams, start=1):
        right = index + 1 if index < len(streams) else free
        directory += entry(name, 2, right, free, 2 + (index - 1) * per_stream, 4096)
    directory += b"".join(entry("", 0, free, free, 0, 0) for _ in range(3 - len(streams)))
    body = struct.pack("<128I", *fat) + directory
    contents = (
        [data.ljust(4096, b"\0") for data in streams.values()]
        if isinstance(streams, dict)
        else [bytes([index + 1]) * 4096 for index in range(len(streams))]
    )
    body += b"".join(contents)
    path.write_bytes(header + body)
    return path


def write_protected_xlsx(
    path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]], password: str
) -> Path:
    """``rows`` under ``headers`` as an .xlsx encrypted with ``password``, as Excel's Parola ile Şifrele saves it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(path.with_name(f"acik-{path.name}"), headers, rows)
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt(password, target)
    plain.unlink()
    return path


def write_encrypted_xls(path: Path) -> Path:
    """An Excel 97-2003 workbook saved with a password to open it: its globals' BOF, then FILEPASS
    (RC4), the rest encrypted (here: zeros, which no reader gets to)."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x41, 0x06)
    filepass = struct.pack("<HHHHH", 0x002F, 54, 1, 1, 1) + bytes(48)
    return write_compound_file(path, {"Workbook": bof + filepass})
