"""The pane queries, without a window."""

from __future__ import annotations

from archiveapp.core.archive import Archive
from archiveapp.gui.loader import count_all, load_document, load_panes
from archiveapp.gui.state import Focus


def test_whole_archive(archive: Archive) -> None:
    data = load_panes(archive, Focus(), totals=True)
    assert len(data.documents) == 3
    assert data.totals == count_all(archive)
    assert data.totals.quotes == len(data.quotes) == 7


def test_only_the_panes_asked_for(archive: Archive) -> None:
    data = load_panes(archive, Focus(), panes={"quotes"})
    assert data.documents is None and data.speakers is None and data.quotes


def test_search_narrows_every_pane(archive: Archive) -> None:
    data = load_panes(archive, Focus(query="ferry"))
    assert [d.path for d in data.documents] == ["web/storm.html"]
    assert data.documents[0].highlights
    assert [s.name for s in data.speakers] == ["Ilse Marchetti"]
    assert {q.document for q in data.quotes} == {"web/storm.html"}


def test_a_bad_query_is_a_hint(archive: Archive) -> None:
    data = load_panes(archive, Focus(query="title:"))
    assert data.query_error and data.documents is None


def test_speaker_and_search_together(archive: Archive) -> None:
    reyes = next(s for s in archive.speakers() if s.name == "Tomasz Reyes")
    data = load_panes(archive, Focus(query="barriers").with_speaker(reyes.id))
    assert [d.path for d in data.documents] == ["council/budget.md"]
    assert all(q.speaker_id == reyes.id for q in data.quotes)


def test_load_document_brings_its_quotes(archive: Archive) -> None:
    viewed = load_document(archive, "harbour.txt")
    assert viewed.document.title == "Harbour wall repairs begin"
    assert len(viewed.quotes) == 3
