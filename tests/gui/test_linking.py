"""The linking rules: each selection narrows the other panes, the viewer follows, and
Back/Forward walk the choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.models import quotes as quote_cols
from archiveapp.gui.models import speakers as speaker_cols

from .helpers import click_id, click_row, column, ids, row_where, settle

pytestmark = pytest.mark.gui

HARBOUR = "harbour.txt"
BUDGET = "council/budget.md"
STORM = "web/storm.html"


@pytest.fixture
def window(qtbot, open_window, articles: Path) -> MainWindow:
    window = open_window(articles)
    settle(qtbot, window)
    return window


def speaker_id(window: MainWindow, name: str) -> int:
    row = row_where(window.speakers_view, speaker_cols.NAME, name)
    return window.speakers_model.id_at(row)  # type: ignore[return-value]


def test_selecting_a_document_shows_it_and_narrows_speakers_and_quotes(
    qtbot, window: MainWindow
) -> None:
    click_id(qtbot, window.documents_view, BUDGET)
    settle(qtbot, window)
    assert window.viewer.path == BUDGET
    assert "Council approves flood budget" in window.viewer.toPlainText()
    assert set(column(window.quotes_view, quote_cols.DOCUMENT)) == {"Council approves flood budget"}
    assert window.quotes_model.rowCount() == 2
    assert sorted(column(window.speakers_view, speaker_cols.NAME)) == [
        "Ilse Marchetti",
        "Tomasz Reyes",
    ]
    assert window.documents_model.rowCount() == 3  # the pane clicked in stays as it was
    assert "document: Council approves flood budget" in window.chips.chips()


def test_selecting_a_speaker_lists_their_quotes_everywhere_and_narrows_documents(
    qtbot, window: MainWindow
) -> None:
    click_id(qtbot, window.documents_view, STORM)  # narrowed to one document first
    settle(qtbot, window)
    click_id(qtbot, window.speakers_view, speaker_id(window, "Ilse Marchetti"))
    settle(qtbot, window)
    # Her quotes across the whole archive, not only in the storm article.
    assert window.quotes_model.rowCount() == 5
    assert set(column(window.quotes_view, quote_cols.SPEAKER)) == {"Ilse Marchetti"}
    assert window.documents_model.rowCount() == 3
    window.chips.removeRequested.emit("document")
    settle(qtbot, window)
    click_id(qtbot, window.speakers_view, speaker_id(window, "Tomasz Reyes"))
    settle(qtbot, window)
    assert sorted(ids(window.documents_view)) == [BUDGET, HARBOUR]
    assert window.quotes_model.rowCount() == 2
    assert "speaker: Tomasz Reyes" in window.chips.chips()


def test_selecting_a_quote_opens_its_document_and_marks_it(qtbot, window: MainWindow) -> None:
    click_id(qtbot, window.speakers_view, speaker_id(window, "Tomasz Reyes"))
    settle(qtbot, window)
    texts = column(window.quotes_view, quote_cols.TEXT)
    row = next(n for n, text in enumerate(texts) if "berth" in text)
    quote = window.quotes_model.row_at(row)
    click_row(qtbot, window.quotes_view, row)
    settle(qtbot, window)
    assert window.viewer.path == HARBOUR
    assert window.viewer.marked_quote == quote.id
    assert window.viewer.textCursor().selectedText() == quote.text
    assert window.quotes_model.rowCount() == 2  # the quotes pane did not change under the click


def test_clicking_a_highlighted_quote_selects_it_in_the_quotes_pane(
    qtbot, window: MainWindow
) -> None:
    click_id(qtbot, window.documents_view, HARBOUR)
    settle(qtbot, window)
    viewer = window.viewer
    target = window.quotes_model.row_at(1)
    start, end = viewer.quote_span(target.id)
    cursor = viewer.textCursor()
    cursor.setPosition((start + end) // 2)
    viewer.setTextCursor(cursor)
    viewer.ensureCursorVisible()
    point = viewer.cursorRect(cursor).center()
    qtbot.mouseClick(viewer.viewport(), Qt.MouseButton.LeftButton, pos=point)
    settle(qtbot, window)
    selected = window.quotes_view.selectionModel().selectedRows()
    assert [window.quotes_model.id_at(i.row()) for i in selected] == [target.id]
    assert window.focus.quote == target.id


def test_a_viewer_click_on_a_quote_outside_the_quotes_pane_narrows_it_to_the_article(
    qtbot, window: MainWindow
) -> None:
    click_id(qtbot, window.speakers_view, speaker_id(window, "Tomasz Reyes"))
    settle(qtbot, window)
    click_id(qtbot, window.documents_view, HARBOUR)
    settle(qtbot, window)
    click_id(qtbot, window.speakers_view, speaker_id(window, "Tomasz Reyes"))
    settle(qtbot, window)
    marchetti = next(q for q in window.viewer._viewed.quotes if q.speaker == "Ilse Marchetti")
    window.viewer.quoteClicked.emit(marchetti.id)
    settle(qtbot, window)
    assert window.quotes_model.get(marchetti.id) is not None
    selected = window.quotes_view.selectionModel().selectedRows()
    assert [window.quotes_model.id_at(i.row()) for i in selected] == [marchetti.id]


def test_removing_a_chip_and_clearing_all_widen_the_panes_again(qtbot, window: MainWindow) -> None:
    click_id(qtbot, window.speakers_view, speaker_id(window, "Tomasz Reyes"))
    settle(qtbot, window)
    assert window.documents_model.rowCount() == 2
    window.chips.removeRequested.emit("speaker")
    settle(qtbot, window)
    assert window.documents_model.rowCount() == 3
    assert window.chips.chips() == []
    click_id(qtbot, window.documents_view, HARBOUR)
    settle(qtbot, window)
    window.clear_action.trigger()
    settle(qtbot, window)
    assert window.quotes_model.rowCount() == 7
    assert not window.documents_view.selectionModel().hasSelection()


def test_back_and_forward_walk_the_selections(qtbot, window: MainWindow) -> None:
    click_id(qtbot, window.documents_view, HARBOUR)
    settle(qtbot, window)
    click_id(qtbot, window.documents_view, STORM)
    settle(qtbot, window)
    assert window.viewer.path == STORM
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    settle(qtbot, window)
    assert window.focus.document == HARBOUR
    assert window.viewer.path == HARBOUR
    assert (
        ids(window.documents_view)[window.documents_view.selectionModel().selectedRows()[0].row()]
        == HARBOUR
    )
    window.back_action.trigger()
    settle(qtbot, window)
    assert window.focus.document is None
    assert window.quotes_model.rowCount() == 7
    window.forward_action.trigger()
    window.forward_action.trigger()
    settle(qtbot, window)
    assert window.focus.document == STORM
    assert not window.forward_action.isEnabled()


def test_alt_number_moves_between_panes(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    for number, widget in (
        (1, window.documents_view),
        (2, window.speakers_view),
        (3, window.quotes_view),
        (4, window.viewer),
    ):
        window.pane_actions[number - 1].trigger()
        qtbot.waitUntil(lambda w=widget: window.focusWidget() is w)


def test_sorting_a_pane_keeps_the_selection(qtbot, window: MainWindow) -> None:
    click_id(qtbot, window.documents_view, HARBOUR)
    settle(qtbot, window)
    window.documents_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert ids(window.documents_view)[0] == STORM  # latest date first
    rows = window.documents_view.selectionModel().selectedRows()
    assert [window.documents_model.id_at(r.row()) for r in rows] == [HARBOUR]
    assert window.focus.document == HARBOUR
