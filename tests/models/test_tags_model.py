"""The tags pane model passes Qt's model tester and shows each tag's colour and count; new
tags get palette colours no other tag has while there are any left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from archiveapp.core.model import Tag
from archiveapp.gui.models import ID_ROLE, ROW_ROLE, TagsModel, base
from archiveapp.gui.models import tags as tag_cols
from archiveapp.gui.views.colours import (
    TAG_COLOURS,
    next_tag_colour,
    tag_colour,
    tag_swatch,
    text_on_tag,
)

pytestmark = pytest.mark.gui


def tags(n: int) -> list[Tag]:
    return [
        Tag(i, f"tag {i:04d}", TAG_COLOURS[i % len(TAG_COLOURS)] if i % 5 else None, (i * 7) % 13)
        for i in range(1, n + 1)
    ]


def test_the_model_passes_the_model_tester(qtmodeltester) -> None:
    model = TagsModel()
    model.set_rows(tags(30))
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_the_model_stays_valid_through_resets_sorts_and_fetches(qtmodeltester) -> None:
    model = TagsModel()
    qtmodeltester.check(model)  # keeps watching the model through what follows
    model.set_rows(tags(base.BATCH + 40))
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == base.BATCH + 40
    for column in range(model.columnCount()):
        model.sort(column, Qt.SortOrder.DescendingOrder)
    model.sort(-1)
    model.set_rows(tags(3))
    model.clear()
    assert model.rowCount() == 0


def test_roles() -> None:
    model = TagsModel()
    model.set_rows([Tag(7, "to verify", "#ccbb44", 1), Tag(9, "climate", None, 12)])
    name = model.index(0, tag_cols.NAME)
    assert name.data() == "to verify"
    assert name.data(ID_ROLE) == 7
    assert name.data(ROW_ROLE).colour == "#ccbb44"
    assert isinstance(name.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert name.data(Qt.ItemDataRole.ToolTipRole) == "to verify\n1 quote"
    assert model.index(0, tag_cols.QUOTES).data(Qt.ItemDataRole.DecorationRole) is None
    count = model.index(1, tag_cols.QUOTES)
    assert count.data() == "12"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert count.data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.headerData(tag_cols.QUOTES, Qt.Orientation.Horizontal) == "Quotes"


def test_sorting_by_count_and_by_name() -> None:
    model = TagsModel()
    model.set_rows([Tag(1, "b", None, 5), Tag(2, "A", None, 9), Tag(3, "c", None, 1)])
    model.sort(tag_cols.QUOTES, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(3)] == [2, 1, 3]
    model.sort(tag_cols.NAME, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["A", "b", "c"]


def test_a_new_tag_gets_a_colour_no_tag_has() -> None:
    assert len(set(TAG_COLOURS)) == len(TAG_COLOURS) >= 10
    assert next_tag_colour([]) == TAG_COLOURS[0]
    assert next_tag_colour([TAG_COLOURS[0].upper(), TAG_COLOURS[2]]) == TAG_COLOURS[1]
    assert next_tag_colour({"#123456"}) == TAG_COLOURS[0]  # a colour picked by hand


def test_the_palette_cycles_once_every_colour_is_used() -> None:
    used: list[str] = []
    for _ in range(len(TAG_COLOURS) * 2 + 3):
        used.append(next_tag_colour(used))
    assert used == [*TAG_COLOURS, *TAG_COLOURS, *TAG_COLOURS[:3]]


def test_text_on_a_tag_colour_reads() -> None:
    def contrast(a: QColor, b: QColor) -> float:
        def luminance(c: QColor) -> float:
            def linear(v: float) -> float:
                return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

            return (
                0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())
            )

        light, dark = sorted((luminance(a), luminance(b)), reverse=True)
        return (light + 0.05) / (dark + 0.05)

    for colour in (*TAG_COLOURS, None, "not a colour"):
        assert contrast(tag_colour(colour), text_on_tag(colour)) >= 4.5, colour
    assert not tag_swatch(None).isNull()
