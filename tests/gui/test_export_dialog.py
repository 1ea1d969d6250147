"""File ▸ Export Quotes…: the live preview, files of each kind written from the dialog, the
clipboard, errors in one line, and the work kept off the GUI thread; against a real archive
on disk."""

from __future__ import annotations

import html
import re
import threading
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, QSizeF, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QComboBox

from archiveapp.core.export import ExportOptions
from archiveapp.core.model import Progress, Quote
from archiveapp.gui import export_actions, exporting
from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.tasks import TaskRunner
from archiveapp.gui.views.export_dialog import ExportDialog, file_name

from .helpers import settle

pytestmark = pytest.mark.gui

WAIT_MS = 20_000


@pytest.fixture
def window(qtbot, open_window, articles: Path, tmp_path: Path) -> MainWindow:
    window = open_window(articles, tmp_path / "data")
    settle(qtbot, window)
    return window


def quotes(window: MainWindow) -> list[Quote]:
    model = window.quotes_model
    return [model.get(i) for i in model.ids()]


def select_quotes(window: MainWindow, rows: list[int]) -> list[Quote]:
    selection = window.quotes_view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.clearSelection()
    for row in rows:
        selection.select(window.quotes_model.index(row, 0), flags)
    return [window.quotes_model.row_at(row) for row in rows]


def choose(combo: QComboBox, key: str) -> None:
    combo.setCurrentIndex(combo.findData(key))


def open_dialog(qtbot, window: MainWindow) -> ExportDialog:
    window.export_quotes_action.trigger()
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: "<blockquote" in dialog.html, timeout=WAIT_MS)
    return dialog


def tag(qtbot, window: MainWindow, quote_ids: list[str], name: str) -> None:
    window.annotator.run(lambda archive: archive.annotations.tag(quote_ids, [name]))
    qtbot.waitUntil(lambda: not window.annotator.busy, timeout=WAIT_MS)
    settle(qtbot, window)


def export_to(qtbot, dialog: ExportDialog, monkeypatch, target: Path) -> None:
    monkeypatch.setattr(dialog, "choose_path", lambda suggested, fmt: str(target))
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def words(text: str) -> str:
    return " ".join(text.split())


def xml_text(archive: Path, member: str) -> str:
    with zipfile.ZipFile(archive) as package:
        xml = package.read(member).decode("utf-8")
    return words(html.unescape(re.sub(r"<[^>]+>", "", xml)))


def test_the_action_sits_in_the_file_menu_before_the_annotations_export(
    window: MainWindow,
) -> None:
    action = window.export_quotes_action
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    file = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    actions = file.actions()
    assert actions.index(action) + 1 == actions.index(window.export_annotations_action)


def test_the_preview_follows_the_options(qtbot, window: MainWindow) -> None:
    first = quotes(window)[0]
    tag(qtbot, window, [first.id], "harbour")
    dialog = open_dialog(qtbot, window)
    assert dialog.scope() == "listed"
    total = window.quotes_model.total
    assert dialog.scope_buttons["listed"].text() == f"All listed quotes ({total})"
    qtbot.waitUntil(lambda: "Tags: harbour" in dialog.html, timeout=WAIT_MS)
    assert dialog.preview_label.text() == f"Preview of all {total} quotes"
    assert "</h2>" not in dialog.html

    choose(dialog.group_combo, "speaker")
    qtbot.waitUntil(lambda: ">Ilse Marchetti</h2>" in dialog.html, timeout=WAIT_MS)
    assert ">Tomasz Reyes</h2>" in dialog.html

    dialog.tags_check.setChecked(False)
    qtbot.waitUntil(lambda: "Tags: harbour" not in dialog.html, timeout=WAIT_MS)
    assert ">Ilse Marchetti</h2>" in dialog.html  # the other choices stay

    dialog.title_edit.setText("Flood defences")
    qtbot.waitUntil(lambda: ">Flood defences</h1>" in dialog.html, timeout=WAIT_MS)
    assert "Flood defences" in dialog.preview.toPlainText()


