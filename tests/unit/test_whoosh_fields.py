"""The one-pass indexing of LeanText gives exactly what Whoosh's analyzer chain gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions
from whoosh.query import Term

from archiveapp.core.search.whoosh_fields import LeanText

TEXTS = [
    "The minister said the U.S. economy grew 1.15% in 2024, and a rate of 3.5 is likely.",
    "A an of: I, o — elections, ELECTIONS and Élections électorales in São Paulo.",
    "“We will not go back,” said Dr. Ana Lund-Berg (the mayor’s aide) on Friday.",
    "",
    "the of and",
]


def whoosh_chain(field: LeanText, text: str) -> list[tuple[bytes, int, float, bytes]]:
    """What Whoosh's own TEXT.index would give: the analyzer chain and the format."""
    fmt: Positions = field.format
    values = fmt.word_values(text, field.analyzer, mode="index")
    return sorted((w.encode("utf-8"), freq, weight, value) for w, freq, weight, value in values)


@pytest.mark.parametrize("stop_words", [True, False])
@pytest.mark.parametrize("text", TEXTS)
def test_lean_indexing_equals_the_analyzer_chain(text: str, stop_words: bool) -> None:
    field = LeanText(stop_words=stop_words, field_boost=2.0)
    assert sorted(field.index(text)) == whoosh_chain(field, text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*"abcé. ,'’-1Z\n", "the", "of", " US ", "İ", "ß"])).map("".join),
    st.booleans(),
)
def test_lean_indexing_equals_the_chain_on_any_text(text: str, stop_words: bool) -> None:
    field = LeanText(stop_words=stop_words)
    assert sorted(field.index(text)) == whoosh_chain(field, text)


def _segment_files(folder: Path) -> dict[str, bytes]:
    """The bytes of every file of the folder's single segment, by extension."""
    return {
        path.name.split(".", 1)[1]: path.read_bytes()  # "_body_len.col", "pst", "trm", ...
        for path in folder.iterdir()
        if path.name.startswith("MAIN_") and "." in path.name
    }


def _entries(count: int) -> list[dict[str, object]]:
    """Articles and quotes with the fields the archive indexes: one word shared by every
    entry (its postings span several blocks), texts long enough that Whoosh rounds their
    lengths, fields left out, a title boost."""
    entries: list[dict[str, object]] = []
    for n in range(count):
        body = " ".join(["harbour", f"pier{n % 7}", "tide"] + [f"plank{k}" for k in range(n % 300)])
        entries.append(
            {
                "kind": "doc",
                "path": f"a{n:04d}.txt",
                "title": f"Harbour notes {n % 11}",
                "body": body,
                "speaker": "Ana Ruiz ; Tom Hale" if n % 3 else None,
                "date": f"2024-0{1 + n % 9}-1{n % 10}" if n % 4 else None,
                "author": None if n % 5 else "Mia Lund",
                "outlet": "The Harbour Courier" if n % 2 else None,
            }
        )
        if n % 4 == 0:
            entries.append(
                {
                    "kind": "quote",
                    "path": f"a{n:04d}.txt",
                    "quote_id": f"q{n}",
                    "title": f"Harbour notes {n % 11}",
                    "body": f"The pier needs {n} new planks, the tide will not wait",
                    "speaker": "Ana Ruiz",
                }
            )
    return entries


def test_lean_segment_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    from whoosh import index
    from whoosh.codec.whoosh3 import W3Codec

    from archiveapp.core.search.whoosh_index import _schema
    from archiveapp.core.search.whoosh_writer import LeanSegmentWriter

    segments = {}
    for name in ("whoosh", "lean"):
        folder = tmp_path / name
        folder.mkdir()
        ix = index.create_in(str(folder), _schema())
        codec = W3Codec(compression=0)
        if name == "whoosh":
            writer = ix.writer(codec=codec, compound=False)
        else:
            writer = LeanSegmentWriter(ix, codec=codec, compound=False)
        for entry in _entries(400):
            writer.add_document(**entry)
        writer.commit()
        segments[name] = _segment_files(folder)
        with ix.searcher() as searcher:  # and the index answers as before
            assert searcher.doc_count() == 500
            assert len(searcher.search(Term("body", "harbour"), limit=None)) == 400
    assert set(segments["lean"]) == set(segments["whoosh"]) and len(segments["lean"]) >= 8
    for extension, content in segments["whoosh"].items():
        assert segments["lean"][extension] == content, extension


