"""``archiveapp export`` as a user runs it: choosing quotes, the format from the file name,
never replacing a file unasked, and one-line errors."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.cli import main
from archiveapp.core.location import sample_archive_path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(sample_archive_path(), copy)
    return copy


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def exported(path: Path) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_speakers_quotes_with_tags_and_notes_to_json(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    with Archive.open(folder) as archive:
        archive.update()
        quotes = archive.quotes(speaker="Sofía Márquez")
        archive.annotations.tag([quotes[0].id], ["ports"])
        archive.annotations.set_note(quotes[0].id, "Compare with the June interview")
        wanted = [q.id for q in quotes]
    target = tmp_path / "marquez.json"
    status, out, err = run(capsys, "export", folder, "-o", target, "--speaker", "Márquez")
    assert status == 0, err
    assert f"{len(wanted)} quotes written to {target}" in out
    data = exported(target)
    assert sorted(q["id"] for q in data["quotes"]) == sorted(wanted)
    first = next(q for q in data["quotes"] if q["id"] == wanted[0])
    assert first["tags"] == ["ports"] and first["note"] == "Compare with the June interview"
    assert first["speaker"] == "Sofía Márquez" and first["role"]
    title = first["document"]["title"]
    assert title and title in first["citation"] and first["citation"].count("(20") == 1


def test_tag_query_and_ids_choose_the_quotes(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    with Archive.open(folder) as archive:
        archive.update()
        ids = [q.id for q in archive.quotes()[:4]]
        archive.annotations.tag(ids[:3], ["budget"])
        archive.annotations.tag(ids[2:3], ["checked"])
    by_tag = tmp_path / "tag.json"
    assert run(capsys, "export", folder, "-o", by_tag, "--tag", "budget")[0] == 0
    assert {q["id"] for q in exported(by_tag)["quotes"]} == set(ids[:3])
    by_query = tmp_path / "query.json"
    query = "tag:budget NOT tag:checked"
    assert run(capsys, "export", folder, "-o", by_query, "--query", query)[0] == 0
    assert {q["id"] for q in exported(by_query)["quotes"]} == set(ids[:2])
    by_ids = tmp_path / "ids.json"
    assert run(capsys, "export", folder, "-o", by_ids, "--ids", ids[3], ids[0])[0] == 0
    assert {q["id"] for q in exported(by_ids)["quotes"]} == {ids[3], ids[0]}


def test_grouping_style_and_fields_reach_the_file(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "grouped.md"
    status, _out, err = run(
        capsys,
        "export",
        folder,
        "-o",
        target,
        "--group-by",
        "speaker",
        "--style",
        "notes",
        "--title",
        "Harwick voices",
        "--no-role",
    )
    assert status == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Harwick voices\n")
    assert "\n## Sofía Márquez\n" in text
    assert "chief executive of the Port" not in text  # --no-role
    assert "“Port of Harwick to Fly Parcels to Ships at Anchor in Drone Trial,”" in text


def test_the_format_comes_from_the_name_or_is_asked_for(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    spreadsheet = tmp_path / "quotes.csv"
    assert run(capsys, "export", folder, "-o", spreadsheet)[0] == 0
    assert spreadsheet.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM for spreadsheets
    with spreadsheet.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) > 50 and all(r["quote"] and r["document_title"] for r in rows)
    unnamed = tmp_path / "quotes.out"
    status, _out, err = run(capsys, "export", folder, "-o", unnamed)
    assert status == 1 and "cannot tell the format" in err and not unnamed.exists()
    assert run(capsys, "export", folder, "-o", unnamed, "--format", "json")[0] == 0
    assert exported(unnamed)["quotes"]


def test_an_existing_file_is_replaced_only_with_force(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "quotes.html"
    target.write_text("my own page", encoding="utf-8")
    status, _out, err = run(capsys, "export", folder, "-o", target)
    assert status == 1 and "exists already" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my own page"
    assert run(capsys, "export", folder, "-o", target, "--force")[0] == 0
    assert "<blockquote" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--speaker", "Nobody Atall"], "no speaker matches"),
        (["--tag", "no such tag"], "no tag 'no such tag'"),
        (["--ids", "0000000000000000"], "no quote 0000000000000000"),
        (["--query", "tag:(a OR b)"], "cannot read the query"),
        (["--query", "zzzzqqq"], "no quotes match"),
    ],
)
def test_bad_choices_are_one_line_errors(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    tmp_path: Path,
    extra: list[str],
    message: str,
) -> None:
    target = tmp_path / "out.json"
    status, _out, err = run(capsys, "export", folder, "-o", target, *extra)
    assert status == 1 and message in err
    assert len(err.strip().splitlines()) == 1 or "indexed" in err
    assert not target.exists()


def test_a_missing_folder_for_the_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "quotes.docx"
    status, _out, err = run(capsys, "export", folder, "-o", target)
    assert status == 1 and "does not exist" in err
    assert not target.parent.exists()
