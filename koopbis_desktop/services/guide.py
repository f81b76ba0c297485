"""The user guide (Kullanıcı Kılavuzu) as data: chapters, sections, anchors, links, search.

The guide is Markdown, one file per chapter, in ``resources/kilavuz/<language>/``
(Turkish in ``tr/``; an English ``en/`` with the same file names is shown when
the program runs in English). ``resources/`` is packed into the wheel and the
bundle, so the installed program reads the same files offline. Every heading is
a section whose anchor is its folded title ("Şefin incelemesi" →
``sefin-incelemesi``), unique across the whole guide, so the help window, the
printed guide and the page/dialog → section map all use the same names.

Qt-free: the help window and the PDF writer in ``ui/`` render what this module
reads; :func:`write_guide_pdf` runs the PDF writer in a child process, so a
caller without Qt (the command line) can print the guide too.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.resources import resources_dir
from koopbis_desktop.domain.text import fold, fold_tokens
from koopbis_desktop.services.printouts import qt_child_command, refuse_non_pdf

DEFAULT_LANGUAGE = "tr"
GUIDE_TITLE = {"tr": "KOOP-BİS Masaüstü — Kullanıcı Kılavuzu", "en": "KOOP-BİS Desktop — User Guide"}

# Where F1 opens the guide: a main-window page (its key) or a window (its class name).
# tests/ui/test_help.py checks that every page and dialog of the program is listed and
# that every anchor exists, so a new dialog without help fails the suite.
HELP_ANCHORS: dict[str, str] = {
    # main-window pages
    "new": "yeni-kayit",
    "drafts": "taslaklarim",
    "submitted": "onay-bekleyenler",
    "approved": "onaylananlar",
    "sync": "esitleme-sayfasi",
    "conflicts": "cakismalar",
    "all": "tum-kayitlar",
    "cooperatives": "kooperatif-bulma",
    "audit": "denetim-izi",
    # windows and dialogs
    "MainWindow": "ana-pencere",
    "LoginDialog": "oturum-acma",
    "LockDialog": "ekran-kilidi",
    "FirstRunWizard": "ilk-kurulum",
    "RecoveryKeyDialog": "kurtarma-anahtari",
    "FirstRunNextSteps": "ilk-kurulum",
    "RecoveryChooser": "kurtarma",
    "EntryEditor": "kayit-formu",
    "EditorBase": "kayit-formu",  # the editor's parts (layout, values, submit, …) derive from it
    "TypeChooserDialog": "bu-kooperatif-icin-yeni-kayit",
    "ReviewDialog": "sefin-incelemesi",
    "WithdrawDialog": "kaydi-geri-cekme",
    "ConflictDialog": "cakisma-incelemesi",
    "ManualAssistant": "elle-aktarim-yardimcisi",
    "MemberImportDialog": "ortak-listesi-yukle",
    "ListReport": "listeyi-yukleme",
    "SettingsDialog": "ayarlar",
    "UsersDialog": "kullanicilar",
    "AddUserDialog": "kullanicilar",
    "ResetPasswordDialog": "kullanicilar",
    "AboutDialog": "hakkinda",
    "DailyListDialog": "gunluk-liste",
    "ReportPreview": "baskilar-ve-gunluk-liste",
    "PasswordDialog": "esitleme-sayfasi",
    "HelpWindow": "kilavuzu-kullanma",
}

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_EXTERNAL = ("http://", "https://", "mailto:")


class GuideError(KoopbisError):
    """The guide could not be read or printed."""


def slug(title: str) -> str:
    """The anchor of a heading: its folded words joined by hyphens ("Şefin incelemesi" → sefin-incelemesi)."""
    plain = re.sub(r"[*_`]", "", title)
    return re.sub(r"[^0-9a-z]+", "-", fold(plain)).strip("-")


@dataclass(frozen=True)
class Section:
    """One heading of the guide and the text under it up to the next heading."""

    anchor: str
    title: str
    level: int  # 1 = the chapter's title
    chapter: str  # file name, e.g. "04-kayit-girme.md"
    text: str


@dataclass(frozen=True)
class Chapter:
    file: str
    markdown: str
    sections: tuple[Section, ...]

    @property
    def title(self) -> str:
        return self.sections[0].title if self.sections else self.file

    @property
    def anchor(self) -> str:
        return self.sections[0].anchor if self.sections else slug(self.file)


@dataclass(frozen=True)
class Guide:
    """The whole guide in one language, chapters in reading order."""

    language: str
    folder: Path
    chapters: tuple[Chapter, ...]
    _by_anchor: dict[str, Section] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for section in self.sections():
            self._by_anchor.setdefault(section.anchor, section)

    @property
    def title(self) -> str:
        return GUIDE_TITLE.get(self.language, GUIDE_TITLE[DEFAULT_LANGUAGE])

    def sections(self) -> list[Section]:
        return [s for chapter in self.chapters for s in chapter.sections]

    def section(self, anchor: str) -> Section | None:
        return self._by_anchor.get(anchor)

    def chapter(self, file: str) -> Chapter | None:
        return next((c for c in self.chapters if c.file == file), None)

    def images(self) -> list[tuple[str, str]]:
        """(chapter file, image path as written) for every image the guide shows."""
        return [
            (c.file, m.group(2)) for c in self.chapters for m in _IMAGE.finditer(_outside_code(c.markdown))
        ]

    def links(self) -> list[tuple[str, str]]:
        """(chapter file, target as written) for every link of the guide."""
        return [
            (c.file, m.group(2)) for c in self.chapters for m in _LINK.finditer(_outside_code(c.markdown))
        ]

    def resolve_link(self, chapter: str, href: str) -> str | None:
        """The anchor a link of ``chapter`` leads to; None for an external or broken link."""
        if href.startswith(_EXTERNAL):
            return None
        target, _, fragment = href.partition("#")
        file = target or chapter
        found = self.chapter(file)
        if found is None:
            return None
        if not fragment:
            return found.anchor
        section = self.section(fragment)
        return section.anchor if section is not None and section.chapter == file else None

    def combined_markdown(self, *, absolute_images: bool = True) -> str:
        """Every chapter in one text, links between chapters turned into ``#anchor`` links.

        Images get absolute ``file:`` URLs, so a renderer need not know the guide's folder.
        """
        parts = []
        for chapter in self.chapters:
            text = chapter.markdown

            def link(match: re.Match[str], file: str = chapter.file) -> str:
                anchor = self.resolve_link(file, match.group(2))
                return f"[{match.group(1)}](#{anchor})" if anchor else match.group(0)

            def image(match: re.Match[str]) -> str:
                path = (self.folder / match.group(2)).resolve()
                return f"![{match.group(1)}]({path.as_uri()})"

            text = _LINK.sub(link, text)
            if absolute_images:
                text = _IMAGE.sub(image, text)
            parts.append(text.strip())
        return "\n\n".join(parts) + "\n"

    def search(self, query: str) -> list[Section]:
        """Sections whose title or text holds every word of ``query``, folded the Turkish way.

        "onaya gonder", "ONAYA GÖNDER" and "onaya gönder" find the same sections. The
        section titled exactly so comes first, then titles starting so, then titles
        holding the words, then the rest; each group in reading order.
        """
        words = fold_tokens(query)
        if not words:
            return []
        phrase = " ".join(words)
        hits: list[tuple[int, int, Section]] = []
        for index, section in enumerate(self.sections()):
            title = " ".join(fold_tokens(section.title))
            body = fold(section.text)
            if not all(w in title or w in body for w in words):
                continue
            if title == phrase:
                rank = 0
            elif title.startswith(phrase):
                rank = 1
            elif all(w in title for w in words):
                rank = 2
            else:
                rank = 3
            hits.append((rank, index, section))
        return [s for _, _, s in sorted(hits, key=lambda h: (h[0], h[1]))]


def _outside_code(markdown: str) -> str:
    """``markdown`` with fenced and indented code blocks blanked out (links there are examples)."""
    out: list[str] = []
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            out.append("")
            continue
        out.append("" if fenced or line.startswith("    ") else line)
    return "\n".join(out)


def parse_chapter(file: str, markdown: str, taken: set[str] | None = None) -> Chapter:
    """Split one chapter into its sections; an anchor already in ``taken`` gets "-2", "-3"…"""
    taken = taken if taken is not None else set()
    sections: list[Section] = []
    heading: tuple[int, str] | None = None
    body: list[str] = []

    def close() -> None:
        if heading is None:
            return
        level, title = heading
        anchor = base = slug(title) or "bolum"
        number = 2
        while anchor in taken:
            anchor, number = f"{base}-{number}", number + 1
        taken.add(anchor)
        sections.append(Section(anchor, title, level, file, "\n".join(body).strip()))

    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            close()
            heading, body = (len(match.group(1)), match.group(2).strip()), []
        else:
            body.append(line)
    close()
    return Chapter(file, markdown, tuple(sections))


def guide_folder(language: str = DEFAULT_LANGUAGE) -> Path:
    """The guide's folder for ``language``; Turkish when that language has no guide yet."""
    root = resources_dir() / "kilavuz"
    folder = root / language
    return folder if folder.is_dir() else root / DEFAULT_LANGUAGE


