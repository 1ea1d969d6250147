"""Quote extraction on the annotated sets in ../shared/eval: figures, speed, remaining errors.

    python benchmarks/extraction.py                # dev: polnear-dev (+ resolved), de-wikinews-dev
    python benchmarks/extraction.py --split train  # the train files instead
    python benchmarks/extraction.py --set PATH     # any annotated file (repeat for more)
    python benchmarks/extraction.py --examples 3   # up to 3 examples per error category
    python benchmarks/extraction.py --out DIR      # keep the predictions (not in the checkout)

Each set goes through ``archiveapp extract --jsonl`` in a process of its own (the command a
user runs, with this checkout's code) and the shared ``score_quotes.py --json`` scores the
predictions; a set with a ``*.resolved.jsonl`` sibling is scored against that file as well.
The headline figures stand beside the issue's targets and the eval README's reference
points. Then comes an error report by category: the predictions matched again with the
scorer's own functions (alnum jac50, one-to-one greedy per document) and its totals checked
against the scorer's. The last table is speed: MB of article text per second for the whole
command and for ``extract_quotes`` alone in this process, beside the process start-up.

Examples quote the articles, which belong to their publishers: they go to the terminal only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score_quotes.py"
FAMILIES = ("polnear", "de-wikinews")

JsonDict = dict[str, Any]

# The targets (F1 as a fraction), by family of sets: the start of the file name.
TARGETS: dict[str, dict[str, float]] = {
    "polnear": {"quote_jac50": 0.97, "end2end_jac50": 0.90, "end2end_resolved_jac50": 0.85},
    "de-wikinews": {"quote_jac50": 0.90, "end2end_jac50": 0.75},
}
# F1 on the held-out PolNeAR test split (eval README): shown beside PolNeAR sets only, since
# nobody measured them on the German set.
REFERENCES: dict[str, dict[str, float]] = {
    "annotators": {"quote_jac50": 0.977, "end2end_jac50": 0.966},
    "marks+regex": {"quote_jac50": 0.959, "end2end_jac50": 0.459},
}
SPAN_FIGURES = ("quote_jac50", "end2end_jac50", "end2end_resolved_jac50")
# Each accuracy with the scorer's counters whose sum is its denominator.
SPEAKER_FIGURES: dict[str, tuple[str, ...]] = {
    "speaker_resolved_acc_strict": ("resolved_n",),
    "speaker_name_acc_named": ("name_ok", "name_bad"),
    "speaker_mention_acc_pronoun": ("mention_ok_pronoun", "mention_bad_pronoun"),
    "speaker_mention_acc_nominal": ("mention_ok_nominal", "mention_bad_nominal"),
}

MISSED_NOTHING = "no prediction overlaps it"
MISSED_OVERLAPPED = "overlapped, but under jac50 (boundaries, split, merged)"
FALSE_BOUNDARY = "overlaps a direct gold quote (boundaries, split, merged)"
FALSE_UNATTRIBUTED = "in an unattributed region (scare quote, title)"
FALSE_DONTCARE = "overlaps a mixed gold quote (don't-care)"
FALSE_ELSEWHERE = "elsewhere"
NO_SPEAKER = "no speaker predicted"
OTHER_SPEAKER = "different speaker"
UNWANTED_SPEAKER = "speaker predicted, gold has none"
RIGHT_MENTION = "right mention, wrong name"
OTHER_PERSON = "different person"

MISSED = (MISSED_NOTHING, MISSED_OVERLAPPED)
FALSE = (FALSE_BOUNDARY, FALSE_UNATTRIBUTED, FALSE_DONTCARE, FALSE_ELSEWHERE)
MENTION_TYPES = ("capitalized", "pronoun", "nominal", "other", "none")
RESOLVED_TYPES = ("person", "organisation", "nominal")
RESOLVED_ERRORS = (RIGHT_MENTION, NO_SPEAKER, OTHER_PERSON)


# -- pure helpers (tests/unit/test_extraction_report.py) -------------------------------


def family(path: Path) -> str | None:
    """Which targets apply to a set, from its file name; None for a set of another kind."""
    return next((name for name in FAMILIES if path.name.startswith(name)), None)


def resolved_sibling(path: Path) -> Path | None:
    """The same documents with resolved speakers in a file beside ``path``, if there is one
    (None for a resolved file itself: scoring it once gives every figure)."""
    if path.name.endswith(".resolved.jsonl"):
        return None
    sibling = path.with_name(path.name.removesuffix(".jsonl") + ".resolved.jsonl")
    return sibling if sibling.is_file() else None


def missed_category(gold: set[int], predictions: Iterable[set[int]]) -> str:
    return MISSED_OVERLAPPED if any(gold & chars for chars in predictions) else MISSED_NOTHING


def false_category(
    chars: set[int], direct: set[int], unattributed: set[int], mixed: set[int]
) -> str:
    """Why an unmatched prediction is there; a direct-gold overlap comes first because
    that is a boundary error of a real quote, whatever else the prediction touches."""
    if chars & direct:
        return FALSE_BOUNDARY
    if chars & unattributed:
        return FALSE_UNATTRIBUTED
    if chars & mixed:
        return FALSE_DONTCARE
    return FALSE_ELSEWHERE


def mention_type(gold: JsonDict) -> str:
    if gold.get("speaker") is None:
        return "none"
    return gold.get("speaker_type") or "other"


def speaker_error(gold_type: str, predicted: str | None) -> str:
    if gold_type == "none":
        return UNWANTED_SPEAKER
    return OTHER_SPEAKER if (predicted or "").strip() else NO_SPEAKER


def resolved_error(predicted: str | None, mention_right: bool) -> str:
    """``mention_right``: the pair counts in end2end_jac50, so only the name is wrong."""
    if not (predicted or "").strip():
        return NO_SPEAKER
    return RIGHT_MENTION if mention_right else OTHER_PERSON


def snippet(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def fraction(percent: float | None) -> str:
    """The scorer gives percentages to two decimals; the issue's targets are fractions. Four
    decimals keep the scorer's precision, so 89.98 does not show as a met 0.900."""
    return "—" if percent is None else f"{percent / 100:.4f}"


