"""What a pane lists: every id in order, the rows read so far, and how to read the others.

The loader builds a ``Listing`` on the read lane and a pane model shows it. A short list
comes whole (every row read). A long one — 100,000 documents, a million quotes — comes as
its ids, the rows of the first page and of the rows in focus, and ``fetch``: the model
reads a page of rows by id when the view is about to paint it, so memory and the time to
fill a pane follow what is on screen, not what is in the archive.

``more`` streams further ids, in order, when they are not all known at once (the quotes
of the whole archive, read a slice of documents at a time until the core can list quote
ids directly): the pane shows the first slice at once and grows as the rest arrives.

Plain Python (no Qt): the loader and its tests use it without a window.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar, overload

R = TypeVar("R")
T = TypeVar("T")
Fetch = Callable[[Sequence[Hashable]], Sequence[R]]

# A list of at most this many rows comes whole (sorted on the GUI thread in milliseconds);
# a longer one comes as ids and is read a page at a time.
WHOLE_LIMIT = 5_000
PAGE = 200  # rows read together when the view reaches a row not read yet


@dataclass(frozen=True, eq=False)
class Listing(Sequence[R], Generic[R]):
    """``ids`` in the order to show; ``rows`` the rows read already, by id; ``fetch(ids)``
    reads others (off the GUI thread; ids it does not know are left out); ``more`` yields
    further lists of ids to append (consumed once, by one thread)."""

    ids: list[Hashable]
    rows: dict[Hashable, R] = field(default_factory=dict)
    fetch: Fetch[R] | None = None
    more: Iterator[list[Hashable]] | None = None

    @classmethod
    def whole(cls, rows: Iterable[R], row_id: Callable[[R], Hashable]) -> Listing[R]:
        by_id = {row_id(row): row for row in rows}
        return cls(list(by_id), by_id)

    @classmethod
    def of(
        cls,
        items: Sequence[T],
        item_id: Callable[[T], Hashable],
        fetch: Fetch[R],
        keep: Iterable[Hashable] = (),
        make: Callable[[int, T], R] | None = None,
        whole_limit: int | None = None,
    ) -> Listing[R]:
        """``items`` (read in full already) whole if at most ``whole_limit`` (by default
        ``WHOLE_LIMIT``); else their ids, with only the first page and the rows of ``keep``
        (those in focus) held. ``make(position, item)`` turns an item into its row (by
        default it is the row), only for the rows held."""
        convert = make or (lambda _n, item: item)
        ids = [item_id(item) for item in items]
        if len(items) <= (WHOLE_LIMIT if whole_limit is None else whole_limit):
            return cls(ids, {i: convert(n, items[n]) for n, i in enumerate(ids)})
        wanted = set(keep)
        held = {i: convert(n, items[n]) for n, i in enumerate(ids) if n < PAGE or i in wanted}
        return cls(ids, held, fetch)

    @property
    def whole_list(self) -> bool:
        """Every row is here: nothing to fetch, nothing to stream."""
        return self.more is None and len(self.rows) >= len(self.ids)

    def row(self, row_id: Hashable) -> R | None:
        """The row of ``row_id``, read now if it was not (for scripts and tests)."""
        if row_id in self.rows:
            return self.rows[row_id]
        if self.fetch is None:
            return None
        found = self.fetch([row_id])
        return found[0] if found else None

    # -- a sequence of rows, for scripts and tests (the models never iterate it) ----------

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> list[R]: ...

    def __getitem__(self, index: int | slice) -> R | list[R]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = self.row(self.ids[index])
        if row is None:
            raise LookupError(f"no row for {self.ids[index]!r}")
        return row


def chunked(items: Sequence[Hashable], size: int) -> Iterator[Sequence[Hashable]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def in_order(
    ids: Sequence[Hashable], rows: Iterable[R], row_id: Callable[[R], Hashable]
) -> list[R]:
    """``rows`` in the order of ``ids`` (the core returns some lists in its own order)."""
    by_id = {row_id(row): row for row in rows}
    return [by_id[i] for i in ids if i in by_id]
