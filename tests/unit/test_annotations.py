"""The user's annotations through ``archive.annotations``, on real files, a real store and a
real index: each action, its effect on quotes, speakers and search, its undo and redo, and
what survives edits of the articles, re-indexing, other programs and upgrades."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core.annotations import anchoring
from archiveapp.core.annotations.changes import Change
from archiveapp.core.annotations.store import MIGRATIONS, AnnotationStore
from archiveapp.core.errors import ArchiveError, StoreError
from archiveapp.core.model import Quote

CRACKS = "cracks deep inside the stone"  # harbour.txt, Ilse Marchetti
SUMMER = "take the whole summer"  # harbour.txt, Ilse Marchetti
BERTH = "without a berth for my boat"  # harbour.txt, Tomasz Reyes
SAFETY = "ten years of safety"  # council/budget.md, "Dr Marchetti"
FISHERMEN = "Fishermen need the barriers"  # council/budget.md, Tomasz Reyes
PIER = "old pier did not"  # web/storm.html, Ilse Marchetti
INSPECT = "inspect it as soon as the wind drops"  # web/storm.html, Ilse Marchetti
LEAKING = "the wall had been leaking for years"  # harbour.txt, reported speech, no quote


@pytest.fixture
def archive(articles: Path):
    with Archive.open(articles) as opened:
        opened.update()
        yield opened


def qid(archive: Archive, words: str, hidden: bool = False) -> str:
    (found,) = [q for q in archive.quotes(hidden=hidden) if words in q.text]
    return found.id


def quote_with(archive: Archive, words: str) -> Quote:
    found = [q for q in archive.quotes() + archive.quotes(hidden=True) if words in q.text]
    assert len(found) == 1, (words, found)
    return found[0]


def edit(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite an article; the next update reads it again."""
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def snapshot(archive: Archive) -> dict[str, object]:
    """Everything a user can see of quotes, speakers, tags and annotations (not ids of
    speakers, which a consolidation may renumber, nor modification times)."""
    quotes = sorted(
        (q.id, q.document, q.text, q.speaker, q.speaker_role, q.hidden, q.added, q.tags, q.note)
        for q in archive.quotes() + archive.quotes(hidden=True)
    )
    speakers = sorted(
        (s.name, s.role, s.quotes, s.documents, s.aliases) for s in archive.speakers()
    )
    tags = sorted((t.id, t.name, t.colour, t.quotes) for t in archive.annotations.tags())
    annotations = sorted(
        (a.uid, a.document, a.quote_id, a.tags, a.note, a.speaker, a.role, a.not_a_quote, a.added)
        for a in archive.annotations.all()
    )
    return {
        "quotes": quotes,
        "speakers": speakers,
        "tags": tags,
        "annotations": annotations,
        "counts": archive.counts(),
    }


# -- where the user's work lives -----------------------------------------------------------


def test_annotations_have_a_database_of_their_own_that_a_rebuild_never_touches(
    archive: Archive,
) -> None:
    cracks = qid(archive, CRACKS)
    archive.annotations.tag([cracks], ["structure"])
    archive.annotations.set_note(cracks, "Ask for the survey report.")
    path = archive.data_dir / "annotations.sqlite3"
    assert path.is_file()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM anchors").fetchone() == (1,)
    with sqlite3.connect(archive.data_dir / "archive.sqlite3") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert not tables & {"anchors", "tags", "quote_tags"}

    report = archive.update(rebuild=True)
    assert report.rebuilt_index and len(report.changed) == 3
    (quote,) = archive.quotes(tag="structure")
    assert quote.id == cracks and quote.note == "Ask for the survey report."


def test_a_wiped_archive_database_and_index_give_the_annotations_back(articles: Path) -> None:
    with Archive.open(articles) as archive:
        archive.update()
        cracks = qid(archive, CRACKS)
        archive.annotations.tag([cracks], ["structure"])
        archive.annotations.set_speaker([qid(archive, PIER)], "Lena Varga")
        archive.annotations.set_not_a_quote([qid(archive, BERTH)])
        _add_quote(archive)
        expected = snapshot(archive)
        data_dir = archive.data_dir
    for name in ("archive.sqlite3", "archive.sqlite3-wal", "archive.sqlite3-shm"):
        (data_dir / name).unlink(missing_ok=True)
    shutil.rmtree(data_dir / "index")
    with Archive.open(articles) as archive:
        archive.update()
        assert [q.id for q in archive.quotes(tag="structure")] == [cracks]
        assert [h.path for h in archive.search("tag:structure stone")] == ["harbour.txt"]
        assert [h.path for h in archive.search("speaker:varga")] == ["web/storm.html"]
        assert snapshot(archive) == expected


# -- tags and notes -------------------------------------------------------------------------


def test_tags_are_given_counted_and_taken_off(archive: Archive) -> None:
    cracks, summer = qid(archive, CRACKS), qid(archive, SUMMER)
    archive.annotations.tag([cracks, summer], ["Structure", "follow up"])
    archive.annotations.tag([cracks], ["structure"])  # the same tag, any case: no second one
    tags = {t.name: t for t in archive.annotations.tags()}
    assert set(tags) == {"Structure", "follow up"}
    assert tags["Structure"].quotes == 2 and tags["Structure"].colour
    assert tags["Structure"].colour != tags["follow up"].colour
    assert archive.quote(cracks).tags == ("follow up", "Structure")

    archive.annotations.untag([cracks], ["STRUCTURE", "follow up"])
    assert archive.quote(cracks).tags == ()
    assert archive.annotations.of_quote(cracks) is None  # nothing left: no empty annotation
    assert [q.id for q in archive.quotes(tag="structure")] == [summer]


