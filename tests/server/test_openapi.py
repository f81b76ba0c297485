"""The committed ``sync/openapi.json`` is exactly what the app generates."""

from __future__ import annotations

from pathlib import Path

from sync.server.openapi import openapi_document, render

COMMITTED = Path(__file__).resolve().parents[2] / "sync" / "openapi.json"


def test_committed_openapi_matches_the_app() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "sync/openapi.json is out of date: run `python -m sync.server.openapi > sync/openapi.json`"
    )


def test_document_covers_the_contract() -> None:
    paths = openapi_document()["paths"]
    assert set(paths) == {
        "/api/v1/health",
        "/api/v1/session",
        "/api/v1/cooperatives",
        "/api/v1/cooperatives/{cooperative_id}",
        "/api/v1/changes",
        "/api/v1/changes:batch",
        "/api/v1/attachments/{sha256}",
        "/api/v1/admin/cooperatives/{cooperative_id}",
        "/api/v1/admin/maintenance",
        "/api/v1/admin/changes",
        "/api/v1/admin/reset",
        "/api/v1/admin/faults",
    }
    changes = paths["/api/v1/changes"]["post"]
    assert {"200", "201", "400", "401", "404", "409", "422", "429", "503"} <= set(changes["responses"])
    assert any(p["name"] == "idempotency-key" for p in changes["parameters"])
