"""Benchmark: changes applied per second by the reference server on loopback.

Runs the real server (``python -m sync.server.cli``, SQLite in a temp folder) and
a bare ASGI endpoint that only answers 201, each in its own process, and drives
both with 1 and 4 client threads posting distinct ``member.admit`` changes for a
fixed time. The ratio says how much of the bare HTTP round trip the contract
(auth, validation, one SQLite transaction per change) costs. Last line: JSON.

    .venv/bin/python bench/server.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from koopbis_desktop.domain import demo_data  # noqa: E402

COOPERATIVES = 50


async def bare_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Reads the request and answers 201 with a receipt-sized body; nothing else."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    body = b'{"status":"applied","receipt":"KB-2015-000001","cooperative":"06-000001","version":2}'
    await send(
        {
            "type": "http.response.start",
            "status": 201,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("server not ready")


def change(number: int) -> dict[str, Any]:
    member_id = demo_data.tckn(random.Random(f"bench-{number}"))
    return {
        "type": "member.admit",
        "cooperative": f"06-{number % COOPERATIVES + 1:06d}",
        "effective_date": "2015-03-02",
        "base": {f"member:{member_id}": None},
        "data": {
            "member_id": member_id,
            "full_name": "Ayşe Yılmaz",
            "effective_date": "2015-03-02",
            "decision_no": f"2015/{number}",
            "shares": 1,
            "subscribed_amount": "1000",
            "paid_amount": "500",
        },
        "author": "katip1",
        "approver": "sef1",
        "attachments": [],
    }


def drive(url: str, token: str | None, clients: int, seconds: float, offset: int) -> dict[str, Any]:
    """Post changes from ``clients`` threads for ``seconds``; count 201s."""
    counts = [0] * clients
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        session = requests.Session()
        if token:
            session.headers["Authorization"] = f"Bearer {token}"
        number = offset + index * 1_000_000
        while time.monotonic() < stop:
            number += 1
            answer = session.post(
                f"{url}/api/v1/changes",
                json=change(number),
                headers={"Idempotency-Key": str(uuid.uuid4())},
                timeout=30,
            )
            if answer.status_code == 201:
                counts[index] += 1
            else:
                errors[index] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"per_second": sum(counts) / elapsed, "applied": sum(counts), "errors": sum(errors)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="per run (4 runs)")
    parser.add_argument("--serve-bare", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare:
        import uvicorn

        uvicorn.run(bare_app, host="127.0.0.1", port=args.serve_bare, log_level="warning")
        return 0

    with tempfile.TemporaryDirectory() as folder:
        server_port, bare_port = free_port(), free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.server.cli",
                "--db",
                f"{folder}/bench.db",
                "--seed-data",
                str(COOPERATIVES),
                "--port",
                str(server_port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
        )
        bare = subprocess.Popen([sys.executable, __file__, "--serve-bare", str(bare_port)], cwd=ROOT)
        try:
            server_url, bare_url = f"http://127.0.0.1:{server_port}", f"http://127.0.0.1:{bare_port}"
            wait_ready(f"{server_url}/api/v1/health", server)
            wait_ready(bare_url, bare)
            token = requests.post(
                f"{server_url}/api/v1/session",
                json={"username": "egitim", "password": "egitim2015"},
                timeout=10,
            ).json()["token"]
            results: dict[str, Any] = {}
            for clients in (1, 4):
                results[f"server_{clients}"] = drive(
                    server_url, token, clients, args.seconds, clients * 10_000_000
                )
                results[f"bare_{clients}"] = drive(bare_url, None, clients, args.seconds, 0)
                print(
                    f"{clients} client(s): server {results[f'server_{clients}']['per_second']:.0f}/s "
                    f"({results[f'server_{clients}']['errors']} errors), "
                    f"bare 201 endpoint {results[f'bare_{clients}']['per_second']:.0f}/s"
                )
        finally:
            for process in (server, bare):
                process.terminate()
                process.wait(timeout=10)
    summary = {
        "benchmark": "server_changes_per_second",
        "seconds_per_run": args.seconds,
        **{f"{name}_per_s": round(r["per_second"], 1) for name, r in results.items()},
        "server_errors": results["server_1"]["errors"] + results["server_4"]["errors"],
        "ratio_1": round(results["server_1"]["per_second"] / results["bare_1"]["per_second"], 3),
        "ratio_4": round(results["server_4"]["per_second"] / results["bare_4"]["per_second"], 3),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
