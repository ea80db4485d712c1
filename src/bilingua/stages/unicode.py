"""Unicode stage (policy section 3): composition, folding, invisibles, spaces, line breaks.

One plain character class finds every character this stage may change (a
class is searched far faster than an alternation with look-arounds); the
rare hits are sorted out in Python. Before that scan, ``str.isprintable``
and a look at the non-ASCII characters tell whether there is anything to
find: for most text there is not, and the stage costs a few microseconds.
"""

from __future__ import annotations

import re

import regex
import unicodedata2

from ..charclasses import (
    ARABIC_LETTER,
    CONTROLS,
    INVISIBLE,
    RUNS_OF_MOST,
    SPACES,
    class_chars,
    non_ascii,
    runs_of,
    utf8,
)
from ..document import Document
from ..edits import Edit

_LINE_BREAKS = {"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
_SPACE_CHARS = class_chars(SPACES)
_REMOVED = {
    **{ch: "invisible" for ch in class_chars(INVISIBLE)},
    **{ch: "controls" for ch in class_chars(CONTROLS)},
    "\u0640": "tatweel",
}
_JOINERS = "\u200c\u200d"
_FOLDED = (
    ("\ufb00", "\ufb06", "ligatures"),
    ("\ufb50", "\ufdff", "presentation_forms"),
    ("\ufe70", "\ufefe", "presentation_forms"),
    ("\uff01", "\uffef", "fullwidth"),
)
_SPECIAL_BODY = (
    f"\r\x85\u2028\u2029{SPACES}{INVISIBLE}{CONTROLS}{_JOINERS}\u0640"
    "\ud800-\udfff\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefe\uff01-\uffef"
)
_SPECIAL = re.compile(f"[{_SPECIAL_BODY}]+")
_SPECIAL_CHARS = class_chars(_SPECIAL_BODY)
#: The ASCII characters of :data:`_SPECIAL` as UTF-8 bytes, and every other byte (deleted to find them).
_NOT_ASCII_SPECIAL = bytes(b for b in range(256) if not (b < 0x80 and chr(b) in _SPECIAL_CHARS))
_FOLDED_OR_TATWEEL = re.compile("[\u0640\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefe\uff01-\uffef]")

_ARABIC_LETTER = regex.compile(ARABIC_LETTER, regex.V1)
_EMOJI = regex.compile(r"\p{Extended_Pictographic}")
_EMOJI_MODIFIER = regex.compile("[\ufe0f\U0001f3fb-\U0001f3ff]")

#: A character NFC may merge with what precedes it (marks, Hangul vowels and
#: trailing consonants): composition never reaches across any other character.
_MAY_MERGE = r"[\p{M}\u1160-\u11ff]"
_NFC_SEGMENT = regex.compile(rf"[^\x00-\x7f]{_MAY_MERGE}*|[\x00-\x7f]{_MAY_MERGE}+")
_HAS_MAY_MERGE = regex.compile(_MAY_MERGE)


def _kind(ch: str) -> str:
    if ch in _LINE_BREAKS:
        return "line_breaks"
    if ch in _SPACE_CHARS:
        return "spaces"
    if ch in _REMOVED:
        return _REMOVED[ch]
    if ch in _JOINERS:
        return "joiner"
    if "\ud800" <= ch <= "\udfff":
        return "undecodable"
    return next(kind for low, high, kind in _FOLDED if low <= ch <= high)


def _joiner_kept(text: str, pos: int) -> bool:
    """ZWNJ between Arabic letters and ZWJ inside an emoji sequence shape text: keep them."""
    after = text[pos + 1 : pos + 2]
    if text[pos] == "\u200c":
        back = pos - 1
        while back > 0 and unicodedata2.category(text[back]).startswith("M"):
            back -= 1
        return back >= 0 and bool(after and _ARABIC_LETTER.match(text[back]) and _ARABIC_LETTER.match(after))
    back = pos - 1
    if back > 0 and _EMOJI_MODIFIER.match(text[back]):
        back -= 1
    return back >= 0 and bool(after and _EMOJI.match(text[back]) and _EMOJI.match(after))


def _run_edit(text: str, start: int, end: int, kind: str) -> Edit | None:
    run = text[start:end]
    if kind == "line_breaks":
        if run[-1] == "\r" and text[end : end + 1] == "\n":
            end += 1  # "\r\n" is one break
        return Edit(start, end, "".join(_LINE_BREAKS[ch] for ch in run), kind, len(run))
    if kind == "spaces":
        return Edit(start, end, " ", kind, len(run))
    if kind == "undecodable":
        return Edit(start, end, "\ufffd" * len(run), kind, len(run))
    if kind in ("ligatures", "presentation_forms", "fullwidth"):
        changed = sum(1 for ch in run if unicodedata2.normalize("NFKC", ch) != ch)
        return Edit(start, end, _folded(run), kind, changed) if changed else None
    return Edit(start, end, "", kind, len(run))  # invisible, controls, tatweel


def _folded(run: str) -> str:
    """NFKC of a run of compatibility characters, less what NFKC adds around Arabic marks.

    A mark's medial presentation form (U+FE77 ...) folds to tatweel plus the
    mark and its isolated form (U+FE70 ...) to a space plus the mark; the
    mark belongs to the letter before it, and tatweel would be removed by a
    second cleaning.
    """
    folded = unicodedata2.normalize("NFKC", run)
    if "\u0640" in folded or " " in folded:
        folded = "".join(_folded_mark(ch) for ch in run)
    return folded


def _folded_mark(ch: str) -> str:
    folded = unicodedata2.normalize("NFKC", ch)
    if folded[:1] in (" ", "\u0640") and len(folded) > 1 and unicodedata2.category(folded[1]) == "Mn":
        return folded[1:]
    return folded


#: The ASCII controls (all but the line feed), as UTF-8 bytes: no other character's encoding holds one.
_ASCII_CONTROLS = bytes([*range(0x0A), *range(0x0B, 0x20), 0x7F])


def _printable(text: str) -> bool:
    """``str.isprintable`` of the text with its line feeds counted as printable.

    The ASCII controls are looked for in the UTF-8 bytes (``bytes.translate``
    at memory speed, a quarter of the time ``isprintable`` takes over a whole
    article), the other characters among the non-ASCII ones only.
    """
    data = utf8(text)
    if len(data.translate(None, _ASCII_CONTROLS)) != len(data):
        return False
    return text.isascii() or non_ascii(text).isprintable()


def _may_hold_special(text: str) -> bool:
    """Cheap test for :data:`_SPECIAL`, whose full scan is the costly part.

    ``str.isprintable`` (a C loop) is false for every control, format
    character, space other than U+0020, line or paragraph separator and
    surrogate; what is left (tatweel and the folded blocks) is looked for
    among the non-ASCII characters only, usually a handful.
    """
    if not _printable(text):
        return True
    return _FOLDED_OR_TATWEEL.search(non_ascii(text)) is not None


def _special_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the runs :data:`_SPECIAL` matches, found from the special characters the text holds.

    Those are the ASCII ones among its UTF-8 bytes and the others among its
    non-ASCII characters, usually a few no-break spaces or invisible marks
    in a long article: a search for each beats a scan of every character.
    """
    ascii_held = utf8(text).translate(None, _NOT_ASCII_SPECIAL)
    inventory = non_ascii(text)
    held = _SPECIAL_CHARS.intersection(inventory)
    if len(ascii_held) + sum(map(inventory.count, held)) > RUNS_OF_MOST:
        return [match.span() for match in _SPECIAL.finditer(text)]
    return runs_of(text, held.union(map(chr, set(ascii_held))))


def _special_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for pos, end in _special_runs(text):
        while pos < end:
            kind = _kind(text[pos])
            if kind == "joiner":
                if not _joiner_kept(text, pos):
                    edits.append(Edit(pos, pos + 1, "", "invisible"))
                pos += 1
                continue
            run_end = pos + 1
            while run_end < end and _kind(text[run_end]) == kind:
                run_end += 1
            edit = _run_edit(text, pos, run_end, kind)
            if edit is not None:
                edits.append(edit)
            pos = run_end
    return edits


def _nfc_edits(text: str) -> list[Edit]:
    """Edits that bring ``text`` to NFC, one per segment that changes."""
    edits = []
    for match in _NFC_SEGMENT.finditer(text):
        segment = match.group()
        composed = unicodedata2.normalize("NFC", segment)
        if composed != segment:
            edits.append(Edit(match.start(), match.end(), composed, "nfc"))
    return edits


def _is_nfc(text: str) -> bool:
    """``unicodedata2.normalize("NFC", text) == text``, usually asked of the non-ASCII characters alone.

    Without a character that may merge with what precedes it, NFC changes
    each character on its own (what :data:`_NFC_SEGMENT` builds on), so the
    text is NFC exactly when its non-ASCII characters, put side by side,
    are: a handful of characters to normalise instead of the whole article.
    """
    inventory = non_ascii(text)
    if _HAS_MAY_MERGE.search(inventory):
        return unicodedata2.normalize("NFC", text) == text
    return unicodedata2.normalize("NFC", inventory) == inventory


def normalize_unicode(doc: Document) -> None:
    """Apply policy section 3 to the document."""
    text = doc.text
    if text.isascii():
        if not _printable(text):  # ASCII controls other than the line feed
            doc.apply(_special_edits(text))
        return
    if _may_hold_special(text):
        doc.apply(_special_edits(text))
    if _is_nfc(doc.text):
        return
    doc.apply(_nfc_edits(doc.text))
    if unicodedata2.normalize("NFC", doc.text) != doc.text:
        # Segmentation missed an interaction: compose the whole text at once.
        doc.apply([Edit(0, len(doc.text), unicodedata2.normalize("NFC", doc.text), "nfc")])
