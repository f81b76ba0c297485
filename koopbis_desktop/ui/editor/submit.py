"""The entry editor's actions on the database: save, submit, autosave, ask before closing.

A draft is saved even with errors; Submit needs none. Autosave writes the form as typed to
the scratch table, so a crash loses at most the field being typed.
"""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QMessageBox

from koopbis_desktop.domain.lifecycle import STATE_LABELS, DomainError, IllegalTransition, State
from koopbis_desktop.services import attachments as attachment_service
from koopbis_desktop.services import autosave, capture
from koopbis_desktop.services.entry_changes import diff_lines, typed_against_saved
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry, RevisionChanged
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.editor.base import EditorBase
from koopbis_desktop.ui.editor.live import EntryNews, load_news
from koopbis_desktop.ui.errors import user_message

log = logging.getLogger(__name__)

AUTOSAVE_INTERVAL_MS = 3000  # after the last keystroke
AUTOSAVE_RETRY_MAX_MS = 60_000  # the longest wait before trying a refused copy again


def _hold_failed(exc: BaseException) -> None:
    # The copy itself is safe; only whether another PC offers it back is affected.
    log.info("marking an autosaved form as open failed: %s", exc)


class SubmitActions(EditorBase):
    """Save as draft, submit for approval, autosave, and the question before closing unsaved work."""

    def on_save_button_clicked(self) -> None:
        self.save(then_submit=False)

    def on_submit_button_clicked(self) -> None:
        self.commit_open_cells()
        if self.ctype is not None and not self.read_only and not self.reveal_all:
            self.reveal_everything()
        blocker = self.submit_blocker()
        if blocker:
            self.status.setText(blocker)
            return
        self.save(then_submit=True)

    def save(self, *, then_submit: bool, then_close: bool = False) -> None:
        if self.ctype is None or self.read_only or self.busy:
            return
        self.commit_open_cells()
        self.validate_timer.stop()
        self.revalidate()
        if not self.ctype.registers and not self.cooperative:
            self.status.setText(self.tr("Kaydetmek için önce kooperatifi seçin."))
            self.picker_edit.setFocus()
            return
        actor = self.actor
        data = self.raw_form()
        shas = self.attachment_panel.shas()
        entry, loaded_revision = self.entry, self.loaded_revision
        needs_revision = entry is None or self.is_dirty() or entry.state != State.DRAFT
        type_id, cooperative, form_id, planned = (
            self.ctype.id,
            self.cooperative,
            self.form_id,
            self.planned_uuid,
        )

        def op(store: Store) -> tuple[Entry, BaseException | None]:
            with store.atomic():
                if entry is None:
                    saved = capture.create_entry(
                        store, actor, type_id, cooperative, data, allow_errors=True, entry_uuid=planned
                    )
                elif needs_revision:
                    saved = capture.edit_entry(
                        store, actor, entry.uuid, data, allow_errors=True, loaded_revision=loaded_revision
                    )
                else:
                    saved = entry
                attachment_service.sync_links(store, actor, saved.uuid, shas)
                autosave.discard(store, form_id)
            if not then_submit:
                return saved, None
            try:
                return capture.submit_entry(store, actor, saved.uuid), None
            except DomainError as exc:
                return entries.get_entry(store, saved.uuid), exc
            except Exception as exc:
                # The draft is stored (its transaction committed above); only the submission
                # failed and rolled back. The form must know its entry, or the next Kaydet
                # would create it a second time. (``user_message`` logs what it does not expect.)
                return saved, exc

        self.busy = True
        self._saving_to_close = then_close
        self.autosave_timer.stop()
        self._autosave_pending = False
        self._update_buttons()
        if then_submit:
            self._freeze_for_submit(True)
            self.status.setText(self.tr("Onaya gönderiliyor… (gönderilirken form değiştirilemez)"))
        else:
            self.status.setText(self.tr("Kaydediliyor…"))
        saving = (data, shas)
        self.ctx.worker.submit(
            op,
            self._guard(lambda result: self.on_saved(result, then_close, saving)),
            self._guard(self.on_save_failed),
        )

    def _freeze_for_submit(self, frozen: bool) -> None:
        """While a submission is on its way (a slow office database) the fields take no typing:
        the entry goes for approval as it was when Ctrl+Enter was pressed and the form closes,
        so letters typed meanwhile would vanish with it. Thawed when the submission fails or is
        refused; the field the clerk was in gets the focus back."""
        if frozen == self._frozen_for_submit:
            return
        self._frozen_for_submit = frozen
        if frozen:
            self._focus_before_submit = self.focusWidget()
        locked = frozen or self.read_only
        for row in self.rows.values():
            row.widget.set_read_only(locked)
        self.attachment_panel.set_read_only(locked)
        self.picker_edit.setReadOnly(frozen)
        if not frozen:
            focus, self._focus_before_submit = self._focus_before_submit, None
            if focus is not None and shiboken6.isValid(focus) and focus.isEnabled() and self.isActiveWindow():
                focus.setFocus()

    def on_saved(
        self,
        result: tuple[Entry, BaseException | None],
        then_close: bool,
        saving: tuple[dict[str, Any], list[str]] | None = None,
    ) -> None:
        entry, submit_error = result
        self.busy = False
        if entry.state != State.SUBMITTED:  # refused (submitted, the form closes frozen)
            self._freeze_for_submit(False)
        self.entry = entry
        self.loaded_revision = entry.revision
        self._claim_if_editing()
        self._restored = False
        self._autosave_failures = 0  # saved: a copy refused earlier no longer matters
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        # Typed on while the database saved (a slow office server): that is not in the draft,
        # so the form stays unsaved (closing asks) and its autosave takes it now.
        typed_meanwhile = saving is not None and saving != (self.raw_form(), self.attachment_panel.shas())
        if not typed_meanwhile:
            self._attachments_dirty = False
            self.undo_stack.setClean()
        time = QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey).toString(
            QTime.currentTime(), "HH:mm"
        )
        self.ctx.hub.entries_changed.emit([entry.uuid])
        self.saved.emit(entry.uuid)
        if entry.state == State.SUBMITTED:
            self.status.setText(self.tr("{0} onaya gönderildi.").format(time))
            self._decide_read_only()
            self._show_header()
            self._update_buttons()
            self.submitted.emit(entry.uuid)
            self.ctx.hub.message.emit(self.tr("Kayıt onaya gönderildi."))
            self._closing_confirmed = True
            self.accept()
            return
        if submit_error is not None:
            self.status.setText(
                self.tr("Kaydedildi, ama onaya gönderilemedi: {0}").format(user_message(submit_error))
            )
        elif typed_meanwhile:
            self.status.setText(
                self.tr(
                    "{0} taslak olarak kaydedildi ({1}. sürüm); kaydederken yazdıklarınız henüz kaydedilmedi "
                    "(otomatik yedekleniyor)."
                ).format(time, entry.revision)
            )
        else:
            self.status.setText(
                self.tr("{0} taslak olarak kaydedildi ({1}. sürüm).").format(time, entry.revision)
            )
        self.comment_banner.setVisible(bool(entry.comment))
        self.changed_banner.hide()  # saved: the news it gave has been dealt with
        self._decide_read_only()
        self._show_header()
        self.revalidate()  # what the database's check found on the saved entry shows at its field
        if typed_meanwhile:
            self._autosave_pending = True
            self.autosave_now()
        self._saving_to_close = False
        if then_close:
            self.close_save_ended.emit(not typed_meanwhile)
        if then_close and not typed_meanwhile:
            self._closing_confirmed = True
            self.accept()

    def on_save_failed(self, exc: BaseException) -> None:
        self.busy = False
        if self._saving_to_close:
            self._saving_to_close = False
            self.close_save_ended.emit(False)
        self._freeze_for_submit(False)
        self._update_buttons()
        if isinstance(exc, RevisionChanged):
            self.on_overtaken(exc)
        elif isinstance(exc, IllegalTransition) and self.entry is not None:
            self.on_moved_away(exc)
        else:
            message = user_message(exc)
            self.status.setText(self.tr("Kaydedilemedi: {0}").format(message))
            self.ctx.hub.error.emit(message)
        self._autosave_pending = True
        self.autosave_now()

    def on_overtaken(self, exc: RevisionChanged) -> None:
        """Someone saved a newer revision meanwhile: show what differs, keep what was typed.

        The form goes on from the newer revision, so saving again puts the person's values
        over it knowingly, having seen what they replace.
        """
        assert self.ctype is not None
        typed = self.validation.payload if self.validation is not None else self.raw_form()
        lines = diff_lines(typed_against_saved(self.ctype, exc.newer_payload, typed))
        if lines:
            informative = self.tr("Kaydedilen sürüm → sizin yazdığınız:") + "\n" + "\n".join(lines)
        else:
            informative = self.tr("Kaydedilen sürüm sizin yazdıklarınızla aynı alan değerlerini taşıyor.")
        self.status.setText(
            self.tr(
                "Kaydedilmedi: {0} arada {1}. sürümü kaydetti. Yazdıklarınız formda duruyor; farkları gözden "
                "geçirip yeniden kaydederseniz onun sürümünün üzerine kaydedilir."
            ).format(exc.saved_by, exc.stored_revision)
        )
        messages.show_warning(
            self,
            self.tr("Kayıt siz düzenlerken değişti"),
            exc.message,
            informative=informative,
            object_name="revision_changed",
        )
        # The same as when the news comes before Kaydet (live.py): the bar says who saved and
        # what differs, and the form goes on from the newer revision keeping what was typed.
        key = exc.entry_uuid
        self.ctx.worker.submit(
            lambda store: load_news(store, key, None),
            self._guard(lambda news: self.on_entry_news(news, since_typing=True)),
            self._guard(self.on_worker_error),
        )

    def on_moved_away(self, exc: IllegalTransition) -> None:
        """The entry left draft/returned meanwhile (submitted, approved, withdrawn, on this PC or
        another): nothing was stored. The form turns read-only as the entry now is, keeping what
        was typed on screen and in the autosave, and says what was not saved and what to do."""
        assert self.entry is not None
        self.status.setText(self.tr("Kaydedilemedi: {0}").format(exc.message))
        key = self.entry.uuid
        self.ctx.worker.submit(
            lambda store: load_news(store, key, None),
            self._guard(lambda news: self.on_moved_entry_loaded(news, exc)),
            self._guard(self.on_worker_error),
        )

    def on_moved_entry_loaded(self, news: EntryNews, exc: IllegalTransition) -> None:
        assert self.ctype is not None
        typed = self.validation.payload if self.validation is not None else self.raw_form()
        moved = news.entry
        # The same as when the news comes before Kaydet (live.py): the bar, read-only or not.
        self.on_entry_news(news, since_typing=True)
        if not self.read_only:  # editable again (returned meanwhile): saving goes on from here
            return
        state = STATE_LABELS[moved.state]
        if moved.state in (State.SUBMITTED, State.APPROVED):
            then = self.tr(
                "Yazdıklarınız formda duruyor. Düzeltmenin kayda girmesi için şefinizden kaydı size iade "
                "etmesini isteyin."
            )
        else:
            then = self.tr(
                "Yazdıklarınız formda duruyor; bu kayıt artık değiştirilemez. Gerekiyorsa şefinize danışın."
            )
        self.status.setText(
            self.tr("Kaydedilmedi: kayıt siz düzenlerken '{0}' durumuna geçti. {1}").format(state, then)
        )
        lines = diff_lines(typed_against_saved(self.ctype, moved.payload, typed))
        if lines:
            informative = (
                self.tr("Kayıttaki değer → sizin yazdığınız (kaydedilmedi):") + "\n" + "\n".join(lines)
            )
        else:
            informative = self.tr("Yazdıklarınız kayıttaki değerlerle aynı; kaybolan bir şey yok.")
        messages.show_warning(
            self,
            self.tr("Kayıt siz düzenlerken değişti"),
            f"{exc.message} {then}",
            informative=informative,
            object_name="entry_moved",
        )

    # -- autosave ---------------------------------------------------------------------------

    def autosave_now(self) -> None:
        """Write the form as typed to the scratch table (through the worker)."""
        self.autosave_timer.stop()
        if not self._autosave_pending or self.ctype is None or self.read_only or self.busy:
            return
        self._autosave_pending = False
        actor, form_id, type_id = self.actor, self.form_id, self.ctype.id
        cooperative, entry_uuid, loaded_revision = self.cooperative, self.entry_uuid, self.loaded_revision
        # A table cell being typed in is part of the copy too (a crash must not lose it).
        payload, shas = self.raw_form(as_typed=True), self.attachment_panel.shas()
        self.ctx.worker.submit(
            lambda store: autosave.save(
                store,
                actor,
                form_id,
                type_id=type_id,
                cooperative=cooperative,
                entry_uuid=entry_uuid,
                payload=payload,
                attachments=shas,
                loaded_revision=loaded_revision,
            ),
            self._guard(self.on_autosaved),
            self._guard(self.on_autosave_failed),
            coalesce=f"autosave-{form_id}",
        )

    def on_autosaved(self, _result: object = None) -> None:
        if not self._autosave_failures:
            return
        # Written again after a refusal: the waits go back to normal and the line says so.
        self._autosave_failures = 0
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        if self.is_dirty():
            self.status.setText(
                self.tr("Kaydedilmemiş değişiklikler var; form yeniden otomatik olarak yedeklendi.")
            )
        else:
            self.status.setText(self.tr("Form yeniden otomatik olarak yedeklendi."))

    def on_autosave_failed(self, exc: BaseException) -> None:
        """The copy was not written (a busy or unreachable database, a full disk): the form says
        so, the copy is tried again, each time waiting longer, until it is written or saved."""
        self._autosave_failures += 1
        self._autosave_pending = True
        delay = min(AUTOSAVE_INTERVAL_MS * 2**self._autosave_failures, AUTOSAVE_RETRY_MAX_MS)
        self.autosave_timer.start(delay)
        self.status.setText(
            self.tr(
                "Form otomatik olarak yedeklenemedi: {0} {1} saniye sonra yeniden denenecek; yazdıklarınızı "
                "hemen korumak için kaydedin (Ctrl+S)."
            ).format(user_message(exc), delay // 1000)
        )

    def hold_autosave(self) -> None:
        """Say again that this form is open on this PC, so another PC's sign-in does not offer
        its scratch copy back (every ``presence.HEARTBEAT_S`` seconds; nothing without a copy)."""
        if self.read_only:
            return
        form_id = self.form_id
        self.ctx.worker.submit(
            lambda store: autosave.hold(store, form_id),
            None,
            _hold_failed,
            coalesce=f"autosave-hold-{form_id}",
        )

    def let_go_autosave(self) -> None:
        """The form closed keeping its copy: any PC may offer it back from now on."""
        form_id = self.form_id
        self.ctx.worker.submit(lambda store: autosave.let_go(store, form_id), None, _hold_failed)

    def on_worker_error(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc))

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        answer = messages.ask(
            self,
            self.tr("Kaydedilmemiş değişiklikler"),
            self.tr("Kaydedilmemiş değişiklikler var."),
            [
                (self.tr("Kaydet"), messages.Role.AcceptRole),
                (self.tr("Vazgeç (değişiklikleri at)"), messages.Role.DestructiveRole),
                (self.tr("İptal"), messages.Role.RejectRole),
            ],
            informative=self.tr(
                "Kaydet: taslak olarak kaydeder. Vazgeç: bu formdaki kaydedilmemiş değişiklikleri atar. "
                "İptal: forma geri döner."
            ),
            default=2,
            escape=2,
            object_name="unsaved_question",
        )
        if answer == 0:
            return QMessageBox.StandardButton.Save
        if answer == 1:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Cancel

    def _may_close(self) -> bool:
        if self.busy:
            return False
        if not self._closing_confirmed and not self.read_only:
            self.commit_open_cells()
        if not self._closing_confirmed and self.read_only and self._restored:
            return self._may_close_unsaveable_copy()
        if self._closing_confirmed or self.read_only or not self.is_dirty():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            self.save(then_submit=False, then_close=True)
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_autosave()
            return True
        return False

    def _may_close_unsaveable_copy(self) -> bool:
        """A restored copy of an entry that can no longer be edited: delete it, or keep it for later.

        Kept (or the question closed), it is offered again at the next sign-in, as before.
        """
        answer = messages.ask(
            self,
            self.tr("Kaydedilemeyen form"),
            self.tr(
                "Bu formda yazdıklarınız kaydedilemez: {0} Otomatik kaydedilmiş kopyası silinsin mi?"
            ).format(self.read_only_reason),
            [
                (self.tr("Kopyayı sil"), messages.Role.DestructiveRole),
                (self.tr("Sakla"), messages.Role.RejectRole),
            ],
            informative=self.tr(
                "Saklarsanız bir sonraki girişte yeniden sorulur. Silinen kopya geri alınamaz."
            ),
            default=1,
            escape=1,
            object_name="unsaveable_copy_question",
            icon=messages.Level.WARNING,
        )
        if answer == 0:
            self._discard_autosave()
            self._restored = False  # nothing of it is left to keep when the form closes
        return True

    def _discard_autosave(self) -> None:
        self.autosave_timer.stop()
        self._autosave_pending = False
        form_id = self.form_id
        self.ctx.worker.submit(lambda store: autosave.discard(store, form_id))
