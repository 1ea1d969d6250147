from __future__ import annotations

from pathlib import Path

import pytest

from archiveapp.core.errors import ReadError, UnsupportedFormatError
from archiveapp.core.ingest import iter_article_files, read_document
from archiveapp.core.ingest.header import parse_date


def test_plain_text_header_boilerplate_title_byline_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "top of page\n\nRiver levels fall\n\nBy Anna Berg\n\nMillbrook, March 3, 2025. "
        "The river fell overnight.\n\nbottom of page\n",
        encoding="utf-8",
    )
    doc = read_document(path, tmp_path)
    assert doc.title == "River levels fall"
    assert doc.author == "Anna Berg"
    assert (doc.dateline_place, doc.dateline_date, doc.date) == (
        "Millbrook",
        "March 3, 2025",
        "2025-03-03",
    )
    assert doc.text.startswith("River levels fall")
    assert "top of page" not in doc.text and "bottom of page" not in doc.text
    assert doc.text.endswith("The river fell overnight.")


def test_boilerplate_words_inside_the_body_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    body = "\n\n".join(
        ["Title"]
        + [f"Paragraph {i}." for i in range(8)]
        + ["Advertisement"]
        + [f"More {i}." for i in range(8)]
    )
    path.write_text(body, encoding="utf-8")
    assert "Advertisement" in read_document(path, tmp_path).text


def test_markdown_front_matter_and_markup_removed(articles: Path) -> None:
    doc = read_document(articles / "council/budget.md", articles)
    assert doc.path == "council/budget.md"
    assert (doc.title, doc.date, doc.author, doc.format) == (
        "Council approves flood budget",
        "2025-06-12",
        "Omar Haddad",
        "md",
    )
    assert "*new*" not in doc.text and "new flood barriers" in doc.text
    assert "full minutes" in doc.text and "https://" not in doc.text
    assert doc.text.count("Council approves flood budget") == 1


def test_markdown_with_broken_front_matter_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        read_document(path, tmp_path)
    assert "\n" not in str(caught.value) and "front matter" in str(caught.value)


def test_html_article_without_navigation_scripts_or_footer(articles: Path) -> None:
    doc = read_document(articles / "web/storm.html", articles)
    assert doc.title == "Storm closes ferry line"
    assert (doc.date, doc.author) == ("2025-11-02", "Lena Varga")
    assert "the old pier did not" in doc.text
    for boilerplate in ("Sport", "trackVisit", "Copyright", "Related stories"):
        assert boilerplate not in doc.text
    # Paragraphs stay paragraphs, so quotes and datelines read as in the other formats.
    assert "\n\n\u201cThe new wall held" in doc.text


def test_unsupported_and_empty_files_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "x.pdfx").write_text("x", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(UnsupportedFormatError, match="unsupported file type"):
        read_document(tmp_path / "x.pdfx", tmp_path)
    with pytest.raises(ReadError, match="no text"):
        read_document(tmp_path / "empty.txt", tmp_path)


def test_walk_is_recursive_sorted_and_skips_hidden_and_data_folders(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "a/c.md",
        "a/d.html",
        ".hidden/e.txt",
        ".archiveapp/f.txt",
        "data/g.txt",
        "notes.docx.tmp",
        ".h.txt",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [
        p.relative_to(tmp_path).as_posix()
        for p in iter_article_files(tmp_path, skip=(tmp_path / "data",))
    ]
    assert found == ["a/c.md", "a/d.html", "b.txt"]


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025-03-14", "2025-03-14"),
        ("March 14, 2025", "2025-03-14"),
        ("14 March 2025", "2025-03-14"),
        ("3. März 2024", "2024-03-03"),
        ("December 13", None),
        ("2025-03-14T08:00:00Z", "2025-03-14"),
        ("soon", None),
    ],
)
def test_parse_date(written: str, iso: str | None) -> None:
    assert parse_date(written) == iso


@pytest.mark.shared
def test_seed_article_reads_with_title_and_dateline(shared: Path) -> None:
    doc = read_document(shared / "seed/defense-cooperation-article.txt", shared / "seed")
    assert (
        doc.title
        == "European and Ukrainian Parliamentarians Collaborate to Strengthen Defense Cooperation"
    )
    assert (doc.dateline_place, doc.dateline_date) == ("Kyiv", "December 13")
    assert "top of page" not in doc.text and "bottom of page" not in doc.text
