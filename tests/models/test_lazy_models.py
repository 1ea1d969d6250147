"""Long lists: a pane model holds ids and reads only the pages of rows the view asks for,
keeps a few pages, grows as streamed ids arrive, and sorts off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

import pytest
from PySide6.QtCore import Qt

from archiveapp.core.model import Quote
from archiveapp.gui.listing import PAGE, Listing
from archiveapp.gui.models import ID_ROLE, ROW_ROLE, QuotesModel, base
from archiveapp.gui.models import quotes as quote_cols

pytestmark = pytest.mark.gui

MILLION = 1_000_000


def quote(n: int) -> Quote:
    return Quote(
        f"q{n:07d}",
        f"doc-{n // 3:06d}.txt",
        10 * n,
        10 * n + 8,
        f"\u201cWords number {n}\u201d",
        f"Speaker {n % 50}" if n % 4 else None,
        None,
        n % 50 if n % 4 else None,
        document_title=f"Title {n // 3}",
        document_date=f"2004-{n % 12 + 1:02d}-01",
    )


class Archive:
    """Stands in for the archive: quotes made on demand, every id read counted."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read: list[str] = []

    def ids(self) -> list[str]:
        return [f"q{n:07d}" for n in range(self.size)]

    def fetch(self, ids: Sequence[Hashable]) -> list[Quote]:
        self.read.extend(str(i) for i in ids)
        return [quote(int(str(i)[1:])) for i in ids if int(str(i)[1:]) < self.size]

    def listing(self, more=None) -> Listing[Quote]:
        ids = self.ids()
        first = {i: quote(n) for n, i in enumerate(ids[:PAGE])}
        return Listing(ids, first, self.fetch, more)


class QueuedRunner:
    """The task runner's lanes, run when the test says so."""

    closed = False

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any, str, Any]] = []

    def run(self, job, on_done=None, on_error=None, lane="read", still_wanted=None) -> None:
        self.jobs.append((job, on_done, lane, still_wanted))

    def lanes(self) -> list[str]:
        return [lane for _job, _done, lane, _wanted in self.jobs]

    def run_all(self) -> None:
        while self.jobs:
            job, on_done, _lane, still_wanted = self.jobs.pop(0)
            if still_wanted is not None and not still_wanted():
                continue
            result = job()
            if on_done is not None:
                on_done(result)


def test_a_million_quotes_read_only_the_page_on_screen() -> None:
    archive = Archive(MILLION)
    model = QuotesModel()
    model.set_listing(archive.listing())
    assert model.rowCount() == MILLION  # the scroll bar covers the whole list
    assert archive.read == []  # the first page came with the listing
    assert model.index(10, quote_cols.TEXT).data() == "\u201cWords number 10\u201d"
    assert archive.read == []
    row = 654_321
    assert model.index(row, quote_cols.SPEAKER).data() == f"Speaker {row % 50}"
    page = row // PAGE
    assert archive.read == [f"q{n:07d}" for n in range(page * PAGE, (page + 1) * PAGE)]
    assert model.index(row + 1, quote_cols.TEXT).data(ROW_ROLE).id == f"q{row + 1:07d}"
    assert len(archive.read) == PAGE  # the same page: not read again
    assert model.index(MILLION - 1, 0).data(ID_ROLE) == f"q{MILLION - 1:07d}"  # ids need no read
    assert len(archive.read) == PAGE


def test_a_page_not_read_yet_shows_a_placeholder_then_its_rows(qtbot) -> None:
    archive = Archive(50_000)
    runner = QueuedRunner()
    model = QuotesModel()
    model.set_runner(runner)
    model.set_listing(archive.listing())
    index = model.index(30_000, quote_cols.TEXT)
    assert index.data() == base.PLACEHOLDER
    assert model.index(30_000, quote_cols.SPEAKER).data() is None
    assert model.index(30_001, quote_cols.TEXT).data() == base.PLACEHOLDER
    assert runner.lanes() == ["rows"]  # one read for the page, however often it is painted
    with qtbot.waitSignal(model.dataChanged) as changed:
        runner.run_all()
    top, bottom = changed.args[0], changed.args[1]
    assert top.row() <= 30_000 <= bottom.row()
    assert index.data() == "\u201cWords number 30000\u201d"


def test_only_a_few_pages_of_a_long_list_stay_in_memory() -> None:
    archive = Archive(200_000)
    model = QuotesModel()
    model.set_listing(archive.listing())
    for row in range(0, 200_000, PAGE):
        assert model.row_at(row) is not None
    assert len(archive.read) >= 200_000 - PAGE
    assert len(model._rows) <= base.CACHE_PAGES * PAGE


