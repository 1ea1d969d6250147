"""Word documents, built with python-docx.

Every kind of line has a paragraph style of its own ("Quote Text", "Quote Source", ...)
rather than formatting pasted onto each run, so a researcher restyles all quotes at once in
Word; the lines shown for each option are the HTML writer's, in the same order.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml.etree import SubElement

from .model import Entry, ExportDocument, ExportOptions, right_to_left
from .model import xml_text as _xml

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle

GREY = RGBColor(0x5F, 0x5F, 0x5F)
LIGHT_GREY = RGBColor(0x76, 0x76, 0x76)
BLUE = RGBColor(0x3D, 0x5A, 0x80)
RULE = "C5CAD3"  # the line beside each quote
INDENT = Mm(6)  # every line of an entry, under its group's heading

# Where a new child goes in <w:pPr> and <w:rPr>: Word rejects a file whose properties are
# out of the schema's order, so each is put before the first of those that follow it.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
               "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
               "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
               "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
               "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
               "w:oMath")  # fmt: skip


def write_docx(document: ExportDocument, path: Path) -> None:
    word = new_document()
    _page(word)
    _styles(word)
    _properties(word, document)
    body = _Body(word)
    body.add("Title", document.title)
    body.add("Export Description", document.description)
    for group in document.groups:
        if group.heading is not None:
            body.add("Heading 1", group.heading, rtl=right_to_left(group.heading))
            if group.subheading:
                body.add("Group Details", group.subheading)
        for entry in group.entries:
            _entry(body, entry, document.options)
    word.save(str(path))


def _entry(body: _Body, entry: Entry, options: ExportOptions) -> None:
    quote = entry.quote
    # (style, runs, right to left); a run is its text, or its text and whether it is bold.
    lines: list[tuple[str, list[str | tuple[str, bool]], bool]] = []
    if options.context and entry.context_before:
        lines.append(("Quote Context", [entry.context_before], False))
    lines.append(("Quote Text", [entry.text], entry.right_to_left))
    who: list[str | tuple[str, bool]] = ["— ", (entry.speaker_line, True)]
    if options.role and quote.speaker_role:
        who.append(f", {quote.speaker_role}")
    lines.append(("Quote Speaker", who, False))
    if options.context and entry.context_after:
        lines.append(("Quote Context", [entry.context_after], False))
    if options.source:
        lines.append(("Quote Source", [entry.citation], False))
    if options.tags and quote.tags:
        lines.append(("Quote Tags", ["Tags: " + ", ".join(quote.tags)], False))
    if options.note and quote.note:
        lines.append(("Quote Note", ["Note: ", quote.note], right_to_left(quote.note)))
    # An entry is read as one: Word keeps its lines on one page unless it is longer.
    for number, (style, runs, rtl) in enumerate(lines, start=1):
        body.add(style, *runs, rtl=rtl, keep_with_next=number < len(lines))


class _Body:
    """Paragraphs appended to the document's body as XML. python-docx's ``add_paragraph``
    and ``add_run`` search the body for the section mark and all styles for the default
    one, for each paragraph, and place every property by a generic search: 5,000 quotes
    took half a minute that way."""

    def __init__(self, word: Document) -> None:
        self.end = word.element.body.sectPr  # the section's settings close the body
        self.ids = {style.name: style.style_id for style in word.styles}

    def add(
        self,
        style: str,
        *runs: str | tuple[str, bool],
        rtl: bool = False,
        keep_with_next: bool = False,
    ) -> None:
        """A paragraph; line breaks in a run's text become breaks within the paragraph.
        Right to left: the paragraph's direction (w:bidi) and each run's (w:rtl), or Word
        orders and aligns Hebrew and Arabic as English."""
        paragraph = OxmlElement("w:p")
        # Properties in the order the schema gives them: Word refuses a file otherwise.
        properties = SubElement(paragraph, qn("w:pPr"))
        SubElement(properties, qn("w:pStyle")).set(qn("w:val"), self.ids[style])
        if keep_with_next:
            SubElement(properties, qn("w:keepNext"))
        if rtl:
            SubElement(properties, qn("w:bidi"))
        for run in runs:
            text, bold = (run, False) if isinstance(run, str) else run
            element = SubElement(paragraph, qn("w:r"))
            if bold or rtl:
                looks = SubElement(element, qn("w:rPr"))
                if bold:
                    SubElement(looks, qn("w:b"))
                    SubElement(looks, qn("w:bCs"))
                if rtl:
                    SubElement(looks, qn("w:rtl"))
            for number, line in enumerate(_xml(text).splitlines() or [""]):
                if number:
                    SubElement(element, qn("w:br"))
                words = SubElement(element, qn("w:t"))
                words.text = line
                if line != line.strip():
                    words.set(qn("xml:space"), "preserve")
        self.end.addprevious(paragraph)


def _page(word: Document) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    section.footer_distance = Mm(9)
    style = word.styles["Footer"]
    style.font.size = Pt(8)
    style.font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.style = style
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, field in (("page ", "PAGE"), (" of ", "NUMPAGES")):
        footer.add_run(text)
        footer._p.append(_field(field))


def _field(instruction: str) -> BaseOxmlElement:
    """A simple field (page number, page count) that Word and LibreOffice fill in; "1"
    until they do."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    return field


