"""One error root: every project exception carries a Turkish sentence and an exit code."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from koopbis_desktop.domain.errors import ExitCode, KoopbisError

REPO = Path(__file__).resolve().parents[2]
# The training server is a separate program with its own HTTP error type; private
# control-flow exceptions (a leading underscore) never reach a person.
EXCLUDED = ("sync/server/",)


def _project_exception_classes() -> list[tuple[str, str]]:
    found = []
    for folder in ("koopbis_desktop", "sync"):
        for path in sorted((REPO / folder).rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            if rel.startswith(EXCLUDED):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:
                if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                    bases = {ast.unparse(b) for b in node.bases}
                    if any(b.endswith(("Error", "Exception")) or "Error" in b for b in bases) or any(
                        n in node.name for n in ("Error", "Refused", "Busy", "Unavailable", "Failed")
                    ):
                        module = rel.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
                        cls = getattr(importlib.import_module(module), node.name)
                        # Outcome records such as ``sync.client.AuthFailed`` are dataclasses, not raised.
                        if isinstance(cls, type) and issubclass(cls, BaseException):
                            found.append((module, node.name))
    return found


@pytest.mark.parametrize(("module", "name"), _project_exception_classes())
def test_every_project_exception_derives_from_the_one_root(module: str, name: str) -> None:
    cls = getattr(importlib.import_module(module), name)
    assert issubclass(cls, KoopbisError), f"{module}.{name} does not derive from KoopbisError"


def test_the_scan_finds_the_known_kinds() -> None:
    names = {name for _, name in _project_exception_classes()}
    assert {"DomainError", "StoreError", "FieldError", "UnknownChangeType", "SyncBusy"} <= names
    assert {"PasswordUnavailable", "ValidationFailed", "NotFound", "CliError"} <= names


def test_exit_codes_of_the_kinds() -> None:
    from koopbis_desktop.domain.changetypes import UnknownChangeType
    from koopbis_desktop.domain.lifecycle import IllegalTransition, NotPermitted
    from koopbis_desktop.domain.validators import FieldError
    from koopbis_desktop.services.errors import LoginFailed, ValidationFailed
    from koopbis_desktop.store.errors import KnownError, NotFound

    assert ValidationFailed([]).exit_code == ExitCode.INVALID
    assert FieldError("x").exit_code == ExitCode.INVALID
    assert UnknownChangeType("x.y").exit_code == ExitCode.INVALID
    assert NotPermitted("x").exit_code == IllegalTransition("x").exit_code == ExitCode.NOT_PERMITTED
    assert LoginFailed("x").exit_code == ExitCode.NOT_PERMITTED
    assert NotFound("x").exit_code == ExitCode.NOT_FOUND
    assert KnownError("x").exit_code == ExitCode.ERROR
    assert KoopbisError("x", exit_code=ExitCode.USAGE).exit_code == ExitCode.USAGE
    # Old catch sites stay valid: a FieldError is still a ValueError, an unknown type a KeyError.
    assert isinstance(FieldError("x"), ValueError)
    assert isinstance(UnknownChangeType("x"), KeyError)


def test_validation_details_name_fields_by_their_label() -> None:
    from koopbis_desktop.domain.schema import Issue
    from koopbis_desktop.services.errors import ValidationFailed

    exc = ValidationFailed([Issue("shares", "Geçersiz.")], type_id="member.admit")
    assert exc.message == "Kayıt geçerli değil: 1 hata düzeltilmeli."
    assert exc.details() == ["HATA: Pay adedi: Geçersiz."]
    assert ValidationFailed([Issue("shares", "Geçersiz.")]).details() == ["HATA: shares: Geçersiz."]
