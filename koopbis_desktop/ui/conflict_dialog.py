"""The supervisor's decision on an entry KOOP-BİS refused because its data changed meanwhile.

While the province worked offline, the head office may have changed the same
cooperative. This dialog shows, per value the entry touches, what the clerk saw
(``base``), what the clerk entered and what KOOP-BİS holds now, in three columns,
with the clashing values highlighted and the harmless changes (only KOOP-BİS's,
only ours) listed apart so they are not mistaken for conflicts. Repeating groups
(board, members, articles…) are compared row by row by their natural key.

Every label and value comes from :mod:`sync.conflict_view` (the change type's
schema over :mod:`sync.conflicts`), so no change type has dialog code of its own
and ``koopbis conflicts show`` prints the same lines. The
decision runs through :mod:`koopbis_desktop.services.conflicts` on the DB worker;
each button says what it keeps and what it gives up, Vazgeç is the default, and
a choice that overwrites or drops someone's work asks first, naming what is lost.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.display import EMPTY, format_iso_date, format_stamp
from koopbis_desktop.domain.lifecycle import (
    ACTION_LABELS,
    STATE_LABELS,
    Action,
    DomainError,
    State,
    check_move,
)
from koopbis_desktop.domain.schema import ChangeType
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import entries
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry, MovedMeanwhile
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.conflict_widgets import ComparisonTable, FieldChooser, comparison_model
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.entry_view import escape_html
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.text_table import TextTableModel
from sync.conflict_view import (
    CHOOSE_SERVER,
    CHOOSE_TYPED,
    CONFLICT,
    KIND_EXPLANATIONS,
    LOCAL_ONLY,
    SERVER_ONLY,
    ComparisonLine,
    ConflictDetails,
    existing_text,
    kind_label,
    load_conflict,
)
from sync.settle import SYNC_ACTOR

ERROR_STYLE = "color: #b00020;"

# What was typed and left without a decision (Enter outside the box means Vazgeç, and Esc):
# (who, entry uuid) → (the conflict it was written for, the reason, the values typed per field),
# given back to the same person when the same conflict is opened again.
_LEFT_REASONS: dict[tuple[str, str], tuple[resolution.Seen | None, str, dict[str, str]]] = {}


class ConflictDialog(QDialog):
    """One conflicting entry, three ways, with the supervisor's decision and its reason."""

    resolved = Signal(str)  # entry uuid, after any decision was stored
    loaded = Signal()

    def __init__(self, ctx: AppContext, entry_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry_uuid = entry_uuid
        self.details: ConflictDetails | None = None
        # What the supervisor is shown (revision, audit row of the conflict): every decision carries it.
        self.seen: resolution.Seen | None = None
        self.choosers: list[FieldChooser] = []
        self.models: dict[str, TextTableModel] = {}
        self._busy = False
        self._decided = False
        self._refusal: str | None = self.tr("Kayıt yükleniyor…")
        self._return_refusal: str | None = self._refusal
        self.setWindowTitle(self.tr("Çakışma incelemesi"))
        self.setObjectName("conflictDialog")
        self.resize(1180, 820)

        self.header = QLabel(self.tr("Kayıt yükleniyor…"))
        self.header.setObjectName("conflictHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 6, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.reason_label = QLabel(self.tr("&Gerekçe (zorunlu; kararla birlikte denetim izine girer):"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("conflictReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            self.tr("Örneğin: Genel kurul tutanağına göre unvan Genel Müdürlüğün düzelttiği gibi olmalı.")
        )
        self.reason.setFixedHeight(self.reason.fontMetrics().height() * 3 + 16)
        self.reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(self.on_reason_text_changed)

        self.status = QLabel()
        self.status.setObjectName("conflictStatus")
        self.status.setWordWrap(True)

        self.keep_button = QPushButton(self.tr("Girdiğinizi gön&der (KOOP-BİS'teki değer üzerine yazılır)"))
        self.keep_button.setObjectName("keepLocalButton")
        self.take_button = QPushButton(
            self.tr("KOOP-BİS'tekini &kabul et (kayıt vazgeçildi olarak saklanır)")
        )
        self.take_button.setObjectName("takeServerButton")
        self.merge_button = QPushButton(self.tr("Seçimlerle &birleştir"))
        self.merge_button.setObjectName("mergeButton")
        self.return_button = QPushButton(self.tr("Memura &iade et"))
        self.return_button.setObjectName("returnButton")
        self.link_button = QPushButton(self.tr("&Mevcut kooperatife bağla"))
        self.link_button.setObjectName("linkButton")
        self.link_button.setVisible(False)
        self.cancel_button = QPushButton(self.tr("&Vazgeç"))
        self.cancel_button.setObjectName("cancelButton")
        self.action_buttons = (
            self.keep_button,
            self.take_button,
            self.merge_button,
            self.return_button,
            self.link_button,
        )
        for button in self.action_buttons:
            button.setAutoDefault(False)
            button.setDefault(False)
        # Enter anywhere outside the reason box means "leave it": nothing is decided by accident.
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setDefault(True)
        self.keep_button.clicked.connect(self.on_keep_button_clicked)
        self.take_button.clicked.connect(self.on_take_button_clicked)
        self.merge_button.clicked.connect(self.on_merge_button_clicked)
        self.return_button.clicked.connect(self.on_return_button_clicked)
        self.link_button.clicked.connect(self.on_link_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

        buttons = QGridLayout()
        buttons.addWidget(self.merge_button, 0, 0)
        buttons.addWidget(self.keep_button, 0, 1)
        buttons.addWidget(self.take_button, 0, 2)
        buttons.addWidget(self.link_button, 1, 0, 1, 2)
        buttons.addWidget(self.return_button, 1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        layout.addLayout(bottom)

        self._update_buttons()
        ctx.hub.changed.connect(self.on_hub_changed)
        self.reload()

    # -- loading ----------------------------------------------------------------------

    def on_hub_changed(self, changes: OpChanges) -> None:
        """Entries changed (here or on another PC): if this one was decided or changed meanwhile,
        show it as it is now, before the supervisor writes a reason for a decision refused later."""
        if not changes.entries or not shiboken6.isValid(self) or not self.isVisible():
            return
        details = self.details
        if details is None or self._busy:
            return
        key = self.entry_uuid
        shown = (details.entry.state, details.entry.revision, details.entry.updated_at)

        def op(store: Store) -> tuple[Shown, dict[str, Any] | None] | None:
            now = entries.get_entry(store, key)
            if (now.state, now.revision, now.updated_at) == shown:
                return None
            trail = entries.audit_rows(store, key)
            return load_shown(store, key), (trail[-1] if trail else None)

        self.ctx.worker.submit(op, self._on_moved_loaded, lambda _exc: None, coalesce=f"conflict-moved-{key}")

    def _on_moved_loaded(self, result: tuple[Shown, dict[str, Any] | None] | None) -> None:
        if result is None or not shiboken6.isValid(self) or self._busy:
            return
        shown, last = result
        details = shown[1]
        self.on_details_loaded(shown)
        if last is not None:
            try:
                action = ACTION_LABELS[Action(str(last["action"]))]
            except ValueError:
                action = str(last["action"])
            who = str(last["actor"])
            if who == SYNC_ACTOR.username:
                who = self.tr("eşitleme")
            done = self.tr("son işlem: {0} — {1}, {2}").format(action, who, format_stamp(str(last["at"])))
        else:
            done = ""
        if details.entry.state != State.CONFLICT:
            text = self.tr(
                "Siz incelerken bu kayıt için karar verildi; kayıt artık çakışmada değil ({0}), şimdi '{1}' "
                "durumunda. Yapacağınız bir şey kalmadı; pencereyi kapatabilirsiniz."
            ).format(done, STATE_LABELS[details.entry.state])
        else:
            text = self.tr(
                "Bu çakışma siz incelerken değişti ({0}); gösterilen yeni hâlini inceleyip yeniden karar verin."
            ).format(done)
        self._show_status(text, error=True)

    def reload(self) -> None:
        key = self.entry_uuid
        self.ctx.worker.submit(
            lambda store: load_shown(store, key),
            self.on_details_loaded,
            self.on_load_failed,
            coalesce=f"conflict-{key}",
        )

    def on_details_loaded(self, shown: Shown, refused: str | None = None) -> None:
        """Show the conflict as read; ``refused``: why a decision was not applied (kept in the status)."""
        self.seen, details = shown
        self.details = details
        entry = details.entry
        ctype = get_type(entry.type)
        self.setWindowTitle(
            self.tr("Çakışma incelemesi {0} — {1}").format(
                entry.label, details.cooperative_title or entry.cooperative or ""
            )
        )
        self._refusal = self._permission(Action.RESOLVE_KEEP, entry)
        self._return_refusal = self._permission(Action.RETURN_REJECTED, entry)
        self._fill_header(details, ctype)
        self._fill_body(details)
        target = details.link_target
        if target:
            self.link_button.setText(
                self.tr("&Mevcut kooperatife bağla ({0} — bekleyen kayıtlar da bağlanır)").format(target)
            )
        self.link_button.setVisible(target is not None)
        self._update_buttons()
        self._build_tab_order()
        left = _LEFT_REASONS.pop(self._reason_key(entry.uuid), None)
        restored = False
        if left is not None and left[0] == self.seen and not self.reason.toPlainText().strip():
            self.reason.setPlainText(left[1])
            self.reason.moveCursor(QTextCursor.MoveOperation.End)
            for chooser in self.choosers:
                typed = left[2].get(chooser.chooser.name)
                if typed is not None and chooser.typed_edit is not None and chooser.typed_radio is not None:
                    chooser.typed_edit.setText(typed)
                    chooser.typed_radio.setChecked(True)
            restored = True
        if refused is not None:
            self._show_status(refused, error=True)
        elif restored and self._refusal is None:
            self._show_status(
                self.tr(
                    "Bu çakışma için daha önce yazdığınız gerekçe geri getirildi; gözden geçirip karar verin."
                ),
                error=False,
            )
        elif entry.state != State.CONFLICT:
            self._show_status(
                self.tr("Bu kayıt artık çakışmada değil; karar verilmiş olabilir."), error=False
            )
        elif self._refusal:
            self._show_status(self._refusal, error=False)
        else:
            self._show_status(
                self.tr("Farkları inceleyin, gerekçeyi yazın ve bir karar düğmesine basın."), error=False
            )
        if self._refusal is None:
            self.reason.setFocus()
        else:
            self.cancel_button.setFocus()
        self.loaded.emit()

    def on_load_failed(self, exc: BaseException) -> None:
        self._show_status(user_message(exc), error=True)
        self._update_buttons()

    def _permission(self, action: Action, entry: Entry) -> str | None:
        if self.ctx.actor is None:
            return self.tr("Bu işlem için oturum açın.")
        try:
            check_move(action, entry.state, self.ctx.actor, entry.author)
        except DomainError as exc:
            return exc.message
        return None

    def _fill_header(self, details: ConflictDetails, ctype: ChangeType) -> None:
        entry = details.entry
        outcome = entry.outcome or {}
        kind = details.kind
        coop = entry.cooperative or self.tr("yeni kuruluş")
        rows = [
            (
                self.tr("Kooperatif"),
                f"{escape_html(details.cooperative_title or EMPTY)} ({escape_html(coop)})",
            ),
            (self.tr("Yazan"), escape_html(details.person(entry.author))),
            (self.tr("Onaylayan"), escape_html(details.person(entry.approver))),
            (self.tr("Çakışma tarihi"), escape_html(format_stamp(entry.updated_at))),
            (self.tr("Geçerlilik tarihi"), escape_html(format_iso_date(entry.effective_date))),
        ]
        html = [
            f"<h3 style='margin:0'>{escape_html(ctype.label)} · "
            f"<span style='color:#9a4b00'>{escape_html(kind_label(outcome))}</span></h3>",
            "<table cellspacing='0' cellpadding='1'>",
        ]
        for label, value in rows:
            html.append(f"<tr><td style='color:#555'>{escape_html(label)}:</td><td>{value}</td></tr>")
        html.append("</table>")
        explanation = KIND_EXPLANATIONS.get(kind, "")
        message = str(outcome.get("message") or "")
        html.append(
            "<p style='margin-top:4px'>"
            + escape_html(explanation)
            + (f"<br><b>KOOP-BİS:</b> {escape_html(message)}" if message else "")
            + "</p>"
        )
        self.header.setText("".join(html))

    def _clear_body(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.choosers = []
        self.models = {}

    def _section(self, title: str, lines: list[ComparisonLine], name: str, empty: str) -> None:
        heading = QLabel(f"<b>{escape_html(title)}</b>")
        heading.setObjectName(f"{name}Heading")
        self.body_layout.addWidget(heading)
        if not lines:
            label = QLabel(empty)
            label.setObjectName(f"{name}Empty")
            label.setStyleSheet("color: #555;")
            label.setWordWrap(True)
            self.body_layout.addWidget(label)
            return
        model = comparison_model(lines, self)
        self.models[name] = model
        self.body_layout.addWidget(ComparisonTable(model, f"{name}Table"))

    def _fill_body(self, details: ConflictDetails) -> None:
        # A value typed for a field ("Elle yaz") outlives a new conflict on the same field.
        typed = {
            c.chooser.name: c.typed_edit.text()
            for c in self.choosers
            if shiboken6.isValid(c) and c.typed_edit is not None and c.choice() == CHOOSE_TYPED
        }
        self._clear_body()
        conflicts = details.section(CONFLICT)
        server_only = details.section(SERVER_ONLY)
        local_only = details.section(LOCAL_ONLY)
        no_conflict = self.tr("Değer düzeyinde gerçek bir çakışma yok: iki taraf farklı şeyleri değiştirmiş.")
        if details.kind == "duplicate":
            no_conflict = self.tr(
                "Alan alan karşılaştırılacak bir değer yok: bu kayıt KOOP-BİS'te zaten var (aşağıda)."
            )
        if details.kind == "conflict" and any(c.can_merge_rows for c in details.choosers):
            no_conflict += " " + self.tr("«Birleştir» ikisini birlikte korur.")
        self._section(self.tr("Çakışan alanlar"), conflicts, "conflicts", no_conflict)
        self._section(
            self.tr("KOOP-BİS'te başka değişiklikler — çakışma değil (KOOP-BİS'teki hâli korunur)"),
            server_only,
            "serverOnly",
            self.tr("Yok."),
        )
        self._section(
            self.tr("Yalnız sizin değişiklikleriniz — çakışma değil"),
            local_only,
            "localOnly",
            self.tr("Yok."),
        )
        existing = (details.entry.outcome or {}).get("existing")
        if details.kind == "duplicate" and isinstance(existing, Mapping) and existing:
            label = QLabel(
                self.tr("<b>KOOP-BİS'te zaten kayıtlı:</b> {0}").format(escape_html(existing_text(existing)))
            )
            label.setObjectName("existingLabel")
            label.setWordWrap(True)
            self.body_layout.addWidget(label)
        if details.choosers:
            heading = QLabel(
                "<b>"
                + escape_html(self.tr("Çakışan her alan için seçiminiz («Seçimlerle birleştir» için)"))
                + "</b>"
            )
            self.body_layout.addWidget(heading)
            for chooser in details.choosers:
                widget = FieldChooser(chooser)
                if chooser.name in typed and widget.typed_edit is not None and widget.typed_radio is not None:
                    widget.typed_edit.setText(typed[chooser.name])
                    widget.typed_radio.setChecked(True)
                widget.setEnabled(self._refusal is None)
                if self._refusal:
                    widget.setToolTip(self._refusal)
                widget.changed.connect(self.on_chooser_changed)
                self.choosers.append(widget)
                self.body_layout.addWidget(widget)
        self.body_layout.addStretch(1)

    def _build_tab_order(self) -> None:
        chain: list[QWidget] = [self.reason]
        for chooser in self.choosers:
            chain.extend([chooser.local_radio, chooser.server_radio])
            if chooser.merged_radio is not None:
                chain.append(chooser.merged_radio)
            if chooser.typed_radio is not None and chooser.typed_edit is not None:
                chain.extend([chooser.typed_radio, chooser.typed_edit])
        chain.extend([*self.action_buttons, self.cancel_button])
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    # -- buttons ---------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        details = self.details
        ready = details is not None and not self._busy
        kind = details.kind if details is not None else ""
        refusal = self._refusal
        in_conflict = details is not None and details.entry.state == State.CONFLICT

        def set_button(button: QPushButton, usable: bool, why_not: str | None, tip: str) -> None:
            button.setEnabled(ready and in_conflict and usable and why_not is None)
            button.setToolTip(why_not or tip)

        not_conflict = self.tr(
            "Bu çakışmada yerel kaydı yeniden göndermek işe yaramaz (KOOP-BİS aynı cevabı verir); "
            "KOOP-BİS'tekini kabul edin ya da memura iade edin."
        )
        set_button(
            self.keep_button,
            kind == "conflict",
            refusal or (None if kind == "conflict" else not_conflict),
            self.tr(
                "Kayıt olduğu gibi yeniden gönderilir; KOOP-BİS'teki çakışan değerlerin üzerine yazılır "
                "(onlar denetim izinde saklanır)."
            ),
        )
        set_button(
            self.take_button,
            True,
            refusal,
            self.tr("KOOP-BİS'teki kalır; bu kayıt gönderilmez, içeriğiyle 'Vazgeçildi' olarak saklanır."),
        )
        no_choosers = self.tr("Bu çakışmada alan alan seçilebilecek bir alan yok.")
        has_choosers = bool(self.choosers)
        set_button(
            self.merge_button,
            has_choosers,
            refusal or (None if has_choosers else no_choosers),
            self.tr(
                "Her çakışan alan için yukarıda seçtiğiniz değer alınır; birleştirilen kayıt yeni bir "
                "revizyon olarak yeniden gönderilir."
            ),
        )
        set_button(
            self.return_button,
            True,
            self._return_refusal,
            self.tr(
                "Kayıt, gerekçe kutusundaki açıklamayla yazan memura geri gönderilir; hiçbir şey kaybolmaz."
            ),
        )
        target = details.link_target if details is not None else None
        set_button(
            self.link_button,
            target is not None,
            refusal,
            self.tr(
                "Kuruluş kaydı gönderilmez (kooperatif KOOP-BİS'te zaten var); bu kuruluşu bekleyen "
                "kayıtlar mevcut kooperatife bağlanır ve sırayla gönderilir."
            ),
        )
        may_write = ready and in_conflict and (refusal is None or self._return_refusal is None)
        self.reason.setReadOnly(not may_write)
        self.reason.setEnabled(may_write)
        if not may_write and refusal:
            self.reason.setToolTip(refusal)

    def _show_status(self, text: str, *, error: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def on_reason_text_changed(self) -> None:
        if self.status.styleSheet() == ERROR_STYLE and self.reason.toPlainText().strip():
            self._show_status("", error=False)

    def on_chooser_changed(self) -> None:
        if self.status.styleSheet() == ERROR_STYLE:
            self._show_status("", error=False)

    def _reason_or_complain(self) -> str | None:
        text = self.reason.toPlainText().strip()
        if not text:
            self._show_status(
                self.tr("Karar gerekçesi yazılmalıdır; denetim izine girer. Gerekçe kutusuna yazın."),
                error=True,
            )
            self.reason.setFocus()
            return None
        return text

    def _confirm(self, title: str, text: str, accept_text: str) -> bool:
        # Cancel is the default: what a choice drops is named in ``text`` (Anki's conflict dialogs).
        choices = [
            (accept_text, QMessageBox.ButtonRole.AcceptRole),
            (self.tr("&Vazgeç"), QMessageBox.ButtonRole.RejectRole),
        ]
        pressed = messages.ask(
            self,
            title,
            text,
            choices,
            default=1,
            escape=1,
            object_name="conflictConfirm",
            icon=messages.Level.WARNING,
        )
        return pressed == 0

    def on_keep_button_clicked(self) -> None:
        # What is shown now: the confirmation below lets the office's news reload the dialog.
        seen = self.seen
        if not self._may_act(self.keep_button):
            return
        reason = self._reason_or_complain()
        if reason is None:
            return
        lost = "\n".join(self.details.keep_losses() if self.details else [])
        if not self._confirm(
            self.tr("KOOP-BİS'teki değerin üzerine yazılsın mı?"),
            self.tr(
                "KOOP-BİS'te şimdi olan şu değerlerin üzerine girdiğiniz değerler yazılacak:\n{0}\n\n"
                "KOOP-BİS'teki değerler denetim izinde saklanır."
            ).format(lost or self.tr("• (değer düzeyinde çakışma yok)")),
            self.tr("&Üzerine yaz ve gönder"),
        ):
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("Yerel kayıt korunuyor…"),
            lambda store: resolution.keep_local(store, actor, key, reason, seen=seen),
        )

    def on_take_button_clicked(self) -> None:
        # What is shown now: the confirmation below lets the office's news reload the dialog.
        seen = self.seen
        if not self._may_act(self.take_button):
            return
        reason = self._reason_or_complain()
        if reason is None:
            return
        lost = "\n".join(self.details.take_losses() if self.details else [])
        if not self._confirm(
            self.tr("Girdiğiniz değişiklikten vazgeçilsin mi?"),
            self.tr(
                "Girdiğiniz şu değişiklikler KOOP-BİS'e gönderilmeyecek:\n{0}\n\n"
                "Kayıt içeriğiyle birlikte 'Vazgeçildi' olarak saklanır."
            ).format(lost or self.tr("• bu kaydın tamamı")),
            self.tr("&KOOP-BİS'tekini kabul et"),
        ):
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("KOOP-BİS'teki kabul ediliyor…"),
            lambda store: resolution.take_server(store, actor, key, reason, seen=seen),
        )

    def on_merge_button_clicked(self) -> None:
        # What is shown now: the confirmation below lets the office's news reload the dialog.
        seen = self.seen
        if not self._may_act(self.merge_button):
            return
        missing = [c.chooser.label for c in self.choosers if c.choice() is None]
        if missing:
            self._show_status(
                self.tr("Çakışan her alan için seçim yapın: {0}.").format(", ".join(missing)), error=True
            )
            first = next(c for c in self.choosers if c.choice() is None)
            first.local_radio.setFocus()
            return
        typed_empty = [
            c.chooser.label
            for c in self.choosers
            if c.choice() == CHOOSE_TYPED and c.typed_edit is not None and not c.typed_edit.text().strip()
        ]
        if typed_empty:
            self._show_status(
                self.tr("«Elle yaz» seçilen alana değer yazın: {0}.").format(", ".join(typed_empty)),
                error=True,
            )
            return
        reason = self._reason_or_complain()
        if reason is None:
            return
        overwritten = [
            f"• {c.chooser.label}: «{c.chooser.server_text}» yerine «{c.result_text()}»"
            for c in self.choosers
            if c.choice() != CHOOSE_SERVER
        ]
        if overwritten and not self._confirm(
            self.tr("KOOP-BİS'teki değerin üzerine yazılsın mı?"),
            self.tr(
                "Birleştirilen kayıt KOOP-BİS'te şimdi olan şu değerlerin üzerine yazılacak:\n{0}\n\n"
                "KOOP-BİS'teki değerler denetim izinde, girdiğiniz kayıt revizyonlarda saklanır."
            ).format("\n".join(overwritten)),
            self.tr("&Birleştir ve gönder"),
        ):
            return
        choices = {c.chooser.name: c.service_choice() for c in self.choosers}
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("Birleştiriliyor…"),
            lambda store: resolution.merge(store, actor, key, choices, reason, seen=seen),
        )

    def on_return_button_clicked(self) -> None:
        # What is shown now: the confirmation below lets the office's news reload the dialog.
        seen = self.seen
        if not self._may_act(self.return_button):
            return
        comment = self._reason_or_complain()
        if comment is None:
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("Memura iade ediliyor…"),
            lambda store: resolution.return_to_clerk(store, actor, key, comment, seen=seen),
        )

    def on_link_button_clicked(self) -> None:
        # What is shown now: the confirmation below lets the office's news reload the dialog.
        seen = self.seen
        details = self.details
        if not self._may_act(self.link_button) or details is None or details.link_target is None:
            return
        reason = self._reason_or_complain()
        if reason is None:
            return
        target = details.link_target
        if not self._confirm(
            self.tr("Mevcut kooperatife bağlansın mı?"),
            self.tr(
                "Bu kuruluş kaydı KOOP-BİS'e gönderilmeyecek ('Vazgeçildi' olarak saklanır); "
                "onu bekleyen {0} kayıt {1} kooperatifine bağlanacak."
            ).format(details.dependents, target),
            self.tr("&Bağla"),
        ):
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        self._run(
            self.tr("Bağlanıyor…"),
            lambda store: resolution.link_registration(store, actor, key, target, reason, seen=seen),
        )

    def _may_act(self, button: QPushButton) -> bool:
        return self.details is not None and not self._busy and button.isEnabled()

    def _run(self, text: str, op: Any) -> None:
        self._busy = True
        self._show_status(text, error=False)
        self._update_buttons()
        self.ctx.worker.submit(op, self.on_action_succeeded, self.on_action_failed)

    def _reason_key(self, entry_uuid: str) -> tuple[str, str]:
        return (self.ctx.actor.username if self.ctx.actor else "", entry_uuid)

    def done(self, result: int) -> None:
        """Closed without a decision: what was typed as the reason waits for the next opening.

        Not while a decision is being stored: its result (or why it was refused) is shown here.
        """
        if self._busy:
            self._show_status(
                self.tr(
                    "Kararınız kaydediliyor; bitince pencere kendiliğinden kapanır (ya da neden olmadığı yazılır)."
                ),
                error=False,
            )
            return
        text = self.reason.toPlainText()
        typed = {
            c.chooser.name: c.typed_edit.text()
            for c in self.choosers
            if c.typed_edit is not None and c.choice() == CHOOSE_TYPED and c.typed_edit.text().strip()
        }
        if not self._decided and (text.strip() or typed) and self.details is not None:
            _LEFT_REASONS[self._reason_key(self.details.entry.uuid)] = (self.seen, text, typed)
        super().done(result)

    def on_action_succeeded(self, entry: Entry) -> None:
        self._busy = False
        self._decided = True
        _LEFT_REASONS.pop(self._reason_key(entry.uuid), None)
        self.ctx.hub.entries_changed.emit([entry.uuid])
        self.resolved.emit(entry.uuid)
        self.accept()

    def on_action_failed(self, exc: BaseException) -> None:
        self._busy = False
        message = user_message(exc)
        if isinstance(exc, ValidationFailed) and exc.issues:
            message += " " + " ".join(f"{issue.message}" for issue in exc.issues if issue.message)
        self._show_status(message, error=True)
        self._update_buttons()
        if isinstance(exc, ValidationFailed):
            self._focus_issue(exc)
        # The entry may have been decided meanwhile by another supervisor, or met a new conflict:
        # read it again and show it as it is now, the refusal kept in the status, the reason kept.
        key = self.entry_uuid
        changed = isinstance(exc, resolution.ConflictChanged | MovedMeanwhile)
        self.ctx.worker.submit(
            lambda store: load_shown(store, key),
            lambda shown: self.on_reloaded_after_error(shown, message if changed else None),
            None,
        )

    def _focus_issue(self, exc: ValidationFailed) -> None:
        """The keyboard where the fix is typed: the chooser of the first field refused."""
        fields = {issue.path.split("[", 1)[0].split(".", 1)[0] for issue in exc.issues}
        for chooser in self.choosers:
            if chooser.chooser.name in fields:
                if chooser.choice() == CHOOSE_TYPED and chooser.typed_edit is not None:
                    chooser.typed_edit.setFocus()
                    chooser.typed_edit.selectAll()
                else:
                    chooser.local_radio.setFocus()
                return

    def on_reloaded_after_error(self, shown: Shown, refused: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        if refused is not None:
            self.on_details_loaded(shown, refused)
            return
        self.seen, self.details = shown
        self._update_buttons()


Shown = tuple[resolution.Seen, ConflictDetails]


def load_shown(store: Store, entry_uuid: str) -> Shown:
    """What the dialog shows and what a decision on it carries (runs on the DB worker).

    The token is read first: a change between the two reads makes it older than the details,
    so the decision is refused and the entry shown again, never applied to values not shown.
    """
    seen = resolution.seen_now(store, entry_uuid)
    return seen, load_conflict(store, entry_uuid)


def open_conflict(ctx: AppContext, parent: QWidget | None, entry_uuid: str) -> ConflictDialog:
    """Show the conflict dialog without blocking the window behind it."""
    dialog = ConflictDialog(ctx, entry_uuid, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(False)
    dialog.show()
    return dialog
