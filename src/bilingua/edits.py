"""Edits over the original text, and the one log that composes them.

Every stage looks at the current text and proposes :class:`Edit` objects
(span, replacement, kind). :class:`EditLog` applies a stage's edits and folds
them into a single list of changes expressed against the *original* input.
Metadata offsets, change counts and :func:`bilingua.restore` all derive from
that log, so no stage can lose text without it being recorded.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import itemgetter
from typing import Iterable, NamedTuple

from .charclasses import utf8


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the current text by ``replacement``.

    ``kind`` names the change counter it adds to (``quotes``, ``spaces`` ...);
    ``count`` is how many occurrences the edit stands for (one edit may
    replace a run of several characters).
    """

    start: int
    end: int
    replacement: str
    kind: str
    count: int = 1


@dataclass(slots=True)
class _Change:
    """``original[orig_start:orig_end]`` became ``text`` in the current text."""

    orig_start: int
    orig_end: int
    text: str


def join_touching(deletions: Iterable[Edit], text: str = "", between: frozenset[str] = frozenset()) -> list[Edit]:
    """Join deletions that overlap or touch (two removals sharing a newline).

    With ``text`` (the text they delete from) and ``between``, two deletions
    with only ``between`` characters left between them are joined too, so
    nothing is left dangling between them.
    """
    joined: list[Edit] = []
    for edit in sorted(deletions, key=lambda e: (e.start, e.end)):
        if joined and (edit.start <= joined[-1].end
                       or (between and between.issuperset(text[joined[-1].end : edit.start]))):
            last = joined[-1]
            joined[-1] = Edit(last.start, max(last.end, edit.end), "", last.kind, last.count + edit.count)
        else:
            joined.append(edit)
    return joined


#: Sort key of edits: their span.
_SPAN = itemgetter(0, 1)


