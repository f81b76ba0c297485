"""The OpenAPI document of the contract, generated from the app: ``python -m sync.server.openapi``.

``sync/openapi.json`` is this output, committed; a test fails when they differ.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from sync.server.app import create_app


def openapi_document() -> dict[str, Any]:
    document: dict[str, Any] = create_app().api.openapi()
    return document


def render() -> str:
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
