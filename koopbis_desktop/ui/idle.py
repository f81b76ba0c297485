"""The idle lock: after some minutes without keyboard or mouse input, ask for the password again.

Every window the person works in (each window that gets the focus: the main window,
dialogs, the help window) restarts a single-shot timer on its input events. When it
fires, a lock dialog covers the session and asks for the same user's password; anything
open underneath (a half-filled form) stays as it was. Someone else at the desk can only
sign the current user out — never take over their open work.

The input is watched on the windows (``QWindow``), where Qt delivers the keyboard and the
mouse before handing them to a widget, not by an application-wide event filter: such a
filter makes every event of the program — each paint, timer and layout of every widget —
a call into Python, and its first events make PySide6 set up a hundred-odd Qt classes to
name the objects they are for (≈ 15–20 ms before the first window can paint).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from koopbis_desktop.ui.login import LoginDialog, Session
from koopbis_desktop.ui.worker import DbWorker

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits ``idled`` after ``interval_ms`` without input in any of the application's windows (0 = never)."""

    idled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer of ten minutes may fire 30 s early or late, and its remaining
        # time jumps about (the tests read it to see input restart the clock).
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.idled)
        self._paused = False
        self._stopped = False
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self.watch)
            for window in app.topLevelWindows():
                self.watch(window)

    @property
    def interval_ms(self) -> int:
        """Tests set this directly to a few milliseconds; the window sets it from the setting."""
        return self._timer.interval()

    @interval_ms.setter
    def interval_ms(self, value: int) -> None:
        self._timer.setInterval(max(0, value))
        self._restart()

    @property
    def remaining_ms(self) -> int:
        """Milliseconds until the lock, -1 when no lock is pending (paused, stopped or off)."""
        return self._timer.remainingTime()

    def set_minutes(self, minutes: int) -> None:
        """The setting's minutes; the same minutes again (the settings read anew after any
        settings change, on any PC of the office) leave the running clock alone."""
        if minutes * 60_000 != self.interval_ms:
            self.interval_ms = minutes * 60_000

    def watch(self, window: QWindow | None) -> None:
        """Count ``window``'s keyboard and mouse input as activity (again is harmless)."""
        if window is not None and not self._stopped:
            window.installEventFilter(self)

    def pause(self) -> None:
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._restart()

    def stop(self) -> None:
        self.pause()
        if self._stopped:
            return
        self._stopped = True
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.disconnect(self.watch)
            for window in app.topLevelWindows():
                window.removeEventFilter(self)

    def _restart(self) -> None:
        if self._paused or self._timer.interval() <= 0:
            self._timer.stop()
        else:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._paused and event.type() in _INPUT_EVENTS and self._timer.interval() > 0:
            self._timer.start()
        return False


class LockDialog(LoginDialog):
    """The lock: the same user's password unlocks; "Oturumu kapat" signs them out instead."""

    sign_out_requested = Signal()

    def __init__(
        self,
        worker: DbWorker,
        username: str,
        full_name: str,
        parent: QWidget | None = None,
        *,
        account_closed: bool = False,
    ) -> None:
        super().__init__(worker, parent, title=self.tr("Ekran kilitli"))
        self.setObjectName("lockDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.username_edit.setText(username)
        self.username_edit.setReadOnly(True)
        self.username_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.account_closed = account_closed
        if account_closed:
            # An administrator closed this account on another PC (a change was refused, or the
            # office announced the accounts' change).
            text = self.tr(
                "{0} adlı hesap, siz oturumdayken bir yönetici tarafından kapatıldı; bundan sonraki "
                "işlemleriniz yapılmaz. Açık formlarınız olduğu gibi duruyor: yöneticiniz hesabı yeniden "
                "açarsa parolanızla devam edebilirsiniz. Yoksa oturumu kapatın."
            )
        else:
            text = self.tr(
                "{0} için ekran, uzun süre işlem yapılmadığı için kilitlendi. Açık formlarınız olduğu gibi "
                "duruyor; devam etmek için parolanızı yazın. Başka bir kullanıcıysanız önce bu oturumu kapatın."
            )
        note = QLabel(text.format(full_name or username))
        note.setWordWrap(True)
        layout = self.layout()
        if layout is not None:
            layout.addWidget(note)
        self.login_button.setText(self.tr("&Kilidi aç"))
        self.quit_button.hide()
        self.sign_out_button: QPushButton = QPushButton(self.tr("Oturumu &kapat"))
        self.buttons.addButton(self.sign_out_button, self.buttons.ButtonRole.ActionRole)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.sign_out_button.setAutoDefault(False)
        self.username = username

    def on_signed_in(self, session: Session) -> None:
        # The password is checked by the same service; only the locked user may unlock.
        if session.actor.username != self.username:
            self.on_failed(RuntimeError("wrong user"))
            return
        super().on_signed_in(session)

    def reject(self) -> None:
        # Escape must not unlock.
        return
