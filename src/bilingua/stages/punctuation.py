"""Punctuation stage (policy section 4), for English text.

Characters are mapped first (quotes, dashes, Arabic punctuation and digits),
then spacing is fixed on the mapped text, with double quotes paired per
paragraph to tell an opening quote from a closing one. Arabic fragments left
in the text, URLs and e-mail addresses are never touched.
"""

from __future__ import annotations

import re

import regex


from ..charclasses import HAS_ARABIC
from ..document import Document
from ..edits import Edit
from .arabic import arabic_runs

_CHAR_MAP: dict[str, tuple[str, str]] = {
    **{ch: ('"', "quotes") for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02"},
    **{ch: ("'", "quotes") for ch in "\u2018\u2019\u201a\u201b\u2032\u02bc"},
    "\u2026": ("...", "ellipsis"),
    **{ch: ("-", "dashes") for ch in "\u2010\u2011\u2212\ufe63\uff0d"},
    "\u2012": ("\u2013", "dashes"),
    "\u2015": ("\u2014", "dashes"),
    "\u060c": (",", "arabic_punctuation"),
    "\u061b": (";", "arabic_punctuation"),
    "\u061f": ("?", "arabic_punctuation"),
    "\u066a": ("%", "arabic_punctuation"),
    "\u066b": (".", "arabic_punctuation"),
    "\u066c": (",", "arabic_punctuation"),
    **{chr(0x0660 + d): (str(d), "digits") for d in range(10)},
    **{chr(0x06F0 + d): (str(d), "digits") for d in range(10)},
}
#: Every mapped character is non-ASCII: scanning for non-ASCII runs (one
#: range, which ``regex`` scans fast) and looking their few characters up in
#: the map is much cheaper than scanning for a class of forty characters.
_NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f]+")

#: Spans never touched: URLs, e-mail addresses and Arabic text kept in the
#: text. Each pattern only runs when its cheap hint is in the text.
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"]+")
#: ASCII only, so the span of an address never depends on digits this stage maps.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

#: Closing punctuation, and what may follow it when it ends a clause (so
#: ".NET", "...", ".5" and "3 .5" keep their space).
_CLOSING_FOLLOWERS = {
    **dict.fromkeys(")]}", None),
    **dict.fromkeys(",;:!?", "\"')]}.,;:!?"),
    ".": "\"')]}",
}
_OPENING = "([{"
_DOUBLE_QUOTE = re.compile(r'"')
_MAX_SPACING_ROUNDS = 4


def _protected_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    if "://" in text or "www." in text:
        spans.extend(m.span() for m in _URL.finditer(text))
    if "@" in text:
        spans.extend(m.span() for m in _EMAIL.finditer(text))
    if not text.isascii() and HAS_ARABIC.search(text):
        spans.extend(arabic_runs(text))
    return spans


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(s < end and start < e for s, e in spans)


def _char_edits(text: str, protected: list[tuple[int, int]]) -> list[Edit]:
    edits = []
    for match in _NON_ASCII_RUN.finditer(text):
        start = match.start()
        for offset, ch in enumerate(match.group()):
            mapped = _CHAR_MAP.get(ch)
            if mapped is None:
                continue
            pos = start + offset
            if protected and not _outside(protected, pos, pos + 1):
                continue
            edits.append(Edit(pos, pos + 1, *mapped))
    return edits


def _pairing_contradicts_line(line: str, quotes: list[int]) -> bool:
    """Whether a quote the pairing calls opening sits like a closing one, or back.

    ``The 12" pipe " burst.`` pairs ``12"`` as an opener, but it hangs on the
    word before it and has a space after it: the pairing is wrong (it is an
    inch mark), so the line is left as written.
    """
    last = len(line) - 1
    for index, pos in enumerate(quotes):
        before_word = pos > 0 and line[pos - 1].isalnum()
        after_word = pos < last and line[pos + 1].isalnum()
        before_space = pos > 0 and line[pos - 1] == " "
        after_space = pos < last and line[pos + 1] == " "
        if index % 2 == 0 and before_word and after_space:
            return True
        if index % 2 == 1 and before_space and after_word:
            return True
    return False


