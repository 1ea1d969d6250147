"""A Whoosh segment writer for the indexing workers, with Whoosh's per-posting costs cut.

Whoosh's own writer turns every posting into a tuple in a pool, sorts them all when the
segment closes, and writes each through four nested calls, each checking its arguments.
With about three hundred postings an article that was a third of a worker's time. This
writer groups the postings by field and word as they come (one document after another, so
a word's documents arrive in order), and writes each word's postings a block at a time.
It also keeps each field's length as it counts it, where Whoosh reads every length back
from the finished per-document file. At the end it writes the words' postings and term
table itself, with the bytes Whoosh's term writer would write but far fewer calls a word
(``whoosh_flush``); anything it does not know falls back to Whoosh's writer.

The segment it writes is the one Whoosh would write from the same documents, posting for
posting and statistic for statistic (tests/unit/test_whoosh_fields.py compares them).
"""

from __future__ import annotations

import operator
from array import array
from typing import Any

from whoosh.writing import SegmentWriter

from .whoosh_fields import LeanText, Posting
from .whoosh_flush import Blocks, Postings, lean_writable, write_field, write_hash_tables

# What a posting costs in memory here, measured (2,000 news articles: 36 MB for 572,000
# postings): three references in its word's flat list and its document's number, plus
# its share of the words' table. Whoosh's pool estimates 130 bytes a posting tuple.
_POSTING_BYTES = 64
_frequency = operator.itemgetter(1)

# A word's postings (whoosh_flush.Postings) are kept flat, not as a tuple each: the flush
# takes each column with one slice, and the cyclic garbage collector has no tuple a
# posting to walk through while the segment fills.


class LeanSegmentWriter(SegmentWriter):
    """Writes one segment; ``postings_bytes`` tells the caller when it is full (it never
    spills to disk, so the caller must finalise it and start another)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.postings_bytes = 0
        self._terms: dict[str, dict[bytes, Postings]] = {}
        # A field's length in each document, for the blocks' shortest and longest. Whoosh
        # reads them back rounded (it keeps one byte a length), but a block keeps them as
        # one byte too, which comes out the same.
        self._lengths: dict[str, dict[int, int]] = {}
        self._last: dict[str, tuple[Any, tuple[list[Posting], int, int]]] = {}

    def add_document(self, **fields: Any) -> None:
        # The schema's fields need none of what Whoosh's add_document also handles: no
        # boosts given per document, no spelling fields, no vectors, no columns.
        self._check_state()
        docnum = self.docnum
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = self.schema[name]
            length = 0
            if field.indexed:
                postings, length, cost = self._analysed(name, field, value)
                terms = self._terms.setdefault(name, {})
                for tbytes, _freq, weight, vbytes in postings:
                    found = terms.get(tbytes)
                    if found is None:
                        terms[tbytes] = [docnum, weight, vbytes]
                    else:
                        found += (docnum, weight, vbytes)
                self.postings_bytes += cost
                if not field.scorable:
                    length = 0
                elif length:
                    lengths = self._lengths.setdefault(name, {})
                    lengths[docnum] = length
            perdoc.add_field(name, field, value if field.stored else None, length)
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _analysed(self, name: str, field: Any, value: Any) -> tuple[list[Posting], int, int]:
        """A field's postings, its length and their memory estimate. The last value of
        each field is remembered: an article's quotes repeat its title, path, date, author
        and outlet, which are then analysed once."""
        last = self._last.get(name)
        if last is not None and last[0] == value:
            return last[1]
        if isinstance(field, LeanText) and isinstance(value, str):
            postings = field.postings(value)
        else:
            postings = list(field.index(value))
        length = sum(map(_frequency, postings))
        cost = len(postings) * _POSTING_BYTES
        analysed = (postings, length, cost)
        self._last[name] = (value, analysed)
        return analysed

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        writer = self.fieldwriter
        lean = lean_writable(writer)
        for name in sorted(self._terms):
            terms = self._terms[name]
            lengths = self._lengths.get(name, {})
            field = self.schema[name]
            writer.start_field(name, field)
            blocks = Blocks.for_field(writer._codec, field, lengths, self.docnum) if lean else None
            if blocks is not None:
                write_field(writer, terms, blocks)
            else:  # Whoosh's own term writer, with the blocks filled here
                for tbytes in sorted(terms):
                    writer.start_term(tbytes)
                    _fill_blocks(writer._postwriter, terms[tbytes], lengths)
                    writer.finish_term()
            writer.finish_field()
        if lean:
            # The term table's close writes its hash tables one slot a call: ours writes
            # the same a table at a time. (Set on this one table, the rest of the closing
            # is Whoosh's.)
            tindex = writer._tindex
            tindex._write_hashes = lambda: write_hash_tables(tindex)
        writer.close()
        self._terms.clear()
        self._lengths.clear()


def _fill_blocks(postwriter: Any, postings: Postings, lengths: dict[int, int]) -> None:
    """Put one word's postings into the postings writer's blocks: every full block is
    written here, the last is left for ``finish_term`` to write as Whoosh's would."""
    docnums, weights, values = postings[0::3], postings[1::3], postings[2::3]
    limit = postwriter._blocklimit
    total = len(docnums)
    for start in range(0, total, limit):
        end = min(start + limit, total)
        ids = docnums[start:end]
        block_weights = weights[start:end]
        postwriter._ids = array("I", ids)
        postwriter._weights = array("f", block_weights)
        postwriter._values = [v for v in values[start:end] if v]
        postwriter._maxweight = max(0, max(block_weights))
        known = [length for d in ids if (length := lengths.get(d, 0))]
        postwriter._minlength = min(known) if known else None
        postwriter._maxlength = max(known) if known else 0
        if end < total:
            postwriter._write_block()
