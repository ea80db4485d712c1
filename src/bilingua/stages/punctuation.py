"""Punctuation stage (policy section 4), for English text.

Characters are mapped first (quotes, dashes, Arabic punctuation and digits),
then spacing is fixed on the mapped text, with double quotes paired per
paragraph to tell an opening quote from a closing one. Arabic fragments left
in the text, URLs and e-mail addresses are never touched.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import repeat
from operator import itemgetter

from ..charclasses import EMAIL, URL, has_arabic, non_ascii, occurrences, utf8
from ..document import Document
from ..edits import Edit, apply_edits
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
#: Every mapped character is non-ASCII: the document's few non-ASCII
#: characters say which of them occur, and ``str.find`` (a C loop) finds each.
_MAPPED = frozenset(_CHAR_MAP)

#: Closing punctuation, and what may follow it when it ends a clause (so
#: ".NET", "...", ".5" and "3 .5" keep their space). A comma, "!" or "?"
#: also ends one before a letter or digit (scraped text loses the line break
#: after a question: "in Paris ?Tebogo: ..."), and a colon before a digit
#: ("10 :30"); ":D", ";echo" keep their space.
_CLOSING_FOLLOWERS = {
    **dict.fromkeys(")]}", None),
    **dict.fromkeys(",;:!?", "\"')]}.,;:!?"),
    ".": "\"')]}",
}
_BEFORE_WORDS = frozenset(",!?")
_OPENING = "([{"
_MAX_SPACING_ROUNDS = 4


def _protected_spans(text: str, may_hold_arabic: bool = True) -> list[tuple[int, int]]:
    """Spans never touched (URLs, e-mail addresses, Arabic runs kept in the text), sorted and disjoint.

    Each pattern only runs when its cheap hint is in the text;
    ``may_hold_arabic=False`` skips the look for Arabic (the stage adds none).
    """
    spans = []
    if "://" in text or "www." in text:
        spans.extend(m.span() for m in URL.finditer(text))
    if "@" in text:
        spans.extend(m.span() for m in EMAIL.finditer(text))
    if may_hold_arabic and has_arabic(text):
        spans.extend(arabic_runs(text))
    if len(spans) < 2:
        return spans
    disjoint: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if disjoint and start <= disjoint[-1][1]:
            disjoint[-1] = (disjoint[-1][0], max(end, disjoint[-1][1]))
        else:
            disjoint.append((start, end))
    return disjoint


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` meets none of ``spans`` (sorted, disjoint): found by bisection,
    since an article may keep thousands of Arabic fragments and hold as many edits."""
    first_ending_after = bisect_right(spans, start, key=_END)
    return first_ending_after == len(spans) or spans[first_ending_after][0] >= end


_END = itemgetter(1)


def _char_edits(text: str, protected: list[tuple[int, int]]) -> list[Edit]:
    edits = []
    for ch in _MAPPED.intersection(non_ascii(text)):
        replacement, kind = _CHAR_MAP[ch]
        for pos in occurrences(text, ch):
            if not protected or _outside(protected, pos, pos + 1):
                edits.append(Edit(pos, pos + 1, replacement, kind))
    edits.sort(key=lambda edit: edit.start)
    return edits


def _pairing_contradicts_line(line: str, quotes: list[int]) -> bool:
    """Whether a quote the pairing calls opening sits like a closing one, or back.

    ``The 12" pipe " burst.`` pairs ``12"`` as an opener, but it hangs on the
    word before it and has a space after it: the pairing is wrong (it is an
    inch mark), so the line is left as written.
    """
    last = len(line) - 1
    for pos in quotes[0::2]:  # opening
        if 0 < pos < last and line[pos + 1] == " " and line[pos - 1].isalnum():
            return True
    for pos in quotes[1::2]:  # closing
        if 0 < pos < last and line[pos - 1] == " " and line[pos + 1].isalnum():
            return True
    return False


def _quote_spacing_edits(text: str) -> list[tuple[int, int]]:
    """Spans of spaces that sit inside a pair of double quotes, per paragraph.

    A line with an odd number of quotes cannot be paired, unless leaving out
    the quotes that follow a digit (inch marks) makes the count even, or a
    last quote that opens a quotation continued in the next paragraph (each
    paragraph of a long quotation opens again, only the last closes): one
    opening the line, or after a full stop or a colon and before a capital.
    When no pairing fits the line, its quote spacing stays as it was.
    """
    return [] if _quotes_pair_tightly(text) else _quote_spacing_by_line(text)


