"""UI fixtures: a running DB worker on the test database and a signed-in context."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext, Hub
from koopbis_desktop.ui.worker import DbWorker


@pytest.fixture
def worker(store: Store, qapp: Any) -> Iterator[DbWorker]:
    # On an encrypted store, the key as the login would have unwrapped it: open at once, as after a sign-in.
    w = DbWorker(store.path, store.path.parent / "backups", key=store.key)
    w.start()
    yield w
    w.stop()


@pytest.fixture
def make_ctx(store: Store, worker: DbWorker, people: dict[str, Actor]) -> Callable[[str], AppContext]:
    """``make_ctx("ayse")`` → a context signed in as that person (people fixture's password)."""

    def make(username: str) -> AppContext:
        return AppContext(
            location=store.path,
            backups_dir=store.path.parent / "backups",
            worker=worker,
            hub=Hub(),
            actor=people[username],
            province_code="06",
            settings={},
            full_name=username,
        )

    return make


def wait_idle(qtbot: Any, worker: DbWorker, timeout: int = 10_000) -> None:
    """Wait until every submitted job's result has been delivered on the UI thread."""
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=timeout)


def hold_worker(worker: DbWorker) -> threading.Event:
    """Keep the DB worker busy until the returned event is set: jobs queued meanwhile wait."""
    gate = threading.Event()
    worker.submit(lambda _store: gate.wait(30))
    return gate


def ask_recovery_now(ctx: AppContext, parent: Any = None) -> int:
    """The question a sign-in asks about autosaved forms, asked at once; returns how many were opened.

    The program asks it when the DB worker answers (``app.offer_autosaved_forms``, tested
    through the shell's sign-in in test_recovery_wiring.py); here the answer is waited for,
    so that a test of the question itself can count what it opened.
    """
    from koopbis_desktop.services import autosave
    from koopbis_desktop.ui.editor.recovery import ask_recovery

    actor = ctx.require_actor()
    found: autosave.Recovery = ctx.worker.call(lambda store: autosave.recovery(store, actor))
    return ask_recovery(ctx, parent, found.offered, found.names, found.elsewhere)


class MessageMock:
    """The message boxes a person was shown, recorded instead of opened (qutebrowser's message_mock).

    ``answers`` holds the button labels to press on the next questions, in order; a question
    with no answer left is closed without a button (what Esc does on a box without one).
    """

    def __init__(self) -> None:
        self.shown: list[messages.Shown] = []
        self.answers: list[str] = []

    def __call__(self, message: messages.Shown) -> int | None:
        self.shown.append(message)
        if message.level != messages.Level.QUESTION or not self.answers:
            return None
        label = self.answers.pop(0)
        assert label in message.choices, f"{label!r} is not a button of {message}"
        return message.choices.index(label)

    def getmsg(self, level: messages.Level | None = None) -> messages.Shown:
        """The one message shown (of ``level``), failing if there were none or several."""
        found = [m for m in self.shown if level is None or m.level == level]
        assert len(found) == 1, found
        return found[0]


@pytest.fixture
def message_mock() -> Iterator[MessageMock]:
    mock = MessageMock()
    previous = messages.set_recorder(mock)
    yield mock
    messages.set_recorder(previous)


def active_queue(qtbot: Any, ctx: AppContext, preset: str, rows: int) -> Any:
    """A queue page (``PRESET_BY_KEY[preset]``) shown, active (its row shortcuts answer only in the
    active window) and holding ``rows`` rows."""
    from koopbis_desktop.ui.pages.presets import PRESET_BY_KEY
    from koopbis_desktop.ui.pages.queue import QueuePage

    page = QueuePage(ctx, PRESET_BY_KEY[preset])
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(lambda: page.model.rowCount() == rows)
    return page


def one_draft(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> None:
    """A draft of ayşe's: her Taslaklarım has one row."""
    from koopbis_desktop.services import capture
    from tests.conftest import member_admission

    capture.create_entry(store, people["ayse"], "member.admit", cooperatives[0]["id"], member_admission(1))
