"""Boilerplate stage (policy section 6): page-furniture lines, by rule.

Rules match whole lines only, so prose that merely starts like furniture
("Share prices rose 3% on Monday.") never matches. Rules marked ``edge``
apply only in the furniture zones: the runs of furniture and blank lines at
the head and at the tail of the document; rules marked ``beside`` there, and
mid-article on a line next to other furniture.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Callable

import regex

from ..charclasses import has_arabic, lines_of
from ..document import Document, RemovedLine
from ..edits import Edit, join_touching
from ..rules import PIECE_SEPARATOR, Rule, RuleSet


def _line_starts(lines: list[str]) -> list[int]:
    """Offset of each line in the text the lines were split from (only wanted once furniture is found)."""
    return list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))


def _matcher(doc: Document, rules: RuleSet) -> Callable[[str, bool], Rule | None]:
    """Line -> rule, for the document's language."""
    if not doc.mainly_arabic:
        return rules.match_english_line

    def match(line: str, at_edge: bool) -> Rule | None:
        if has_arabic(line):
            rule = _arabic_line_rule(line, rules, at_edge)
            return rule if rule is not None and (at_edge or rule.where != "edge") else None
        return rules.match_english_line(line, at_edge)

    return match


def _arabic_line_rule(line: str, rules: RuleSet, at_edge: bool) -> Rule | None:
    """The rule of a line of a mainly-Arabic document that holds Arabic: a label, or a label opening it."""
    length = len(line.strip())
    if length <= rules.longest_arabic_line:  # longer: a paragraph, most lines of an Arabic article
        rule = rules.match_arabic(line)
        if rule is None and _LATIN_LETTER.search(line):
            rule = _mixed_label(line, rules, at_edge)
        if rule is not None and length <= rule.max_length:
            return rule
    # A label opening a line of text is furniture in the furniture zones only: mid-article such a
    # line may be prose ("الصورة: قاتمة ..." is "the picture: bleak ...").
    return rules.match_arabic_opening(line) if at_edge else None


_LATIN_LETTER = regex.compile(r"\p{Latin}")


def _mixed_label(line: str, rules: RuleSet, at_edge: bool) -> Rule | None:
    """The rule of an Arabic label written with Latin names (``شارك عبر WhatsApp``, ``تابعونا على X``).

    Its Arabic words must be a label and its Latin words English furniture
    on their own (network names, "Read more"); the Arabic rule names it.
    """
    words = line.split()
    latin = " ".join(word for word in words if _LATIN_LETTER.search(word))
    arabic = " ".join(word for word in words if not _LATIN_LETTER.search(word))
    rule = rules.match_arabic(arabic)
    if rule is None or rules.match_english_line(latin, at_edge) is None:
        return None
    return rule


def _peel(lines: list[str], order: range, match, found: dict[int, Rule]) -> int:
    """Walk lines in ``order`` while they are blank or edge furniture; return where it stopped.

    The furniture zone at the head (order forwards) or the tail (backwards)
    is that run; its furniture lines go into ``found``.
    """
    for index in order:
        line = lines[index]
        if line and not line.isspace():
            rule = match(line, True)
            if rule is None:
                return index
            found[index] = rule
    return order.stop


def _keep_lone_words(lines: list[str], found: dict[int, Rule], head: int, tail: int) -> None:
    """Take back the mid-article lines of ``beside`` rules that no furniture line stands next to.

    "Outlook", "Jobs" or "Details" alone between two paragraphs is a
    subheading; in a column of share buttons or footer links it is one of
    them. A line's neighbours are the nearest non-blank lines before and
    after it. It stays furniture when one of them was found to be furniture
    before any line is taken back (two such words side by side are a
    column), or when both are short labels, as the other links of a
    site's footer are ("Obituaries" and "Autos" around "Jobs"); one short
    line, a date under "Details", is not enough. A line of several pieces
    ("Contact | Jobs") is furniture on its own.
    """
    lone = [index for index, rule in found.items()
            if rule.where == "beside" and head < index < tail and PIECE_SEPARATOR.search(lines[index]) is None]
    if not lone:
        return
    furniture = set(found)
    for index in lone:
        neighbours = [_nearest_text(lines, index, -1), _nearest_text(lines, index, 1)]
        if any(neighbour in furniture for neighbour in neighbours):
            continue
        if not all(neighbour is not None and _short_label(lines[neighbour]) for neighbour in neighbours):
            del found[index]


#: A line of a column of links: at most this many characters and words, and no sentence punctuation at its end.
_LABEL_CHARACTERS = 40
_LABEL_WORDS = 4


def _short_label(line: str) -> bool:
    """Whether ``line`` reads as a link or a label ("Press Center", "Shop the TIME Store"), not as a sentence."""
    line = line.strip()
    return len(line) <= _LABEL_CHARACTERS and len(line.split()) <= _LABEL_WORDS and line[-1] not in ".!?:;,"


def _nearest_text(lines: list[str], index: int, step: int) -> int | None:
    """The index of the nearest non-blank line before (step -1) or after (step 1) line ``index``."""
    index += step
    while 0 <= index < len(lines):
        if lines[index] and not lines[index].isspace():
            return index
        index += step
    return None


def remove_boilerplate(doc: Document, rules: RuleSet) -> None:
    """Take out furniture lines and report each with its rule id and input offsets."""
    text = doc.text
    lines = lines_of(text)
    match = _matcher(doc, rules)
    found: dict[int, Rule] = {}
    head = _peel(lines, range(len(lines)), match, found)
    tail = _peel(lines, range(len(lines) - 1, head, -1), match, found)
    # The lines the peels stopped at are no furniture at the edge, where
    # every rule applies; between them only the "anywhere" rules do.
    for index in range(head + 1, tail):
        line = lines[index]
        if line and not line.isspace():
            rule = match(line, False)
            if rule is not None:
                found[index] = rule
    _keep_lone_words(lines, found, head, tail)
    if not found:
        return
    if len(found) == sum(1 for line in lines if line and not line.isspace()):
        # Every line is furniture: there is no article for it to be the
        # furniture of ("ok", "x", "ABC" alone are a record's text, not a
        # button). The document stays as it is rather than becoming empty.
        return
    starts = _line_starts(lines)
    edits = []
    for index in sorted(found):
        line = lines[index]
        start = starts[index]
        end = start + len(line)
        content_start = start + len(line) - len(line.lstrip())
        content_end = start + len(line.rstrip())
        orig_start, orig_end = doc.log.original_span(content_start, content_end)
        doc.removed.append(RemovedLine(doc.original[orig_start:orig_end], orig_start, orig_end, found[index].id))
        cut = (start, end + 1) if end < len(text) else (max(start - 1, 0), end)
        edits.append(Edit(*cut, "", "boilerplate"))
    doc.apply(join_touching(edits))
