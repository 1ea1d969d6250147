"""The lean flush of ``LeanSegmentWriter`` (``whoosh_writer``): a segment's postings and
term table written with the bytes Whoosh 3's own term writer would write.

Whoosh's W3FieldWriter writes each word through start_term, a W3PostingsWriter (a tell(),
a W3TermInfo, per block a header, two pickles and three small writes) and finish_term (the
term info packed, and an OrderedHashWriter.add with another tell() and three writes):
about twenty Python calls a word, for some forty thousand words a segment (2,000
articles), a third of them found once. The functions below build the same bytes with a
few calls a word, keep the file offsets themselves and write each field in one go. (With
Whoosh's default inline limit of 1 no word is inlined in its term info: W3PostingsWriter
inlines words with fewer postings than the limit, so none.)

They rely on Whoosh's internals: ``tests/unit/test_whoosh_fields.py`` compares every byte
with Whoosh's own writer, and must pass again after any upgrade of Whoosh.
"""

from __future__ import annotations

import operator
import struct
import zlib
from array import array
from collections.abc import Sequence
from hashlib import md5
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter
from whoosh.filedb.filetables import OrderedHashWriter, md5_hash
from whoosh.formats import Format
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import GrowableArray

# A word's postings in document order, flat: document, weight, value, document, ...
Postings = list[Any]

# Postings are written this many bytes at a time (a body field's are tens of megabytes).
_WRITE_CHUNK = 1 << 20
# What W3PostingsWriter writes before a word's first block.
_BLOCKS_MAGIC = WHOOSH3_HEADER_MAGIC
_pack_block_length = struct.Struct("!i").pack
# W3TermInfo.to_bytes for postings in the postings file: flags (0, not inlined), total
# weight, document frequency, shortest and longest length (as bytes), greatest weight,
# first and last document; then where the postings start and how many bytes they take.
_pack_term_info = struct.Struct("!BfIBBfIIqi").pack
# HashWriter.add's row header: the key's and the value's length.
_pack_row_lengths = struct.Struct("!ii").pack
_ROW_HEADER = 8
# HashWriter._write_hashes's slot: a key's hash and its row's position (0, 0: empty).
_pack_slot = struct.Struct("!Iq").pack
_EMPTY_SLOT = _pack_slot(0, 0)


def lean_writable(writer: Any) -> bool:
    """Whether the field writer is Whoosh 3's own, with the settings the lean flush
    reproduces; anything else is left to Whoosh's own path."""
    if type(writer) is not W3FieldWriter or writer._infield:
        return False
    codec = writer._codec
    return (
        type(codec) is W3Codec
        # Inlined postings are not written here (see above); Whoosh's inlining would fail
        # anyway: it calls W3TermInfo.set_inline, which does not exist.
        and codec._inlinelimit <= 1
        and isinstance(codec._blocklimit, int)
        and codec._blocklimit > 0
        and type(writer._tindex) is OrderedHashWriter
    )


def write_field(writer: Any, terms: dict[bytes, Postings], blocks: Blocks) -> None:
    """Write one field's words, after ``writer.start_field``: their postings to the
    postings file, a row for each to the term table, as Whoosh's own writer would."""
    postfile = writer._postfile
    offset = written = postfile.tell()
    prefix = pack_ushort(writer._fieldid)
    records: list[bytes] = []
    keys: list[bytes] = []
    infos: list[bytes] = []
    for tbytes in sorted(terms):
        record, info = blocks.term(terms[tbytes], offset)
        records.append(record)
        keys.append(prefix + tbytes)
        infos.append(info)
        offset += len(record)
        if offset - written >= _WRITE_CHUNK:
            postfile.write(b"".join(records))
            records.clear()
            written = offset
    postfile.write(b"".join(records))
    _add_rows(writer._tindex, keys, infos)


