"""Any JSON value in any field either saves and round-trips or is refused (exit 3 / 422): never mangled, never exit 1."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koopbis_desktop.cli import main
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.domain.schema import Kind, ValidationContext, validate
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, member_admission
from tests.server.conftest import change_body, running, tckn

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["1e308", "9" * 400, "Ali\x00Veli", "\ud800", "1.250,50", "05.03.2015", " "])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
ADMIT_FIELDS = [f.name for f in get_type("member.admit").fields]
UPDATE_FIELDS = [f.name for f in get_type("cooperative.update").fields]
CTX = ValidationContext()


def _no_container_in_a_scalar(type_id: str, payload: dict[str, Any]) -> None:
    for f in get_type(type_id).fields:
        if f.name in payload and f.kind != Kind.GROUP:
            assert isinstance(payload[f.name], str | int) and not isinstance(payload[f.name], bool), (
                f.name,
                payload[f.name],
            )


def test_any_value_in_any_field_from_the_command_line(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    coop = str(cooperatives[0]["id"])
    seen = {0: 0, 3: 0}

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(field=st.sampled_from(ADMIT_FIELDS), value=JSON_VALUES, seed=st.integers(1, 10_000))
    def check(field: str, value: Any, seed: int) -> None:
        data = member_admission(seed)
        data[field] = value
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
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
                    "--cooperative",
                    coop,
                    "--data",
                    json.dumps(data),
                    "--json",
                ]
            )
        assert code in (0, 3), (code, err.getvalue())
        seen[code] += 1
        if code == 3:
            return
        saved = json.loads(out.getvalue())
        stored = entries.get_entry(store, saved["id"]).payload
        assert stored == saved["payload"]
        _no_container_in_a_scalar("member.admit", stored)
        again = validate(get_type("member.admit"), stored, CTX)
        assert again.payload == stored and not again.errors  # the stored form is its own canonical form

    check()
    assert seen[0] and seen[3]


def test_any_value_in_any_field_on_the_server(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        client = server.client()
        record = client.record("06-000001")
        statuses: set[int] = set()

        @settings(
            max_examples=120,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(
            type_id=st.sampled_from(["member.admit", "cooperative.update"]),
            field_index=st.integers(0, 20),
            value=JSON_VALUES,
            n=st.integers(1000, 10**6),
        )
        def check(type_id: str, field_index: int, value: Any, n: int) -> None:
            names = ADMIT_FIELDS if type_id == "member.admit" else UPDATE_FIELDS
            field = names[field_index % len(names)]
            body = change_body(type_id, record)
            if type_id == "member.admit":
                body["data"]["member_id"] = tckn(n)
            body["data"][field] = value
            body["base"] = {k: v for k, v in body["base"].items() if not k.startswith("member:")}
            answer = client.change(body)
            assert answer.status_code in (201, 409, 422), answer.text[:500]
            statuses.add(answer.status_code)
            if answer.status_code == 201:
                current = client.record(record["id"])
                record.clear()
                record.update(current)
                if type_id == "cooperative.update" and field in current and field != "effective_date":
                    assert isinstance(current[field], str | int | None)

        try:
            check()
        except requests.ConnectionError as exc:  # pragma: no cover - a crash is the failure
            raise AssertionError(f"server dropped the request: {exc}") from exc
        assert 422 in statuses and 201 in statuses
