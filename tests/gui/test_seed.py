"""The acceptance checks on a copy of ../shared/seed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.models import quotes as quote_cols
from archiveapp.gui.models import speakers as speaker_cols

from .helpers import click_row, column, row_where, settle, type_query

pytestmark = [pytest.mark.gui, pytest.mark.shared]


@pytest.fixture
def window(qtbot, open_window, shared: Path, tmp_path: Path) -> MainWindow:
    folder = tmp_path / "seed"
    shutil.copytree(shared / "seed", folder)
    window = open_window(folder)
    settle(qtbot, window)
    return window


def test_her_quote_and_its_place_in_the_article(qtbot, window: MainWindow) -> None:
    click_row(
        qtbot,
        window.speakers_view,
        row_where(window.speakers_view, speaker_cols.NAME, "Kateryna Chernogorenko"),
    )
    settle(qtbot, window)
    assert window.quotes_model.rowCount() == 1
    assert column(window.quotes_view, quote_cols.SPEAKER) == ["Kateryna Chernogorenko"]
    quote = window.quotes_model.row_at(0)
    click_row(qtbot, window.quotes_view, 0)
    settle(qtbot, window)
    assert window.viewer.textCursor().selectedText() == quote.text
    assert "We are building two coalitions" in window.viewer.textCursor().selectedText()


def test_coalitions_leaves_one_document(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "coalitions")
    assert window.documents_model.rowCount() == 1