@pytest.mark.parametrize("name", ["", "   ", "a, b"])
def test_a_tag_needs_a_name_without_commas(archive: Archive, name: str) -> None:
    with pytest.raises(ArchiveError, match="tag"):
        archive.annotations.tag([qid(archive, CRACKS)], [name])
    assert archive.annotations.tags() == [] and archive.annotations.all() == []


def test_an_unknown_quote_id_is_a_clear_error_and_writes_nothing(archive: Archive) -> None:
    with pytest.raises(ArchiveError, match="no quote 0000000000000000 in this archive"):
        archive.annotations.tag([qid(archive, CRACKS), "0000000000000000"], ["x"])
    with pytest.raises(ArchiveError, match="at least one quote"):
        archive.annotations.set_speaker([], "Ann Lee")
    assert archive.annotations.tags() == [] and archive.annotations.all() == []


def test_notes_are_set_changed_and_removed(archive: Archive) -> None:
    cracks = qid(archive, CRACKS)
    archive.annotations.set_note(cracks, "  Ask for the survey.  ")
    assert archive.quote(cracks).note == "Ask for the survey."
    archive.annotations.set_note(cracks, "Survey received in June.")
    assert archive.quote(cracks).note == "Survey received in June."
    assert [q.id for q in archive.quotes(query="note:june")] == [cracks]
    archive.annotations.set_note(cracks, "")
    assert archive.quote(cracks).note == "" and archive.annotations.all() == []
    empty = archive.annotations.set_note(qid(archive, SUMMER), "")
    assert empty.empty and archive.annotations.all() == []


# -- corrections: speakers -----------------------------------------------------------------


def test_set_speaker_moves_the_quote_in_quotes_speakers_and_search(archive: Archive) -> None:
    fishermen = qid(archive, FISHERMEN)
    assert [h.path for h in archive.search("speaker:haddad")] == []
    archive.annotations.set_speaker([fishermen], "Omar Haddad", "council reporter")

    quote = archive.quote(fishermen)
    assert (quote.speaker, quote.speaker_role) == ("Omar Haddad", "council reporter")
    assert quote.speaker_corrected and quote.mention_start is None
    speakers = {s.name: s for s in archive.speakers()}
    assert (speakers["Omar Haddad"].quotes, speakers["Tomasz Reyes"].quotes) == (1, 1)
    assert [q.id for q in archive.quotes(speaker="Haddad")] == [fishermen]
    assert fishermen not in {q.id for q in archive.quotes(speaker="Tomasz Reyes")}
    assert [h.path for h in archive.search("speaker:haddad")] == ["council/budget.md"]
    assert archive.counts() == (3, 3, 7)

    archive.annotations.set_speaker([fishermen], None)  # back to the extractor's word
    assert archive.quote(fishermen).speaker == "Tomasz Reyes"
    assert "Omar Haddad" not in {s.name for s in archive.speakers()}
    assert archive.search("speaker:haddad") == []


def test_a_corrected_speaker_may_be_someone_the_archive_knows(archive: Archive) -> None:
    berth = qid(archive, BERTH)
    archive.annotations.set_speaker([berth], "ilse marchetti")  # any case: the same person
    marchetti = next(s for s in archive.speakers() if s.name == "Ilse Marchetti")
    assert archive.quote(berth).speaker_id == marchetti.id
    assert berth in {q.id for q in archive.quotes(speaker=marchetti.id)}


def test_not_a_quote_hides_it_everywhere_until_restored(archive: Archive) -> None:
    berth = qid(archive, BERTH)
    fishermen = qid(archive, FISHERMEN)
    before = snapshot(archive)
    archive.annotations.set_not_a_quote([berth, fishermen])
    assert berth not in {q.id for q in archive.quotes()}
    assert {q.id for q in archive.quotes(hidden=True)} == {berth, fishermen}
    assert archive.counts() == (3, 1, 5)  # Tomasz Reyes said nothing else
    assert "Tomasz Reyes" not in {s.name for s in archive.speakers()}
    assert archive.search("speaker:reyes") == []
    assert {d.path: d.quotes for d in archive.documents()}["harbour.txt"] == 2

    archive.annotations.tag([berth], ["check"])  # a hidden quote can still be annotated
    archive.annotations.set_not_a_quote([berth, fishermen], False)
    archive.annotations.untag([berth], ["check"])
    after = snapshot(archive)
    assert [t[1:4:2] for t in after.pop("tags")] == [("check", 0)]  # an unused tag stays
    before.pop("tags")
    assert after == before


