"""Fixtures the service tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from koopbis_desktop.store.db import Store, open_store


@pytest.fixture
def snap(tmp_path: Path) -> Iterator[Store]:
    """A database of its own for the cooperative list (the snapshot imports), on SQLite."""
    store = open_store(tmp_path / "k.sqlite", create=True)
    yield store
    store.close()
