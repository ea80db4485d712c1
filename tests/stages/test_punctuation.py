"""Punctuation stage (policy section 4)."""

from __future__ import annotations

import pytest

from bilingua.document import Document
from bilingua.stages.punctuation import normalize_punctuation


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


def test_arabic_text_kept_in_the_text_keeps_its_punctuation() -> None:
    assert _punct("Qatar (قطر، الدوحة) said “yes”") == 'Qatar (قطر، الدوحة) said "yes"'
