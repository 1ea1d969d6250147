"""Acting on the window as a user does: clicks on rows, typing in the search box."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from archiveapp.gui.main_window import MainWindow
from archiveapp.gui.models import ID_ROLE, RowModel

TIMEOUT_MS = 60_000


def ids(view: QTableView) -> list[Hashable]:
    model = view.model()
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


def column(view: QTableView, col: int) -> list[str]:
    model = view.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def click_row(qtbot, view: QTableView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def click_id(qtbot, view: QTableView, wanted: Hashable) -> None:
    model: RowModel = view.model()  # type: ignore[assignment]
    row = model.row_of(wanted)
    assert row is not None, f"{wanted!r} is not in {view.objectName()}"
    click_row(qtbot, view, row)


def row_where(view: QTableView, col: int, text: str) -> int:
    values = column(view, col)
    assert text in values, f"{text!r} not in {view.objectName()}: {values}"
    return values.index(text)


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: not window.session.indexing and window.panes_current(), timeout=TIMEOUT_MS
    )


def type_query(qtbot, window: MainWindow, text: str) -> None:
    box = window.search.line
    box.setFocus()
    box.selectAll()
    if text:
        qtbot.keyClicks(box, text)
    else:
        qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    settle(qtbot, window)
