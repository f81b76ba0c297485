"""``--data`` that cannot be read or is not JSON is refused in Turkish, saying where and what to fix."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD


def _add(store: Store, coop: str, data: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(
            [
                "--db",
                str(store.path),
                "entry",
                "add",
                "--as",
                "ayse",
                "--type",
                "member.admit",
                *("--cooperative", coop, "--data", data),
            ]
        )
    return code, err.getvalue()


@pytest.mark.expect_log(r"command failed: Veri dosyası okunamadı", logger="koopbis.cli")
@pytest.mark.parametrize(
    ("data", "said"),
    [
        ("{bad", 'geçerli JSON değil (satır 1, sütun 2): alan adı çift tırnak (") içinde olmalı'),
        ('{"full_name": "Işık" "shares": 2}', "sütun 22): virgül eksik"),
        ('{"full_name": "Işık', "tırnak işareti kapanmamış"),
        ("@{folder}", "bu bir klasör, dosya değil"),
        ("@{folder}/yok.json", "böyle bir dosya yok"),
    ],
)
def test_data_that_cannot_be_read_or_is_not_json_is_refused_in_turkish_and_nothing_is_saved(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    data: str,
    said: str,
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    code, err = _add(store, str(cooperatives[0]["id"]), data.replace("{folder}", str(tmp_path)))
    assert code != 0 and said in err, err
    for english in ("Expecting", "Is a directory", "No such file", "Unterminated", "delimiter"):
        assert english not in err, err
    assert entries.list_entries(store) == []