def target_cell(f1_percent: float, target: float | None) -> str:
    if target is None:
        return ""
    # The scorer rounds to two decimals of a percent, so compare at that precision.
    met = round(f1_percent, 2) >= round(100 * target, 2)
    return f"≥ {target:.2f} {'met' if met else 'below'}"


def megabytes(texts: Iterable[str]) -> float:
    return sum(len(text.encode("utf-8")) for text in texts) / 1e6


# -- the error report -----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One error, enough to find it again in the set."""

    doc_id: str
    quote: str
    gold: str
    predicted: str


@dataclass
class ErrorReport:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    end2end: int = 0
    resolved_strict: int = 0
    dropped_dontcare: int = 0
    by_mention: Counter[str] = field(default_factory=Counter)
    by_resolved: Counter[str] = field(default_factory=Counter)
    # Resolved-name errors that the lenient figure forgives: the surname alone is right.
    surname_only: Counter[str] = field(default_factory=Counter)
    # (section, group, category) -> the cases; the count is the length.
    cases: defaultdict[tuple[str, str, str], list[Case]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, section: str, group: str, category: str, case: Case) -> None:
        self.cases[(section, group, category)].append(case)

    def count(self, section: str, group: str, category: str) -> int:
        return len(self.cases.get((section, group, category), ()))


def _jaccard(gold: JsonDict, pred: JsonDict) -> float:
    # The scorer's jac50 score, which lives in a lambda inside its main().
    return len(gold["a"] & pred["a"]) / max(1, len(gold["a"] | pred["a"]))


def _union(items: Iterable[set[int]]) -> set[int]:
    return set().union(*items)


