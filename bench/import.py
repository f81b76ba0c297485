"""Benchmark: a 10,000-row member list validated and queued, against openpyxl alone reading it.

The importer reads the file with python-calamine (values only), converts the
cells spreadsheets mangle (TCKN as a float, serial dates), validates every row
with the ``member.admit`` schema, checks duplicates against the file, the
snapshot and the queue, then writes 10,000 drafts with their revisions and
audit rows (a hash chain) in one transaction. The baseline is openpyxl alone
reading the file (read-only, values only), iterating the same sheet's values and
doing nothing else; issue 7 asks the importer to take ≤ 1.5× that. Each side runs
--rounds times on a fresh database, best time kept. For scale, the JSON also
gives calamine's own bare read of the file (``calamine_read_s``, not the baseline).

The same list is also imported as an Excel 97-2003 ``.xls`` (converted by
LibreOffice when ``soffice`` is installed; left out otherwise) and as a CSV in
Turkish Excel 2010's form (Windows-1254, ``;``), each against the same bare
baseline: ``formats`` in the JSON.

    .venv/bin/python bench/import.py [--rows 10000] [--rounds 3] [--quick]

Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from koopbis_desktop.domain import demo_data  # noqa: E402
from koopbis_desktop.services import accounts, member_import  # noqa: E402
from koopbis_desktop.store import snapshot  # noqa: E402
from koopbis_desktop.store.db import open_store  # noqa: E402
from tests.services.member_lists import ADMIT_HEADERS, admit_rows, write_csv, write_xlsx  # noqa: E402


def bare_read(path: Path) -> int:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=True)
        rows = 0
        for _ in book.worksheets[0].iter_rows(values_only=True):
            rows += 1
        book.close()
    return rows


def calamine_read(path: Path) -> int:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = len(book.get_sheet_by_index(0).to_python(skip_empty_area=False))
    book.close()
    return rows


def as_xls(path: Path) -> Path | None:
    """The workbook converted to .xls by LibreOffice, or None without ``soffice``."""
    if shutil.which("soffice") is None:
        return None
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--convert-to",
            "xls:MS Excel 97",
            "--outdir",
            str(path.parent),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=600,
        env={"HOME": str(path.parent), "PATH": "/usr/bin:/bin"},
    )
    return path.with_suffix(".xls")


def as_excel_2010_csv(path: Path, rows: list[list[object]]) -> Path:
    """The list as Turkish Excel 2010 saves "CSV (virgülle ayrılmış)": Windows-1254, ';'."""
    utf8 = write_csv(path.with_name("utf8.csv"), ADMIT_HEADERS, rows)
    target = path.with_suffix(".csv")
    target.write_bytes(utf8.read_text(encoding="utf-8-sig").encode("cp1254"))
    return target


def import_once(folder: Path, path: Path, round_no: int) -> tuple[float, float, float, int]:
    store = open_store(folder / f"bench-{round_no}.sqlite", create=True)
    store.set_setting("province_code", "06")
    records = list(demo_data.cooperatives("06", 3, seed=7))
    snapshot.upsert_records(store, records)
    accounts.add_user(store, None, "admin", "admin", "parola-1234", "Yönetici")
    admin = accounts.login(store, "admin", "parola-1234")
    accounts.add_user(store, admin, "ayse", "clerk", "parola-1234", "Ayşe Işık")
    clerk = accounts.login(store, "ayse", "parola-1234")
    started = time.perf_counter()
    preview = member_import.preview(store, path, records[0]["id"])
    checked = time.perf_counter()
    result = member_import.import_rows(store, clerk, preview)
    done = time.perf_counter()
    store.close()
    return checked - started, done - checked, done - started, len(result.created)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="200 rows, one round: does it still run")
    args = parser.parse_args()
    if args.quick:
        args.rows, args.rounds = 200, 1
    formats: dict[str, dict[str, float | int] | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        listed = admit_rows(args.rows, seed=1)
        path = write_xlsx(folder / "ortaklar.xlsx", ADMIT_HEADERS, listed)
        others = {"xls": as_xls(path), "csv": as_excel_2010_csv(path, listed)}
        bare: list[float] = []
        calamine: list[float] = []
        totals: list[tuple[float, float, float, int]] = []
        for round_no in range(args.rounds):
            started = time.perf_counter()
            rows = bare_read(path)
            bare.append(time.perf_counter() - started)
            started = time.perf_counter()
            calamine_read(path)
            calamine.append(time.perf_counter() - started)
            totals.append(import_once(folder, path, round_no))
            print(
                f"round {round_no + 1}: bare read {bare[-1]:.3f} s ({rows} rows), "
                f"import {totals[-1][2]:.3f} s (read+check {totals[-1][0]:.3f}, queue {totals[-1][1]:.3f})",
                flush=True,
            )
        for index, (name, other) in enumerate(others.items(), start=1):
            if other is None:
                formats[name] = None
                print(f"{name}: left out (soffice not installed)", flush=True)
                continue
            runs = [import_once(folder, other, 100 * index + round_no) for round_no in range(args.rounds)]
            fastest = min(runs, key=lambda t: t[2])
            formats[name] = {
                "import_s": round(fastest[2], 3),
                "read_and_check_s": round(fastest[0], 3),
                "drafts": fastest[3],
                "ratio": round(fastest[2] / min(bare), 2),
            }
            print(
                f"{name}: import {fastest[2]:.3f} s, ratio {formats[name]['ratio']} to the bare read",
                flush=True,
            )
    best = min(totals, key=lambda t: t[2])
    result = {
        "rows": args.rows,
        "bare_read_s": round(min(bare), 3),
        "calamine_read_s": round(min(calamine), 3),
        "import_s": round(best[2], 3),
        "read_and_check_s": round(best[0], 3),
        "queue_s": round(best[1], 3),
        "drafts": best[3],
        "ratio": round(best[2] / min(bare), 2),
        "goal": 1.5,
        "formats": formats,
    }
    print(
        f"import {result['import_s']} s vs bare openpyxl read {result['bare_read_s']} s: "
        f"ratio {result['ratio']} (goal ≤ 1.5)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
