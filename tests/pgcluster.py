"""A throw-away PostgreSQL cluster for the tests and the office benchmark.

Made from Debian's ``postgresql`` binaries (``/usr/lib/postgresql/<v>/bin``) in a
temporary folder, on a free loopback port, with TLS on (a self-signed certificate
made here) and password logins, as an office server would be. PostgreSQL refuses
to run as root: when the tests run as root (CI), the folder belongs to the
``postgres`` account and the server runs as that account through ``runuser``.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "test-superuser-parola"


class ClusterUnavailable(RuntimeError):
    pass


def bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise ClusterUnavailable(
        "PostgreSQL server binaries not found (Debian: apt-get install postgresql); `make test` installs them"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _self_signed(folder: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    (folder / "server.crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    (folder / "server.key").chmod(0o600)


@dataclass
class Cluster:
    folder: Path
    port: int
    as_postgres: bool

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, dbname: str, *, user: str = SUPERUSER, password: str | None = SUPERUSER_PASSWORD) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(bin_dir() / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)

    def admin(self) -> Any:
        import psycopg

        return psycopg.connect(self.url("postgres"), autocommit=True, sslmode="require")

    def create_database(self, name: str, *, owner: str = SUPERUSER) -> None:
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" OWNER "{owner}"')

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_role(self, name: str, password: str) -> None:
        with self.admin() as conn:
            conn.execute(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start(*, durable: bool = False) -> Cluster:
    """Initialise and start a cluster; ``durable`` keeps fsync on (the benchmark), tests go without."""
    as_postgres = hasattr(os, "geteuid") and os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="koopbis-pg-"))
    data = folder / "data"
    pwfile = folder / "pw"
    pwfile.write_text(SUPERUSER_PASSWORD + "\n")
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    cluster = Cluster(folder, _free_port(), as_postgres)
    result = cluster._run(
        "initdb",
        "-D",
        str(data),
        "-U",
        SUPERUSER,
        "--pwfile",
        str(pwfile),
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
    )
    if result.returncode != 0:
        raise ClusterUnavailable(f"initdb failed: {result.stderr or result.stdout}")
    _self_signed(data)
    if as_postgres:
        for name in ("server.crt", "server.key"):
            shutil.chown(data / name, "postgres", "postgres")
    settings = [
        f"port = {cluster.port}",
        "listen_addresses = '127.0.0.1'",
        f"unix_socket_directories = '{folder}'",
        "ssl = on",
        "max_connections = 200",
        "shared_buffers = 64MB",
    ]
    if not durable:
        settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
    with open(data / "postgresql.conf", "a") as conf:
        conf.write("\n" + "\n".join(settings) + "\n")
    (data / "pg_hba.conf").write_text(
        "local all all scram-sha-256\n"
        "hostssl all all 127.0.0.1/32 scram-sha-256\n"
        "hostnossl all all 127.0.0.1/32 scram-sha-256\n"
    )
    result = cluster._run(
        "pg_ctl", "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60", "start"
    )
    if result.returncode != 0:
        log = (folder / "server.log").read_text() if (folder / "server.log").exists() else ""
        raise ClusterUnavailable(f"pg_ctl start failed: {result.stderr}{result.stdout}{log}")
    deadline = time.monotonic() + 30
    while True:
        try:
            cluster.admin().close()
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return cluster


__all__ = ["SUPERUSER", "SUPERUSER_PASSWORD", "Cluster", "ClusterUnavailable", "bin_dir", "start"]