def test_the_preview_shows_the_first_quotes_and_says_how_many_there_are(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    monkeypatch.setattr(exporting, "PREVIEW_LIMIT", 2)
    dialog = open_dialog(qtbot, window)
    total = window.quotes_model.total
    qtbot.waitUntil(
        lambda: dialog.preview_label.text() == f"Preview of the first 2 of {total} quotes",
        timeout=WAIT_MS,
    )
    assert dialog.html.count("<blockquote") == 2
    assert f"{total} quotes from 3 documents" in dialog.html  # what the file will say


def test_the_preview_of_a_spreadsheet_is_a_table_and_of_markdown_its_text(
    qtbot, window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, window)
    choose(dialog.format_combo, "csv")
    qtbot.waitUntil(lambda: "<table" in dialog.html, timeout=WAIT_MS)
    assert ">citation</th>" in dialog.html
    assert dialog.html.count("<tr valign") == window.quotes_model.total
    assert not dialog.group_combo.isEnabled() and not dialog.tags_check.isEnabled()
    assert dialog.format_hint.isVisibleTo(dialog)
    choose(dialog.format_combo, "md")
    qtbot.waitUntil(lambda: "<pre" in dialog.html, timeout=WAIT_MS)
    assert "# Quotes" in dialog.preview.toPlainText()
    assert dialog.group_combo.isEnabled() and dialog.tags_check.isEnabled()


def test_a_tag_chosen_as_the_scope(qtbot, window: MainWindow) -> None:
    listed = quotes(window)
    tag(qtbot, window, [listed[1].id, listed[2].id], "flood risk")
    dialog = open_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.tag_combo.count() == 1, timeout=WAIT_MS)
    assert dialog.tag_combo.itemText(0) == "flood risk (2)"
    dialog.scope_buttons["tag"].setChecked(True)
    qtbot.waitUntil(lambda: dialog.preview_label.text() == "Preview of all 2 quotes")
    assert dialog.request().tag == "flood risk"
    for quote in listed[1:3]:
        assert html.escape(words(quote.text)) in dialog.html


@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf", "csv"])
def test_exporting_the_selected_quotes_writes_a_file(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path, fmt: str
) -> None:
    chosen = select_quotes(window, [0, 1])
    dialog = open_dialog(qtbot, window)
    assert dialog.scope() == "selected"
    assert dialog.scope_buttons["selected"].text() == "Selected quotes (2)"
    choose(dialog.format_combo, fmt)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"quotes.{fmt}"
    export_to(qtbot, dialog, monkeypatch, target)

    assert dialog.status_label.text() == f"2 quotes exported to {target}"
    assert window.statusBar().currentMessage() == dialog.status_label.text()
    assert [p.name for p in folder.iterdir()] == [target.name]  # no partial file left
    if fmt == "csv":
        text = words(target.read_text(encoding="utf-8-sig"))
    elif fmt == "docx":
        text = xml_text(target, "word/document.xml")
    elif fmt == "odt":
        text = xml_text(target, "content.xml")
    else:
        pypdf = pytest.importorskip("pypdf")
        text = words(" ".join(page.extract_text() for page in pypdf.PdfReader(target).pages))
    for quote in chosen:
        assert words(quote.text) in text
    others = [q for q in quotes(window) if q.id not in {c.id for c in chosen}]
    assert not any(words(q.text) in text for q in others)


