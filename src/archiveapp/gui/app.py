"""Starting the desktop app: the QApplication, ``create_main_window`` and ``run``.

``run`` is what ``archiveapp``, ``archiveapp FOLDER`` and ``archiveapp --sample`` call
(cli.py hands the arguments over untouched); ``--screenshot FILE.png`` opens the window,
waits until the archive is loaded, saves a picture of it and exits.

Start-up order, for a first paint well under a second: Qt and the window's own modules
only (none of them imports the archive, the search index or the readers at module level),
the window shown, and the folder opened once the window has painted — the archive's
modules then load on the write lane while the window is already on screen.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..core.location import sample_archive_path

SCREENSHOT_SIZE = (1440, 900)
SCREENSHOT_TIMEOUT_MS = 10 * 60 * 1000
# A full collection walks every object the process holds: 60 to 140 ms with a 100,000-
# article archive open, on whichever thread triggered it, with the GIL held — the GUI
# thread's longest stalls while the panes reload. Once every 100 middle collections
# instead of 10 (and only when the survivors grew by a quarter, as before).
GC_THRESHOLDS = (700, 10, 100)
FIRST_PAINT_WAIT_MS = 2000  # the folder opens then even if the window has not painted


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archiveapp",
        description="Open the archive browser on a folder of articles (by default the last "
        "one opened, or the bundled sample archive). Commands without a window: archiveapp --help.",
    )
    parser.add_argument("folder", nargs="?", type=Path, help="the archive folder to open")
    parser.add_argument("--sample", action="store_true", help="open the bundled sample archive")
    parser.add_argument("--data-dir", type=Path, help="keep the archive's database and index here")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help="open the window, wait until the archive is loaded, save a PNG of it and exit",
    )
    parser.add_argument("--version", action="version", version=f"archiveapp {__version__}")
    return parser


def make_application(argv: Sequence[str] | None = None):
    """The QApplication (the existing one if there is one), named so QSettings and the
    desktop file find it."""
    from PySide6.QtWidgets import QApplication

    from .resources import app_icon
    from .settings import APPLICATION, ORGANISATION

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or ["archiveapp"]))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("archiveapp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("archiveapp")
    app.setWindowIcon(app_icon())
    return app


def create_main_window(
    folder: str | Path | None, data_dir: str | Path | None = None, remember: bool = True
):
    """The main window on ``folder``, inside an existing QApplication; not shown yet.

    An archive that was never indexed starts indexing in the background at once. The
    window emits ``loaded`` when its panes are filled (``window.is_loaded`` tells after the
    fact); wait for it with ``qtbot.waitSignal(window.loaded)``.
    """
    from .main_window import MainWindow

    make_application()
    window = MainWindow(remember=remember)
    if folder is not None:
        window.open_folder(folder, data_dir)
    return window


def run(args: list[str]) -> int:
    options = build_parser().parse_args(args)
    if options.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    elif _no_display():
        print(
            "archiveapp: error: no display to open the window on (DISPLAY is not set); "
            "the commands work without one: archiveapp --help",
            file=sys.stderr,
        )
        return 1
    app = make_application(sys.argv[:1])
    from .main_window import MainWindow
    from .settings import ArchiveHistory, app_settings

    folder, data_dir = options.folder, options.data_dir
    if options.sample:
        folder = sample_archive_path()
    elif folder is None:
        last = ArchiveHistory(app_settings()).last()
        folder, data_dir = last if last else (sample_archive_path(), None)
    if not Path(folder).expanduser().is_dir():
        print(f"archiveapp: error: {folder} is not a folder", file=sys.stderr)
        return 2
    window = MainWindow(remember=options.screenshot is None)
    if options.screenshot:
        return _screenshot(app, window, Path(folder), data_dir, options.screenshot)
    window.show()

    def open_it() -> None:
        calm_garbage_collector()
        window.open_folder(folder, data_dir)

    after_first_paint(window, open_it)
    return app.exec()


def calm_garbage_collector() -> None:
    """Keep full garbage collections off the GUI thread's back: what start-up made (Qt,
    the modules, the window) is frozen out of them, and they come ten times less often.
    The app makes few reference cycles; its long lists are freed by reference counts."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def after_first_paint(window, then, at_most_ms: int = FIRST_PAINT_WAIT_MS) -> None:
    """Call ``then()`` once ``window`` has painted for the first time (on a real screen
    the first paint waits for the window system's expose event, which a zero timer after
    ``show()`` would not), or after ``at_most_ms`` if it never paints (started minimised)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance()

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.window() is window
            ):
                QTimer.singleShot(0, self.go)  # after this paint is done
                app.removeEventFilter(self)
            return False

        def go(self) -> None:
            if not self.done:
                self.done = True
                app.removeEventFilter(self)
                self.deleteLater()
                then()

    waiter = FirstPaint(window)
    app.installEventFilter(waiter)
    QTimer.singleShot(at_most_ms, waiter, waiter.go)


def _no_display() -> bool:
    """On Linux without X11 or Wayland, Qt would abort with a page of plugin advice."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def _screenshot(app, window, folder: Path, data_dir: Path | None, target: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    loop = QEventLoop()
    window.loaded.connect(loop.quit)
    timeout = QTimer(singleShot=True, interval=SCREENSHOT_TIMEOUT_MS)
    timeout.timeout.connect(loop.quit)
    timeout.start()
    window.open_folder(folder, data_dir)
    loop.exec()
    if not window.is_loaded:
        print("archiveapp: error: the archive did not load in time", file=sys.stderr)
        window.close()
        return 1
    _settle(window)
    target.parent.mkdir(parents=True, exist_ok=True)
    saved = window.grab().save(str(target))
    window.close()
    app.processEvents()
    if not saved:
        print(f"archiveapp: error: could not write {target}", file=sys.stderr)
        return 1
    print(target)
    return 0


def _settle(window) -> None:
    """Show a typical state: the first document selected and read, one of its quotes
    marked. Waits on signals, never sleeps."""
    from PySide6.QtCore import QEventLoop, QTimer

    def wait(signal, ms: int = 5000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    if window.documents_model.rowCount():
        window.documents_view.selectRow(0)
        wait(window.documentShown)
        if not window.panes_current():
            wait(window.panesUpdated)
        quotes = window.quotes_model.rowCount()
        if quotes:
            window.quotes_view.selectRow(min(1, quotes - 1))
    window.documents_view.setFocus()
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)  # a last layout and paint pass
    loop.exec()
