from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from archiveapp.core.ingest.decode import decode_text

SENTENCE = "Der Bürgermeister sagte: \u201eDas Hochwasser kostet uns 3 Mio. €.\u201c"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_files_read_exactly(data: bytes, encoding: str) -> None:
    assert decode_text(data) == (SENTENCE, encoding)


def test_latin1_with_a_single_pound_sign_is_not_mistaken_for_japanese() -> None:
    # The shape of bbc-news/sport_199.txt: plain English with one byte 0xA3.
    text = (
        "The club paid \u00a315.8m for the striker last summer. He scored six goals in his "
        "first five games but was later dropped from the squad by the manager.\n"
    )
    decoded, encoding = decode_text(text.encode("latin-1"))
    assert decoded == text
    assert encoding in ("cp1252", "latin-1")


def test_cp1252_curly_quotes_come_back_curly() -> None:
    text = "\u201cWe are ready,\u201d said the caf\u00e9 owner, Jos\u00e9 Mart\u00edn."
    assert decode_text(text.encode("cp1252"))[0] == text


def test_cyrillic_legacy_file_is_not_forced_into_a_western_code_page() -> None:
    text = "Привет, мир. Это тестовый текст на русском языке, в котором есть слова и фразы."
    assert decode_text(text.encode("cp1251"))[0] == text


@pytest.mark.shared
def test_bbc_latin1_article_reads_with_its_pound_sign(shared: Path) -> None:
    decoded, _ = decode_text((shared / "corpus/bbc-news/sport_199.txt").read_bytes())
    assert "\u00a315.8m" in decoded
    assert decoded.startswith("Chelsea sack Mutu")