def _shown_speaker(text: str, quote: JsonDict | None) -> str:
    if quote is None or not (quote.get("speaker") or "").strip():
        return "—"
    spans = quote.get("speaker_spans") or []
    mention = " ".join(text[s:e] for s, e in spans)
    name = quote["speaker"]
    return f"{name} (via {mention!r})" if mention and mention != name else name


def _shown_gold(gold: JsonDict) -> str:
    speaker = gold.get("speaker") or "—"
    resolved = gold.get("speaker_resolved")
    return f"{speaker} → {resolved}" if resolved and resolved != speaker else speaker


def compare_document(
    scorer: ModuleType, gold: JsonDict, predicted: list[JsonDict], report: ErrorReport
) -> None:
    """Match one document as ``score_quotes.py`` does (default options) and file each error."""
    text, doc_id = gold["text"], str(gold["id"])
    direct: list[JsonDict] = []
    mixed: list[JsonDict] = []
    for quote in gold["quotes"]:
        item = {**quote, "a": scorer.alnum_set(text, quote["start"], quote["end"])}
        (direct if quote.get("kind", "direct") == "direct" else mixed).append(item)
    direct_chars = _union(q["a"] for q in direct)
    mixed_chars = _union(q["a"] for q in mixed)
    regions = gold.get("unattributed_quote_regions") or []
    unattributed = _union(scorer.alnum_set(text, s, e) for s, e in regions)
    preds: list[JsonDict] = []
    for quote in predicted:
        chars = scorer.alnum_set(text, int(quote["start"]), int(quote["end"]))
        if not chars:
            continue
        # The scorer drops these before matching: they count neither way.
        on_mixed = len(chars & mixed_chars) / len(chars) >= 0.5
        if mixed_chars and on_mixed and not chars & direct_chars:
            report.dropped_dontcare += 1
            continue
        preds.append({**quote, "a": chars})
    report.gold += len(direct)
    report.predicted += len(preds)
    pairs = scorer.greedy_match(direct, preds, _jaccard, lambda score: score >= 0.5)
    report.matched += len(pairs)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}

    for gi, g in enumerate(direct):
        if gi in matched_gold:
            continue
        near = next((p for p in preds if p["a"] & g["a"]), None)
        category = missed_category(g["a"], (p["a"] for p in preds))
        quote_text = snippet(text[g["start"] : g["end"]])
        report.add(
            "missed",
            "",
            category,
            Case(doc_id, quote_text, _shown_gold(g), _shown_speaker(text, near)),
        )
    for pi, p in enumerate(preds):
        if pi in matched_pred:
            continue
        category = false_category(p["a"], direct_chars, unattributed, mixed_chars)
        near = next((g for g in direct + mixed if g["a"] & p["a"]), None)
        case = Case(
            doc_id,
            snippet(text[int(p["start"]) : int(p["end"])]),
            _shown_gold(near) if near else "—",
            _shown_speaker(text, p),
        )
        report.add("false", "", category, case)
    for gi, pi in pairs:
        _judge_speaker(scorer, text, doc_id, direct[gi], preds[pi], report)


def _judge_speaker(
    scorer: ModuleType, text: str, doc_id: str, g: JsonDict, p: JsonDict, report: ErrorReport
) -> None:
    """The scorer's end-to-end and resolved verdicts on one matched pair, errors filed."""
    kind = scorer.speaker_class(g)
    name = p.get("speaker")
    if kind == "none":
        right = not (name or "").strip()
    else:
        right = kind == "named" and scorer.name_match(g["speaker"], name)
        if p.get("speaker_spans") and g.get("speaker_spans"):
            right = right or scorer.spans_overlap(g["speaker_spans"], p["speaker_spans"])
    case = Case(
        doc_id, snippet(text[g["start"] : g["end"]]), _shown_gold(g), _shown_speaker(text, p)
    )
    group = mention_type(g)
    report.by_mention[group] += 1
    report.end2end += right
    if not right:
        report.add("speaker", group, speaker_error(group, name), case)
    verdict = scorer.resolved_match(g, name, p.get("speaker_spans"))
    if verdict is None:
        return
    strict, lenient = verdict
    resolved_type = g["speaker_resolved_type"]
    report.by_resolved[resolved_type] += 1
    report.resolved_strict += strict
    if not strict:
        report.add("resolved", resolved_type, resolved_error(name, right), case)
        report.surname_only[resolved_type] += lenient


