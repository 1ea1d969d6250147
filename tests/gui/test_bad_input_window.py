"""Issue 9 in the window: the article viewer loads nothing and runs nothing, whatever the
saved page held, and the bad files of a folder are listed in the window's problem list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from archiveapp.core.model import Document
from archiveapp.gui.loader import ViewedDocument
from archiveapp.gui.views.document_viewer import DocumentViewer
from archiveapp.gui.views.error_list import ErrorListDialog
from benchmark_modules import load_benchmark

from .helpers import settle

pytestmark = pytest.mark.gui


def _picture(path: Path) -> QUrl:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(path))
    return QUrl.fromLocalFile(str(path))


def _hostile_markup(server: str, local: QUrl) -> str:
    return (
        f"<script src='{server}/tracker.js'></script><script>while (true) {{}}</script>"
        f"<link rel='stylesheet' href='{server}/style.css'>"
        f"<img src='{server}/pixel.png'><img src='{local.toString()}'>"
        f"<iframe src='{server}/frame'></iframe><form action='{server}/post'></form>"
    )


def test_markup_in_an_article_is_shown_as_text_and_loads_nothing(
    qtbot, local_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    server, requests = local_server
    local = _picture(tmp_path / "private.png")
    markup = _hostile_markup(server, local)
    viewer = DocumentViewer()
    qtbot.addWidget(viewer)
    text = f"Saved page\n\n{markup}\n\n\u201cWe saw it,\u201d said Ana."
    viewer.show_document(ViewedDocument(Document(path="page.html", title="Saved page", text=text)))
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.grab()  # lays out and paints everything
    assert markup in viewer.toPlainText()
    for url in (QUrl(f"{server}/pixel.png"), local):
        assert not viewer.document().resource(QTextDocument.ResourceType.ImageResource, url)
    assert requests == []


def test_html_set_on_the_viewer_loads_no_image_local_or_remote(
    qtbot, local_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    server, requests = local_server
    # The viewer inserts plain text; should anything ever give it HTML, a picture named in
    # it stays unloaded, from the disk (QTextBrowser would read a file: URL) or the network.
    local = _picture(tmp_path / "private.png")
    viewer = DocumentViewer()
    qtbot.addWidget(viewer)
    viewer.setHtml(f"<p>Text</p>{_hostile_markup(server, local)}")
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.grab()
    for url in (QUrl(f"{server}/pixel.png"), local):
        assert not viewer.document().resource(QTextDocument.ResourceType.ImageResource, url)
    assert viewer.loadResource(QTextDocument.ResourceType.ImageResource.value, local) is None
    assert requests == []


def test_bad_files_are_in_the_windows_problem_list(
    qtbot, open_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHIVEAPP_READ_SECONDS", "3")  # the looping PDF
    folder = tmp_path / "archive"
    manifest = load_benchmark("make_bad_folder").build(
        folder, articles=4, huge=False, outside=tmp_path / "out"
    )
    window = open_window(folder)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.errors_button.isVisible(), timeout=60_000)
    window.errors_button.click()
    dialog = window.findChild(ErrorListDialog)
    assert dialog is not None
    listed = {
        dialog.model.index(row, 0).data(): dialog.model.index(row, 1).data()
        for row in range(dialog.model.rowCount())
    }
    failed = {_shown(path) for path, e in manifest.items() if e.kind == "fail"}
    assert failed == set(listed)
    assert all(listed[path] and "\n" not in listed[path] for path in failed)
    assert window.documents_model.total == sum(
        e.kind in ("article", "read") for e in manifest.values()
    )
    dialog.close()


def _shown(path: str) -> str:
    """A name that is not UTF-8 as the archive shows it: its bad bytes replaced."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
