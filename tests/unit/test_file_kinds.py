"""Files that are not articles: media and archives are left out silently; documents of
a type archiveapp cannot read are listed as failures with what to do; a saved page's
``_files`` folder is never read as articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core import ingest
from archiveapp.core.errors import UnsupportedFormatError
from archiveapp.core.ingest import iter_article_files, read_document

ARTICLE = "Pier vote\n\n“The pier is the heart of this town,” said Ilse Marchetti.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for name, content in {
        "pier.txt": ARTICLE,
        "old report.doc": "\xd0\xcf binary",
        "notes.pages": "pk",
        "slides.odp": "pk",
        "figures.xlsx": "pk",
        "mail.msg": "ole",
        "odd.xyz": "???",
        "photo.jpg": "jpeg",
        "interview.mp3": "id3",
        "clip.mp4": "mp4",
        "bundle.zip": "pk",
        "setup.exe": "mz",
        "~$pier.docx": "lock",
        "page.html": "<html><body><article><p>" + ARTICLE + "</p></article></body></html>",
        "page_files/ad.html": "<html><body><p>Buy now, says the sponsor.</p></body></html>",
        "page_files/notes.doc": "x",
        "other_files/kept.txt": ARTICLE,  # no other.html beside it: an ordinary folder
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    return root


def test_walk_gives_articles_and_unknown_documents_but_not_media(folder: Path) -> None:
    found = [p.relative_to(folder).as_posix() for p in iter_article_files(folder)]
    assert found == [
        "figures.xlsx",
        "mail.msg",
        "notes.pages",
        "odd.xyz",
        "old report.doc",
        "other_files/kept.txt",
        "page.html",
        "pier.txt",
        "slides.odp",
    ]


def test_unsupported_documents_are_listed_with_advice_and_not_retried(folder: Path) -> None:
    with Archive.open(folder) as archive:
        first = archive.update()
        failed = {f.path: f.message for f in first.failed}
        assert failed["old report.doc"] == "unsupported file type .doc: save it as .docx or PDF"
        assert failed["mail.msg"].startswith("unsupported file type .msg: save the message as .eml")
        assert set(failed) == {
            "figures.xlsx",
            "mail.msg",
            "notes.pages",
            "odd.xyz",
            "old report.doc",
            "slides.odp",
        }
        assert sorted(first.added) == ["other_files/kept.txt", "page.html", "pier.txt"]
        assert {f.path for f in archive.failures()} == set(failed)
        # Unchanged, a failed file is not read again; the list still names it.
        second = archive.update()
        assert second.nothing_changed and not second.failed
        assert {f.path for f in archive.failures()} == set(failed)


def test_a_failure_for_want_of_a_reader_is_retried_once_there_is_one(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Archive.open(folder) as archive:
        archive.update()
        assert "odd.xyz" in {f.path for f in archive.failures()}
        monkeypatch.setitem(ingest.READERS, ".xyz", ingest.READERS[".txt"])
        assert archive.update().added == ("odd.xyz",)
        assert "odd.xyz" not in {f.path for f in archive.failures()}


def test_reading_an_unsupported_file_says_why(tmp_path: Path) -> None:
    (tmp_path / "a.ppt").write_bytes(b"x")
    (tmp_path / "README").write_bytes(b"x")
    with pytest.raises(UnsupportedFormatError, match=r"^unsupported file type \.ppt: not an"):
        read_document(tmp_path / "a.ppt", tmp_path)
    with pytest.raises(UnsupportedFormatError, match="no suffix"):
        read_document(tmp_path / "README", tmp_path)
