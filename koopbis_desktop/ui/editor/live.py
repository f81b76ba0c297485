"""The open form hears its entry change elsewhere, at once, not when Kaydet is pressed.

Another PC of the office (LISTEN/NOTIFY through ``hub.changed``), another window of
this PC (the DB worker's own announcement), or something nobody announces (the
``koopbis`` CLI on the same file: checked again when the form's window is activated
and on every presence heartbeat) may save a newer revision of the entry, send it for
approval, approve, return, withdraw or discard it while the clerk types. The form then
reads the entry (one cheap query per announcement) and, if its state or revision is no
longer the one it shows, says so in a bar above the form: who did what, when, and what
to do next. What was typed is never lost: it stays on screen and its autosave copy is
written before the form turns read-only.

What follows is what a refused Kaydet already did (``submit.py``), so there is one
behaviour whether the news came first or the refusal:

- a newer revision, the entry still editable: a form with typing keeps it and goes on from
  the newer revision, the bar listing what differs (Kaydet then puts the typing over it
  knowingly); an untouched form shows the newer values;
- the entry moved where this person may not edit it (sent, approved, withdrawn, …): the
  form turns read-only, keeping the typing on screen and in the autosave, and says what to
  ask for (the supervisor's return) or that it cannot change any more;
- editable again (the supervisor returned it): the form opens for the correction and the
  return note shows above it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QAbstractItemView

from koopbis_desktop.domain.display import format_stamp
from koopbis_desktop.domain.lifecycle import (
    ACTION_LABELS,
    STATE_LABELS,
    Action,
    DomainError,
    State,
    check_move,
)
from koopbis_desktop.services import attachments as attachment_service
from koopbis_desktop.services.entry_changes import diff_lines, typed_against_saved
from koopbis_desktop.store import entries
from koopbis_desktop.store.attachments import AttachmentInfo
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui.editor.base import EditorBase
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.editor.seed import person

log = logging.getLogger(__name__)

# At most this many differing fields are listed in the bar (the rest are counted).
BAR_DIFF_LINES = 8


@dataclass
class EntryNews:
    """The entry as it is now, and the last thing done to it (its newest audit row)."""

    entry: Entry
    last: dict[str, Any] | None = None
    attachments: list[AttachmentInfo] = field(default_factory=list)
    who: str = "?"  # who did it, as people are named ("Ayşe Yılmaz (ayse)")


def load_news(store: Store, entry_uuid: str, shown: tuple[State, int] | None) -> EntryNews | None:
    """The entry's news, or None while its state and revision are still ``shown``."""
    now = entries.get_entry(store, entry_uuid)
    if shown is not None and (now.state, now.revision) == shown:
        return None
    rows = entries.audit_rows(store, entry_uuid)
    last = rows[-1] if rows else None
    who = person(store, str(last["actor"])) if last is not None else "?"
    return EntryNews(now, last, attachment_service.list_for_entry(store, entry_uuid), who)


def _check_failed(exc: BaseException) -> None:
    # A failed look is no news; the next announcement or Kaydet looks again.
    log.info("checking the open entry for changes failed: %s", exc)