#: What a quote opening a quotation continued in the next paragraph follows, a space between.
_BEFORE_AN_OPENING_QUOTE = frozenset(".:")


def _quote_spacing_by_line(text: str) -> list[tuple[int, int]]:
    """:func:`_quote_spacing_edits`, one line at a time."""
    spans = []
    line_start = 0
    for line in text.split("\n"):
        if '"' in line:
            quotes = list(occurrences(line, '"'))
            if len(quotes) % 2:
                # An odd count may hide inch marks ("a 12" pipe"): they do not pair.
                quotes = [pos for pos in quotes if not (pos and line[pos - 1].isdigit())]
            before = line[: quotes[-1]].rstrip(" ") if len(quotes) % 2 else None
            if before is not None and (not before or (
                line[quotes[-1] - 1] == " " and before[-1] in _BEFORE_AN_OPENING_QUOTE
                and line[quotes[-1] + 1 :].lstrip(" ")[:1].isupper()
            )):
                # A last quote opening the line, or after a sentence's full stop or a colon and
                # before a capital, opens a quotation that goes on in the next paragraph, which
                # opens again ('... she said. "Our house.'): the others pair. After a comma, "?"
                # or "!" it may close one ('rebuild, " she added', 'do? " Mattis said').
                opening = quotes.pop()
                quoted = len(line) - len(line[opening + 1 :].lstrip(" "))
                if opening + 1 < quoted < len(line):
                    spans.append((line_start + opening + 1, line_start + quoted))
            if len(quotes) % 2 == 0 and not _pairing_contradicts_line(line, quotes):
                size = len(line)
                for pos in quotes[0::2]:  # opening: pull the quoted text back
                    end = pos + 1
                    while end < size and line[end] == " ":
                        end += 1
                    if pos + 1 < end < size:
                        spans.append((line_start + pos + 1, line_start + end))
                for pos in quotes[1::2]:  # closing: pull the quote back to what it closes
                    start = pos
                    while start > 0 and line[start - 1] == " ":
                        start -= 1
                    if 0 < start < pos:
                        spans.append((line_start + start, line_start + pos))
        line_start += len(line) + 1
    return spans


def _quotes_pair_tightly(text: str) -> bool:
    """Whether every line's quotes pair up with no space just inside any pair: most text.

    Then :func:`_quote_spacing_edits` has nothing to do, and this is found
    with a split and C-level tests of the quoted parts instead of a walk
    over every quote. Paired over the whole text, a quoted part that holds
    no line break is a pair within one line; if every part is so (and the
    count is even), every line pairs as it would alone.
    """
    parts = text.split('"')
    if len(parts) % 2 == 0:
        return False
    quoted = parts[1::2]
    return (
        "\n" not in "".join(quoted)
        and not any(map(str.startswith, quoted, repeat(" ")))
        and not any(map(str.endswith, quoted, repeat(" ")))
    )


def _ends_clause(text: str, mark: int) -> bool:
    followers = _CLOSING_FOLLOWERS[text[mark]]
    if followers is None:
        return True
    if _in_spaced_ellipsis(text, mark):
        return False
    if mark + 1 == len(text):
        return True
    following = text[mark + 1]
    return (following.isspace() or following in followers or (following.isalnum() and text[mark] in _BEFORE_WORDS)
            or (following.isdigit() and text[mark] == ":"))


def _in_spaced_ellipsis(text: str, mark: int) -> bool:
    """Whether the full stop at ``mark`` is one of a spaced ellipsis (``told . . . nothing``), kept as written."""
    return text[mark] == "." and (text[mark + 1 : mark + 3] == " ." or text[max(mark - 2, 0) : mark] == ". ")


#: Closing marks become 0x01 and opening ones 0x02 in a byte copy of the
#: text, so one search for b" \x01" and one for b"\x02" find every
#: candidate: twelve searches for two-character strings cost ~40 us an article.
_MARK_CLASSES = bytes.maketrans(
    "".join(_CLOSING_FOLLOWERS).encode() + _OPENING.encode(),
    b"\x01" * len(_CLOSING_FOLLOWERS) + b"\x02" * len(_OPENING),
)
#: UTF-8 continuation bytes: a byte offset less their count before it is a character offset.
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


