"""What a check found wrong with an entry: one field's error or warning.

Apart from the schema (:mod:`koopbis_desktop.domain.schema`, which re-exports both) so that
code that only reports issues — a sign-in's refusals, the service errors — loads neither the
change types nor the validators (≈ 35 ms of a start before the password's check could begin).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from koopbis_desktop.domain.i18n import law_text


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """An error or warning about one field (``path``) or the whole entry (``""``)."""

    path: str
    message: str
    severity: Severity = Severity.ERROR
    article: str | None = None

    @property
    def text(self) -> str:
        return f"{self.message} ({law_text(self.article)})" if self.article else self.message

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.path,
            "severity": self.severity.value,
            "message": self.message,
            "article": self.article,
        }
