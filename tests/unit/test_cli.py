"""The command-line contract other issues and users rely on, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "archiveapp", *map(str, args)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=300,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {result.stderr}")
    return result


def assert_one_line_error(result: subprocess.CompletedProcess[str], says: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("archiveapp: error:") and says in lines[0], lines


def test_index_twice_then_nothing_changed(articles: Path) -> None:
    first = run("index", articles)
    assert "3 added" in first.stdout and "0 failed" in first.stdout
    assert "indexed 3/3" in first.stderr  # progress goes to stderr
    second = run("index", articles)
    assert second.stdout.startswith("Nothing changed: 3 files")


def test_index_lists_failed_files_and_still_exits_zero(articles: Path) -> None:
    (articles / "bad.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    result = run("index", articles)
    assert "1 failed" in result.stdout and "failed: bad.md: front matter" in result.stdout


def test_index_of_a_folder_where_nothing_reads_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "only.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    assert run("index", tmp_path, check=False).returncode == 1


def test_json_listings(articles: Path) -> None:
    hits = json.loads(run("search", articles, "harbour AND wall", "--json").stdout)
    assert hits[0]["path"] == "harbour.txt"
    assert set(hits[0]) >= {"path", "title", "score", "snippet"}
    quotes = json.loads(run("quotes", articles, "--speaker", "Tomasz Reyes", "--json").stdout)
    assert {q["document"] for q in quotes} == {"harbour.txt", "council/budget.md"}
    assert set(quotes[0]) >= {"id", "text", "speaker", "speaker_role", "document", "start", "end"}
    in_doc = json.loads(run("quotes", articles, "--document", "web/storm.html", "--json").stdout)
    assert {q["speaker"] for q in in_doc} == {"Ilse Marchetti"}
    speakers = json.loads(run("speakers", articles, "--json").stdout)
    marchetti = next(s for s in speakers if s["name"] == "Ilse Marchetti")
    assert marchetti["documents"] == 3 and marchetti["quotes"] >= 4
    assert set(marchetti) >= {"name", "role", "quotes", "documents"}


def test_quote_ids_are_stable_across_reindexing(articles: Path) -> None:
    before = json.loads(run("quotes", articles, "--json").stdout)
    run("index", articles, "--rebuild")
    assert json.loads(run("quotes", articles, "--json").stdout) == before


def test_data_dir_option_keeps_the_folder_clean(articles: Path, tmp_path: Path) -> None:
    run("index", articles, "--data-dir", tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / "archive.sqlite3").is_file()
    assert not (articles / ".archiveapp").exists()


def test_user_errors_are_one_line(articles: Path, tmp_path: Path) -> None:
    run("index", articles)
    assert_one_line_error(run("search", articles, "harbour AND (wall", check=False), "closing )")
    assert_one_line_error(run("index", tmp_path / "missing", check=False), "does not exist")
    assert_one_line_error(run("extract", tmp_path / "missing.txt", check=False), "no such file")
    assert_one_line_error(run("quotes", articles, "--speaker", "Nobody", check=False), "no speaker")
    assert_one_line_error(
        run("quotes", articles, "--document", "nope.txt", check=False), "not in the archive"
    )


def test_extract_files_without_an_archive(articles: Path) -> None:
    result = json.loads(run("extract", articles / "harbour.txt", "--json").stdout)
    assert [q["speaker"] for q in result] == ["Ilse Marchetti", "Ilse Marchetti", "Tomasz Reyes"]
    assert not (articles / ".archiveapp").exists()


def test_extract_jsonl_gives_offsets_into_each_record(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    texts = ["Lead.\n\n\u201cWe will win the vote,\u201d said Ada Stone.", "No quotes here at all."]
    source.write_text(
        "\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate(texts)), encoding="utf-8"
    )
    run("extract", "--jsonl", source, "--out", tmp_path / "out.jsonl")
    lines = [
        json.loads(line)
        for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [line["id"] for line in lines] == [0, 1]
    (quote,) = lines[0]["quotes"]
    assert texts[0][quote["start"] : quote["end"]] == quote["text"]
    assert quote["speaker"] == "Ada Stone"
    ((s, e),) = quote["speaker_spans"]
    assert texts[0][s:e] == "Ada Stone"
    assert lines[1]["quotes"] == []


def test_sample_archive_command_from_the_readme() -> None:
    result = run("quotes", "--sample", "--json")
    quotes = json.loads(result.stdout)
    assert len(quotes) >= 30
    assert "never written into" in result.stderr


@pytest.mark.shared
def test_seed_gives_exactly_the_five_gold_quotes(shared: Path, tmp_path: Path) -> None:
    folder = tmp_path / "seed"
    folder.mkdir()
    for source in (shared / "seed").glob("*.txt"):
        (folder / source.name).write_bytes(source.read_bytes())
    folder.chmod(0o555)  # read-only, as a shared folder often is: --data-dir makes it work
    gold = json.loads(
        (shared / "seed/defense-cooperation-article.gold.json").read_text(encoding="utf-8")
    )
    quotes = json.loads(run("quotes", folder, "--data-dir", tmp_path / "data", "--json").stdout)
    folder.chmod(0o755)
    assert [q["speaker"] for q in quotes] == [g["speaker"] for g in gold["quotes"]]
    for got, want in zip(quotes, gold["quotes"], strict=True):
        assert got["text"].strip() == want["text"].strip()
        assert got["speaker_role"] == want["role"]
    for start, end, _what in gold["not_quotes"]:
        assert all(gold["text"][start:end] not in q["text"] for q in quotes)


def test_document_option_takes_folder_relative_or_current_directory_paths(articles: Path) -> None:
    by_folder = json.loads(run("quotes", articles, "--document", "web/storm.html", "--json").stdout)
    by_cwd_path = json.loads(
        run("quotes", articles, "--document", articles / "web/storm.html", "--json").stdout
    )
    assert by_folder == by_cwd_path and by_folder


def test_without_a_display_the_window_command_says_so_in_one_line(articles: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "archiveapp", str(articles)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "archiveapp: error: no display to open the window on (DISPLAY is not set); "
        "the commands work without one: archiveapp --help"
    ]


def test_window_options_without_a_command_go_to_the_window(articles: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = run("--data-dir", tmp_path / "data", str(articles), "--screenshot", shot)
    assert shot.stat().st_size > 10_000 and result.stdout.strip() == str(shot)


def test_document_path_from_the_current_directory(articles: Path) -> None:
    run("index", articles)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "archiveapp",
            "quotes",
            "articles",
            "--json",
            "--document",
            "articles/web/storm.html",
        ],
        capture_output=True,
        text=True,
        cwd=articles.parent,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert {q["document"] for q in json.loads(result.stdout)} == {"web/storm.html"}


def test_a_folder_of_unreadable_files_answers_the_same_on_every_run(tmp_path: Path) -> None:
    (tmp_path / "only.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    first = run("index", tmp_path, check=False)
    second = run("index", tmp_path, check=False)
    assert first.returncode == second.returncode == 1
    assert "failed: only.md" in first.stdout and "failed: only.md" in second.stdout


def test_extract_jsonl_bad_records_are_one_line_and_keep_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    out.write_text("earlier predictions\n", encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "fine"}\n{"id": 2, "text": null}\n', encoding="utf-8")
    assert_one_line_error(
        run("extract", "--jsonl", source, "--out", out, check=False), "'text' must be a string"
    )
    assert out.read_text(encoding="utf-8") == "earlier predictions\n"
    source.write_bytes(b'{"id": 1, "text": "caf\xe9"}\n')
    assert_one_line_error(run("extract", "--jsonl", source, "--out", out, check=False), "not UTF-8")
    source.write_text('{"id": 1, "text": "fine"}\n', encoding="utf-8")
    assert_one_line_error(
        run("extract", "--jsonl", source, "--out", tmp_path / "no/such/dir.jsonl", check=False),
        "cannot write there",
    )
    assert_one_line_error(
        run("extract", "--jsonl", source, "--out", tmp_path, check=False), "cannot write there"
    )


def test_a_search_on_an_archive_from_another_version_updates_it_first(articles: Path) -> None:
    import sqlite3

    run("index", articles)
    with sqlite3.connect(articles / ".archiveapp" / "archive.sqlite3") as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'index_schema'")
    result = run("search", articles, "ferry", "--json")
    assert "indexing" in result.stderr and "search index was rebuilt" in result.stderr
    assert [h["path"] for h in json.loads(result.stdout)] == ["web/storm.html"]
    assert "indexing" not in run("search", articles, "ferry").stderr


def test_a_mistyped_command_is_named(articles: Path) -> None:
    assert_one_line_error(run("serach", articles, "ferry", check=False), "unknown command 'serach'")