def test_an_existing_file_is_kept_unless_the_user_says_replace(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, window)
    choose(dialog.format_combo, "csv")
    existing = tmp_path / "mine.csv"
    existing.write_text("keep me", encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm_replace", lambda path: asked.append(path) or False)
    # A name typed without its suffix: the dialog adds it, and asks about that file.
    export_to(qtbot, dialog, monkeypatch, tmp_path / "mine")
    assert asked == [str(existing)]
    assert existing.read_text(encoding="utf-8") == "keep me"

    monkeypatch.setattr(dialog, "confirm_replace", lambda path: True)
    export_to(qtbot, dialog, monkeypatch, tmp_path / "mine")
    qtbot.waitUntil(lambda: "exported" in dialog.status_label.text(), timeout=WAIT_MS)
    assert "quote" in existing.read_text(encoding="utf-8-sig")


def test_copy_puts_formatted_and_plain_text_on_the_clipboard(qtbot, window: MainWindow) -> None:
    chosen = select_quotes(window, [0, 2])
    dialog = open_dialog(qtbot, window)
    clipboard = QApplication.clipboard()
    clipboard.clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    mime = clipboard.mimeData()
    assert mime is not None and mime.hasHtml() and mime.hasText()
    assert dialog.status_label.text() == "2 quotes copied to the clipboard"
    for quote in chosen:
        assert html.escape(words(quote.text)) in mime.html()
        assert words(quote.text) in mime.text()
    assert "<blockquote" not in mime.text()
    # Left on the clipboard, the data outlives the application at exit: a crash there.
    del mime
    clipboard.clear()


def test_an_export_to_a_missing_folder_says_so_in_one_line_and_writes_nothing(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, window)
    choose(dialog.format_combo, "csv")
    target = tmp_path / "no such folder" / "quotes.csv"
    export_to(qtbot, dialog, monkeypatch, target)
    message = dialog.status_label.text()
    assert "does not exist" in message and "\n" not in message
    assert window.statusBar().currentMessage() == message
    assert not target.parent.exists()
    assert dialog.export_button.isEnabled()  # ready to try another name


def test_previews_and_exports_run_off_the_gui_thread(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    threads: dict[str, set[str]] = {"preview": set(), "export": set()}
    render, write = exporting.render_html, export_actions.write

    def rendering(document, **kwargs):  # type: ignore[no-untyped-def]
        threads["preview"].add(threading.current_thread().name)
        return render(document, **kwargs)

    def writing(document, path, force=False):  # type: ignore[no-untyped-def]
        threads["export"].add(threading.current_thread().name)
        return write(document, path, force=force)

    monkeypatch.setattr(exporting, "render_html", rendering)
    monkeypatch.setattr(export_actions, "write", writing)
    dialog = open_dialog(qtbot, window)
    choose(dialog.format_combo, "md")
    export_to(qtbot, dialog, monkeypatch, tmp_path / "quotes.md")
    assert (tmp_path / "quotes.md").exists()
    assert threads["preview"] and all(n.startswith("archiveapp-read") for n in threads["preview"])
    assert threads["export"] and all(n.startswith("archiveapp-export") for n in threads["export"])


def test_cancelling_an_export_leaves_no_file(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    running = threading.Event()

    def endless_build(archive, chosen, options, progress=None):  # type: ignore[no-untyped-def]
        while True:  # until the progress report raises: the user cancelled
            running.set()
            progress(Progress(1, 2, ""))
            time.sleep(0.005)

    dialog = open_dialog(qtbot, window)
    monkeypatch.setattr(export_actions, "build", endless_build)
    target = tmp_path / "quotes.html"
    monkeypatch.setattr(dialog, "choose_path", lambda suggested, fmt: str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: running.is_set() and dialog.progress.maximum() == 2, timeout=WAIT_MS)
    assert not dialog.export_button.isEnabled() and dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.status_label.text() == "Exporting cancelled"
    assert list(tmp_path.glob("quotes*")) == []


def test_closing_the_window_stops_a_running_export_before_the_archive_closes(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    running, stopped = threading.Event(), threading.Event()

    def endless_build(archive, chosen, options, progress=None):  # type: ignore[no-untyped-def]
        try:
            while True:
                running.set()
                progress(Progress(1, 2, ""))
                time.sleep(0.005)
        finally:
            stopped.set()

    dialog = open_dialog(qtbot, window)
    monkeypatch.setattr(export_actions, "build", endless_build)
    monkeypatch.setattr(dialog, "choose_path", lambda suggested, fmt: str(tmp_path / "q.html"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(running.is_set, timeout=WAIT_MS)
    window.close()  # returns once the export lane has stopped and the archive is closed
    assert stopped.is_set()
    assert window.session.archive is None
    assert list(tmp_path.glob("q*")) == []


def test_the_dialog_opens_as_it_was_left(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = ExportDialog(settings, selected=0, listed=4)
    qtbot.addWidget(first)
    first.show()
    choose(first.format_combo, "pdf")
    choose(first.group_combo, "document")
    choose(first.style_combo, "mla")
    first.title_edit.setText("Harbour quotes")
    first.context_check.setChecked(True)
    first.note_check.setChecked(False)
    first.close()

    again = ExportDialog(settings, selected=0, listed=4)
    qtbot.addWidget(again)
    assert again.options() == ExportOptions(
        format="pdf",
        title="Harbour quotes",
        group_by="document",
        style="mla",
        note=False,
        context=True,
    )
    assert again.scope() == "listed"
    assert not again.scope_buttons["selected"].isEnabled()


def test_a_file_name_is_made_from_the_title() -> None:
    assert file_name("Flood defences: 2025/26", "docx") == "Flood defences 2025 26.docx"
    assert file_name("  ", "csv") == "quotes.csv"


def test_the_export_lane_lays_out_long_rich_text_without_qt_warnings(qtbot) -> None:
    """ODT and PDF are laid out by QTextDocument on the export lane; a long document starts
    layout timers there, which warn (once per paragraph) in a thread without an event
    dispatcher. Strict tests fail on any Qt warning."""
    runner = TaskRunner()
    pages: list[int] = []

    def lay_out() -> int:
        text = QTextDocument()
        text.setHtml("".join(f"<p>Paragraph {n} of a long export.</p>" for n in range(3000)))
        text.setPageSize(QSizeF(400, 600))
        return text.pageCount()

    runner.run(lay_out, pages.append, lane="export")
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT_MS)
    runner.shutdown()
    assert pages[0] > 10
