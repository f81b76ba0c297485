"""Entry ids come out of a printout exactly as stored: no "ff"/"fi"/"fl" ligatures."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture, reports
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.printing import write_pdf
from tests.sync.conftest import admission, day
from tests.ui.test_printing import read_pdf

IDS = ("0000ff00-0fi0-4fl0-8ffi-00000000ffl0", "ffffffff-ffff-4fff-8fff-ffffffffffff")


def test_ids_with_ligature_letters_extract_verbatim(
    qapp: Any, store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    rng = random.Random(3)
    for n, uuid in enumerate(IDS):
        entry = capture.create_entry(
            store, people["ayse"], "member.admit", "06-900001", admission(rng, day(1), n), entry_uuid=uuid
        )
        pdf = tmp_path / f"fis-{n}.pdf"
        write_pdf(reports.entry_slip(store, entry.uuid, "06"), pdf)
        _pages, text, squeezed = read_pdf(pdf)
        assert uuid in squeezed
        assert not set(text) & {"\ufb00", "\ufb01", "\ufb02", "\ufb03", "\ufb04"}
