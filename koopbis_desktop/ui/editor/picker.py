"""The entry editor's cooperative picker: search the offline list, choose one, load its record."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from koopbis_desktop.domain.records import base_value
from koopbis_desktop.store import snapshot
from koopbis_desktop.ui.editor.base import EditorBase
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.editor.seed import cooperative_record, prefilled_values


class CooperativePicker(EditorBase):
    """Searches the offline cooperative list as the clerk types and attaches the form to one."""

    # The search text the list shows the results of (None: none yet), and whether Enter was
    # pressed before the results of what is typed now had come.
    _results_for: str | None = None
    _enter_waiting = False

    def on_picker_edit_text_edited(self, text: str) -> None:
        self.search_timer.start()

    def on_search_timer_timeout(self) -> None:
        text = self.picker_edit.text()
        if not text.strip():
            self.picker_results.clear()
            self.picker_results.hide()
            self._results_for = None
            return
        self.ctx.worker.submit(
            lambda store: snapshot.search(store, text, limit=20),
            self._guard(lambda rows: self.on_search_results(rows, text)),
            self._guard(self.on_worker_error),
            coalesce=f"editor-coop-search-{id(self)}",
        )

    def on_search_results(self, rows: list[dict[str, Any]], text: str | None = None) -> None:
        if text is not None and text != self.picker_edit.text():
            return  # typed on meanwhile: the search of the newer text is on its way
        self._results_for = text
        self.picker_results.clear()
        for row in rows:
            item = QListWidgetItem(f"{row['id']} — {row['title']}")
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.picker_results.addItem(item)
        if not rows:
            item = QListWidgetItem(self.tr("Eşleşen kooperatif yok."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.picker_results.addItem(item)
        elif self.picker_results.count():
            self.picker_results.setCurrentRow(0)
        self.picker_results.show()
        if self._enter_waiting:
            # Enter came before these results: choose only what the typing names for certain
            # (the registry number typed in full, or the one match); else the clerk picks.
            self._enter_waiting = False
            typed = (text or "").strip()
            exact = [row for row in rows if str(row["id"]) == typed]
            chosen = exact[0] if exact else (rows[0] if len(rows) == 1 else None)
            if chosen is not None:
                self.choose_cooperative(str(chosen["id"]))

    def on_picker_edit_return_pressed(self) -> None:
        text = self.picker_edit.text()
        if text.strip() and (self.search_timer.isActive() or self._results_for != text):
            # The list still shows the results of what was typed before (06-00001 when
            # 06-000012 is typed now): Enter must not choose from it.
            self._enter_waiting = True
            self.search_timer.stop()
            self.on_search_timer_timeout()
            return
        item = self.picker_results.currentItem()
        if item is not None and self.picker_results.isVisible():
            self.on_picker_results_item_activated(item)

    def on_picker_down(self) -> None:
        """↓ in the search: into the results list, on the line after the marked one."""
        results = self.picker_results
        if not results.isVisible() or not results.count():
            return
        results.setCurrentRow(min(results.currentRow() + 1, results.count() - 1))
        results.setFocus()

    def on_picker_results_item_activated(self, item: QListWidgetItem) -> None:
        cooperative = item.data(Qt.ItemDataRole.UserRole)
        if not cooperative:
            return
        self.choose_cooperative(str(cooperative))

    def choose_cooperative(self, cooperative: str) -> None:
        """Attach the form to ``cooperative`` and load its record (founding date, current values)."""
        self.cooperative = cooperative
        self._picked = True
        self._picked_again = True
        self.picker_results.hide()
        self.ctx.worker.submit(
            lambda store: cooperative_record(store, cooperative),
            self._guard(self.on_cooperative_loaded),
            self._guard(self.on_worker_error),
        )

    def on_cooperative_loaded(self, record: dict[str, Any] | None) -> None:
        self.record = record
        self._show_header()
        self.picker_edit.clear()
        self._prefill_groups(record)
        self._after_change()
        self._focus_first()

    def _prefill_groups(self, record: dict[str, Any] | None) -> None:
        """The chosen cooperative's current board (auditors) in its table, as a form opened from the
        cooperative starts: only the changes are typed. A table the clerk has typed in is kept."""
        if self.ctype is None or self.entry is not None:
            return
        rows = prefilled_values(self.ctype, record) if record else {}
        for name, row in self.rows.items():
            f = row.field
            if not isinstance(row.widget, GroupField) or not f.snapshot or "{}" in f.snapshot:
                continue
            row.widget.set_current((base_value(record, f.snapshot) or []) if record else [])
            if name not in rows:
                continue
            if row.widget.raw() not in ([], self._prefilled.get(name)):
                continue  # typed in: the clerk's rows stay
            row.widget.set_raw(rows[name])
            self.values[name] = row.widget.raw()
            self._prefilled[name] = row.widget.raw()
