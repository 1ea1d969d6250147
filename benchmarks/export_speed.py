"""Export speed: 5,000 quotes from the BBC corpus to every format, each beside a baseline.

    python benchmarks/export_speed.py [--corpus ../shared/corpus/bbc-news]
                                      [--data-dir DIR] [--quotes 5000]

The corpus is indexed into a temporary data folder (about a minute), or into --data-dir,
which is kept and reused by the next run. Only a temporary archive gets tags and notes on
every tenth quote, so that those lines are written too; a data folder of yours is left as
it is.

For each format: ``build`` (citations, order, groups) and ``write`` (the file, atomically)
in seconds, and their sum as a ratio to two baselines measured in the same run on the same
quotes: reading them from the archive, and ``json.dumps`` of their plain dicts to a file
(the least any export can do). Ratios, not seconds, carry from one machine to another.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archiveapp import Archive
from archiveapp.core import export
from archiveapp.core.model import Quote


def timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-news"
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--quotes", type=int, default=5000)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="archiveapp-export-bench-"))
    try:
        data = options.data_dir or work / "data"
        archive = Archive.open(options.corpus, data_dir=data)
        seconds, _ = timed(archive.update)
        print(f"archive of {options.corpus}: updated in {seconds:.1f} s")
        if options.data_dir is None:
            annotate(archive)
        rows, count = run(archive, options.quotes, work / "out")
        archive.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{count} quotes\n")
    header = f"{'format':<8}{'build s':>9}{'write s':>9}{'total s':>9}{'size':>10}"
    print(f"{header}{'÷ read':>9}{'÷ json.dumps':>14}")
    for fmt, build, write, size, read, dumps in rows:
        total = build + write
        print(
            f"{fmt:<8}{build:>9.2f}{write:>9.2f}{total:>9.2f}{size / 1e6:>8.1f}MB"
            f"{total / read:>9.1f}{total / dumps:>14.1f}"
        )
    read, dumps = rows[0][4], rows[0][5]
    print(f"\nbaselines: read the quotes {read:.2f} s, json.dumps of their dicts {dumps:.2f} s")


def annotate(archive: Archive) -> None:
    """Tags and a two-line note on every tenth quote, as a researcher's archive has."""
    chosen = [q.id for q in archive.quotes()[::10]]
    archive.annotations.tag(chosen, ["bench", "to check"])
    for quote_id in chosen[:500]:
        archive.annotations.set_note(quote_id, "Checked against the broadcast.\nKeep for ch. 3")


def run(
    archive: Archive, wanted: int, out: Path
) -> tuple[list[tuple[str, float, float, int, float, float]], int]:
    out.mkdir()
    read, quotes = timed(archive.quotes)
    assert isinstance(quotes, list)
    chosen: list[Quote] = quotes[:wanted]

    def dump() -> None:
        with (out / "baseline.json").open("w", encoding="utf-8") as stream:
            json.dump([q.as_json() for q in chosen], stream, ensure_ascii=False)

    dumps, _ = timed(dump)
    rows = []
    for fmt in export.FORMATS:
        options = export.ExportOptions(format=fmt, title="BBC quotes", group_by="document")
        build, document = timed(lambda o=options: export.build(archive, chosen, o))
        assert isinstance(document, export.ExportDocument)
        target = out / f"quotes{export.SUFFIXES[fmt]}"
        write, _ = timed(lambda d=document, t=target: export.write(d, t))
        rows.append((fmt, build, write, target.stat().st_size, read, dumps))
    return rows, len(chosen)


if __name__ == "__main__":
    main()
