"""Watching a large folder: after the first walk, only the folders the system reported a
change in are listed again, and what that finds is what a whole walk would find."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archiveapp.gui import watcher as watching
from archiveapp.gui.watcher import FolderWatcher, rewalk, snapshot

pytestmark = pytest.mark.gui

QUIET_MS, MAX_WAIT_MS = 150, 500


def tree(root: Path, folders: int = 20, files: int = 5) -> Path:
    for f in range(folders):
        for n in range(files):
            path = root / f"part-{f // 5}" / f"{f:02d}" / f"article-{n}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"Title {f}-{n}\n\nText.\n", encoding="utf-8")
    return root


def test_listing_the_changed_folders_again_finds_what_a_whole_walk_finds(tmp_path: Path) -> None:
    root = tree(tmp_path / "archive")
    data = root / "part-0" / ".data"
    before = snapshot(root, (data,))
    part0, part1 = root / "part-0", root / "part-1"
    (part0 / "00" / "new.txt").write_text("New\n\nText.\n", encoding="utf-8")  # added
    (part0 / "01" / "article-0.txt").unlink()  # removed
    with (part0 / "02" / "article-1.txt").open("a", encoding="utf-8") as edited:
        edited.write("More text.\n")
    (part0 / "03" / "draft.txt~").write_text("x", encoding="utf-8")  # ignored
    (part1 / "nested" / "deeper").mkdir(parents=True)  # a folder copied in, whole
    (part1 / "nested" / "deeper" / "a.txt").write_text("A\n\nB.\n", encoding="utf-8")
    os.rename(part1 / "05", part1 / "renamed")  # a folder renamed
    for path in (root / "part-2" / "10").iterdir():
        path.unlink()
    (root / "part-2" / "10").rmdir()  # a folder removed
    data.mkdir()  # the app's own data folder: left out
    (data / "index.db").write_text("x", encoding="utf-8")
    dirty = {
        str(part0 / "00"),
        str(part0 / "01"),
        str(part0 / "02"),
        str(part0 / "03"),
        str(part0),
        str(part1),
        str(root / "part-2"),
        str(root / "part-2" / "10"),  # gone: its parent's listing drops it
    }
    assert rewalk(before, (data,), dirty) == snapshot(root, (data,))


def test_after_the_first_walk_only_the_changed_folder_is_listed(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(tmp_path / "archive", folders=40)
    listed: list[str] = []
    list_folder = watching._list_folder

    def counting(folder: str, skipped: set[str]):
        listed.append(folder)
        return list_folder(folder, skipped)

    monkeypatch.setattr(watching, "_list_folder", counting)
    watcher = FolderWatcher(quiet_ms=QUIET_MS, max_wait_ms=MAX_WAIT_MS)
    watcher.start(root)
    try:
        qtbot.waitUntil(lambda: len(watcher._watcher.directories()) > 40)  # the first walk
        assert len(listed) > 40
        listed.clear()
        with qtbot.waitSignal(watcher.changed, timeout=5_000):
            (root / "part-3" / "17" / "new.txt").write_text("New\n\nText.\n", encoding="utf-8")
        assert listed == [str(root / "part-3" / "17")]
        assert str(root / "part-3" / "17" / "new.txt") in watcher._last.files
    finally:
        watcher.stop()
