"""Collect every text the catalogue (koopbis_desktop/domain/i18n.py) must translate, and check en.json.

    python scripts/i18n_catalogue.py            # list what en.json lacks (exit 1 when anything does)
    python scripts/i18n_catalogue.py --update   # add the missing texts to en.json with an empty English

The sentences are found in the source: every ``tx("…")`` call's literal; the labels
from the schema (``schema_texts``) and the label tables (``i18n.LABEL_TABLES``).
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where people-facing text lives: the application package and the sync package beside it.
SOURCES = (ROOT / "koopbis_desktop", ROOT / "sync")
CATALOGUE = ROOT / "resources" / "i18n" / "en.json"


def source_sentences() -> tuple[set[str], list[str]]:
    """(Turkish literals passed to ``tx``, places that pass it something else)."""
    found: set[str] = set()
    bad: list[str] = []
    for path in sorted(p for source in SOURCES for p in source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tx":
                arg = node.args[0] if node.args else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                else:
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found, bad


def label_ids() -> dict[str, str]:
    """Catalogue id → Turkish of every schema label and label table."""
    from koopbis_desktop.cli import sync as cli_sync  # noqa: F401
    from koopbis_desktop.domain import i18n, lifecycle, records  # noqa: F401  (fill LABEL_TABLES)
    from koopbis_desktop.domain.changetypes import CHANGE_TYPES, schema_texts
    from koopbis_desktop.services import entry_changes, member_list, reports  # noqa: F401
    from koopbis_desktop.store import audit, errors  # noqa: F401
    from sync import client, conflict_view, planner, scheduler  # noqa: F401

    ids: dict[str, str] = {}
    for ctype in CHANGE_TYPES:
        ids.update(schema_texts(ctype))
    from koopbis_desktop.domain import reference

    for kind in reference.cooperative_types():
        ids[f"cooperative_type.{kind.code}"] = kind.name
    from koopbis_desktop.services.settings import setting_texts

    ids.update(setting_texts())
    for table in i18n.LABEL_TABLES:
        for item, turkish in table.source.items():
            ids[table.key(item)] = turkish
    return ids


def load() -> dict[str, dict[str, object]]:
    if CATALOGUE.exists():
        data: dict[str, dict[str, object]] = json.loads(CATALOGUE.read_text(encoding="utf-8"))
        return data
    return {"ids": {}, "texts": {}}


def missing(data: dict[str, dict[str, object]] | None = None) -> tuple[list[str], list[str]]:
    """(Turkish sentences without English, label ids without English by id or by their Turkish)."""
    data = load() if data is None else data
    texts = data.get("texts", {})
    ids = data.get("ids", {})
    sentences, _bad = source_sentences()
    no_text = sorted(s for s in sentences if not texts.get(s))
    no_label = sorted(k for k, tr in label_ids().items() if k not in ids and not texts.get(tr))
    return no_text, no_label


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    no_text, no_label = missing()
    if "--update" in argv:
        data = load()
        texts = dict(data.get("texts", {}))
        labels = label_ids()
        for s in no_text:
            texts[s] = ""
        for key in no_label:
            texts[labels[key]] = ""
        data["texts"] = dict(sorted(texts.items()))
        CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
        CATALOGUE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for s in no_text:
        print("text:", s)
    for key in no_label:
        print("label:", key)
    return 1 if no_text or no_label else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