@cache
def load_guide(language: str = DEFAULT_LANGUAGE) -> Guide:
    """Read every chapter (``NN-name.md``, in file-name order) of the guide in ``language``."""
    folder = guide_folder(language)
    files = sorted(folder.glob("[0-9][0-9]-*.md"))
    if not files:
        raise GuideError(
            tx("Kullanıcı kılavuzu bulunamadı: {folder}. Programı yeniden kurun.").format(folder=folder)
        )
    taken: set[str] = set()
    chapters = tuple(parse_chapter(p.name, p.read_text(encoding="utf-8"), taken) for p in files)
    return Guide(folder.name, folder, chapters)


def help_anchor(name: str, language: str = DEFAULT_LANGUAGE) -> str | None:
    """The section F1 opens for a page key or a window's class name; None if it has none.

    :data:`HELP_ANCHORS` names the Turkish sections; another language's guide has the
    same chapter files with the same headings in the same order (a test holds them
    together), so its section is the one at the same place.
    """
    anchor = HELP_ANCHORS.get(name)
    if anchor is None or language == DEFAULT_LANGUAGE:
        return anchor
    return same_section(anchor, language)


def same_section(anchor: str, language: str) -> str | None:
    """The anchor, in ``language``'s guide, of the Turkish section ``anchor``."""
    source, target = load_guide(DEFAULT_LANGUAGE), load_guide(language)
    section = source.section(anchor)
    if section is None or target.folder == source.folder:
        return anchor if section is not None else None
    chapter, other = source.chapter(section.chapter), target.chapter(section.chapter)
    if chapter is None or other is None:
        return None
    index = chapter.sections.index(section)
    return other.sections[index].anchor if index < len(other.sections) else None


