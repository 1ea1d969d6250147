"""Indexing runs in the background with progress and Cancel; the window stays usable."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveapp.core.model import Progress, UpdateReport
from archiveapp.gui import create_main_window

from .helpers import settle

pytestmark = pytest.mark.gui


def many_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"story-{n:04d}.txt").write_text(
            f"Story number {n}\n\nThe council met on Monday for the {n}th time.\n\n"
            f"\u201cWe will decide on item {n} next week,\u201d said Mara Quell, "
            "the council clerk.\n",
            encoding="utf-8",
        )
    return folder


def test_cancel_stops_indexing_and_keeps_what_was_read(qtbot, tmp_path: Path) -> None:
    window = create_main_window(many_articles(tmp_path / "many", 600), tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    bar = window.index_status.bar
    with qtbot.waitSignal(
        window.session.runner.progress,
        timeout=30_000,
        check_params_cb=lambda p: isinstance(p, Progress) and p.done >= 1,
    ):
        pass
    assert window.index_status.isVisible()
    assert bar.maximum() == 600
    # The window answers while the worker indexes: typing lands in the search box.
    qtbot.keyClicks(window.search.line, "council")
    assert window.search.text == "council"
    with qtbot.waitSignal(window.session.indexingFinished, timeout=30_000) as finished:
        qtbot.mouseClick(
            window.index_status.cancel,
            __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton,
        )
    report: UpdateReport = finished.args[0]
    assert report.cancelled
    assert 0 < len(report.added) < 600
    qtbot.waitUntil(lambda: window.is_loaded, timeout=30_000)
    settle(qtbot, window)
    assert not window.index_status.isVisible()
    assert 0 < window.documents_model.total < 600


def test_progress_moves_while_indexing(qtbot, tmp_path: Path) -> None:
    window = create_main_window(many_articles(tmp_path / "many", 300), tmp_path / "data")
    qtbot.addWidget(window)
    seen: list[int] = []
    window.session.runner.progress.connect(lambda p: seen.append(window.index_status.bar.value()))
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.show()
    assert len(set(seen)) >= 2
    assert window.documents_model.total == 300


def test_unreadable_files_are_listed_not_thrown(qtbot, open_window, articles: Path) -> None:
    (articles / "broken.html").write_bytes(b"\x00\x01\x02 not an article")
    (articles / "empty.txt").write_text("", encoding="utf-8")
    window = open_window(articles)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.errors_button.isVisible())
    window.errors_button.click()
    from archiveapp.gui.views.error_list import ErrorListDialog

    dialog = window.findChild(ErrorListDialog)
    assert dialog is not None
    assert dialog.model.rowCount() >= 1
    dialog.close()
