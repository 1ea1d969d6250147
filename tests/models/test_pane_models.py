"""Every pane model passes Qt's model tester, sorts by Python keys, lists every row it
holds (long lists are read lazily: test_lazy_models.py), and keeps the view's selection when
the same rows come again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from archiveapp.core.model import DocumentSummary, FileError, Quote, Speaker
from archiveapp.gui.loader import DocumentRow
from archiveapp.gui.models import (
    HIGHLIGHTS_ROLE,
    ID_ROLE,
    ROW_ROLE,
    SPEAKER_ROLE,
    DocumentsModel,
    FailuresModel,
    QuotesModel,
    SpeakersModel,
    base,
)
from archiveapp.gui.models import documents as doc_cols
from archiveapp.gui.models import quotes as quote_cols
from archiveapp.gui.models import speakers as speaker_cols

pytestmark = pytest.mark.gui


def documents(n: int) -> list[DocumentRow]:
    return [
        DocumentRow(
            DocumentSummary(
                f"doc-{i:04d}.txt",
                f"Title {i}",
                f"2025-01-{i % 28 + 1:02d}" if i % 3 else None,
                i % 7,
            ),
            snippet=f"the word match{i} appears here and match again",
            highlights=((9, 14 + len(str(i))),),
            rank=i,
        )
        for i in range(n)
    ]


def speakers(n: int) -> list[Speaker]:
    return [
        Speaker(i, f"Speaker {i}", "minister" if i % 2 else None, n - i, 1 + i % 4)
        for i in range(1, n + 1)
    ]


def quotes(n: int) -> list[Quote]:
    return [
        Quote(
            f"q{i:05d}",
            f"doc-{i % 9}.txt",
            10 * i,
            10 * i + 8,
            f"\u201cWords\n number {i}\u201d",
            f"Speaker {i % 5}" if i % 4 else None,
            None,
            i % 5 if i % 4 else None,
            document_title=f"Title {i % 9}",
            document_date="2025-02-01",
        )
        for i in range(n)
    ]


CASES = [
    (DocumentsModel, documents),
    (SpeakersModel, speakers),
    (QuotesModel, quotes),
    (FailuresModel, lambda n: [FileError(f"bad-{i}.html", "no text") for i in range(n)]),
]


@pytest.mark.parametrize(("model_class", "rows"), CASES)
def test_models_pass_the_model_tester(qtmodeltester, model_class, rows) -> None:
    model = model_class()
    model.set_rows(rows(40))
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


@pytest.mark.parametrize(("model_class", "rows"), CASES)
def test_models_stay_valid_through_resets_sorts_and_fetches(
    qtmodeltester, model_class, rows
) -> None:
    model = model_class()
    qtmodeltester.check(model)  # keeps watching the model through what follows
    model.set_rows(rows(base.BATCH + 120))
    assert model.rowCount() == base.BATCH + 120  # the whole list: the scroll bar tells the truth
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == base.BATCH + 120
    for column in range(model.columnCount()):
        model.sort(column, Qt.SortOrder.DescendingOrder)
    model.sort(-1)
    model.set_rows(rows(7))
    model.clear()
    assert model.rowCount() == 0


def test_the_same_rows_again_change_nothing(qtbot) -> None:
    model = SpeakersModel()
    model.set_rows(speakers(5))
    with qtbot.assertNotEmitted(model.modelReset):
        assert not model.set_rows(speakers(5))
    changed = [*speakers(4), Speaker(5, "Speaker 5", "mayor", 1, 1)]
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        assert model.set_rows(changed)


def test_row_of_fetches_rows_beyond_the_batch() -> None:
    model = QuotesModel()
    model.set_rows(quotes(base.BATCH * 2))
    wanted = f"q{base.BATCH + 10:05d}"
    row = model.row_of(wanted)
    assert row == base.BATCH + 10
    assert model.rowCount() > row
    assert model.index(row, 0).data(ID_ROLE) == wanted
    assert model.row_of("nope") is None


def test_sort_puts_missing_values_last_both_ways() -> None:
    model = DocumentsModel()
    model.set_rows(documents(9))
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(doc_cols.DATE, order)
        dates = [model.index(r, doc_cols.DATE).data() for r in range(model.rowCount())]
        present = [d for d in dates if d]
        assert dates == present + [""] * (len(dates) - len(present))
        assert present == sorted(present, reverse=order == Qt.SortOrder.DescendingOrder)
    model.sort(-1)
    assert model.index(0, 0).data(ID_ROLE) == "doc-0000.txt"


def test_sort_is_remembered_for_new_rows() -> None:
    model = SpeakersModel()
    model.sort(speaker_cols.QUOTES, Qt.SortOrder.AscendingOrder)
    model.set_rows(speakers(6))
    counts = [int(model.index(r, speaker_cols.QUOTES).data()) for r in range(6)]
    assert counts == sorted(counts)


def test_roles() -> None:
    model = QuotesModel()
    model.set_rows(quotes(5))
    first = model.index(1, quote_cols.TEXT)
    assert first.data() == "\u201cWords number 1\u201d"  # one line, for an elided cell
    assert "Speaker 1" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert first.data(ROW_ROLE).id == "q00001"
    assert first.data(SPEAKER_ROLE) == 1
    assert model.index(0, quote_cols.SPEAKER).data() == "(unattributed)"
    docs = DocumentsModel()
    docs.set_rows(documents(3))
    assert docs.index(0, doc_cols.MATCH).data(HIGHLIGHTS_ROLE) == [(9, 15)]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert docs.index(0, doc_cols.QUOTES).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert docs.headerData(doc_cols.QUOTES, Qt.Orientation.Horizontal) == "Quotes"


def test_a_documents_title_tooltip_gives_its_source() -> None:
    docs = DocumentsModel()
    summary = DocumentSummary(
        "pier.html",
        "Pier vote",
        "2025-03-14",
        2,
        author="Maria Okafor",
        outlet="Harwick Courier",
        url="https://courier.example/news/pier",
    )
    docs.set_rows([DocumentRow(summary)])
    tip = docs.index(0, doc_cols.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == [
        "Pier vote",
        "Maria Okafor · Harwick Courier · 2025-03-14",
        "https://courier.example/news/pier",
        "pier.html",
    ]
