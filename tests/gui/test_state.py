"""The linking rules as plain data: which choice narrows which pane, and the history."""

from __future__ import annotations

from archiveapp.gui.state import Focus, History


def test_a_document_narrows_speakers_and_quotes() -> None:
    focus = Focus().with_document("a.txt")
    assert focus.speakers_key() == ("", "a.txt")
    assert focus.quotes_document == "a.txt"
    assert focus.documents_key() == ("", None)  # the pane clicked in is not narrowed
    assert focus.viewed_document == "a.txt"


def test_a_speaker_takes_the_quotes_pane_across_the_archive() -> None:
    focus = Focus().with_document("a.txt").with_speaker(7)
    assert focus.quotes_speaker == 7
    assert focus.quotes_document is None
    assert focus.speakers_key() == ("", "a.txt")  # still narrowed by the document
    assert focus.documents_key() == ("", 7)
    back_to_document = focus.with_speaker(None)
    assert back_to_document.quotes_document == "a.txt"


def test_a_quote_opens_its_document_without_narrowing_anything() -> None:
    before = Focus().with_speaker(3)
    focus = before.with_quote("q1", "b.txt")
    assert focus.viewed_document == "b.txt"
    assert (focus.documents_key(), focus.speakers_key(), focus.quotes_key()) == (
        before.documents_key(),
        before.speakers_key(),
        before.quotes_key(),
    )
    assert focus.with_document("c.txt").quote is None
    assert focus.with_document("b.txt").quote == "q1"


def test_history_walks_back_and_forward_and_typing_is_one_step() -> None:
    history = History()
    a = Focus().with_document("a.txt")
    history.push(a)
    for text in ("c", "co", "coal"):
        history.push(history.current.with_query(text))
    assert history.current.query == "coal"
    assert history.back() == a
    assert history.forward().query == "coal"
    history.back()
    b = a.with_speaker(2)
    history.push(b)
    assert not history.can_go_forward()
    assert history.back() == a
