"""Start-up order: the window's modules load without the archive, the search index or the
readers (a second or more), and ``archiveapp FOLDER`` opens the folder once the window has
painted."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QMainWindow

from archiveapp.gui import app

pytestmark = pytest.mark.gui

HEAVY = (
    "archiveapp.core.archive",  # the store, the search index, extraction
    "archiveapp.core.ingest",  # every reader: trafilatura, pdfminer, python-docx, ...
    "archiveapp.core.search",
    "whoosh",
    "trafilatura",
)


def run_for_ms(ms: int) -> None:
    """The event loop for ``ms`` (not QTest.qWait, which holds the GIL: see GUIDE.md)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def test_the_window_modules_load_without_the_archive() -> None:
    code = (
        "import sys; import archiveapp.gui.main_window, archiveapp.gui.app; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


def test_the_folder_opens_after_the_first_paint(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    calls: list[bool] = []
    app.after_first_paint(window, lambda: calls.append(window.isVisible()), at_most_ms=60_000)
    run_for_ms(50)  # nothing before the window is shown and painted
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [True])


def test_a_window_that_never_paints_opens_the_folder_anyway(qtbot) -> None:
    window = QMainWindow()  # never shown
    qtbot.addWidget(window)
    calls: list[None] = []
    app.after_first_paint(window, lambda: calls.append(None), at_most_ms=50)
    qtbot.waitUntil(lambda: calls == [None])
