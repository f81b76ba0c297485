"""Yardım → Hakkında: which program this is and which database it has open.

What a support call needs first: version, build date (or "geliştirme sürümü" when
run from the source), the database file and its schema version against the newest
this program can open, and where backups and logs are. Every value can be
selected and copied.
"""

from __future__ import annotations

import os
import platform
from datetime import datetime

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop import paths
from koopbis_desktop.buildinfo import BuildInfo, build_info
from koopbis_desktop.domain.resources import resources_dir
from koopbis_desktop.store import migrations
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext


def _schema_version(store: Store) -> int:
    return store.schema_version()


def build_text(info: BuildInfo) -> str:
    """The build line: date and commit of a bundle, or that this is a development version."""
    if not info.build_date:
        return "geliştirme sürümü"
    try:
        when = datetime.fromisoformat(info.build_date).strftime("%d.%m.%Y %H:%M UTC")
    except ValueError:
        when = info.build_date
    return f"{when} ({info.commit})" if info.commit else when


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info = build_info()
        self.setWindowTitle(self.tr("KOOP-BİS Masaüstü hakkında"))

        header = QHBoxLayout()
        icon = QLabel()
        pixmap = QPixmap(str(resources_dir() / "icons" / "koopbis-64.png"))
        if not pixmap.isNull():
            icon.setPixmap(pixmap)
        header.addWidget(icon)
        title = QLabel(
            self.tr(
                "<b>KOOP-BİS Masaüstü</b><br>KOOP-BİS bakımdayken kooperatif değişikliklerini çevrimdışı "
                "kaydetmek, onaylamak ve açılışta KOOP-BİS'e aktarmak için."
            )
        )
        title.setWordWrap(True)
        header.addWidget(title, 1)

        form = QFormLayout()
        self.version_label = self._value(self.info.version)
        self.build_label = self._value(build_text(self.info))
        self.database_label = self._value(str(ctx.location))  # an office URL shows without its password
        self.schema_label = self._value(self.tr("okunuyor…"))
        self.backups_label = self._value(str(ctx.backups_dir))
        log_folder = os.environ.get("KOOPBIS_LOG_DIR") or str(paths.log_dir())
        self.logs_label = self._value(log_folder)
        form.addRow(self.tr("Sürüm:"), self.version_label)
        form.addRow(self.tr("Derleme:"), self.build_label)
        form.addRow(self.tr("Veritabanı:"), self.database_label)
        form.addRow(self.tr("Şema sürümü:"), self.schema_label)
        form.addRow(self.tr("Yedekler:"), self.backups_label)
        form.addRow(self.tr("Günlükler:"), self.logs_label)
        form.addRow(
            self.tr("Çalışma ortamı:"),
            self._value(f"Python {platform.python_version()}, Qt {qVersion()}, {platform.system()}"),
        )

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(form)
        layout.addWidget(buttons)

        ctx.worker.submit(_schema_version, self.on_worker_schema_read, self.on_worker_schema_failed)

    def _value(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def on_worker_schema_read(self, version: int) -> None:
        self.schema_label.setText(
            self.tr("{0} (bu sürüm en çok {1} açabilir)").format(version, migrations.LATEST)
        )

    def on_worker_schema_failed(self, exc: BaseException) -> None:
        self.schema_label.setText(self.tr("okunamadı: {0}").format(exc))
