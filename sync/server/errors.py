"""The one error type the server raises; every error answer is ``{"error", "message", ...}``."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An answer other than success: HTTP status, machine code, Turkish sentence, extras."""

    def __init__(
        self,
        http_status: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(f"{http_status} {code}: {message}")
        self.status = http_status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.extra}


def invalid(errors: list[dict[str, str]], message: str | None = None) -> ApiError:
    """422 with per-field errors ``[{"field", "message"}]``."""
    return ApiError(
        422,
        "invalid",
        message or "Kayıt geçersiz; alan hatalarını düzeltip yeniden gönderin.",
        errors=errors,
    )
