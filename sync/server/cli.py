"""``koopbis-server``: run the reference KOOP-BİS server for training and tests.

Binds loopback by default. ``--seed-data N`` loads the same demo province the
desktop's demo database uses (``domain.demo_data`` with its default seed).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from koopbis_desktop.domain import demo_data
from sync.server.app import DEFAULT_BATCH_MAX, DEFAULT_GO_LIVE, ServerApp, ServerConfig, create_app
from sync.server.auth import load_provinces, load_users
from sync.server.faults import MODE_HELP, parse_spec

log = logging.getLogger("koopbis.server")


def seed_records(spec: str | None, province: str) -> list[dict[str, Any]]:
    """Records for ``--seed-data``: a count (demo province) or a JSON file with a list."""
    if not spec:
        return []
    if spec.isdigit():
        return list(demo_data.cooperatives(province, int(spec)))
    data = json.loads(Path(spec).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{spec}: expected a JSON list of cooperative records")
    return data


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="koopbis-server",
        description="KOOP-BİS eğitim (referans) sunucusu / reference KOOP-BİS training server.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="fault modes:\n" + "\n".join(f"  {m:15} {h}" for m, h in MODE_HELP.items()),
    )
    parser.add_argument("--db", default="koopbis-server.db", help="SQLite file (default %(default)s)")
    parser.add_argument("--host", default="127.0.0.1", help="default %(default)s (loopback only)")
    parser.add_argument("--port", type=int, default=8765, help="default %(default)s; 0 = any free")
    parser.add_argument(
        "--users",
        help='JSON {user: password | {"password": …, "province": "06"}} or user:password lines; '
        "an account without a province is the head office's and sees every province",
    )
    parser.add_argument("--seed-data", help="N demo cooperatives, or a JSON file of records")
    parser.add_argument("--province", default="06", help="province of --seed-data N (default 06)")
    parser.add_argument("--maintenance-until", type=datetime.fromisoformat, help="ISO moment")
    parser.add_argument(
        "--go-live", type=date.fromisoformat, default=DEFAULT_GO_LIVE, help="default %(default)s"
    )
    parser.add_argument("--faults", default="", help="e.g. 500=0.1,503=0.05,drop_after=0.05")
    parser.add_argument("--seed", type=int, help="random seed of the fault draws")
    parser.add_argument("--fault-delay", type=float, default=5.0, help="timeout faults, seconds")
    parser.add_argument("--token-ttl", type=float, default=900.0, help="token lifetime, seconds")
    parser.add_argument(
        "--admin-token",
        default=os.environ.get("KOOPBIS_SERVER_ADMIN_TOKEN", "egitim-admin"),
        help="admin bearer token (env KOOPBIS_SERVER_ADMIN_TOKEN; default egitim-admin)",
    )
    parser.add_argument(
        "--no-batch",
        action="store_true",
        help="offer no POST /api/v1/changes:batch (as an older server): clients post one by one",
    )
    parser.add_argument(
        "--batch-max",
        type=int,
        default=DEFAULT_BATCH_MAX,
        help="most changes one batch may carry (default %(default)s)",
    )
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning"])
    return parser


def build_app(args: argparse.Namespace) -> ServerApp:
    return create_app(
        ServerConfig(
            db=args.db,
            users=load_users(args.users),
            provinces=load_provinces(args.users, args.province),
            token_ttl=args.token_ttl,
            admin_token=args.admin_token,
            go_live=args.go_live,
            maintenance_until=args.maintenance_until,
            faults=parse_spec(args.faults),
            seed=args.seed,
            fault_delay=args.fault_delay,
            seed_records=seed_records(args.seed_data, args.province),
            batch_max=0 if args.no_batch else max(1, args.batch_max),
        )
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    started = time.perf_counter()
    try:
        app = build_app(args)
    except (OSError, ValueError) as exc:
        print(f"koopbis-server: {exc}", file=sys.stderr)
        return 2
    import uvicorn  # here, so --help and the tests of build_app do not pay for it

    count = app.state.store.count_cooperatives()
    log.info("%d cooperatives in %s, ready in %.2f s", count, args.db, time.perf_counter() - started)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
