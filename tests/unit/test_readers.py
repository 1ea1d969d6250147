"""Every reader on files made by the real writers of each format (python-docx, Qt's ODT
and PDF writers, the email package, a zip laid out as an EPUB, a saved web page), each
holding the same short article with two quotes: the quotes must come out with their
speakers, and the title, date and author from the file's own fields or its text."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx
import pypdf
import pytest
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextDocumentWriter,
)

from archiveapp.core.errors import ReadError
from archiveapp.core.extract import extract_quotes
from archiveapp.core.ingest import read_document
from archiveapp.core.model import Document

TITLE = "Harbour board approves pier rebuild"
AUTHOR = "Maria Okafor"
DATE = "2025-03-14"
LEAD = "HARWICK, March 14, 2025 — The harbour board voted on Tuesday to rebuild the old pier."
QUOTE_1 = "“The pier is the heart of this town,” said Ilse Marchetti, the board's chief engineer."
QUOTE_2 = "Mayor Tomas Reyes was less sure. “We cannot afford another year of delay,” Reyes said."
BODY = [LEAD, QUOTE_1, QUOTE_2]
SPEAKERS = {
    "“The pier is the heart of this town,”": "Ilse Marchetti",
    "“We cannot afford another year of delay,”": "Tomas Reyes",
}


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """Qt's writers need an application; the QApplication of pytest-qt, as the export
    tests use, so later widget tests still find a usable one."""


def read(path: Path) -> Document:
    return read_document(path, path.parent)


def assert_article(document: Document, author: str | None = AUTHOR) -> None:
    assert document.title == TITLE
    assert document.date == DATE
    if author is not None:
        assert document.author == author
    found = {q.text: q.speaker for q in extract_quotes(document.text)}
    assert found == SPEAKERS, document.text
    # Paragraphs stay paragraphs, in order.
    assert document.text.index("harbour board voted") < document.text.index("Reyes said")


def article_html(byline: bool = True) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    by = f"<p>By {AUTHOR}</p>" if byline else ""
    return f"<h1>{TITLE}</h1>{by}{paragraphs}"


# -- DOCX ---------------------------------------------------------------------------------


def write_docx(path: Path) -> Path:
    word = docx.Document()
    word.core_properties.title = TITLE
    word.core_properties.author = AUTHOR
    word.add_paragraph(TITLE, style="Title")
    word.add_paragraph(f"By {AUTHOR}")
    word.add_paragraph(LEAD)
    # The second and third paragraphs sit in a one-column table, as a layout box would.
    table = word.add_table(rows=2, cols=1)
    table.cell(0, 0).text = QUOTE_1
    table.cell(1, 0).text = QUOTE_2
    word.add_paragraph("The work starts in May.")
    word.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_order_with_core_properties(tmp_path: Path) -> None:
    document = read(write_docx(tmp_path / "pier.docx"))
    assert_article(document)
    assert document.format == "docx"
    assert document.text.index("Reyes said") < document.text.index("The work starts in May")


def test_docx_template_defaults_are_not_taken_for_metadata(tmp_path: Path) -> None:
    word = docx.Document()  # author "python-docx", created 2013-12-23 by its template
    for paragraph in [TITLE, *BODY]:
        word.add_paragraph(paragraph)
    word.save(str(tmp_path / "plain.docx"))
    document = read(tmp_path / "plain.docx")
    assert document.author is None
    assert (document.title, document.date) == (TITLE, DATE)  # from the text


def test_broken_and_bomb_docx_files_are_one_line_errors(tmp_path: Path) -> None:
    whole = write_docx(tmp_path / "whole.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(whole[: len(whole) // 2])
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000)
    (tmp_path / "bomb.docx").write_bytes(bomb.getvalue())
    (tmp_path / "text.docx").write_text("not a zip at all", encoding="utf-8")
    for name, says in (
        ("cut.docx", "broken"),
        ("bomb.docx", "unpacks to far more"),
        ("text.docx", "broken"),
    ):
        with pytest.raises(ReadError, match=says) as raised:
            read(tmp_path / name)
        assert "\n" not in str(raised.value)


# -- ODT ----------------------------------------------------------------------------------


def test_odt_written_by_qt(tmp_path: Path) -> None:
    text = QTextDocument()
    text.setHtml(article_html())
    text.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, TITLE)
    path = tmp_path / "pier.odt"
    writer = QTextDocumentWriter(str(path), b"odf")
    assert writer.write(text)
    document = read(path)
    assert_article(document)
    assert document.format == "odt"


def test_odt_with_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    )
    with zipfile.ZipFile(tmp_path / "laughs.odt", "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", laughs)
    with pytest.raises(ReadError, match="declares XML entities"):
        read(tmp_path / "laughs.odt")


# -- PDF ----------------------------------------------------------------------------------


def write_pdf(path: Path, html: str) -> Path:
    writer = QPdfWriter(str(path))
    writer.setTitle(TITLE)
    writer.setAuthor(AUTHOR)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    text = QTextDocument()
    text.setHtml(html)
    text.print_(writer)
    return path


def test_pdf_written_by_qt_with_its_info(tmp_path: Path) -> None:
    document = read(write_pdf(tmp_path / "pier.pdf", article_html(byline=False)))
    assert_article(document)
    assert document.format == "pdf"


def test_pdf_columns_drawn_line_by_line_come_out_in_reading_order(tmp_path: Path) -> None:
    """Lines of the left and right columns alternate in the page's content stream; the
    left column's last word is hyphenated at the line end."""
    left = [TITLE, "", "HARWICK, March 14, 2025 — The", "harbour board voted on Tues-",
            "day to rebuild the old pier.", "“The pier is the heart of this",
            "town,” said Ilse Marchetti, the", "board's chief engineer."]  # fmt: skip
    right = ["", "", "Mayor Tomas Reyes was less", "sure. “We cannot afford an-",
             "other year of delay,” Reyes", "said."]  # fmt: skip
    path = tmp_path / "columns.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15))
    painter = QPainter(writer)
    width = painter.viewport().width()
    step = painter.fontMetrics().height() * 1.3
    for row in range(len(left)):
        for column, lines in enumerate((left, right)):
            if row < len(lines) and lines[row]:
                # A gutter of a fifth of the column between the two, as newspapers have.
                x = int(column * width * 0.55)
                painter.drawText(x, int((row + 1) * step), lines[row])
    painter.end()
    document = read(path)
    assert document.title == TITLE
    assert document.date == DATE
    assert "voted on Tuesday to rebuild the old pier." in document.text
    assert "another year" in document.text
    found = {q.text: q.speaker for q in extract_quotes(document.text)}
    assert found == SPEAKERS, document.text


