"""The base of every pane model: an ordered list of ids, a cache of rows keyed by id, and
columns described once.

What a pane lists comes as a ``Listing`` (gui/listing.py), built off the GUI thread. A short
one brings every row; a long one (100,000 documents, a million quotes) brings its ids, the
first page of rows and ``fetch``. ``rowCount`` is always the whole list, so the scroll bar
tells the truth; a row the view paints before it was read shows as a placeholder while its
page (``PAGE`` rows) is read on the task runner's *rows* lane, then repaints. Rows of a
long list are kept for the last few pages only, so memory follows the screen, not the
archive. Ids that a listing streams (``more``) are appended as they arrive; a listing that
starts like the one shown (a reload after indexing) is compared as it streams in, so the
view keeps its place and selection unless the list really changed.

Sorting reorders the ids by a Python key, on the GUI thread when every row is here (a few
milliseconds for thousands), on the read lane for a long list (its rows read a slice at a
time, keys kept, rows dropped), never through a proxy model calling ``data()`` for every
comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..listing import PAGE, Fetch, Listing, chunked

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

# Custom roles shared by every pane model.
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's id (path, speaker id, quote id)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row object itself
HIGHLIGHTS_ROLE = Qt.ItemDataRole.UserRole + 3  # (start, end) spans to mark in DisplayRole
SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 4  # speaker id, for colouring

BATCH = PAGE  # rows read together (the name the tests know)
CACHE_PAGES = 25  # pages of a long list's rows kept (the screen and what was near it)
SORT_SLICE = 2_000  # rows read at a time to sort a long list
PLACEHOLDER = "…"  # the first cell of a row whose page is being read


class Runner(Protocol):
    """What the models need of gui/tasks.py's TaskRunner (tests pass a plain stand-in)."""

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        lane: Any = "read",
        still_wanted: Callable[[], bool] | None = None,
    ) -> Any: ...


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    display: Callable[[R], str]
    sort_key: Callable[[R], Any]  # None: no value, sorts last either way
    tooltip: Callable[[R], str] | None = None
    numeric: bool = False


