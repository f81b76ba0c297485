"""The form's attachments: scans added by file dialog or drag and drop, listed, previewed, removed.

Files are stored (content-addressed) as soon as they are added, so nothing the
clerk picked is lost; which of them belong to the entry is part of the form and
is written with the next Save, like any other field.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.services import attachments as attachment_service
from koopbis_desktop.store.attachments import Attachment, AttachmentInfo
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message

SHA_ROLE = Qt.ItemDataRole.UserRole

# An attachment opened in the PC's own viewer is a plain copy of a scan that names members: it goes
# into a folder only this user can read (``mkdtemp``: 0700, its files 0600), and the folder is
# removed when the program ends. A copy the viewer still holds (Windows) goes at the next end.
_opened: Path | None = None
#: The shared folder versions up to 0.1.0 left every opened scan in, for good.
LEGACY_FOLDER = "koopbis-ekler"


def _opened_folder() -> Path:
    global _opened
    if _opened is None or not _opened.is_dir():
        if _opened is None:
            atexit.register(remove_opened_copies)
        _opened = Path(tempfile.mkdtemp(prefix="koopbis-ekler-"))
    return _opened


def remove_opened_copies() -> None:
    """Remove the copies handed to the viewer (at the program's end), and what older versions left."""
    global _opened
    folder, _opened = _opened, None
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    legacy = Path(tempfile.gettempdir()) / LEGACY_FOLDER
    if legacy.is_dir() and not legacy.is_symlink():
        for old in legacy.iterdir():
            with contextlib.suppress(OSError):  # another user's, or held by a viewer
                old.unlink()
        with contextlib.suppress(OSError):
            legacy.rmdir()


def _size_text(size: int) -> str:
    locale = QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey)
    if size < 1024 * 1024:
        return f"{locale.toString(max(size / 1024, 0.1), 'f', 1)} KB"
    return f"{locale.toString(size / (1024 * 1024), 'f', 1)} MB"


