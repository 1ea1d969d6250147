"""Does quote extraction stay linear on long texts (transcripts, reports, whole books)?

    python benchmarks/extract_scaling.py

The bundled sample articles are joined into texts of 1x, 4x and 16x a base length; each
time is shown beside the 1x time scaled linearly (the baseline). A ratio near 1 is linear;
a ratio growing with size means some step compares every mention with every other.
"""

from __future__ import annotations

import time

from archiveapp.core.extract import extract_quotes
from archiveapp.core.ingest import iter_article_files, read_document
from archiveapp.core.location import sample_archive_path

BASE_CHARS = 250_000


def sample_text() -> str:
    root = sample_archive_path()
    return "\n\n".join(read_document(p, root).text for p in iter_article_files(root))


def seconds(text: str) -> float:
    start = time.perf_counter()
    extract_quotes(text)
    return time.perf_counter() - start


def main() -> None:
    articles = sample_text()
    base = (articles + "\n\n") * (BASE_CHARS // len(articles) + 1)
    one = seconds(base)
    print(f"{'size':>6}{'chars':>12}{'seconds':>10}{'linear':>10}{'ratio':>8}")
    for factor in (1, 4, 16):
        text = base * factor
        taken = one if factor == 1 else seconds(text)
        linear = one * factor
        print(f"{factor:>5}x{len(text):>12,}{taken:>10.2f}{linear:>10.2f}{taken / linear:>8.2f}")


if __name__ == "__main__":
    main()
