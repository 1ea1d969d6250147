"""Every export format, written and read back with a real reader of that format: python-docx,
odfpy, pypdf, csv, json, html.parser and plain text. What a researcher needs must survive
each: the full quote, the speaker's name and role, the article's title, tags and notes, in
any script (curly quotes, Cyrillic, accents, Hebrew). And files are written atomically."""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pypdfium2
import pytest
from docx.oxml.ns import qn
from odf import teletype
from odf.dc import Title as DocumentTitle
from odf.office import Text
from odf.opendocument import load as load_odf
from odf.style import PageLayoutProperties, ParagraphProperties
from odf.text import P, PageCount, PageNumber

from archiveapp import Archive
from archiveapp.core import export
from archiveapp.core.errors import ArchiveError
from archiveapp.core.export import docx as docx_writer
from archiveapp.core.export import qt_writers
from archiveapp.core.export.model import ExportDocument, ExportOptions

# Two invented articles: a Ukrainian railway official quoted with Cyrillic in her words and
# role, a café owner with accents, and a market manager quoted in Hebrew.
ARTICLES = {
    "rail/night-trains.md": (
        "---\ntitle: “Night trains” return to Київ after repairs\ndate: 2025-03-14\n"
        "author: Marta Kowalczyk\n---\n\n"
        "# “Night trains” return to Київ after repairs\n\n"
        "Kyiv, March 14. The first night train in two years left the central station on "
        "Friday.\n\n"
        "“We rebuilt the line from Київ to Lviv in eleven months, working through the "
        "winter,” said Oksana Hryhorenko, director of passenger services at Укрзалізниця.\n\n"
        "José Núñez-Ávila, a café owner near the station, said the trains bring customers "
        "back. “Les voyageurs reviennent, and so does the crème brûlée trade,” Núñez-Ávila "
        "said.\n"
    ),
    "market.txt": (
        "Old market reopens in Haifa\n\n"
        "By Daniel Ferreira\n\n"
        "Haifa, June 2. The covered market by the port opened its doors again on Sunday.\n\n"
        "“השוק הזה הוא הלב של העיר, והיום הוא חוזר לפעום,” said Yael Ben-Ami, the "
        "market's manager.\n\n"
        "“Every stall is taken, even the small ones by the gate,” said Samir Haddad, who "
        "sells spices there.\n"
    ),
}
RAIL = "“We rebuilt the line from Київ to Lviv in eleven months, working through the winter,”"
CAFE = "“Les voyageurs reviennent, and so does the crème brûlée trade,”"
HEBREW = "“השוק הזה הוא הלב של העיר, והיום הוא חוזר לפעום,”"
STALLS = "“Every stall is taken, even the small ones by the gate,”"
SPEAKERS = ["Oksana Hryhorenko", "José Núñez-Ávila", "Yael Ben-Ami", "Samir Haddad"]
ROLES = [
    "director of passenger services at Укрзалізниця",
    "a café owner near the station",
    "the market's manager",
]
TITLES = ["“Night trains” return to Київ after repairs", "Old market reopens in Haifa"]
TAGS = ["transport", "Київ", "markets"]
NOTE = "Check the date with Укрзалізниця.\nAsked twice — no reply yet."
CITATION = "Kowalczyk, M. (2025, March 14)."
CONTEXT = "The first night train in two years left the central station on Friday."
DOCUMENT_FORMATS = ["docx", "odt", "pdf", "html", "md"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """Read once for the module; tests only read it."""
    work = tmp_path_factory.mktemp("export-archive")
    folder = work / "articles"
    for name, text in ARTICLES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    with Archive.open(folder, data_dir=work / "data") as opened:
        opened.update()
        by_text = {q.text: q for q in opened.quotes()}
        assert set(by_text) == {RAIL, CAFE, HEBREW, STALLS}
        opened.annotations.tag([by_text[RAIL].id], ["transport", "Київ"])
        opened.annotations.tag([by_text[HEBREW].id], ["markets"])
        opened.annotations.set_note(by_text[RAIL].id, NOTE)
        yield opened


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """A QApplication before the ODT and PDF writers run, as in the window: left to
    themselves they start a QGuiApplication, which later widget tests cannot use."""


def document_of(archive: Archive, **options: object) -> ExportDocument:
    return export.build(archive, archive.quotes(), ExportOptions(**options))  # type: ignore[arg-type]


def written(archive: Archive, folder: Path, fmt: str, **options: object) -> Path:
    target = folder / f"quotes{export.SUFFIXES[fmt]}"
    return export.write(document_of(archive, format=fmt, **options), target)


def squashed(text: str) -> str:
    """Text compared the way a reader sees it: no whitespace (PDF and ODT lines break where
    they like) and compatibility forms folded (a PDF's "ﬁ" ligature is "fi")."""
    return "".join(unicodedata.normalize("NFKC", text).split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def odf_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(element name, text) of each paragraph and heading, in order."""
    (body,) = load_odf(str(path)).body.getElementsByType(Text)
    return [
        (node.tagName, teletype.extractText(node))
        for node in body.childNodes
        if node.tagName in ("text:p", "text:h")
    ]


def read_back(fmt: str, path: Path) -> str:
    """All the text a reader of the format finds in the file."""
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    if fmt == "odt":
        return "\n".join(text for _name, text in odf_paragraphs(path))
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    if fmt == "html":
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        return "".join(parser.parts)
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return "\n".join("\t".join(row.values()) for row in csv.DictReader(stream))
    if fmt == "json":
        return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    return path.read_text(encoding="utf-8")


def holds(fmt: str, text: str, wanted: str) -> bool:
    if squashed(wanted) in squashed(text):
        return True
    if fmt == "pdf" and any(unicodedata.bidirectional(c) == "R" for c in wanted):
        # A PDF stores Hebrew glyphs in the order they are drawn, right to left, and
        # pypdf gives each word back that way: every word must be there, either way round.
        words = [w.strip("“”,.") for w in wanted.split()]
        return all(w in text or w[::-1] in text for w in words if w)
    if fmt == "json":
        return squashed(json.dumps(wanted, ensure_ascii=False)[1:-1]) in squashed(text)
    return False


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_every_format_holds_quotes_speakers_roles_titles_tags_and_notes(
    archive: Archive, tmp_path: Path, fmt: str
) -> None:
    path = written(archive, tmp_path, fmt)
    text = read_back(fmt, path)
    wanted = [RAIL, CAFE, HEBREW, STALLS, *SPEAKERS, *ROLES, *TITLES, *TAGS, CITATION]
    wanted += NOTE.splitlines()
    missing = [w for w in wanted if not holds(fmt, text, w)]
    assert missing == [], f"{fmt}: {missing} not in\n{text}"
    if fmt in DOCUMENT_FORMATS:
        assert not holds(fmt, text, CONTEXT)  # context only when asked for


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_options_leave_out_roles_sources_tags_and_notes(
    archive: Archive, tmp_path: Path, fmt: str
) -> None:
    path = written(archive, tmp_path, fmt, role=False, source=False, tags=False, note=False)
    text = read_back(fmt, path)
    for gone in [*ROLES, CITATION, "Tags:", "Note:", *NOTE.splitlines(), "markets"]:
        assert not holds(fmt, text, gone), f"{fmt}: {gone!r} still there"
    for kept in [RAIL, HEBREW, *SPEAKERS]:
        assert holds(fmt, text, kept), f"{fmt}: {kept!r} missing"


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_context_and_groups_reach_every_document_format(
    archive: Archive, tmp_path: Path, fmt: str
) -> None:
    path = written(archive, tmp_path, fmt, context=True, group_by="tag", title="Київ & Haifa")
    text = read_back(fmt, path)
    for wanted in [CONTEXT, "Київ & Haifa", "Untagged", "markets", RAIL]:
        assert holds(fmt, text, wanted), f"{fmt}: {wanted!r} missing"


def test_docx_is_styled_with_word_styles(archive: Archive, tmp_path: Path) -> None:
    path = written(archive, tmp_path, "docx", group_by="document", title="Rail and market")
    word = docx.Document(str(path))
    styles = {p.text: p.style.name for p in word.paragraphs if p.style is not None}
    assert styles["Rail and market"] == "Title"
    assert styles[TITLES[0]] == styles[TITLES[1]] == "Heading 1"
    assert styles[RAIL] == styles[HEBREW] == "Quote Text"
    speaker = next(p for p in word.paragraphs if p.text.startswith("— Oksana"))
    assert speaker.style.name == "Quote Speaker"
    assert [r.text for r in speaker.runs if r.bold] == ["Oksana Hryhorenko"]
    note = next(p for p in word.paragraphs if p.text.startswith("Note: "))
    assert note.text == "Note: " + NOTE  # the line break kept, as a break in the paragraph
    assert note.style.name == "Quote Note" and note.style.font.italic
    quote_style = word.styles["Quote Text"]
    assert quote_style.paragraph_format.left_indent > 0
    assert quote_style.element.pPr.find(qn("w:pBdr")) is not None  # the rule beside it
    # Hebrew is set right to left, the rest is not.
    hebrew = next(p for p in word.paragraphs if p.text == HEBREW)
    assert hebrew._p.pPr.find(qn("w:bidi")) is not None
    assert all(run.font.rtl for run in hebrew.runs)
    rail = next(p for p in word.paragraphs if p.text == RAIL)
    assert rail._p.pPr.find(qn("w:bidi")) is None and not rail.runs[0].font.rtl
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    properties = word.core_properties
    assert properties.title == "Rail and market"
    assert properties.comments.startswith("4 quotes from 2 documents")


def test_odt_has_headings_a_direction_page_numbers_and_a_title(
    archive: Archive, tmp_path: Path
) -> None:
    path = written(archive, tmp_path, "odt", group_by="document", title="Rail and market")
    paragraphs = odf_paragraphs(path)
    headings = [text for name, text in paragraphs if name == "text:h"]
    assert headings == ["Rail and market", TITLES[1], TITLES[0]]  # by path: market.txt first
    texts = [text for _name, text in paragraphs]
    note = next(t for t in texts if t.startswith("Note:"))
    assert note == "Note: " + NOTE  # the line break kept, without Qt's tab before it
    odt = load_odf(str(path))
    hebrew = next(p for p in odt.body.getElementsByType(P) if teletype.extractText(p) == HEBREW)
    style = odt.getStyleByName(hebrew.getAttribute("stylename"))
    (layout,) = style.getElementsByType(ParagraphProperties)
    assert layout.getAttribute("writingmode") == "rl-tb"
    page = odt.getElementsByType(PageLayoutProperties)[0]
    assert (page.getAttribute("pagewidth"), page.getAttribute("pageheight")) == ("210mm", "297mm")
    assert odt.getElementsByType(PageNumber) and odt.getElementsByType(PageCount)
    (title,) = odt.meta.getElementsByType(DocumentTitle)
    assert teletype.extractText(title) == "Rail and market"


def test_html_marks_up_headings_quotes_and_direction(archive: Archive, tmp_path: Path) -> None:
    path = written(archive, tmp_path, "html", group_by="speaker")
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    names = [tag for tag, _attrs in parser.tags]
    assert names.count("h1") == 1 and names.count("h2") == len(SPEAKERS)
    assert names.count("blockquote") == 4
    directions = [a.get("dir") for tag, a in parser.tags if tag == "blockquote"]
    assert sorted(directions) == ["auto", "auto", "auto", "rtl"]
    classes = {a.get("class") for _tag, a in parser.tags}
    assert {"speaker", "source", "tags", "note"} <= classes


def test_csv_has_a_bom_and_one_row_per_quote(archive: Archive, tmp_path: Path) -> None:
    path = written(archive, tmp_path, "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    by_quote = {row["quote"]: row for row in rows}
    assert set(by_quote) == {RAIL, CAFE, HEBREW, STALLS}
    rail = by_quote[RAIL]
    assert rail["speaker"] == "Oksana Hryhorenko" and rail["role"] == ROLES[0]
    assert rail["document_title"] == TITLES[0] and rail["tags"] == "transport; Київ"
    assert rail["note"] == NOTE  # the line break survives the quoting
    assert by_quote[STALLS]["role"] == "" and by_quote[STALLS]["tags"] == ""


def test_json_keeps_every_field(archive: Archive, tmp_path: Path) -> None:
    data = json.loads(written(archive, tmp_path, "json").read_text(encoding="utf-8"))
    by_text = {q["text"]: q for q in data["quotes"]}
    rail = by_text[RAIL]
    assert rail["speaker"] == "Oksana Hryhorenko" and rail["role"] == ROLES[0]
    assert rail["tags"] == ["transport", "Київ"] and rail["note"] == NOTE
    assert rail["document"]["title"] == TITLES[0] and rail["document"]["date"] == "2025-03-14"
    assert by_text[HEBREW]["tags"] == ["markets"]


def test_markdown_quotes_each_quote_as_a_block(archive: Archive, tmp_path: Path) -> None:
    lines = written(archive, tmp_path, "md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Quotes"
    assert f"> {RAIL}" in lines and f"> {HEBREW}" in lines
    assert f"— **Oksana Hryhorenko**, {ROLES[0]}" in lines
    assert "Tags: `transport`, `Київ`" in lines


def test_pdf_has_numbered_pages_and_renders(archive: Archive, tmp_path: Path) -> None:
    many = document_of(archive, format="pdf", context=True)
    # Enough quotes for several pages: the same four, twelve times over.
    long = replace(many, groups=tuple(replace(g, entries=g.entries * 12) for g in many.groups))
    path = export.write(long, tmp_path / "long.pdf")
    reader = pypdf.PdfReader(path)
    pages = len(reader.pages)
    assert pages >= 3
    assert reader.metadata is not None and reader.metadata.title == "Quotes"
    for number, page in enumerate(reader.pages, start=1):
        assert f"page {number} of {pages}" in " ".join(page.extract_text().split())
    # No ligatures: "first" copied out of the PDF is "first", not "ﬁrst".
    first = reader.pages[0].extract_text()
    assert "first night train" in " ".join(first.split())
    assert not any("\ufb00" <= char <= "\ufb06" for char in first)
    image = render_first_page(path, tmp_path / "page1.png")
    assert 0.02 < image < 0.5, f"{image:.1%} of the first page is ink"


def render_first_page(pdf: Path, png: Path) -> float:
    """Saves the first page as a PNG (to look at) and gives the share of pixels that are
    not white."""
    from PySide6.QtGui import QImage

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        bitmap = document[0].render(scale=1.5, grayscale=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        pixels = bytes(bitmap.buffer)
    finally:
        document.close()
    image = QImage(pixels, width, height, stride, QImage.Format.Format_Grayscale8)
    assert image.save(str(png)) and png.stat().st_size > 0
    dark = pixels.translate(bytes(1 if value < 200 else 0 for value in range(256)))
    return dark.count(1) / (width * height)


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_an_export_of_no_quotes_is_still_a_document(
    archive: Archive, tmp_path: Path, fmt: str
) -> None:
    document = export.build(archive, [], ExportOptions(format=fmt, title="Nothing yet"))
    text = read_back(fmt, export.write(document, tmp_path / f"empty.{fmt}"))
    if fmt not in ("csv", "json"):
        assert holds(fmt, text, "Nothing yet") and holds(fmt, text, "0 quotes from 0 documents")


@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf"])
def test_control_characters_in_an_article_do_not_stop_an_export(
    archive: Archive, tmp_path: Path, fmt: str
) -> None:
    """A form feed or a stray control byte from an old file: XML cannot hold it, so the
    XML-based formats drop it and keep the rest."""
    document = document_of(archive, format=fmt)
    broken = replace(
        document,
        groups=tuple(
            replace(g, entries=tuple(
                replace(e, quote=replace(e.quote, text=e.quote.text.replace(" ", " \x0c\x01", 1)))
                for e in g.entries
            ))
            for g in document.groups
        ),
    )  # fmt: skip
    text = read_back(fmt, export.write(broken, tmp_path / f"quotes.{fmt}"))
    assert holds(fmt, text, RAIL) and holds(fmt, text, STALLS)


# Writing atomically.


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_an_existing_file_is_replaced_only_with_force(
    archive: Archive, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"mine{export.SUFFIXES[fmt]}"
    target.write_bytes(b"my own work")
    target.chmod(0o640)
    document = document_of(archive, format=fmt)
    with pytest.raises(ArchiveError, match=r"exists already.*--force"):
        export.write(document, target)
    assert target.read_bytes() == b"my own work"
    export.write(document, target, force=True)
    assert target.read_bytes() != b"my own work" and target.stat().st_size > 100
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # its mode kept
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_new_file_gets_the_usual_mode(archive: Archive, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = written(archive, tmp_path, "md")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # readable by others, as any new file


def failing_midway(document: ExportDocument, path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 half a document")
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("existing", [False, True])
def test_a_failed_export_leaves_nothing_half_written(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    monkeypatch.setattr(docx_writer, "write_docx", failing_midway)
    target = tmp_path / "quotes.docx"
    if existing:
        target.write_bytes(b"the old file")
    with pytest.raises(ArchiveError) as error:
        export.write(document_of(archive, format="docx"), target, force=True)
    message = str(error.value)
    assert "No space left on device" in message and "\n" not in message
    assert [p.name for p in tmp_path.iterdir()] == (["quotes.docx"] if existing else [])
    if existing:
        assert target.read_bytes() == b"the old file"


def test_a_qt_writer_failing_on_a_later_page_leaves_nothing(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    footer = qt_writers._footer

    def fail_on_page_two(painter: object, area: object, title: str, page: int, n: int) -> None:
        if page == 2:
            raise RuntimeError("the printer caught fire\nand more")
        footer(painter, area, title, page, n)  # type: ignore[arg-type]

    monkeypatch.setattr(qt_writers, "_footer", fail_on_page_two)
    many = document_of(archive, format="pdf", context=True)
    long = replace(many, groups=tuple(replace(g, entries=g.entries * 12) for g in many.groups))
    with pytest.raises(ArchiveError, match=r"cannot write .*: the printer caught fire$"):
        export.write(long, tmp_path / "long.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_or_a_folder_as_target_is_a_one_line_error(
    archive: Archive, tmp_path: Path
) -> None:
    document = document_of(archive, format="odt")
    with pytest.raises(ArchiveError, match="does not exist") as missing:
        export.write(document, tmp_path / "nowhere" / "quotes.odt")
    with pytest.raises(ArchiveError, match="is a folder") as folder:
        export.write(document, tmp_path)
    for error in (missing, folder):
        assert "\n" not in str(error.value)
    assert not (tmp_path / "nowhere").exists() and list(tmp_path.iterdir()) == []


# The acceptance check on ../shared/seed.


@pytest.mark.shared
def test_her_quotes_in_every_format_on_the_seed(shared: Path, tmp_path: Path) -> None:
    folder = tmp_path / "seed"
    shutil.copytree(shared / "seed", folder)
    out = tmp_path / "out"
    out.mkdir()
    with Archive.open(folder) as archive:
        archive.update()
        quotes = export.choose_quotes(archive, speaker="Kateryna Chernogorenko")
        assert quotes and all(q.speaker == "Kateryna Chernogorenko" for q in quotes)
        archive.annotations.tag([quotes[0].id], ["drones"])
        archive.annotations.set_note(quotes[0].id, "Compare with the ministry's figures.\nMay 2025")
        quotes = export.choose_quotes(archive, speaker="Kateryna Chernogorenko")
        role = quotes[0].speaker_role
        title = archive.document(quotes[0].document).title
        assert role and title
        for fmt in export.FORMATS:
            options = ExportOptions(format=fmt, title="Kateryna Chernogorenko")
            path = export.write(export.build(archive, quotes, options), out / f"her.{fmt}")
            text = read_back(fmt, path)
            wanted = [q.text for q in quotes]
            wanted += ["Kateryna Chernogorenko", role, title, "drones"]
            wanted += ["Compare with the ministry's figures.", "May 2025"]
            missing = [w for w in wanted if not holds(fmt, text, w)]
            assert missing == [], f"{fmt}: {missing} not in\n{text}"