class Blocks:
    """Turns one word's postings into the bytes W3PostingsWriter writes for them and the
    term info W3FieldWriter.finish_term stores, for one field's settings."""

    def __init__(
        self,
        limit: int,
        compression: int,
        fixed_size: int | None,
        lengths: dict[int, int],
        doc_count: int,
    ) -> None:
        self.limit = limit
        self.compression = compression
        self.fixed_size = fixed_size
        # Each document's length in the field as the byte Whoosh keeps (0: none), which is
        # all blocks and term infos store; the byte of the shortest is the smallest byte.
        # None for a field without lengths (not scorable).
        self.length_bytes: bytearray | None = None
        if lengths:
            self.length_bytes = bytearray(doc_count)
            for doc, length in lengths.items():
                self.length_bytes[doc] = length_to_byte(length) if length else 0
        # A weight as the 32-bit float a block stores (a field has a few distinct ones).
        self._float32: dict[float, float] = {}

    @classmethod
    def for_field(
        cls, codec: W3Codec, field: Any, lengths: dict[int, int], doc_count: int
    ) -> Blocks | None:
        """The blocks of a field, or None for a format this flush leaves to Whoosh."""
        fmt = getattr(field, "format", None)
        if not isinstance(fmt, Format):
            return None
        size = fmt.fixed_value_size()  # as W3PostingsWriter._mini_values reads it
        if size is not None and type(size) is not int:
            return None
        fixed_size = None if size is None or size < 0 else size
        return cls(codec._blocklimit, codec._compression, fixed_size, lengths, doc_count)

    def term(self, postings: Postings, offset: int) -> tuple[bytes, bytes]:
        """The word's postings record (written at ``offset``) and its term info."""
        if len(postings) == 3:
            return self._single(postings, offset)
        if len(postings) <= 3 * self.limit:
            return self._one_block(postings, offset)
        return self._blocks(postings, offset)

    def _single(self, posting: Postings, offset: int) -> tuple[bytes, bytes]:
        # Many words: one block of one posting, with nothing to sum or compare.
        doc, weight, value = posting
        length = self.length_bytes[doc] if self.length_bytes else 0
        # (Not looked up for a zero: 0.0 and -0.0 are one key but two floats.)
        weight32 = self._float32.get(weight) if weight else None
        if weight32 is None:
            weight32 = self._float32[weight] = array("f", [weight])[0]
        max_weight = weight if weight > 0 else 0
        block = self._block(
            (doc,),
            doc,
            max_weight,
            None if weight32 == 1.0 else weight32,
            (value,),
            length,
            length,
            last=True,
        )
        record = _BLOCKS_MAGIC + block
        total_weight = 0 + weight32  # as sum() adds it (-0.0 becomes 0.0)
        info = _pack_term_info(
            0, total_weight, 1, length, length, max_weight, doc, doc, offset, len(record)
        )
        return record, info

    def _one_block(self, postings: Postings, offset: int) -> tuple[bytes, bytes]:
        # Most other words: one block's statistics are the term info's.
        docs, weights, values = postings[0::3], postings[1::3], postings[2::3]
        shortest = longest = 0
        if self.length_bytes:
            lengths = bytes(map(self.length_bytes.__getitem__, docs))
            shortest = _shortest(lengths)
            longest = max(lengths)
        weights32 = array("f", weights)
        max_weight = max(0, max(weights))  # the first greatest, int or float, as Whoosh's
        block = self._block(
            _deltas(docs),
            docs[-1],
            max_weight,
            _mini_weights(weights32),
            values,
            shortest,
            longest,
            last=True,
        )
        record = _BLOCKS_MAGIC + block
        stats = (sum(weights32), len(docs), shortest, longest, max_weight)
        return record, _term_info(stats, docs, offset, record)

    def _blocks(self, postings: Postings, offset: int) -> tuple[bytes, bytes]:
        # The few words in more than a block's documents.
        docs, weights, values = postings[0::3], postings[1::3], postings[2::3]
        total = len(docs)
        length_bytes = self.length_bytes
        # (Without lengths every block's are one 0, "none".)
        lengths = bytes(map(length_bytes.__getitem__, docs)) if length_bytes else b"\0"
        parts = [_BLOCKS_MAGIC]
        # The term info's statistics, gathered block by block as W3TermInfo.add_block does.
        total_weight: float = 0
        max_weight: float = 0
        shortest = longest = 0
        for start in range(0, total, self.limit):
            end = min(start + self.limit, total)
            ids = docs[start:end]
            block_weights = weights[start:end]
            weights32 = array("f", block_weights)
            total_weight += sum(weights32)
            block_max_weight = max(0, max(block_weights))  # the first greatest, int or float
            max_weight = max(max_weight, block_max_weight)
            block_lengths = lengths[start:end] if length_bytes else lengths
            block_shortest = _shortest(block_lengths)
            block_longest = max(block_lengths)
            if block_shortest and (not shortest or block_shortest < shortest):
                shortest = block_shortest
            longest = max(longest, block_longest)
            block = self._block(
                _deltas(ids),
                ids[-1],
                block_max_weight,
                _mini_weights(weights32),
                values[start:end],
                block_shortest,
                block_longest,
                last=end == total,
            )
            parts.append(block)
        record = b"".join(parts)
        stats = (total_weight, total, shortest, longest, max_weight)
        return record, _term_info(stats, docs, offset, record)

    def _block(
        self,
        deltas: tuple[int, ...],
        last_id: int,
        max_weight: float,
        mini_weights: float | tuple[float, ...] | None,
        values: Sequence[bytes],
        min_length: int,
        max_length: int,
        last: bool,
    ) -> bytes:
        """One block as W3PostingsWriter._write_block writes it: its length (negative for
        a word's last block), its statistics and its postings, each pickled."""
        fixed = self.fixed_size
        mini_values: tuple[bytes, ...] | bytes | None
        if fixed is None:
            # Empty values are left out. The rest keep their identity: pickle refers back
            # to a value met twice, and Whoosh's pickled the same objects.
            mini_values = tuple(values) if all(values) else tuple(filter(None, values))
        elif fixed == 0:
            mini_values = None
        else:
            mini_values = b"".join(filter(None, values))
        data = dumps((deltas, mini_weights, mini_values), 2)
        comp = self.compression  # (Whoosh's "not under 20 bytes" is overwritten: always)
        if comp:
            data = zlib.compress(data, comp)
        stats = dumps((len(deltas), last_id, max_weight, comp, min_length, max_length), 2)
        size = len(stats) + len(data)
        return _pack_block_length(-size if last else size) + stats + data


