"""Autosave of open forms: what the clerk typed survives a crash or a power cut.

A form writes its raw field values here as the clerk moves between fields; an
explicit Save turns them into a draft revision and clears the scratch copy. On the
next start the program offers every scratch copy of the user back.

A form on a saved entry also keeps the revision it was loaded from, so a restored form
saved over a revision someone else stored since is refused like any other late save
(``entries.RevisionChanged``). The revision rides in the payload JSON under
``REVISION_KEY`` (a name no field can have); copies written before it was kept have none,
and their revision is unknown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import drafts, snapshot
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store

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
) -> None:
    """Keep the form as typed; ``loaded_revision``: the revision of ``entry_uuid`` it was loaded from."""
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
    )


def discard(store: Store, form_id: str) -> None:
    drafts.discard_draft(store, form_id)


def pending(store: Store, actor: Actor) -> list[Autosaved]:
    out: list[Autosaved] = []
    for r in drafts.drafts_of(store, actor.username):
        payload = json.loads(r[5])
        revision = payload.pop(REVISION_KEY, None)
        loaded = revision if isinstance(revision, int) and not isinstance(revision, bool) else None
        out.append(Autosaved(r[0], r[1], r[2], r[3], r[4], payload, json.loads(r[6]), r[7], loaded))
    return out


def pending_with_names(store: Store, actor: Actor) -> tuple[list[Autosaved], list[str]]:
    """This user's autosaved forms and how the recovery question names each."""
    found = pending(store, actor)
    return found, [describe(store, item) for item in found]


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
        cooperative = str(item.payload.get("title") or "yeni kuruluş")
    try:
        when = datetime.fromisoformat(item.updated_at).astimezone().strftime("%d.%m.%Y %H:%M")
    except ValueError:
        when = item.updated_at
    return " — ".join(part for part in (label, cooperative or "kooperatif seçilmemiş", when) if part)