def test_a_row_the_archive_lost_is_not_asked_for_again() -> None:
    archive = Archive(PAGE * 30)
    listing = archive.listing()
    archive.size = PAGE * 20  # the rest were removed since the listing was made
    model = QuotesModel()
    model.set_listing(listing)
    row = PAGE * 25
    assert model.index(row, 0).data() == base.PLACEHOLDER
    asked = len(archive.read)
    for _ in range(3):
        model.index(row, 0).data()
    assert len(archive.read) == asked


def test_a_long_lazy_list_passes_the_model_tester(qtmodeltester) -> None:
    archive = Archive(base.CACHE_PAGES * PAGE + 3 * PAGE)
    model = QuotesModel()
    model.set_listing(archive.listing())
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_streamed_ids_are_appended_and_a_reload_of_the_same_list_keeps_the_view(
    qtbot, qtmodeltester
) -> None:
    archive = Archive(6_000)
    ids = archive.ids()

    def streamed(head: int, step: int, ids: list[str]) -> Listing[Quote]:
        rest = iter([ids[n : n + step] for n in range(head, len(ids), step)])
        first = {i: quote(int(i[1:])) for i in ids[:PAGE]}
        return Listing(ids[:head], first, archive.fetch, rest)

    runner = QueuedRunner()
    model = QuotesModel()
    model.set_runner(runner)
    qtmodeltester.check(model)  # watches every change that follows
    model.set_listing(streamed(500, 2_000, ids))
    assert model.rowCount() == 500 and model.streaming
    with qtbot.waitSignals([model.listingGrew] * 3):
        runner.run_all()
    assert model.rowCount() == 6_000 and not model.streaming
    assert model.ids() == ids

    # The same list again (a reload after indexing): compared as it streams, nothing moves.
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.assertNotEmitted(model.rowsRemoved),
        qtbot.assertNotEmitted(model.rowsInserted),
    ):
        model.set_listing(streamed(500, 2_000, ids))
        assert model.rowCount() == 6_000
        runner.run_all()
    assert model.ids() == ids

    # A list that differs from row 3,500 on: the rows from there are replaced, not reset.
    changed = ids[:3_500] + [f"q{n:07d}" for n in range(4_500, 5_500)]
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_listing(streamed(500, 2_000, changed))
        runner.run_all()
    assert model.ids() == changed


def test_a_long_list_is_sorted_off_the_gui_thread_and_back() -> None:
    archive = Archive(20_000)
    runner = QueuedRunner()
    model = QuotesModel()
    model.set_runner(runner)
    model.set_listing(archive.listing())
    model.sort(quote_cols.SPEAKER, Qt.SortOrder.DescendingOrder)
    assert model.ids() == archive.ids()  # nothing moved yet: the keys are being read
    assert runner.lanes() == ["read"]
    runner.run_all()
    speakers = [quote(int(str(i)[1:])).speaker for i in model.ids()]
    named = [s for s in speakers if s is not None]
    assert speakers == named + [None] * (len(speakers) - len(named))  # unattributed last
    assert named == sorted(named, key=str.casefold, reverse=True)
    model.sort(-1)  # the order the list came in, at once
    assert model.ids() == archive.ids()


def test_rows_for_every_listed_quote_come_off_the_gui_thread() -> None:
    archive = Archive(30_000)
    runner = QueuedRunner()
    model = QuotesModel()
    model.set_runner(runner)
    model.set_listing(archive.listing())
    got: list[list[Quote]] = []
    model.when_rows(model.ids(), got.append)
    assert got == [] and runner.lanes() == ["read"]
    runner.run_all()
    assert [q.id for q in got[0]] == archive.ids()
    assert len(model._rows) <= base.CACHE_PAGES * PAGE  # not all kept
    model.when_rows(["q0000003"], got.append)  # read already: at once
    assert got[1][0].id == "q0000003"


def test_what_acts_on_every_listed_row_waits_until_all_are_in() -> None:
    archive = Archive(3_000)
    ids = archive.ids()
    runner = QueuedRunner()
    model = QuotesModel()
    model.set_runner(runner)
    rest = iter([ids[n : n + 1_000] for n in range(1_000, 3_000, 1_000)])
    model.set_listing(Listing(ids[:1_000], {}, archive.fetch, rest))
    seen: list[int] = []
    model.when_listed(lambda: seen.append(model.total))
    assert seen == []
    runner.run_all()
    assert seen == [3_000]
    model.when_listed(lambda: seen.append(model.total))  # listed already: at once
    assert seen == [3_000, 3_000]
