"""``koopbis copy``: a whole database from a single PC's file into the office database, or back.

The work is ``services.copy``'s; this module opens both sides and says what happened.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koopbis_desktop import paths
from koopbis_desktop.cli.common import EXIT_OK, account_password, open_office, print_json, signed_in
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Role
from koopbis_desktop.store.location import OfficeUrl

if TYPE_CHECKING:
    from koopbis_desktop.services import copy
    from koopbis_desktop.store.transfer import CopyReport


def _progress(args: argparse.Namespace) -> copy.Progress:
    def show(text: str, fraction: float) -> None:
        if not args.json:
            print(f"[{round(fraction * 100):3d}%] {text}", flush=True)

    return show


def _summary(report: CopyReport, source: str, target: str) -> str:
    return tx(
        "Kopyalandı: {source} → {target}. {total} satır ({entries} kayıt, {users} hesap, {attachments} ek) "
        "iki tarafta sayılıp karşılaştırıldı; denetim izi hedefte sağlam ({audit} satır, son özet {head})."
    ).format(
        source=source,
        target=target,
        total=report.total,
        entries=report.rows.get("entries", 0),
        users=report.rows.get("users", 0),
        attachments=report.rows.get("attachments", 0),
        audit=report.audit_rows,
        head=report.head_hash[:16],
    )


def recovery_text(recovery: str) -> str:
    return tx(
        "KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp kilitli bir yerde saklayın):\n"
        "    {recovery}\n"
        "Bütün parolalar unutulursa bu dosyayı bu anahtar açar."
    ).format(recovery=recovery)


def cmd_copy(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import copy

    # The administrator signs in on the source, as every other command signs in on --db.
    source_args = argparse.Namespace(**vars(args))
    source_args.db = args.source
    source, actor = signed_in(source_args, role=Role.ADMIN)
    destination = paths.database_location(args.target)
    document: dict[str, Any] = {"from": str(source.location), "to": str(destination)}
    if isinstance(destination, OfficeUrl):
        target = open_office(destination, create=True)
        try:
            report = copy.copy_database(source, actor, target, progress=_progress(args))
        finally:
            target.close()
        waiting: tuple[str, ...] = ()
        recovery = ""
    else:
        made = copy.copy_to_new_file(
            source, actor, Path(destination), account_password(source_args), progress=_progress(args)
        )
        report, waiting, recovery = made.report, made.waiting, made.recovery_key
    if args.json:
        document.update(
            rows=report.rows, audit_rows=report.audit_rows, head_hash=report.head_hash, waiting=list(waiting)
        )
        if recovery:
            document["recovery_key"] = recovery
        print_json(document)
        return EXIT_OK
    print(_summary(report, document["from"], document["to"]))
    if isinstance(destination, OfficeUrl):
        print(
            tx(
                "Hesaplar ve parolaları olduğu gibi taşındı: herkes ofis veritabanına kendi parolasıyla girer. "
                "Kaynak dosyaya dokunulmadı (yalnızca bu kopyalama denetim izine yazıldı); bundan sonra "
                "ofis veritabanında çalışın."
            )
        )
        return EXIT_OK
    print(
        tx(
            "Yeni dosya şifreli; şimdilik yalnızca {admin} parolasıyla açılır. Öteki hesaplar ({accounts}) "
            "anahtarlarını, dosya masaüstünde açıkken ilk girişlerinde ya da bir yönetici parolalarını "
            "sıfırlayınca (koopbis user passwd) alır; o zamana dek bu dosyayı kendi parolalarıyla açamazlar."
        ).format(admin=actor.username, accounts=", ".join(waiting) or "-")
        if waiting
        else tx("Yeni dosya şifreli; {admin} parolasıyla açılır.").format(admin=actor.username)
    )
    print(recovery_text(recovery))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``copy`` to ``koopbis``'s sub-commands."""
    p = sub.add_parser(
        "copy",
        parents=[common],
        help=tx("bütün veritabanını başka bir veritabanına kopyala (dosya ↔ ofis veritabanı)"),
        description=(
            tx(
                "Kayıtlar, sürümler, ekler, hesaplar, ayarlar, sicil görüntüsü ve denetim izi olduğu gibi boş "
                "bir hedefe kopyalanır; hedef boş değilse hiçbir şey yazılmaz."
            )
        ),
    )
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar=tx("KAYNAK"),
        help=tx("kaynak: dosya yolu ya da postgresql://…"),
    )
    p.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar=tx("HEDEF"),
        help=tx("hedef: boş bir ofis veritabanı (postgresql://…) ya da henüz olmayan bir dosya"),
    )
    p.set_defaults(func=cmd_copy)
