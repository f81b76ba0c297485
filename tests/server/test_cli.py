"""``koopbis-server``: flags, seed data, users file, and a usable server in under 5 seconds."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from koopbis_desktop.domain import demo_data
from sync.server.auth import load_users
from sync.server.cli import build_app, build_parser, main, seed_records


def test_seed_data_count_matches_the_desktop_demo() -> None:
    records = seed_records("5", "06")
    assert records == list(demo_data.cooperatives("06", 5))


def test_seed_data_file(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(list(demo_data.cooperatives("34", 3))), encoding="utf-8")
    args = build_parser().parse_args(["--db", str(tmp_path / "s.db"), "--seed-data", str(path)])
    app = build_app(args)
    assert app.state.store.count_cooperatives() == 3
    assert app.state.store.get_cooperative("34-000002") is not None
    app.state.store.close()


def test_existing_database_is_not_reseeded(tmp_path: Path) -> None:
    args = build_parser().parse_args(["--db", str(tmp_path / "s.db"), "--seed-data", "3"])
    build_app(args).state.store.close()
    args = build_parser().parse_args(["--db", str(tmp_path / "s.db"), "--seed-data", "5"])
    app = build_app(args)
    assert app.state.store.count_cooperatives() == 3
    app.state.store.close()


def test_users_file_json_and_lines(tmp_path: Path) -> None:
    as_json = tmp_path / "users.json"
    as_json.write_text('{"ayse": "p1", "ali": "p2"}', encoding="utf-8")
    as_lines = tmp_path / "users.txt"
    as_lines.write_text("# egitim hesaplari\nayse:p1\nali:p:2\n", encoding="utf-8")
    assert load_users(as_json) == {"ayse": "p1", "ali": "p2"}
    assert load_users(as_lines) == {"ayse": "p1", "ali": "p:2"}
    assert load_users(None) == {"egitim": "egitim2015"}


def test_bad_fault_spec_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "s.db"), "--faults", "boom=1"]) == 2
    assert "unknown fault mode" in capsys.readouterr().err


def test_defaults_bind_loopback() -> None:
    args = build_parser().parse_args([])
    assert args.host == "127.0.0.1"
    assert args.token_ttl == 900 and args.admin_token in (
        "egitim-admin",
        os.environ.get("KOOPBIS_SERVER_ADMIN_TOKEN"),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_seed_data_500_is_usable_in_under_5_seconds(tmp_path: Path) -> None:
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server.cli",
            "--db",
            str(tmp_path / "t.db"),
            "--seed-data",
            "500",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                if requests.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert process.poll() is None, "server exited"
            assert time.monotonic() - started < 5, "not usable within 5 s"
            time.sleep(0.05)
        token = requests.post(
            f"{url}/api/v1/session", json={"username": "egitim", "password": "egitim2015"}, timeout=5
        ).json()["token"]
        page = requests.get(
            f"{url}/api/v1/cooperatives",
            params={"limit": 1000},
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        ).json()
        assert len(page["items"]) == 500
        assert time.monotonic() - started < 5
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert "GET /api/v1/cooperatives -> 200" in output  # each request is logged
