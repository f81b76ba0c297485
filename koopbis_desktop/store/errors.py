"""Store errors, split as qutebrowser does: known conditions a person can act on, and bugs."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import Labels, tx


class StoreError(KoopbisError):
    """Base of every store error; ``message`` is a Turkish sentence for the person."""


class KnownError(StoreError):
    """Disk full, database busy, read-only, damaged: shown to the person in words."""


def restore_hint(newest_backup: Path | None) -> str:
    """What to do about an unusable database: the newest backup, with its date, and how to restore it."""
    if newest_backup is None:
        return tx("Yedek bulunamadı; bilgi işlem birimine başvurun ve dosyayı silmeyin.")
    try:
        taken = datetime.fromtimestamp(newest_backup.stat().st_mtime).strftime("%d.%m.%Y %H:%M")
    except OSError:
        taken = tx("tarihi okunamadı")
    return tx(
        "En yeni yedek: {newest_backup} ({taken} tarihli). Bir yönetici geri yükleyebilir: "
        'koopbis restore "{newest_backup}" --as <yönetici>'
    ).format(newest_backup=newest_backup, taken=taken)


class DatabaseDamaged(KnownError):
    def __init__(self, path: Path, detail: str, newest_backup: Path | None) -> None:
        super().__init__(
            tx("Veritabanı dosyası bozuk: {path} ({detail}). {hint}").format(
                path=path, detail=detail, hint=restore_hint(newest_backup)
            )
        )
        self.path = path
        self.newest_backup = newest_backup


class DatabaseEmpty(DatabaseDamaged):
    """A 0-byte (or tableless) file where the database should be: never silently made anew."""

    def __init__(self, path: Path, newest_backup: Path | None) -> None:
        KnownError.__init__(
            self,
            tx(
                "Veritabanı dosyası boş: {path}. Yarım kalmış bir kopyalama ya da dolu bir disk "
                "böyle bırakmış olabilir; yeni bir veritabanı oluşturulmadı ve dosyaya dokunulmadı. "
                "{hint}"
            ).format(path=path, hint=restore_hint(newest_backup)),
        )
        self.path = path
        self.newest_backup = newest_backup


class DatabaseForeign(DatabaseDamaged):
    """A file that is not (or no longer wholly) a KOOP-BİS Desktop database."""

    def __init__(self, path: Path, detail: str, newest_backup: Path | None) -> None:
        KnownError.__init__(
            self,
            tx(
                "Bu dosya bir KOOP-BİS Desktop veritabanı değil ya da yarıda kesilmiş: {path} ({detail}). "
                "Dosyaya dokunulmadı. {hint}"
            ).format(path=path, detail=detail, hint=restore_hint(newest_backup)),
        )
        self.path = path
        self.newest_backup = newest_backup


class DatabaseIsFolder(KnownError):
    """A folder where the database file should be: a path given without the file's name."""

    exit_code = ExitCode.USAGE

    def __init__(self, path: Path) -> None:
        super().__init__(
            tx(
                "{path} bir klasör; veritabanı dosyasının yolunu verin (ör. {example}). Hiçbir şey değişmedi."
            ).format(path=path, example=path / "koopbis.sqlite")
        )
        self.path = path


