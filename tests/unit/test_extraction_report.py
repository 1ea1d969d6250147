"""The pure helpers of benchmarks/extraction.py, and its error report against the scorer.

The benchmark is a script, not part of the package, so it is imported from its folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import extraction as bench


def test_false_quote_on_a_direct_gold_is_a_boundary_error_whatever_else_it_touches() -> None:
    assert bench.false_category({1, 2}, {2}, {1}, {1}) == bench.FALSE_BOUNDARY
    assert bench.false_category({1, 2}, set(), {1}, {2}) == bench.FALSE_UNATTRIBUTED
    assert bench.false_category({1, 2}, set(), set(), {2}) == bench.FALSE_DONTCARE
    assert bench.false_category({1, 2}, {3}, {4}, {5}) == bench.FALSE_ELSEWHERE


def test_missed_quote_is_told_apart_by_any_overlap() -> None:
    assert bench.missed_category({1, 2, 3}, [{9}, {3, 4}]) == bench.MISSED_OVERLAPPED
    assert bench.missed_category({1, 2, 3}, [{9}]) == bench.MISSED_NOTHING
    assert bench.missed_category({1}, []) == bench.MISSED_NOTHING


def test_speaker_and_resolved_errors() -> None:
    assert bench.speaker_error("pronoun", " ") == bench.NO_SPEAKER
    assert bench.speaker_error("capitalized", "Reyes") == bench.OTHER_SPEAKER
    assert bench.speaker_error("none", "Reyes") == bench.UNWANTED_SPEAKER
    assert bench.resolved_error(None, mention_right=True) == bench.NO_SPEAKER
    assert bench.resolved_error("Marchetti", mention_right=True) == bench.RIGHT_MENTION
    assert bench.resolved_error("Reyes", mention_right=False) == bench.OTHER_PERSON
    assert bench.mention_type({"speaker": None, "speaker_type": "pronoun"}) == "none"
    assert bench.mention_type({"speaker": "she", "speaker_type": "pronoun"}) == "pronoun"
    assert bench.mention_type({"speaker": "Ilse"}) == "other"


def test_formatting() -> None:
    assert bench.snippet("a  b\n\nc") == "a b c"
    assert bench.snippet("x" * 100, 10) == "x" * 9 + "…"
    assert bench.fraction(89.98) == "0.8998"
    assert bench.fraction(None) == "—"
    assert bench.target_cell(97.0, 0.97).endswith("met")
    assert bench.target_cell(96.99, 0.97).endswith("below")
    assert bench.target_cell(50.0, None) == ""
    assert bench.megabytes(["é" * 500_000]) == 1.0  # bytes of UTF-8, not characters


def test_set_families_and_resolved_siblings(tmp_path: Path) -> None:
    assert bench.family(Path("polnear-train.jsonl")) == "polnear"
    assert bench.family(Path("de-wikinews-dev.jsonl")) == "de-wikinews"
    assert bench.family(Path("mine.jsonl")) is None
    plain = tmp_path / "set-dev.jsonl"
    assert bench.resolved_sibling(plain) is None
    resolved = tmp_path / "set-dev.resolved.jsonl"
    resolved.write_text("", encoding="utf-8")
    assert bench.resolved_sibling(plain) == resolved
    assert bench.resolved_sibling(resolved) is None


TEXT = (
    "Harbour plan approved\n\n"
    '"The wall will hold," said Ilse Marchetti, the chief engineer. '
    'She added: "We start in May." '
    'Critics called the plan a "quick fix" and the council\'s "final word". '
    'Tomasz Reyes said the work was "long overdue" for the town. '
    '"Nobody asked the fishermen," Reyes said.'
)


def _span(part: str, after: int = 0) -> list[int]:
    start = TEXT.index(part, after)
    return [start, start + len(part)]


def _gold_quote(part: str, speaker: str, kind: str, typ: str, resolved: str) -> dict[str, object]:
    start, end = _span(part)
    mention = _span(speaker, end) if speaker == "Reyes" else _span(speaker)
    return {
        "start": start,
        "end": end,
        "text": part,
        "speaker": speaker,
        "speaker_spans": [mention],
        "speaker_type": typ,
        "kind": kind,
        "speaker_resolved": resolved,
        "speaker_resolved_type": "person",
    }


def _prediction(part: str, speaker: str | None, mention: str | None) -> dict[str, object]:
    start, end = _span(part)
    return {
        "start": start,
        "end": end,
        "speaker": speaker,
        "speaker_spans": [_span(mention)] if mention else [],
    }


@pytest.mark.shared
def test_error_report_agrees_with_the_scorer(shared: Path, tmp_path: Path) -> None:
    gold = {
        "id": "harbour",
        "text": TEXT,
        "quotes": [
            _gold_quote(
                '"The wall will hold,"', "Ilse Marchetti", "direct", "capitalized", "Ilse Marchetti"
            ),
            _gold_quote('"We start in May."', "She", "direct", "pronoun", "Ilse Marchetti"),
            _gold_quote('"long overdue"', "Tomasz Reyes", "mixed", "capitalized", "Tomasz Reyes"),
            _gold_quote(
                '"Nobody asked the fishermen,"', "Reyes", "direct", "capitalized", "Tomasz Reyes"
            ),
        ],
        "unattributed_quote_regions": [_span('"quick fix"')],
    }
    predicted = [
        _prediction('"The wall will hold,"', "Ilse Marchetti", "Ilse Marchetti"),
        _prediction('"We start in May."', "Tomasz Reyes", "Tomasz Reyes"),  # wrong person
        _prediction('"quick fix"', None, None),  # a scare quote
        _prediction('"final word"', None, None),  # nobody's quote
        _prediction('"long overdue"', "Tomasz Reyes", "Tomasz Reyes"),  # don't-care
    ]  # and the fishermen's quote is missed

    scorer = bench.load_scorer(shared / "eval" / "score_quotes.py")
    report = bench.ErrorReport()
    bench.compare_document(scorer, gold, predicted, report)

    assert (report.gold, report.predicted, report.matched) == (3, 4, 2)
    assert (report.end2end, report.resolved_strict, report.dropped_dontcare) == (1, 1, 1)
    assert report.count("missed", "", bench.MISSED_NOTHING) == 1
    assert report.count("false", "", bench.FALSE_UNATTRIBUTED) == 1
    assert report.count("false", "", bench.FALSE_ELSEWHERE) == 1
    assert report.count("speaker", "pronoun", bench.OTHER_SPEAKER) == 1
    assert report.count("resolved", "person", bench.OTHER_PERSON) == 1
    (case,) = report.cases[("speaker", "pronoun", bench.OTHER_SPEAKER)]
    assert (case.gold, case.predicted) == ("She → Ilse Marchetti", "Tomasz Reyes")

    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    pred_path.write_text(json.dumps({"id": "harbour", "quotes": predicted}) + "\n", "utf-8")
    scored = subprocess.run(
        [sys.executable, str(scorer.__file__), str(gold_path), str(pred_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    res = json.loads(scored.stdout)
    assert res["quote_jac50"]["tp"] == report.matched
    assert res["end2end_jac50"]["tp"] == report.end2end
    assert res["end2end_resolved_jac50"]["tp"] == report.resolved_strict
    assert res["pred_dropped_dontcare"] == report.dropped_dontcare
