"""The acceptance checks for annotations, as a user runs them: the command line on a copy of
the bundled sample archive and of ../shared/seed (skipped when it is absent).

The scenarios call ``archiveapp.cli.main`` in this process (fast); the error messages are
checked on a real subprocess, where a traceback would show."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.cli import main
from archiveapp.core.annotations.store import MIGRATIONS
from archiveapp.core.location import sample_archive_path

TAG = "to check"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    """Run one command; its standard output (it must succeed)."""
    capsys.readouterr()
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def cli_json(capsys: pytest.CaptureFixture[str], *args: str | Path) -> list[dict[str, object]]:
    return json.loads(cli(capsys, *args, "--json"))


@pytest.fixture(params=["sample", "seed"])
def folder(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A private copy of an archive, so its articles can be edited."""
    if request.param == "seed":
        source = request.getfixturevalue("shared") / "seed"
    else:
        source = sample_archive_path()
    copy = tmp_path / request.param
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".archiveapp"))
    return copy


def _words_pattern(text: str) -> re.Pattern[str]:
    """The quote as it stands in the file, whatever the line breaks between its words."""
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


def _editable_quote(capsys: pytest.CaptureFixture[str], folder: Path) -> dict[str, object]:
    """A quote in a UTF-8 plain-text article whose words stand in the file once."""
    for quote in cli_json(capsys, "quotes", folder):
        path = folder / str(quote["document"])
        if path.suffix != ".txt":
            continue
        try:
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # the sample holds a Latin-1 article too: edit another
            continue
        if len(_words_pattern(str(quote["text"])).findall(raw)) == 1:
            return quote
    raise AssertionError(f"no plain-text quote to edit in {folder}")