class DatabaseReadOnly(KnownError):
    """The database or its folder cannot be written: reading still works, saving does not."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            tx(
                "Veritabanına ya da bulunduğu klasöre yazılamıyor (salt okunur): {path}. Dosya bozuk değil; "
                "kayıtları görmek için okuma komutları çalışır. Kayıt yapmak için klasöre yazma izni verin "
                "ya da dosyayı yazılabilir bir klasöre taşıyın."
            ).format(path=path)
        )
        self.path = path


class NeedsWriteToUpgrade(KnownError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            tx(
                "Bu veritabanı ({path}) programın bu sürümü için güncellenmeli, ama dosyaya yazılamıyor. "
                "Programı yazma izni olan bir hesapla ya da klasörle bir kez açın."
            ).format(path=path)
        )


class DiskFull(KnownError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            tx(
                "Diskte yer kalmadı ({folder}); veritabanı açılamadı ya da yazılamadı. Dosya bozuk değil. "
                "Diskte yer açıp yeniden deneyin."
            ).format(folder=path.parent)
        )
        self.path = path


class DatabaseLocked(KnownError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            tx(
                "Veritabanı başka bir program tarafından kilitlenmiş: {path}. Dosya bozuk değil; "
                "onu kullanan programı kapatıp (ya da işi bitince) yeniden deneyin."
            ).format(path=path)
        )
        self.path = path


class SchemaTooNew(KnownError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            tx(
                "Bu veritabanı ({path}) programın daha yeni bir sürümüyle oluşturulmuş (şema {found}, bu sürüm en çok {supported} açabilir). Programı güncelleyin; dosyaya dokunulmadı."
            ).format(path=path, found=found, supported=supported)
        )
        self.found = found
        self.supported = supported


class NotInitialised(KnownError):
    """No database at the path. The desktop shows it too (a file moved away while it runs),
    so it names the command, not its options."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            tx(
                "Veritabanı bulunamadı: {path}. Dosya taşınmış ya da silinmiş olabilir: yerine koyun ya da "
                "en yeni yedekten geri yükleyin. Yeni bir il veritabanı ilk yöneticisiyle kurulur: programın "
                "ilk açılışındaki kurulumla ya da komut satırında 'koopbis init' ile (il plaka kodu ve ilk "
                "yöneticinin adı verilerek)."
            ).format(path=path)
        )


class EncryptionError(KnownError):
    """The database's encryption stops the open: each cause has its own sentence, never "corrupt"."""

    exit_code = ExitCode.ERROR


def _recovery_hint(db_path: Path | None) -> str:
    where = f" ({db_path})" if db_path else ""
    return tx(
        "Her yedeğin yanında anahtar dosyasının bir kopyası (.keys) vardır: en yeni yedeğinkini "
        "veritabanının{where} yanına aynı adla (.sqlite.keys) koyun; o dosyayla birlikte parolalar "
        "ya da, bütün parolalar unutulduysa, kurulumda yazdırılan kurtarma anahtarı açar "
        "(bkz. README, 'Şifreleme ve kurtarma')."
    ).format(where=where)


class KeyFileMissing(EncryptionError):
    def __init__(self, path: Path, db_path: Path | None = None) -> None:
        super().__init__(
            tx(
                "Şifreli veritabanının anahtar dosyası bulunamadı: {path}. Dosyayı yedekten "
                "veritabanının yanına geri koyun. {hint}"
            ).format(path=path, hint=_recovery_hint(db_path))
        )
        self.path = path


class KeyFileDamaged(EncryptionError):
    def __init__(self, path: Path, db_path: Path | None = None) -> None:
        super().__init__(
            tx(
                "Şifreli veritabanının anahtar dosyası okunamıyor (bozuk ya da başka bir dosya): {path}. "
                "Dosyayı yedekten geri koyun. {hint}"
            ).format(path=path, hint=_recovery_hint(db_path))
        )
        self.path = path


class KeyFileWithoutDatabase(EncryptionError):
    """A key file with accounts' slots lies where a new database would be made: the database it
    opens was moved or deleted. A new set-up there would replace it (every slot and the recovery
    slot gone), so it is refused."""

    exit_code = ExitCode.NOT_PERMITTED

    def __init__(self, path: Path, keys: Path) -> None:
        super().__init__(
            tx(
                "Veritabanı dosyası bulunamadı ({path}) ama yanında anahtar dosyası var ({keys}): "
                "veritabanı taşınmış ya da silinmiş. Anahtar dosyası o veritabanını açar; üzerine yeni "
                "bir veritabanı kurulmadı, hiçbir dosya değişmedi. Veritabanı dosyasını yerine geri koyun "
                "ya da en yeni yedekten geri yükleyin. Burada gerçekten yeni bir veritabanı kurulacaksa "
                "önce anahtar dosyasını başka bir klasöre taşıyın."
            ).format(path=path, keys=keys)
        )
        self.path = path


