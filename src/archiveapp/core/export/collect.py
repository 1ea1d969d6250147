"""From a choice of quotes to an ``ExportDocument``: entries with their sources and
citations, ordered and grouped."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..errors import ArchiveError
from ..model import Document, Progress, Quote
from . import citations
from .model import GROUPINGS, ORDERS, Entry, ExportDocument, ExportOptions, Group, Source

if TYPE_CHECKING:
    from ..archive import Archive

_CONTEXT_LIMIT = 400  # characters of context on each side, at most
# A sentence ends at . ! ? … (and any closing quotation mark) before a space and a capital,
# a digit or an opening mark, or at a paragraph break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»]*\s+(?=[\"'“‘«„(\[]?[A-ZÀ-ÞА-Я0-9])|\n\s*\n")
_NO_TAG = "Untagged"


def choose_quotes(
    archive: Archive,
    ids: Sequence[str] | None = None,
    speaker: str | None = None,
    tag: str | None = None,
    query: str | None = None,
) -> list[Quote]:
    """The quotes an export is asked for: ``ids`` (in that order), or those of a speaker,
    a tag and a query (all that are given must hold)."""
    if ids:
        found = archive.quotes_by_id(ids)
        missing = set(ids) - {q.id for q in found}
        if missing:
            raise ArchiveError(f"no quote {next(i for i in ids if i in missing)} in this archive")
        return found
    if speaker and not archive.find_speakers(speaker):
        raise ArchiveError(f"no speaker matches {speaker!r}: list them with 'archiveapp speakers'")
    if tag and not any(
        t.name.casefold() == tag.strip().casefold() for t in archive.annotations.tags()
    ):
        raise ArchiveError(f"no tag {tag!r} in this archive: list them with 'archiveapp tags'")
    return archive.quotes(speaker=speaker, query=query, tag=tag)


def build(
    archive: Archive,
    quotes: Sequence[Quote],
    options: ExportOptions,
    progress: Callable[[Progress], None] | None = None,
    today: date | None = None,
    limit: int | None = None,
) -> ExportDocument:
    """The export of ``quotes``; with ``limit``, only its first entries (a preview) under
    the description of the whole."""
    if options.group_by not in GROUPINGS:
        raise ArchiveError(f"cannot group by {options.group_by!r}: use {', '.join(GROUPINGS)}")
    if options.order not in ORDERS:
        raise ArchiveError(f"cannot order by {options.order!r}: use {', '.join(ORDERS)}")
    if options.style not in citations.STYLES:
        raise ArchiveError(
            f"unknown citation style {options.style!r}: use {', '.join(citations.STYLES)}"
        )
    documents: dict[str, Document] = {}
    entries = []
    everything = quotes
    quotes = sorted(quotes, key=quote_order_key(options.order))[:limit]
    for done, quote in enumerate(quotes, start=1):
        document = documents.get(quote.document)
        if document is None:
            document = documents[quote.document] = archive.document(quote.document)
        entries.append(_entry(quote, document, options))
        if progress is not None and (done % 200 == 0 or done == len(quotes)):
            progress(Progress(done, len(quotes), quote.document))
    groups = _grouped(entries, options.group_by, options.role)
    exported = (today or date.today()).isoformat()
    return ExportDocument(
        title=options.title.strip() or "Quotes",
        options=options,
        groups=tuple(groups),
        description=_description(everything, archive.folder.name, exported),
        archive=archive.folder.name,
        exported=exported,
        quote_count=len(everything),
    )


def source_of(document: Document) -> Source:
    return Source(
        path=document.path,
        title=document.title or document.path,
        author=document.author,
        date=document.date,
        outlet=document.outlet,
        url=document.url,
    )


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence before the quote (with any lead-in such as "She said:") and the rest of
    the quote's sentence with the next one ("Osei said. The vote ...")."""
    head = text[max(0, start - _CONTEXT_LIMIT * 2) : start].rstrip()
    cuts = [m.end() for m in _SENTENCE_END.finditer(head)]
    last = head[cuts[-1] :] if cuts else head
    # A whole sentence before the quote (or all there is); else a lead-in ("She said:")
    # with the sentence before it.
    whole = re.search(r"[.!?…][\"'”’»]*$", last) or len(cuts) < 2
    before = last if whole else head[cuts[-2] :]
    tail = text[end : end + _CONTEXT_LIMIT * 2]
    ends = [m.start() for m in _SENTENCE_END.finditer(tail)]
    # The rest of the quote's sentence ("Osei said.") and the next one.
    if ends and not tail[: ends[0]].strip():
        ends = ends[1:]  # the quote ended its sentence: the next one is all
        after = tail[: ends[0]] if ends else tail
    else:
        after = tail[: ends[1]] if len(ends) >= 2 else tail
    return _clip(" ".join(before.split()), True), _clip(" ".join(after.split()), False)


def _clip(text: str, keep_end: bool) -> str:
    if len(text) <= _CONTEXT_LIMIT:
        return text
    return "…" + text[-_CONTEXT_LIMIT:] if keep_end else text[:_CONTEXT_LIMIT] + "…"


def _entry(quote: Quote, document: Document, options: ExportOptions) -> Entry:
    source = source_of(document)
    before, after = ("", "")
    if options.context:
        before, after = context_around(document.text, quote.start, quote.end)
    citation = citations.cite(source, options.style, options.path)
    return Entry(quote, source, citation, before, after)


def quote_order_key(order: str) -> Callable[[Quote], tuple[object, ...]]:
    """How an export orders its quotes: by position in the archive's documents, by date
    (undated last), or by speaker (unattributed last); position breaks ties."""

    def position(quote: Quote) -> tuple[object, ...]:
        return (quote.document, quote.start)

    if order == "date":
        return lambda q: (q.document_date is None, q.document_date or "", *position(q))
    if order == "speaker":
        return lambda q: (q.speaker is None, (q.speaker or "").casefold(), *position(q))
    return position


def _grouped(entries: list[Entry], group_by: str, role: bool = True) -> list[Group]:
    if group_by == "none":
        return [Group(None, tuple(entries))] if entries else []
    buckets: dict[str, list[Entry]] = defaultdict(list)
    subheadings: dict[str, str | None] = {}
    for entry in entries:
        for heading, subheading in _headings(entry, group_by, role):
            buckets[heading].append(entry)
            subheadings.setdefault(heading, subheading)
    if group_by == "tag":
        names = sorted((h for h in buckets if h != _NO_TAG), key=str.casefold)
        order = names + ([_NO_TAG] if _NO_TAG in buckets else [])
    else:
        order = list(buckets)  # the order of the entries: by date, speaker or position
    return [Group(h, tuple(buckets[h]), subheadings[h]) for h in order]


def _headings(entry: Entry, group_by: str, role: bool) -> list[tuple[str, str | None]]:
    quote, source = entry.quote, entry.source
    if group_by == "speaker":
        return [(quote.speaker or "Speaker unknown", quote.speaker_role if role else None)]
    if group_by == "document":
        details = " · ".join(p for p in (source.date, source.author) if p)
        return [(source.title, details or None)]
    return [(t, None) for t in quote.tags] or [(_NO_TAG, None)]


def _description(chosen: Sequence[Quote], archive: str, exported: str) -> str:
    documents = len({q.document for q in chosen})
    quotes = f"{len(chosen)} quote" + ("" if len(chosen) == 1 else "s")
    docs = f"{documents} document" + ("" if documents == 1 else "s")
    return f"{quotes} from {docs} · archive {archive} · exported {exported}"
