"""The bundled sample archive (resources/sample-archive) and its hand-written answer key.

Two groups:

* the files themselves: formats, encodings, front matter, page furniture, and an answer key
  (tests/data/sample_archive_expected.json) that covers exactly the files on disk;
* the readers and the extractor run over every article and compared with the answer key,
  one test per article so a failure names the article. The core modules are imported inside
  these tests, so the first group runs even while they are being written.

Comparisons are deliberately tolerant of presentation only: apostrophe style, whitespace,
titles before a name ("Dr", "Mayor") and a leading article in a role ("the", "a", "der").
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ARCHIVE = REPO / "resources" / "sample-archive"
KEY_FILE = REPO / "tests" / "data" / "sample_archive_expected.json"
FORMATS = (".txt", ".md", ".html")

KEY: dict = json.loads(KEY_FILE.read_text(encoding="utf-8"))
ARTICLES: dict[str, dict] = {k: v for k, v in KEY.items() if not k.startswith("_")}
RECURRING: dict[str, dict] = KEY["_recurring"]

# Opening and closing marks the extractor supports, written as escapes so the source stays
# ASCII: " \u201c \u201d \u201e \u00ab \u00bb \u2018 \u2019 \u201a
MARKS = '"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a'
TITLES = {
    "dr",
    "prof",
    "professor",
    "mayor",
    "ms",
    "mr",
    "mrs",
    "miss",
    "sir",
    "b\u00fcrgermeister",
    "herr",
    "frau",
    "kapit\u00e4n",
    "trainer",
}
ARTICLE_WORDS = {"the", "a", "an", "der", "die", "das"}


def _article_files() -> list[str]:
    return sorted(
        p.relative_to(ARCHIVE).as_posix()
        for p in ARCHIVE.rglob("*")
        if p.is_file() and p.suffix in FORMATS
    )


def _raw_text(rel: str) -> str:
    return (ARCHIVE / rel).read_bytes().decode(ARTICLES[rel]["encoding"])


def _files_with(encoding: str) -> list[str]:
    return [rel for rel, entry in ARTICLES.items() if entry["encoding"] == encoding]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def _strip_marks(text: str) -> str:
    return _norm(text).strip(MARKS + " ").rstrip(",.;:!? " + MARKS)


def _norm_speaker(name: str | None) -> str | None:
    if name is None:
        return None
    words = _norm(name).split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words).casefold()


def _norm_role(role: str | None) -> str | None:
    if role is None:
        return None
    words = _norm(role).strip(" ,;:.").split()
    if len(words) > 1 and words[0].casefold() in ARTICLE_WORDS:
        words = words[1:]
    return " ".join(words).casefold()


# ---------------------------------------------------------------------------------------------
# Group 1: the files and the answer key
# ---------------------------------------------------------------------------------------------


def test_at_least_14_articles_in_three_formats() -> None:
    files = _article_files()
    by_format = {fmt: [f for f in files if f.endswith(fmt)] for fmt in FORMATS}
    assert len(files) >= 14
    assert len(by_format[".txt"]) >= 6
    assert len(by_format[".md"]) >= 4
    assert len(by_format[".html"]) >= 4


def test_articles_sit_in_nested_subfolders() -> None:
    files = _article_files()
    top_folders = {f.split("/")[0] for f in files if "/" in f}
    assert len(top_folders) >= 2
    assert any(f.count("/") >= 2 for f in files), "nothing two folders deep"


def test_latin1_article_is_not_valid_utf8() -> None:
    latin1 = _files_with("latin-1")
    assert latin1, "the answer key declares no Latin-1 article"
    for rel in latin1:
        raw = (ARCHIVE / rel).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        text = raw.decode("latin-1")
        assert re.search("[\u00e0-\u00ff]", text), f"{rel}: no accented letters"
        assert '"' in text, f"{rel}: Latin-1 has no curly quotes, so it should use straight ones"


def test_utf16_article_starts_with_bom() -> None:
    utf16 = _files_with("utf-16")
    assert utf16
    for rel in utf16:
        raw = (ARCHIVE / rel).read_bytes()
        assert raw[:2] in (b"\xff\xfe", b"\xfe\xff"), f"{rel}: no UTF-16 byte order mark"


def test_utf8_bom_article_starts_with_bom() -> None:
    with_bom = _files_with("utf-8-sig")
    assert with_bom
    for rel in with_bom:
        assert (ARCHIVE / rel).read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("rel", sorted(ARTICLES))
def test_article_decodes_with_its_declared_encoding(rel: str) -> None:
    raw = (ARCHIVE / rel).read_bytes()
    encoding = ARTICLES[rel]["encoding"]
    text = raw.decode(encoding)
    if encoding == "utf-8":
        assert not text.startswith("\ufeff"), f"{rel}: unexpected BOM"
    assert ARTICLES[rel]["format"] == rel.rsplit(".", 1)[1]


def test_answer_key_names_only_existing_files() -> None:
    missing = [rel for rel in ARTICLES if not (ARCHIVE / rel).is_file()]
    assert not missing


def test_every_article_has_an_answer_key_entry() -> None:
    assert sorted(ARTICLES) == _article_files()


@pytest.mark.parametrize("rel", sorted(ARTICLES))
def test_answer_key_entry_is_well_formed_and_matches_the_file(rel: str) -> None:
    entry = ARTICLES[rel]
    assert entry["quotes"], f"{rel}: every article should have at least one quote"
    text = _norm(_raw_text(rel))
    position = -1
    for quote in entry["quotes"]:
        assert set(quote) == {"starts_with", "speaker", "role"}
        start = text.find(_norm(quote["starts_with"]), position + 1)
        assert start > position, f"{rel}: {quote['starts_with']!r} not found after the last quote"
        position = start
        assert _norm(quote["speaker"]).split()[-1] in text
        if quote["role"] is not None:
            assert _norm(quote["role"]) in text, f"{rel}: role {quote['role']!r} not in the text"
    for string in entry["not_quotes"]:
        assert re.search(f"[{MARKS}]{re.escape(_norm(string))}[{MARKS}]", text), string


def test_recurring_speakers_appear_in_three_articles_each() -> None:
    assert len(RECURRING) >= 5
    for name, info in RECURRING.items():
        assert len(info["files"]) >= 3, name
        surname = _norm_speaker(name).split()[-1]
        for rel in info["files"]:
            speakers = {_norm_speaker(q["speaker"]) for q in ARTICLES[rel]["quotes"]}
            assert any(s.split()[-1] == surname for s in speakers), f"{name} not quoted in {rel}"


def test_markdown_articles_have_front_matter() -> None:
    for rel in (f for f in _article_files() if f.endswith(".md")):
        text = _raw_text(rel)
        match = re.match(r"---\n(.*?)\n---\n", text, re.S)
        assert match, f"{rel}: no YAML front matter"
        meta = yaml.safe_load(match.group(1))
        assert meta["title"] and meta["author"], rel
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta["date"])), rel


def test_html_articles_are_full_pages_with_furniture() -> None:
    for rel in (f for f in _article_files() if f.endswith(".html")):
        html = _raw_text(rel)
        for needle in (
            "<title>",
            'property="article:published_time" content="2025-',
            'name="author"',
            "<nav",
            "<header",
            "<article",
            "<h1>",
            "<aside",
            "cookie",
            "<script",
            "<footer",
        ):
            assert needle in html, f"{rel}: {needle!r} missing"


def test_one_text_article_carries_page_boilerplate() -> None:
    found = []
    for rel in (f for f in _article_files() if f.endswith(".txt")):
        lines = [line.strip() for line in _raw_text(rel).splitlines() if line.strip()]
        if lines[0] == "top of page" and lines[-1] == "bottom of page":
            found.append(rel)
    assert found


# ---------------------------------------------------------------------------------------------
# Group 2: readers and extractor against the answer key
# ---------------------------------------------------------------------------------------------


def _read(rel: str):
    from archiveapp.core.ingest import read_document

    return read_document(ARCHIVE / rel, ARCHIVE)


def _extract(text: str):
    from archiveapp.core.extract import extract_quotes

    return extract_quotes(text)


def _describe(quotes, expected) -> str:
    got = "\n".join(
        f"  got  {_strip_marks(q.text)[:48]!r:52} {q.speaker!r} / {q.speaker_role!r}"
        for q in quotes
    )
    want = "\n".join(
        f"  want {q['starts_with']!r:52} {q['speaker']!r} / {q['role']!r}" for q in expected
    )
    return f"\n{got}\n{want}"


@pytest.mark.parametrize("rel", sorted(ARTICLES))
def test_reader_gives_title_and_clean_text(rel: str) -> None:
    doc = _read(rel)
    assert doc.path == rel
    assert _norm(ARTICLES[rel]["title"]) in _norm(doc.title)
    opening = _norm(doc.text[:300])
    assert _norm(ARTICLES[rel]["title"]) in opening, f"{rel}: text does not open with the title"
    lowered = doc.text.casefold()
    for furniture in (
        "top of page",
        "bottom of page",
        "related stories",
        "mehr zum thema",
        "cookie",
        "subscribe",
        "alle akzeptieren",
        "gtag(",
        "datalayer",
    ):
        assert furniture not in lowered, f"{rel}: boilerplate {furniture!r} left in the text"


@pytest.mark.parametrize("rel", sorted(ARTICLES))
def test_extracted_quotes_match_answer_key(rel: str) -> None:
    expected = ARTICLES[rel]["quotes"]
    quotes = _extract(_read(rel).text)
    assert len(quotes) == len(expected), (
        f"{rel}: {len(quotes)} quotes, expected {len(expected)}" + _describe(quotes, expected)
    )
    problems = []
    for i, (quote, want) in enumerate(zip(quotes, expected, strict=True)):
        body = _strip_marks(quote.text)
        if not body.startswith(_norm(want["starts_with"])):
            problems.append(f"quote {i}: text {body[:60]!r} should start {want['starts_with']!r}")
        if _norm_speaker(quote.speaker) != _norm_speaker(want["speaker"]):
            problems.append(f"quote {i}: speaker {quote.speaker!r}, expected {want['speaker']!r}")
        if want["role"] is not None and _norm_role(quote.speaker_role) != _norm_role(want["role"]):
            problems.append(f"quote {i}: role {quote.speaker_role!r}, expected {want['role']!r}")
    assert not problems, f"{rel}:\n  " + "\n  ".join(problems) + _describe(quotes, expected)


@pytest.mark.parametrize("rel", sorted(ARTICLES))
def test_titles_and_scare_quotes_are_not_extracted(rel: str) -> None:
    not_quotes = {_norm(s) for s in ARTICLES[rel]["not_quotes"]}
    quotes = _extract(_read(rel).text)
    wrong = [q.text for q in quotes if _strip_marks(q.text) in not_quotes]
    assert not wrong, f"{rel}: titles/names/scare quotes taken for quotes: {wrong}"
