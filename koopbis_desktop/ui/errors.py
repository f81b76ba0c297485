"""Turning exceptions into sentences a clerk can act on (the log keeps the rest)."""

from __future__ import annotations

import logging

from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import tx

log = logging.getLogger(__name__)


def user_message(exc: BaseException) -> str:
    """A Turkish sentence for ``exc``: its own message when it has one, else a generic one."""
    if isinstance(exc, KoopbisError):
        return exc.message
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return tx(
        "Beklenmeyen bir hata oluştu; girdiğiniz bilgiler kaybolmadı. Ayrıntı günlük dosyasına yazıldı; "
        "sorun sürerse bilgi işleme bildirin."
    )
