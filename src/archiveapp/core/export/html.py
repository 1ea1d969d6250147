"""An export as HTML: the .html file, the window's preview, and the source Qt lays out
for ODT and PDF (so the three look alike). Only HTML and CSS that both browsers and Qt's
rich-text engine understand: headings, paragraphs with classes, blockquote."""

from __future__ import annotations

from html import escape

from .model import Entry, ExportDocument

# Sizes in points: Qt's rich text and print both read them the same way.
STYLE = """
body { font-family: 'Noto Serif', 'DejaVu Serif', Georgia, serif; font-size: 11pt;
       color: #1b1b1b; max-width: 46em; margin: 2em auto; line-height: 1.4; }
h1 { font-size: 20pt; font-weight: bold; margin-bottom: 2pt; }
h2 { font-size: 14pt; font-weight: bold; margin-top: 16pt; margin-bottom: 0pt; }
p.description { color: #5f5f5f; font-size: 9pt; margin-top: 0pt; }
p.subheading { color: #5f5f5f; font-size: 10pt; margin-top: 0pt; }
blockquote { margin: 10pt 0pt 2pt 18pt; font-size: 12pt; }
p.speaker { margin: 2pt 0pt 0pt 18pt; }
p.source { margin: 1pt 0pt 0pt 18pt; color: #5f5f5f; font-size: 9pt; }
p.tags { margin: 1pt 0pt 0pt 18pt; color: #3d5a80; font-size: 9pt; }
p.note { margin: 3pt 0pt 0pt 18pt; font-size: 10pt; font-style: italic; }
p.context { margin: 8pt 0pt 0pt 18pt; color: #767676; font-size: 9.5pt; }
"""


def render(document: ExportDocument) -> str:
    """A complete HTML page (UTF-8), standing on its own."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(document.title)}</h1>",
        f'<p class="description">{escape(document.description)}</p>',
    ]
    for group in document.groups:
        if group.heading is not None:
            parts.append(f"<h2>{escape(group.heading)}</h2>")
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
    if options.context and entry.context_before:
        lines.append(f'<p class="context" dir="auto">{escape(entry.context_before)}</p>')
    lines.append(f'<blockquote dir="auto"><p dir="auto">{escape(entry.text)}</p></blockquote>')
    who = f"<b>{escape(entry.speaker_line)}</b>"
    if options.role and quote.speaker_role:
        who += f", {escape(quote.speaker_role)}"
    lines.append(f'<p class="speaker">— {who}</p>')
    if options.context and entry.context_after:
        lines.append(f'<p class="context" dir="auto">{escape(entry.context_after)}</p>')
    if options.source:
        lines.append(f'<p class="source">{escape(entry.citation)}</p>')
    if options.tags and quote.tags:
        lines.append(f'<p class="tags">Tags: {escape(", ".join(quote.tags))}</p>')
    if options.note and quote.note:
        note = "<br>".join(escape(line) for line in quote.note.splitlines())
        lines.append(f'<p class="note" dir="auto">Note: {note}</p>')
    return lines
