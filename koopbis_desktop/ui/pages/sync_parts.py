"""Pieces of the Eşitleme page that stand alone: the receipts CSV and the KOOP-BİS password dialog."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.models.entries import format_stamp
from sync.overview import ReceiptRow, walk_receipts

RECEIPT_HEADERS = ("Kayıt", "KOOP-BİS alındı no", "Kayıt türü", "Kooperatif", "Aktarılma zamanı")


def _write_receipts(out: TextIO, rows: Iterable[ReceiptRow]) -> int:
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(RECEIPT_HEADERS)
    count = 0
    for row in rows:
        writer.writerow([row.uuid, row.receipt, row.type_label, row.cooperative, format_stamp(row.synced_at)])
        count += 1
    return count


def receipts_csv(rows: Iterable[ReceiptRow]) -> bytes:
    """UTF-8 with BOM, ``;``-separated, Turkish headers: Excel in a Turkish locale opens it right."""
    out = io.StringIO()
    _write_receipts(out, rows)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def export_receipts(path: Path) -> Any:
    """A DB-worker job writing every receipt to ``path`` (the same bytes as :func:`receipts_csv`),
    read by key a batch at a time and written as it goes, so 100,000 receipts never sit in memory."""

    def op(store: Store) -> int:
        tmp = path.with_name(path.name + ".partial")
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            count = _write_receipts(out, walk_receipts(store))
        tmp.replace(path)
        return count

    return op


class PasswordDialog(QDialog):
    """Asks for the KOOP-BİS password; it stays in memory unless the person saves it to the keyring."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("KOOP-BİS parolası"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_check = QCheckBox(self.tr("Parolayı bu bilgisayarın güvenli parola deposuna &kaydet"))
        info = QLabel(
            self.tr("KOOP-BİS kullanıcısı {0} için parolayı girin. Parola veritabanına yazılmaz.").format(
                username
            )
        )
        info.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Parola:"), self.password_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.save_check)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    @property
    def password(self) -> str:
        return self.password_edit.text()


__all__ = ["RECEIPT_HEADERS", "PasswordDialog", "export_receipts", "receipts_csv"]
