"""The ``archiveapp`` GUI entry point: argument handling and --screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from archiveapp.gui import app

pytestmark = pytest.mark.gui


def test_screenshot_opens_waits_saves_and_exits(qapp, articles: Path, tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    assert (
        app.run([str(articles), "--data-dir", str(tmp_path / "data"), "--screenshot", str(target)])
        == 0
    )
    image = QImage(str(target))
    assert (image.width(), image.height()) == app.SCREENSHOT_SIZE


def test_a_missing_folder_is_one_line_on_stderr(qapp, tmp_path: Path, capsys) -> None:
    assert app.run([str(tmp_path / "nowhere"), "--screenshot", str(tmp_path / "x.png")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_the_cli_hands_bare_folders_to_the_gui(monkeypatch, tmp_path: Path) -> None:
    from archiveapp import cli

    seen: list[list[str]] = []
    monkeypatch.setattr(app, "run", lambda args: seen.append(args) or 0)
    assert cli.main([str(tmp_path), "--screenshot", "x.png"]) == 0
    assert cli.main(["--sample"]) == 0
    assert seen == [[str(tmp_path), "--screenshot", "x.png"], ["--sample"]]
