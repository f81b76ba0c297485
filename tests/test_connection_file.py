"""This PC's remembered office database (``baglanti.json``): the address only, and the order of
``--db``, ``KOOPBIS_DB``, the remembered office and this PC's own file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from koopbis_desktop import paths
from koopbis_desktop.store.location import OfficeUrl

OFFICE = "postgresql://koopbis_ofis:gizli-parola@sunucu.local:5433/koopbis"


def test_the_address_is_remembered_without_its_password() -> None:
    assert paths.remembered_office() is None
    assert paths.database_location() == paths.data_dir() / paths.DB_FILENAME
    file = paths.remember_office(OfficeUrl(OFFICE))
    assert file == paths.data_dir() / "baglanti.json"
    assert "gizli-parola" not in file.read_text(encoding="utf-8")
    assert json.loads(file.read_text(encoding="utf-8")) == {
        "office_url": "postgresql://koopbis_ofis@sunucu.local:5433/koopbis"
    }
    assert paths.database_location() == OfficeUrl("postgresql://koopbis_ofis@sunucu.local:5433/koopbis")


def test_db_and_koopbis_db_come_before_the_remembered_office(monkeypatch: pytest.MonkeyPatch) -> None:
    paths.remember_office(OfficeUrl(OFFICE))
    assert paths.database_location("/tmp/baska.sqlite") == Path("/tmp/baska.sqlite")
    monkeypatch.setenv("KOOPBIS_DB", "/tmp/ortam.sqlite")
    assert paths.database_location() == Path("/tmp/ortam.sqlite")


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"office_url": "/home/memur/koopbis.sqlite"}),
        json.dumps(["x"]),
        json.dumps({}),
    ],
)
def test_a_file_that_names_no_office_database_leaves_this_pc_on_its_own_file(content: str) -> None:
    paths.connection_file().parent.mkdir(parents=True, exist_ok=True)
    paths.connection_file().write_text(content, encoding="utf-8")
    assert paths.remembered_office() is None
    assert paths.database_location() == paths.data_dir() / paths.DB_FILENAME