PDF_MODULE = "koopbis_desktop.ui.guide_pdf"
PDF_FLAG = "--guide-pdf"  # koopbis-desktop's hidden option in the bundle


def write_guide_pdf(target: Path | str, language: str = DEFAULT_LANGUAGE, *, timeout_s: float = 300) -> Path:
    """Write the guide as an A4 PDF at ``target`` through Qt in a child process; the path.

    The child is ``python -m koopbis_desktop.ui.guide_pdf`` (in the bundle:
    ``koopbis-desktop --guide-pdf``), so this module, and a command line calling it,
    never imports Qt.
    """
    path = Path(target)
    if path.suffix.lower() != ".pdf":
        # As a printout's: a name ending otherwise is a slip (an Excel file, a database), never written over.
        raise GuideError(
            tx("Kılavuzun yazılacağı dosyanın adı .pdf ile bitmeli, ör. kilavuz.pdf"),
            exit_code=ExitCode.USAGE,
        )
    if not path.parent.is_dir():
        raise GuideError(tx("Kılavuz yazdırılamadı: klasör bulunamadı: {parent}").format(parent=path.parent))
    refuse_non_pdf(path)
    package_root = Path(__file__).resolve().parents[2]
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(package_root), env.get("PYTHONPATH", "")]))
    command = [*qt_child_command(PDF_MODULE, PDF_FLAG), str(path), "--lang", language]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout_s, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GuideError(tx("Kılavuz yazdırılamadı: {exc}").format(exc=exc)) from exc
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        reason = lines[-1] if lines else f"çıkış kodu {result.returncode}"
        raise GuideError(reason if reason.startswith("Kılavuz") else f"Kılavuz yazdırılamadı: {reason}")
    return path


__all__ = [
    "DEFAULT_LANGUAGE",
    "GUIDE_TITLE",
    "HELP_ANCHORS",
    "Chapter",
    "Guide",
    "GuideError",
    "Section",
    "guide_folder",
    "help_anchor",
    "load_guide",
    "parse_chapter",
    "same_section",
    "slug",
    "write_guide_pdf",
]
