"""The formats written with the standard library: Markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

from .model import Entry, ExportDocument

CSV_COLUMNS = (
    "quote",
    "speaker",
    "role",
    "document_title",
    "date",
    "author",
    "path",
    "citation",
    "tags",
    "note",
    "context_before",
    "context_after",
    "quote_id",
    "start",
    "end",
)


def markdown(document: ExportDocument) -> str:
    options = document.options
    lines = [f"# {_md_line(document.title)}", "", f"*{_md_line(document.description)}*", ""]
    for group in document.groups:
        if group.heading is not None:
            lines += [f"## {_md_line(group.heading)}", ""]
            if group.subheading:
                lines += [f"*{_md_line(group.subheading)}*", ""]
        for entry in group.entries:
            if options.context and entry.context_before:
                lines += [_md_line(entry.context_before), ""]
            lines += [f"> {_md_line(entry.text)}", ""]
            who = f"— **{_md_line(entry.speaker_line)}**"
            if options.role and entry.quote.speaker_role:
                who += f", {_md_line(entry.quote.speaker_role)}"
            lines += [who, ""]
            if options.context and entry.context_after:
                lines += [_md_line(entry.context_after), ""]
            if options.source:
                lines += [_md_line(entry.citation), ""]
            if options.tags and entry.quote.tags:
                lines += ["Tags: " + ", ".join(f"`{t}`" for t in entry.quote.tags), ""]
            if options.note and entry.quote.note:
                lines += [
                    "*Note:* " + " ".join(_md_line(n) for n in entry.quote.note.splitlines()),
                    "",
                ]
    return "\n".join(lines)


def _md_line(text: str) -> str:
    """One line of Markdown: line breaks collapsed, characters that would start markup
    at the beginning of a line or emphasise inside it escaped."""
    text = " ".join(text.split())
    for char in "\\`*_[]<>":
        text = text.replace(char, "\\" + char)
    if text[:1] in "#>-+|" or text[:2].rstrip(".").isdigit():
        text = "\\" + text
    return text


def csv_text(document: ExportDocument) -> str:
    """With a BOM (written by the caller's encoding): spreadsheet programs then read
    the file as UTF-8, accents and Cyrillic intact."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for entry in document.entries:
        writer.writerow(_csv_row(entry))
    return buffer.getvalue()


def _csv_row(entry: Entry) -> list[object]:
    quote, source = entry.quote, entry.source
    return [
        entry.text,
        quote.speaker or "",
        quote.speaker_role or "",
        source.title,
        source.date or "",
        source.author or "",
        source.path,
        entry.citation,
        "; ".join(quote.tags),
        quote.note,
        entry.context_before,
        entry.context_after,
        quote.id,
        quote.start,
        quote.end,
    ]


def json_text(document: ExportDocument) -> str:
    options = document.options
    data = {
        "title": document.title,
        "archive": document.archive,
        "exported": document.exported,
        "citation_style": options.style,
        "grouped_by": options.group_by,
        "quotes": [_json_entry(e) for e in document.entries],
    }
    if options.group_by != "none":
        data["groups"] = [
            {"heading": g.heading, "quote_ids": [e.quote.id for e in g.entries]}
            for g in document.groups
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_entry(entry: Entry) -> dict[str, object]:
    quote, source = entry.quote, entry.source
    return {
        "id": quote.id,
        "text": entry.text,
        "speaker": quote.speaker,
        "role": quote.speaker_role,
        "document": {
            "path": source.path,
            "title": source.title,
            "author": source.author,
            "date": source.date,
            "outlet": source.outlet,
            "url": source.url,
        },
        "citation": entry.citation,
        "tags": list(quote.tags),
        "note": quote.note,
        "context_before": entry.context_before,
        "context_after": entry.context_after,
        "start": quote.start,
        "end": quote.end,
    }
