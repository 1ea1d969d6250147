"""The work behind File ▸ Export Quotes…, run on the task runner's lanes: which quotes a
request means, the preview, and the text put on the clipboard. Nothing here touches a
widget; the window (``export_actions.py``) queues these and shows what they return."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape

from ..core.archive import Archive
from ..core.export import ExportDocument, build, choose_quotes, render_html
from ..core.export.plain import csv_text, json_text, markdown
from ..core.model import Quote, Tag
from .views.export_dialog import ExportRequest

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
    return quotes_by_id(archive, chosen.ids, chosen.documents)


def quotes_by_id(archive: Archive, ids: Sequence[str], documents: Sequence[str]) -> list[Quote]:
    """The quotes of ``ids``, in that order. Read by their documents in one query each for
    shown and hidden quotes: ``choose_quotes(ids=...)`` reads one quote at a time and every
    annotation with each, which takes minutes for thousands of annotated quotes."""
    wanted = set(ids)
    found: dict[str, Quote] = {}
    if documents:
        for hidden in (False, True):
            if len(found) < len(wanted):
                batch = archive.quotes(document=list(documents), hidden=hidden)
                found.update((q.id, q) for q in batch if q.id in wanted)
    missing = [i for i in ids if i not in found]
    if missing:  # not among the pane's rows (a quote clicked in the article): one by one
        found.update((q.id, q) for q in choose_quotes(archive, ids=missing))
    return [found[i] for i in ids]


def make_preview(archive: Archive, request: ExportRequest, chosen: Chosen) -> Preview:
    tags = archive.annotations.tags()
    if request.scope == "tag" and not any(t.name == request.tag for t in tags):
        return Preview("", 0, 0, tags)  # renamed or deleted: the dialog chooses another
    quotes = quotes_of(archive, request, chosen)
    first = in_export_order(quotes, request.options.order)[:PREVIEW_LIMIT]
    document = build(archive, first, request.options)
    if len(first) < len(quotes):
        document = _as_if_whole(document, quotes)
    return Preview(preview_html(document), len(first), len(quotes), tags)


def in_export_order(quotes: Sequence[Quote], order: str) -> list[Quote]:
    """The quotes in the order ``build`` puts their entries in (document path and position,
    or date or speaker first), so the preview's first entries are the export's first."""

    def position(q: Quote) -> tuple[str, int]:
        return (q.document, q.start)

    if order == "date":
        return sorted(
            quotes, key=lambda q: (q.document_date is None, q.document_date or "", *position(q))
        )
    if order == "speaker":
        return sorted(
            quotes, key=lambda q: (q.speaker is None, (q.speaker or "").casefold(), *position(q))
        )
    return sorted(quotes, key=position)


def _as_if_whole(document: ExportDocument, quotes: Sequence[Quote]) -> ExportDocument:
    """The first entries, described as the whole export will be ("5000 quotes from 1200
    documents · …"), so the preview's heading does not contradict its label."""
    documents = len({q.document for q in quotes})
    counts = f"{_plural(len(quotes), 'quote')} from {_plural(documents, 'document')}"
    _head, separator, rest = document.description.partition(" · ")
    return replace(document, description=counts + separator + rest, quote_count=len(quotes))


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


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