def _term_info(
    stats: tuple[float, int, int, int, float], docs: Sequence[int], offset: int, record: bytes
) -> bytes:
    """W3TermInfo.to_bytes of a word whose postings are ``record``, written at ``offset``:
    its statistics (total weight, documents, shortest and longest length, greatest
    weight), its first and last document, and where its postings are."""
    return _pack_term_info(0, *stats, docs[0], docs[-1], offset, len(record))


def _shortest(lengths: bytes) -> int:
    """The smallest length byte other than 0 (no length), or 0."""
    shortest = min(lengths)
    if shortest:
        return shortest
    return min(filter(None, lengths), default=0)


def _deltas(ids: Sequence[int]) -> tuple[int, ...]:
    """A block's document numbers as W3PostingsWriter._mini_ids gives them: the first,
    then each one's distance from the one before."""
    return (ids[0], *map(operator.sub, ids[1:], ids))


def _mini_weights(weights: array) -> float | tuple[float, ...] | None:
    """W3PostingsWriter._mini_weights: None if all are 1, the one weight if all are
    equal, else all of them."""
    count = len(weights)
    if weights.count(1.0) == count:
        return None
    first = weights[0]
    return first if weights.count(first) == count else tuple(weights)


def _add_rows(tindex: OrderedHashWriter, keys: list[bytes], values: list[bytes]) -> None:
    """Add the rows to the term table as OrderedHashWriter.add would, one by one: the
    same bytes, hashes and positions, in one write."""
    if not keys:
        return
    if keys[0] <= tindex.lastkey:  # keys come sorted within a field; fields in order
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{keys[0]!r}")
    dbfile = tindex.dbfile
    position = dbfile.tell()
    positions: list[int] = []
    chunks: list[bytes] = []
    buckets = tindex.buckets
    hashes = _md5_hashes(keys) if tindex.hashfn is md5_hash else map(tindex.hashfn, keys)
    for key, value, h in zip(keys, values, hashes, strict=True):
        positions.append(position)
        chunks.append(_pack_row_lengths(len(key), len(value)) + key + value)
        buckets[h & 255].append((h, position))
        position += _ROW_HEADER + len(key) + len(value)
    dbfile.write(b"".join(chunks))
    _extend_index(tindex.index, positions)
    tindex.lastkey = keys[-1]


def write_hash_tables(tindex: OrderedHashWriter) -> None:
    """HashWriter._write_hashes: for each of the 256 buckets, an open-addressing table
    twice the size of its entries, each entry at its hash's slot or the next free one."""
    dbfile = tindex.dbfile
    position = dbfile.tell()
    for entries in tindex.buckets:
        numslots = 2 * len(entries)
        tindex.directory.append((position, numslots))
        table: list[tuple[int, int] | None] = [None] * numslots
        for entry in entries:
            slot = (entry[0] >> 8) % numslots
            while table[slot] is not None:
                slot = (slot + 1) % numslots
            table[slot] = entry
        rows = b"".join([_EMPTY_SLOT if e is None else _pack_slot(*e) for e in table])
        dbfile.write(rows)
        position += len(rows)


def _md5_hashes(keys: list[bytes]) -> list[int]:
    """filetables.md5_hash of each key (the last 32 bits of its MD5), without the hex."""
    return [int.from_bytes(md5(k, usedforsecurity=False).digest()[12:], "big") for k in keys]


def _extend_index(index: GrowableArray, positions: list[int]) -> None:
    """GrowableArray.extend, which appends one by one and widens the array at the first
    number that does not fit. The positions increase, so the widest type needed is the
    last one's, which is what Whoosh's widening ends with."""
    current = index.array
    if isinstance(current, list):
        current.extend(positions)
        return
    try:
        current.extend(array(current.typecode, positions))
    except OverflowError:
        index._retype(positions[-1])
        index.array.extend(positions)
