"""The whole BBC corpus (2,225 real articles): the acceptance check of the core at scale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archiveapp import Archive

pytestmark = pytest.mark.shared


def test_every_bbc_article_indexes_and_a_second_pass_changes_nothing(
    shared: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "bbc"
    shutil.copytree(shared / "corpus/bbc-news", folder)
    articles = sorted(p.name for p in folder.glob("*.txt"))
    with Archive.open(folder, data_dir=tmp_path / "data") as archive:
        first = archive.update()
        assert first.failed == ()
        assert sorted(first.added) == articles and len(articles) == 2225
        latin1 = archive.document("sport_199.txt")
        assert latin1.title == "Chelsea sack Mutu" and "\u00a315.8m" in latin1.text
        assert archive.update().nothing_changed
        hits = archive.search("chelsea AND mutu", limit=5)
        assert "sport_199.txt" in {h.path for h in hits}
        speakers = {s.name: s for s in archive.speakers()}
        assert speakers["Tony Blair"].documents >= 20
        assert all(q.text for q in archive.quotes(speaker="Tony Blair"))