class WrongPassword(EncryptionError):
    """No slot of the key file opens with this password (or recovery key)."""

    exit_code = ExitCode.NOT_PERMITTED

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or tx(
                "Kullanıcı adı ya da parola hatalı (ya da bu hesabın veritabanı anahtarı yok: "
                "kapatılmış bir hesap veritabanını açamaz)."
            )
        )


class SlotNotYetGiven(WrongPassword):
    """An open account whose slot under the present key is still to come (after an encryption,
    a rotation, a copy into a new file or an account opened again): its password, right or
    wrong, cannot open the file yet. Said as such, and never counted towards the lockout."""

    def __init__(self, username: str) -> None:
        super().__init__(
            tx(
                "{username} hesabının şifreli veritabanı için henüz anahtarı yok: veritabanı şifrelendiğinden "
                "(ya da anahtarı yenilendiğinden ya da hesap yeniden açıldığından) beri bu hesapla girilmedi. "
                "Parolanız değişmedi, kayıtlar yerinde. Anahtarınızı almak için bir yönetici bu bilgisayarda "
                "programa kendi hesabıyla girip «Oturumu kapat» desin; sonra aynı pencerede kendi "
                "parolanızla girin. Ya da yöneticiniz parolanızı sıfırlasın (Kullanıcılar penceresinde "
                "«Parola sıfırla» ya da koopbis user passwd)."
            ).format(username=username)
        )
        self.username = username


class WrongKey(EncryptionError):
    """The key the key file gives does not decrypt the database: the two do not belong together."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            tx(
                "{path} başka bir anahtarla şifrelenmiş: yanındaki anahtar dosyası bu veritabanının değil. "
                "Veritabanıyla birlikte alınmış anahtar dosyasını (.keys) yanına koyun."
            ).format(path=path)
        )
        self.path = path


class KeyRequired(EncryptionError):
    """An encrypted database opened without signing in."""

    exit_code = ExitCode.NOT_PERMITTED

    def __init__(self, path: Path) -> None:
        super().__init__(
            tx("{path} şifreli: açmak için bir hesapla oturum açın (kullanıcı adı ve parola).").format(
                path=path
            )
        )
        self.path = path


class PlainDatabase(EncryptionError):
    """A database of the previous version, not yet encrypted: migration is offered, nothing is lost."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            tx(
                "{path} önceki sürümün şifrelenmemiş veritabanı. Kişisel verileri korumak için şifrelenmesi "
                "gerekiyor: önce şifreli bir yedek alınır, sonra dosya yerinde şifrelenir ve denetlenir."
            ).format(path=path)
        )
        self.path = path


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


def _little_space(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def opening_error(exc: Exception, path: Path, newest_backup: Path | None) -> StoreError:
    """What an error while opening ``path`` means: only a damaged file is called damaged.

    A read-only folder, a full disk or a lock held by another program each get
    their own sentence; before, all of them read "bozuk" and sent people to
    restore a backup over a healthy file.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_FULL") or ("disk" in text and "full" in text):
        return DiskFull(path)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return DatabaseLocked(path)
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN")) or "readonly" in text:
        return DatabaseReadOnly(path)
    if name.startswith("SQLITE_IOERR") and _little_space(path):
        return DiskFull(path)
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return DatabaseForeign(path, str(exc), newest_backup)
    return DatabaseDamaged(path, str(exc), newest_backup)


def translate(exc: Exception) -> StoreError:
    """Map a raw sqlite3 (or SQLCipher) error to a KnownError (machine condition) or a BugError."""
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
