"""Writing a :class:`~koopbis_desktop.services.reports.Report` as a PDF without importing Qt here.

Laying a report out on A4 needs Qt (``ui/printing``), and the ``koopbis``
command line must not load Qt. So the report, which is plain data, goes as JSON
to a child process that renders it: ``python -m koopbis_desktop.ui.render_pdf``
in a virtual environment, or, in the PyInstaller bundle (which has no Python to
run ``-m`` with), the sibling ``koopbis-desktop`` program with its hidden
``--render-pdf`` flag. Request and answer travel in files, not pipes, because the
windowed Windows build of ``koopbis-desktop`` has no standard streams.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx

# The reports (and the store behind them) are imported where a report is turned to JSON
# and back, subprocess where a PDF is rendered: the desktop reads RENDER_FLAG at every
# start and needs nothing else here.
if TYPE_CHECKING:
    from koopbis_desktop.services.reports import Report, Section

log = logging.getLogger(__name__)

RENDER_MODULE = "koopbis_desktop.ui.render_pdf"
RENDER_FLAG = "--render-pdf"
DESKTOP_PROGRAM = "koopbis-desktop"
# A 2,000-entry daily list renders in a few seconds; a child that hangs is not waited for forever.
RENDER_TIMEOUT_S = 600


class PrintFailed(KoopbisError):
    """The PDF could not be written (disk, folder, the rendering program)."""

    log_warning = True


# ------------------------------------------------------------------ the report as JSON


def section_to_json(section: Section) -> dict[str, Any]:
    from koopbis_desktop.services.reports import Facts, Paragraph

    if isinstance(section, Paragraph):
        return {"kind": "paragraph", "text": section.text}
    if isinstance(section, Facts):
        return {"kind": "facts", "title": section.title, "items": [list(item) for item in section.items]}
    return {
        "kind": "table",
        "title": section.title,
        "columns": list(section.columns),
        "rows": [list(row) for row in section.rows],
        "widths": list(section.widths) if section.widths is not None else None,
        "empty": section.empty,
        "unbroken": list(section.unbroken),
        "mono": list(section.mono),
    }


def section_from_json(data: dict[str, Any]) -> Section:
    from koopbis_desktop.services.reports import Facts, Paragraph, Table

    kind = data["kind"]
    if kind == "paragraph":
        return Paragraph(text=data["text"])
    if kind == "facts":
        return Facts(items=[(str(label), str(value)) for label, value in data["items"]], title=data["title"])
    widths = data.get("widths")
    return Table(
        columns=tuple(data["columns"]),
        rows=[tuple(row) for row in data["rows"]],
        title=data["title"],
        widths=tuple(widths) if widths is not None else None,
        empty=data["empty"],
        unbroken=tuple(data["unbroken"]),
        mono=tuple(data["mono"]),
    )


def report_to_json(report: Report) -> dict[str, Any]:
    return {
        "title": report.title,
        "authority": report.authority,
        "subtitle": report.subtitle,
        "sections": [section_to_json(s) for s in report.sections],
        "signatures": list(report.signatures),
        "closing": list(report.closing),
        "printed_at": report.printed_at,
        "entry_ids": list(report.entry_ids),
    }


def report_from_json(data: dict[str, Any]) -> Report:
    from koopbis_desktop.services.reports import Report

    return Report(
        title=data["title"],
        authority=data["authority"],
        subtitle=data["subtitle"],
        sections=[section_from_json(s) for s in data["sections"]],
        signatures=tuple(data["signatures"]),
        closing=list(data["closing"]),
        printed_at=data["printed_at"],
        entry_ids=list(data["entry_ids"]),
    )


# ------------------------------------------------------------------ the child process


def qt_child_command(module: str, flag: str) -> list[str]:
    """How to run a Qt module of the desktop as a child: ``python -m module`` in a virtual
    environment; in the bundle, which has no ``python -m``, the sibling desktop program
    with its hidden ``flag``. The arguments follow.
    """
    if getattr(sys, "frozen", False):
        name = DESKTOP_PROGRAM + (".exe" if os.name == "nt" else "")
        return [str(Path(sys.executable).with_name(name)), flag]
    return [sys.executable, "-m", module]


def render_command() -> list[str]:
    """The program (and arguments) that renders a request file given after them."""
    return qt_child_command(RENDER_MODULE, RENDER_FLAG)


def refuse_non_pdf(target: Path) -> None:
    """A PDF replaces an earlier PDF of the same name, never another file named ``….pdf`` by
    mistake (a database, a spreadsheet): refused, exit 4, nothing written."""
    target = Path(target)
    if target.is_dir():
        raise PrintFailed(
            tx("{target} bir klasör; PDF için bir dosya adı verin, ör. {example}").format(
                target=target, example=target / "cikti.pdf"
            ),
            exit_code=ExitCode.USAGE,
        )
    try:
        with open(target, "rb") as f:
            head = f.read(5)
    except OSError:
        return  # not there (or not readable: the writer says why)
    if head and head != b"%PDF-":
        raise PrintFailed(
            tx(
                "{target} zaten var ve bir PDF dosyası değil; üzerine yazılmadı, hiçbir şey değişmedi. "
                "Yeni bir dosya adı verin."
            ).format(target=target),
            exit_code=ExitCode.NOT_PERMITTED,
        )


def write_pdf(report: Report, target: Path) -> int:
    """Write ``report`` as an A4 PDF at ``target`` in a child process; the page count.

    Raises :class:`PrintFailed` with the child's Turkish sentence and exit code.
    """
    import subprocess

    refuse_non_pdf(target)

    with tempfile.TemporaryDirectory(prefix="koopbis-pdf-") as tmp:
        request = Path(tmp) / "istek.json"
        answer = Path(tmp) / "yanit.json"
        request.write_text(
            json.dumps(
                {
                    "report": report_to_json(report),
                    "target": str(target),
                    "answer": str(answer),
                    "language": i18n.language(),  # the page footer and signature captions follow it
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM") or "offscreen"}
        try:
            done = subprocess.run(
                [*render_command(), str(request)],
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=RENDER_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PrintFailed(
                tx("PDF yazılamadı: çıktı programı çalıştırılamadı ({exc}).").format(exc=exc)
            ) from exc
        try:
            result = json.loads(answer.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            result = {}
    if done.returncode == 0 and "pages" in result:
        return int(result["pages"])
    log.warning("PDF renderer exited %s: %s", done.returncode, done.stderr.decode("utf-8", "replace")[-4000:])
    message = result.get("error") or (
        f"PDF yazılamadı: çıktı programı beklenmedik biçimde durdu (çıkış kodu {done.returncode})."
    )
    raise PrintFailed(str(message), exit_code=int(result.get("exit_code") or ExitCode.ERROR))


__all__ = [
    "PrintFailed",
    "qt_child_command",
    "refuse_non_pdf",
    "render_command",
    "report_from_json",
    "report_to_json",
    "write_pdf",
]
