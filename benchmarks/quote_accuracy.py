"""Quote extraction accuracy and speed against the annotated sets in ../shared/eval.

    python benchmarks/quote_accuracy.py                      # polnear-dev (+ resolved)
    python benchmarks/quote_accuracy.py path/to/set.jsonl    # any set with "id" and "text"
    python benchmarks/quote_accuracy.py --bbc                # speed over the BBC corpus too

Writes predictions next to a temporary directory (or --out), runs the shared scorer on them
and prints the headline figures beside the reference points the eval README gives.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from archiveapp.core.extract import extract_quotes  # noqa: E402

# Regex baseline and annotator agreement on the PolNeAR test split (eval README).
BASELINE = {"quote_jac50": "0.959 (marks+regex)", "end2end_jac50": "0.459 (marks+regex)"}


def predict(src: Path, out: Path) -> tuple[int, float]:
    """Write one prediction line per record; return (documents, seconds in extract_quotes)."""
    docs, spent = 0, 0.0
    with src.open(encoding="utf-8") as fin, out.open("w", encoding="utf-8") as fout:
        for line in fin:
            rec = json.loads(line)
            t0 = time.perf_counter()
            quotes = extract_quotes(rec["text"])
            spent += time.perf_counter() - t0
            fout.write(json.dumps({"id": rec["id"], "quotes": [q.as_json() for q in quotes]}))
            fout.write("\n")
            docs += 1
    return docs, spent


def score(gold: Path, pred: Path) -> dict[str, object]:
    scorer = SHARED / "eval" / "score_quotes.py"
    res = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(res.stdout)


def show(name: str, res: dict[str, object]) -> None:
    print(f"\n== {name}")
    for key in ("quote_jac50", "end2end_jac50", "end2end_resolved_jac50"):
        if key in res:
            fig = res[key]
            assert isinstance(fig, dict)
            base = BASELINE.get(key, "")
            print(
                f"  {key:26s} P {fig['P']:6.2f}  R {fig['R']:6.2f}  F1 {fig['F1']:6.2f}"
                f"   {('baseline ' + base) if base else ''}"
            )
    for key in (
        "speaker_resolved_acc_strict",
        "speaker_resolved_acc_lenient",
        "speaker_name_acc_named",
        "speaker_mention_acc_pronoun",
    ):
        if res.get(key) is not None:
            print(f"  {key:26s} {res[key]}")


def bbc_speed() -> None:
    files = sorted((SHARED / "corpus" / "bbc-news").glob("**/*.txt"))
    if not files:
        print("\n(no BBC corpus found)")
        return
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    t0 = time.perf_counter()
    n = sum(len(extract_quotes(t)) for t in texts)
    spent = time.perf_counter() - t0
    print(
        f"\n== BBC corpus: {len(texts)} documents, {n} quotes, "
        f"{1000 * spent / len(texts):.2f} ms/document (target < 5 ms)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jsonl", nargs="?", type=Path, default=SHARED / "eval" / "polnear-dev.jsonl")
    ap.add_argument("--out", type=Path, help="where to write predictions")
    ap.add_argument("--bbc", action="store_true", help="also time the BBC corpus")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp()) / f"{args.jsonl.stem}.pred.jsonl"
    docs, spent = predict(args.jsonl, out)
    print(
        f"{args.jsonl.name}: {docs} documents, {1000 * spent / max(1, docs):.2f} ms/document;"
        f" predictions in {out}"
    )
    show(args.jsonl.name, score(args.jsonl, out))
    resolved = args.jsonl.with_name(args.jsonl.stem + ".resolved.jsonl")
    if resolved.exists():
        show(resolved.name, score(resolved, out))
    if args.bbc:
        bbc_speed()


if __name__ == "__main__":
    main()