class EditConflict(ValueError):
    """A stage proposed overlapping edits: a bug in that stage, never user error."""


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (sorted by span, not overlapping) made; nothing is logged.

    The log applies a stage's edits with this; a stage may also use it to
    look at the text its edits would give before it proposes more.
    """
    pieces: list[str] = []
    pos = 0
    size = len(text)
    for start, end, replacement, _kind, _count in edits:  # unpacked: a field read by name costs a call each
        if start < pos or end < start or end > size:
            edit = Edit(start, end, replacement, _kind, _count)
            raise EditConflict(f"edit {edit!r} overlaps another or leaves the text")
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _carry(old: list[_Change], starts: list[int], ends: list[int], begin: int, end: int, shift: int,
           changes: list[_Change], new_starts: list[int], new_ends: list[int]) -> None:
    """Carry ``old[begin:end]``, untouched by a stage, into the new log, moved by ``shift``."""
    changes.extend(old[begin:end])
    if shift:
        new_starts.extend([pos + shift for pos in starts[begin:end]])
        new_ends.extend([pos + shift for pos in ends[begin:end]])
    else:
        new_starts.extend(starts[begin:end])
        new_ends.extend(ends[begin:end])


class EditLog:
    """The composed record of every edit made to one document.

    The log holds non-overlapping changes sorted by position in the original.
    Applying a stage's edits merges them with earlier changes they touch, so
    the log always maps the original input to the current text exactly.
    """

    __slots__ = ("original", "text", "_changes", "_cur_starts", "_cur_ends")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self._changes: list[_Change] = []
        self._cur_starts: list[int] = []
        self._cur_ends: list[int] = []

    # -- applying -----------------------------------------------------------
    def apply(self, edits: Iterable[Edit]) -> list[Edit]:
        """Apply edits proposed against the current text; return those that changed it, sorted by span.

        An edit that replaces text by the same text is left out here, once,
        so the caller counts exactly what the log recorded.
        """
        text = self.text
        edits = sorted([e for e in edits if e[2] != text[e[0] : e[1]]], key=_SPAN)  # replacement, start, end
        if not edits:
            return edits
        new_text = apply_edits(text, edits)
        self._merge(edits, new_text)
        self.text = new_text
        return edits

    def _merge(self, edits: list[Edit], new_text: str) -> None:
        """Fold ``edits`` (current coordinates) into the changes (original coordinates).

        A new edit merges with the earlier changes it overlaps; changes that
        merely touch it stay separate, so offsets stay as fine as the edits.
        The changes' positions in the new text are worked out on the way.
        Changes between edits are carried over in slices found by bisection:
        a stage with a few edits over a long log costs a few steps, not one
        per change.
        """
        old = self._changes
        if not old:
            self._first_changes(edits)
            return
        starts, ends = self._cur_starts, self._cur_ends
        original = self.original
        merged: list[_Change] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        i = 0  # next old change not yet placed
        new_shift = 0  # new - current, before new edit j
        j = 0
        n_old, n_new = len(old), len(edits)
        while j < n_new:
            group_start, group_end, replacement, _, _ = edits[j]
            before = bisect_right(ends, group_start, i)  # old changes ending by the edit's start
            if before > i:
                _carry(old, starts, ends, i, before, new_shift, merged, new_starts, new_ends)
                i = before
            j += 1
            if (i == n_old or starts[i] >= group_end) and (j == n_new or edits[j][0] >= group_end):
                # The edit overlaps no change and no other edit (the common
                # case): the original under it is the current text it
                # replaces, which ``apply`` made sure differs.
                shift = self._shift_before(i)
                merged.append(_Change(group_start - shift, group_end - shift, replacement))
                new_starts.append(group_start + new_shift)
                new_shift += len(replacement) - (group_end - group_start)
                new_ends.append(group_end + new_shift)
                continue
            first_old, group_new_shift = i, new_shift
            new_shift += len(replacement) - (group_end - group_start)
            while True:  # grow the group over everything that overlaps it
                grew = False
                while i < n_old and starts[i] < group_end:
                    if starts[i] < group_start:
                        group_start = starts[i]
                    if ends[i] > group_end:
                        group_end = ends[i]
                    i += 1
                    grew = True
                while j < n_new and edits[j].start < group_end:
                    edit = edits[j]
                    if edit.end > group_end:
                        group_end = edit.end
                    new_shift += len(edit.replacement) - (edit.end - edit.start)
                    j += 1
                    grew = True
                if not grew:
                    break
            if first_old < i and starts[first_old] == group_start:
                orig_start = old[first_old].orig_start
            else:
                orig_start = group_start - self._shift_before(first_old)
            if first_old < i and ends[i - 1] == group_end:
                orig_end = old[i - 1].orig_end
            else:
                orig_end = group_end - self._shift_before(i)
            out_start, out_end = group_start + group_new_shift, group_end + new_shift
            out = new_text[out_start:out_end]
            if out != original[orig_start:orig_end]:
                merged.append(_Change(orig_start, orig_end, out))
                new_starts.append(out_start)
                new_ends.append(out_end)
        if i < n_old:
            _carry(old, starts, ends, i, n_old, new_shift, merged, new_starts, new_ends)
        self._changes = merged
        self._cur_starts, self._cur_ends = new_starts, new_ends

    def _first_changes(self, edits: list[Edit]) -> None:
        """The log's first changes: the edits themselves, the text still being the original.

        Edits neither overlap nor repeat what they replace (``apply`` left
        those out), so each is a change of its own, at its own offsets.
        """
        changes = []
        new_starts = []
        new_ends = []
        shift = 0
        for start, end, replacement, _kind, _count in edits:
            changes.append(_Change(start, end, replacement))
            new_starts.append(start + shift)
            shift += len(replacement) - (end - start)
            new_ends.append(end + shift)
        self._changes = changes
        self._cur_starts, self._cur_ends = new_starts, new_ends

    # -- mapping current positions back to the input ------------------------
    def _shift_before(self, index: int) -> int:
        """Current minus original offset just before change ``index``."""
        if index == 0:
            return 0
        change = self._changes[index - 1]
        return self._cur_ends[index - 1] - change.orig_end

    def original_start(self, pos: int) -> int:
        """Input offset where a span starting at current ``pos`` begins."""
        k = bisect_right(self._cur_ends, pos)  # first change ending after pos
        if k < len(self._changes) and self._cur_starts[k] <= pos:
            return self._changes[k].orig_start
        return pos - self._shift_before(k)

    def original_end(self, pos: int) -> int:
        """Input offset where a span ending at current ``pos`` ends."""
        k = bisect_left(self._cur_starts, pos)  # changes before k start before pos
        if k > 0 and self._cur_ends[k - 1] >= pos:
            return self._changes[k - 1].orig_end
        return pos - self._shift_before(k)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The input span that produced ``text[start:end]`` of the current text."""
        orig_start = self.original_start(start)
        return orig_start, max(orig_start, self.original_end(end))

    # -- export -------------------------------------------------------------
    def changes(self) -> tuple[tuple[int, int, str], ...]:
        """The changes so far as ``(orig_start, orig_end, replacement)``, in order."""
        return tuple((c.orig_start, c.orig_end, c.text) for c in self._changes)

    def export(self) -> list[list]:
        """The log as JSON-ready ``[start, end, original, replacement]`` rows."""
        return [
            [c.orig_start, c.orig_end, self.original[c.orig_start : c.orig_end], c.text]
            for c in self._changes
        ]


def restore(text: str, meta: dict) -> str:
    """Rebuild the input that :func:`bilingua.clean` turned into ``text``.

    ``meta`` is the result's metadata (or any dict with its ``edits``; its
    ``hash``, when present, is checked too). Raises :class:`ValueError` when
    the text and the metadata do not belong together.
    """
    try:
        rows = meta["edits"]
    except (KeyError, TypeError):
        raise ValueError("restore() needs the record's metadata: a dict with an 'edits' list") from None
    pieces: list[str] = []
    pos = 0  # position in the cleaned text
    shift = 0  # cleaned - original, before the current row
    for row in rows:
        start, end, original, replacement = row
        out_start = start + shift
        if out_start < pos or text[out_start : out_start + len(replacement)] != replacement:
            raise ValueError(
                f"the cleaned text does not match its metadata at offset {out_start}: "
                "was the text changed after cleaning?"
            )
        pieces.append(text[pos:out_start])
        pieces.append(original)
        pos = out_start + len(replacement)
        shift += len(replacement) - (end - start)
    pieces.append(text[pos:])
    if "hash" in meta and text_hash(text) != meta["hash"]:
        raise ValueError("the cleaned text does not match its metadata's hash: was the text changed after cleaning?")
    return "".join(pieces)


def text_hash(text: str) -> str:
    """The ``hash`` of the metadata: blake2b-128 of the UTF-8 text, in hex."""
    return hashlib.blake2b(utf8(text), digest_size=16).hexdigest()
