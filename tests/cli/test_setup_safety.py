"""``koopbis init``, ``backup``, ``restore`` and ``guide --pdf`` never write over a file they did not make."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.services import setup
from koopbis_desktop.store import encryption, keyfile
from koopbis_desktop.store.backup import BackupTargetTaken
from koopbis_desktop.store.db import file_kind, open_store
from tests.conftest import held_by_another_program

ADMIN_PW = "yonetici-parola-1"


@pytest.fixture(autouse=True)
def _passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("KOOPBIS_PASSWORD", ADMIN_PW)


def koopbis(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def made(db: Path, province: str = "06") -> Path:
    assert koopbis(db, "init", "--province", province, "--admin", "admin") == 0
    return db


def digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = made(tmp_path / "il" / "koopbis.sqlite")
    capsys.readouterr()
    return path


def healthy(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert koopbis(db, "audit", "verify", "--as", "admin") == 0, capsys.readouterr().err
    capsys.readouterr()


# -- backup: never over an existing file ----------------------------------------------------------


def test_backup_refuses_the_open_database_itself_and_its_key_file(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (The sign-in writes its audit row: the file is checked whole instead of byte for byte.)
    for dest in (db, db.parent / "." / db.name):
        assert koopbis(db, "backup", str(dest), "--as", "admin") == 4
        err = capsys.readouterr().err
        assert "açık olan veritabanının kendi dosyası" in err and "hiçbir şey değişmedi" in err
    healthy(db, capsys)
    assert not list(db.parent.glob("*.yarim"))


def test_backup_refuses_another_database_and_any_file_already_there(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = made(tmp_path / "ist" / "koopbis.sqlite", "34")
    text = tmp_path / "x.sqlite"
    text.write_text("bir not\n", encoding="utf-8")
    orphan_keys = tmp_path / "yeni.sqlite.keys"  # a key file with no database beside it
    orphan_keys.write_text("{}", encoding="utf-8")
    before = digest(other, keyfile.keyfile_path(other), text, orphan_keys)
    capsys.readouterr()
    for dest, named in ((other, other), (text, text), (tmp_path / "yeni.sqlite", orphan_keys)):
        assert koopbis(db, "backup", str(dest), "--as", "admin") == 4
        err = capsys.readouterr().err
        assert f"{named} zaten var" in err and "hiçbir şey değişmedi" in err
    assert digest(other, keyfile.keyfile_path(other), text, orphan_keys) == before
    assert not (tmp_path / "yeni.sqlite").exists()
    assert koopbis(other, "audit", "verify", "--as", "admin") == 0

    # A new name is written as before, and then refused the second time.
    fresh = tmp_path / "usb" / "yedek.sqlite"
    assert koopbis(db, "backup", str(fresh), "--as", "admin") == 0
    assert encryption.is_encrypted(fresh) and keyfile.keyfile_path(fresh).exists()
    capsys.readouterr()
    assert koopbis(db, "backup", str(fresh), "--as", "admin") == 4
    healthy(db, capsys)


def test_the_desktops_backup_folder_set_to_the_database_itself_is_refused(db: Path) -> None:
    """The desktop's "Yedek al" writes to the backup folder of the settings (no save dialog):
    the same guard holds when that setting names a file."""
    key = encryption.unlock_key(db, "admin", ADMIN_PW)
    store = open_store(db, key=key)
    try:
        store.set_setting("backup_dir", str(db))
        with pytest.raises(BackupTargetTaken):
            setup.copy_backup(store, by="admin")
        assert store.setting("province_code") == "06"
    finally:
        store.close()
    assert encryption.unlock_key(db, "admin", ADMIN_PW) == key
    open_store(db, key=key).close()  # whole (the integrity check), as before


# -- guide --pdf and print: a PDF only, never over another kind of file --------------------------


def test_guide_pdf_refuses_a_name_not_ending_in_pdf_and_a_file_that_is_not_a_pdf(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "uyeler.xlsx"
    sheet.write_bytes(b"PK\x03\x04 bir tablo")
    slip = tmp_path / "not.pdf"  # a text file named .pdf by mistake
    slip.write_text("önemli not\n", encoding="utf-8")
    before = digest(sheet, slip, db, keyfile.keyfile_path(db))
    for target in (sheet, db, keyfile.keyfile_path(db), tmp_path / "yeni.txt"):
        assert main(["guide", "--pdf", str(target)]) == 2
        assert "Kılavuzun yazılacağı dosyanın adı .pdf ile bitmeli" in capsys.readouterr().err
    assert main(["guide", "--pdf", str(slip)]) == 4
    assert f"{slip} zaten var ve bir PDF dosyası değil" in capsys.readouterr().err
    assert digest(sheet, slip, db, keyfile.keyfile_path(db)) == before
    # print says the same of a file that is not a PDF (the name it checked already)
    assert koopbis(db, "print", "daily", str(slip), "--as", "admin") == 4
    assert f"{slip} zaten var ve bir PDF dosyası değil" in capsys.readouterr().err
    assert digest(sheet, slip) == before[:2]  # (the sign-in wrote its audit row into the database)
    assert not (tmp_path / "yeni.txt").exists()


# -- backup and restore take a file path, not an address ------------------------------------------


def test_backup_and_restore_refuse_an_office_url_instead_of_making_folders_of_it(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    url = "postgresql://u@host/x"
    assert koopbis(db, "backup", url, "--as", "admin") == 2
    err = capsys.readouterr().err
    assert "'postgresql://u@host/x' bir dosya yolu değil, bir ofis veritabanının adresi" in err
    assert "klasör ya da dosya yolu verin" in err
    assert koopbis(db, "restore", url, "--as", "admin") == 2
    err = capsys.readouterr().err
    assert "bir dosya yolu değil" in err and "yedek dosyasının yolunu verin" in err
    assert "bulunamadı" not in err
    assert koopbis(db, "backup", "ftp://host/yedek", "--as", "admin") == 2
    assert "bir dosya yolu değil, 'ftp:' ile başlayan bir adres" in capsys.readouterr().err
    assert not (tmp_path / "postgresql:").exists() and not (tmp_path / "ftp:").exists()
    healthy(db, capsys)


# -- init: encrypted from the first byte, or nothing ----------------------------------------------


@pytest.mark.parametrize("admin", [True, False])
def test_init_refuses_an_empty_file_instead_of_making_a_plain_database_in_it(
    tmp_path: Path, admin: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    extra = ["--admin", "admin"] if admin else []
    assert koopbis(empty, "init", "--province", "06", *extra) == 4
    err = capsys.readouterr().err
    assert f"Veritabanı dosyası boş (0 bayt): {empty}" in err and "dosyaya dokunulmadı" in err
    assert empty.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]
    # Removed, as the sentence says: a new database, encrypted from its first byte.
    empty.unlink()
    assert made(empty) == empty and encryption.is_encrypted(empty)


def test_init_with_a_refused_password_leaves_nothing_and_runs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db6" / "k.sqlite"
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", "kisa")
    assert koopbis(db, "init", "--province", "06", "--admin", "admin") == 3
    assert "Parola en az 8 karakter olmalıdır." in capsys.readouterr().err
    assert not db.exists() and not keyfile.keyfile_path(db).exists()
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", ADMIN_PW)
    assert made(db) == db and encryption.is_encrypted(db)
    capsys.readouterr()
    healthy(db, capsys)


def test_init_again_after_one_cut_off_before_its_first_account_begins_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the previous version left after a refused password: an encrypted file and a key
    file with no slot, which made every later init answer "şifreli: açmak için --as …"."""
    db = tmp_path / "db6" / "k.sqlite"
    encryption.create_encrypted(db).close()
    assert keyfile.KeyFile.load(keyfile.keyfile_path(db), db).accounts() == []
    assert made(db) == db
    assert (tmp_path / "db6" / "k.sqlite.yarim-kalmis").exists()  # set aside, not deleted
    capsys.readouterr()
    healthy(db, capsys)