class RowModel(QAbstractTableModel, Generic[R]):
    """Rows of type R, identified by ``row_id(row)``; subclasses set ``columns``.
    ``listingGrew(first)`` is emitted when streamed ids were appended from row ``first`` on,
    or (``first`` -1) when the list is whole or a long list was sorted."""

    listingGrew = Signal(int)

    columns: Sequence[Column[R]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[Hashable] = []  # in the order shown
        self._order: list[Hashable] = []  # in the order the listing gave (sort -1)
        self._rows: dict[Hashable, R] = {}  # rows read; a long list's are evicted
        self._whole = True  # every id has its row here, for good
        self._fetch: Fetch[R] | None = None
        self._more: Iterator[list[Hashable]] | None = None
        self._checked: int | None = None  # streaming a list like the one shown: ids matched
        self._runner: Runner | None = None
        self._pending: set[int] = set()  # pages being read
        self._gone: set[Hashable] = set()  # ids a fetch did not find (removed since listed)
        self._generation = 0  # bumped by each listing: results for an older one are dropped
        self._layout = 0  # bumped by each reordering: page numbers change meaning
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._when_listed: list[Callable[[], None]] = []

    def set_runner(self, runner: Runner | None) -> None:
        """Where pages, streamed ids and sorts of long lists are read. Without one (scripts,
        some tests) they are read at once, on the calling thread."""
        self._runner = runner

    # -- to be provided by each pane -----------------------------------------------------

    def row_id(self, row: R) -> Hashable:
        raise NotImplementedError

    def extra_data(self, row: R, column: int, role: int) -> Any:
        """Roles beyond display, tooltip, alignment and the shared custom ones."""
        return None

    # -- filling -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> bool:
        """Show ``rows``, all of them here (in this order, unless the user sorted)."""
        return self.set_listing(Listing.whole(rows, self.row_id))

    def set_listing(self, listing: Listing[R]) -> bool:
        """Show ``listing`` (in its order, unless the user sorted). Returns whether anything
        changed; the same ids in the same order keep the view's selection and place."""
        changed = self._show(listing)
        if self._more is None:
            self._listed()
        return changed

    def _show(self, listing: Listing[R]) -> bool:
        self._generation += 1
        self._pending.clear()
        self._gone = set()
        self._checked = None
        self._fetch, self._more = listing.fetch, listing.more
        rows = dict(listing.rows)
        order = list(listing.ids)
        whole = listing.whole_list
        ids = order
        if self._sort is not None and whole:
            ids = self._sorted(order, rows, *self._sort)
        if ids == self._ids and whole == self._whole and self._more is None:
            unchanged = whole and rows == self._rows
            self._order, self._rows = order, rows
            if not unchanged:
                self._all_changed()
            return not unchanged
        if (
            self._more is not None
            and self._sort is None
            and self._ids
            and len(self._ids) >= len(ids)
            and ids == self._ids[: len(ids)]
        ):
            # Most likely the same list again (a reload after indexing): keep what is shown
            # and compare the rest as it arrives.
            self._checked = len(ids)
            self._rows, self._whole = rows, False
            self._order = self._ids
            self._all_changed()
            self._pull()
            return True
        if self._more is None and not whole and self._sort is not None and order == self._order:
            # The same long list, sorted by the user: keep the order shown while the rows
            # (their tags, their speakers) are sorted again.
            self._rows, self._whole = rows, False
            self._all_changed()
            self._sort_long()
            return True
        self.beginResetModel()
        self._ids, self._order, self._rows, self._whole = ids, order, rows, whole
        self._layout += 1
        self.endResetModel()
        if self._more is not None:
            self._pull()
        elif self._sort is not None and not whole:
            self._sort_long()
        return True

    def clear(self) -> None:
        self.set_rows([])

    @property
    def total(self) -> int:
        """Rows in the pane (streamed ids count once they arrived)."""
        return len(self._ids)

    @property
    def streaming(self) -> bool:
        return self._more is not None

    def ids(self) -> list[Hashable]:
        return list(self._ids)

    def contains(self, row_id: Hashable) -> bool:
        return row_id in self._rows or row_id in self._ids

    def row_at(self, row: int) -> R | None:
        """The row at ``row``, if read (a row not read yet is asked for)."""
        if not 0 <= row < len(self._ids):
            return None
        return self._row(row)

    def id_at(self, row: int) -> Hashable | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def get(self, row_id: Hashable) -> R | None:
        """The row of ``row_id`` if it was read (see ``when_rows`` for any rows)."""
        return self._rows.get(row_id)

    def row_of(self, row_id: Hashable, start: int = 0) -> int | None:
        """The row of ``row_id`` (from row ``start`` on), if listed."""
        try:
            return self._ids.index(row_id, start)
        except ValueError:
            return None

    def when_listed(self, then: Callable[[], None]) -> None:
        """Call ``then()`` once every id of the list is in (at once unless streaming): for
        what acts on every listed row."""
        if self._more is None:
            then()
        else:
            self._when_listed.append(then)

    def when_rows(self, ids: Sequence[Hashable], then: Callable[[list[R]], None]) -> None:
        """Call ``then(rows)`` with the rows of ``ids`` (those the pane lists): at once if
        they were read, else once they are, off the GUI thread (on the read lane: it may
        be every row of a long list)."""
        missing = [i for i in ids if i not in self._rows]
        fetch = self._fetch
        if not missing or fetch is None:
            then([row for i in ids if (row := self._rows.get(i)) is not None])
            return
        known = {i: self._rows[i] for i in ids if i in self._rows}
        generation = self._generation

        def job() -> list[R]:
            return [row for part in chunked(missing, SORT_SLICE) for row in fetch(part)]

        def done(found: list[R]) -> None:
            by_id = {**known, **{self.row_id(row): row for row in found}}
            if generation == self._generation and len(found) <= PAGE:
                self._rows.update(by_id)
            then([by_id[i] for i in ids if i in by_id])

        self._run(job, done, "read")

    # -- reading pages and streamed ids -----------------------------------------------------

    def _row(self, position: int) -> R | None:
        row_id = self._ids[position]
        row = self._rows.get(row_id)
        if row is None and self._fetch is not None:
            self._read_page(position // PAGE)
            row = self._rows.get(row_id)  # a runner that ran at once (tests, scripts)
        return row

    def _read_page(self, page: int) -> None:
        if page in self._pending:
            return
        wanted = [
            i
            for i in self._ids[page * PAGE : (page + 1) * PAGE]
            if i not in self._rows and i not in self._gone
        ]
        fetch = self._fetch
        if not wanted or fetch is None:
            return
        self._pending.add(page)
        generation, layout = self._generation, self._layout

        def done(rows: Sequence[R]) -> None:
            if generation != self._generation:
                return
            self._pending.discard(page)
            found = {self.row_id(row): row for row in rows}
            # Never asked for again: it would be read and missed on every paint.
            self._gone.update(i for i in wanted if i not in found)
            self._keep(found)
            first, last = page * PAGE, min(len(self._ids), (page + 1) * PAGE) - 1
            if layout != self._layout:
                first, last = 0, len(self._ids) - 1  # reordered meanwhile: repaint all
            if first <= last:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

        self._run(
            lambda: fetch(wanted),
            done,
            "rows",
            still_wanted=lambda: generation == self._generation,
            on_error=lambda _e: self._pending.discard(page),
        )

    def _keep(self, rows: dict[Hashable, R]) -> None:
        self._rows.update(rows)
        if self._whole:
            return
        extra = len(self._rows) - CACHE_PAGES * PAGE
        if extra > 0:  # the oldest pages read go first; the screen's were read last
            for row_id in list(self._rows)[:extra]:
                del self._rows[row_id]

    def _pull(self) -> None:
        """Ask for the next ids of a streamed listing."""
        more = self._more
        if more is None:
            return
        generation = self._generation
        self._run(
            lambda: next(more, None),
            lambda ids: self._arrived(generation, ids),
            "read",
            still_wanted=lambda: generation == self._generation,
            # The archive closed under it, say: what arrived is the list (the next reload
            # brings the rest).
            on_error=lambda _e: self._arrived(generation, None),
        )

    def _arrived(self, generation: int, ids: list[Hashable] | None) -> None:
        if generation != self._generation:
            return
        if ids is None:
            self._streamed()
            return
        if self._checked is not None:
            ids = self._check(ids)
        if ids:
            first = len(self._ids)
            self._append(ids)
            self.listingGrew.emit(first)
        self._pull()

    def _check(self, ids: list[Hashable]) -> list[Hashable]:
        """Compare streamed ids with those shown; from the first that differs on, the rows
        shown are replaced by those streamed. Returns the ids still to append."""
        start = self._checked or 0
        shown = self._ids[start : start + len(ids)]
        if shown == ids:
            self._checked = start + len(ids)
            return []
        same = 0
        for old, new in zip(shown, ids, strict=False):
            if old != new:
                break
            same += 1
        self._cut(start + same)
        return ids[same:]

    def _cut(self, keep: int) -> None:
        """Drop the rows shown from ``keep`` on (the streamed ids follow from there)."""
        self._checked = None
        if keep < len(self._ids):
            self.beginRemoveRows(QModelIndex(), keep, len(self._ids) - 1)
            del self._ids[keep:]  # while streaming, _ids is _order: the same list
            self.endRemoveRows()

    def _append(self, ids: list[Hashable]) -> None:
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        self._ids.extend(ids)  # while streaming, _ids is _order: the same list
        self.endInsertRows()

    def _streamed(self) -> None:
        """The last streamed ids arrived."""
        self._more = None
        if self._checked is not None:
            self._cut(self._checked)
        self._checked = None
        self.listingGrew.emit(-1)
        if self._sort is not None:
            self._sort_long()
        self._listed()

    def _listed(self) -> None:
        waiting, self._when_listed = self._when_listed, []
        for then in waiting:
            then()

    def _run(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        lane: str,
        still_wanted: Callable[[], bool] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self._runner is None or getattr(self._runner, "closed", False):
            if self._runner is None:
                done(job())
            return
        self._runner.run(job, done, on_error, lane=lane, still_wanted=still_wanted)

    def _all_changed(self) -> None:
        if self._ids:
            last = self.index(len(self._ids) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or index.row() >= len(self._ids)
            or index.column() >= len(self.columns)
        ):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        row = self._row(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return PLACEHOLDER
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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

    # -- sorting ---------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Column -1 restores the order the rows came in (search rank, archive order). A long
        list is sorted on the read lane and reordered when its keys are in; a list still
        streaming, once it is whole."""
        self._sort = (column, order) if 0 <= column < len(self.columns) else None
        if self._sort is None:
            if self._ids != self._order:
                self._reorder(list(self._order))
        elif self._whole:
            self._reorder(self._sorted(self._ids, self._rows, *self._sort))
        elif self._more is None:
            self._sort_long()

    def _sort_long(self) -> None:
        fetch, wanted = self._fetch, self._sort
        if fetch is None or wanted is None:
            return
        order, generation, row_id = list(self._order), self._generation, self.row_id
        key = self.columns[wanted[0]].sort_key
        descending = wanted[1] == Qt.SortOrder.DescendingOrder

        def job() -> list[Hashable]:
            keys: dict[Hashable, Any] = {}
            for part in chunked(order, SORT_SLICE):
                keys.update((row_id(row), key(row)) for row in fetch(part))
            return _by_key(order, keys, descending)

        def done(ids: list[Hashable]) -> None:
            if generation == self._generation and self._sort == wanted:
                self._reorder(ids)
                self.listingGrew.emit(-1)

        self._run(job, done, "read", still_wanted=lambda: generation == self._generation)

    def _reorder(self, ids: list[Hashable]) -> None:
        """Show the same rows in the order of ``ids``, keeping selections on their rows."""
        position = {row_id: n for n, row_id in enumerate(ids)}
        # Views turn their selections into persistent indexes on this signal: ask for the
        # list only after it.
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else None for i in old]
        self._ids = ids
        self._layout += 1
        self._pending.clear()
        new = [
            self.index(position[row_id], i.column()) if row_id in position else QModelIndex()
            for i, row_id in zip(old, old_ids, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sorted(
        self, ids: list[Hashable], rows: dict[Hashable, R], column: int, order: Qt.SortOrder
    ) -> list[Hashable]:
        key = self.columns[column].sort_key
        keys = {i: key(rows[i]) for i in ids}
        return _by_key(ids, keys, order == Qt.SortOrder.DescendingOrder)


def _by_key(ids: list[Hashable], keys: dict[Hashable, Any], descending: bool) -> list[Hashable]:
    """Ids by their key; a key of None (no date, no role) or no key sorts last either way."""
    present = [(k, i) for i in ids if (k := keys.get(i)) is not None]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [i for _k, i in present] + [i for i in ids if keys.get(i) is None]
