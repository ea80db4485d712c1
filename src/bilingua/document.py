"""The working state of one document while the stages run over it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import Iterable, NamedTuple

from .edits import Edit, EditLog

#: Change kinds always present in ``meta["changes"]`` (a stable schema for
#: CSV/Parquet columns); stages may add others.
CHANGE_KINDS: tuple[str, ...] = (
    "mojibake", "html_entities", "quotes", "dashes", "ellipsis", "spaces", "line_breaks",
    "invisible", "controls", "tatweel", "presentation_forms", "fullwidth", "ligatures",
    "nfc", "digits", "arabic_punctuation", "punctuation_spacing", "blank_lines",
    "arabic_fragments", "boilerplate", "undecodable",
)


class ArabicFragment(NamedTuple):
    """One run of Arabic text found in a document (policy section 5)."""

    text: str
    start: int
    end: int
    role: str
    rule: str | None
    normalized: str
    translit: str

    def to_dict(self) -> dict:
        return {
            "text": self.text, "start": self.start, "end": self.end, "role": self.role,
            "rule": self.rule, "normalized": self.normalized, "translit": self.translit,
        }


class RemovedLine(NamedTuple):
    """A line of page furniture taken out by a boilerplate rule."""

    text: str
    start: int
    end: int
    rule: str

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "rule": self.rule}


@dataclass(slots=True)
class Document:
    """One input string, its edit log and what the stages found in it."""

    log: EditLog
    counts: dict[str, int] = field(default_factory=dict)
    fragments: list[ArabicFragment] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    lang: str = "und"
    lang_score: float = 0.0
    script_ratio: dict[str, float] = field(default_factory=lambda: {"latin": 0.0, "arabic": 0.0, "other": 0.0})
    mainly_arabic: bool = False
    encoding: str | None = None
    #: The log's changes right after the first encoding repair (see :meth:`repaired_text`).
    repaired: tuple[tuple[int, int, str], ...] | None = None

    @classmethod
    def from_text(cls, text: str) -> "Document":
        return cls(EditLog(text))

    @property
    def text(self) -> str:
        return self.log.text

    @property
    def original(self) -> str:
        return self.log.original

    def apply(self, edits: Iterable[Edit]) -> str:
        """Apply a stage's edits through the log and count them by kind."""
        counts = self.counts
        for edit in self.log.apply(edits):
            counts[edit.kind] = counts.get(edit.kind, 0) + edit.count
        return self.log.text

    def repaired_text(self, start: int, end: int) -> str:
        """``original[start:end]`` as it stood after encoding repair.

        Fragments are reported as they appear in the input (tatweel,
        presentation forms, bidi marks and all) but with mojibake repaired.
        """
        pieces = []
        pos = start
        changes = self.repaired or ()
        # The changes are in order and apart: the first that may overlap is found by bisection,
        # not by a walk from the document's start (a page with thousands of fragments).
        for orig_start, orig_end, replacement in islice(changes, bisect_right(changes, start, key=itemgetter(1)), None):
            if orig_start >= end:
                break
            if orig_end <= start:
                continue
            pieces.append(self.original[pos : max(pos, orig_start)])
            pieces.append(replacement)
            pos = max(pos, orig_end)
        pieces.append(self.original[pos:end])
        return "".join(pieces)
