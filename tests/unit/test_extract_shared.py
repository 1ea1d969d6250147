"""extract_quotes against the hand-annotated data in ../shared (skipped when it is absent)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from archiveapp.core.extract import extract_quotes

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "defense-cooperation-article.gold.json"
DEV = SHARED / "eval" / "polnear-dev.jsonl"
SCORER = SHARED / "eval" / "score_quotes.py"

pytestmark = pytest.mark.shared


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not available")


def _alnum(text: str) -> str:
    return re.sub(r"\W", "", text)


def test_seed_article_gives_exactly_the_gold_quotes_speakers_and_roles() -> None:
    _need(SEED)
    gold = json.loads(SEED.read_text(encoding="utf-8"))
    text = gold["text"]
    quotes = extract_quotes(text)
    assert [_alnum(q.text) for q in quotes] == [_alnum(g["text"]) for g in gold["quotes"]]
    for q, g in zip(quotes, gold["quotes"], strict=True):
        assert text[q.start : q.end] == q.text
        assert q.speaker == g["speaker"]
        assert [list(s) for s in q.speaker_spans] == g["speaker_spans"]
        assert q.speaker_role == g["role"]
    for start, end, _what in gold["not_quotes"]:
        assert not any(q.start < end and start < q.end for q in quotes)


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_quotes", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_polnear_dev_quote_f1_stays_above_the_acceptance_line(tmp_path: Path) -> None:
    _need(DEV)
    _need(SCORER)
    pred = tmp_path / "pred.jsonl"
    with DEV.open(encoding="utf-8") as fin, pred.open("w", encoding="utf-8") as fout:
        for line in fin:
            rec = json.loads(line)
            quotes = [q.as_json() for q in extract_quotes(rec["text"])]
            fout.write(json.dumps({"id": rec["id"], "quotes": quotes}) + "\n")
    scorer = _scorer()
    out = io.StringIO()
    argv = sys.argv
    sys.argv = ["score_quotes.py", str(DEV), str(pred), "--json"]
    try:
        with contextlib.redirect_stdout(out):
            scorer.main()
    finally:
        sys.argv = argv
    res = json.loads(out.getvalue())
    assert res["quote_jac50"]["F1"] >= 93.0
    assert res["end2end_jac50"]["F1"] >= 70.0