def test_an_added_quote_gets_its_speaker_and_survives_reindexing(
    archive: Archive, articles: Path
) -> None:
    text = archive.document("harbour.txt").text
    start = text.index(LEAKING)
    change = archive.annotations.add_quote(
        "harbour.txt", start, start + len(LEAKING), "Ilse Marchetti", "chief engineer"
    )
    added = quote_with(archive, LEAKING)
    assert (added.text, added.speaker, added.added) == (LEAKING, "Ilse Marchetti", True)
    assert (added.start, added.end) == (start, start + len(LEAKING))
    assert change.created_uid and archive.counts() == (3, 2, 8)
    assert added.id in {q.id for q in archive.quotes(speaker="Ilse Marchetti")}
    assert added.id in {q.id for q in archive.quotes(query="leaking")}
    archive.annotations.tag([added.id], ["reported speech"])

    edit(articles / "harbour.txt", lambda t: "Breaking: storm warning.\n\n" + t)
    assert archive.update().changed == ("harbour.txt",)
    again = quote_with(archive, LEAKING)
    assert (again.id, again.speaker, again.added, again.tags) == (
        added.id,
        "Ilse Marchetti",
        True,
        ("reported speech",),
    )
    assert archive.document("harbour.txt").text[again.start : again.end] == LEAKING
    archive.update(rebuild=True)
    assert quote_with(archive, LEAKING).id == added.id


@pytest.mark.parametrize(
    ("start", "end"),
    [(5, 5), (10, 2), (-1, 4), (0, 10**6)],
    ids=["empty", "reversed", "neg", "far"],
)
def test_adding_a_quote_needs_a_real_span(archive: Archive, start: int, end: int) -> None:
    with pytest.raises(ArchiveError, match="select the words"):
        archive.annotations.add_quote("harbour.txt", start, end, "Ann Lee")
    with pytest.raises(ArchiveError, match="not in the archive"):
        archive.annotations.add_quote("nowhere.txt", 0, 4, "Ann Lee")


def test_merged_speakers_are_one_until_split(archive: Archive) -> None:
    speakers = {s.name: s for s in archive.speakers()}
    marchetti, reyes = speakers["Ilse Marchetti"], speakers["Tomasz Reyes"]
    archive.annotations.merge_speakers([reyes.id], marchetti.id)
    (merged,) = archive.speakers()
    assert merged.id == marchetti.id and merged.quotes == marchetti.quotes + reyes.quotes
    assert "Tomasz Reyes" in merged.aliases
    assert qid(archive, BERTH) in {q.id for q in archive.quotes(speaker="Ilse Marchetti")}

    archive.annotations.split_speaker(marchetti.id, ["Tomasz Reyes", "Marchetti"])
    apart = {s.name: s.quotes for s in archive.speakers()}
    assert apart == {"Ilse Marchetti": 4, "Tomasz Reyes": 2, "Marchetti": 1}
    with pytest.raises(ArchiveError, match="never written 'Somebody'"):
        archive.annotations.split_speaker(marchetti.id, ["Somebody"])
    with pytest.raises(ArchiveError, match="no speaker #999"):
        archive.annotations.merge_speakers([reyes.id], 999)


def test_a_speaker_merged_away_comes_back_with_its_id(archive: Archive) -> None:
    speakers = {s.name: s.id for s in archive.speakers()}
    reyes, marchetti = speakers["Tomasz Reyes"], speakers["Ilse Marchetti"]
    merge = archive.annotations.merge_speakers([reyes], marchetti)
    assert archive.speaker(reyes) is None  # not listed while merged
    assert {s.id for s in archive.find_speakers("Tomasz Reyes")} == {marchetti}  # by alias
    archive.annotations.undo(merge)
    assert archive.speaker(reyes) is not None and archive.speaker(reyes).name == "Tomasz Reyes"
    archive.annotations.redo(merge)
    archive.annotations.undo(merge)
    assert {s.name: s.id for s in archive.speakers()} == speakers


def test_a_merge_holds_for_quotes_read_later(archive: Archive, articles: Path) -> None:
    speakers = {s.name: s.id for s in archive.speakers()}
    archive.annotations.merge_speakers([speakers["Tomasz Reyes"]], speakers["Ilse Marchetti"])
    (articles / "late.txt").write_text(
        "Late news\n\n“The nets are empty this year,” said Tomasz Reyes.\n", encoding="utf-8"
    )
    archive.update()
    assert [s.name for s in archive.speakers()] == ["Ilse Marchetti"]


# -- tags as a whole -------------------------------------------------------------------------


def test_tags_are_renamed_recoloured_merged_and_deleted(archive: Archive) -> None:
    cracks, summer, pier = qid(archive, CRACKS), qid(archive, SUMMER), qid(archive, PIER)
    archive.annotations.tag([cracks], ["wall"])
    archive.annotations.tag([summer], ["walls"])
    archive.annotations.tag([pier], ["pier"])
    archive.annotations.set_note(pier, "Photos in the shared drive.")
    ids = {t.name: t.id for t in archive.annotations.tags()}

    with pytest.raises(ArchiveError, match="exists already"):
        archive.annotations.rename_tag(ids["walls"], "WALL")
    archive.annotations.rename_tag(ids["walls"], "Sea walls")
    assert archive.quote(summer).tags == ("Sea walls",)
    archive.annotations.set_tag_colour(ids["walls"], "#123456")
    assert {t.name: t.colour for t in archive.annotations.tags()}["Sea walls"] == "#123456"

    archive.annotations.merge_tags([ids["wall"], ids["walls"]], ids["walls"])
    assert [t.name for t in archive.annotations.tags()] == ["Sea walls", "pier"]
    assert {q.id for q in archive.quotes(tag="sea walls")} == {cracks, summer}

    archive.annotations.delete_tag(ids["walls"])
    archive.annotations.delete_tag(ids["pier"])
    assert archive.annotations.tags() == []
    # The quotes lost the tags; the note stays, and an annotation left empty goes.
    assert [(a.quote_id, a.note) for a in archive.annotations.all()] == [
        (pier, "Photos in the shared drive.")
    ]


