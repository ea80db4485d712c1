"""Layout stage (policy sections 4 and 7): spaces and blank lines.

Runs last, after fragments and furniture lines were taken out, so the gaps
they leave are closed here in one pass over the whitespace runs that need it.
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import Iterator

from ..charclasses import lines_of
from ..document import Document
from ..edits import Edit

#: Whole runs of spaces and line breaks two characters long or more: every
#: run that needs a change (trailing or leading spaces, blank lines, two
#: spaces), and the blank lines between paragraphs, which do not and are
#: passed over. Beginning with a character class lets ``re`` jump from
#: candidate to candidate in C; a pattern that told the runs apart itself
#: (a look-behind for the start of a run, a look-ahead for a blank line)
#: ran its look-arounds at every character, 4-7x slower.
_WHITESPACE_RUN = re.compile(r"[ \n][ \n]+")
_BLANK_LINE = "\n\n"
_EDGE = " \n"


def _kind(run: str) -> str:
    return "blank_lines" if run.count("\n") > 1 else "spaces"


def _replacement(run: str) -> str:
    breaks = run.count("\n")
    if breaks == 0:
        return " "
    return "\n" if breaks == 1 else "\n\n"


def _may_need_work(text: str) -> bool:
    """Whether ``text`` holds "  ", " \\n", "\\n " or "\\n\\n\\n": without one, no inner run needs a change.

    Asked of the lines (a line ending or beginning with a space, two empty
    lines in a row) with C-level maps rather than four substring searches
    of the whole text, which cost ~1.3 ns a character each; the regex scan
    these spare costs ~10.
    """
    if "  " in text:
        return True
    lines = lines_of(text)
    if len(lines) == 1:
        return False
    return (
        any(map(str.endswith, lines[:-1], repeat(" ")))
        or any(map(str.startswith, lines[1:], repeat(" ")))
        or b"\0\0" in bytes(map(bool, lines[1:-1]))
    )


def _runs_to_rewrite(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Span and text of every whole whitespace run in ``text[start:end]`` that needs a change."""
    for match in _WHITESPACE_RUN.finditer(text, start, end):
        run = match.group()
        if run != _BLANK_LINE:
            yield match.start(), match.end(), run


def normalize_layout(doc: Document) -> None:
    """Collapse spaces, trim lines, keep at most one blank line, strip the edges.

    The edges are cut by ``str.strip`` arithmetic; the inner runs are only
    scanned when one of the substrings that need work is in the text, which
    in clean paragraphs separated by one blank line is never.
    """
    text = doc.text
    size = len(text)
    start = size - len(text.lstrip(_EDGE))
    end = len(text.rstrip(_EDGE))
    edits = []
    if start:
        edits.append(Edit(0, start, "", _kind(text[:start])))
    if end < size and end > start:
        edits.append(Edit(end, size, "", _kind(text[end:])))
    if end > start and _may_need_work(text):
        for run_start, run_end, run in _runs_to_rewrite(text, start, end):
            edits.append(Edit(run_start, run_end, _replacement(run), _kind(run)))
    if edits:
        doc.apply(edits)
