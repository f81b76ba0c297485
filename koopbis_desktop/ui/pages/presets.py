"""The queues' presets (Taslaklarım, Onay bekleyenler, …): which states a queue shows, whose.

Apart from the page class so that the main window names its queues in the navigation
without loading the queue page (an administrator's start lands on Kooperatifler).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from koopbis_desktop.domain.lifecycle import State


@dataclass(frozen=True)
class QueuePreset:
    """A named queue of the navigation (Taslaklarım, Onay bekleyenler…): which states, whose entries."""

    key: str
    title: str
    states: tuple[State, ...]  # empty: every state
    own_only: bool = False
    explanation: str = ""


S = State
PRESETS: tuple[QueuePreset, ...] = (
    QueuePreset(
        "drafts",
        QCoreApplication.translate("QueuePage", "Taslaklarım"),
        (S.DRAFT, S.RETURNED),
        own_only=True,
        explanation=QCoreApplication.translate(
            "QueuePage",
            "Kendi taslaklarınız ve şefin iade ettiği kayıtlar. İade edilenler sarı; şefin notu aşağıda görünür.",
        ),
    ),
    QueuePreset("submitted", QCoreApplication.translate("QueuePage", "Onay bekleyenler"), (S.SUBMITTED,)),
    QueuePreset("approved", QCoreApplication.translate("QueuePage", "Onaylananlar"), (S.APPROVED,)),
    QueuePreset(
        "sync",
        QCoreApplication.translate("QueuePage", "Eşitleme"),
        (S.APPROVED, S.SENDING, S.SYNCED, S.REJECTED),
    ),
    QueuePreset(
        "conflicts",
        QCoreApplication.translate("QueuePage", "Çakışmalar"),
        (S.CONFLICT,),
    ),
    QueuePreset("all", QCoreApplication.translate("QueuePage", "Tüm kayıtlar"), ()),
)
PRESET_BY_KEY = {p.key: p for p in PRESETS}
