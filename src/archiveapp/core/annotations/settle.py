"""What one document's annotations make of its quotes: a pure plan, which the archive
writes to both databases (see ``Archive._settle``)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Annotation
from ..store import AddedRow, ExtractedRow, Override
from . import anchoring
from .api import speaker_key_for


@dataclass(frozen=True)
class Plan:
    attached: dict[str, str]  # annotation uid -> quote id
    contexts: dict[str, tuple[str, str, str]]  # uid -> (quote text, before, after) today
    overrides: dict[str, Override]  # quote id -> what the user changed in it
    added: list[AddedRow]  # quotes that exist because of an annotation


def plan(text: str, extracted: Sequence[ExtractedRow], annotations: Sequence[Annotation]) -> Plan:
    candidates = [anchoring.Candidate(r.id, r.start, r.end, r.text) for r in extracted]
    placement = anchoring.place(
        text, candidates, [anchoring.Anchor(a.uid, a.text, a.before, a.after) for a in annotations]
    )
    spans = {c.id: (c.start, c.end) for c in candidates}
    attached = dict(placement.attached)
    by_uid = {a.uid: a for a in annotations}
    added = []
    for uid, (start, end) in placement.spans.items():
        annotation = by_uid[uid]
        quote_id = added_quote_id(uid)
        speaker = annotation.speaker or annotation.speaker_seen
        added.append(
            AddedRow(
                quote_id,
                start,
                end,
                text[start:end],
                speaker,
                speaker_key_for(speaker),
                annotation.role,
            )
        )
        attached[uid] = quote_id
        spans[quote_id] = (start, end)
    contexts = {
        uid: (
            anchoring.normalised(text[slice(*spans[quote_id])]),
            *anchoring.context(text, *spans[quote_id]),
        )
        for uid, quote_id in attached.items()
    }
    overrides = {
        quote_id: Override(
            speaker=a.speaker,
            speaker_key=speaker_key_for(a.speaker),
            role=a.role,
            hidden=a.not_a_quote,
        )
        for uid, quote_id in attached.items()
        if (a := by_uid[uid]).speaker or a.role or a.not_a_quote
    }
    return Plan(attached, contexts, overrides, added)


def added_quote_id(uid: str) -> str:
    """A quote the user added is named after its annotation, which never changes."""
    return "u" + hashlib.blake2b(uid.encode(), digest_size=8).hexdigest()[1:]