def _odd_entries(count: int) -> list[dict[str, object]]:
    """Entries whose words cover the lean flush's cases: a word in one entry only, in
    every entry, in exactly 128 (one full block) and in 129 (one over), repeated within an
    entry (weights above 1), non-ASCII, and fields with and without values and lengths."""
    entries: list[dict[str, object]] = []
    for n in range(count):
        words = [f"solo{n}", "every"]
        if n < 128:
            words.append("hundredtwentyeight")
        if n < 129:
            words.append("hundredtwentynine")
        words += ["tide"] * (1 + n % 4) + ["straße", "Élan", "日本"][: n % 4]
        entries.append(
            {
                "kind": "doc" if n % 5 else "quote",
                "body": " ".join(words),
                "title": f"Title {n % 3}" if n % 2 else None,
                "tags": " ".join(["sea"] * (1 + n % 3) + [f"tag{n % 17}", "ünï"]),
            }
        )
    return entries


@pytest.mark.parametrize(
    "codec_options",
    [{"compression": 0}, {"compression": 3}, {"compression": 0, "blocklimit": 5}],
)
@pytest.mark.parametrize("lean", [True, False])
def test_lean_flush_writes_what_whoosh_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codec_options: dict[str, int], lean: bool
) -> None:
    """The lean flush (and, with ``lean`` False, the fallback through Whoosh's own term
    writer) on a schema with every kind of value the formats give: positions, a fixed
    size (frequencies) and none at all (ids)."""
    from whoosh import index
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.fields import ID, TEXT, Schema

    from archiveapp.core.search import whoosh_flush, whoosh_writer
    from archiveapp.core.search.whoosh_writer import LeanSegmentWriter

    schema = Schema(
        kind=ID(),
        body=LeanText(),
        title=LeanText(field_boost=2.0),
        tags=TEXT(phrase=False),  # Frequency: four bytes a value
    )
    if not lean:
        monkeypatch.setattr(whoosh_writer, "lean_writable", lambda writer: False)
    monkeypatch.setattr(whoosh_flush, "_WRITE_CHUNK", 100)  # postings written in pieces
    segments = {}
    for name in ("whoosh", "lean"):
        folder = tmp_path / name
        folder.mkdir()
        ix = index.create_in(str(folder), schema)
        codec = W3Codec(**codec_options)
        if name == "whoosh":
            writer = ix.writer(codec=codec, compound=False)
        else:
            writer = LeanSegmentWriter(ix, codec=codec, compound=False)
            if lean:  # the lean flush never goes through Whoosh's term writer
                monkeypatch.setattr(writer.fieldwriter, "start_term", None)
        for entry in _odd_entries(300):
            writer.add_document(**entry)
        writer.commit()
        segments[name] = _segment_files(folder)
        with ix.searcher() as searcher:
            assert len(searcher.search(Term("body", "hundredtwentynin"), limit=None)) == 129
            assert len(searcher.search(Term("body", "日本"), limit=None)) == 75
    assert set(segments["lean"]) == set(segments["whoosh"])
    for extension, content in segments["whoosh"].items():
        assert segments["lean"][extension] == content, extension


@pytest.mark.parametrize("last", [100, 70_000, 2**31 + 5, 2**32 + 5])
def test_term_table_index_widens_as_whoosh_widens_it(last: int) -> None:
    """The term table's positions (an array Whoosh widens as they grow) come out with
    Whoosh's type, added a field at a time as by Whoosh one at a time."""
    from whoosh.util.numlists import GrowableArray

    from archiveapp.core.search.whoosh_flush import _extend_index

    fields = [[1, 2, 50], [60, 99], [last - 10, last]]
    whoosh, lean = GrowableArray("H"), GrowableArray("H")
    for positions in fields:
        whoosh.extend(positions)
        _extend_index(lean, positions)
        assert (lean.typecode, list(lean)) == (whoosh.typecode, list(whoosh))
