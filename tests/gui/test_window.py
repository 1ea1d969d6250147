"""The window opens on a folder, indexes it, and shows every pane filled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QProgressBar, QTableView, QTextBrowser

from archiveapp.gui import create_main_window

from .helpers import settle

pytestmark = pytest.mark.gui


def test_window_opens_indexes_and_fills_the_panes(open_window, articles: Path) -> None:
    window = open_window(articles)
    for name, kind in (
        ("searchBox", QLineEdit),
        ("documentsView", QTableView),
        ("speakersView", QTableView),
        ("quotesView", QTableView),
        ("documentViewer", QTextBrowser),
        ("indexProgress", QProgressBar),
    ):
        assert window.findChild(kind, name) is not None, name
    assert window.documents_model.rowCount() == 3
    names = {
        window.speakers_model.index(r, 0).data() for r in range(window.speakers_model.rowCount())
    }
    assert {"Ilse Marchetti", "Tomasz Reyes"} <= names
    assert window.quotes_model.rowCount() >= 5
    assert "3 documents" in window.counts_label.text()


def test_menus_and_standard_shortcuts(open_window, articles: Path) -> None:
    window = open_window(articles)
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "Quote", "View", "Help"]
    shortcuts = {s.toString() for a in window.actions() for s in a.shortcuts()}
    assert {"Ctrl+F", "Ctrl+O", "Ctrl+Q", "F5", "Alt+Left", "Alt+Right"} <= shortcuts
    # Annotating: undo and redo as everywhere, tagging and notes from the keyboard.
    assert {"Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+T", "Ctrl+E"} <= shortcuts


def test_ctrl_f_focuses_the_search_box(qtbot, open_window, articles: Path) -> None:
    window = open_window(articles)
    window.activateWindow()
    window.documents_view.setFocus()
    window.find_action.trigger()
    qtbot.waitUntil(
        lambda: window.search.line.hasFocus() or window.focusWidget() is window.search.line
    )


def test_an_indexed_folder_opens_without_reading_it_again(
    qtbot, open_window, articles: Path, tmp_path: Path
) -> None:
    first = open_window(articles, tmp_path / "data")
    settle(qtbot, first)
    first.close()
    second = open_window(articles, tmp_path / "data")
    settle(qtbot, second)
    assert second.documents_model.rowCount() == 3


def test_a_missing_folder_is_a_message_not_a_crash(qtbot, tmp_path: Path) -> None:
    window = create_main_window(tmp_path / "nowhere", tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "Could not open" in window.counts_label.text())
    assert not window.is_loaded


def test_documents_pane_lists_title_date_and_quote_count(open_window, articles: Path) -> None:
    window = open_window(articles)
    model = window.documents_model
    rows = {
        model.index(r, 0).data(): (model.index(r, 1).data(), model.index(r, 2).data())
        for r in range(model.rowCount())
    }
    assert rows["Council approves flood budget"] == ("2025-06-12", "2")


def test_an_empty_folder_says_no_articles_were_found(qtbot, open_window, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    window = open_window(empty)
    settle(qtbot, window)
    assert window.counts_label.text() == (
        "empty: no articles found (text, Markdown, web pages, PDF, Word, ODT, RTF, EPUB, e-mail)"
    )
