from archiveapp.gui.models.text import one_line, shorten_around


def test_one_line_collapses_whitespace() -> None:
    assert one_line("  a\n\n b\tc ") == "a b c"


def test_a_snippet_starts_near_its_first_match() -> None:
    snippet = "word " * 20 + "MATCH and more"
    start = snippet.index("MATCH")
    text, spans = shorten_around(snippet, ((start, start + 5),))
    assert text.startswith("… ")
    assert text[spans[0][0] : spans[0][1]] == "MATCH"
    assert shorten_around("short MATCH", ((6, 11),)) == ("short MATCH", ((6, 11),))