# -- a folder, or a file that is no database, as the database -------------------------------------


def test_a_folder_as_the_database_is_named_as_a_folder(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "klasor"
    folder.mkdir()
    monkeypatch.chdir(folder)
    for given in (str(folder), " "):  # a blank --db is the current folder
        for args in (("audit", "verify", "--as", "admin"), ("init", "--province", "06", "--admin", "admin")):
            assert main(["--db", given, *args]) == 2
            err = capsys.readouterr().err
            assert "bir klasör; veritabanı dosyasının yolunu verin" in err and "Beklenmeyen" not in err
    assert main(["copy", "--from", str(db), "--to", str(folder), "--as", "admin"]) == 2
    assert f"{folder} bir klasör; veritabanı dosyasının yolunu verin" in capsys.readouterr().err
    assert list(folder.iterdir()) == []
    # The desktop opens through the same store: the same sentence, no traceback.
    from koopbis_desktop.store.errors import DatabaseIsFolder

    with pytest.raises(DatabaseIsFolder):
        open_store(folder)
    with pytest.raises(DatabaseIsFolder):
        encryption.is_new(folder)


@pytest.mark.expect_log(
    r"^command failed: Bu dosya bir KOOP-BİS Desktop veritabanı değil", logger="koopbis.cli"
)
def test_a_text_or_a_key_file_as_the_database_is_not_called_encrypted(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "text.sqlite"
    text.write_text("bir not\n" * 2000, encoding="utf-8")
    keyfile.keyfile_path(text).write_bytes(
        keyfile.keyfile_path(db).read_bytes()
    )  # even with a key file beside
    short = tmp_path / "kisa.sqlite"
    short.write_bytes(b"\x00\x01\x02")
    for given in (text, keyfile.keyfile_path(db), short):
        before = digest(given)
        assert koopbis(given, "audit", "verify", "--as", "admin") == 1
        err = capsys.readouterr().err
        assert f"Bu dosya bir KOOP-BİS Desktop veritabanı değil ya da yarıda kesilmiş: {given}" in err
        assert "anahtar dosyası bulunamadı" not in err and "şifreli" not in err
        assert digest(given) == before
        assert file_kind(given) == "foreign"


@pytest.mark.expect_log(
    r"^command failed: Şifreli veritabanının anahtar dosyası bulunamadı", logger="koopbis.cli"
)
def test_an_encrypted_file_without_its_key_file_is_still_said_to_miss_it(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = tmp_path / "tasinan.sqlite"
    moved.write_bytes(db.read_bytes())
    assert file_kind(moved) == "encrypted"
    assert koopbis(moved, "audit", "verify", "--as", "admin") == 1
    assert "Şifreli veritabanının anahtar dosyası bulunamadı" in capsys.readouterr().err


@pytest.mark.expect_log(r"^command failed: (Veritabanı bulunamadı|Database not found)", logger="koopbis.cli")
def test_a_missing_database_names_init_without_an_outdated_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "yok" / "koopbis.sqlite"
    assert koopbis(missing, "audit", "verify", "--as", "admin") == 1
    err = capsys.readouterr().err
    assert f"Veritabanı bulunamadı: {missing}" in err and "'koopbis init'" in err
    # The desktop shows this sentence too (a file moved away while it runs): no option named.
    assert "--" not in err
    assert not missing.parent.exists()
    main(["--lang", "en", "--db", str(missing), "audit", "verify", "--as", "admin"])
    english = capsys.readouterr().err
    assert "Database not found" in english and "--" not in english


# -- init, backup and restore: --lang en and --json -----------------------------------------------


def test_init_backup_and_restore_speak_english_and_json_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "il" / "koopbis.sqlite"
    assert main(["--lang", "en", "--db", str(db), "init", "--province", "06", "--admin", "admin"]) == 0
    out = capsys.readouterr().out
    assert "Database ready" in out and "RECOVERY KEY" in out and "KURTARMA" not in out

    other = tmp_path / "ist" / "koopbis.sqlite"
    assert koopbis(other, "init", "--province", "34", "--admin", "admin", "--json") == 0
    document = json.loads(capsys.readouterr().out)  # one document, nothing else on stdout
    assert document["province"] == "34" and document["encrypted"] is True and document["admin"] == "admin"
    assert re.fullmatch(r"\d{5}(-\d{5}){7}", document["recovery_key"])
    assert document["database"] == str(other)

    assert koopbis(db, "backup", str(tmp_path / "usb"), "--as", "admin", "--json") == 0
    taken = json.loads(capsys.readouterr().out)
    assert taken["audited"] is True and Path(taken["file"]).is_file()
    assert koopbis(db, "restore", taken["file"], "--as", "admin", "--json") == 0
    restored = json.loads(capsys.readouterr().out)
    assert restored["file"] == taken["file"] and Path(restored["previous"]).is_file()
    healthy(db, capsys)


# -- backup of a database nothing can be written to -----------------------------------------------


def test_a_backup_is_taken_on_a_read_only_open_without_its_audit_row(db: Path, tmp_path: Path) -> None:
    key = encryption.unlock_key(db, "admin", ADMIN_PW)
    reader = open_store(db, read_only=True, key=key)
    try:
        rows = reader.query("SELECT COUNT(*) FROM audit")
        saved = setup.backup_now(reader, tmp_path / "usb", by="admin")
        assert reader.query("SELECT COUNT(*) FROM audit") == rows
    finally:
        reader.close()
    copy = open_store(saved, key=encryption.unlock_key(saved, "admin", ADMIN_PW))
    try:
        assert copy.setting("province_code") == "06"
    finally:
        copy.close()


def test_koopbis_backup_works_on_a_write_protected_database(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with held_by_another_program(db):  # nothing can write the file (root's immutable flag)
        assert koopbis(db, "backup", str(tmp_path / "usb"), "--as", "admin") == 0, capsys.readouterr().err
        out = capsys.readouterr().out
        assert "Yedek alındı" in out and "denetim izine yazılamadı" in out
    saved = next((tmp_path / "usb").glob("koopbis-*.sqlite"))
    assert koopbis(saved, "audit", "verify", "--as", "admin") == 0
