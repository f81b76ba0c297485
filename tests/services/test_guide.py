"""The user guide as data: chapters, anchors, links, pictures, search, and that it tells the truth.

The troubleshooting chapter quotes the program's messages; each quote must still be
a message the program can show (no stale messages). The law articles the change
types chapter cites must be the ones the schemas cite.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from koopbis_desktop.services import guide as guide_service
from koopbis_desktop.services.guide import (
    HELP_ANCHORS,
    Guide,
    help_anchor,
    load_guide,
    parse_chapter,
    slug,
    write_guide_pdf,
)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_SCRIPTS = (ROOT / "scripts" / "screenshots.py", ROOT / "docs" / "screenshots" / "conflict_shot.py")


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide("tr")


def _constant_tuple(script: Path, name: str) -> tuple[str, ...]:
    """The value of a module-level ``NAME = (...)`` of string literals, read without running the script."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return tuple(str(v) for v in value)
    raise AssertionError(f"{script} has no {name}")


def _screenshot_images() -> set[str]:
    return {name for script in SCREENSHOT_SCRIPTS for name in _constant_tuple(script, "GUIDE_IMAGES")}


# -- structure ------------------------------------------------------------------------------------


def test_chapters_are_in_order_and_each_starts_with_its_title(guide: Guide) -> None:
    files = [c.file for c in guide.chapters]
    assert files == sorted(files)
    assert 12 <= len(files) <= 16
    for chapter in guide.chapters:
        assert chapter.sections[0].level == 1, chapter.file
        assert [s.level for s in chapter.sections].count(1) == 1, chapter.file
    titles = [c.title for c in guide.chapters]
    for needed in ("Başlarken", "Değişiklik türleri", "Açılış günü", "Bir şey ters giderse", "Sözlük"):
        assert needed in titles
    assert guide.chapters[-1].title.startswith("12 Mart sabahı")


def test_every_heading_has_its_own_anchor(guide: Guide) -> None:
    anchors = [s.anchor for s in guide.sections()]
    assert len(anchors) == len(set(anchors))
    # No heading needed a "-2": two headings with the same words would confuse a reader too.
    assert [s.anchor for s in guide.sections()] == [slug(s.title) for s in guide.sections()]


def test_anchor_is_the_folded_title() -> None:
    assert slug("Şefin incelemesi") == "sefin-incelemesi"
    assert slug("12 Mart sabahı: şefin kontrol listesi") == "12-mart-sabahi-sefin-kontrol-listesi"
    assert slug("**İşlem** geçmişi") == "islem-gecmisi"


def test_parse_chapter_numbers_repeated_headings_and_skips_code() -> None:
    taken: set[str] = set()
    first = parse_chapter("01-a.md", "# Yedekler\n\nmetin\n\n## Geri yükleme\n", taken)
    second = parse_chapter(
        "02-b.md", "# Ayarlar\n\n```\n# kod, başlık değil\n```\n## Geri yükleme\nyine\n", taken
    )
    assert [s.anchor for s in first.sections] == ["yedekler", "geri-yukleme"]
    assert [s.anchor for s in second.sections] == ["ayarlar", "geri-yukleme-2"]
    assert second.sections[1].text == "yine"


def test_every_internal_link_resolves_and_none_leaves_the_guide(guide: Guide) -> None:
    links = guide.links()
    assert len(links) >= 12
    broken = [(chapter, href) for chapter, href in links if guide.resolve_link(chapter, href) is None]
    assert broken == []
    combined = guide.combined_markdown()
    targets = re.findall(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)", combined)
    assert targets and all(t.startswith("#") and guide.section(t[1:]) for t in targets)


def test_resolve_link_refuses_what_is_not_there(guide: Guide) -> None:
    assert guide.resolve_link("07-onay.md", "09-baskilar.md#kayit-fisi") == "kayit-fisi"
    assert guide.resolve_link("07-onay.md", "09-baskilar.md") == "baskilar-ve-gunluk-liste"
    assert guide.resolve_link("07-onay.md", "#onaylananlar") == "onaylananlar"
    assert guide.resolve_link("07-onay.md", "09-baskilar.md#onaylananlar") is None  # wrong chapter
    assert guide.resolve_link("07-onay.md", "99-yok.md") is None
    assert guide.resolve_link("07-onay.md", "https://koopbis.gtb.gov.tr") is None


def test_every_page_and_dialog_anchor_exists(guide: Guide) -> None:
    missing = {name: anchor for name, anchor in HELP_ANCHORS.items() if guide.section(anchor) is None}
    assert missing == {}