def _quote_spacing_edits(text: str) -> list[tuple[int, int]]:
    """Spans of spaces that sit inside a pair of double quotes, per paragraph.

    A line with an odd number of quotes cannot be paired, unless leaving out
    the quotes that follow a digit (inch marks) makes the count even; when no
    pairing fits the line, its quote spacing stays as it was.
    """
    spans = []
    line_start = 0
    for line in text.split("\n"):
        if '"' in line:
            quotes = [m.start() for m in _DOUBLE_QUOTE.finditer(line)]
            if len(quotes) % 2:
                # An odd count may hide inch marks ("a 12" pipe"): they do not pair.
                quotes = [pos for pos in quotes if not (pos and line[pos - 1].isdigit())]
            if len(quotes) % 2 == 0 and not _pairing_contradicts_line(line, quotes):
                for index, pos in enumerate(quotes):
                    if index % 2 == 0:  # opening: pull the quoted text back
                        end = pos + 1
                        while end < len(line) and line[end] == " ":
                            end += 1
                        if end > pos + 1 and end < len(line):
                            spans.append((line_start + pos + 1, line_start + end))
                    else:  # closing: pull the quote back to what it closes
                        start = pos
                        while start > 0 and line[start - 1] == " ":
                            start -= 1
                        if start < pos and start > 0:
                            spans.append((line_start + start, line_start + pos))
        line_start += len(line) + 1
    return spans


def _ends_clause(text: str, mark: int) -> bool:
    followers = _CLOSING_FOLLOWERS[text[mark]]
    if followers is None or mark + 1 == len(text):
        return True
    following = text[mark + 1]
    return following.isspace() or following in followers


def _occurrences(text: str, pair: str):
    pos = text.find(pair)
    while pos >= 0:
        yield pos
        pos = text.find(pair, pos + 1)


def _punctuation_spacing_spans(text: str) -> list[tuple[int, int]]:
    """Spaces before closing and after opening punctuation.

    Found with ``str.find`` on each two-character pair (memchr speed): in
    most text no pair occurs and this costs a few microseconds, where one
    regex over every space cost a quarter of a millisecond per article.
    """
    spans = []
    for mark in _CLOSING_FOLLOWERS:
        for pos in _occurrences(text, " " + mark):
            if _ends_clause(text, pos + 1):
                start = pos
                while start > 0 and text[start - 1] == " ":
                    start -= 1
                spans.append((start, pos + 1))
    for mark in _OPENING:
        for pos in _occurrences(text, mark + " "):
            end = pos + 1
            while end < len(text) and text[end] == " ":
                end += 1
            spans.append((pos + 1, end))
    return spans


def _spacing_edits(text: str, protected: list[tuple[int, int]]) -> list[Edit]:
    spans = set(_punctuation_spacing_spans(text))
    if '"' in text:
        spans.update(_quote_spacing_edits(text))
    if not spans:
        return []
    edits = []
    last_end = -1
    for start, end in sorted(spans):
        start = max(start, last_end)
        if start >= end or (protected and not _outside(protected, start, end)):
            continue
        edits.append(Edit(start, end, "", "punctuation_spacing"))
        last_end = end
    return edits


def normalize_punctuation(doc: Document) -> None:
    """Apply policy section 4 (characters, then spacing) to the document."""
    text = doc.text
    protected = _protected_spans(text)
    if not text.isascii():
        doc.apply(_char_edits(text, protected))
        text = doc.text
        protected = _protected_spans(text)
    # Closing a gap can make a new one visible ('" .[ "' pairs differently
    # once ' .' is closed), so spacing runs until nothing changes; twice is
    # the usual most, the bound only guards against a rule that oscillates.
    for _ in range(_MAX_SPACING_ROUNDS):
        edits = _spacing_edits(text, protected)
        if not edits:
            break
        text = doc.apply(edits)
        protected = _protected_spans(text)
