"""After a crash or power cut: offer the forms that were autosaved but never saved.

The question names every form (type, cooperative, when it was typed); "Geri yükle" opens
them all, "Tek tek…" lists them with Aç / At per form, "Sonra" keeps them for next time.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from koopbis_desktop.services import autosave
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor import open_editor
from koopbis_desktop.ui.editor.editor import EntryEditor

# Every call names its context so that pyside6-lupdate (with `-tr-function-alias translate+=_tr`,
# see the Makefile) extracts the string; a one-argument wrapper hid them, leaving them Turkish in English.
_tr = QCoreApplication.translate


def ask_recovery(
    ctx: AppContext,
    parent: QWidget | None,
    pending: list[autosave.Autosaved],
    names: list[str] | None = None,
    elsewhere: list[str] | None = None,
) -> int:
    """Ask to restore ``pending`` forms and open them; returns how many were opened.

    ``elsewhere`` names the forms still open on another PC: not offered, only said (in the
    question, or on the status bar when there is nothing to ask)."""
    open_there = ""
    if elsewhere:
        open_there = _tr(
            "offer_recovery",
            "Başka bir bilgisayarda hâlâ açık olduğu için geri yüklenmeyen {0} form var; onları orada "
            "kaydedin ya da kapatın: {1}",
        ).format(len(elsewhere), "; ".join(elsewhere))
    if not pending:
        if open_there:
            ctx.hub.message.emit(open_there)
        return 0
    names = names or [item.type for item in pending]
    listed = "\n".join(f"• {name}" for name in names)
    if open_there:
        listed += "\n\n" + open_there
    answer = messages.ask(
        parent,
        _tr("offer_recovery", "Kaydedilmemiş formlar"),
        _tr("offer_recovery", "Kaydedilmemiş {0} form bulundu: geri yüklensin mi?").format(len(pending)),
        [
            (_tr("offer_recovery", "Geri yükle"), messages.Role.AcceptRole),
            (_tr("offer_recovery", "Tek tek…"), messages.Role.ActionRole),
            (_tr("offer_recovery", "Sonra"), messages.Role.RejectRole),
        ],
        informative=listed
        + "\n\n"
        + _tr(
            "offer_recovery",
            "Program beklenmedik biçimde kapanmış olabilir. «Sonra» derseniz formlar silinmez; bir sonraki açılışta yeniden sorulur.",
        ),
        default=0,
        object_name="recovery_question",
    )
    if answer == 1:
        chooser = RecoveryChooser(ctx, pending, names, parent)
        chooser.exec()
        return chooser.opened
    if answer != 0:
        return 0
    opened: list[EntryEditor] = [open_editor(ctx, parent, form_id=item.form_id) for item in pending]
    return len(opened)


class RecoveryChooser(QDialog):
    """Each autosaved form on its own line with «Aç» and «At» (discard) buttons."""

    def __init__(
        self,
        ctx: AppContext,
        pending: list[autosave.Autosaved],
        names: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_chooser")
        self.setWindowTitle(_tr("offer_recovery", "Kaydedilmemiş formlar"))
        self.ctx = ctx
        self.opened = 0
        self.open_buttons: list[QPushButton] = []
        self.discard_buttons: list[QPushButton] = []
        grid = QGridLayout()
        for row, (item, name) in enumerate(zip(pending, names, strict=True)):
            label = QLabel(name)
            label.setTextFormat(Qt.TextFormat.PlainText)
            open_button = QPushButton(_tr("offer_recovery", "Aç"))
            discard_button = QPushButton(_tr("offer_recovery", "At"))
            discard_button.setToolTip(
                _tr("offer_recovery", "Bu formun kaydedilmemiş hâlini siler; geri alınamaz.")
            )
            open_button.clicked.connect(
                lambda _=False, i=item, b=(open_button, discard_button), lb=label: self.open_form(i, b, lb)
            )
            discard_button.clicked.connect(
                lambda _=False, i=item, b=(open_button, discard_button), lb=label: self.discard_form(i, b, lb)
            )
            grid.addWidget(label, row, 0)
            grid.addWidget(open_button, row, 1)
            grid.addWidget(discard_button, row, 2)
            self.open_buttons.append(open_button)
            self.discard_buttons.append(discard_button)
        close = QPushButton(_tr("offer_recovery", "Kapat (kalanlar sonra yeniden sorulur)"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

    def _done(self, buttons: tuple[QPushButton, QPushButton], label: QLabel, what: str) -> None:
        for button in buttons:
            button.setEnabled(False)
        label.setText(f"{label.text()} ({what})")

    def open_form(
        self, item: autosave.Autosaved, buttons: tuple[QPushButton, QPushButton], label: QLabel
    ) -> None:
        open_editor(self.ctx, self.parentWidget(), form_id=item.form_id)
        self.opened += 1
        self._done(buttons, label, _tr("offer_recovery", "açıldı"))

    def discard_form(
        self, item: autosave.Autosaved, buttons: tuple[QPushButton, QPushButton], label: QLabel
    ) -> None:
        form_id = item.form_id
        self.ctx.worker.submit(lambda store: autosave.discard(store, form_id))
        self._done(buttons, label, _tr("offer_recovery", "atıldı"))
