"""Fixtures for window tests: settings in a temporary folder, and a window that is open
and loaded on a folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from archiveapp.core.archive import Archive
from archiveapp.gui import create_main_window
from archiveapp.gui.main_window import MainWindow

LOAD_TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """QSettings of every test go to a folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def archive(articles: Path, tmp_path: Path) -> Iterator[Archive]:
    """The test articles, indexed in a data folder of the test's own."""
    archive = Archive.open(articles, data_dir=tmp_path / "data")
    archive.update()
    yield archive
    archive.close()


@pytest.fixture
def open_window(qtbot, tmp_path: Path) -> Callable[..., MainWindow]:
    """open_window(folder) -> a shown MainWindow whose panes are filled."""

    def make(folder: Path, data_dir: Path | None = None) -> MainWindow:
        window = create_main_window(folder, data_dir or tmp_path / "data")
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.loaded, timeout=LOAD_TIMEOUT_MS):
            window.show()
        return window

    return make


@pytest.fixture(autouse=True, scope="session")
def _empty_clipboard_at_the_end() -> Iterator[None]:
    """With the offscreen platform, data left on the clipboard crashes the interpreter as
    it exits (after every test passed): empty it before the application goes."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.clipboard().clear()