def test_image_only_and_encrypted_pdfs_say_so(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    writer = QPdfWriter(str(scan))
    painter = QPainter(writer)
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter.drawImage(QRectF(0, 0, 4000, 3000), image)
    painter.fillRect(QRectF(100, 100, 500, 50), Qt.GlobalColor.black)
    painter.end()
    protected = tmp_path / "protected.pdf"
    encrypting = pypdf.PdfWriter(clone_from=write_pdf(tmp_path / "plain.pdf", article_html()))
    encrypting.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with protected.open("wb") as out:
        encrypting.write(out)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<\n")
    for name, says in (
        ("scan.pdf", "no text layer"),
        ("protected.pdf", "encrypted"),
        ("broken.pdf", "PDF"),
    ):
        with pytest.raises(ReadError, match=says) as raised:
            read(tmp_path / name)
        assert "\n" not in str(raised.value)


# -- EPUB ---------------------------------------------------------------------------------

_CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf"
    media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
_OPF = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:7d1c0f9e-0000-4000-8000-000000000001</dc:identifier>
    <dc:title>{TITLE}</dc:title>
    <dc:creator>{AUTHOR}</dc:creator>
    <dc:date>{DATE}</dc:date>
    <dc:publisher>Harwick Courier</dc:publisher>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="two" href="text/two.xhtml" media-type="application/xhtml+xml"/>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="one" href="text/one.xhtml" media-type="application/xhtml+xml"/>
    <item id="cover" href="cover.png" media-type="image/png"/>
  </manifest>
  <spine><itemref idref="one"/><itemref idref="two"/></spine>
</package>"""


def _chapter(heading: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>{heading}</title></head><body><h1>{heading}</h1>{body}</body></html>"
    )


def test_epub_chapters_in_spine_order_with_opf_metadata(tmp_path: Path) -> None:
    path = tmp_path / "pier.epub"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        package.writestr("META-INF/container.xml", _CONTAINER)
        package.writestr("OEBPS/content.opf", _OPF)
        package.writestr("OEBPS/nav.xhtml", _chapter("Contents", ["Pier", "Money"]))
        package.writestr("OEBPS/text/one.xhtml", _chapter("The vote", [LEAD, QUOTE_1]))
        # &nbsp; is XHTML's, not XML's: a chapter may use it without a DTD.
        package.writestr(
            "OEBPS/text/two.xhtml", _chapter("The money", [QUOTE_2.replace(". ", ".&nbsp;", 1)])
        )
        package.writestr("OEBPS/cover.png", b"\x89PNG\r\n")
    document = read(path)
    assert_article(document)
    assert document.outlet == "Harwick Courier"
    assert document.text.index("The vote") < document.text.index("The money")
    assert "Contents" not in document.text  # the nav document is not in the spine


# -- RTF ----------------------------------------------------------------------------------


def test_rtf_with_its_info_group(tmp_path: Path) -> None:
    def rtf(text: str) -> str:
        return "".join(
            {"“": r"\ldblquote ", "”": r"\rdblquote ", "—": r"\emdash ", "'": r"\rquote "}.get(c, c)
            for c in text
        )

    paragraphs = "".join(rf"\pard {rtf(p)}\par" + "\n" for p in [TITLE, f"By {AUTHOR}", *BODY])
    source = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times New Roman;}}"
        rf"{{\info{{\title {TITLE}}}{{\author {AUTHOR}}}{{\creatim\yr2025\mo3\dy20}}}}"
        r"{\header \pard Harwick Courier page 1\par}" + "\n" + paragraphs + "}"
    )
    (tmp_path / "pier.rtf").write_text(source, encoding="ascii")
    document = read(tmp_path / "pier.rtf")
    assert_article(document)
    assert "page 1" not in document.text
    (tmp_path / "fake.rtf").write_text("just text", encoding="ascii")
    with pytest.raises(ReadError, match="not an RTF file"):
        read(tmp_path / "fake.rtf")


# -- e-mail and MHTML ---------------------------------------------------------------------


def _mail() -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"{AUTHOR} <m.okafor@courier.example>"
    message["To"] = "desk@courier.example"
    message["Subject"] = TITLE
    message["Date"] = format_datetime(datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc))
    return message


def test_eml_plain_text_part_with_its_headers(tmp_path: Path) -> None:
    message = _mail()
    message.set_content("\n\n".join(BODY) + "\n\n-- \nHarwick Courier news desk\n")
    message.add_alternative(f"<html><body>{article_html()}</body></html>", subtype="html")
    (tmp_path / "pier.eml").write_bytes(message.as_bytes())
    document = read(tmp_path / "pier.eml")
    assert_article(document)
    assert document.format == "eml"


def test_eml_with_only_an_html_part(tmp_path: Path) -> None:
    message = _mail()
    page = f"<html><body><nav><a href='/'>Home</a></nav>{article_html()}</body></html>"
    message.set_content(page, subtype="html")
    (tmp_path / "pier.eml").write_bytes(message.as_bytes())
    assert_article(read(tmp_path / "pier.eml"))


def test_mhtml_saved_page(tmp_path: Path) -> None:
    message = EmailMessage()
    message["Subject"] = TITLE
    message["Snapshot-Content-Location"] = "https://courier.example/news/pier"
    message.set_content(saved_page(), subtype="html")
    message.add_related(b"\x89PNG\r\n", maintype="image", subtype="png", cid="<logo>")
    (tmp_path / "pier.mhtml").write_bytes(message.as_bytes())
    document = read(tmp_path / "pier.mhtml")
    assert_article(document)
    assert document.format == "mhtml"
    assert document.url == "https://courier.example/news/pier"


# -- saved web page -----------------------------------------------------------------------


def saved_page() -> str:
    """An article page as a browser saves it: navigation, ads and a footer around it."""
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | Harwick Courier</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Harwick Courier">
<meta name="author" content="{AUTHOR}">
<meta property="article:published_time" content="{DATE}T08:00:00Z">
<link rel="canonical" href="https://courier.example/news/pier">
<script src="pier_files/tracker.js"></script></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="ad-banner"><iframe src="pier_files/ad.html"></iframe>
<p>Advertisement: “Best deals,” says our sponsor Cheapo Ltd.</p></div>
<main><article><h1>{TITLE}</h1><p class="byline">By {AUTHOR}</p>{paragraphs}</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Storm hits coast</a></li>
<li><a href="/b">Council budget row</a></li></ul></aside>
<footer><p>© 2025 Harwick Courier. All rights reserved.</p></footer></body></html>"""


def test_saved_web_page_keeps_the_article_and_its_citation_fields(tmp_path: Path) -> None:
    (tmp_path / "pier.html").write_text(saved_page(), encoding="utf-8")
    document = read(tmp_path / "pier.html")
    assert_article(document)
    assert document.outlet == "Harwick Courier"
    assert document.url == "https://courier.example/news/pier"
    for furniture in ("Most read", "Cheapo", "All rights reserved", "Subscribe"):
        assert furniture not in document.text