# -- running and scoring ----------------------------------------------------------------


@dataclass(frozen=True)
class EvalSet:
    source: Path  # what extract reads; scored as it is
    resolved: Path | None  # the same documents with speaker_resolved, scored too


@dataclass(frozen=True)
class Speed:
    name: str
    megabytes: float
    process_seconds: float
    in_process_seconds: float


def load_scorer(path: Path) -> ModuleType:
    # Imported by path: ../shared is no package, and the report must use its definitions.
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"extraction.py: cannot import the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[JsonDict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _checkout_env() -> dict[str, str]:
    # Put this checkout's src first, so the child runs this code even if another copy of
    # archiveapp is installed in the interpreter.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def run_extract(source: Path, target: Path) -> float:
    """Wall seconds of ``archiveapp extract --jsonl`` as a process of its own."""
    command = [sys.executable, "-m", "archiveapp", "extract", "--jsonl", str(source)]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--out", str(target)], capture_output=True, text=True, env=_checkout_env()
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise SystemExit(f"extraction.py: archiveapp extract failed on {source.name}: {last}")
    return seconds


def startup_seconds(tries: int = 3) -> float:
    """The best wall time of ``archiveapp --version``: interpreter plus the CLI's imports."""
    command = [sys.executable, "-m", "archiveapp", "--version"]
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=_checkout_env())
        best = min(best, time.perf_counter() - start)
    return best


