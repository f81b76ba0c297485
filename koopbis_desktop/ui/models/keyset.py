"""A read-only table that reads its rows a keyset page at a time from the DB worker.

For lists that may hold tens of thousands of rows in one fixed order (receipts
newest first, cooperatives by Turkish title): the first page comes at once, the
view's ``fetchMore`` asks for the page after the last row read, by that row's key,
so each page costs one index range wherever it lies. Rows may also be set whole
(``set_rows``, e.g. ranked search hits); then nothing more is fetched. A generation
number drops pages that arrive for a list since reloaded or replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from koopbis_desktop.services.queries import PageKey
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.text_table import Column, TextTableModel

PAGE_SIZE = 200


@dataclass(frozen=True)
class KeysetSource:
    """Where the rows come from: a page after a key (None: the first page), each row's key, the count."""

    page: Callable[[Store, PageKey | None, int], list[Any]]
    key: Callable[[Any], PageKey]
    count: Callable[[Store], int]

    def first(self, store: Store, size: int) -> tuple[int, list[Any]]:
        """The count and the first page (one job on the DB worker)."""
        return self.count(store), self.page(store, None, size)


class KeysetTableModel(TextTableModel):
    """:class:`TextTableModel` rows read in keyset pages of ``page_size`` as the view scrolls."""

    loaded = Signal()  # the first page or a further page arrived
    failed = Signal(str)  # a Turkish sentence

    def __init__(
        self,
        ctx: AppContext,
        columns: Sequence[Column],
        *,
        page_size: int = PAGE_SIZE,
        highlighted: Callable[[Any], bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(columns, highlighted=highlighted, parent=parent)
        self._ctx = ctx
        self._page_size = page_size
        self._source: KeysetSource | None = None
        self._total = 0
        self._complete = True
        self._fetching = False
        self._generation = 0

    @property
    def total(self) -> int:
        """How many rows the list holds, read or not (the rows shown when set whole)."""
        return self._total if self._source is not None else self.rowCount()

    @property
    def paging(self) -> bool:
        """Whether the rows come page by page from a source (not set whole)."""
        return self._source is not None

    @property
    def is_loaded(self) -> bool:
        return not self._fetching

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows and fetch nothing more."""
        self._generation += 1
        self._source = None
        self._fetching = False
        self._complete = True
        super().set_rows(rows)

    def set_source(self, source: KeysetSource, *, load: bool = True) -> None:
        """Read the rows from ``source`` from now on (the first page now unless ``load`` is False)."""
        self._generation += 1
        self._source = source
        self._fetching = False
        self._complete = True  # until the first page says otherwise
        if load:
            self.reload()

    def reload(self) -> None:
        """Count and read the first page again (after a data change)."""
        source = self._source
        if source is None:
            return
        self._generation += 1
        generation = self._generation
        size = self._page_size
        self._fetching = True

        def op(store: Store) -> tuple[int, list[Any]]:
            return source.first(store, size)

        self._ctx.worker.submit(
            op,
            lambda result: self._on_first_page(generation, result),
            self._on_error,
            coalesce=f"keyset-reload-{id(self)}",
        )

    @property
    def page_size(self) -> int:
        return self._page_size

    def set_source_with_first_page(self, source: KeysetSource, total: int, rows: list[Any]) -> None:
        """Read from ``source`` from now on, its count and first page already read (``source.first``)."""
        self._generation += 1
        self._source = source
        self._on_first_page(self._generation, (total, rows))

    def _on_first_page(self, generation: int, result: tuple[int, list[Any]]) -> None:
        # The page that asked may have closed while the worker read (a job is never withdrawn).
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        total, rows = result
        self._fetching = False
        # A full page may be the last one: the count says so (rows written since come with
        # the reload their change brings).
        self._complete = len(rows) < self._page_size or len(rows) >= total
        self._total = len(rows) if self._complete else total
        super().set_rows(rows)
        self.loaded.emit()

    def _on_error(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._fetching = False
        self.failed.emit(user_message(exc))

    # -- lazy fetching ----------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._source is not None and not self._fetching and not self._complete

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        source = self._source
        if source is None or not self.canFetchMore(parent):
            return
        after = source.key(self._rows[-1]) if self._rows else None
        generation = self._generation
        size = self._page_size
        self._fetching = True

        def done(rows: list[Any]) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            try:
                self._on_page(rows)
            finally:
                self._fetching = False
            self.loaded.emit()

        self._ctx.worker.submit(lambda store: source.page(store, after, size), done, self._on_error)

    def _on_page(self, rows: list[Any]) -> None:
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        if len(rows) < self._page_size or len(self._rows) >= self._total:
            self._complete = True
            self._total = len(self._rows)  # rows may have come or gone since the count

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # A paged list keeps the order its pages are read in: sorting the rows read so far
        # would put the next page's rows in the wrong places.
        if self._source is None:
            super().sort(column, order)


__all__ = ["PAGE_SIZE", "KeysetSource", "KeysetTableModel"]
