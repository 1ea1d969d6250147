"""Colours given to new tags, in turn: Paul Tol's colour-blind-safe "bright" set first,
then lighter companions; each is readable as a chip with black or white text."""

from __future__ import annotations

from collections.abc import Collection

TAG_COLOURS = (
    "#4477aa",  # blue
    "#ee6677",  # red
    "#228833",  # green
    "#ccbb44",  # yellow
    "#66ccee",  # cyan
    "#aa3377",  # purple
    "#bbbbbb",  # grey
    "#ee8866",  # orange
    "#44bb99",  # mint
    "#ffaabb",  # pink
    "#77aadd",  # light blue
    "#bbcc33",  # pear
)


def next_tag_colour(used: Collection[str | None]) -> str:
    """The first palette colour no tag uses. When all are taken, the least-used one (in
    palette order), so passing every tag's colour, repeats and all, cycles the palette."""
    counts = dict.fromkeys(TAG_COLOURS, 0)
    for colour in used:
        key = (colour or "").strip().lower()
        if key in counts:
            counts[key] += 1
    return min(TAG_COLOURS, key=lambda c: counts[c])
