"""Store errors, split as qutebrowser does: known conditions a person can act on, and bugs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import Labels, tx


class StoreError(KoopbisError):
    """Base of every store error; ``message`` is a Turkish sentence for the person."""


class KnownError(StoreError):
    """Disk full, database busy, read-only, damaged: shown to the person in words."""


class DatabaseDamaged(KnownError):
    def __init__(self, path: Path, detail: str, newest_backup: Path | None) -> None:
        hint = (
            tx(
                'En yeni yedek: {newest_backup}. Geri yüklemek için: koopbis restore "{newest_backup}"'
            ).format(newest_backup=newest_backup)
            if newest_backup
            else tx("Yedek bulunamadı; bilgi işlem birimine başvurun ve dosyayı silmeyin.")
        )
        super().__init__(
            tx("Veritabanı dosyası bozuk: {path} ({detail}). {hint}").format(
                path=path, detail=detail, hint=hint
            )
        )
        self.path = path
        self.newest_backup = newest_backup


class SchemaTooNew(KnownError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            tx(
                "Bu veritabanı ({path}) programın daha yeni bir sürümüyle oluşturulmuş (şema {found}, bu sürüm en çok {supported} açabilir). Programı güncelleyin; dosyaya dokunulmadı."
            ).format(path=path, found=found, supported=supported)
        )


class NotInitialised(KnownError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            tx("Veritabanı bulunamadı: {path}. Önce oluşturun: koopbis init --province <plaka kodu>").format(
                path=path
            )
        )


class NotFound(StoreError):
    exit_code = ExitCode.NOT_FOUND


class BugError(StoreError):
    """An SQL error that means a bug in the program, not a condition of the machine."""


_KNOWN_CODES = Labels(
    "sqlite",
    {
        "SQLITE_FULL": "Diskte yer kalmadı; kayıt yapılamadı. Yer açıp yeniden deneyin, girdiğiniz bilgiler kaybolmadı.",
        "SQLITE_BUSY": "Veritabanı başka bir işlemce kullanılıyor; birkaç saniye sonra yeniden deneyin.",
        "SQLITE_LOCKED": "Veritabanı başka bir işlemce kullanılıyor; birkaç saniye sonra yeniden deneyin.",
        "SQLITE_READONLY": "Veritabanı dosyasına yazılamıyor (salt okunur). Dosya izinlerini kontrol edin.",
        "SQLITE_CORRUPT": "Veritabanı dosyası bozuk. Yedekten geri yükleyin: koopbis restore <yedek>",
        "SQLITE_NOTADB": "Dosya bir KOOP-BİS Desktop veritabanı değil ya da bozuk.",
        "SQLITE_CANTOPEN": "Veritabanı dosyası açılamadı; klasörün var olduğunu ve izinleri kontrol edin.",
        "SQLITE_IOERR": "Disk okuma/yazma hatası; diski ve bağlantıyı kontrol edin.",
        "SQLITE_PERM": "Veritabanı dosyasına erişim izni yok.",
    },
)


def translate(exc: sqlite3.Error) -> StoreError:
    """Map a raw sqlite3 error to a KnownError (machine condition) or a BugError."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    for code, message in _KNOWN_CODES.items():
        if name.startswith(code):
            err: StoreError = KnownError(message)
            err.__cause__ = exc
            return err
    text = str(exc).lower()
    if "database is locked" in text:
        return KnownError(_KNOWN_CODES["SQLITE_BUSY"])
    if "disk" in text and "full" in text:
        return KnownError(_KNOWN_CODES["SQLITE_FULL"])
    bug = BugError(tx("Beklenmeyen veritabanı hatası: {exc}").format(exc=exc))
    bug.__cause__ = exc
    return bug
