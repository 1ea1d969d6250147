from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archiveapp.core.errors import StoreError
from archiveapp.core.model import Document, ExtractedQuote
from archiveapp.core.store import SCHEMA_VERSION, FileState, Store, StoredQuote


def _document(
    path: str = "a.txt", text: str = "Title\n\n\u201cHello there,\u201d said Ann Lee."
) -> Document:
    return Document(path=path, title="Title", text=text)


def _quote(text: str = "\u201cHello there,\u201d", speaker: str = "Ann Lee") -> StoredQuote:
    return StoredQuote(
        "q1", ExtractedQuote(7, 7 + len(text), text, speaker, ((30, 37),), None), "ann lee"
    )


def test_new_database_is_at_current_schema_in_wal_mode(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer archiveapp"):
        Store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not an archive database"):
        Store(path)


def test_put_document_replaces_its_quotes_and_remove_cascades(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    store.put_document(_document(), FileState(10, 1, "h"), [_quote()])
    store.replace_speakers({"ann lee": ("Ann Lee", None)}, {})
    assert [q.speaker for q in store.quotes()] == ["Ann Lee"]
    store.put_document(_document(), FileState(11, 2, "h2"), [])
    assert store.quotes() == []
    assert store.file_states()["a.txt"] == FileState(11, 2, "h2")
    store.put_document(_document(), FileState(11, 2, "h2"), [_quote()])
    store.remove_document("a.txt")
    assert store.quotes() == [] and store.documents() == []
    store.close()


def test_failed_write_rolls_back_the_whole_document(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    duplicate = [_quote(), _quote()]  # same quote id twice violates the primary key
    with pytest.raises(sqlite3.IntegrityError):
        store.put_document(_document(), FileState(1, 1, "h"), duplicate)
    assert store.documents() == []
    store.close()


def test_a_batch_commits_once_and_a_failed_document_costs_only_itself(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    other = Store(tmp_path / "a.sqlite3")  # another process's view of the file
    with store.batched():
        store.put_document(_document("a.txt"), FileState(1, 1, "ha"), [])
        with pytest.raises(sqlite3.IntegrityError):
            store.put_document(_document("b.txt"), FileState(1, 1, "hb"), [_quote(), _quote()])
        store.put_document(_document("c.txt"), FileState(1, 1, "hc"), [_quote()])
        assert other.documents() == []  # nothing committed inside the batch
    assert [d.path for d in other.documents()] == ["a.txt", "c.txt"]
    assert len(other.quotes()) == 1
    store.close()
    other.close()


def test_speakers_keep_their_ids_when_rebuilt(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    store.put_document(_document(), FileState(1, 1, "h"), [_quote()])
    store.replace_speakers({"ann lee": ("Ann Lee", "mayor")}, {})
    first = store.speakers()[0]
    store.replace_speakers({"ann lee": ("Ann Lee", "former mayor"), "bo": ("Bo", None)}, {})
    again = next(s for s in store.speakers() if s.name == "Ann Lee")
    assert (again.id, again.role) == (first.id, "former mayor")
    store.close()


# One frozen database per released schema version: each must open with today's code, its
# data intact (the migrations that run on it are what a user's upgrade runs).
FROZEN = sorted((Path(__file__).parents[1] / "fixtures").glob("store-v*.sqlite3"))


@pytest.mark.parametrize("frozen", FROZEN, ids=[p.stem for p in FROZEN])
def test_frozen_databases_of_every_schema_version_open_with_data_intact(
    frozen: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "archive.sqlite3"
    copy.write_bytes(frozen.read_bytes())
    store = Store(copy)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    (quote,) = store.quotes()
    assert (quote.id, quote.speaker, quote.document) == ("q-pier-1", "Ilse Marchetti", "pier.txt")
    assert store.document("pier.txt").text[quote.start : quote.end] == quote.text
    assert store.speakers()[0].role == "chief engineer"
    store.close()


def test_there_is_a_frozen_database_for_the_current_schema() -> None:
    assert f"store-v{SCHEMA_VERSION}" in [p.stem for p in FROZEN]


def test_a_database_held_by_another_writer_is_a_clear_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    other = sqlite3.connect(tmp_path / "a.sqlite3", timeout=0)
    other.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 100")
    with pytest.raises(StoreError, match=r"cannot write to .*locked"):
        store.set_meta("k", "v")
    other.rollback()
    other.close()
    store.set_meta("k", "v")
    assert store.get_meta("k") == "v"
    store.close()
