"""Long lists through the loader and the window: with the limits made tiny, the small test
archive is listed the way a 100,000-article one is (ids, a first page, the rest streamed
or read when shown), and every pane must list exactly what it lists when read whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveapp.core.archive import Archive
from archiveapp.gui import listing, loader
from archiveapp.gui.loader import count_all, load_panes
from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.models import quotes as quote_cols
from archiveapp.gui.state import Focus

from .helpers import click_row, settle

pytestmark = pytest.mark.gui

FOCUSES = [
    Focus(),
    Focus(query="ferry"),
    Focus(query="harbour OR budget"),
    Focus(document="harbour.txt", pivot="document"),
    Focus(rejected=True),
]


def tiny_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists of more than one row are long; pages and slices hold one row or document."""
    for module in (listing, loader):
        monkeypatch.setattr(module, "WHOLE_LIMIT", 1)
        monkeypatch.setattr(module, "PAGE", 1)
    monkeypatch.setattr(loader, "SPEAKERS_WHOLE_LIMIT", 1)
    monkeypatch.setattr(loader, "FIRST_SLICE", 1)
    monkeypatch.setattr(loader, "SLICE", 1)


def every_id(pane: listing.Listing) -> list:
    ids = list(pane.ids)
    for part in pane.more or ():
        ids.extend(part)
    return ids


@pytest.mark.parametrize("focus", FOCUSES, ids=lambda f: repr(f.query or f.document or f.rejected))
def test_long_lists_list_what_whole_ones_do(
    archive: Archive, focus: Focus, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = load_panes(archive, focus, totals=True)
    tiny_limits(monkeypatch)
    long = load_panes(archive, focus, totals=True)
    assert long.totals == whole.totals == count_all(archive)
    for pane in ("documents", "speakers", "quotes"):
        expected, got = getattr(whole, pane), getattr(long, pane)
        assert expected.whole_list
        assert every_id(got) == list(expected.ids), pane
        assert [got.row(i) for i in expected.ids] == [expected.rows[i] for i in expected.ids]


def test_the_whole_archive_streams_its_quotes(archive: Archive, monkeypatch) -> None:
    tiny_limits(monkeypatch)
    data = load_panes(archive, Focus())
    quotes = data.quotes
    assert quotes.more is not None and len(quotes.ids) < 7
    assert every_id(quotes) == [q.id for q in archive.quotes()]
    assert len(data.documents.rows) == 1  # the first page of three


def test_a_window_on_long_lists_fills_links_and_counts(
    qtbot, open_window, articles: Path, monkeypatch
) -> None:
    tiny_limits(monkeypatch)
    window: MainWindow = open_window(articles)
    settle(qtbot, window)
    model = window.quotes_model
    qtbot.waitUntil(lambda: not model.streaming)
    assert model.total == window._totals.quotes == 7
    assert "7" in window.quotes_pane.heading.text()
    qtbot.waitUntil(  # the rows' pages are read off the GUI thread
        lambda: all(model.index(r, quote_cols.TEXT).data() != "…" for r in range(model.rowCount()))
    )
    texts = [model.index(r, quote_cols.TEXT).data() for r in range(model.rowCount())]
    assert len(set(texts)) == 7
    row = 5
    wanted = model.id_at(row)
    click_row(qtbot, window.quotes_view, row)
    settle(qtbot, window)
    assert window.focus.quote == wanted
    assert window.viewer.path == model.get(wanted).document
