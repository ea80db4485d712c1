"""Layout stage (policy sections 4 and 7): spaces and blank lines.

Runs last, after fragments and furniture lines were taken out, so the gaps
they leave are closed here in one pass over the whitespace runs that need it.
"""

from __future__ import annotations

import re
from itertools import repeat

from ..document import Document
from ..edits import Edit

#: Whitespace runs inside the text that need a change: a whole run of spaces
#: and line breaks holding a line break (trailing/leading spaces, blank
#: lines) or two spaces or more, but not a run that already is one line
#: break or one blank line: those are most runs, and are skipped in C.
_INNER_WHITESPACE = re.compile(r"(?<![ \n])(?!\n\n?(?![ \n]))(?:[ \n]*\n[ \n]*| {2,})")
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
    lines = text.split("\n")
    if len(lines) == 1:
        return False
    return (
        any(map(str.endswith, lines[:-1], repeat(" ")))
        or any(map(str.startswith, lines[1:], repeat(" ")))
        or b"\0\0" in bytes(map(bool, lines[1:-1]))
    )


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
        for match in _INNER_WHITESPACE.finditer(text, start, end):
            run = match.group()
            edits.append(Edit(match.start(), match.end(), _replacement(run), _kind(run)))
    if edits:
        doc.apply(edits)
