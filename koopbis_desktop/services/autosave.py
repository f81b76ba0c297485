"""Autosave of open forms: what the clerk typed survives a crash or a power cut.

A form writes its raw field values here as the clerk moves between fields; an
explicit Save turns them into a draft revision and clears the scratch copy. On the
next start the program offers every scratch copy of the user back.

A form on a saved entry also keeps the revision it was loaded from, so a restored form
saved over a revision someone else stored since is refused like any other late save
(``entries.RevisionChanged``). The revision rides in the payload JSON under
``REVISION_KEY`` (a name no field can have); copies written before it was kept have none,
and their revision is unknown.

A copy whose form is still open on another PC of the office is not a crash's leftover:
the sign-in there names it but does not offer it back (restored on two PCs, both copies
would be typed on and saved, a new form twice). The open form says so every
``presence.HEARTBEAT_S`` seconds (:func:`hold`) and lets go when it closes; a PC that
crashed stops saying so, and after ``presence.STALE_AFTER_S`` its copies are offered
anywhere. On the PC that wrote it a copy is always offered: the desktop runs once per
database on a PC (``ui/single_instance.py``), so a form open there is this program's own (a
restart after a crash finds its copies at once).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import drafts, snapshot
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.presence import THIS_HOST, stale_before

# Field names are identifiers of the change type schemas; none begins with an underscore.
REVISION_KEY = "__loaded_revision__"


@dataclass(frozen=True)
class Autosaved:
    form_id: str
    username: str
    type: str
    cooperative: str | None
    entry_uuid: str | None
    payload: dict[str, Any]
    attachments: list[str]
    updated_at: str
    # The entry's revision the typing was based on; None for a new form, or when unknown.
    loaded_revision: int | None = None
    host: str | None = None  # the PC whose form wrote the copy (None: an older version's copy)
    held_at: str | None = None  # when that form last said it is open (None: closed)

    @property
    def revision_unknown(self) -> bool:
        """A form on a saved entry kept before autosave recorded the revision it was loaded from."""
        return self.entry_uuid is not None and self.loaded_revision is None


def save(
    store: Store,
    actor: Actor,
    form_id: str,
    *,
    type_id: str,
    cooperative: str | None,
    entry_uuid: str | None,
    payload: dict[str, Any],
    attachments: list[str] | None = None,
    loaded_revision: int | None = None,
    host: str = THIS_HOST,
) -> None:
    """Keep the form as typed; ``loaded_revision``: the revision of ``entry_uuid`` it was loaded from.
    The form is open on ``host`` (held from now)."""
    if entry_uuid is not None and loaded_revision is not None:
        payload = {**payload, REVISION_KEY: loaded_revision}
    drafts.save_draft(
        store,
        form_id,
        username=actor.username,
        type_id=type_id,
        cooperative=cooperative,
        entry_uuid=entry_uuid,
        payload=json.dumps(payload, ensure_ascii=False, default=str),
        attachments=json.dumps(attachments or []),
        at=stamp(),
        host=host,
    )


def discard(store: Store, form_id: str) -> None:
    drafts.discard_draft(store, form_id)


def hold(store: Store, form_id: str, host: str = THIS_HOST, *, at: datetime | None = None) -> None:
    """The form is still open on ``host``: its copy is not offered on another PC."""
    drafts.hold_draft(store, form_id, host, stamp(at))


def let_go(store: Store, form_id: str, host: str = THIS_HOST) -> None:
    """The form closed and kept its copy (the program ended or signed out): offered anywhere now."""
    drafts.let_go_draft(store, form_id, host)


def open_elsewhere(item: Autosaved, host: str = THIS_HOST, *, at: datetime | None = None) -> bool:
    """The copy's form is open now on another PC (it said so within ``STALE_AFTER_S``)."""
    if item.host is None or item.host == host or item.held_at is None:
        return False
    return item.held_at >= stale_before(at)


def pending(store: Store, actor: Actor) -> list[Autosaved]:
    out: list[Autosaved] = []
    for r in drafts.drafts_of(store, actor.username):
        payload = json.loads(r[5])
        revision = payload.pop(REVISION_KEY, None)
        loaded = revision if isinstance(revision, int) and not isinstance(revision, bool) else None
        out.append(
            Autosaved(r[0], r[1], r[2], r[3], r[4], payload, json.loads(r[6]), r[7], loaded, r[8], r[9])
        )
    return out


@dataclass(frozen=True)
class Recovery:
    """What the sign-in offers back: the forms no PC has open, named; and, named only, the
    forms still open on another PC (with its name), to be saved there."""

    offered: list[Autosaved] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)


def recovery(store: Store, actor: Actor, host: str = THIS_HOST, *, at: datetime | None = None) -> Recovery:
    """This user's autosaved forms as the sign-in on ``host`` offers them."""
    found = Recovery()
    for item in pending(store, actor):
        if open_elsewhere(item, host, at=at):
            found.elsewhere.append(f"{describe(store, item)} ({item.host})")
        else:
            found.offered.append(item)
            found.names.append(describe(store, item))
    return found


def describe(store: Store, item: Autosaved) -> str:
    """One autosaved form as the recovery prompt names it: type, cooperative, when it was typed.

    "Yönetim kurulu seçimi — 06-900001 IŞIK Çağdaş … — 30.11.2026 09:12"
    """
    try:
        label = get_type(item.type).label
    except KoopbisError:
        label = item.type
    cooperative = item.cooperative or ""
    if item.cooperative:
        summary = snapshot.get_summary(store, item.cooperative)
        if summary and summary.get("title"):
            cooperative = f"{item.cooperative} {summary['title']}"
    elif registers_cooperative(item.type):
        cooperative = str(item.payload.get("title") or tx("yeni kuruluş"))
    try:
        when = datetime.fromisoformat(item.updated_at).astimezone().strftime("%d.%m.%Y %H:%M")
    except ValueError:
        when = item.updated_at
    return " — ".join(part for part in (label, cooperative or tx("kooperatif seçilmemiş"), when) if part)
