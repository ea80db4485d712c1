"""What a line must hold for a rule pattern to match it: cheap guards for line rules.

Two guards, derived from the pattern itself:

- :func:`start_prefixes`: the literal beginnings of every match ("share",
  "read more", "(", digits). A prose line beginning "Laura Khoury told" is
  settled by ``str.startswith`` with a tuple, in C, before any of the
  patterns that cannot begin so are tried.
- :func:`scan_guard`, for the patterns that cannot be ruled out by their
  beginning:

A rule pattern is matched against whole lines, anchored at the start. Most
patterns begin with a word ("share", "read more") and fail on the first
letters of a prose line. A few begin by scanning the line, with ``.*``, an
optional group such as ``(?:.*[.,;|]\\s*)?`` before "all rights reserved", or
a long character-class repeat; those cost ~5-10 us to fail on a
250-character line. A few others begin as prose does: with any capital
letter (``[A-Z]...`` in "Name Name / Reuters"), so their beginnings let
every capitalised line of an article through to the pattern. When every
match of either kind must contain one of a few telling strings ("all
rights reserved", "©", "/" or "|"), substring tests (memory speed) settle
the prose lines first.

The analysis walks the stdlib's parse of the pattern (``re._parser``, the
parser ``re.compile`` itself uses). It is conservative: where it cannot
tell, it answers None and the pattern always runs.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from re import _parser
from re._constants import (
    ANY,
    ASSERT,
    AT,
    ATOMIC_GROUP,
    BRANCH,
    CATEGORY,
    CATEGORY_DIGIT,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    POSSESSIVE_REPEAT,
    RANGE,
    SUBPATTERN,
)
from typing import Iterable

_REPEATS = (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT)
#: A repeat of a character class longer than this at the start of a pattern scans the line.
_SCAN_LENGTH = 10
#: Guards shorter than this (and all ASCII) occur in too many lines to be worth testing...
_MIN_GUARD_LENGTH = 3
#: ...unless they hold none of the characters prose is made of ("/", "|", "&" are rare in prose lines).
_PROSE_CHARACTERS = frozenset(string.ascii_letters + string.digits + string.whitespace + ".,;:!?'\"()-")
#: A scan guard of several strings (a line must hold one of them) has at most this many, each made
#: of characters prose lacks ("/" or "|"): words that one of several may stand for are seldom
#: rarer in prose than the pattern's beginnings.
_MAX_SCAN_GUARDS = 3


#: Stands for "any decimal digit" (``\\d``, which holds every script's digits) as a beginning.
DIGIT = "\0"
#: Beyond this many beginnings a pattern is not worth a start guard.
_MAX_PREFIXES = 400
#: Beginnings are cut to this length: a longer one rules out no more prose, and costs a longer test.
_LONGEST_BEGINNING = 10
#: A character class of at most this many characters gives its characters as beginnings.
_MAX_CLASS = 40


@lru_cache(maxsize=1024)
def _parse(pattern: str) -> list | None:
    """The stdlib's parse of ``pattern`` (both guards read it), or None if it is not valid."""
    try:
        return _items(_parser.parse(pattern, re.IGNORECASE))
    except re.error:
        return None


def _items(sequence) -> list:  # noqa: ANN001 (parser node)
    """The items of a parsed sequence, as a list.

    A ``SubPattern`` holds them in ``data``; iterating the ``SubPattern``
    itself costs a Python ``__getitem__`` call per item, which was most of
    the time deriving the guards of the packaged rules took.
    """
    return sequence.data if isinstance(sequence, _parser.SubPattern) else list(sequence)


