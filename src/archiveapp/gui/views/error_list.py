"""The files that could not be read, in one list the user opens when they want to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.model import FileError
from ..models.failures import MESSAGE, FailuresModel


class ErrorListDialog(QDialog):
    def __init__(self, failures: list[FileError], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorList")
        self.setWindowTitle("Files that could not be read")
        self.resize(760, 360)
        self.model = FailuresModel(self)
        self.model.set_rows(failures)
        view = QTableView(self)
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt's default indicator is Z to A
        view.horizontalHeader().setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        view.resizeColumnToContents(0)
        note = QLabel(
            f"{len(failures)} files were skipped. They are tried again when they change "
            "(F5 re-indexes).",
            self,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