def _styles(word: Document) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.size = Pt(11)
    _sized(normal, 11)
    title = styles["Title"]
    title.paragraph_format.space_after = Pt(2)
    heading = styles["Heading 1"]
    heading.paragraph_format.space_before = Pt(20)
    heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.keep_with_next = True

    _style(word, "Export Description", size=9, colour=GREY, after=12)
    details = _style(word, "Group Details", size=10, colour=GREY, after=4)
    details.paragraph_format.keep_with_next = True
    _style(word, "Quote Context", size=9.5, colour=LIGHT_GREY, before=10, indent=True)
    quote = _style(word, "Quote Text", size=12, before=12, indent=True)
    quote.paragraph_format.right_indent = INDENT
    quote.paragraph_format.line_spacing = 1.15
    _border(quote)
    _style(word, "Quote Speaker", size=11, before=4, indent=True)
    _style(word, "Quote Source", size=9, colour=GREY, before=3, indent=True)
    _style(word, "Quote Tags", size=9, colour=BLUE, before=1, indent=True)
    note = _style(word, "Quote Note", size=10, before=3, indent=True)
    note.font.italic = note.font.cs_italic = True


def _style(
    word: Document,
    name: str,
    size: float,
    colour: RGBColor | None = None,
    before: float = 0,
    after: float = 0,
    indent: bool = False,
) -> ParagraphStyle:
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.quick_style = True  # shown in Word's style gallery
    style.font.size = Pt(size)
    _sized(style, size)
    if colour is not None:
        style.font.color.rgb = colour
    layout = style.paragraph_format
    layout.space_before, layout.space_after = Pt(before), Pt(after)
    if indent:
        layout.left_indent = INDENT
    return style


def _sized(style: ParagraphStyle, size: float) -> None:
    """The size for complex scripts too (w:szCs): Word sets Hebrew and Arabic in it, and
    python-docx only sets w:sz."""
    properties = style.element.get_or_add_rPr()
    for old in properties.findall(qn("w:szCs")):
        properties.remove(old)
    complex_size = OxmlElement("w:szCs")
    complex_size.set(qn("w:val"), str(round(size * 2)))
    properties.insert_element_before(complex_size, *_AFTER_SZCS)


def _border(style: ParagraphStyle) -> None:
    """A rule down the quote's leading edge, as a browser shows a blockquote."""
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "8"), ("w:color", RULE)):
        left.set(qn(key), value)
    borders.append(left)
    style.element.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def _properties(word: Document, document: ExportDocument) -> None:
    properties = word.core_properties
    properties.title = _xml(document.title)
    properties.author = properties.last_modified_by = "archiveapp"
    properties.comments = _xml(document.description)
    properties.subject = _xml(
        f"Quotes from the archive {document.archive}" if document.archive else ""
    )
    properties.keywords = ""
    properties.revision = 1
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    properties.created = properties.modified = now
