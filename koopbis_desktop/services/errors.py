"""Errors the service layer raises; each carries a Turkish sentence for the person."""

from __future__ import annotations

from koopbis_desktop.domain.lifecycle import DomainError, IllegalTransition, NotPermitted
from koopbis_desktop.domain.schema import Issue
from koopbis_desktop.store.errors import KnownError, NotFound, StoreError


class ValidationFailed(DomainError):
    """The data does not pass its schema; ``issues`` lists every field error (and warnings)."""

    def __init__(self, issues: list[Issue], message: str | None = None) -> None:
        errors = [i for i in issues if i.severity.value == "error"]
        super().__init__(message or f"Kayıt geçerli değil: {len(errors)} hata düzeltilmeli.")
        self.issues = issues


class LoginFailed(DomainError):
    pass


__all__ = [
    "DomainError",
    "IllegalTransition",
    "KnownError",
    "LoginFailed",
    "NotFound",
    "NotPermitted",
    "StoreError",
    "ValidationFailed",
]