def test_new_tags_take_free_colours(archive: Archive) -> None:
    for n in range(3):
        archive.annotations.create_tag(f"t{n}")
    colours = [t.colour for t in archive.annotations.tags()]
    assert len(set(colours)) == 3 and all(c and c.startswith("#") for c in colours)
    archive.annotations.create_tag("mine", "#abcdef")
    assert {t.name: t.colour for t in archive.annotations.tags()}["mine"] == "#abcdef"


# -- anchoring through edits and orphans ------------------------------------------------------


def test_edits_around_a_quote_keep_its_annotation(archive: Archive, articles: Path) -> None:
    cracks = qid(archive, CRACKS)
    archive.annotations.tag([cracks], ["structure"])
    text = quote_with(archive, CRACKS).text
    path = articles / "harbour.txt"

    edit(path, lambda t: "Update, May 5: the council has met.\n\n" + t)  # a paragraph above
    archive.update()
    edit(path, lambda t: t.replace("stone that nobody", "stone\nthat nobody"))  # re-wrapped
    archive.update()
    stat = path.stat()  # touched, not edited
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**10))
    archive.update()

    (quote,) = archive.quotes(tag="structure")
    assert " ".join(quote.text.split()) == text and quote.document == "harbour.txt"
    assert archive.annotations.orphans() == []


def test_a_vanished_quote_is_kept_as_an_orphan_and_comes_back(
    archive: Archive, articles: Path
) -> None:
    summer = qid(archive, SUMMER)
    archive.annotations.tag([summer], ["timeline"])
    archive.annotations.set_note(summer, "Still true in August?")
    path = articles / "harbour.txt"
    original = path.read_text(encoding="utf-8")
    sentence = "\u201cThe repairs will take the whole summer.\u201d"

    edit(path, lambda t: t.replace(sentence, ""))
    archive.update()
    (orphan,) = archive.annotations.orphans()
    assert orphan.orphaned and orphan.tags == ("timeline",) and "whole summer" in orphan.text
    assert archive.quotes(tag="timeline") == []
    assert archive.annotations.tags()[0].quotes == 0  # orphans are not counted on the tag

    path.write_text(original, encoding="utf-8")
    archive.update()
    assert archive.annotations.orphans() == []
    assert archive.quote(summer).tags == ("timeline",)


def test_a_deleted_article_orphans_its_annotations_and_a_restored_one_takes_them_back(
    archive: Archive, articles: Path
) -> None:
    pier = qid(archive, PIER)
    archive.annotations.set_speaker([pier], "Lena Varga")
    path = articles / "web" / "storm.html"
    saved = path.read_bytes()
    path.unlink()
    archive.update()
    (orphan,) = archive.annotations.orphans()
    assert (orphan.document, orphan.speaker) == ("web/storm.html", "Lena Varga")
    assert "Lena Varga" not in {s.name for s in archive.speakers()}

    path.write_bytes(saved)
    archive.update()
    assert archive.annotations.orphans() == []
    assert archive.quote(pier).speaker == "Lena Varga"


def test_an_article_that_no_longer_reads_orphans_its_annotations_until_fixed(
    archive: Archive, articles: Path
) -> None:
    safety = qid(archive, SAFETY)
    archive.annotations.tag([safety], ["budget"])
    path = articles / "council" / "budget.md"
    saved = path.read_text(encoding="utf-8")
    path.write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    assert [f.path for f in archive.update().failed] == ["council/budget.md"]
    (orphan,) = archive.annotations.orphans()
    assert orphan.tags == ("budget",) and orphan.document == "council/budget.md"
    assert archive.annotations.tags()[0].quotes == 0  # no quote carries it now

    path.write_text(saved, encoding="utf-8")
    archive.update()
    assert archive.annotations.orphans() == []
    assert [q.id for q in archive.quotes(tag="budget")] == [safety]


def test_a_renamed_file_keeps_its_annotations(archive: Archive, articles: Path) -> None:
    pier = qid(archive, PIER)
    archive.annotations.tag([pier], ["ferry"])
    (articles / "web" / "storm.html").rename(articles / "storm-2025-11-02.html")
    report = archive.update()
    assert report.added == ("storm-2025-11-02.html",) and report.removed == ("web/storm.html",)
    (quote,) = archive.quotes(tag="ferry")
    assert quote.document == "storm-2025-11-02.html" and PIER in quote.text
    assert archive.annotations.orphans() == []


def test_an_orphan_is_reattached_or_deleted_only_when_the_user_says_so(
    archive: Archive, articles: Path
) -> None:
    summer, cracks = qid(archive, SUMMER), qid(archive, CRACKS)
    archive.annotations.tag([summer], ["timeline"])
    archive.annotations.set_note(summer, "from the press release")
    archive.annotations.set_note(cracks, "survey")
    edit(articles / "harbour.txt", lambda t: t.replace("the whole summer", "until October"))
    archive.update()
    (orphan,) = archive.annotations.orphans()
    october = qid(archive, "until October")

    archive.annotations.reattach(orphan.uid, october)
    assert archive.annotations.orphans() == []
    assert archive.quote(october).tags == ("timeline",)
    # The same words come back later: the annotation stays where the user put it.
    archive.update()
    assert archive.quote(october).tags == ("timeline",)

    # Re-attached onto a quote that has an annotation of its own: one, with both notes.
    edit(articles / "harbour.txt", lambda t: t.replace("until October", "into the winter"))
    archive.update()
    (orphan,) = archive.annotations.orphans()
    archive.annotations.reattach(orphan.uid, cracks)
    merged = archive.annotations.of_quote(cracks)
    assert merged is not None and merged.tags == ("timeline",)
    assert "survey" in merged.note and "from the press release" in merged.note
    assert len(archive.annotations.all()) == 1

    edit(
        articles / "harbour.txt",
        lambda t: t.replace("found cracks deep inside the stone", "saw nothing"),
    )
    archive.update()
    (orphan,) = archive.annotations.orphans()
    archive.annotations.delete([orphan.uid])
    assert archive.annotations.all() == [] and archive.annotations.orphans() == []