def start_prefixes(pattern: str) -> frozenset[str] | None:
    """Lower-case strings every match of ``pattern`` begins with, or None when any beginning is possible.

    Valid for ``re.IGNORECASE`` matching at the start of a line lower-cased
    with ``str.lower`` (see :func:`scan_guard` for the few characters where
    that does not hold).
    """
    items = _parse(pattern)
    if items is None:
        return None
    prefixes = _beginnings(items)
    if prefixes is None or "" in prefixes:
        return None
    prefixes = shortest_prefixes(prefix[:_LONGEST_BEGINNING] for prefix in prefixes)
    return None if len(prefixes) > _MAX_PREFIXES else prefixes


def shortest_prefixes(prefixes: Iterable[str]) -> frozenset[str]:
    """``prefixes`` without those that begin with another of them: a line begins with one of either set or none."""
    kept: list[str] = []
    for prefix in sorted(set(prefixes)):  # a prefix sorts before the strings it begins
        if not kept or not prefix.startswith(kept[-1]):
            kept.append(prefix)
    return frozenset(kept)


def _beginnings(items: list) -> frozenset[str] | None:
    """Beginnings of every match of a sequence: the literals it opens with, then its first open part's."""
    literals: list[str] = []
    for index, (op, arg) in enumerate(items):
        if op is LITERAL and _foldable(arg):
            literals.append(chr(arg).lower())
            continue
        if op is AT:  # zero width: \b, ^
            continue
        prefix = "".join(literals)
        whole = _strings([(op, arg)])
        if whole is not None:  # a few fixed strings ("(?:this |the )?"): each, then what follows them
            joined = _joined(prefix, whole, _beginnings(items[index + 1 :]))
            if joined is not None:
                return joined
        if op in _REPEATS and arg[0] == 0:  # optional: its beginnings, or what follows
            body, rest = _beginnings(_items(arg[2])), _beginnings(items[index + 1 :])
            if body is None or rest is None:
                return _known(prefix)
            return frozenset(_join(prefix, b) for b in body | rest)
        first = _first_beginnings(op, arg)
        if first is None:
            return _known(prefix)
        return frozenset(_join(prefix, b) for b in first)
    return frozenset({"".join(literals)})


def _strings(items: list) -> frozenset[str] | None:
    """Every string a run of literals, alternations of them and optional parts matches, when they are few."""
    strings = frozenset({""})
    for op, arg in items:
        if op is AT:  # zero width
            continue
        if op is LITERAL and _foldable(arg):
            part = frozenset({chr(arg).lower()})
        elif op is SUBPATTERN:
            part = _strings(_items(arg[3]))
        elif op is BRANCH:
            branches = [_strings(_items(branch)) for branch in arg[1]]
            part = None if any(b is None for b in branches) else frozenset().union(*branches)
        elif op in _REPEATS and arg[0] == 0 and arg[1] == 1:
            body = _strings(_items(arg[2]))
            part = None if body is None else body | {""}
        else:
            return None
        if part is None or len(strings) * len(part) > _MAX_PREFIXES:
            return None
        strings = frozenset(s + p for s in strings for p in part)
    return strings


def _joined(prefix: str, strings: frozenset[str], following: frozenset[str] | None) -> frozenset[str] | None:
    """``prefix``, then each of ``strings``, then each beginning of what follows them (when known), if few."""
    if following is None:
        return frozenset(prefix + s for s in strings)
    length = max(map(len, following), default=0)
    while len(strings) * len(following) > _MAX_PREFIXES and length > 1:
        length -= 1  # shorter beginnings of what follows: fewer, and still beginnings
        following = frozenset(b[:length] for b in following)
    if len(strings) * len(following) > _MAX_PREFIXES:
        return None
    return frozenset(_join(prefix + s, b) for s in strings for b in following)


def _join(prefix: str, beginning: str) -> str:
    """``prefix + beginning``; a digit after a literal adds nothing a string test can use."""
    if beginning.startswith(DIGIT):
        return prefix or DIGIT
    return prefix + beginning


def _known(prefix: str) -> frozenset[str] | None:
    return frozenset({prefix}) if prefix else None


