"""The base of every pane model: an ordered list of ids, a cache of rows keyed by id, and
columns described once.

Rows are fetched off the GUI thread by the task runner and handed over in one piece; the
model only exposes them to the view in batches (``canFetchMore``/``fetchMore``), so a pane
of 8,000 quotes costs the view no more than the rows it shows. Sorting reorders the ids
with a Python key (milliseconds for thousands of rows) instead of a proxy model calling
``data()`` for every comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

# Custom roles shared by every pane model.
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's id (path, speaker id, quote id)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row object itself
HIGHLIGHTS_ROLE = Qt.ItemDataRole.UserRole + 3  # (start, end) spans to mark in DisplayRole
SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 4  # speaker id, for colouring

BATCH = 500  # rows handed to the view at a time


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    display: Callable[[R], str]
    sort_key: Callable[[R], Any]  # None: no value, sorts last either way
    tooltip: Callable[[R], str] | None = None
    numeric: bool = False


class RowModel(QAbstractTableModel, Generic[R]):
    """Rows of type R, identified by ``row_id(row)``; subclasses set ``columns``."""

    columns: Sequence[Column[R]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[Hashable] = []
        self._rows: dict[Hashable, R] = {}
        self._shown = 0
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._notifying = False

    # -- to be provided by each pane -----------------------------------------------------

    def row_id(self, row: R) -> Hashable:
        raise NotImplementedError

    def extra_data(self, row: R, column: int, role: int) -> Any:
        """Roles beyond display, tooltip, alignment and the shared custom ones."""
        return None

    # -- filling -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> bool:
        """Show ``rows`` (in this order, unless the user sorted). Returns whether anything
        changed; rows with the same ids in the same order keep the view's selection."""
        ids = [self.row_id(r) for r in rows]
        cache = dict(zip(ids, rows, strict=True))
        if self._sort is not None:
            ids = self._sorted(ids, cache, *self._sort)
        if ids == self._ids:
            if cache == self._rows:
                return False
            self._rows = cache
            if self._shown:
                last = self.index(self._shown - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return True
        # Listeners of modelReset and rowsInserted (Qt's model tester among them) may ask
        # to fetch more: inserting rows inside that notification would nest two changes.
        self._notifying = True
        try:
            self.beginResetModel()
            self._ids, self._rows = ids, cache
            self._shown = min(len(ids), BATCH)
            self.endResetModel()
        finally:
            self._notifying = False
        return True

    def clear(self) -> None:
        self.set_rows([])

    @property
    def total(self) -> int:
        """Rows in the pane, fetched into the view or not yet."""
        return len(self._ids)

    def ids(self) -> list[Hashable]:
        return list(self._ids)

    def row_at(self, row: int) -> R | None:
        if 0 <= row < self._shown:
            return self._rows[self._ids[row]]
        return None

    def id_at(self, row: int) -> Hashable | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def get(self, row_id: Hashable) -> R | None:
        return self._rows.get(row_id)

    def row_of(self, row_id: Hashable) -> int | None:
        """The row of ``row_id``, fetching more rows into the view if it lies beyond."""
        if row_id not in self._rows:
            return None
        row = self._ids.index(row_id)
        if row >= self._shown:
            self._insert_rows(row + 1)
        return row

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._notifying and self._shown < len(self._ids)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._notifying:
            return
        more = min(BATCH, len(self._ids) - self._shown)
        if more <= 0:
            return
        self._insert_rows(self._shown + more)

    def _insert_rows(self, shown: int) -> None:
        """Hand rows up to ``shown`` to the view."""
        self._notifying = True
        try:
            self.beginInsertRows(QModelIndex(), self._shown, shown - 1)
            self._shown = shown
            self.endInsertRows()
        finally:
            self._notifying = False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown or index.column() >= len(self.columns):
            return None
        row = self._rows[self._ids[index.row()]]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == ROW_ROLE:
            return row
        return self.extra_data(row, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Column -1 restores the order the rows came in (search rank, archive order)."""
        self._sort = (column, order) if 0 <= column < len(self.columns) else None
        if self._sort is None:
            ids = list(self._rows)  # dicts keep the order the rows came in
        else:
            ids = self._sorted(self._ids, self._rows, *self._sort)
        position = {row_id: n for n, row_id in enumerate(ids)}
        # A selected row must stay reachable: show enough rows first (a layout change may
        # move rows but not add them).
        selected = self.persistentIndexList()
        furthest = max(
            (position.get(self._ids[i.row()], -1) for i in selected if 0 <= i.row() < self._shown),
            default=-1,
        )
        if furthest >= self._shown:
            self._insert_rows(furthest + 1)
        # Views turn their selections into persistent indexes on this signal: ask for the
        # list only after it.
        self._notifying = True
        try:
            self.layoutAboutToBeChanged.emit()
            old = self.persistentIndexList()
            old_ids = [self._ids[i.row()] if 0 <= i.row() < self._shown else None for i in old]
            self._ids = ids
            new = [
                self.index(position[row_id], i.column()) if row_id in position else QModelIndex()
                for i, row_id in zip(old, old_ids, strict=True)
            ]
            self.changePersistentIndexList(old, new)
            self.layoutChanged.emit()
        finally:
            self._notifying = False

    def _sorted(
        self, ids: list[Hashable], rows: dict[Hashable, R], column: int, order: Qt.SortOrder
    ) -> list[Hashable]:
        """A key of None (no date, no role) sorts last in either direction."""
        key = self.columns[column].sort_key
        keyed = [(key(rows[i]), i) for i in ids]
        present = [(k, i) for k, i in keyed if k is not None]
        present.sort(key=lambda pair: pair[0], reverse=order == Qt.SortOrder.DescendingOrder)
        return [i for _k, i in present] + [i for k, i in keyed if k is None]
