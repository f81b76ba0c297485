"""The PDF renderer the ``koopbis`` command line starts as a child process.

``services.printouts.write_pdf`` writes a request file — the report as JSON, the
target PDF and where to put the answer — and runs
``python -m koopbis_desktop.ui.render_pdf REQUEST`` (in the bundle:
``koopbis-desktop --render-pdf REQUEST``). The answer file holds the page count,
or a Turkish sentence and the exit code the CLI ends with.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.errors import ExitCode, KoopbisError, write_refused_reason
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.services.printouts import report_from_json
from koopbis_desktop.ui.printing import write_pdf_headless


def render(request: dict[str, Any]) -> dict[str, Any]:
    """Render one request; the answer (``pages``, or ``error`` and ``exit_code``)."""
    target = Path(request["target"])
    i18n.set_language(request.get("language"))
    try:
        pages = write_pdf_headless(report_from_json(request["report"]), target)
    except OSError as exc:
        message = tx("PDF yazılamadı: {target}: {reason}").format(
            target=target, reason=write_refused_reason(exc)
        )
        return {"error": message, "exit_code": ExitCode.ERROR}
    except KoopbisError as exc:
        return {"error": exc.message, "exit_code": exc.exit_code}
    return {"pages": pages}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("kullanım: python -m koopbis_desktop.ui.render_pdf İSTEK.json", file=sys.stderr)
        return int(ExitCode.USAGE)
    request = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    answer = render(request)
    Path(request["answer"]).write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    return int(answer.get("exit_code", ExitCode.OK))


if __name__ == "__main__":
    sys.exit(main())