class AttachmentPanel(QWidget):
    changed = Signal()  # the set of attached files changed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAcceptDrops(True)
        self.list = QListWidget(self)
        self.list.setObjectName("attachment_list")
        self.list.setMaximumHeight(80)
        self.add_button = QPushButton(self.tr("&Belge ekle…"), self)
        self.add_button.setObjectName("attachment_add")
        self.remove_button = QPushButton(self.tr("Eki kaldır"), self)
        self.remove_button.setObjectName("attachment_remove")
        self.open_button = QPushButton(self.tr("Aç"), self)
        self.open_button.setObjectName("attachment_open")
        self.open_button.setToolTip(self.tr("Belgeyi bilgisayardaki görüntüleyiciyle açar"))
        for button in (self.add_button, self.remove_button, self.open_button):
            button.setAutoDefault(False)
        self.message = QLabel(self)
        self.message.setObjectName("attachment_message")
        self.message.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setObjectName("attachment_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMaximumHeight(190)
        self.preview.setWordWrap(True)
        hint = QLabel(
            self.tr("PDF, JPG ya da PNG; en çok 10 MB. Dosyayı buraya sürükleyip bırakabilirsiniz."), self
        )
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list)
        left.addLayout(buttons)
        left.addWidget(hint)
        left.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addWidget(self.preview, 2)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        self.open_button.clicked.connect(self.on_open_button_clicked)
        self.list.currentItemChanged.connect(self.on_list_current_changed)
        self._shown: Attachment | None = None
        self._read_only = False
        self._update_buttons()

    # -- state ------------------------------------------------------------------------

    def shas(self) -> list[str]:
        return [str(self.list.item(i).data(SHA_ROLE)) for i in range(self.list.count())]

    def set_items(self, items: list[AttachmentInfo]) -> None:
        self.list.clear()
        for info in items:
            self._append(info)
        self._update_buttons()

    def _append(self, info: AttachmentInfo) -> None:
        kind = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}.get(info.mime, info.mime)
        item = QListWidgetItem(f"{info.filename}  ({kind}, {_size_text(info.size)})")
        item.setData(SHA_ROLE, info.sha256)
        item.setToolTip(f"SHA-256: {info.sha256}")
        self.list.addItem(item)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.setAcceptDrops(not read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_current = self.list.currentItem() is not None
        self.add_button.setEnabled(not self._read_only)
        self.remove_button.setEnabled(not self._read_only and has_current)
        self.open_button.setEnabled(self._shown is not None)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)

    # -- adding -----------------------------------------------------------------------

    def on_add_button_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Taranmış belge ekle"),
            "",
            self.tr("Taranmış belgeler (*.pdf *.jpg *.jpeg *.png);;Tüm dosyalar (*)"),
        )
        self.add_paths([Path(p) for p in paths])

    def add_paths(self, paths: list[Path]) -> None:
        """Store each file through the worker; refused files get a Turkish message, others are listed."""
        actor = self.ctx.require_actor()
        for path in paths:

            def op(store: Store, path: Path = path) -> AttachmentInfo:
                return attachment_service.add_file(store, actor, path)

            self.ctx.worker.submit(op, self.on_file_stored, self.on_file_refused)

    def on_file_stored(self, info: AttachmentInfo) -> None:
        if info.sha256 in self.shas():
            self._say(self.tr("'{0}' zaten ekli (aynı içerikte bir dosya).").format(info.filename))
            return
        self._append(info)
        self.list.setCurrentRow(self.list.count() - 1)
        self._say(self.tr("'{0}' eklendi.").format(info.filename))
        self._update_buttons()
        self.changed.emit()

    def on_file_refused(self, exc: BaseException) -> None:
        self._say(user_message(exc), error=True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._read_only and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # -- removing, preview ---------------------------------------------------------------

    def on_remove_button_clicked(self) -> None:
        row = self.list.currentRow()
        if row < 0 or self._read_only:
            return
        item = self.list.takeItem(row)
        self._say(
            self.tr("'{0}' kaldırıldı; kaydettiğinizde kayıttan çıkar.").format(item.text().split("  (")[0])
        )
        self._update_buttons()
        self.changed.emit()

    def on_list_current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        self._shown = None
        self.preview.clear()
        self._update_buttons()
        if current is None:
            return
        sha = str(current.data(SHA_ROLE))
        self.ctx.worker.submit(
            lambda store: attachment_service.get(store, sha),
            self.on_preview_loaded,
            self.on_file_refused,
            coalesce=f"attachment-preview-{id(self)}",
        )

    def on_preview_loaded(self, attachment: Attachment) -> None:
        current = self.list.currentItem()
        if current is None or current.data(SHA_ROLE) != attachment.info.sha256:
            return
        self._shown = attachment
        pixmap = QPixmap()
        if attachment.info.mime.startswith("image/") and not pixmap.loadFromData(attachment.data):
            # A scan whose header passed the type check can still be damaged inside.
            self.preview.setText(
                self.tr("Görüntü önizlenemiyor\n{0}\n{1}\nGörmek için «Aç».").format(
                    attachment.info.filename, _size_text(attachment.info.size)
                )
            )
        elif attachment.info.mime.startswith("image/"):
            self.preview.setPixmap(
                pixmap.scaled(
                    240,
                    180,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            # QtPdf is not part of PySide6-Essentials: no page preview, the PDF opens outside.
            self.preview.setText(
                self.tr("PDF belgesi\n{0}\n{1}\nGörmek için «Aç».").format(
                    attachment.info.filename, _size_text(attachment.info.size)
                )
            )
        self._update_buttons()

    def on_open_button_clicked(self) -> None:
        if self._shown is None:
            return
        suffix = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
            self._shown.info.mime, ""
        )
        copy = _opened_folder() / f"{self._shown.info.sha256[:16]}{suffix}"
        if not copy.exists():  # named by its content: the same scan opened again is the same file
            fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(self._shown.data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
