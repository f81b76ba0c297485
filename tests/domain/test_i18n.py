"""The domain's catalogue (domain/i18n.py, resources/i18n/en.json) is complete in both languages.

Fails on a ``tx()`` sentence, a schema label (type, field, help, choice) or a label
table entry (state, role, action, status, snapshot key) without its English; on
an English entry whose Turkish no longer exists; on an English text equal to its
Turkish (unless allow-listed); on placeholders that differ; and on a Turkish
literal in the domain that bypasses the catalogue.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.changetypes import CHANGE_TYPES, all_types, get_type
from koopbis_desktop.domain.display import cooperative_type_label, state_label, value_text
from koopbis_desktop.domain.lifecycle import ROLE_LABELS, STATE_LABELS, Action, Actor, Role, State, check_move
from koopbis_desktop.domain.records import STATUSES, key_label
from koopbis_desktop.domain.schema import validate
from koopbis_desktop.domain.validators import FieldError, parse_tckn

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "i18n" / "en.json"
# str.format fields ({name}, {n:>3}, {sample!r}); not JSON examples such as {"alan": "değer"}.
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*(?:![rsa])?(?::[^{}]*)?\}")
TURKISH_LETTERS = re.compile(r"[çğıöşüÇĞİÖŞÜ]")

# English that is rightly the same as its Turkish: names, codes, numbers.
SAME_IN_BOTH = frozenset({"KOOP-BİS"})

# Domain modules whose Turkish literals are data, not texts for people: folding
# tables, demo names, argparse's words in Turkish (a table from its English, used only in
# Turkish); and calls whose string arguments the catalogue reaches another way (schema
# declarations by ``get_type``, label tables by ``Labels``).
DATA_MODULES = frozenset({"text.py", "demo_data.py", "argparse_words.py"})
# Modules outside the domain already read wholly from the catalogue (the rest of services/,
# sync/ and cli/ still hold Turkish literals: see CHANGELOG, "English everywhere").
CATALOGUED_MODULES = (
    "sync/conflict_view.py",
    "koopbis_desktop/services/entry_changes.py",
    "koopbis_desktop/services/reports.py",
    "sync/planner.py",
    "sync/preview.py",
    "sync/client.py",
    "sync/status.py",
    "koopbis_desktop/services/accounts.py",
    "koopbis_desktop/services/capture.py",
    "koopbis_desktop/services/errors.py",
    "koopbis_desktop/services/review.py",
    "koopbis_desktop/store/audit.py",
    "koopbis_desktop/store/errors.py",
)
BUILTIN_ERRORS = frozenset({"AssertionError", "ValueError", "TypeError", "KeyError", "RuntimeError"})
CATALOGUED_CALLS = frozenset(
    {"tx", "text", "Labels", "LabelRow", "Field", "Choice", "ChangeType", "effective"}
)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_catalogue", ROOT / "scripts" / "i18n_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return data


def test_every_domain_text_has_its_english() -> None:
    no_text, no_label = _script().missing()
    assert not no_text, (
        "tx() sentences without English (python scripts/i18n_catalogue.py --update):\n" + "\n".join(no_text)
    )
    assert not no_label, "labels without English:\n" + "\n".join(no_label)


def test_the_check_finds_a_missing_english() -> None:
    # The same check, against a catalogue with one sentence and one label removed.
    data = _data()
    texts = dict(data["texts"])
    del texts["Tarih boş bırakılamaz."]
    del texts["Taslak"]
    no_text, no_label = _script().missing({"ids": data.get("ids", {}), "texts": texts})
    assert no_text == ["Tarih boş bırakılamaz."]
    assert no_label == ["state.draft"]


def test_every_tx_call_names_its_sentence_literally() -> None:
    # A sentence built at run time could not be looked up in the catalogue.
    _found, bad = _script().source_sentences()
    assert not bad, "tx() called with something other than a string literal:\n" + "\n".join(bad)


def test_no_english_entry_outlives_its_turkish() -> None:
    script = _script()
    sentences, _bad = script.source_sentences()
    labels = script.label_ids()
    known = sentences | set(labels.values())
    data = _data()
    stale = sorted(set(data["texts"]) - known)
    assert not stale, "English for Turkish the code no longer has:\n" + "\n".join(stale)
    for key, (turkish, _english) in data.get("ids", {}).items():
        assert labels.get(key) == turkish, (
            f"{key}: the catalogue translates {turkish!r}, the code says {labels.get(key)!r}"
        )


def test_english_differs_from_turkish_and_keeps_placeholders() -> None:
    data = _data()
    pairs = list(data["texts"].items()) + [tuple(pair) for pair in data.get("ids", {}).values()]
    assert len(pairs) > 250  # the check is not vacuous
    for turkish, english in pairs:
        assert english.strip(), turkish
        if turkish not in SAME_IN_BOTH:
            assert english != turkish, f"not translated: {turkish!r}"
        assert sorted(PLACEHOLDER.findall(turkish)) == sorted(PLACEHOLDER.findall(english)), (
            turkish,
            english,
        )


def _uncatalogued_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # docstrings
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if name in CATALOGUED_CALLS:
                skip.update(
                    id(sub)
                    for arg in (*node.args, *(k.value for k in node.keywords))
                    for sub in ast.walk(arg)
                )
        if isinstance(node, ast.keyword) and node.arg in ("aliases", "keywords"):
            skip.update(id(sub) for sub in ast.walk(node.value))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id.endswith(("_ALIASES", "_KEYWORDS")) for t in node.targets
        ):
            # Spreadsheet headers and search words people write in Turkish, matched whatever the
            # interface language.
            skip.update(id(sub) for sub in ast.walk(node.value))
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and TURKISH_LETTERS.search(node.value)
        and id(node) not in skip
    ]
    # A message for a person built as an f-string, even one without Turkish letters ("… zorunludur.").
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "Issue":
            messages = node.args[1:2]
        elif name.endswith("Error") and name not in BUILTIN_ERRORS:
            messages = node.args[:1]
        else:
            continue
        for message in messages:
            if isinstance(message, ast.JoinedStr | ast.Constant) and re.search(
                r"[^\W\d_]{2,}", ast.unparse(message)
            ):
                found.append(f"{path.relative_to(ROOT)}:{message.lineno}: {ast.unparse(message)}")
    return found


def test_no_turkish_text_in_the_domain_bypasses_the_catalogue() -> None:
    domain = ROOT / "koopbis_desktop" / "domain"
    paths = [p for p in sorted(domain.rglob("*.py")) if p.name not in DATA_MODULES]
    paths += [ROOT / path for path in CATALOGUED_MODULES]
    found = [line for path in paths for line in _uncatalogued_literals(path)]
    assert not found, "Turkish literals outside tx()/Labels/the schema:\n" + "\n".join(found)


def test_turkish_stays_the_default_and_english_follows_the_choice() -> None:
    assert i18n.language() == "tr"
    assert get_type("member.leave").label == "Ortaklıktan ayrılma"
    assert STATE_LABELS[State.DRAFT] == "Taslak"
    i18n.set_language("en")
    leave = get_type("member.leave")
    assert leave.label == "Leaving membership"
    reason = leave.field("reason")
    assert reason.label == "Reason for leaving"
    assert reason.choice_label("ihrac") == "Expulsion"
    assert value_text(reason, "istifa") == "Resignation"
    assert [STATE_LABELS[s] for s in (State.DRAFT, State.SUBMITTED)] == ["Draft", "Awaiting approval"]
    assert state_label("conflict") == "Conflict"
    assert cooperative_type_label("konut") == "Housing Construction Cooperative"
    assert ROLE_LABELS[Role.SUPERVISOR] == "Supervisor / Approver"
    assert STATUSES["in_liquidation"] == "In liquidation"
    assert key_label("member:12345678901") == "Member 12345678901"
    assert len(all_types()) == len(CHANGE_TYPES)
    # A Turkish choice label from a file still parses in English mode.
    result = validate(leave, {"reason": "İstifa (çıkma)"})
    assert result.payload["reason"] == "istifa"
    messages = {i.path: i.text for i in result.issues}
    assert messages["member_id"] == "T.C. ID No / Tax No is required."
    with pytest.raises(FieldError, match=r"A T\.C\. ID No must have 11 digits"):
        parse_tckn("123")
    expulsion = validate(leave, {"reason": "ihrac"})
    assert "An expulsion needs the notice date: " in "".join(i.text for i in expulsion.issues)
    assert any(i.text.endswith("(Law 1163 art. 16)") for i in expulsion.issues)
    with pytest.raises(Exception, match=re.escape("This entry is 'Approved'; editing is not possible.")):
        check_move(Action.EDIT, State.APPROVED, Actor("ayse", Role.CLERK), "ayse")
    i18n.set_language("tr")
    assert get_type("member.leave").label == "Ortaklıktan ayrılma"
    assert STATE_LABELS[State.DRAFT] == "Taslak"
    turkish = validate(get_type("member.leave"), {"reason": "ihrac"})
    assert any(i.text.endswith("(1163 s.K. md. 16)") for i in turkish.issues)


def test_language_choice_order() -> None:
    assert i18n.choose_language("en", "tr", {}) == "en"
    assert i18n.choose_language(None, "tr", {"KOOPBIS_LANG": "en"}) == "en"
    assert i18n.choose_language(None, "en", {}) == "en"
    assert i18n.choose_language(None, None, {"KOOPBIS_LANG": "de"}) == "tr"
    assert i18n.set_language("xx") == "tr"


def test_texts_are_read_when_used_not_when_imported() -> None:
    # A module-level tx()/text()/get_type() runs at import, before the language is chosen,
    # and would keep Turkish for the whole session (a label table, ``Labels``, reads lazily).
    found = []
    for source in ("koopbis_desktop", "sync"):
        for path in sorted((ROOT / source).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            inside: set[int] = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                    for part in node.body if isinstance(node.body, list) else [node.body]:
                        inside.update(id(sub) for sub in ast.walk(part))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in ("tx", "text", "get_type", "all_types")
                    and id(node) not in inside
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.func.id}()")
    assert not found, "read at import time:\n" + "\n".join(found)


def test_a_stable_id_wins_over_the_shared_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One type may word a shared Turkish label its own way in English: its id says so.
    key = "type.member.leave.field.reason.choice.ihrac"
    data = _data()
    data["ids"] = {key: ["İhraç (çıkarma)", "Expulsion by the board"]}
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "en.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("KOOPBIS_RESOURCES", str(tmp_path))
    i18n.catalogue.cache_clear()
    try:
        i18n.set_language("en")
        assert i18n.text(key, "İhraç (çıkarma)") == "Expulsion by the board"
        assert i18n.text("type.other.field.reason.choice.ihrac", "İhraç (çıkarma)") == "Expulsion"
        assert i18n.tx("İhraç (çıkarma)") == "Expulsion"
        assert (
            i18n.text("type.unknown.label", "Hiç çevrilmemiş") == "Hiç çevrilmemiş"
        )  # falls back to Turkish
    finally:
        i18n.set_language("tr")
        monkeypatch.delenv("KOOPBIS_RESOURCES")
        i18n.catalogue.cache_clear()