def in_process_seconds(extract: Callable[[str], object], texts: Sequence[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        extract(text)
    return time.perf_counter() - start


def score(gold: Path, pred: Path) -> JsonDict:
    done = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise SystemExit(f"extraction.py: the scorer failed on {gold.name}: {last}")
    return json.loads(done.stdout)


# -- printing -------------------------------------------------------------------------------


def print_figures(res: JsonDict, resolved: JsonDict | None, targets: dict[str, float]) -> None:
    show_refs = bool(targets) and "end2end_resolved_jac50" in targets  # PolNeAR only
    print(
        f"  {'figure':<28}{'P':>8}{'R':>8}{'F1':>8}   {'target':<14}"
        f"{'annotators':>11}{'marks+regex':>13}"
    )
    merged = {**res, **(resolved or {})}
    for key in SPAN_FIGURES:
        fig = merged.get(key)
        if fig is None:
            continue
        refs = [REFERENCES[who].get(key) for who in REFERENCES] if show_refs else [None, None]
        ref_cells = [f"{r:.3f}" if r is not None else "" for r in refs]
        cells = "".join(f"{fraction(fig[part]):>8}" for part in ("P", "R", "F1"))
        target = target_cell(fig["F1"], targets.get(key))
        line = f"  {key:<28}{cells}   {target:<14}{ref_cells[0]:>11}{ref_cells[1]:>13}"
        print(line.rstrip())
    print(f"\n  {'speaker accuracy, matched quotes':<42}{'acc':>8}{'n':>7}")
    counts = merged.get("speaker_counts", {})
    for key, counters in SPEAKER_FIGURES.items():
        if key in merged:
            n = sum(counts.get(c, 0) for c in counters)
            print(f"  {key:<42}{fraction(merged[key]):>8}{n:>7}")


def _share(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "     —"


def print_errors(report: ErrorReport, examples: int) -> None:
    print(f"\n  {'missed quotes: gold with no jac50 match':<62}{'n':>6}{'of gold':>10}")
    for category in MISSED:
        n = report.count("missed", "", category)
        print(f"    {category:<60}{n:>6}{_share(n, report.gold):>10}")
    _print_examples(report, "missed", "", MISSED, examples)

    print(f"\n  {'false quotes: predictions with no jac50 match':<62}{'n':>6}{'of pred':>10}")
    for category in FALSE:
        n = report.count("false", "", category)
        print(f"    {category:<60}{n:>6}{_share(n, report.predicted):>10}")
    print(
        f"    (not counted: {report.dropped_dontcare} predictions mostly on mixed quotes, "
        "dropped by the scorer)"
    )
    _print_examples(report, "false", "", FALSE, examples)

    print("\n  wrong speaker (end2end_jac50), by gold mention type")
    print(f"    {'mention':<14}{'matched':>9}{'wrong':>7}{'no speaker':>12}{'different':>11}")
    for group in MENTION_TYPES:
        total = report.by_mention[group]
        if not total:
            continue
        none = report.count("speaker", group, NO_SPEAKER)
        other = report.count("speaker", group, OTHER_SPEAKER) + report.count(
            "speaker", group, UNWANTED_SPEAKER
        )
        print(f"    {group:<14}{total:>9}{none + other:>7}{none:>12}{other:>11}")
    if report.by_mention["none"]:
        print("    none: the gold names no speaker, so any predicted speaker is wrong")
    for group in MENTION_TYPES:
        errors = (NO_SPEAKER, OTHER_SPEAKER, UNWANTED_SPEAKER)
        _print_examples(report, "speaker", group, errors, examples)

    if not report.by_resolved:
        return
    print("\n  wrong resolved name (strict), by resolved type")
    print(
        f"    {'type':<14}{'matched':>9}{'wrong':>7}{'right mention':>15}{'no speaker':>12}"
        f"{'other person':>14}{'surname only':>14}"
    )
    for group in RESOLVED_TYPES:
        total = report.by_resolved[group]
        if not total:
            continue
        cells = [report.count("resolved", group, c) for c in RESOLVED_ERRORS]
        print(
            f"    {group:<14}{total:>9}{sum(cells):>7}{cells[0]:>15}{cells[1]:>12}{cells[2]:>14}"
            f"{report.surname_only[group]:>14}"
        )
    print("    right mention: the pair counts in end2end_jac50, only the resolved name is wrong")
    print("    surname only: wrong ones with the right surname (the lenient figure counts them)")
    for group in RESOLVED_TYPES:
        _print_examples(report, "resolved", group, RESOLVED_ERRORS, examples)


def _print_examples(
    report: ErrorReport, section: str, group: str, categories: Sequence[str], limit: int
) -> None:
    if limit <= 0:
        return
    for category in categories:
        cases = report.cases.get((section, group, category), [])[:limit]
        if not cases:
            continue
        print(f"      e.g. {' / '.join(filter(None, [section, group, category]))}")
        for case in cases:
            print(f"        [{case.doc_id}] gold: {case.gold}   predicted: {case.predicted}")
            print(f"          {case.quote}")


def check_against_scorer(report: ErrorReport, res: JsonDict, resolved: JsonDict | None) -> None:
    """The report re-implements the scorer's loop; say so loudly if the two part ways."""
    pairs = [
        ("gold quotes", report.gold, res["gold_quotes"]),
        ("predictions", report.predicted, res["pred_quotes"]),
        ("jac50 matches", report.matched, res["quote_jac50"]["tp"]),
        ("end2end matches", report.end2end, res["end2end_jac50"]["tp"]),
    ]
    with_resolved = resolved or res
    if "end2end_resolved_jac50" in with_resolved:
        tp = with_resolved["end2end_resolved_jac50"]["tp"]
        pairs.append(("resolved matches", report.resolved_strict, tp))
    for what, ours, theirs in pairs:
        if ours != theirs:
            print(f"  WARNING: the error report counts {ours} {what}, the scorer {theirs}")


def print_speed(speeds: list[Speed], startup: float) -> None:
    print("\n== speed (MB of article text, UTF-8; process = archiveapp extract --jsonl)")
    print(
        f"  {'set':<28}{'MB':>6}{'process s':>11}{'MB/s':>7}"
        f"{'in-process s':>14}{'MB/s':>7}{'s/MB':>7}"
    )
    for s in speeds:
        print(
            f"  {s.name:<28}{s.megabytes:>6.2f}{s.process_seconds:>11.2f}"
            f"{s.megabytes / s.process_seconds:>7.2f}{s.in_process_seconds:>14.2f}"
            f"{s.megabytes / s.in_process_seconds:>7.2f}"
            f"{s.in_process_seconds / s.megabytes:>7.2f}"
        )
    print(f"  process start-up (archiveapp --version, best of 3): {startup:.2f} s")
    print("  process = start-up + reading and writing the JSONL + the in-process work")


# -- main -----------------------------------------------------------------------------


def run_set(
    scorer: ModuleType,
    extract: Callable[[str], object],
    eval_set: EvalSet,
    out_dir: Path,
    examples: int,
) -> Speed:
    source = eval_set.source
    records = read_jsonl(source)
    texts = [r["text"] for r in records]
    pred_path = out_dir / (source.name.removesuffix(".jsonl") + ".pred.jsonl")
    process = run_extract(source, pred_path)
    in_process = in_process_seconds(extract, texts)
    res = score(source, pred_path)
    resolved = score(eval_set.resolved, pred_path) if eval_set.resolved else None
    gold = read_jsonl(eval_set.resolved) if eval_set.resolved else records
    predictions = {r["id"]: r.get("quotes", []) for r in read_jsonl(pred_path)}
    report = ErrorReport()
    for document in gold:
        compare_document(scorer, document, predictions.get(document["id"], []), report)

    also = f", scored against {eval_set.resolved.name} too" if eval_set.resolved else ""
    print(
        f"\n== {source.name}: {len(records)} documents, {res['gold_quotes']} direct gold quotes,"
        f" {res['pred_quotes']} predicted{also}"
    )
    print_figures(res, resolved, TARGETS.get(family(source) or "", {}))
    print_errors(report, examples)
    check_against_scorer(report, res, resolved)
    return Speed(source.name, megabytes(texts), process, in_process)


def chosen_sets(options: argparse.Namespace) -> list[EvalSet]:
    if options.set:
        paths = [path.resolve() for path in options.set]
    else:
        paths = [EVAL / f"{name}-{options.split}.jsonl" for name in FAMILIES]
    for path in paths:
        if not path.is_file():
            raise SystemExit(f"extraction.py: {path}: no such file")
    return [EvalSet(path, resolved_sibling(path)) for path in paths]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--split", choices=("dev", "train"), default="dev", help="which files (default dev)"
    )
    which.add_argument(
        "--set", type=Path, action="append", metavar="PATH", help="an annotated JSONL file"
    )
    parser.add_argument(
        "--examples", type=int, default=0, metavar="N", help="print N examples per category"
    )
    # Predictions carry the quotes' text, which belongs to the publishers: not in the repo.
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="keep the predictions here (outside the checkout)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    options = parse_args(argv)
    if not SCORER.is_file():
        raise SystemExit(
            f"extraction.py: {SCORER} not found; this benchmark needs ../shared/eval"
            " beside the checkout"
        )
    sets = chosen_sets(options)
    scorer = load_scorer(SCORER)
    sys.path.insert(0, str(ROOT / "src"))  # the in-process timing uses this checkout too
    from archiveapp.core.extract import extract_quotes

    with tempfile.TemporaryDirectory(prefix="archiveapp-extraction-") as scratch:
        out_dir = options.out or Path(scratch)
        out_dir.mkdir(parents=True, exist_ok=True)
        speeds = [run_set(scorer, extract_quotes, s, out_dir, options.examples) for s in sets]
    print_speed(speeds, startup_seconds())


if __name__ == "__main__":
    main()