def _first_beginnings(op, arg) -> frozenset[str] | None:  # noqa: ANN001 (parser node)
    if op is SUBPATTERN:
        return _beginnings(_items(arg[3]))
    if op is BRANCH:
        branches = [_beginnings(_items(branch)) for branch in arg[1]]
        return None if any(b is None for b in branches) else frozenset().union(*branches)
    if op in _REPEATS:  # at least once: the body's beginnings
        return _beginnings(_items(arg[2]))
    if op is IN:
        return _class_characters(arg)
    return None


def _class_characters(members: list) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, arg in members:
        if op is LITERAL and _foldable(arg):
            chars.add(chr(arg).lower())
        elif op is RANGE and arg[1] - arg[0] < _MAX_CLASS and all(map(_foldable, range(arg[0], arg[1] + 1))):
            chars.update(chr(code).lower() for code in range(arg[0], arg[1] + 1))
        elif op is CATEGORY and arg is CATEGORY_DIGIT:
            chars.add(DIGIT)
        else:
            return None
    return frozenset(chars) if len(chars) <= _MAX_CLASS else None


def scan_guard(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``pattern`` holds, when testing for them beats its beginning.

    That is when the pattern scans the line, or when its beginnings rule no
    prose out (any beginning, or single letters). None when the pattern
    fails fast on prose anyway, or when what it requires is not one telling
    string nor up to :data:`_MAX_SCAN_GUARDS` strings of characters prose
    lacks (the separator class of "Name / Agency" and "Name | Agency").
    Sorted, so a guard table is the same from one derivation to the next.
    The guard is valid for ``re.IGNORECASE`` matching against text
    lower-cased with ``str.lower``, unless the text holds one of the
    characters case folding equates with an ASCII letter and ``lower`` does
    not (the caller then runs the pattern itself).
    """
    items = _parse(pattern)
    if items is None or not (_scans(items) or _begins_as_prose_does(pattern)):
        return None
    required = _required(items)
    if required is None:
        return None
    if len(required) == 1:
        (guard,) = required
        telling = len(guard) >= _MIN_GUARD_LENGTH or not guard.isascii() or _PROSE_CHARACTERS.isdisjoint(guard)
    else:
        telling = len(required) <= _MAX_SCAN_GUARDS and all(map(_PROSE_CHARACTERS.isdisjoint, required))
    return tuple(sorted(required)) if telling else None


def _begins_as_prose_does(pattern: str) -> bool:
    """Whether the pattern may begin anywhere, or only with single characters of which some are letters."""
    prefixes = start_prefixes(pattern)
    return prefixes is None or (all(len(p) == 1 for p in prefixes) and any(p.isalpha() for p in prefixes))


def _scans(items: list) -> bool:
    """Whether the pattern opens by consuming an open-ended run of characters."""
    if not items:
        return False
    op, arg = items[0]
    if op in _REPEATS:
        low, high, body = arg
        body = _items(body)
        if len(body) == 1 and body[0][0] in (ANY, IN) and high > _SCAN_LENGTH:
            return True
        return _scans(body) or (low == 0 and _scans(items[1:]))
    if op is SUBPATTERN:
        return _scans(_items(arg[3]))
    if op is BRANCH:
        return any(_scans(_items(branch)) for branch in arg[1])
    if op is ASSERT:
        return _scans(_items(arg[1]))
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
        return _required(_items(arg[3]))
    if op is ATOMIC_GROUP:
        return _required(_items(arg))
    if op in _REPEATS:
        return _required(_items(arg[2])) if arg[0] >= 1 else None
    if op is ASSERT:  # a positive look-around holds inside the line too
        return _required(_items(arg[1]))
    if op is BRANCH:
        branches = [_required(_items(branch)) for branch in arg[1]]
        if any(branch is None for branch in branches):
            return None
        return frozenset().union(*branches)
    if op is IN:  # a class of a few characters ("[/|]"): a match holds one of them
        characters = _class_characters(arg)
        return None if characters is None or DIGIT in characters else characters
    return None