# -- undo and redo -------------------------------------------------------------------------


def _prepare(archive: Archive, articles: Path) -> None:
    """A used archive: tags, a note, a correction, a hidden quote and an orphan."""
    archive.annotations.tag([qid(archive, SUMMER), qid(archive, PIER)], ["walls", "follow up"])
    archive.annotations.set_note(qid(archive, CRACKS), "survey")
    archive.annotations.set_speaker([qid(archive, FISHERMEN)], "Omar Haddad")
    archive.annotations.set_not_a_quote([qid(archive, BERTH)])
    archive.annotations.tag([qid(archive, INSPECT)], ["gone"])
    edit(articles / "web" / "storm.html", lambda t: t.replace("We will inspect it", "We shall"))
    archive.update()


def _tag_id(archive: Archive, name: str) -> int:
    return next(t.id for t in archive.annotations.tags() if t.name == name)


def _speaker_id(archive: Archive, name: str) -> int:
    return next(s.id for s in archive.speakers() if s.name == name)


def _add_quote(archive: Archive) -> Change:
    start = archive.document("harbour.txt").text.index(LEAKING)
    return archive.annotations.add_quote("harbour.txt", start, start + len(LEAKING), "Ann Lee")


ACTIONS: dict[str, Callable[[Archive], Change]] = {
    "tag new": lambda a: a.annotations.tag([qid(a, SAFETY)], ["budget"]),
    "tag more": lambda a: a.annotations.tag([qid(a, SUMMER), qid(a, CRACKS)], ["walls", "new"]),
    "untag": lambda a: a.annotations.untag([qid(a, SUMMER)], ["walls", "follow up"]),
    "note new": lambda a: a.annotations.set_note(qid(a, SAFETY), "check the sum"),
    "note edit": lambda a: a.annotations.set_note(qid(a, CRACKS), "survey received"),
    "note remove": lambda a: a.annotations.set_note(qid(a, CRACKS), ""),
    "speaker": lambda a: a.annotations.set_speaker([qid(a, SAFETY), qid(a, PIER)], "Ann Lee"),
    "speaker back": lambda a: a.annotations.set_speaker([qid(a, FISHERMEN)], None),
    "not a quote": lambda a: a.annotations.set_not_a_quote([qid(a, SUMMER)]),
    "restore quote": lambda a: a.annotations.set_not_a_quote([qid(a, BERTH, True)], False),
    "add quote": _add_quote,
    "merge speakers": lambda a: a.annotations.merge_speakers(
        [_speaker_id(a, "Omar Haddad")], _speaker_id(a, "Ilse Marchetti")
    ),
    "split speaker": lambda a: a.annotations.split_speaker(
        _speaker_id(a, "Ilse Marchetti"), ["Marchetti"]
    ),
    "create tag": lambda a: a.annotations.create_tag("empty for now"),
    "rename tag": lambda a: a.annotations.rename_tag(_tag_id(a, "walls"), "Walls"),
    "tag colour": lambda a: a.annotations.set_tag_colour(_tag_id(a, "walls"), "#000000"),
    "merge tags": lambda a: a.annotations.merge_tags(
        [_tag_id(a, "walls"), _tag_id(a, "gone")], _tag_id(a, "follow up")
    ),
    "delete tag": lambda a: a.annotations.delete_tag(_tag_id(a, "walls")),
    "reattach": lambda a: a.annotations.reattach(
        a.annotations.orphans()[0].uid, qid(a, "We shall")
    ),
    "reattach onto annotated": lambda a: a.annotations.reattach(
        a.annotations.orphans()[0].uid, qid(a, PIER)
    ),
    "delete orphan": lambda a: a.annotations.delete([a.annotations.orphans()[0].uid]),
}


@pytest.mark.parametrize("action", list(ACTIONS), ids=list(ACTIONS))
def test_every_action_is_undone_and_redone(articles: Path, action: str) -> None:
    with Archive.open(articles) as archive:
        archive.update()
        _prepare(archive, articles)
        before = snapshot(archive)
        change = ACTIONS[action](archive)
        after = snapshot(archive)
        assert after != before and not change.empty and change.label
        archive.annotations.undo(change)
        assert snapshot(archive) == before
        archive.annotations.redo(change)
        assert snapshot(archive) == after
        archive.annotations.undo(change)
        assert snapshot(archive) == before
        assert archive._notes.unsettled() == ([], False)  # nothing left for the next update
        # What the undo wrote is on disk for the next program too, index included.
        search_before = [h.path for h in archive.search("speaker:lee")]
    with Archive.open(articles) as again:
        assert snapshot(again) == before
        assert [h.path for h in again.search("speaker:lee")] == search_before == []


