"""The scan guards of line rules: which patterns get one, and that a guard never hides a match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingua.required_text import DIGIT, scan_guard, start_prefixes
from bilingua.rules import _line_pattern, load_rules


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        (r"(?:.*[.,;|]\s*)?all rights reserved\.?", ("all rights reserved",)),
        (r"(?:[\w&\x27., -]{1,60} )?©\s*\d{4}", ("©",)),
        (r"(?=.*\bcookies?\b).{10,300}", ("cookie",)),
        (r".*Reuters", ("reuters",)),
        # Fail fast on prose: a guard would only cost time.
        (r"share(?: this)?", None),
        (r"(?:read|see) more", None),
        # Scans, but requires only one of several words, which prose holds as often as it begins so.
        (r".*(?:reuters|afp)", None),
        # Scans, but what it requires is too common to rule lines out.
        (r".*at", None),
        # A cased letter beyond ASCII: str.lower() and IGNORECASE may disagree.
        (r".*ſtop", ("top",)),
        # Begins as prose does (any capital letter): the string it requires is the better test.
        (r"(?-i:[A-Z]\w*(?: [A-Z]\w*){0,3})\s*/\s*(?:reuters|afp)", ("/",)),
        (r"(?-i:[A-Z]\w*) (?:and|&) (?:news )?agencies", ("agencies",)),
        (r"\w+ (?:and|&) agencies", (" agencies",)),
        # One of a few characters prose lacks: a line must hold one of them.
        (r"(?-i:[A-Z]\w*(?: [A-Z]\w*){0,3})\s*[/|]\s*(?:reuters|afp|ap|epa)", ("/", "|")),
        # ... unless what it requires is common in prose.
        (r"(?-i:[A-Z]\w*), .*", None),
        # Begins with a telling character, not a letter: the beginning is the better test.
        (r"[(\[]\s*photo", None),
    ],
)
def test_scan_guard(pattern: str, guard: tuple[str, ...] | None) -> None:
    assert scan_guard(pattern) == guard


def test_invalid_pattern_has_no_guard() -> None:
    assert scan_guard("(unclosed") is None
    assert start_prefixes("(unclosed") is None


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        (r"(?:read|see) more", {"read more", "see more"}),
        (r"Share(?: this)?", {"share"}),
        (r"(?:ab|abc|ac)d?", {"ab", "ac"}),
        (r"(?:the )?foo", {"the foo", "foo"}),
        # Each fixed part, then what follows it; cut to ten characters.
        (r"(?:this |the )?(?:video|audio) is", {"this video", "this audio", "the video ", "the audio ",
                                               "video is", "audio is"}),
        (r"(?:a|b)?\w+", None),
        (r"[(\[]\s*photo", {"(", "["}),
        (r"\bword", {"word"}),
        (r"\d{1,2}:\d{2}", {DIGIT}),
        (r"image \d+ of", {"image "}),
        (r"(?-i:[A-C])x", {"a", "b", "c"}),
        # Any beginning: a wide class, a negated class, a look-ahead, something optional at the end.
        (r"[^()]+ photo", None),
        (r"\w+ said", None),
        (r"(?=.*cookie).{10,}", None),
        (r"(?:x)?", None),
    ],
)
def test_start_prefixes(pattern: str, prefixes: set[str] | None) -> None:
    assert start_prefixes(pattern) == (None if prefixes is None else frozenset(prefixes))


GUARDED = [
    (rule.id, pattern, scan_guard(pattern))
    for rule in load_rules(()).rules
    if rule.lang == "en"
    for pattern in rule.patterns
    if scan_guard(pattern) is not None
]
WORDS = ["3 comments", "12:30", "٣ shares", "- Share", "• Tags:", "Image 2 of 5", "(Photo: Reuters)", "All", "rights", "reserved", "ALL RIGHTS RESERVED", "©", "2024", "Reuters", "cookies", "cookie", "We", "you",
         "use", "this site", "is", "not responsible for the content of external", "sites", ".", ",", "|", "  ",
         "Kelvin \u212a", "\u017f", "The BBC", "agree", "experience", "our", "policy", "/", "Mohammed Salem", "AFP",
         "and", "&", "news", "agencies", "Al Jazeera"]


def test_packaged_rules_have_guards() -> None:
    assert {rule_id for rule_id, _, _ in GUARDED} >= {"en.copyright", "en.cookie"}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join))
def test_a_guard_never_hides_a_match(line: str) -> None:
    for rule_id, pattern, guard in GUARDED:
        if _line_pattern([pattern]).match(line) and line.isascii():
            assert any(string in line.lower() for string in guard), (rule_id, pattern, line)


def test_guarded_rule_still_matches_through_the_rule_set() -> None:
    rules = load_rules(())
    assert rules.match_english_line("Mohammed Salem / AFP", at_edge=False).id == "en.image_source"
    assert rules.match_english_line("Laura Khoury and agencies", at_edge=True).id == "en.byline"
    assert rules.match_english_line("Laura Khoury said the agencies would meet.", at_edge=False) is None
    assert rules.match_english_line("Copyright notice. All rights reserved.", at_edge=False).id == "en.copyright"
    assert rules.match_english_line("The Daily Star, 2024 | ALL RIGHTS RESERVED", at_edge=False).id == "en.copyright"
    assert rules.match_english_line("Prices rose and all rights were reserved for the owners.", at_edge=False) is None


def _first_rule_by_brute_force(line: str, at_edge: bool) -> str | None:
    """Every rule in order, no guards, no length buckets: what matching means.

    A line no rule matches whole is furniture when each of its pieces set apart by a spaced
    "|", "·", "•" or "/" is, under the first piece's rule.
    """
    found = _first_rule_for_the_whole_line(line, at_edge)
    if found is None and len(line.strip()) <= 200:
        pieces = re.split(r"\s+[|\u00b7\u2022/]\s+", line.strip())
        if len(pieces) > 1 and all(pieces):
            rules = [_first_rule_for_the_whole_line(piece, at_edge) for piece in pieces]
            if all(rules):
                return rules[0]
    return found


def _first_rule_for_the_whole_line(line: str, at_edge: bool) -> str | None:
    line = " ".join(line.split())
    for rule in RULES.rules:
        if rule.lang == "en" and len(line) <= rule.max_length and (at_edge or rule.where == "anywhere"):
            if _line_pattern(rule.patterns).match(line):
                return rule.id
    return None


RULES = load_rules(())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["Share", "Read more", "Advertisement", "Tags:", ":"]), min_size=1,
                max_size=14).map(" ".join), st.booleans())
def test_rule_set_matches_as_brute_force_does(line: str, at_edge: bool) -> None:
    found = RULES.match_english_line(line, at_edge=at_edge)
    assert (found.id if found else None) == _first_rule_by_brute_force(line, at_edge)
