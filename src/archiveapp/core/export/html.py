"""An export as HTML: the .html file, the window's preview, and the source Qt lays out
for ODT and PDF (so the three look alike). Only HTML and CSS that both browsers and Qt's
rich-text engine understand: headings, paragraphs with classes, blockquote.

Qt's CSS reads margins in pixels only (``pt`` comes out as nothing and ``auto`` as a
guess), gives every paragraph 12px above and below unless told otherwise, and knows no
borders on paragraphs: hence every margin below is set, in px, and what only a browser can
do (a centred column, the quote's rule) is added to a page of its own, never to the HTML
Qt lays out.
"""

from __future__ import annotations

from html import escape as _escape

from .model import Entry, ExportDocument, right_to_left, xml_text

# Font sizes in points (Qt's rich text and print read them the same way); margins in px;
# line heights in per cent of a line's natural height, which is what Qt reads them as.
# Every line of an entry stands 24px in, under its group's heading; the quote also stands
# 24px from the right, and the larger type marks it where a browser's rule cannot.
STYLE = """
body { font-family: 'Noto Serif', 'DejaVu Serif', Georgia, serif; font-size: 11pt;
       color: #1b1b1b; }
p, h1, h2 { line-height: 118%; }
h1 { font-size: 20pt; font-weight: bold; margin: 0px 0px 4px 0px; }
p.description { color: #5f5f5f; font-size: 9pt; margin: 0px 0px 10px 0px; }
h2 { font-size: 14pt; font-weight: bold; margin: 26px 0px 0px 0px; }
p.subheading { color: #5f5f5f; font-size: 10pt; margin: 2px 0px 0px 0px; }
p.context { color: #767676; font-size: 9.5pt; margin: 18px 0px 0px 24px; }
blockquote { font-size: 12pt; margin: 16px 24px 0px 24px; }
blockquote p { margin: 0px; }
p.speaker { margin: 5px 0px 0px 24px; }
p.context.after { margin: 5px 0px 0px 24px; }
p.source { color: #5f5f5f; font-size: 9pt; margin: 4px 0px 0px 24px; }
p.tags { color: #3d5a80; font-size: 9pt; margin: 2px 0px 0px 24px; }
p.note { font-size: 10pt; font-style: italic; margin: 4px 0px 0px 24px; }
"""

# For a browser only: a readable column and a rule beside each quote.
PAGE_STYLE = """
body { max-width: 46em; margin: 2em auto; padding: 0 1em; }
p, h1, h2 { line-height: 1.4; }
blockquote { border-left: 3px solid #c5cad3; padding-left: 12px; }
blockquote[dir="rtl"] { border-left: none; border-right: 3px solid #c5cad3;
                        padding-left: 0; padding-right: 12px; }
"""


def render(document: ExportDocument, page: bool = True) -> str:
    """A complete HTML page (UTF-8), standing on its own; ``page=False`` leaves out what
    only browsers understand, for Qt to lay out."""
    style = STYLE + PAGE_STYLE if page else STYLE
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        f'<h1 dir="{_direction(document.title)}">{escape(document.title)}</h1>',
        f'<p class="description">{escape(document.description)}</p>',
    ]
    for group in document.groups:
        if group.heading is not None:
            parts.append(f'<h2 dir="{_direction(group.heading)}">{escape(group.heading)}</h2>')
            if group.subheading:
                parts.append(f'<p class="subheading">{escape(group.subheading)}</p>')
        for entry in group.entries:
            parts.extend(_entry(entry, document))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _entry(entry: Entry, document: ExportDocument) -> list[str]:
    options = document.options
    quote = entry.quote
    lines = []
    # The context is the article's prose around a quote: its direction is the article's,
    # which a few quoted Hebrew words must not turn; browsers take it from its first letter.
    if options.context and entry.context_before:
        lines.append(_paragraph("context before", entry.context_before))
    # Qt takes the direction from the blockquote's paragraph, a browser from the blockquote.
    way = "rtl" if entry.right_to_left else "auto"
    lines.append(f'<blockquote dir="{way}"><p dir="{way}">{escape(entry.text)}</p></blockquote>')
    who = f"<b>{escape(entry.speaker_line)}</b>"
    if options.role and quote.speaker_role:
        who += f", {escape(quote.speaker_role)}"
    lines.append(f'<p class="speaker">— {who}</p>')
    if options.context and entry.context_after:
        lines.append(_paragraph("context after", entry.context_after))
    if options.source:
        lines.append(f'<p class="source">{escape(entry.citation)}</p>')
    if options.tags and quote.tags:
        lines.append(f'<p class="tags">Tags: {escape(", ".join(quote.tags))}</p>')
    if options.note and quote.note:
        note = "<br>".join(escape(line) for line in quote.note.splitlines())
        lines.append(f'<p class="note" dir="{_direction(quote.note)}">Note: {note}</p>')
    return lines


def escape(text: str) -> str:
    return _escape(xml_text(text))


def _paragraph(classes: str, text: str) -> str:
    return f'<p class="{classes}" dir="auto">{escape(text)}</p>'


def _direction(text: str) -> str:
    """ "rtl" for Hebrew or Arabic text; else "auto", which browsers read from the text and
    Qt ignores (left to right)."""
    return "rtl" if right_to_left(text) else "auto"
