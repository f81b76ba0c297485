"""The lazy entry model on 50,000 entries: first page only, fetchMore, SQL sorting, folded text filter."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.domain.text import fold
from koopbis_desktop.services import queries
from koopbis_desktop.services.queries import EntryFilter
from koopbis_desktop.store import entry_batches, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entry_batches import NewDraft
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.models.entries import COL_COOPERATIVE, COL_UPDATED, PAGE_SIZE, EntryTableModel
from koopbis_desktop.ui.pages.queue import PRESET_BY_KEY, QueuePage
from koopbis_desktop.ui.worker import DbWorker
from tests.ui.conftest import hold_worker, wait_idle

BULK = 50_000


@pytest.fixture
def many_entries(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> int:
    """50,000 entries by plain SQL, plus three 'merger' entries whose cooperatives test Turkish order."""
    extra = []
    for coop_id, title in (
        ("06-900010", "Dereboyu Konut Yapı Kooperatifi"),
        ("06-900011", "Çağlayan Konut Yapı Kooperatifi"),
        ("06-900012", "Cemre Konut Yapı Kooperatifi"),
    ):
        record = dict(cooperatives[0])
        record.update(id=coop_id, title=title, vkn=None)
        extra.append(record)
    snapshot.upsert_records(store, extra)
    coop_ids = [str(c["id"]) for c in cooperatives]
    states = [State.DRAFT, State.SUBMITTED, State.APPROVED, State.RETURNED]
    drafts = []
    for n in range(BULK):
        stamp = f"2015-03-01T10:{(n // 60) % 60:02d}:{n % 60:02d}.{n % 1000:03d}+00:00"
        drafts.append(
            NewDraft(
                str(uuid.UUID(int=n + 1)),
                "member.admit",
                coop_ids[n % len(coop_ids)],
                None,
                f"2015-02-{1 + n % 27:02d}",
                states[n % 4].value,
                ("ayse", "mehmet")[n % 2],
                "{}",
                "{}",
                "[]",
                stamp,
                stamp,
                f"ortak {n}",
            )
        )
    for n, coop_id in enumerate(("06-900010", "06-900011", "06-900012")):
        stamp = f"2015-03-02T10:00:0{n}.000+00:00"
        drafts.append(
            NewDraft(
                str(uuid.uuid4()),
                "merger",
                coop_id,
                None,
                "2015-02-20",
                "draft",
                "ayse",
                "{}",
                "{}",
                "[]",
                stamp,
                stamp,
                "",
            )
        )
    with store.atomic() as conn:
        entry_batches.insert_drafts(conn, drafts)
    return len(drafts)


def _loaded(qtbot: Any, model: EntryTableModel, flt: EntryFilter) -> None:
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.set_filter(flt)


def test_first_page_only_then_fetch_more(
    qtbot: Any, make_ctx: Callable[[str], AppContext], many_entries: int, worker: DbWorker
) -> None:
    model = EntryTableModel(make_ctx("ayse"))
    _loaded(qtbot, model, EntryFilter())
    assert model.total == many_entries
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    first = model.entry_at(0)
    assert first is not None and first.type == "merger"  # newest first
    wait_idle(qtbot, worker)


def test_sorting_by_cooperative_uses_turkish_order(
    qtbot: Any, make_ctx: Callable[[str], AppContext], many_entries: int
) -> None:
    model = EntryTableModel(make_ctx("ayse"))
    _loaded(qtbot, model, EntryFilter(type_id="merger"))
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.sort(COL_COOPERATIVE)
    titles = [model.entry_at(r).cooperative_title for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert [t.split()[0] for t in titles] == ["Cemre", "Çağlayan", "Dereboyu"]
    text = model.data(model.index(1, COL_COOPERATIVE))
    assert text == "06-900011 Çağlayan Konut Yapı Kooperatifi"


def test_state_author_and_date_filters(
    qtbot: Any, make_ctx: Callable[[str], AppContext], many_entries: int
) -> None:
    model = EntryTableModel(make_ctx("ayse"))
    _loaded(
        qtbot,
        model,
        EntryFilter(states=(State.SUBMITTED,), author="mehmet", date_from="2015-02-05", date_to="2015-02-05"),
    )
    assert model.total > 0
    for r in range(model.rowCount()):
        row = model.entry_at(r)
        assert row is not None
        assert (row.state, row.author, row.effective_date) == (State.SUBMITTED, "mehmet", "2015-02-05")


def test_text_filter_folds_turkish_letters_through_the_page(
    qtbot: Any, make_ctx: Callable[[str], AppContext], many_entries: int
) -> None:
    page = QueuePage(make_ctx("ayse"), PRESET_BY_KEY["all"])
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.is_loaded, timeout=20_000)
    with qtbot.waitSignal(page.model.loaded, timeout=20_000):
        qtbot.keyClicks(page.search_edit, "isik")
    assert 0 < page.model.total < many_entries
    titles = [page.model.entry_at(r).cooperative_title for r in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert all("isik" in fold(title) for title in titles)
    assert any(title.startswith("IŞIK Çağdaş") for title in titles)
    assert "kayıt" in page.count_label.text()


def test_model_passes_qtmodeltester(
    qtbot: Any, qtmodeltester: Any, make_ctx: Callable[[str], AppContext], many_entries: int, worker: DbWorker
) -> None:
    model = EntryTableModel(make_ctx("ayse"), page_size=50)
    _loaded(qtbot, model, EntryFilter(states=(State.RETURNED,)))
    qtmodeltester.check(model)
    wait_idle(qtbot, worker)


def test_a_visible_list_follows_a_write_it_did_not_make(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store, cooperatives: Any
) -> None:
    from koopbis_desktop.services import capture
    from tests.conftest import member_admission

    ctx = make_ctx("ayse")
    page = QueuePage(ctx, PRESET_BY_KEY["all"])
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.is_loaded, timeout=10_000)
    before = page.model.total
    actor = ctx.require_actor()
    # Another job (say, an import dialog's) writes; nobody tells the page but the worker.
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        worker.submit(
            lambda s: capture.create_entry(
                s, actor, "member.admit", str(cooperatives[1]["id"]), member_admission(4)
            )
        )
    assert page.model.total == before + 1


def test_the_end_is_one_page_away_and_the_gap_fills_from_both_sides(
    qtbot: Any,
    qtmodeltester: Any,
    make_ctx: Callable[[str], AppContext],
    many_entries: int,
    worker: DbWorker,
    store: Store,
) -> None:
    """Ctrl+End reads the last page by key; the placeholder row between fills from either side."""
    flt = EntryFilter(states=(State.RETURNED,), date_from="2015-02-05", date_to="2015-02-05")
    model = EntryTableModel(make_ctx("ayse"), page_size=50)
    _loaded(qtbot, model, flt)
    total = model.total
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.fetch_end()
    assert model.gap_row == 50 and model.rowCount() == 101 and model.loaded_count == 100
    assert model.entry_at(50) is None
    assert model.data(model.index(50, 0)) == "… (kaydırdıkça gelir)"
    # The rows after the placeholder are the list's last 50, in list order.
    everything = queries.page_entries(store, flt, limit=total + 1)
    assert [model.entry_at(r).uuid for r in range(51, 101)] == [e.uuid for e in everything[-50:]]  # type: ignore[union-attr]
    qtmodeltester.check(model)  # it fetches a page from the top itself
    wait_idle(qtbot, worker)
    top, loaded = model.gap_row, model.loaded_count
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.fill_gap(from_end=True)
    assert model.loaded_count == loaded + 50 and model.gap_row == top
    while model.gap_row is not None:
        with qtbot.waitSignal(model.loaded, timeout=20_000):
            model.fill_gap(from_end=False)
    assert model.rowCount() == total and not model.canFetchMore()
    assert [model.entry_at(r).uuid for r in range(total)] == [e.uuid for e in everything]
    wait_idle(qtbot, worker)


def test_ctrl_end_on_the_queue_goes_to_the_last_entry_at_once(
    qtbot: Any, make_ctx: Callable[[str], AppContext], many_entries: int, worker: DbWorker, store: Store
) -> None:
    page = QueuePage(make_ctx("ayse"), PRESET_BY_KEY["all"])
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.is_loaded, timeout=20_000)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.gap_row is not None and page.model.is_loaded, timeout=20_000)
    last = queries.page_entries(store, EntryFilter(), limit=1, from_end=True)[0]
    assert page.model.loaded_count == 2 * PAGE_SIZE < page.model.total == many_entries
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == page.model.rowCount() - 1)
    selected = page.selected_entry()
    assert selected is not None and selected.uuid == last.uuid
    wait_idle(qtbot, worker)


def test_a_text_of_common_words_shows_its_rows_before_its_count(
    qtbot: Any, make_ctx: Callable[[str], AppContext], many_entries: int, worker: DbWorker, store: Store
) -> None:
    """ "ortak" is in every entry: no word to look up, so its count reads them all; the first page
    shows at once, the count follows, and a page asked for meanwhile arrives after it."""
    flt = EntryFilter(text="ORTAK")
    assert queries.quick_count(store, flt) is None
    expected = queries.count_entries(store, flt)
    assert expected >= BULK
    model = EntryTableModel(make_ctx("ayse"), page_size=50)
    model.set_filter(flt)
    gate = hold_worker(worker)  # behind the first page's job, before the count's
    try:
        qtbot.waitUntil(lambda: model.is_loaded, timeout=20_000)
        assert not model.is_counted
        assert model.rowCount() == 50 and model.total == 51 and model.canFetchMore()
        model.fetchMore()  # queued behind the count
    finally:
        gate.set()
    with qtbot.waitSignal(model.counted, timeout=30_000):
        pass
    assert model.is_counted and model.total == expected
    qtbot.waitUntil(lambda: model.loaded_count == 100 and model.is_loaded, timeout=20_000)
    assert model.total == expected and model.canFetchMore()
    everything = queries.page_entries(store, flt, limit=100)
    shown = [model.entry_at(r) for r in range(100)]
    assert [row.uuid if row else None for row in shown] == [e.uuid for e in everything]
    wait_idle(qtbot, worker)


def test_a_list_counted_with_its_page_stays_one_job(
    qtbot: Any, make_ctx: Callable[[str], AppContext], many_entries: int, worker: DbWorker, store: Store
) -> None:
    """A rare word (one entry's number) is looked up: its count comes with the page; so does the
    count of a common word whose whole list fits one page."""
    returned_that_day = EntryFilter(
        text="ortak", states=(State.RETURNED,), date_from="2015-02-05", date_to="2015-02-05"
    )
    for flt, page_size in (
        (EntryFilter(text="ortak 12345"), 50),
        (EntryFilter(text="ortak", type_id="merger"), 50),
        (returned_that_day, 1000),
    ):
        expected = queries.count_entries(store, flt)
        assert expected < page_size
        model = EntryTableModel(make_ctx("ayse"), page_size=page_size)
        counted: list[bool] = []
        model.counted.connect(lambda counted=counted: counted.append(True))
        _loaded(qtbot, model, flt)
        assert model.is_counted, flt
        assert model.total == expected == model.loaded_count, flt
        wait_idle(qtbot, worker)
        assert not counted  # no count of its own
    assert queries.count_entries(store, returned_that_day) > 50  # more than a page of the first two


def test_ctrl_end_on_a_list_counted_after_its_first_page_reaches_the_true_end(
    qtbot: Any, make_ctx: Callable[[str], AppContext], many_entries: int, worker: DbWorker, store: Store
) -> None:
    """The label says the count is under way; Ctrl+End pressed meanwhile goes to the list's real last
    entry once it is counted (never to the end of the rows read so far)."""
    page = QueuePage(make_ctx("ayse"), PRESET_BY_KEY["all"])
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.is_loaded, timeout=20_000)
    page.search_edit.setText("ortak")
    page.apply_filter()
    gate = hold_worker(worker)
    try:
        qtbot.waitUntil(lambda: page.model.is_loaded and not page.model.is_counted, timeout=20_000)
        assert page.count_label.text() == f"İlk {PAGE_SIZE} kayıt gösteriliyor; toplam sayılıyor…"
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    finally:
        gate.set()
    flt = page.model.entry_filter
    expected = queries.count_entries(store, flt)
    last = queries.page_entries(store, flt, limit=1, from_end=True)[0]
    qtbot.waitUntil(lambda: page.model.gap_row is not None and page.model.is_loaded, timeout=30_000)
    assert page.model.is_counted and page.model.total == expected
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == page.model.rowCount() - 1)
    selected = page.selected_entry()
    assert selected is not None and selected.uuid == last.uuid
    assert page.count_label.text() == f"{expected} kayıt ({2 * PAGE_SIZE} tanesi yüklendi; kaydırdıkça gelir)"
    wait_idle(qtbot, worker)


def test_rows_with_problems_show_the_styles_error_or_warning_icon(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication, QStyle

    row = queries.EntryRow(
        uuid=str(uuid.uuid4()),
        type="member.admit",
        type_label="Ortak girişi",
        cooperative="06-000001",
        cooperative_title="Işık Konut Yapı Kooperatifi",
        state=State.DRAFT,
        state_label="Taslak",
        author="ayse",
        approver=None,
        effective_date="2015-02-01",
        updated_at="2015-03-01T10:00:00+00:00",
        receipt=None,
        comment=None,
        has_errors=False,
        has_warnings=False,
        revision=1,
    )
    style = QApplication.style()

    def image(icon: Any) -> Any:
        return icon.pixmap(16).toImage()

    assert EntryTableModel._icon(row) is None
    for errors, warnings, pixmap in (
        (False, True, QStyle.StandardPixmap.SP_MessageBoxWarning),
        (True, True, QStyle.StandardPixmap.SP_MessageBoxCritical),
        (True, False, QStyle.StandardPixmap.SP_MessageBoxCritical),
        (False, True, QStyle.StandardPixmap.SP_MessageBoxWarning),  # the remembered icon, again
    ):
        shown = EntryTableModel._icon(row._replace(has_errors=errors, has_warnings=warnings))
        assert shown is not None and image(shown) == image(style.standardIcon(pixmap)), (errors, warnings)


def test_taslaklarim_explains_itself_and_the_other_queues_say_nothing_more(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker
) -> None:
    drafts = QueuePage(make_ctx("ayse"), PRESET_BY_KEY["drafts"])
    qtbot.addWidget(drafts)
    assert drafts.explanation.text().startswith("Kendi taslaklarınız ve şefin iade ettiği kayıtlar.")
    assert not drafts.explanation.isHidden()
    for key in ("submitted", "approved", "all"):
        page = QueuePage(make_ctx("sef"), PRESET_BY_KEY[key])
        qtbot.addWidget(page)
        assert page.explanation.isHidden() and page.explanation.text() == ""
    wait_idle(qtbot, worker)


def test_a_queue_page_asks_for_its_first_page_once_while_it_is_built_in_its_headers_order(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[EntryFilter, str, bool]] = []
    page_entries, first_page = queries.page_entries, queries.first_page

    def recorded(store: Store, flt: EntryFilter, **kwargs: Any) -> list[queries.EntryRow]:
        asked.append((flt, kwargs["sort"], kwargs["descending"]))
        return page_entries(store, flt, **kwargs)

    def recorded_first(
        store: Store, flt: EntryFilter, **kwargs: Any
    ) -> tuple[int | None, list[queries.EntryRow]]:
        asked.append((flt, kwargs["sort"], kwargs["descending"]))
        return first_page(store, flt, **kwargs)

    monkeypatch.setattr(queries, "page_entries", recorded)
    monkeypatch.setattr(queries, "first_page", recorded_first)
    page = QueuePage(make_ctx("ayse"), PRESET_BY_KEY["drafts"])
    qtbot.addWidget(page)
    # Asked for before the page's table exists: the worker reads it while the rest is built.
    assert page.model.entry_filter == page.current_filter()
    assert page.model.entry_filter.author == "ayse" and page.model.entry_filter.states == (
        State.DRAFT,
        State.RETURNED,
    )
    qtbot.waitUntil(lambda: page.model.is_loaded, timeout=20_000)
    wait_idle(qtbot, worker)
    # Once, newest first, as the header shows: the table taking the model sorted by its
    # indicator, which changed nothing and read nothing again.
    assert asked == [(page.current_filter(), "updated_at", True)]
    header = page.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        COL_UPDATED,
        Qt.SortOrder.DescendingOrder,
    )
    page.model.sort(COL_UPDATED, Qt.SortOrder.DescendingOrder)
    wait_idle(qtbot, worker)
    assert len(asked) == 1
    # Another order is read at once.
    with qtbot.waitSignal(page.model.loaded, timeout=20_000):
        page.table.sortByColumn(COL_UPDATED, Qt.SortOrder.AscendingOrder)
    assert asked[1:] == [(page.current_filter(), "updated_at", False)]


def test_tur_and_durum_sort_by_the_turkish_label_the_list_shows(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, cooperatives: list[dict[str, Any]]
) -> None:
    """They sorted by the stored code ("articles.amend" < "board.replace" < "member.admit"…,
    "approved" < "draft"…): an order no one reading the labels could follow."""
    from koopbis_desktop.domain.changetypes import get_type
    from koopbis_desktop.domain.text import collation_key
    from koopbis_desktop.ui.models.entries import COL_STATE, COL_TYPE

    kinds = [
        ("board.replace", State.SUBMITTED),  # Yönetim kurulu seçimi, Onay bekliyor
        ("member.admit", State.DRAFT),  # Ortaklığa giriş, Taslak
        ("articles.amend", State.RETURNED),  # Anasözleşme değişikliği, İade edildi
        ("liquidation.start", State.APPROVED),  # Tasfiyeye giriş, Onaylandı
        ("status.dormant", State.CONFLICT),  # Faaliyetsizlik, Çakışma
        ("cooperative.update", State.WITHDRAWN),  # Unvan / adres / merkez nakli, Geri çekildi
    ]
    stamp = "2015-03-01T10:00:00.000+00:00"
    drafts = [
        NewDraft(
            str(uuid.UUID(int=900 + n)),
            type_id,
            str(cooperatives[1]["id"]),
            None,
            "2015-02-20",
            state.value,
            "ayse",
            "{}",
            "{}",
            "[]",
            stamp,
            stamp,
            "",
        )
        for n, (type_id, state) in enumerate(kinds * 3)
    ]
    with store.atomic() as conn:
        entry_batches.insert_drafts(conn, drafts)
    model = EntryTableModel(make_ctx("ayse"), page_size=4)  # the order holds across pages too
    _loaded(qtbot, model, EntryFilter())

    def shown(column: int) -> list[str]:
        while model.canFetchMore():
            with qtbot.waitSignal(model.loaded, timeout=20_000):
                model.fetchMore()
        return [str(model.data(model.index(r, column))) for r in range(model.rowCount())]

    for column in (COL_TYPE, COL_STATE):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            with qtbot.waitSignal(model.loaded, timeout=20_000):
                model.sort(column, order)
            labels = shown(column)
            assert len(labels) == len(drafts)
            expected = sorted(labels, key=collation_key, reverse=order == Qt.SortOrder.DescendingOrder)
            assert labels == expected, (column, order)
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.sort(COL_TYPE)
    assert shown(COL_TYPE)[:3] == [get_type("articles.amend").label] * 3  # Anasözleşme değişikliği
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.sort(COL_STATE)
    assert shown(COL_STATE)[:3] == ["Çakışma"] * 3
