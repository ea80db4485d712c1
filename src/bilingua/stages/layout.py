"""Layout stage (policy sections 4 and 7): spaces and blank lines.

Runs last, after fragments and furniture lines were taken out, so the gaps
they leave are closed here in one pass over the whitespace runs that need it.
"""

from __future__ import annotations

import re

from ..document import Document
from ..edits import Edit

# Whitespace runs that may need a change: at the very start or end, around a
# line break (trailing/leading spaces, blank lines), or two spaces or more.
_WHITESPACE = re.compile(r"\A[ \n]+|[ \n]+\Z|[ \n]*\n[ \n]*| {2,}")
#: Substrings without which no run needs a change (each found at memchr speed).
_NEEDS_WORK = ("  ", " \n", "\n ", "\n\n\n")


def _replacement(run: str, at_edge: bool) -> str:
    if at_edge:
        return ""
    breaks = run.count("\n")
    if breaks == 0:
        return " "
    return "\n" if breaks == 1 else "\n\n"


def normalize_layout(doc: Document) -> None:
    """Collapse spaces, trim lines, keep at most one blank line, strip the edges."""
    text = doc.text
    size = len(text)
    if not size or (
        text[0] not in " \n" and text[-1] not in " \n" and not any(s in text for s in _NEEDS_WORK)
    ):
        return
    edits = []
    for match in _WHITESPACE.finditer(text):
        start, end = match.span()
        run = match.group()
        replacement = _replacement(run, start == 0 or end == size)
        if replacement != run:
            kind = "blank_lines" if run.count("\n") > 1 else "spaces"
            edits.append(Edit(start, end, replacement, kind))
    doc.apply(edits)