# -- pictures -------------------------------------------------------------------------------------


def test_every_picture_exists_and_comes_from_the_screenshot_scripts(guide: Guide) -> None:
    produced = _screenshot_images()
    shown = guide.images()
    assert len(shown) >= 8
    for chapter, path in shown:
        assert path.startswith("img/"), (chapter, path)
        assert (guide.folder / path).is_file(), (chapter, path)
        assert Path(path).name in produced, f"{chapter}: {path} is not written by a screenshot script"


def test_the_picture_folder_holds_only_what_the_scripts_write(guide: Guide) -> None:
    on_disk = {p.name for p in (guide.folder / "img").iterdir()}
    assert on_disk == _screenshot_images()
    assert {Path(p).name for _, p in guide.images()} == on_disk  # none written for nothing


# -- search ---------------------------------------------------------------------------------------


def test_search_folds_turkish_letters_and_case(guide: Guide) -> None:
    plain = [s.anchor for s in guide.search("onaya gonder")]
    assert (
        plain
        == [s.anchor for s in guide.search("ONAYA GÖNDER")]
        == [s.anchor for s in guide.search("Onaya Gönder")]
    )
    assert "onaya-gonderme" in plain
    assert guide.search("şefin incelemesi")[0].anchor == "sefin-incelemesi"
    assert guide.search("SEFIN INCELEMESI")[0].anchor == "sefin-incelemesi"


def test_search_needs_every_word_and_puts_titles_first(guide: Guide) -> None:
    hits = guide.search("yedek")
    assert hits and hits[0].anchor in {"yedekler", "yedek-ve-denetim-izi"}
    assert all("yedek" in (s.title + s.text).lower() for s in hits)
    assert guide.search("yedek zürafa") == []
    assert guide.search("   ") == []


def test_the_loader_knows_the_language_and_falls_back_to_turkish() -> None:
    assert guide_service.guide_folder("tr").name == "tr"
    english = load_guide("en")
    assert english.folder == guide_service.guide_folder("en") != guide_service.guide_folder("tr")
    assert english.title == "KOOP-BİS Desktop — User Guide"
    # A language without a guide of its own shows the Turkish one.
    assert load_guide("de").folder == guide_service.guide_folder("tr")


def test_the_english_guide_has_the_turkish_one_s_shape() -> None:
    """Same chapter files, same headings at the same levels: F1 finds a section by its place."""
    turkish, english = load_guide("tr"), load_guide("en")
    assert [c.file for c in english.chapters] == [c.file for c in turkish.chapters]
    for tr_chapter, en_chapter in zip(turkish.chapters, english.chapters, strict=True):
        assert [s.level for s in en_chapter.sections] == [s.level for s in tr_chapter.sections], (
            tr_chapter.file
        )


def test_every_help_anchor_has_its_english_section() -> None:
    english = load_guide("en")
    for name, anchor in HELP_ANCHORS.items():
        found = help_anchor(name, "en")
        assert found is not None and english.section(found) is not None, name
        turkish = load_guide("tr").section(anchor)
        assert turkish is not None
        section = english.section(found)
        assert section is not None and section.chapter == turkish.chapter and section.level == turkish.level
    assert help_anchor("cooperatives", "en") == "finding-a-cooperative"
    assert help_anchor("ConflictDialog", "en") == "conflict-review"


def test_the_english_guide_s_links_and_pictures_resolve() -> None:
    english = load_guide("en")
    for chapter, target in english.links():
        assert english.resolve_link(chapter, target) is not None, (chapter, target)
    turkish_pictures = {Path(p).name for _, p in load_guide("tr").images()}
    for _chapter, picture in english.images():
        path = (english.folder / picture).resolve()
        assert path.is_file() and path.parent == (guide_service.guide_folder("tr") / "img").resolve()
        assert path.name in turkish_pictures


# -- the guide tells the truth --------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d|%v|%m")


def _program_messages() -> list[str]:
    """Every string literal of the program, formatted parts replaced by "…"."""
    texts: list[str] = []
    for folder in (ROOT / "koopbis_desktop", ROOT / "sync"):
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    texts.append(_PLACEHOLDER.sub("…", node.value))
                elif isinstance(node, ast.JoinedStr):
                    texts.append(
                        "".join(
                            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "…"
                            for v in node.values
                        )
                    )
    return texts