def test_undo_and_redo_still_work_after_the_article_was_read_again(
    archive: Archive, articles: Path
) -> None:
    speaker = archive.annotations.set_speaker([qid(archive, PIER)], "Lena Varga")
    note = archive.annotations.set_note(qid(archive, CRACKS), "survey")
    (articles / "web" / "storm.html").rename(articles / "storm-renamed.html")
    edit(articles / "harbour.txt", lambda t: t.replace("nobody had", "no one had"))
    archive.update()
    assert quote_with(archive, PIER).speaker == "Lena Varga"
    assert quote_with(archive, "no one had seen").note == "survey"

    archive.annotations.undo(speaker)
    archive.annotations.undo(note)
    pier = quote_with(archive, PIER)
    assert (pier.document, pier.speaker) == ("storm-renamed.html", "Ilse Marchetti")
    assert archive.annotations.all() == []
    archive.annotations.redo(speaker)
    assert quote_with(archive, PIER).speaker == "Lena Varga"
    assert [h.path for h in archive.search("speaker:varga")] == ["storm-renamed.html"]


def test_undo_keeps_a_tag_another_program_added_since(articles: Path) -> None:
    with Archive.open(articles) as window, Archive.open(articles) as cli:
        window.update()
        cracks = qid(window, CRACKS)
        first = window.annotations.tag([cracks], ["structure"])  # makes the annotation
        cli.annotations.tag([cracks], ["from the cli"])
        assert window.annotations.changed_elsewhere()
        assert window.annotations.undo(first) == 0  # nothing of the window's was in the way
        assert window.quote(cracks).tags == ("from the cli",)
        assert [t.name for t in window.annotations.tags()] == ["from the cli"]


def test_undo_keeps_a_note_and_a_correction_made_elsewhere_since(articles: Path) -> None:
    with Archive.open(articles) as window, Archive.open(articles) as cli:
        window.update()
        pier = qid(window, PIER)
        hidden = window.annotations.set_not_a_quote([pier])
        cli.annotations.set_note(pier, "written in the cli")
        assert window.annotations.undo(hidden) == 1  # the window is told what was kept
        after = window.quote(pier)
        # The annotation was written elsewhere after the action: it is theirs now, and the
        # undo leaves it as they left it (still hidden) rather than write over their note.
        assert after is not None and after.note == "written in the cli" and after.hidden

        speaker = window.annotations.set_speaker([pier], "Lena Varga")
        cli.annotations.set_speaker([pier], "Ann Lee")
        assert window.annotations.undo(speaker) == 1  # someone else decided since: theirs stands
        assert window.quote(pier).speaker == "Ann Lee"


def test_undo_of_a_new_tag_keeps_it_when_another_program_used_it(articles: Path) -> None:
    with Archive.open(articles) as window, Archive.open(articles) as cli:
        window.update()
        created = window.annotations.create_tag("shared")
        cli.annotations.tag([qid(cli, SAFETY)], ["shared"])
        window.annotations.undo(created)
        assert [t.name for t in window.annotations.tags()] == ["shared"]
        assert window.quotes(tag="shared")[0].id == qid(window, SAFETY)


def _meanwhile(action: Callable[[], object]) -> threading.Thread:
    """Another program acting now: a thread (its own connections) given half a second to
    finish before the caller goes on, as a second process would."""
    thread = threading.Thread(target=action)
    thread.start()
    thread.join(0.5)
    return thread


