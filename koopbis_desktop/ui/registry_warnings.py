"""A panel listing a cooperative's registry warnings (terms run out, assemblies missing).

Shown on the cooperative's page and above the entry form; hidden while there is
nothing to say. The warnings come from ``services.registry_warnings`` on the DB
worker; this module only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.tables import escape_html

# The checks (and their fiscal calendar) load with the first cooperative whose warnings are
# asked for, not with every window that holds the panel.
if TYPE_CHECKING:
    from koopbis_desktop.domain.registry_checks import RegistryWarning

WARNING_STYLE = "background:#fff4d6; border:1px solid #d9a400; padding:4px; color:#5a4300;"


class RegistryWarningsPanel(QLabel):
    """Rich text list of registry warnings, with the article each rests on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registry_warnings")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(WARNING_STYLE)
        self.warnings: list[RegistryWarning] = []
        self.hide()

    def show_warnings(self, warnings: Sequence[RegistryWarning]) -> None:
        self.warnings = list(warnings)
        if not self.warnings:
            self.clear()
            self.hide()
            return
        items = "".join(f"<li>{escape_html(w.text)}</li>" for w in self.warnings)
        title = escape_html(self.tr("Sicil uyarıları"))
        self.setText(f"<b>{title}</b><ul style='margin:0'>{items}</ul>")
        self.setAccessibleDescription(" ".join(w.text for w in self.warnings))
        self.show()

    def load(self, ctx: AppContext, cooperative_id: str | None) -> None:
        """Compute the warnings of ``cooperative_id`` on the DB worker and show them."""
        if not cooperative_id:
            self.show_warnings([])
            return

        from koopbis_desktop.services.registry_warnings import warnings_for

        def shown(warnings: list[RegistryWarning]) -> None:
            if shiboken6.isValid(self):
                self.show_warnings(warnings)

        ctx.worker.submit(lambda store: warnings_for(store, cooperative_id), shown, None)
