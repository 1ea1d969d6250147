"""The work behind File ▸ Export Quotes…, run on the task runner's lanes: which quotes a
request means, the preview, and the text put on the clipboard. Nothing here touches a
widget; the window (``export_actions.py``) queues these and shows what they return."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from ..core.export import ExportDocument, build, choose_quotes, render_html
from ..core.export.plain import csv_text, json_text, markdown
from ..core.model import Quote, Tag
from .views.export_dialog import ExportRequest

if TYPE_CHECKING:
    from ..core.archive import Archive  # loads on the write lane, after the first paint

PREVIEW_LIMIT = 60  # entries laid out in the preview: enough to judge, quick to render


@dataclass(frozen=True)
class Chosen:
    """Which quotes a request means, read on the GUI thread before the job is queued: the
    ids of the selected or listed quotes (and their documents, to read them in one go)."""

    ids: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    html: str
    shown: int
    total: int
    tags: list[Tag]  # the archive's, so the dialog's tag list follows renames


@dataclass(frozen=True)
class Copied:
    html: str
    text: str
    count: int


def quotes_of(archive: Archive, request: ExportRequest, chosen: Chosen) -> list[Quote]:
    if request.scope == "tag":
        return choose_quotes(archive, tag=request.tag or "")
    return choose_quotes(archive, ids=chosen.ids)


def make_preview(archive: Archive, request: ExportRequest, chosen: Chosen) -> Preview:
    tags = archive.annotations.tags()
    if request.scope == "tag" and not any(t.name == request.tag for t in tags):
        return Preview("", 0, 0, tags)  # renamed or deleted: the dialog chooses another
    quotes = quotes_of(archive, request, chosen)
    document = build(archive, quotes, request.options, limit=PREVIEW_LIMIT)
    return Preview(preview_html(document), len(document.entries), len(quotes), tags)


def preview_html(document: ExportDocument) -> str:
    """What the chosen format looks like: the laid-out page for documents, the rows of a
    spreadsheet, the text of Markdown and JSON."""
    fmt = document.options.format
    if fmt == "csv":
        return _table(list(csv.reader(io.StringIO(csv_text(document)))))
    if fmt in ("md", "json"):
        text = markdown(document) if fmt == "md" else json_text(document)
        return (
            '<pre style="font-family: monospace; font-size: 9pt; white-space: pre-wrap;">'
            f"{escape(text)}</pre>"
        )
    # Laid out by Qt, as for ODT and PDF: without what only browsers understand.
    return render_html(document, page=False)


# Columns of the spreadsheet preview, in pixels: wide enough to read, so the table scrolls
# sideways rather than squeezing every column to a word a line.
_COLUMN_WIDTHS = {"quote": 360, "citation": 320, "document_title": 220, "role": 170,
                  "note": 200, "context_before": 260, "context_after": 260, "path": 180,
                  "speaker": 130, "quote_id": 120, "date": 84, "start": 50, "end": 50}  # fmt: skip


def _table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    head, *body = rows
    widths = []
    for n, name in enumerate(head):
        empty = all(not row[n] for row in body if n < len(row))
        widths.append(len(name) * 8 + 16 if empty else _COLUMN_WIDTHS.get(name, 110))
    cells = "".join(
        f'<th width="{width}" align="left">{escape(name)}</th>'
        for name, width in zip(head, widths, strict=True)
    )
    lines = [
        f'<table width="{sum(widths)}" cellspacing="0" cellpadding="4" border="1" '
        'style="border-collapse: collapse; border-color: #c5cad3; font-size: 9pt;">',
        f'<tr style="background: #eef0f4;">{cells}</tr>',
    ]
    for row in body:
        lines.append(
            '<tr valign="top">' + "".join(f"<td>{escape(value)}</td>" for value in row) + "</tr>"
        )
    lines.append("</table>")
    return "\n".join(lines)


def plain_text(document: ExportDocument) -> str:
    """The export as text for the clipboard: what a mail program or a text field shows when
    it cannot take the formatted copy."""
    options = document.options
    lines = [document.title, "=" * len(document.title), document.description, ""]
    for group in document.groups:
        if group.heading is not None:
            lines += ["", group.heading, "-" * len(group.heading)]
            if group.subheading:
                lines.append(group.subheading)
            lines.append("")
        for entry in group.entries:
            quote = entry.quote
            if options.context and entry.context_before:
                lines.append(entry.context_before)
            lines.append(entry.text)
            who = f"— {entry.speaker_line}"
            if options.role and quote.speaker_role:
                who += f", {quote.speaker_role}"
            lines.append(who)
            if options.context and entry.context_after:
                lines.append(entry.context_after)
            if options.source:
                lines.append(entry.citation)
            if options.tags and quote.tags:
                lines.append("Tags: " + ", ".join(quote.tags))
            if options.note and quote.note:
                lines.append("Note: " + " ".join(quote.note.split()))
            lines.append("")
    return "\n".join(lines)


def copied(document: ExportDocument) -> Copied:
    return Copied(render_html(document), plain_text(document), document.quote_count)
