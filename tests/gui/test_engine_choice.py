"""File ▸ Search Engine: the open archive's engine is checked; switching asks first when
the archive has articles, rebuilds the index in the background, keeps the hits and the
annotations, and is remembered by the archive."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import archiveapp.core.search as search
from archiveapp.core.archive import Archive
from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.views.engine_question import EngineQuestion

from .helpers import TIMEOUT_MS, ids, settle, type_query

pytestmark = pytest.mark.gui

QUERY = "harbour OR Reyes"


def need_tantivy() -> None:
    if not search.engine_available("tantivy"):
        pytest.skip("tantivy is not installed (pip install 'archiveapp[tantivy]')")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def window(qtbot, open_window, articles: Path, data_dir: Path) -> MainWindow:
    window = open_window(articles, data_dir)
    settle(qtbot, window)
    return window


class Questions:
    """Answers the engine question the way a person would, by clicking one of its buttons,
    and keeps what each question said."""

    def __init__(self, qtbot, switch: bool) -> None:
        self.qtbot = qtbot
        self.switch = switch
        self.asked: list[str] = []

    def expect(self) -> None:
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, EngineQuestion):
            QTimer.singleShot(20, self._answer)  # not on screen yet
            return
        self.asked.append(f"{box.text()}\n{box.informativeText()}")
        button = box.switch_button if self.switch else box.button(QMessageBox.StandardButton.Cancel)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def switch_to(qtbot, window: MainWindow, engine: str, questions: Questions | None) -> None:
    """Pick ``engine`` in the menu and wait until its index is rebuilt and the panes show
    the archive again."""
    if questions is not None:
        questions.expect()
    with qtbot.waitSignal(window.session.indexingFinished, timeout=TIMEOUT_MS):
        window.engine_actions[engine].trigger()
    settle(qtbot, window)
    assert window.current_engine == engine


def search_hits(qtbot, window: MainWindow, query: str) -> tuple[set[Hashable], set[Hashable]]:
    type_query(qtbot, window, query)
    return set(ids(window.documents_view)), set(ids(window.quotes_view))


def checked(window: MainWindow) -> list[str]:
    return [name for name, action in window.engine_actions.items() if action.isChecked()]


def test_the_menu_shows_the_archive_engine(window: MainWindow) -> None:
    need_tantivy()
    window.engine_menu.aboutToShow.emit()  # what opening the menu does
    assert checked(window) == ["whoosh"]
    assert all(action.isEnabled() for action in window.engine_actions.values())
    assert window.engine_menu.menuAction() in window.menuBar().actions()[0].menu().actions()


def test_switching_to_tantivy_and_back_keeps_hits_and_annotations(
    qtbot, window: MainWindow, articles: Path, data_dir: Path
) -> None:
    need_tantivy()
    # Annotations made in the window before the switch: a tag and a note.
    first = window.quotes_model.row_at(0)
    window.annotator.run(lambda archive: archive.annotations.tag([first.id], ["kept"]))
    window.annotator.run(lambda archive: archive.annotations.set_note(first.id, "check this"))
    qtbot.waitUntil(lambda: not window.annotator.busy, timeout=TIMEOUT_MS)
    settle(qtbot, window)
    before = search_hits(qtbot, window, QUERY)
    assert before[0] and before[1]
    type_query(qtbot, window, "")

    questions = Questions(qtbot, switch=True)
    switch_to(qtbot, window, "tantivy", questions)
    assert len(questions.asked) == 1
    assert "rebuilt" in questions.asked[0] and "3 articles" in questions.asked[0]
    assert "tags, notes and corrections are not touched" in questions.asked[0]
    assert checked(window) == ["tantivy"]
    assert (data_dir / "index-tantivy").is_dir()
    assert search_hits(qtbot, window, QUERY) == before
    assert search_hits(qtbot, window, "tag:kept") == ({first.document}, {first.id})
    kept = window.quotes_model.get(first.id)
    assert kept is not None and kept.tags == ("kept",)
    assert "Tantivy" in window.statusBar().currentMessage()

    type_query(qtbot, window, "")
    switch_to(qtbot, window, "whoosh", questions)
    assert len(questions.asked) == 2
    assert checked(window) == ["whoosh"]
    assert search_hits(qtbot, window, QUERY) == before
    assert search_hits(qtbot, window, "tag:kept") == ({first.document}, {first.id})
    # The window still annotates the reopened archive.
    window.annotator.run(lambda archive: archive.annotations.tag([first.id], ["after"]))
    qtbot.waitUntil(lambda: not window.annotator.busy, timeout=TIMEOUT_MS)
    window.close()
    with Archive.open(articles, data_dir=data_dir) as archive:
        assert archive.engine == "whoosh"
        (quote,) = archive.quotes_by_id([first.id])
        assert set(quote.tags) == {"kept", "after"}
        assert quote.note == "check this"


def test_reopening_keeps_the_chosen_engine(
    qtbot, window: MainWindow, open_window, articles: Path, data_dir: Path
) -> None:
    need_tantivy()
    switch_to(qtbot, window, "tantivy", Questions(qtbot, switch=True))
    window.close()
    again = open_window(articles, data_dir)
    settle(qtbot, again)
    assert again.current_engine == "tantivy"
    assert checked(again) == ["tantivy"]
    assert search_hits(qtbot, again, "ferry")[0] == {"web/storm.html"}


def test_declining_the_question_keeps_the_engine(qtbot, window: MainWindow, data_dir: Path) -> None:
    need_tantivy()
    questions = Questions(qtbot, switch=False)
    questions.expect()
    window.engine_actions["tantivy"].trigger()
    assert len(questions.asked) == 1
    assert checked(window) == ["whoosh"]
    assert window.current_engine == "whoosh"
    assert not window.session.indexing
    assert not (data_dir / "index-tantivy").exists()
    with Archive.open(window.folder, data_dir=data_dir) as archive:  # type: ignore[arg-type]
        assert archive.engine == "whoosh"


def test_an_archive_without_articles_switches_without_asking(
    qtbot, open_window, tmp_path: Path
) -> None:
    need_tantivy()
    empty = tmp_path / "empty"
    empty.mkdir()
    window = open_window(empty, tmp_path / "empty-data")
    settle(qtbot, window)
    questions = Questions(qtbot, switch=False)  # would decline, were it asked
    questions.expect()
    switch_to(qtbot, window, "tantivy", None)
    assert questions.asked == []
    assert checked(window) == ["tantivy"]


def test_tantivy_is_disabled_with_how_to_install_it_when_missing(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    real: Callable[[str], bool] = search.engine_available
    monkeypatch.setattr(search, "engine_available", lambda name: name != "tantivy" and real(name))
    window.engine_menu.aboutToShow.emit()
    tantivy = window.engine_actions["tantivy"]
    assert not tantivy.isEnabled()
    assert "not installed" in tantivy.text()
    assert "pip install 'archiveapp[tantivy]'" in tantivy.toolTip()
    assert window.engine_menu.toolTipsVisible()
    assert window.engine_actions["whoosh"].isEnabled()
    assert checked(window) == ["whoosh"]
    # Asked for anyway (a shortcut, a script): refused with the same hint, nothing reopened.
    window.choose_engine("tantivy")
    assert "pip install" in window.statusBar().currentMessage()
    assert window.current_engine == "whoosh"
    assert checked(window) == ["whoosh"]
