"""A search narrows all panes at once; a query that cannot be read shows a hint inline."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.models import HIGHLIGHTS_ROLE
from archiveapp.gui.models import documents as doc_cols
from archiveapp.gui.models import speakers as speaker_cols

from .helpers import column, ids, settle, type_query

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, open_window, articles: Path) -> MainWindow:
    window = open_window(articles)
    settle(qtbot, window)
    return window


def test_a_search_narrows_documents_speakers_and_quotes(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "ferry")
    assert ids(window.documents_view) == ["web/storm.html"]
    assert column(window.speakers_view, speaker_cols.NAME) == ["Ilse Marchetti"]
    assert {
        q.document
        for q in (window.quotes_model.row_at(r) for r in range(window.quotes_model.rowCount()))
    } == {"web/storm.html"}
    assert "search: ferry" in window.chips.chips()


def test_matched_words_are_highlighted_in_the_snippet(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "cracks")
    index = window.documents_model.index(0, doc_cols.MATCH)
    spans = index.data(HIGHLIGHTS_ROLE)
    text = index.data()
    assert spans and all(text[s:e].lower().startswith("crack") for s, e in spans)
    assert not window.documents_view.isColumnHidden(doc_cols.MATCH)
    type_query(qtbot, window, "")
    assert window.documents_view.isColumnHidden(doc_cols.MATCH)


def test_fields_phrases_prefixes_and_booleans(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "speaker:Reyes")
    assert sorted(ids(window.documents_view)) == ["council/budget.md", "harbour.txt"]
    type_query(qtbot, window, '"harbour wall"')
    assert "harbour.txt" in ids(window.documents_view)
    type_query(qtbot, window, "barrier*")
    assert ids(window.documents_view) == ["council/budget.md"]
    type_query(qtbot, window, "wall NOT ferry")
    assert "web/storm.html" not in ids(window.documents_view)


def test_quotes_whose_own_words_match_are_listed(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "berth")
    texts = [window.quotes_model.row_at(r).text for r in range(window.quotes_model.rowCount())]
    assert any("berth" in t for t in texts)
    assert "berth" in texts[0]  # the quote that matches by its own words comes first


def test_a_malformed_query_shows_a_hint_and_keeps_the_panes(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    def no_dialogs(*_args: object) -> None:
        raise AssertionError("a dialog was opened")

    monkeypatch.setattr(QDialog, "exec", no_dialogs)
    type_query(qtbot, window, '"harbour wall')
    qtbot.waitUntil(lambda: window.search.hint.isVisible())
    assert "closing" in window.search.hint.text()
    assert window.documents_model.rowCount() == 3
    type_query(qtbot, window, '"harbour wall"')
    qtbot.waitUntil(lambda: not window.search.hint.isVisible())


def test_results_come_as_you_type(qtbot, window: MainWindow) -> None:
    window.search.line.setFocus()
    qtbot.keyClicks(window.search.line, "ferry")  # no Enter: the debounce timer commits it
    qtbot.waitUntil(lambda: ids(window.documents_view) == ["web/storm.html"], timeout=5000)


def test_text_set_by_a_script_searches_too(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search.queryChanged, timeout=5000) as fired:
        window.findChild(QLineEdit, "searchBox").setText("ferry")
    assert fired.args == ["ferry"]
