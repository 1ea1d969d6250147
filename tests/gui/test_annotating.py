"""Annotating in the window: tagging several quotes, a note, corrections, and undo/redo of
each, against a real archive on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextCursor

from archiveapp.core.archive import Archive
from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.models import quotes as quote_cols
from archiveapp.gui.models import speakers as speaker_cols

from .helpers import click_id, row_where, settle

pytestmark = pytest.mark.gui

HARBOUR = "harbour.txt"
WAIT_MS = 10_000


@pytest.fixture
def window(qtbot, open_window, articles: Path, tmp_path: Path) -> MainWindow:
    window = open_window(articles, tmp_path / "data")
    settle(qtbot, window)
    return window


def quotes(window: MainWindow):
    model = window.quotes_model
    return [model.row_at(r) for r in range(model.rowCount())]


def select_quotes(window: MainWindow, rows: list[int]) -> None:
    view = window.quotes_view
    selection = view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.clearSelection()
    for row in rows:
        selection.select(window.quotes_model.index(row, 0), flags)


def wait_done(qtbot, window: MainWindow) -> None:
    """The annotate lane is idle and the panes show its result."""
    qtbot.waitUntil(lambda: not window.annotator.busy, timeout=WAIT_MS)
    settle(qtbot, window)


def undo(qtbot, window: MainWindow) -> None:
    window.undo_action.trigger()
    wait_done(qtbot, window)


def redo(qtbot, window: MainWindow) -> None:
    window.redo_action.trigger()
    wait_done(qtbot, window)


def tags_of(window: MainWindow) -> dict[str, tuple[str, ...]]:
    return {q.id: q.tags for q in quotes(window)}


def test_tagging_several_quotes_from_the_keyboard_and_undo_redo(qtbot, window: MainWindow) -> None:
    select_quotes(window, [0, 1, 2])
    chosen = [q.id for q in quotes(window)[:3]]
    window.quotes_view.setFocus()
    window.tag_action.trigger()
    picker = window.tag_picker
    assert picker is not None
    qtbot.keyClicks(picker.filter, "flood risk")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: all(tags_of(window)[i] == ("flood risk",) for i in chosen))
    untouched = [q for q in quotes(window) if q.id not in chosen]
    assert untouched and all(q.tags == () for q in untouched)
    qtbot.waitUntil(lambda: window.tags_model.rowCount() == 1)
    assert window.tags_model.row_at(0).quotes == 3

    undo(qtbot, window)
    qtbot.waitUntil(lambda: all(tags_of(window)[i] == () for i in chosen))
    redo(qtbot, window)
    qtbot.waitUntil(lambda: all(tags_of(window)[i] == ("flood risk",) for i in chosen))


def test_a_tag_in_the_tags_pane_narrows_the_quotes(qtbot, window: MainWindow) -> None:
    first = quotes(window)[0]
    window.annotator.run(lambda archive: archive.annotations.tag([first.id], ["harbour"]))
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.tags_model.rowCount() == 1)
    click_id(qtbot, window.tags_view, window.tags_model.id_at(0))
    settle(qtbot, window)
    assert [q.id for q in quotes(window)] == [first.id]
    assert window.focus.tag == "harbour"
    assert any("tag: harbour" in chip for chip in window.chips.chips())


def test_editing_a_note_in_place_and_undo(qtbot, window: MainWindow, tmp_path: Path) -> None:
    target = quotes(window)[1]
    click_id(qtbot, window.quotes_view, target.id)
    settle(qtbot, window)
    assert window.note_editor.quote_id == target.id
    window.note_editor.setFocus()
    qtbot.keyClicks(window.note_editor, "Check against the minutes")
    window.quotes_view.setFocus()  # leaving the note saves it
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id).note == "Check against the minutes")

    undo(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id).note == "")
    assert window.note_editor.toPlainText() == ""
    redo(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id).note == "Check against the minutes")
    assert window.note_editor.toPlainText() == "Check against the minutes"


def test_changing_a_quotes_speaker_and_undo(qtbot, window: MainWindow, monkeypatch) -> None:
    target = next(q for q in quotes(window) if q.speaker == "Tomasz Reyes")
    click_id(qtbot, window.quotes_view, target.id)
    settle(qtbot, window)
    monkeypatch.setattr(window.ask, "speaker", lambda *args, **kwargs: ("Pia Lund", "reporter"))
    window.speaker_action.trigger()
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id).speaker == "Pia Lund")
    changed = window.quotes_model.get(target.id)
    assert changed.speaker_role == "reporter" and changed.speaker_corrected
    names = [window.speakers_model.row_at(r).name for r in range(window.speakers_model.rowCount())]
    assert "Pia Lund" in names

    undo(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id).speaker == "Tomasz Reyes")
    assert not window.quotes_model.get(target.id).speaker_corrected
    redo(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id).speaker == "Pia Lund")


def test_merging_two_speakers_and_undo(qtbot, window: MainWindow, monkeypatch) -> None:
    reyes = window.speakers_model.id_at(
        row_where(window.speakers_view, speaker_cols.NAME, "Tomasz Reyes")
    )
    marchetti = window.speakers_model.id_at(
        row_where(window.speakers_view, speaker_cols.NAME, "Ilse Marchetti")
    )
    before = window.speakers_model.get(marchetti).quotes
    reyes_quotes = window.speakers_model.get(reyes).quotes
    click_id(qtbot, window.speakers_view, reyes)
    settle(qtbot, window)
    monkeypatch.setattr(window.ask, "speaker", lambda *args, **kwargs: ("Ilse Marchetti", None))
    window.merge_speaker_action.trigger()
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.speakers_model.get(reyes) is None)
    assert window.focus.speaker == marchetti
    qtbot.waitUntil(
        lambda: (s := window.speakers_model.get(marchetti)) and s.quotes == before + reyes_quotes
    )

    undo(qtbot, window)
    window.clear_filters()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.speakers_model.get(marchetti).quotes == before)
    names = {window.speakers_model.row_at(r).name for r in range(window.speakers_model.rowCount())}
    assert "Tomasz Reyes" in names
    redo(qtbot, window)
    qtbot.waitUntil(lambda: window.speakers_model.get(reyes) is None)
    qtbot.waitUntil(lambda: window.speakers_model.get(marchetti).quotes == before + reyes_quotes)


def test_adding_a_quote_from_a_selection_in_the_article_and_undo(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    click_id(qtbot, window.documents_view, HARBOUR)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.viewer.path == HARBOUR)
    words = "the wall had been leaking for years"
    start = window.viewer.toPlainText().index(words)
    cursor = QTextCursor(window.viewer.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    window.viewer.setTextCursor(cursor)
    monkeypatch.setattr(window.ask, "speaker", lambda *args, **kwargs: ("Ilse Marchetti", None))
    count = window.quotes_model.rowCount()
    window.add_quote_action.trigger()
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.rowCount() == count + 1)
    added = next(q for q in quotes(window) if q.added)
    assert added.text == words and added.speaker == "Ilse Marchetti"
    qtbot.waitUntil(lambda: window.viewer.quote_span(added.id) is not None)

    undo(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.rowCount() == count)
    assert not any(q.added for q in quotes(window))
    redo(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.rowCount() == count + 1)
    assert next(q for q in quotes(window) if q.added).text == words


def test_not_a_quote_hides_it_and_the_review_list_restores_it(qtbot, window: MainWindow) -> None:
    target = quotes(window)[0]
    click_id(qtbot, window.quotes_view, target.id)
    settle(qtbot, window)
    window.reject_action.trigger()
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id) is None)

    window.rejected_action.trigger()  # the list of quotes marked "not a quote"
    settle(qtbot, window)
    assert [q.id for q in quotes(window)] == [target.id]
    click_id(qtbot, window.quotes_view, target.id)
    settle(qtbot, window)
    window.restore_quote_action.trigger()
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.rowCount() == 0)
    window.rejected_action.trigger()
    settle(qtbot, window)
    assert window.quotes_model.get(target.id) is not None


def test_a_tag_added_by_another_program_shows_up(
    qtbot, window: MainWindow, articles: Path, tmp_path: Path
) -> None:
    target = quotes(window)[0]
    with Archive.open(articles, data_dir=tmp_path / "data") as other:
        other.annotations.tag([target.id], ["from the command line"])
    qtbot.waitUntil(
        lambda: window.quotes_model.get(target.id).tags == ("from the command line",),
        timeout=WAIT_MS,
    )


def test_the_tags_column_shows_the_tags(qtbot, window: MainWindow) -> None:
    target = quotes(window)[0]
    window.annotator.run(lambda archive: archive.annotations.tag([target.id], ["b", "a"]))
    wait_done(qtbot, window)
    row = window.quotes_model.row_of(target.id)
    qtbot.waitUntil(lambda: window.quotes_model.index(row, quote_cols.TAGS).data() == "a, b")


def test_an_orphan_is_listed_and_re_attached_to_another_quote(
    qtbot, window: MainWindow, articles: Path
) -> None:
    reyes = next(q for q in quotes(window) if q.document == HARBOUR and "berth" in q.text)
    window.annotator.run(lambda archive: archive.annotations.tag([reyes.id], ["berths"]))
    wait_done(qtbot, window)
    path = articles / HARBOUR
    path.write_text(
        path.read_text(encoding="utf-8").replace("a week without a berth", "a lost week"),
        encoding="utf-8",
    )
    window.reindex()
    qtbot.waitUntil(lambda: window.orphans_button.isVisible(), timeout=WAIT_MS)
    assert "1 orphaned annotation" in window.orphans_button.text()
    edited = next(q for q in quotes(window) if "a lost week" in q.text)
    assert edited.tags == ()

    click_id(qtbot, window.quotes_view, edited.id)
    settle(qtbot, window)
    window.orphans_button.click()
    dialog = window.orphans_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.reattachRequested):
        dialog.view.selectRow(0)
        dialog.reattach.click()
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(edited.id).tags == ("berths",))
    qtbot.waitUntil(lambda: not window.orphans_button.isVisible())


def test_exporting_and_importing_annotations_from_the_file_menu(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    target = quotes(window)[0]
    window.annotator.run(lambda archive: archive.annotations.tag([target.id], ["keep"]))
    wait_done(qtbot, window)
    saved = tmp_path / "shared.json"
    monkeypatch.setattr(window.ask, "save_path", lambda *args: str(saved))
    window.export_annotations_action.trigger()
    qtbot.waitUntil(saved.exists, timeout=WAIT_MS)
    assert '"keep"' in saved.read_text(encoding="utf-8")

    window.annotator.run(lambda archive: archive.annotations.untag([target.id], ["keep"]))
    wait_done(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id).tags == ())
    told: list[str] = []
    monkeypatch.setattr(window.ask, "open_path", lambda *args: str(saved))
    monkeypatch.setattr(window.ask, "tell", lambda title, text: told.append(text))
    window.import_annotations_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    assert "1 annotation added" in told[0]
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.quotes_model.get(target.id).tags == ("keep",))


def test_tagging_every_quote_the_pane_lists(qtbot, window: MainWindow) -> None:
    click_id(qtbot, window.documents_view, HARBOUR)
    settle(qtbot, window)
    listed = [q.id for q in quotes(window)]
    assert len(listed) >= 2
    window.tag_all_action.trigger()
    picker = window.tag_picker
    assert picker is not None
    qtbot.keyClicks(picker.filter, "harbour")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    wait_done(qtbot, window)
    window.clear_filters()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: {q.id for q in quotes(window) if q.tags} == set(listed))