def test_every_message_in_the_troubleshooting_chapter_exists_in_the_program(guide: Guide) -> None:
    chapter = guide.chapter("13-sorunlar.md")
    assert chapter is not None
    quoted = re.findall(r"^\*\*«(.+)»\*\*$", chapter.markdown, flags=re.MULTILINE)
    assert len(quoted) >= 30
    texts = _program_messages()
    stale = []
    for message in quoted:
        parts = [p.strip() for p in message.split("…") if p.strip(" .():;")]
        if not any(all(part in text for part in parts) for text in texts):
            stale.append(message)
    assert stale == []


def test_a_changed_message_would_be_caught(guide: Guide) -> None:
    texts = _program_messages()
    assert any("Diskte yer kalmadı; kayıt yapılamadı." in t for t in texts)
    assert not any("Diskte yer kalmadı; kayıt yapılamadı!" in t for t in texts)


#: Where the entries are, said as if every PC had its own file, by language: the phrase, and what a
#: paragraph saying it must also name (several PCs may share the office database).
_ON_THIS_PC = {
    "tr": (re.compile(r"\b[Bb]u bilgisayar(da|a|daki)\b"), "ofis veritabanı"),
    "en": (re.compile(r"\b(on|to) this computer\b"), "office database"),
}
# Chapters exempt: the one on several PCs itself, and the troubleshooting chapter (its "this PC"
# is the program installed here, not where the entries are). A quotation ("> …") is the program's own words on a
# single PC (the banner); the paragraph after it says what an office PC shows instead.
_EXEMPT_CHAPTERS = ("12-birden-cok-bilgisayar.md", "13-sorunlar.md")


def _paragraphs_placing_entries_on_this_pc(guide: Guide) -> list[tuple[str, str]]:
    phrase, office = _ON_THIS_PC[guide.language]
    return [
        (chapter.file, paragraph)
        for chapter in guide.chapters
        if chapter.file not in _EXEMPT_CHAPTERS
        for paragraph in re.split(r"\n\s*\n", chapter.markdown)
        if phrase.search(paragraph)
        and not paragraph.lstrip().startswith(">")
        and office not in " ".join(paragraph.split())
    ]


@pytest.mark.parametrize("language", ["tr", "en"])
def test_where_the_guide_places_the_entries_on_this_pc_it_also_names_the_office_database(
    language: str,
) -> None:
    """A clerk on an office PC must not read that the entries are on "this computer" alone.

    The guide was written for one PC; the office database (chapter 12) keeps the entries, the
    cooperative list and the forms' autosaved copies of every PC of the office.
    """
    assert _paragraphs_placing_entries_on_this_pc(load_guide(language)) == []


def test_a_paragraph_placing_entries_on_this_pc_alone_would_be_caught() -> None:
    english = load_guide("en")
    single = parse_chapter("99-test.md", "# Test\n\nYour entries wait on this computer.\n")
    shared = parse_chapter(
        "98-test.md", "# Test\n\nThey wait on this computer (on the office\ndatabase, there).\n"
    )
    probe = Guide(english.language, english.folder, (single, shared))
    assert _paragraphs_placing_entries_on_this_pc(probe) == [
        ("99-test.md", "Your entries wait on this computer.\n")
    ]


def test_the_law_articles_are_the_ones_the_schemas_cite(guide: Guide) -> None:
    chapter = guide.chapter("05-degisiklik-turleri.md")
    assert chapter is not None
    cited = set(re.findall(r"1163 s\.K\. md\. (\d+)", chapter.markdown))
    schemas = {
        article
        for path in sorted((ROOT / "koopbis_desktop/domain/changetypes").glob("*.py"))
        for article in re.findall(r"md\. (\d+)", path.read_text("utf-8"))
    }
    assert cited == schemas


# -- on paper -------------------------------------------------------------------------------------


def test_write_guide_pdf_runs_the_writer_in_a_child_process(tmp_path: Path, guide: Guide) -> None:
    target = write_guide_pdf(tmp_path / "kılavuz.pdf")
    assert target.is_file() and not (tmp_path / "kılavuz.pdf.part").exists()
    reader = PdfReader(str(target))
    assert len(reader.pages) > len(guide.chapters)
    assert reader.metadata is not None and reader.metadata.title == guide.title


def test_write_guide_pdf_says_why_it_failed(tmp_path: Path) -> None:
    with pytest.raises(guide_service.GuideError, match=r"^Kılavuz yazdırılamadı: klasör bulunamadı"):
        write_guide_pdf(tmp_path / "yok" / "kilavuz.pdf")
    with pytest.raises(guide_service.GuideError, match=r"^Kılavuz yazdırılamadı: .*invalid choice"):
        write_guide_pdf(tmp_path / "kilavuz.pdf", language="fr")  # the child refuses; its reason is passed on
