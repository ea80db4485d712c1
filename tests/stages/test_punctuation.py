"""Punctuation stage (policy section 4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingua.document import Document
from bilingua.edits import apply_edits
from bilingua.stages.punctuation import (
    _CLOSING_FOLLOWERS,
    _MAX_SPACING_ROUNDS,
    _OPENING,
    _protected_spans,
    _quote_spacing_by_line,
    _quotes_pair_tightly,
    _spacing_candidates,
    _spacing_edits,
    normalize_punctuation,
)


def _punct(text: str) -> str:
    doc = Document.from_text(text)
    normalize_punctuation(doc)
    return doc.text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("“a” „b‟ «c» ″d″ ＂e＂", '"a" "b" "c" "d" "e"'),
        ("‘a’ ‚b‛ 5′ ʼokina", "'a' 'b' 5' 'okina"),
        ("wait…", "wait..."),
        ("a‐b a‑b a−b a﹣b a－b", "a-b a-b a-b a-b a-b"),
        ("1990‒95 ― end", "1990–95 — end"),
        ("a – b — c", "a – b — c"),
        ("Why؟ Because، of this؛ 50٪ and ٣٫٥ and ١٬٠٠٠", "Why? Because, of this; 50% and 3.5 and 1,000"),
        ("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "0123456789 0123456789"),
    ],
)
def test_characters(raw: str, clean: str) -> None:
    assert _punct(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("do? \" Mattis", 'do? " Mattis'),  # one quote alone cannot be paired
        ('"What can we do? " Mattis said.', '"What can we do?" Mattis said.'),
        ('He said " we stay" today.', 'He said "we stay" today.'),
        ('"a" and " b " and "c"', '"a" and "b" and "c"'),
        ("word , word . word ; word : word ! word ?", "word, word. word; word: word! word?"),
        ("( a ) [ b ] { c }", "(a) [b] {c}"),
        ("3.5 10:30 1,000 ... .NET .5", "3.5 10:30 1,000 ... .NET .5"),
        ("and ... then", "and ... then"),
        ("in Paris ?Tebogo: it was", "in Paris?Tebogo: it was"),  # a lost line break after a question
        ("no !Then 10 :30 and 1 ,000", "no!Then 10:30 and 1,000"),
        ("smile :-) ok", "smile :-) ok"),
        ("the emoticon :D and ls ;echo", "the emoticon :D and ls ;echo"),
        ('"We were told . . . nothing," he said . . .', '"We were told . . . nothing," he said . . .'),
        ("It ended .The end", "It ended .The end"),
    ],
)
def test_spacing(raw: str, clean: str) -> None:
    assert _punct(raw) == clean


def test_quotes_are_paired_per_paragraph() -> None:
    assert _punct('He said " yes\nand " no more') == 'He said " yes\nand " no more'
    assert _punct('He said " yes "\nand " no " more') == 'He said "yes"\nand "no" more'


def test_urls_and_emails_never_touched() -> None:
    text = "See https://example.com/a…b?x=1 , or write to first.last@example.org ."
    assert _punct(text) == "See https://example.com/a…b?x=1, or write to first.last@example.org."


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("See \u201chttps://example.com/report\u201d for details.", 'See "https://example.com/report" for details.'),
        ("\u00abhttps://example.com\u00bb is the site.", '"https://example.com" is the site.'),
        ("Read it at https://t.co/Xyz12\u2026 and share.", "Read it at https://t.co/Xyz12\u2026 and share."),  # shown shortened
        ("Visit www.aljazeera.com\u060c then scroll \u061f", "Visit www.aljazeera.com, then scroll?"),
        ("He wrote \u201csee https://x.com/a\u201d and said, \" We act. \"", 'He wrote "see https://x.com/a" and said, "We act."'),
    ],
)
def test_punctuation_glued_to_the_end_of_a_url_is_the_sentences(raw: str, clean: str) -> None:
    assert _punct(raw) == clean


def test_arabic_text_kept_in_the_text_keeps_its_punctuation() -> None:
    assert _punct("Qatar (قطر، الدوحة) said “yes”") == 'Qatar (قطر، الدوحة) said "yes"'


def _spacing_by_whole_rounds(text: str) -> str:
    """Reference: spacing rounds over the whole text until nothing changes (no line locality)."""
    for _ in range(_MAX_SPACING_ROUNDS):
        edits = _spacing_edits(text, _protected_spans(text))
        if not edits:
            break
        text = apply_edits(text, edits)
    return text


@settings(max_examples=3000)
@given(st.lists(st.text(alphabet=' ".,;:!?()[]a1@w/', max_size=14), min_size=1, max_size=4).map("\n".join))
def test_later_rounds_looking_only_at_changed_lines_find_what_whole_rounds_find(text: str) -> None:
    assert _punct(text) == _spacing_by_whole_rounds(text)


def test_a_gap_closed_in_one_line_is_followed_up_in_that_line() -> None:
    # In '(a" . "' the first quote, hanging on "a" with a space after it,
    # contradicts the pairing, so round one only closes ' .'; then the
    # quotes pair, and round two closes the space before the closing one.
    # Line one needs nothing.
    text = 'Plain line one.\n(a" . "'
    first = apply_edits(text, _spacing_edits(text, _protected_spans(text)))
    assert _spacing_edits(first, _protected_spans(first))  # a second round has work
    assert _punct(text) == _spacing_by_whole_rounds(text)


@settings(max_examples=3000)
@given(st.lists(st.text(alphabet=' "a1.\t', max_size=12), min_size=1, max_size=4).map("\n".join))
def test_tightly_paired_quotes_leave_nothing_for_the_line_walk(text: str) -> None:
    if _quotes_pair_tightly(text):
        assert _quote_spacing_by_line(text) == []


@pytest.mark.parametrize(
    ("text", "tight"),
    [
        ('He said "yes" and "no".\n"Fine," she said.', True),
        ('no quotes at all', True),
        ('He said " yes".', False),  # a space just inside the opening quote
        ('He said "yes ".', False),  # and the closing one
        ('A "quote that goes on\nto the next line".', False),  # lines of odd counts
        ('A 12" pipe.', False),
    ],
)
def test_quotes_pair_tightly(text: str, tight: bool) -> None:
    assert _quotes_pair_tightly(text) is tight


@settings(max_examples=500)
@given(st.text(alphabet=" a.,;:!?)]}([{\u00e9\u201d\n", max_size=40))
def test_spacing_candidates_are_the_spaces_before_closing_and_after_opening_marks(text: str) -> None:
    closing = [i for i in range(1, len(text)) if text[i] in _CLOSING_FOLLOWERS and text[i - 1] == " "]
    opening = [i for i in range(len(text) - 1) if text[i] in _OPENING and text[i + 1] == " "]
    assert sorted(_spacing_candidates(text)) == sorted(closing + opening)