class LiveEntry(EditorBase):
    """Follows the open entry's state and revision while the form is open."""

    def on_hub_changed(self, changes: OpChanges) -> None:
        if changes.entries:  # the answer reaches the form only while it exists (_guard)
            self.check_entry()

    def check_entry(self) -> None:
        """Read the entry again (through the worker); news is shown by :meth:`on_entry_news`."""
        if not self.is_loaded or self.entry is None:
            return
        key, shown = self.entry.uuid, (self.entry.state, self.entry.revision)
        self.ctx.worker.submit(
            lambda store: load_news(store, key, shown),
            self._guard(self.on_entry_news),
            _check_failed,
            coalesce=f"editor-news-{self.form_id}",
        )

    def on_entry_news(self, news: EntryNews | None, *, since_typing: bool = False) -> None:
        """Show what changed. ``since_typing``: compared with the revision the typing was on, not
        with what the form last read (a save refused for it; a form restored from an autosave
        typed on an older revision than the entry it opened)."""
        before = self.entry
        if news is None or before is None or self.busy:
            # A save of this form is on its way: its answer (saved, or refused with the news) tells.
            return
        now = news.entry
        if now.uuid != before.uuid:
            return
        typed_on = self.loaded_revision if self.loaded_revision is not None else before.revision
        seen = (before.state, typed_on if since_typing else before.revision)
        if (now.state, now.revision) == seen:
            return
        if not self._may_edit(now):
            # The form turns read-only: a table cell still being typed keeps its text first. An
            # editable form leaves the cell open under the typing (its text is no news).
            self.commit_open_cells()
        if self.validate_timer.isActive():  # typed a moment ago: compare what is on screen now
            self.validate_timer.stop()
            self.revalidate()
        typed = self.validation.payload if self.validation is not None else self.raw_form()
        dirty = self.is_dirty() or self._typing_in_a_cell()
        newer = now.revision != typed_on
        if dirty and self._autosave_pending and not self.read_only:
            self.autosave_now()  # the typing is in the autosave before anything else happens
        self.entry = now
        self.loaded_revision = now.revision
        if news.last is not None and str(news.last["action"]) in (
            Action.RETURN.value,
            Action.RETURN_REJECTED.value,
        ):
            self.returned = (news.who, str(news.last["at"]))  # the note's banner names who, and when
        if newer and not dirty:
            self._show_saved_values(news)
        self._decide_read_only()
        self._show_header()
        self._update_buttons()
        if self.read_only:
            if self.claim is not None:
                self.claim.release()  # nobody edits it here any more: the lists stop saying so
                self.claim = None
        else:
            self._claim_if_editing()
        self.changed_banner.setText(self._news_text(news, typed, dirty=dirty, newer=newer))
        self.changed_banner.show()

    def _typing_in_a_cell(self) -> bool:
        """A table cell is being typed in: its text is in no undo step yet, but it is typing."""
        return any(
            isinstance(row.widget, GroupField)
            and row.widget.table.state() == QAbstractItemView.State.EditingState
            for row in self.rows.values()
        )

    def _may_edit(self, entry: Entry) -> bool:
        try:
            check_move(Action.EDIT, entry.state, self.actor, entry.author)
        except DomainError:
            return False
        return True

    def _show_saved_values(self, news: EntryNews) -> None:
        """An untouched form shows the newer revision (nothing typed here to keep)."""
        payload = news.entry.payload
        self.is_loaded = False  # shown as loaded, not typed: no undo step, no autosave, no focus move
        try:
            self.apply_values({name: payload.get(name) for name in self.rows})
        finally:
            self.is_loaded = True
        self.values = {name: row.widget.raw() for name, row in self.rows.items()}
        self.attachment_panel.set_items(news.attachments)
        self._attachments_dirty = False
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.revalidate()

    def _news_text(self, news: EntryNews, typed: dict[str, Any], *, dirty: bool, newer: bool) -> str:
        """Who did what, what the entry is now, and what to do next (plain Turkish)."""
        now = news.entry
        last = news.last
        action: Action | None = None
        if last is not None:
            try:
                action = Action(str(last["action"]))
            except ValueError:
                action = None
        who = news.who
        when = format_stamp(str(last["at"])) if last is not None else ""
        if action == Action.EDIT or (newer and action is None):
            done = self.tr("{0} bu kaydı {1} yeniden kaydetti ({2}. sürüm).").format(who, when, now.revision)
        elif action == Action.RETURN:
            done = self.tr("{0} kaydı {1} size iade etti.").format(who, when)
        else:
            label = ACTION_LABELS[action] if action is not None else self.tr("değişiklik")
            done = self.tr("Bu kayıt siz açıkken değişti: {0} — {1}, {2}.").format(label, who, when)
        state = self.tr("Kayıt şimdi '{0}' durumunda, {1}. sürüm.").format(
            STATE_LABELS[now.state], now.revision
        )
        lines = (
            diff_lines(typed_against_saved(self.ctype, now.payload, typed)) if dirty and self.ctype else []
        )
        if self.read_only:
            if now.state in (State.SUBMITTED, State.APPROVED):
                then = self.tr(
                    "Bu formda artık kaydedilemez. Düzeltmenin kayda girmesi için şefinizden kaydı size iade "
                    "etmesini isteyin."
                )
            else:
                then = self.tr(
                    "Bu formda artık kaydedilemez; bu kayıt artık değiştirilemez. Gerekiyorsa şefinize danışın."
                )
            if dirty:
                then += " " + self.tr(
                    "Yazdıklarınız formda ve otomatik yedekte duruyor; kaybolmadı, yeniden yazmanız gerekmez."
                )
            head = self.tr("Kayıttaki değer → sizin yazdığınız (kaydedilmedi):")
        elif newer and dirty and not lines:
            then = self.tr(
                "Kaydedilen sürüm sizin yazdıklarınızla aynı değerleri taşıyor; kaybolan bir şey yok."
            )
            head = ""
        elif newer and dirty:
            then = self.tr(
                "Yazdıklarınız formda ve otomatik yedekte duruyor. Farklara bakın: Kaydet'e basarsanız "
                "yazdıklarınız {0}. sürümün üzerine kaydedilir; onun değerini isterseniz o alanı düzeltin."
            ).format(now.revision)
            head = self.tr("Kaydedilen sürüm → sizin yazdığınız:")
        elif newer:
            then = self.tr("Formda bu yeni sürüm gösteriliyor; sizin yazıp kaybettiğiniz bir şey yok.")
            head = ""
        else:
            then = self.tr("Kayıt yeniden düzenlenebilir: düzeltip kaydedin ya da onaya gönderin.")
            if action == Action.RETURN:
                then = self.tr("İade notu yukarıda; kaydı düzeltip yeniden onaya gönderebilirsiniz.")
            head = ""
        text = f"{done} {state} {then}"
        if lines and head:
            shown = lines[:BAR_DIFF_LINES]
            if len(lines) > len(shown):
                shown.append(self.tr("… ve {0} alan daha.").format(len(lines) - len(shown)))
            text += "\n" + head + "\n" + "\n".join(shown)
        return text
