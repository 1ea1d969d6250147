"""How long the GUI thread is ever blocked while the window indexes the BBC corpus.

    python benchmarks/gui_stall.py                 # a copy of ../shared/corpus/bbc-news
    python benchmarks/gui_stall.py FOLDER          # any folder of articles
    python benchmarks/gui_stall.py --show          # on the real screen, not offscreen

A 10 ms QTimer on the GUI thread records the time between its ticks; a tick that comes late
means the GUI thread (or the GIL it needs) was busy. Three phases, side by side:

- idle:      the window open on the indexed archive, nothing happening (the baseline);
- indexing:  from opening the never-indexed folder until its panes are filled;
- browsing:  searches and selections on the indexed archive, one after another.

The folder is copied into a temporary directory and indexed there with a temporary data
dir and temporary settings, so nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

TICK_MS = 10
BUDGET_MS = 200  # the longest stall the issue allows while indexing


class TickRecorder:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.long: list[tuple[float, float, str]] = []  # (at s, gap ms, what was going on)
        self.note = ""
        self._started = 0.0
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps = []
        self.long = []
        self._last = self._started = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.gaps

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000
        self.gaps.append(gap)
        if gap > 4 * TICK_MS:
            self.long.append((now - self._started, gap, self.note))
        self._last = now


def wait(signal, timeout_s: float) -> bool:
    """Run the event loop until ``signal`` fires (no sleeping, no processEvents loop)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    fired = []
    signal.connect(lambda *_: (fired.append(True), loop.quit()))
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    return bool(fired)


def run_for(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def summary(gaps: list[float]) -> tuple[str, str, str, str]:
    if not gaps:
        return ("-", "-", "-", "0")
    ordered = sorted(gaps)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"{max(gaps):.0f}", f"{p99:.0f}", f"{statistics.median(gaps):.0f}", str(len(gaps)))


def browse(window, recorder: TickRecorder) -> list[float]:
    """Searches and selections a researcher might make, each waited for."""
    recorder.start()
    for query in ("minister", "year", '"prime minister"', "speaker:Blair", "econom*", ""):
        recorder.note = f"search {query!r}"
        window.search.line.setText(query)
        window.search._commit()
        wait(window.panesUpdated, 30)
    for view in (window.speakers_view, window.documents_view, window.quotes_view):
        if view.model().rowCount():
            recorder.note = f"select in {view.objectName()}"
            view.selectRow(0)
            wait(window.panesUpdated, 10)
            run_for(0.3)
    recorder.note = "clear filters"
    window.clear_filters()
    wait(window.panesUpdated, 30)
    return recorder.stop()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path, default=SHARED / "corpus" / "bbc-news")
    parser.add_argument("--show", action="store_true", help="use the real screen")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle baseline")
    parser.add_argument("--verbose", action="store_true", help="list every gap over 40 ms")
    options = parser.parse_args()
    if not options.folder.is_dir():
        print(f"gui_stall: {options.folder} not found (needs ../shared)", file=sys.stderr)
        return 2
    if not options.show:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="archiveapp-stall-") as temp:
        temp_path = Path(temp)
        os.environ["ARCHIVEAPP_HOME"] = str(temp_path / "home")
        os.environ["XDG_CONFIG_HOME"] = str(temp_path / "config")
        folder = temp_path / options.folder.name
        shutil.copytree(options.folder, folder)
        files = sum(1 for p in folder.rglob("*") if p.is_file())

        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1])
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(temp_path / "settings")
        )
        from archiveapp.gui import create_main_window

        recorder = TickRecorder()
        progress_updates: list[int] = []
        recorder.start()
        started = time.perf_counter()
        window = create_main_window(folder, temp_path / "data")

        def on_progress(progress) -> None:
            progress_updates.append(progress.done)
            recorder.note = f"after file {progress.done}/{progress.total}"

        window.session.runner.progress.connect(on_progress)
        window.show()
        loaded = wait(window.loaded, 1800)
        indexing = recorder.stop()
        long_gaps = list(recorder.long)
        took = time.perf_counter() - started
        if not loaded:
            print("gui_stall: the window did not load in 30 minutes", file=sys.stderr)
            return 1
        recorder.start()
        run_for(options.idle)
        idle = recorder.stop()
        browsing = browse(window, recorder)
        long_gaps += [(at, gap, "browsing: " + note) for at, gap, note in recorder.long]
        totals = window._totals
        window.close()
        app.processEvents()

    print(
        f"archiveapp GUI-thread stalls, {options.folder.name} ({files} files), {TICK_MS} ms timer"
    )
    print(
        f"indexing took {took:.1f} s; {len(progress_updates)} progress updates reached the GUI "
        f"(bar moved through {len(set(progress_updates))} values); "
        f"{totals.documents} documents, {totals.speakers} speakers, {totals.quotes} quotes"
    )
    print()
    print(f"{'phase':<12}{'longest gap ms':>16}{'p99 ms':>10}{'median ms':>11}{'ticks':>8}")
    for name, gaps in (("idle", idle), ("indexing", indexing), ("browsing", browsing)):
        longest, p99, median, ticks = summary(gaps)
        print(f"{name:<12}{longest:>16}{p99:>10}{median:>11}{ticks:>8}")
    if options.verbose:
        for at, gap, note in long_gaps:
            print(f"  gap {gap:.0f} ms at {at:.2f} s ({note or 'opening'})")
    print()
    worst = max(indexing)
    verdict = "within" if worst - TICK_MS <= BUDGET_MS else "OVER"
    print(
        f"longest stall while indexing: {worst - TICK_MS:.0f} ms beyond the tick "
        f"({verdict} the {BUDGET_MS} ms budget)"
    )
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    sys.exit(main())
