"""The one catalogue of texts people read outside Qt's own widgets: Turkish source, English beside it.

Turkish stays in the code as the source and the default; English comes from
``resources/i18n/en.json`` (plain data, shipped in the wheel and the PyInstaller
bundle with the rest of ``resources/``). Two kinds of key:

* ``ids``: a stable id for a label that belongs to the data — ``state.draft``,
  ``role.clerk``, ``status.active``, ``type.member.admit.label``,
  ``type.member.admit.field.reason.choice.ihrac`` — each with the Turkish it
  translates (so a changed Turkish source shows up as stale in the test);
* ``texts``: a sentence keyed by its Turkish source (gettext's msgid), for
  messages and for schema labels many types share ("Karar No"); a schema id,
  when present, wins over the shared sentence.

The desktop sets the language from the same choice it gives Qt, the CLI from
``--lang``, ``KOOPBIS_LANG`` or the ``language`` setting; printouts follow it.
tests/test_i18n.py fails on any text without its English.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any, TypeVar, overload

LANGUAGES = ("tr", "en")
DEFAULT_LANGUAGE = "tr"
LAW = "1163 s.K."  # how a rule cites the Cooperatives Law No. 1163 (as entries keep it)
ENV_VAR = "KOOPBIS_LANG"

_current = DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Make ``language`` the one texts are read in; anything unknown means Turkish."""
    global _current
    _current = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return _current


def language() -> str:
    return _current


def choose_language(given: str | None, setting: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language a command runs in: ``given`` (``--lang``), else ``KOOPBIS_LANG``, else the setting."""
    env = os.environ if environ is None else environ
    for candidate in (given, env.get(ENV_VAR), setting):
        if candidate and candidate.strip().lower() in LANGUAGES:
            return candidate.strip().lower()
    return DEFAULT_LANGUAGE


@cache
def catalogue(lang: str) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """(ids → (Turkish, translation), Turkish sentence → translation) of ``lang``; empty for Turkish."""
    if lang == DEFAULT_LANGUAGE:
        return {}, {}
    # Imported here: reference's parsers read their messages from this module.
    from koopbis_desktop.domain.resources import resources_dir

    data: dict[str, Any] = json.loads((resources_dir() / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
    ids = {key: (str(pair[0]), str(pair[1])) for key, pair in data.get("ids", {}).items()}
    texts = {str(key): str(value) for key, value in data.get("texts", {}).items()}
    return ids, texts


def tx(turkish: str) -> str:
    """A sentence in the current language, keyed by its Turkish; the Turkish when no translation is known."""
    if _current == DEFAULT_LANGUAGE:
        return turkish
    return catalogue(_current)[1].get(turkish, turkish)


def text(key: str, turkish: str) -> str:
    """The label with stable id ``key`` (Turkish ``turkish``) in the current language.

    Falls back to the shared sentence of the same Turkish, then to the Turkish.
    """
    return text_in(_current, key, turkish)


def text_in(lang: str, key: str, turkish: str) -> str:
    """The label with stable id ``key`` in ``lang``, whatever the current language (see :func:`text`)."""
    if lang == DEFAULT_LANGUAGE:
        return turkish
    ids, texts = catalogue(lang)
    pair = ids.get(key)
    if pair is not None:
        return pair[1]
    return texts.get(turkish, turkish)


K = TypeVar("K")

# Every label table made below, for the completeness test.
LABEL_TABLES: list[Labels[Any] | LabelRow] = []


class Labels(Mapping[K, str]):
    """A fixed table of labels (states, roles, statuses…) read in the current language.

    ``source`` keeps the Turkish table, for code that matches Turkish words
    people typed into files whatever the interface language is.
    """

    def __init__(self, prefix: str, source: Mapping[K, str]) -> None:
        self.prefix = prefix
        self.source: dict[K, str] = dict(source)
        LABEL_TABLES.append(self)

    def key(self, item: K) -> str:
        return f"{self.prefix}.{item}"

    def __getitem__(self, item: K) -> str:
        return text(self.key(item), self.source[item])

    def __iter__(self) -> Iterator[K]:
        return iter(self.source)

    def __len__(self) -> int:
        return len(self.source)

    def __contains__(self, item: object) -> bool:
        return item in self.source


def law_text(article: str) -> str:
    """A Law 1163 citation ("1163 s.K. md. 16", kept so in entries) as the current language writes it."""
    if _current == DEFAULT_LANGUAGE:
        return article
    return article.replace("1163 s.K.", tx("1163 s.K.")).replace("md.", tx("md."))


class LabelRow(Sequence[str]):
    """A fixed row of labels (a table's column titles) read in the current language, by position.

    Equal to a tuple of the same texts, so code that compares headers keeps working.
    """

    def __init__(self, prefix: str, source: Mapping[str, str]) -> None:
        self.prefix = prefix
        self.source: dict[str, str] = dict(source)
        self._names = tuple(self.source)
        LABEL_TABLES.append(self)

    def key(self, item: str) -> str:
        return f"{self.prefix}.{item}"

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return tuple(text(self.key(n), self.source[n]) for n in self._names[index])
        name = self._names[index]
        return text(self.key(name), self.source[name])

    def __len__(self) -> int:
        return len(self._names)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LabelRow | tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))
