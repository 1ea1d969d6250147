"""How fast the window starts and opens an indexed archive, how much memory it holds, and
how long the GUI thread is ever blocked while indexing runs — each beside a baseline.

    python benchmarks/window_speed.py                    # 10,000 articles, made and indexed
    python benchmarks/window_speed.py --size 100000      # (indexing 100,000 takes a while)
    python benchmarks/window_speed.py --keep DIR         # make and index into DIR once, reuse
    python benchmarks/window_speed.py --archive A --data-dir D   # an archive indexed already

The archive is made by ``benchmarks/make_corpus.py`` and indexed once with ``archiveapp
index FOLDER --data-dir DATA`` (the command line) before anything is measured. Every
figure comes from a fresh process on the offscreen platform, run ``--repeat`` times
(median), with the load average at the time (other benchmarks may share the machine):

- start → first paint: ``archiveapp FOLDER`` from process start to the first paint event
  of its main window; baseline: a bare PySide6 script that shows an empty QMainWindow;
- start → panes filled: the same process until the window's ``loaded`` (panes filled);
- open → panes filled: a window already shown (every module imported) opens the indexed
  archive: ``open_folder`` to ``loaded``; baselines, in a plain Python process (no Qt):
  the rows the panes list read in full through the Archive API (``documents()``,
  ``speakers()``, ``quotes()``), and the floor (``Archive.open`` + ``counts()``);
- longest GUI gap while opening: a 10 ms timer on the GUI thread from ``open_folder``
  until loaded and 3 s beyond (the "check for changes" update runs then);
- memory: resident set (VmRSS) of the ``archiveapp FOLDER`` process after loading, once its
  check for changes is done, its quotes are all listed and it has been idle for ``--idle``
  seconds, and its peak (VmHWM); baseline: the bare PySide6 window;
- scrolling the quotes pane: the window on the archive (its quotes all listed) jumps to 40
  rows picked at random and waits until the rows on screen are read (their pages come off
  the GUI thread), then scrolls down three rows a frame at 60 frames a second; the same in
  a quotes pane of a million rows made up on the fly (the model and view alone, no
  archive); baseline: jumps back to rows whose pages are still held (paint alone);
- GUI stalls while indexing (the 10 ms timer of benchmarks/gui_stall.py): *first index*
  opens ``--stall-size`` articles never indexed (a fresh data dir) until the panes are
  filled; *update* opens the indexed archive and copies ``--add`` new articles into it,
  until the watcher's update has run and the panes show them (archives this script made
  only: it adds and then removes a folder). Run once each: the longest gap is the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpus" / "bbc-news"
TICK_MS = 10
MADE_UP_ROWS = 1_000_000
TARGETS = {"paint": 1.0, "open": 2.0, "rss": 300, "stall": 100}
LOAD_TIMEOUT_S = 600
INDEXED_MARKER = ".window_speed-indexed"


# -- the parent: preparing the archive, running the children, printing the table ----------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--keep", type=Path, help="make and index the archive here, reuse it")
    parser.add_argument("--archive", type=Path, help="an archive folder indexed already")
    parser.add_argument("--data-dir", type=Path, help="its data dir (with --archive)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each figure (median)")
    parser.add_argument("--idle", type=float, default=3.0, help="seconds idle before memory")
    parser.add_argument("--stall-size", type=int, default=2_000, help="first-index articles")
    parser.add_argument("--add", type=int, default=200, help="articles the update adds")
    parser.add_argument("--no-stall", action="store_true", help="skip the indexing stalls")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    options = parser.parse_args()
    if options.archive and not options.data_dir:
        parser.error("--archive needs --data-dir")
    with tempfile.TemporaryDirectory(prefix="archiveapp-window-") as temp:
        work = Path(temp)
        if options.archive:
            folder, data, made = options.archive.resolve(), options.data_dir.resolve(), False
        else:
            place = options.keep.resolve() if options.keep else work
            folder, data = prepare(place, options.size)
            made = True
        return measure(options, folder, data, made, work)


def prepare(place: Path, size: int) -> tuple[Path, Path]:
    """An archive of ``size`` articles in ``place``, indexed with the command line (made
    and indexed only once when ``place`` is kept)."""
    folder, data = place / f"articles-{size}", place / f"data-{size}"
    if (data / INDEXED_MARKER).exists():
        print(f"reusing {folder} (indexed in {data})", file=sys.stderr)
        return folder, data
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    place.mkdir(parents=True, exist_ok=True)
    print(f"making {size:,} articles in {folder} ...", file=sys.stderr)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "make_corpus.py"),
            "--size",
            str(size),
            "--out",
            str(folder),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"indexing them (archiveapp index) into {data} ...", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "archiveapp", "index", str(folder), "--data-dir", str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    took = time.perf_counter() - started
    (data / INDEXED_MARKER).write_text(json.dumps({"seconds": took, "load": load()}))
    print(f"indexed in {took:.0f} s (load {load():.1f})", file=sys.stderr)
    return folder, data


def measure(options: argparse.Namespace, folder: Path, data: Path, made: bool, work: Path) -> int:
    repeat = max(1, options.repeat)
    core = [child(work, "core", str(folder), str(data)) for _ in range(repeat)]
    counts = core[0]["counts"]
    bare = [child(work, "bare") for _ in range(repeat)]
    app = [child(work, "app", str(folder), str(data), str(options.idle)) for _ in range(repeat)]
    opened = [child(work, "open", str(folder), str(data)) for _ in range(repeat)]

    def figure(runs: list[dict], key: str) -> tuple[float, float]:
        values = [r[key] for r in runs]
        return statistics.median(values), statistics.median(r["load"] for r in runs)

    table: list[tuple[str, str, str, str, str]] = []

    def add(name: str, runs, key, unit, baseline: str = "", target: str = "") -> None:
        value, at = figure(runs, key)
        shown = f"{value:.2f} s" if unit == "s" else f"{value:.0f} {unit}"
        table.append((name, shown, baseline, target, f"{at:.1f}"))

    def base(runs, key, unit, what: str) -> str:
        value, at = figure(runs, key)
        shown = f"{value:.2f} s" if unit == "s" else f"{value:.0f} {unit}"
        return f"{shown} {what} (load {at:.1f})"

    add(
        "start → first paint",
        app,
        "paint",
        "s",
        base(bare, "paint", "s", "bare QMainWindow"),
        f"< {TARGETS['paint']:.0f} s",
    )
    add("start → panes filled", app, "loaded", "s")
    add(
        "open indexed archive → filled",
        opened,
        "open",
        "s",
        base(core, "rows", "s", "Archive API, rows in full"),
        f"< {TARGETS['open']:.0f} s",
    )
    table.append(("", "", base(core, "floor", "s", "Archive.open + counts()"), "", ""))
    add("longest GUI gap, opening", opened, "gap", "ms", "", f"< {TARGETS['stall']} ms")
    add(
        "memory, idle after loading",
        app,
        "rss",
        "MB",
        base(bare, "rss", "MB", "bare QMainWindow"),
        f"< {TARGETS['rss']} MB",
    )
    add("memory, peak", app, "peak", "MB", base(core, "peak", "MB", "Archive API, rows in full"))
    scroll = child(work, "scroll", str(folder), str(data))
    for name, size in (("archive", counts[2]), ("made-up", MADE_UP_ROWS)):
        figures = scroll[name]
        table.append(
            (
                f"scroll {size:,} quotes: jump → shown",
                f"{figures['jump_median'] * 1000:.0f} ms",
                f"{figures['jump_in_memory'] * 1000:.0f} ms rows held already; longest "
                f"{figures['jump_max'] * 1000:.0f} ms",
                "",
                f"{scroll['load']:.1f}",
            )
        )
        table.append(
            (
                f"scroll {size:,} quotes: longest frame",
                f"{figures['frame_max']:.0f} ms",
                f"{figures['placeholder_frames']} of {figures['frames']} frames with a row "
                "not read yet",
                f"< {TARGETS['stall']} ms",
                f"{scroll['load']:.1f}",
            )
        )
    stalls: list[dict] = []
    if not options.no_stall:
        stall_size = min(options.stall_size, counts[0])
        first = child(work, "stall", str(prepare_subset(work, folder, stall_size)))
        stalls.append(first)
        idle = f"{first['idle_gap']:.0f} ms idle (load {first['load']:.1f})"
        table.append(
            (
                f"longest GUI stall, first index ({stall_size:,})",
                f"{first['gap']:.0f} ms",
                idle,
                f"< {TARGETS['stall']} ms",
                f"{first['load']:.1f}",
            )
        )
        if made:
            update = child(work, "update", str(folder), str(data), str(options.add))
            stalls.append(update)
            table.append(
                (
                    f"longest GUI stall, update (+{options.add})",
                    f"{update['gap']:.0f} ms",
                    f"{update['idle_gap']:.0f} ms idle (load {update['load']:.1f})",
                    f"< {TARGETS['stall']} ms",
                    f"{update['load']:.1f}",
                )
            )
    documents, speakers, quotes = counts
    print(
        f"archiveapp window, {documents:,} articles ({quotes:,} quotes, {speakers:,} speakers), "
        f"offscreen, median of {repeat}, {os.cpu_count()} cores"
    )
    print()
    widths = (40, 11, 50, 10, 5)
    heads = ("figure", "archiveapp", "baseline", "target", "load")
    print("".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)))
    for row in table:
        print("".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    for stall in stalls:
        for at, gap, note in stall["long"][:5]:
            print(f"  {stall['phase']}: gap {gap:.0f} ms at {at:.1f} s ({note or 'opening'})")
    if options.json:
        print(json.dumps({"core": core, "bare": bare, "app": app, "open": opened, "stall": stalls}))
    return 0


def prepare_subset(work: Path, folder: Path, size: int) -> Path:
    """The first ``size`` articles of ``folder`` (in path order), copied, never indexed."""
    subset = work / f"first-index-{size}"
    if subset.exists():
        return subset
    files = sorted(p for p in folder.rglob("*.txt") if p.is_file())[:size]
    for path in files:
        target = subset / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return subset


def child(work: Path, mode: str, *args: str) -> dict:
    """Run this script as ``mode`` in a fresh process; its last line is a JSON report."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    home = Path(tempfile.mkdtemp(prefix=f"{mode}-", dir=work))
    env["XDG_CONFIG_HOME"] = str(home / "config")  # settings of its own, never the user's
    env["ARCHIVEAPP_HOME"] = str(home / "home")
    env["WINDOW_SPEED_SPAWNED"] = repr(time.time())
    done = subprocess.run(
        [sys.executable, __file__, "_child", mode, str(home), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=LOAD_TIMEOUT_S * 4,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"window_speed: {mode} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(lines[-1])


# -- the children ---------------------------------------------------------------------------


def load() -> float:
    return os.getloadavg()[0]


def since_spawn() -> float:
    return time.time() - float(os.environ["WINDOW_SPEED_SPAWNED"])


def memory_mb() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def report(**figures: object) -> None:
    print(json.dumps({**figures, "load": load()}), flush=True)


def child_bare(_home: Path) -> None:
    """The baseline: an empty QMainWindow, shown, until its first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(["bare"])
    window = QMainWindow()
    window.resize(1440, 900)
    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(since_spawn())
                QTimer.singleShot(0, app.quit)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    window.show()
    app.exec()
    rss, _peak = memory_mb()
    report(paint=painted[0], rss=rss)


def child_app(home: Path, folder: str, data: str, idle: str) -> None:
    """``archiveapp FOLDER --data-dir DATA`` as the command line runs it, watched from its
    QApplication: first paint, loaded, then memory once idle."""
    from archiveapp.gui import app as gui_app

    make_application = gui_app.make_application
    figures: dict[str, float] = {}

    def hooked(argv=None):
        app = make_application(argv)
        if not hasattr(app, "_window_speed"):
            app._window_speed = _watch_app(app, figures, float(idle))
        return app

    gui_app.make_application = hooked
    from archiveapp.cli import main as cli_main

    cli_main([folder, "--data-dir", data])
    report(**figures)


def _watch_app(app, figures: dict[str, float], idle: float):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    def finish(window) -> None:
        if window.session.indexing or window.quotes_model.streaming:
            QTimer.singleShot(200, lambda: finish(window))  # not idle yet
            return
        figures["rss"], figures["peak"] = memory_mb()
        for widget in app.topLevelWidgets():
            widget.close()
        app.quit()

    def on_loaded(window) -> None:
        figures["loaded"] = since_spawn()
        # Idle: the check for changes done and the quotes all listed, then ``idle`` s.
        QTimer.singleShot(int(idle * 1000), lambda: finish(window))

    def on_painted(window) -> None:
        figures["paint"] = since_spawn()
        if getattr(window, "is_loaded", False):
            on_loaded(window)
        else:
            window.loaded.connect(lambda: on_loaded(window))

    class Watch(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and "paint" not in figures:
                window = watched.window() if hasattr(watched, "window") else None
                if isinstance(window, QMainWindow):
                    app.removeEventFilter(self)
                    QTimer.singleShot(0, lambda: on_painted(window))  # once it is painted
            return False

    watch = Watch(app)
    app.installEventFilter(watch)
    return watch


def _window(home: Path):
    """A QApplication with settings in ``home`` and a MainWindow, shown and painted."""
    from PySide6.QtCore import QSettings

    from archiveapp.gui.app import calm_garbage_collector, make_application
    from archiveapp.gui.main_window import MainWindow

    app = make_application(["window-speed"])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home))
    window = MainWindow(remember=False)
    window.show()
    run_for(0.5)
    calm_garbage_collector()  # as ``archiveapp FOLDER`` does before it opens the folder
    return app, window


def _recorder():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gui_stall import TickRecorder

    return TickRecorder()


def run_for(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait(signal, timeout_s: float = LOAD_TIMEOUT_S) -> bool:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gui_stall import wait as wait_for

    return wait_for(signal, timeout_s)


def child_open(home: Path, folder: str, data: str) -> None:
    """open_folder → loaded in a window that is up already, with the GUI gaps meanwhile."""
    import archiveapp.core.archive  # noqa: F401  (imported as a window running for a while has)

    app, window = _window(home)
    recorder = _recorder()
    recorder.start()
    started = time.perf_counter()
    window.open_folder(folder, data)
    if not window.is_loaded and not wait(window.loaded):
        raise SystemExit("the archive did not load")
    took = time.perf_counter() - started
    run_for(3.0)
    gaps = recorder.stop()
    window.close()
    app.processEvents()
    report(open=took, gap=max(gaps) - TICK_MS, long=recorder.long)


def child_core(_home: Path, folder: str, data: str) -> None:
    """The baselines for opening: what the Archive API costs without any window."""
    from archiveapp.core.archive import Archive

    started = time.perf_counter()
    archive = Archive.open(folder, data_dir=data)
    counts = archive.counts()
    floor = time.perf_counter() - started
    archive.documents()
    archive.speakers()
    archive.quotes()
    rows = time.perf_counter() - started
    archive.close()
    _rss, peak = memory_mb()
    report(floor=floor, rows=rows, peak=peak, counts=list(counts))


def child_stall(home: Path, folder: str) -> None:
    """A folder never indexed, opened in the window: GUI gaps until its panes are filled."""
    app, window = _window(home)
    recorder = _recorder()
    recorder.start()
    run_for(2.0)
    idle = recorder.stop()
    window.session.runner.progress.connect(
        lambda p: setattr(recorder, "note", f"after file {p.done}/{p.total}")
    )
    recorder.start()
    started = time.perf_counter()
    window.open_folder(folder, home / "data")
    if not wait(window.loaded, LOAD_TIMEOUT_S * 3):
        raise SystemExit("the folder was not indexed in time")
    took = time.perf_counter() - started
    gaps = recorder.stop()
    window.close()
    app.processEvents()
    long = sorted(recorder.long, key=lambda g: -g[1])
    report(
        phase="first index",
        gap=max(gaps) - TICK_MS,
        idle_gap=max(idle) - TICK_MS,
        seconds=took,
        long=long,
    )


def child_update(home: Path, folder: str, data: str, add: str) -> None:
    """The indexed archive open; ``add`` articles copied in: gaps until the panes show them.
    The folder is removed again afterwards and that update waited for."""
    app, window = _window(home)
    window.open_folder(folder, data)
    if not window.is_loaded and not wait(window.loaded):
        raise SystemExit("the archive did not load")
    while window.session.indexing or window.quotes_model.streaming:
        run_for(0.2)
    run_for(1.0)
    recorder = _recorder()
    recorder.start()
    run_for(2.0)
    idle = recorder.stop()
    before = window._totals.documents
    extra = Path(folder) / f"window-speed-added-{os.getpid()}"
    sources = sorted(BBC.glob("*.txt"))[: int(add)]
    window.session.runner.progress.connect(
        lambda p: setattr(recorder, "note", f"after file {p.done}/{p.total}")
    )

    def copy_in() -> None:  # off the GUI thread: its own stalls are what is measured
        extra.mkdir()
        for n, source in enumerate(sources):
            shutil.copy(source, extra / f"added-{n:04d}.txt")

    recorder.start()
    started = time.perf_counter()
    try:
        copying = threading.Thread(target=copy_in)
        copying.start()
        while copying.is_alive():
            run_for(0.05)
        deadline = time.monotonic() + LOAD_TIMEOUT_S
        while window._totals.documents < before + len(sources) and time.monotonic() < deadline:
            wait(window.panesUpdated, 30)
        took = time.perf_counter() - started
        gaps = recorder.stop()
        shown = window._totals.documents - before
    finally:
        shutil.rmtree(extra, ignore_errors=True)
    deadline = time.monotonic() + LOAD_TIMEOUT_S
    while window._totals.documents > before and time.monotonic() < deadline:
        wait(window.panesUpdated, 30)
    window.close()
    app.processEvents()
    long = sorted(recorder.long, key=lambda g: -g[1])
    report(
        phase="update",
        gap=max(gaps) - TICK_MS,
        idle_gap=max(idle) - TICK_MS,
        seconds=took,
        added=shown,
        long=long,
    )


def child_scroll(home: Path, folder: str, data: str) -> None:
    """Jumps and steady scrolling in the quotes pane of the archive, then of a million
    made-up quotes; the rows shown must be read, not placeholders."""
    from archiveapp.gui.listing import PAGE, Listing
    from archiveapp.gui.models import QuotesModel
    from archiveapp.gui.views.pane import PaneView

    app, window = _window(home)
    window.open_folder(folder, data)
    if not window.is_loaded and not wait(window.loaded):
        raise SystemExit("the archive did not load")
    while window.quotes_model.streaming:
        wait(window.quotes_model.listingGrew, 60)
    if window.session.indexing:
        wait(window.session.indexingFinished)
    figures = {"archive": _scroll(window.quotes_view)}

    made_up = QuotesModel()
    made_up.set_runner(window.session.runner)
    ids = [f"q{n:07d}" for n in range(MADE_UP_ROWS)]
    made_up.set_listing(Listing(ids, {i: _made_up(i) for i in ids[:PAGE]}, _made_up_rows))
    view = PaneView("madeUpQuotes")
    view.setModel(made_up)
    view.resize(window.quotes_view.size())
    view.show()
    figures["made-up"] = _scroll(view)
    view.close()
    window.close()
    app.processEvents()
    report(**figures)


def _made_up(quote_id: str):
    from archiveapp.core.model import Quote

    n = int(quote_id[1:])
    return Quote(
        quote_id,
        f"part-{n // 3000:03d}/article-{n // 3:07d}.txt",
        10 * n,
        10 * n + 80,
        f"“This is what speaker {n % 997} said about the matter, number {n}.”",
        f"Speaker {n % 997}",
        "minister" if n % 3 else None,
        n % 997,
        document_title=f"Article {n // 3}",
        document_date=f"200{n % 6}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
    )


def _made_up_rows(ids):
    time.sleep(0.005)  # about what the archive takes for a page of quotes by id
    return [_made_up(str(i)) for i in ids]


def _scroll(view) -> dict:
    import random

    model = view.model()
    bar = view.verticalScrollBar()

    def shown() -> bool:
        first = max(0, view.rowAt(0))
        last = view.rowAt(view.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        return all(model.get(model.id_at(r)) is not None for r in range(first, last + 1))

    def jumps(targets: list[int]) -> list[float]:
        took = []
        for target in targets:
            started = time.perf_counter()
            bar.setValue(target)
            while True:
                run_for(0.002)
                if shown():
                    break
            took.append(time.perf_counter() - started)
        return took

    rng = random.Random(7)
    targets = [rng.randrange(bar.maximum()) for _ in range(40)]
    recorder = _recorder()
    recorder.start()
    took = jumps(targets)
    again = jumps(targets[-10:] * 2)  # rows whose pages are still held: the baseline
    bar.setValue(rng.randrange(bar.maximum()))
    run_for(0.5)
    step = view.verticalHeader().defaultSectionSize() * 3
    placeholders = 0
    frames = 200
    for _ in range(frames):
        bar.setValue(bar.value() + step)
        run_for(1 / 60)
        placeholders += not shown()
    gaps = recorder.stop()
    return {
        "jump_median": statistics.median(took),
        "jump_max": max(took),
        "jump_in_memory": statistics.median(again),
        "frame_max": max(gaps) - TICK_MS,
        "frames": frames,
        "placeholder_frames": placeholders,
    }


CHILDREN = {
    "bare": child_bare,
    "app": child_app,
    "open": child_open,
    "core": child_core,
    "stall": child_stall,
    "update": child_update,
    "scroll": child_scroll,
}


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "_child":
        sys.path.insert(0, str(ROOT / "src"))
        CHILDREN[sys.argv[2]](Path(sys.argv[3]), *sys.argv[4:])
        sys.exit(0)
    sys.exit(main())
