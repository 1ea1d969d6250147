"""Window geometry, splitter sizes and recent archives survive a restart."""
# The offscreen platform has an 800x600 screen: sizes stay inside it.

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from archiveapp.gui import create_main_window
from archiveapp.gui.settings import ArchiveHistory, app_settings

from .helpers import settle

pytestmark = pytest.mark.gui


def test_geometry_and_splitters_are_restored(qtbot, open_window, articles: Path) -> None:
    first = open_window(articles)
    settle(qtbot, first)
    first.resize(700, 520)
    first.outer_splitter.setSizes([250, 450])
    qtbot.waitUntil(lambda: first.size().width() == 700)
    sizes = first.outer_splitter.sizes()
    first.close()
    second = create_main_window(None)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.size().width() == 700)
    assert second.size().height() == 520
    assert second.outer_splitter.sizes() == sizes


def test_opened_folders_become_recent_and_last(qtbot, open_window, articles: Path) -> None:
    window = open_window(articles)
    settle(qtbot, window)
    last = ArchiveHistory(app_settings()).last()
    assert last is not None and last[0] == articles.resolve()
    window._fill_recent_menu()
    assert str(articles.resolve()) in [a.text() for a in window.recent_menu.actions()]


def test_a_folder_dropped_on_the_window_opens(
    qtbot, open_window, articles: Path, tmp_path: Path
) -> None:
    window = open_window(articles)
    settle(qtbot, window)
    other = tmp_path / "other"
    (other / "notes").mkdir(parents=True)
    (other / "notes/vote.txt").write_text(
        "Vote delayed\n\n\u201cWe need another week,\u201d said Ruth Amsel.\n", encoding="utf-8"
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    position = QPointF(window.rect().center())
    enter = QDragEnterEvent(
        position.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        position,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.dropEvent(drop)
    settle(qtbot, window)
    assert window.folder == other.resolve()
    assert window.speakers_model.rowCount() == 1
