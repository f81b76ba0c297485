"""Write the member list templates the app offers for download (resources/templates).

    .venv/bin/python scripts/make_templates.py

The headers and the example row come from ``services.member_import`` (the same
columns the importer reads), so a template can never ask for a column the
importer does not know.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from koopbis_desktop.services.member_import import TEMPLATE_NAMES, ImportKind, write_template  # noqa: E402


def main() -> None:
    folder = ROOT / "resources" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ImportKind:
        for suffix in (".xlsx", ".csv"):
            path = write_template(kind, folder / f"{TEMPLATE_NAMES[kind]}{suffix}")
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
