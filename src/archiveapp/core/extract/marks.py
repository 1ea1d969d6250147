"""Find quoted regions: pair opening and closing marks, paragraph by paragraph.

One left-to-right pass over the marks only (a regular expression finds them), so the cost
is linear in the text. Whether a region is a *quotation* rather than a title or a scare
quote is decided later (``classify.py``); this module only says where marks enclose text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> closing marks it accepts. German „…“ reuses the English opening mark as
# its closer, so “ is an opener only when no „ is pending (see _closes).
_PAIRS: dict[str, str] = {
    "“": '”"“',
    "„": '“”"',
    "«": "»",
    "»": "«",
    '"': '"”',
    "‘": "’",
    "‚": "‘’",
    "'": "'",
}
_SINGLE = frozenset("‘‚'’")
# Two apostrophes ('') typing a double quote (NYT wire copy) are deliberately not marks:
# the PolNeAR gold does not count them as quotation marks, so pairing them costs precision.
_MARKS_RE = re.compile("[\"“”„«»‘’‚'\n]")
_OPEN_BEFORE = frozenset(" \t\n\u00a0([{—–-/…")
_CLOSE_AFTER = frozenset(" \t\n\u00a0)]}.,;:!?—–-/…")


@dataclass(frozen=True)
class Region:
    """A stretch of text enclosed by quotation marks (marks included).

    ``opened``/``closed`` say whether the marks were really there: a quote whose closing
    mark has no opener starts at its paragraph; one never closed ends at its paragraph.
    """

    start: int
    end: int
    opened: bool = True
    closed: bool = True
    single: bool = False
    paragraphs: int = 1


def _around(text: str, m: re.Match[str]) -> tuple[str, str]:
    """The characters just before and just after a mark (space at the text's edges)."""
    i, j = m.start(), m.end()
    return (text[i - 1] if i > 0 else " "), (text[j] if j < len(text) else " ")


def _left_flanking(before: str, after: str) -> bool:
    """The mark stands before a word: preceded by space (or start), followed by non-space."""
    return (before in _OPEN_BEFORE or before in '“„«‘"') and not after.isspace()


def _right_flanking(before: str, after: str) -> bool:
    """The mark stands after a word: preceded by non-space, followed by space/punctuation."""
    return not before.isspace() and (after in _CLOSE_AFTER or after in '”“»«’"')


def _is_apostrophe(text: str, m: re.Match[str]) -> bool:
    """’ or ' between letters (don’t), or before digits ('90s), is no quote mark."""
    before, after = _around(text, m)
    return (before.isalnum() and after.isalnum()) or after.isdigit()


def _can_open(text: str, m: re.Match[str], mark: str) -> bool:
    before, after = _around(text, m)
    left, right = _left_flanking(before, after), _right_flanking(before, after)
    if mark in "“„«":
        return left or not right
    if mark in "»”":  # German reversed »…«, or a mistyped ”Word opening a phrase
        return left and not right
    if mark in "‘‚'":
        return left and after.isalnum() and not _is_apostrophe(text, m)
    if mark == '"':
        return left or not right
    return False


def _closes(text: str, m: re.Match[str], mark: str, opener: str) -> bool:
    if mark not in _PAIRS.get(opener, ""):
        return False
    before, after = _around(text, m)
    left, right = _left_flanking(before, after), _right_flanking(before, after)
    if opener in "‘‚'":
        return right and not _is_apostrophe(text, m)
    if opener == mark == "“":  # a mistyped closer: “rapists“ while ...
        return right and not left
    # A straight quote before a word while one is open re-opens a paragraph whose line
    # break was lost ("... 26 weeks. "We are ..."): keep the quote open.
    return not (mark == '"' and left and not right)


def _reopens(text: str, pos: int, opener: str) -> bool:
    """Does the paragraph starting at ``pos`` re-open the open quote (multi-paragraph)?"""
    j = pos
    while j < len(text) and text[j] in " \t\n\u00a0":
        j += 1
    return pos < j < len(text) and text[j] == opener


def _line_end_before(text: str, i: int) -> int:
    """End of the last non-space character before ``i`` (a paragraph's trimmed end)."""
    while i > 0 and text[i - 1] in " \t\n\u00a0":
        i -= 1
    return i


def find_regions(text: str) -> list[Region]:
    """All quoted regions of ``text`` in order; unpaired marks are handled as documented."""
    regions: list[Region] = []
    opener = ""  # the mark of the open quote, "" when none is open
    start = para_start = 0
    paras = 1
    for match in _MARKS_RE.finditer(text):
        i, mark = match.start(), match.group()
        if mark == "\n":
            if opener and text[i + 1 : i + 2] == "\n":
                continue  # decide at the last newline of a blank-line run
            if opener and _reopens(text, i, opener):
                paras += 1
            elif opener:
                end = _line_end_before(text, i)
                regions.append(Region(start, end, True, False, opener in _SINGLE, paras))
                opener = ""
            para_start = i + 1
        elif opener:
            if _closes(text, match, mark, opener):
                regions.append(Region(start, match.end(), True, True, opener in _SINGLE, paras))
                opener = ""
        elif _can_open(text, match, mark):
            opener, start, paras = ("“" if mark == "”" else mark), i, 1
        elif mark in '”"»' and _right_flanking(*_around(text, match)):
            regions.append(_orphan_close(text, match.end(), para_start, regions))
    if opener:
        end = _line_end_before(text, len(text))
        regions.append(Region(start, max(end, start + 1), True, False, opener in _SINGLE, paras))
    return [r for r in regions if r.end > r.start + 1]


def _orphan_close(text: str, end: int, para_start: int, regions: list[Region]) -> Region:
    """A closing mark with no opener (ending at ``end``): the quote runs from its paragraph."""
    start = para_start
    if regions and regions[-1].end > start:
        start = regions[-1].end
    while start < end and text[start] in " \t\u00a0":
        start += 1
    return Region(start, end, False, True)
