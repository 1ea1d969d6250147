"""The annotations that lost their quote, and the two ways out: re-attach one to a quote the
user selects in the window, or delete some after saying what goes with them.

The dialog is meant to stay open beside the window (``show()``, not ``exec()``): the user
picks the target quote in the quotes pane while it is up, and the window passes it in with
``set_target_quote``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.model import Annotation
from ..models.base import ID_ROLE, Column, RowModel
from ..models.text import one_line

DOCUMENT, QUOTE, TAGS, NOTE, SPEAKER, MODIFIED = range(6)
EXPLANATION = (
    "These annotations lost their quote: its words are no longer in the article, or the "
    "article is gone. Re-attach each to a quote, or delete it."
)
NO_TARGET = "Select a quote in the window to re-attach an annotation to it."

Confirm = Callable[[QWidget, str], bool]  # (parent, question) -> go ahead?


def local_time(stamp: str) -> str:
    """An ISO 8601 UTC stamp as local "YYYY-MM-DD HH:MM"; anything unreadable as given."""
    try:
        # Python 3.10 reads "+00:00" but not "Z".
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def _short(text: str, limit: int = 160) -> str:
    """One line, cut at a word: the view elides to the column, this keeps tooltips sane."""
    line = one_line(text)
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + " …"


class OrphansModel(RowModel[Annotation]):
    """Private to this dialog, which is its only view."""

    columns = (
        Column(
            "Document",
            lambda a: a.document,
            lambda a: a.document.casefold(),
            tooltip=lambda a: a.document,
        ),
        Column(
            "Quote",
            lambda a: _short(a.text),
            lambda a: one_line(a.text).casefold(),
            tooltip=lambda a: one_line(a.text),
        ),
        Column("Tags", lambda a: ", ".join(a.tags), lambda a: ", ".join(a.tags).casefold() or None),
        Column(
            "Note",
            lambda a: _short(a.note),
            lambda a: a.note.casefold() or None,
            tooltip=lambda a: a.note,
        ),
        Column(
            "Attributed to",
            lambda a: a.speaker_seen or "",
            lambda a: a.speaker_seen.casefold() if a.speaker_seen else None,
            tooltip=lambda a: (
                f"The archive's speaker when it was annotated; you chose {a.speaker}"
                if a.speaker
                else "The archive's speaker when it was annotated"
            ),
        ),
        Column(
            "Modified",
            lambda a: local_time(a.modified) if a.modified else "",
            lambda a: a.modified or None,
        ),
    )

    def row_id(self, row: Annotation) -> str:
        return row.uid


def ask_with_message_box(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.warning(
        parent,
        "Delete annotations",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class OrphansDialog(QDialog):
    reattachRequested = Signal(str, str)  # annotation uid, quote id
    deleteRequested = Signal(list)  # annotation uids

    def __init__(
        self,
        orphans: list[Annotation] | None = None,
        parent: QWidget | None = None,
        confirm: Confirm = ask_with_message_box,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orphans")
        self.setWindowTitle("Orphaned annotations")
        self._confirm = confirm
        self._target: str | None = None
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)
        self.count = QLabel(self)
        self.model = OrphansModel(self)
        self.view = self._make_view()
        # The cells are cut short; the words of the one selected are what the user matches
        # against the quotes in the window.
        self.details = QLabel(self)
        self.details.setObjectName("orphanDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.target = QLabel(NO_TARGET, self)
        self.target.setObjectName("orphansTarget")
        self.target.setWordWrap(True)
        self.reattach = QPushButton("Re-attach to selected quote", self)
        self.reattach.setObjectName("reattach")
        self.reattach.clicked.connect(self._on_reattach)
        self.delete = QPushButton("Delete…", self)
        self.delete.setObjectName("deleteOrphans")
        self.delete.clicked.connect(self._on_delete)
        actions = QHBoxLayout()
        actions.addWidget(self.target, 1)
        actions.addWidget(self.reattach)
        actions.addWidget(self.delete)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.resize(1040, 440)
        self.set_orphans(orphans or [])

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("orphansView")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # first, in the order given
        view.setSortingEnabled(True)
        char = view.fontMetrics().horizontalAdvance("0")
        for column, chars in (
            (DOCUMENT, 16),
            (TAGS, 12),
            (NOTE, 22),
            (SPEAKER, 14),
            (MODIFIED, 15),
        ):
            header.resizeSection(column, char * chars + 16)
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        header.setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Stretch)
        view.selectionModel().selectionChanged.connect(self._on_selection)
        return view

    # -- fed by the window ---------------------------------------------------------------

    def set_orphans(self, orphans: list[Annotation]) -> None:
        self.model.set_rows(orphans)
        n = len(orphans)
        self.count.setText(
            "No orphaned annotations." if n == 0 else f"{n} orphaned annotation{'s' * (n != 1)}"
        )
        self._update_buttons()

    def set_target_quote(self, quote_id: str | None, label: str = "") -> None:
        """The quote selected in the window (None: none), described by ``label``."""
        self._target = quote_id
        self.target.setText(
            f"Quote selected in the window: {label or quote_id}" if quote_id else NO_TARGET
        )
        self._update_buttons()

    # -- the user's actions --------------------------------------------------------------

    def selected_uids(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [str(self.model.index(r, 0).data(ID_ROLE)) for r in rows]

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        uids = self.selected_uids()
        selected = len(uids)
        self.details.setText(self._describe(uids))
        self.reattach.setEnabled(self._target is not None and selected == 1)
        self.delete.setEnabled(selected > 0)

    def _describe(self, uids: list[str]) -> str:
        if len(uids) != 1:
            return f"{len(uids)} selected" if uids else "Select an annotation to see it whole."
        orphan = self.model.get(uids[0])
        if orphan is None:
            return ""
        lines = [f"Annotated quote: {one_line(orphan.text)}"]
        if orphan.speaker_seen:
            lines[0] += f"  — {orphan.speaker_seen}"
        if orphan.note:
            lines.append(f"Note: {one_line(orphan.note)}")
        return "\n".join(lines)

    def _on_reattach(self) -> None:
        uids = self.selected_uids()
        if self._target is not None and len(uids) == 1:
            self.reattachRequested.emit(uids[0], self._target)

    def _on_delete(self) -> None:
        uids = self.selected_uids()
        if not uids:
            return
        if len(uids) == 1:
            question = "Delete this orphaned annotation? Its tags and note go with it."
        else:
            question = (
                f"Delete these {len(uids)} orphaned annotations? Their tags and notes go with them."
            )
        question += " This cannot be undone."
        if self._confirm(self, question):
            self.deleteRequested.emit(uids)