def _spacing_candidates(text: str) -> list[int]:
    """Character offsets of every space before a closing mark and every opening mark before a space."""
    data = utf8(text).translate(_MARK_CLASSES)
    # An opening mark is rare, a space everywhere: "\x02" is found at memory
    # speed and the byte after it checked, where a search for b"\x02 " stops at every space.
    hits = [pos + 1 for pos in occurrences(data, b" \x01")] + [
        pos for pos in occurrences(data, b"\x02") if data[pos + 1 : pos + 2] == b" "
    ]
    if hits and len(data) != len(text):
        # Counted from one hit to the next, not from the start each time: a long
        # line may hold thousands of them.
        hits.sort()
        offsets, chars, previous = [], 0, 0
        for pos in hits:
            chars += len(data[previous:pos].translate(None, _CONTINUATION_BYTES))
            previous = pos
            offsets.append(chars)
        hits = offsets
    return hits


def _punctuation_spacing_spans(text: str) -> list[tuple[int, int]]:
    """Spaces before closing and after opening punctuation."""
    spans = []
    for pos in _spacing_candidates(text):
        mark = text[pos]
        if mark in _OPENING:
            end = pos + 1
            while end < len(text) and text[end] == " ":
                end += 1
            spans.append((pos + 1, end))
        elif mark in _CLOSING_FOLLOWERS and _ends_clause(text, pos):
            start = pos - 1
            while start > 0 and text[start - 1] == " ":
                start -= 1
            spans.append((start, pos))
    return spans


def _spacing_spans(text: str) -> set[tuple[int, int]]:
    """Every span of spaces the spacing rules take out of ``text``; each rule looks within one line."""
    spans = set(_punctuation_spacing_spans(text))
    if '"' in text:
        spans.update(_quote_spacing_edits(text))
    return spans


def _spacing_edits(text: str, protected: list[tuple[int, int]], lines: list[tuple[int, int]] | None = None) -> list[Edit]:
    """The spacing edits of the whole text, or only of ``lines`` (spans of whole lines)."""
    if lines is None:
        spans = _spacing_spans(text)
    else:
        spans = set()
        for line_start, line_end in lines:
            spans.update((line_start + a, line_start + b) for a, b in _spacing_spans(text[line_start:line_end]))
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
    """Apply policy section 4 (characters, then spacing) to the document.

    Character edits replace one character by one (but "…"), so spacing is
    found on the mapped text at the same offsets and both go to the log in
    one step. Spacing only removes spaces, which are never mapped: the two
    kinds of edit never overlap.
    """
    text = doc.text
    arabic = has_arabic(text)  # what this stage writes is ASCII, dashes and spaces: never Arabic
    protected = _protected_spans(text, arabic)
    pending: list[Edit] = []
    if not text.isascii():
        pending = _char_edits(text, protected)
        if any(len(edit.replacement) != 1 for edit in pending):  # "…" -> "...": offsets move
            text = doc.apply(pending)
            pending = []
            protected = _protected_spans(text, arabic)
        elif pending:
            text = apply_edits(text, pending)  # one for one: offsets unchanged
    # Closing a gap can make a new one visible ('" .[ "' pairs differently
    # once ' .' is closed), so spacing runs until nothing changes; twice is
    # the usual most, the bound only guards against a rule that oscillates.
    # The rules look within one line, so a line the last round left as it
    # was has nothing new to show: later rounds look only at changed lines.
    lines = None
    for _ in range(_MAX_SPACING_ROUNDS):
        edits = _spacing_edits(text, protected, lines)
        if pending:
            doc.apply(pending + edits)
            pending = []
        elif edits:
            doc.apply(edits)
        if not edits:
            break
        text = doc.text
        protected = _protected_spans(text, arabic)
        lines = _lines_holding(text, _new_positions(edits))


def _new_positions(deletions: list[Edit]) -> list[int]:
    """Where each of ``deletions`` (sorted, not overlapping) left its gap in the new text."""
    positions = []
    removed = 0
    for edit in deletions:
        positions.append(edit.start - removed)
        removed += edit.end - edit.start
    return positions


def _lines_holding(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` holding ``positions`` (ascending), each once."""
    lines: list[tuple[int, int]] = []
    for pos in positions:
        if lines and pos <= lines[-1][1]:
            continue
        end = text.find("\n", pos)
        lines.append((text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end))
    return lines
