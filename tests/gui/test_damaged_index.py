"""A search index found damaged when the window opens the archive: the window says so,
and the update that follows the loading rebuilds it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from archiveapp.core.archive import Archive
from archiveapp.gui.main_window import MainWindow


def test_the_window_says_the_index_was_damaged_and_searches_after_the_rebuild(
    articles: Path, tmp_path: Path, open_window: Callable[..., MainWindow], qtbot
) -> None:
    data = tmp_path / "data"
    with Archive.open(articles, data_dir=data) as archive:
        archive.update()
        archive.annotations.tag([archive.quotes()[0].id], ["kept"])
    segments = [p for p in (data / "index").glob("MAIN_*") if p.suffix != ".toc"]
    biggest = max(segments, key=lambda p: p.stat().st_size)
    biggest.write_bytes(biggest.read_bytes()[: biggest.stat().st_size // 2])

    window = open_window(articles, data)
    assert "damaged" in window.statusBar().currentMessage()
    assert "rebuilt" in window.statusBar().currentMessage()

    # The update after loading rebuilds the index from the store: the search finds again.
    def found() -> bool:
        with Archive.open(articles, data_dir=data) as archive:
            return len(archive.search("ferry")) == 1 and bool(archive.quotes(tag="kept"))

    qtbot.waitUntil(found, timeout=60_000)
    assert window.session.archive is not None and window.session.archive.index_notice