def _rewrap(text: str) -> str:
    """Every paragraph filled to 50 columns: the same words on other lines."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(textwrap.fill(p, 50) if p.strip() else p for p in paragraphs)


def _same_words(a: object, b: object) -> bool:
    return " ".join(str(a).split()) == " ".join(str(b).split())


def test_a_tag_follows_its_quote_through_edits_and_is_kept_when_the_quote_goes(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    cli(capsys, "index", folder)
    quote = _editable_quote(capsys, folder)
    quote_id, text = str(quote["id"]), str(quote["text"])
    path = folder / str(quote["document"])
    original = path.read_text(encoding="utf-8")
    assert cli(capsys, "tag", folder, quote_id, TAG).strip() == f"{quote_id}: tags {TAG}"
    cli(capsys, "index", folder, "--rebuild")  # every file read again: the tag stays
    assert [q["id"] for q in cli_json(capsys, "quotes", folder, "--tag", TAG)] == [quote_id]

    # A new paragraph at the top of the article.
    path.write_text("A paragraph added at the top by an editor.\n\n" + original, encoding="utf-8")
    assert "1 changed" in cli(capsys, "index", folder)
    (tagged,) = cli_json(capsys, "quotes", folder, "--tag", TAG)
    assert (tagged["text"], tagged["document"]) == (text, quote["document"])
    assert tagged["id"] == quote_id and tagged["start"] != quote["start"]

    # The whole file re-wrapped, then only touched.
    path.write_text(_rewrap(path.read_text(encoding="utf-8")), encoding="utf-8")
    cli(capsys, "index", folder)
    (tagged,) = cli_json(capsys, "quotes", folder, "--tag", TAG)
    assert _same_words(tagged["text"], text) and tagged["document"] == quote["document"]
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**10))
    assert cli(capsys, "index", folder).startswith("Nothing changed")
    assert len(cli_json(capsys, "quotes", folder, "--tag", TAG)) == 1

    # The quote's words taken out of the article: the tag is kept, as an orphan.
    rewrapped = path.read_text(encoding="utf-8")
    path.write_text(_words_pattern(text).sub("", rewrapped), encoding="utf-8")
    cli(capsys, "index", folder)
    assert cli_json(capsys, "quotes", folder, "--tag", TAG) == []
    exported = tmp_path / "annotations.json"
    assert "(1 orphaned)" in cli(capsys, "annotations", "export", folder, "-o", exported)
    (entry,) = json.loads(exported.read_text(encoding="utf-8"))["annotations"]
    assert entry["orphaned"] is True and entry["tags"] == [TAG]
    assert _same_words(entry["quote"], text) and entry["document"] == quote["document"]
    (orphan,) = cli_json(capsys, "annotations", "list", folder, "--orphaned")
    assert orphan["tags"] == [TAG] and orphan["quote_id"] is None
    assert "ORPHANED" in cli(capsys, "annotations", "list", folder)

    # The words put back: the orphan finds its quote again.
    path.write_text(original, encoding="utf-8")
    cli(capsys, "index", folder)
    assert [q["id"] for q in cli_json(capsys, "quotes", folder, "--tag", TAG)] == [quote_id]
    assert cli_json(capsys, "annotations", "list", folder, "--orphaned") == []


def test_export_wipe_reindex_import_gives_the_tags_back(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    cli(capsys, "index", folder)
    quotes = cli_json(capsys, "quotes", folder)
    # One quote from each of (up to) three documents, and a second tag on the first.
    chosen = list({str(q["document"]): q for q in reversed(quotes)}.values())[:3]
    for quote in chosen:
        cli(capsys, "tag", folder, str(quote["id"]), TAG)
    first = str(chosen[0]["id"])
    cli(capsys, "tag", folder, first, "second tag")
    assert "note set" in cli(capsys, "note", folder, first, "Compare with the minutes.")
    before = {
        q["id"]: (q["text"], q["tags"], q["note"]) for q in cli_json(capsys, "quotes", folder)
    }
    tags_before = cli_json(capsys, "tags", folder)
    assert {t["name"]: t["quotes"] for t in tags_before} == {TAG: len(chosen), "second tag": 1}

    exported = tmp_path / "annotations.json"
    assert f"{len(chosen)} annotations written" in cli(
        capsys, "annotations", "export", folder, "-o", exported
    )
    with Archive.open(folder) as archive:
        data_dir = archive.data_dir
    shutil.rmtree(data_dir)
    cli(capsys, "index", folder)
    assert cli_json(capsys, "quotes", folder, "--tag", TAG) == []

    out = cli(capsys, "annotations", "import", folder, exported)
    assert out.startswith(f"{len(chosen)} annotations added, 0 merged") and "2 new tags" in out
    after = {q["id"]: (q["text"], q["tags"], q["note"]) for q in cli_json(capsys, "quotes", folder)}
    assert after == before
    assert cli_json(capsys, "tags", folder) == tags_before
    # Importing the same file again changes nothing.
    assert cli(capsys, "annotations", "import", folder, exported).startswith(
        f"0 annotations added, 0 merged, {len(chosen)} already here"
    )


def test_untag_and_removing_a_note(capsys: pytest.CaptureFixture[str], articles: Path) -> None:
    cli(capsys, "index", articles)
    quote_id = str(cli_json(capsys, "quotes", articles)[0]["id"])
    cli(capsys, "tag", articles, quote_id, "a", "b")
    assert cli(capsys, "untag", articles, quote_id, "A").strip() == f"{quote_id}: tags b"
    cli(capsys, "note", articles, quote_id, "remember")
    assert "note removed" in cli(capsys, "note", articles, quote_id, "")
    assert cli(capsys, "untag", articles, quote_id, "b").strip() == f"{quote_id}: no tags"
    assert cli_json(capsys, "annotations", "list", articles) == []


# -- errors: one line, no traceback --------------------------------------------------------


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archiveapp", *map(str, args)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=300,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], says: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("archiveapp: error:") and says in lines[0], lines


def test_mistakes_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], articles: Path, tmp_path: Path
) -> None:
    cli(capsys, "index", articles)
    not_json = tmp_path / "notes.json"
    not_json.write_text("tags: economy, flood\n", encoding="utf-8")
    quotes_listing = tmp_path / "quotes.json"
    quotes_listing.write_text(cli(capsys, "quotes", articles, "--json"), encoding="utf-8")
    other_format = tmp_path / "other.json"
    other_format.write_text('{"format": "zotero", "items": []}', encoding="utf-8")

    assert_one_line_error(
        run("tag", articles, "0123456789abcdef", "x"), "no quote 0123456789abcdef"
    )
    assert_one_line_error(run("note", articles, "nope", "text"), "no quote nope")
    assert_one_line_error(run("annotations", "import", articles, not_json), "is not valid JSON")
    for wrong in (quotes_listing, other_format):
        assert_one_line_error(
            run("annotations", "import", articles, wrong), "not an archiveapp annotations file"
        )
    assert_one_line_error(
        run("annotations", "import", articles, tmp_path / "missing.json"), "cannot read"
    )
    assert_one_line_error(run("annotations", "export", articles, "-o", tmp_path), "is a folder")
    quote_id = str(json.loads(quotes_listing.read_text(encoding="utf-8"))[0]["id"])
    assert_one_line_error(run("tag", articles, quote_id, "a,b"), "cannot hold a comma")
    # An annotations database from a newer archiveapp is refused, not opened.
    with sqlite3.connect(articles / ".archiveapp" / "annotations.sqlite3") as db:
        db.execute("PRAGMA user_version = 99")
    assert_one_line_error(run("tags", articles), "newer archiveapp")
    with sqlite3.connect(articles / ".archiveapp" / "annotations.sqlite3") as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
    # Nothing was written by any of them.
    assert cli_json(capsys, "annotations", "list", articles) == []
    assert cli_json(capsys, "tags", articles) == []
