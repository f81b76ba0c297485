"""Backups through SQLite's online backup API: consistent even while the program runs.

Taken before every migration and on demand; the newest ``keep`` files are kept.
A restore first backs up the current database, so a restore can be undone too.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store import migrations
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import KnownError

DEFAULT_KEEP = 10


def _safe(reason: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_-]+", "-", reason).strip("-") or "elle"


def create_backup(store: Store, dest: Path, *, reason: str = "elle", keep: int | None = None) -> Path:
    """Copy the live database into ``dest`` (a folder, or a file path ending in .sqlite)."""
    dest = Path(dest)
    if dest.suffix == ".sqlite":
        target = dest
        folder = dest.parent
    else:
        folder = dest
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"koopbis-{stamp}-{_safe(reason)}.sqlite"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with sqlite3.connect(str(target)) as out:
            store.conn.backup(out)
        out.close()
    except sqlite3.Error as exc:
        raise KnownError(
            tx("Yedek alınamadı ({target}): {exc}. Diskte yer ve klasör izinlerini kontrol edin.").format(
                target=target, exc=exc
            )
        ) from exc
    if dest.suffix != ".sqlite":
        prune(
            folder,
            keep
            if keep is not None
            else int(store.setting("backup_keep", str(DEFAULT_KEEP)) or DEFAULT_KEEP),
        )
    return target


def prune(folder: Path, keep: int) -> list[Path]:
    backups = sorted(folder.glob("koopbis-*.sqlite"), key=lambda p: p.name)
    doomed = backups[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def check_backup_file(path: Path) -> int:
    """Refuse a file that is not a healthy KOOP-BİS Desktop database; returns its schema version."""
    if not path.is_file():
        raise KnownError(tx("Yedek dosyası bulunamadı: {path}").format(path=path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise KnownError(
            tx("{path} bir KOOP-BİS Desktop yedeği değil ya da bozuk: {exc}").format(path=path, exc=exc)
        ) from exc
    if integrity != [("ok",)]:
        raise KnownError(tx("Yedek dosyası bozuk: {path}. Başka bir yedek seçin.").format(path=path))
    if not {"entries", "audit", "users"} <= tables or version < 1:
        raise KnownError(tx("{path} bir KOOP-BİS Desktop yedeği değil.").format(path=path))
    if version > migrations.LATEST:
        raise KnownError(
            tx(
                "Yedek programın daha yeni bir sürümüyle alınmış (şema {version}); önce programı güncelleyin."
            ).format(version=version)
        )
    return version


def restore(db_path: Path, backup_file: Path, backups_dir: Path) -> Path | None:
    """Replace the database at ``db_path`` with ``backup_file``; returns the safety backup of the old one."""
    check_backup_file(backup_file)
    from koopbis_desktop.store.db import open_store

    safety: Path | None = None
    if db_path.exists():
        current = open_store(db_path, backups_dir=backups_dir, check_integrity=False)
        try:
            safety = create_backup(current, backups_dir, reason="geri-yukleme-oncesi")
        finally:
            current.close()
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    dst = sqlite3.connect(str(db_path))
    try:
        src.backup(dst)
    except sqlite3.Error as exc:
        raise KnownError(tx("Geri yükleme yapılamadı: {exc}. Veritabanı değişmedi.").format(exc=exc)) from exc
    finally:
        src.close()
        dst.close()
    return safety
