"""Errors the service layer raises; each carries a Turkish sentence for the person."""

from __future__ import annotations

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.issues import Issue
from koopbis_desktop.domain.lifecycle import DomainError, IllegalTransition, NotPermitted
from koopbis_desktop.store.errors import KnownError, NotFound, StoreError


class ValidationFailed(DomainError):
    """The data does not pass its schema; ``issues`` lists every field error (and warnings).

    ``type_id`` (when known) lets :meth:`details` name each field by its schema label.
    """

    exit_code = ExitCode.INVALID

    def __init__(
        self, issues: list[Issue], message: str | None = None, *, type_id: str | None = None
    ) -> None:
        errors = [i for i in issues if i.severity.value == "error"]
        super().__init__(
            message or tx("Kayıt geçerli değil: {n_errors} hata düzeltilmeli.").format(n_errors=len(errors))
        )
        self.issues = issues
        self.type_id = type_id

    def details(self) -> list[str]:
        lines = []
        for issue in self.issues:
            kind = tx("HATA") if issue.severity.value == "error" else tx("UYARI")
            where = (
                field_label(self.type_id, issue.path)
                if self.type_id and issue.path
                else (form_field_label(issue.path) if issue.path else tx("kayıt"))
            )
            lines.append(f"{kind}: {where}: {issue.text}")
        return lines


class LoginFailed(DomainError):
    exit_code = ExitCode.NOT_PERMITTED


def form_field_label(path: str) -> str:
    """A field of a form that is not a change type (an account's), by the name it is shown with."""
    labels = {"username": tx("Kullanıcı adı"), "password": tx("Parola"), "full_name": tx("Ad soyad")}
    return labels.get(path, path)


def field_label(type_id: str, path: str) -> str:
    """``path`` (``board[2].tckn``) named by its schema label: "Yönetim kurulu (board[2].tckn)"."""
    # Here, not at the top: a sign-in's refusal needs none of the change types.
    from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type

    try:
        ctype = get_type(type_id)
    except UnknownChangeType:
        return path
    head = path.split("[", 1)[0].split(".", 1)[0]
    try:
        label = ctype.field(head).label
    except KeyError:
        return path
    return f"{label} ({path})" if path != head else label


__all__ = [
    "DomainError",
    "IllegalTransition",
    "KnownError",
    "KoopbisError",
    "LoginFailed",
    "NotFound",
    "NotPermitted",
    "StoreError",
    "ValidationFailed",
]
