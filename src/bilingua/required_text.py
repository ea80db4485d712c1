"""The text a scanning pattern cannot match without: a cheap guard for line rules.

A rule pattern is matched against whole lines, anchored at the start. Most
patterns begin with a word ("share", "read more") and fail on the first
letters of a prose line. A few begin by scanning the line, with ``.*``, an
optional group such as ``(?:.*[.,;|]\\s*)?`` before "all rights reserved", or
a long character-class repeat; those cost ~5-10 us to fail on a
250-character line. When every match of such a pattern must contain one
telling string ("all rights reserved", "©"), a substring test (memory
speed) settles the prose lines first.

The analysis walks the stdlib's parse of the pattern (``re._parser``, the
parser ``re.compile`` itself uses). It is conservative: where it cannot
tell, it answers None and the pattern always runs.
"""

from __future__ import annotations

import re
from re import _parser
from re._constants import (
    ANY,
    ASSERT,
    ATOMIC_GROUP,
    BRANCH,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    POSSESSIVE_REPEAT,
    SUBPATTERN,
)

_REPEATS = (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT)
#: A repeat of a character class longer than this at the start of a pattern scans the line.
_SCAN_LENGTH = 10
#: Guards shorter than this (and all ASCII) occur in too many lines to be worth testing.
_MIN_GUARD_LENGTH = 3


def scan_guard(pattern: str) -> str | None:
    """The lower-case string every match of ``pattern`` holds, when ``pattern`` scans the line.

    None when the pattern fails fast anyway, or when no single telling
    string is required. The guard is valid for ``re.IGNORECASE`` matching
    against text lower-cased with ``str.lower``, unless the text holds one of
    the characters case folding equates with an ASCII letter and ``lower``
    does not (the caller then runs the pattern itself).
    """
    try:
        items = list(_parser.parse(pattern, re.IGNORECASE))
    except re.error:
        return None
    if not _scans(items):
        return None
    required = _required(items)
    if required is None or len(required) != 1:
        return None
    (guard,) = required
    return guard if len(guard) >= _MIN_GUARD_LENGTH or not guard.isascii() else None


def _scans(items: list) -> bool:
    """Whether the pattern opens by consuming an open-ended run of characters."""
    if not items:
        return False
    op, arg = items[0]
    if op in _REPEATS:
        low, high, body = arg
        body = list(body)
        if len(body) == 1 and body[0][0] in (ANY, IN) and high > _SCAN_LENGTH:
            return True
        return _scans(body) or (low == 0 and _scans(items[1:]))
    if op is SUBPATTERN:
        return _scans(list(arg[3]))
    if op is BRANCH:
        return any(_scans(list(branch)) for branch in arg[1])
    if op is ASSERT:
        return _scans(list(arg[1]))
    return False


def _foldable(code: int) -> bool:
    """A literal ``str.lower`` folds as ``re.IGNORECASE`` does: ASCII, or a character without case."""
    ch = chr(code)
    return ch.isascii() or ch.lower() == ch.upper() == ch


def _better(new: frozenset[str] | None, old: frozenset[str] | None) -> bool:
    """Fewer alternatives first (one string is a guard), then a longer shortest string."""
    if new is None:
        return False
    if old is None:
        return True
    return (-len(new), min(map(len, new))) > (-len(old), min(map(len, old)))


def _required(items: list) -> frozenset[str] | None:
    """Strings one of which every match of the sequence holds: the best of its parts'."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is LITERAL and _foldable(arg):
            run.append(chr(arg).lower())
            continue
        if run:
            candidate = frozenset({"".join(run)})
            best = candidate if _better(candidate, best) else best
            run = []
        candidate = _part(op, arg)
        best = candidate if _better(candidate, best) else best
    return best


def _part(op, arg) -> frozenset[str] | None:  # noqa: ANN001 (parser node)
    if op is SUBPATTERN:
        return _required(list(arg[3]))
    if op is ATOMIC_GROUP:
        return _required(list(arg))
    if op in _REPEATS:
        return _required(list(arg[2])) if arg[0] >= 1 else None
    if op is ASSERT:  # a positive look-around holds inside the line too
        return _required(list(arg[1]))
    if op is BRANCH:
        branches = [_required(list(branch)) for branch in arg[1]]
        if any(branch is None for branch in branches):
            return None
        return frozenset().union(*branches)
    return None