def test_an_annotation_written_while_a_document_is_settled_is_not_orphaned(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Archive.open(articles) as window, Archive.open(articles) as cli:
        window.update()
        cracks, summer, berth = qid(window, CRACKS), qid(window, SUMMER), qid(window, BERTH)
        others: list[threading.Thread] = []
        place = anchoring.place

        def cli_acts_during_placement(*args: object) -> anchoring.Placement:
            monkeypatch.setattr(anchoring, "place", place)
            others.append(
                _meanwhile(
                    lambda: (
                        cli.annotations.tag([summer], ["from the cli"]),
                        cli.annotations.set_speaker([berth], "Ann Lee"),
                    )
                )
            )
            return place(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(anchoring, "place", cli_acts_during_placement)
        window.annotations.set_speaker([cracks], "Omar Haddad")  # settles harbour.txt
        others[0].join()
        assert window.annotations.orphans() == []
        assert [q.id for q in window.quotes(tag="from the cli")] == [summer]
        assert window.quote(berth).speaker == "Ann Lee"
        assert window.quote(cracks).speaker == "Omar Haddad"


def test_a_speaker_corrected_elsewhere_during_consolidation_is_kept(articles: Path) -> None:
    with Archive.open(articles) as window, Archive.open(articles) as cli:
        window.update()
        cracks, pier = qid(window, CRACKS), qid(window, PIER)
        others: list[threading.Thread] = []
        counts = window._store.speaker_name_counts

        def cli_acts_during_consolidation() -> list[tuple[str, str, str | None, int]]:
            window._store.speaker_name_counts = counts  # type: ignore[method-assign]
            read = counts()
            others.append(_meanwhile(lambda: cli.annotations.set_speaker([pier], "Ann Lee")))
            return read

        window._store.speaker_name_counts = cli_acts_during_consolidation  # type: ignore[method-assign]
        window.annotations.set_speaker([cracks], "Omar Haddad")
        others[0].join()
        assert {s.name for s in window.speakers()} >= {"Ann Lee", "Omar Haddad"}
        assert [q.id for q in window.quotes(speaker="Ann Lee")] == [pier]


def test_undo_of_a_deleted_tag_brings_back_its_quotes(archive: Archive) -> None:
    cracks, summer = qid(archive, CRACKS), qid(archive, SUMMER)
    archive.annotations.tag([cracks, summer], ["walls"])
    deleted = archive.annotations.delete_tag(_tag_id(archive, "walls"))
    assert archive.annotations.all() == []
    archive.annotations.undo(deleted)
    assert {q.id for q in archive.quotes(tag="walls")} == {cracks, summer}


# -- corrections win over the extractor -----------------------------------------------------


def test_corrections_survive_a_rebuild_and_a_new_extractor(
    archive: Archive, articles: Path
) -> None:
    _prepare(archive, articles)
    _add_quote(archive)
    speakers = {s.name: s.id for s in archive.speakers()}
    archive.annotations.merge_speakers([speakers["Omar Haddad"]], speakers["Ilse Marchetti"])
    expected = snapshot(archive)
    archive.update(rebuild=True)
    assert snapshot(archive) == expected
    # An archive indexed by an older extractor is read again on the next update.
    archive._store.set_meta("extractor_version", "0")
    assert archive.update().reextracted
    assert snapshot(archive) == expected
    assert [h.path for h in archive.search("speaker:lee")] == ["harbour.txt"]


def test_the_next_opening_finishes_what_a_program_killed_after_its_commit_left(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Archive.open(articles) as archive:
        archive.update()
        expected_ids = {"fishermen": qid(archive, FISHERMEN), "berth": qid(archive, BERTH)}
        speakers = {s.name: s.id for s in archive.speakers()}
        # The program dies right after each annotation is committed: nothing else follows.
        monkeypatch.setattr(Archive, "_after_annotations", lambda *args, **kwargs: None)
        archive.annotations.set_speaker([expected_ids["fishermen"]], "Omar Haddad")
        archive.annotations.set_not_a_quote([expected_ids["berth"]])
        archive.annotations.merge_speakers([speakers["Tomasz Reyes"]], speakers["Ilse Marchetti"])
        assert archive.quote(expected_ids["fishermen"]).speaker == "Tomasz Reyes"  # not yet
    monkeypatch.undo()
    with Archive.open(articles) as archive:
        # Shown right away, by a command that does not update (archiveapp quotes).
        assert archive.quote(expected_ids["fishermen"]).speaker == "Omar Haddad"
        assert archive._notes.unsettled() == ([], False)
        assert archive.update().nothing_changed
        assert archive.quote(expected_ids["fishermen"]).speaker == "Omar Haddad"
        assert archive.quotes(hidden=True)[0].id == expected_ids["berth"]
        assert [s.name for s in archive.speakers()] == ["Ilse Marchetti", "Omar Haddad"]
        assert [h.path for h in archive.search("speaker:haddad")] == ["council/budget.md"]
        assert archive._notes.unsettled() == ([], False)


# -- the database file -------------------------------------------------------------------


def test_an_annotations_database_from_a_newer_program_is_refused_untouched(
    articles: Path,
) -> None:
    with Archive.open(articles) as archive:
        archive.update()
        archive.annotations.tag([qid(archive, CRACKS)], ["structure"])
        path = archive.data_dir / "annotations.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError) as raised:
        Archive.open(articles)
    message = str(raised.value)
    assert "newer archiveapp" in message and str(path) in message and "\n" not in message
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
        assert db.execute("SELECT name FROM tags").fetchall() == [("structure",)]


class _NextVersion(AnnotationStore):
    """This program's annotations database, as a later release might migrate it."""

    migrations = (*MIGRATIONS, "ALTER TABLE tags ADD COLUMN description TEXT")


class _BrokenUpgrade(AnnotationStore):
    migrations = (*MIGRATIONS, "ALTER TABLE nowhere ADD COLUMN description TEXT")


def _annotated_store(path: Path) -> None:
    store = AnnotationStore(path)
    with store.transaction() as db:
        db.execute(
            "INSERT INTO tags(name, colour, created) VALUES ('structure', '#112233', 'then')"
        )
    store.close()


def test_the_annotations_database_is_backed_up_before_a_migration(tmp_path: Path) -> None:
    path = tmp_path / "annotations.sqlite3"
    _annotated_store(path)
    store = _NextVersion(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
    assert [t.name for t in store.tags()] == ["structure"]
    store.close()
    backup = tmp_path / f"annotations.v{len(MIGRATIONS)}.bak"
    with sqlite3.connect(backup) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("SELECT name FROM tags").fetchall() == [("structure",)]


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "annotations.sqlite3"
    _annotated_store(path)
    backup = tmp_path / f"annotations.v{len(MIGRATIONS)}.bak"
    with pytest.raises(StoreError, match=r"cannot upgrade .*no such table: nowhere") as raised:
        _BrokenUpgrade(path)
    assert "\n" not in str(raised.value) and str(backup) in str(raised.value)
    assert backup.is_file()
    store = AnnotationStore(path)  # this version still opens it, data intact
    assert [t.name for t in store.tags()] == ["structure"]
    store.close()


FROZEN = sorted((Path(__file__).parents[1] / "fixtures").glob("annotations-v*.sqlite3"))


def test_there_is_a_frozen_annotations_database_for_the_current_schema() -> None:
    assert f"annotations-v{len(MIGRATIONS)}" in [p.stem for p in FROZEN]


@pytest.mark.parametrize("frozen", FROZEN, ids=[p.stem for p in FROZEN])
def test_frozen_annotations_databases_open_with_their_data_intact(
    frozen: Path, articles: Path, tmp_path: Path
) -> None:
    """Each was written by the release of its schema version for the ``articles`` fixture:
    a tag and a note on the "cracks" quote, and the spelling "Marchetti" split from Ilse
    Marchetti."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(frozen, data_dir / "annotations.sqlite3")
    with Archive.open(articles, data_dir=data_dir) as archive:
        archive.update()
        cracks = qid(archive, CRACKS)
        quote = archive.quote(cracks)
        assert quote.tags == ("structure",) and quote.note == "Ask for the survey report."
        assert {t.name: t.colour for t in archive.annotations.tags()} == {"structure": "#4477aa"}
        assert {s.name for s in archive.speakers()} == {
            "Ilse Marchetti",
            "Marchetti",
            "Tomasz Reyes",
        }
        assert archive.annotations.orphans() == []


# -- export and import ----------------------------------------------------------------------


def test_export_then_import_into_an_empty_archive_gives_everything_back(
    archive: Archive, articles: Path, tmp_path: Path
) -> None:
    _prepare(archive, articles)
    _add_quote(archive)
    archive.annotations.merge_speakers(
        [_speaker_id(archive, "Omar Haddad")], _speaker_id(archive, "Ilse Marchetti")
    )
    expected = snapshot(archive)
    file = tmp_path / "notes.json"
    assert archive.annotations.export(file) == len(archive.annotations.all())
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["format"] == "archiveapp-annotations" and data["version"] == 1
    (orphan,) = [a for a in data["annotations"] if a["orphaned"]]
    assert orphan["tags"] == ["gone"] and "inspect it" in orphan["quote"]

    with Archive.open(articles, data_dir=tmp_path / "colleague") as colleague:
        colleague.update()
        report = colleague.annotations.import_(file)
        assert (report.added, report.merged, report.conflicts) == (len(data["annotations"]), 0, [])
        assert report.tags_created == 3
        mine = snapshot(colleague)
        assert mine["quotes"] == expected["quotes"]
        assert mine["speakers"] == expected["speakers"]
        assert mine["annotations"] == expected["annotations"]  # ids and orphans too
        assert sorted(t[1:] for t in mine["tags"]) == sorted(t[1:] for t in expected["tags"])  # type: ignore[attr-defined]
        again = colleague.annotations.import_(file)
        assert (again.added, again.merged, again.unchanged) == (0, 0, report.added)
        assert snapshot(colleague) == mine


def test_importing_merges_tags_keeps_both_notes_and_reports_conflicts(
    archive: Archive, articles: Path, tmp_path: Path
) -> None:
    cracks, pier, safety = qid(archive, CRACKS), qid(archive, PIER), qid(archive, SAFETY)
    with Archive.open(articles, data_dir=tmp_path / "colleague") as colleague:
        colleague.update()
        colleague.annotations.tag([cracks], ["theirs"])
        colleague.annotations.set_note(cracks, "Their reading.")
        colleague.annotations.set_speaker([pier], "Lena Varga")
        colleague.annotations.set_speaker([safety], "Omar Haddad")
        colleague.annotations.export(tmp_path / "theirs.json")

    archive.annotations.tag([cracks], ["mine"])
    archive.annotations.set_note(cracks, "My reading.")
    archive.annotations.set_speaker([pier], "Ann Lee")
    report = archive.annotations.import_(tmp_path / "theirs.json")

    assert (report.added, report.merged) == (1, 1)
    assert len(report.conflicts) == 2 and all("\n" not in c for c in report.conflicts)
    assert any("two notes" in c for c in report.conflicts)
    assert any("Lena Varga" in c and "'Ann Lee'" in c for c in report.conflicts)
    quote = archive.quote(cracks)
    assert quote.tags == ("mine", "theirs")
    assert "My reading." in quote.note and "Their reading." in quote.note
    assert archive.quote(pier).speaker == "Ann Lee"  # this archive's choice stands
    assert archive.quote(safety).speaker == "Omar Haddad"  # new to it: taken
    assert [h.path for h in archive.search("speaker:haddad")] == ["council/budget.md"]


def test_an_import_that_fails_half_way_writes_nothing(archive: Archive, tmp_path: Path) -> None:
    file = tmp_path / "bad.json"
    good = {"document": "harbour.txt", "quote": "“The repairs will take the whole summer.”"}
    file.write_text(
        json.dumps(
            {
                "format": "archiveapp-annotations",
                "version": 1,
                "tags": [{"name": "imported", "colour": None}],
                "annotations": [{**good, "tags": ["imported"]}, {"document": "harbour.txt"}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError, match="has no 'quote'"):
        archive.annotations.import_(file)
    assert archive.annotations.tags() == [] and archive.annotations.all() == []


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("not json at all", "is not valid JSON"),
        ('{"format": "something else"}', "not an archiveapp annotations file"),
        ("[1, 2]", "not an archiveapp annotations file"),
        ('{"format": "archiveapp-annotations", "version": 99}', "newer archiveapp"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_in_one_line(
    archive: Archive, tmp_path: Path, content: str, says: str
) -> None:
    file = tmp_path / "in.json"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(ArchiveError, match=says) as raised:
        archive.annotations.import_(file)
    assert "\n" not in str(raised.value)
