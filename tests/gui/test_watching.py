"""Watching the open folder: files added, edited, renamed and removed reach the panes
without a re-index; bursts are batched; the app's own writes start nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.watch_actions import WATCH_SETTING
from archiveapp.gui.watcher import FolderWatcher

from .helpers import settle

pytestmark = pytest.mark.gui

# The acceptance bound: a change shows in the panes within 5 s.
SHOWN_MS = 5_000
# Short debounce so the tests are quick; the bound above holds with the defaults too.
QUIET_MS, MAX_WAIT_MS = 150, 500

FERRY = (
    "Ferry line reopens\n\nBy Pia Lund\n\n"
    "The ferry to the islands ran again on Tuesday after a week of storms.\n\n"
    "\u201cThe pier is safe, and the boats will keep to the timetable,\u201d said Ilse "
    "Marchetti, the chief engineer.\n\n"
    "\u201cWe lost a whole week of trade,\u201d Tomasz Reyes said.\n"
)


def quick(window: MainWindow) -> MainWindow:
    window.folder_watcher.quiet_ms = QUIET_MS
    window.folder_watcher.max_wait_ms = MAX_WAIT_MS
    return window


@pytest.fixture
def window(qtbot, open_window, articles: Path, tmp_path: Path) -> MainWindow:
    window = quick(open_window(articles, tmp_path / "data"))
    settle(qtbot, window)
    assert window.folder_watcher.watching
    return window


def quotes_in(window: MainWindow, document: str) -> list:
    model = window.quotes_model
    rows = (model.row_at(r) for r in range(model.rowCount()))
    return [q for q in rows if q.document == document]


def move_in(source_dir: Path, target: Path, text: str) -> None:
    """Write the whole file elsewhere first, then move it in, as a finished copy lands."""
    source_dir.mkdir(parents=True, exist_ok=True)
    source = source_dir / target.name
    source.write_text(text, encoding="utf-8")
    os.replace(source, target)


def test_an_article_copied_in_shows_its_quotes_and_goes_when_deleted(
    qtbot, window: MainWindow, articles: Path, tmp_path: Path
) -> None:
    move_in(tmp_path / "outside", articles / "ferry.txt", FERRY)
    qtbot.waitUntil(lambda: len(quotes_in(window, "ferry.txt")) == 2, timeout=SHOWN_MS)
    assert window.documents_model.get("ferry.txt") is not None

    (articles / "ferry.txt").unlink()
    qtbot.waitUntil(lambda: not quotes_in(window, "ferry.txt"), timeout=SHOWN_MS)
    qtbot.waitUntil(lambda: window.documents_model.get("ferry.txt") is None, timeout=SHOWN_MS)


def test_an_article_edited_in_place_is_read_again(
    qtbot, window: MainWindow, articles: Path
) -> None:
    before = len(quotes_in(window, "harbour.txt"))
    with (articles / "harbour.txt").open("a", encoding="utf-8") as file:  # no rename
        file.write("\n\u201cThe wall will outlast us all,\u201d said Ilse Marchetti.\n")
    qtbot.waitUntil(lambda: len(quotes_in(window, "harbour.txt")) == before + 1, timeout=SHOWN_MS)


def test_a_renamed_article_keeps_its_tags(
    qtbot, window: MainWindow, articles: Path, tmp_path: Path
) -> None:
    move_in(tmp_path / "outside", articles / "ferry.txt", FERRY)
    qtbot.waitUntil(lambda: len(quotes_in(window, "ferry.txt")) == 2, timeout=SHOWN_MS)
    settle(qtbot, window)
    tagged = quotes_in(window, "ferry.txt")[0]
    window.annotator.run(lambda a: a.annotations.tag([tagged.id], ["x"]))
    qtbot.waitUntil(lambda: not window.annotator.busy)
    settle(qtbot, window)

    os.replace(articles / "ferry.txt", articles / "council" / "ferry line.txt")
    moved = "council/ferry line.txt"
    qtbot.waitUntil(lambda: len(quotes_in(window, moved)) == 2, timeout=SHOWN_MS)
    assert not quotes_in(window, "ferry.txt")
    same = next(q for q in quotes_in(window, moved) if q.text == tagged.text)
    assert same.tags == ("x",)
    assert all(q.tags == () for q in quotes_in(window, moved) if q.text != tagged.text)


def test_a_burst_of_files_gives_one_or_two_updates(
    qtbot, window: MainWindow, articles: Path
) -> None:
    started: list[None] = []
    window.session.indexingStarted.connect(lambda: started.append(None))
    burst = articles / "burst"  # a new subfolder: it joins the watch as it fills
    burst.mkdir()
    for n in range(200):
        (burst / f"note-{n:03}.txt").write_text(
            f"Note {n}\n\n\u201cItem {n} is on the agenda,\u201d said Ilse Marchetti.\n",
            encoding="utf-8",
        )
    qtbot.waitUntil(lambda: window._totals.documents == 203, timeout=30_000)
    settle(qtbot, window)
    assert 1 <= len(started) <= 2
    assert str(burst) in window.folder_watcher._watcher.directories()


def test_the_apps_own_writes_start_no_update(
    qtbot, open_window, articles: Path, tmp_path: Path
) -> None:
    # The data folder inside the archive, where it is kept by default.
    window = quick(open_window(articles, articles / ".archiveapp"))
    settle(qtbot, window)
    first = window.quotes_model.row_at(0)
    window.annotator.run(lambda a: a.annotations.tag([first.id], ["x"]))  # writes in the data
    (articles / "ferry.txt.part").write_text(FERRY, encoding="utf-8")  # a download under way
    (articles / ".ferry.txt.swp").write_text("x", encoding="utf-8")
    with qtbot.waitSignal(window.session.indexingStarted, timeout=3_000, raising=False) as update:
        pass
    assert not update.signal_triggered


def test_watching_can_be_turned_off_and_is_remembered(
    qtbot, window: MainWindow, articles: Path, tmp_path: Path
) -> None:
    assert window.watch_action.isChecked()
    window.watch_action.trigger()
    assert not window.folder_watcher.watching
    assert str(window.settings.value(WATCH_SETTING)).lower() == "false"
    move_in(tmp_path / "outside", articles / "ferry.txt", FERRY)
    with qtbot.waitSignal(window.session.indexingStarted, timeout=1_000, raising=False) as update:
        pass
    assert not update.signal_triggered

    # Turning it on again reads what changed meanwhile.
    window.watch_action.trigger()
    assert window.folder_watcher.watching
    qtbot.waitUntil(lambda: len(quotes_in(window, "ferry.txt")) == 2, timeout=SHOWN_MS)


def test_the_watcher_debounces_and_ignores_temporary_files(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    watcher = FolderWatcher(quiet_ms=QUIET_MS, max_wait_ms=MAX_WAIT_MS)
    watcher.start(folder)
    try:
        with qtbot.waitSignal(watcher.changed, timeout=1_000, raising=False) as blocker:
            (folder / "draft.txt~").write_text("x", encoding="utf-8")
            (folder / "page.html.crdownload").write_text("x", encoding="utf-8")
            (folder / ".hidden").mkdir()
            (folder / ".hidden" / "a.txt").write_text("x", encoding="utf-8")
        assert not blocker.signal_triggered

        emitted: list[None] = []
        watcher.changed.connect(lambda: emitted.append(None))
        for n in range(50):
            (folder / f"{n}.txt").write_text("x", encoding="utf-8")
        qtbot.waitUntil(lambda: len(emitted) == 1)
        with qtbot.waitSignal(watcher.changed, timeout=MAX_WAIT_MS * 2, raising=False) as again:
            pass
        assert not again.signal_triggered
    finally:
        watcher.stop()
