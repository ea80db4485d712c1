"""Decoding stage (policy section 1), for bytes input: files and stdin.

BOMs decide first; then UTF-16 without a BOM, when that reading is this
corpus's text and the UTF-8 one is full of controls; then strict UTF-8;
then the legacy encodings a scraped Arabic/English corpus really holds,
scored for plausibility. Undecodable bytes become U+FFFD and are counted,
never an exception.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

import regex

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Tried in this order; on equal plausibility the earlier one wins.
LEGACY_ENCODINGS = ("cp1252", "cp1256", "iso-8859-6", "latin-1")

_ESCAPED = regex.compile(r"[\udc80-\udcff]")
_GOOD = regex.compile(
    r"[\u0621-\u064a]{2,}"  # Arabic words
    r"|(?<=[A-Za-z])[\u00c0-\u00ff]|[\u00c0-\u00ff](?=[A-Za-z])"  # accents inside Latin words
)
_BAD = regex.compile(
    r"[\x80-\x9f\u00a1-\u00bf]|[\udc80-\udcff]"  # controls, symbols, undecodable
    r"|[\u00c0-\u00ff]{2,}"  # runs of accented letters: Arabic read as Latin
    r"|(?<=[A-Za-z\u00c0-\u00ff])[\u0600-\u06ff]|[\u0600-\u06ff](?=[A-Za-z\u00c0-\u00ff])"  # mixed-script words
)


#: C0 controls other than tab and line breaks: in UTF-16 every ASCII character brings a zero byte,
#: every Arabic letter a 0x06, which UTF-8 reads as such controls.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r")
#: What an English or Arabic text holds, read as UTF-16: letters and marks below U+0800
#: (Latin, Greek, Cyrillic, Hebrew, Arabic ...), general punctuation and currency signs,
#: Arabic presentation forms, fullwidth forms and specials, and characters beyond the BMP (emoji).
_CORPUS_TEXT = regex.compile(r"[\t\n\r\u0020-\u007e\u00a0-\u07ff\u2000-\u20cf\ufb00-\ufffd\U00010000-\U0010ffff]")
#: Share of the characters of a UTF-16 reading that must be such text.
_UTF16_PLAUSIBLE = 0.95
#: Share of the high bytes that must be controls: in English or Arabic UTF-16 nearly all are (zero, 0x06).
_UTF16_HIGH_CONTROLS = 0.5
#: Below 8 characters a few stray controls could pass for UTF-16.
_UTF16_SHORTEST = 16


class Decoded(NamedTuple):
    text: str
    encoding: str
    undecodable: int


def _plausibility(text: str) -> int:
    good = sum(len(m) for m in _GOOD.findall(text))
    bad = sum(len(m) for m in _BAD.findall(text))
    return good - 3 * bad


def _replace_escaped(text: str) -> tuple[str, int]:
    count = len(_ESCAPED.findall(text))
    return (_ESCAPED.sub("\ufffd", text), count) if count else (text, 0)


def decode_bytes(data: bytes) -> Decoded:
    """Decode one document's bytes; never raises for any bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, 0)
            except UnicodeDecodeError:
                text = data.decode(encoding, errors="replace")
                genuine = data.decode(encoding, errors="ignore").count("\ufffd")
                return Decoded(text, encoding, text.count("\ufffd") - genuine)
    encoding = utf16_without_bom(data)
    if encoding is not None:
        return Decoded(data.decode(encoding), encoding, 0)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    legacy_lines = {i for i, line in enumerate(lines) if not _mostly_utf8(line)}
    # UTF-8 lines that are not plain ASCII are evidence of UTF-8: the other
    # lines were pasted in from a legacy page.
    if any(not line.isascii() for i, line in enumerate(lines) if i not in legacy_lines) and legacy_lines:
        return _decode_mixed(lines, legacy_lines)
    if not legacy_lines:
        text, undecodable = _replace_escaped(data.decode("utf-8", errors="surrogateescape"))
        return Decoded(text, "utf-8", undecodable)
    encoding = _best_legacy(data)
    text, undecodable = _replace_escaped(data.decode(encoding, errors="surrogateescape"))
    return Decoded(text, encoding, undecodable)


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the bytes are plainly that without a BOM, else None.

    Zero bytes are valid UTF-8, so such a file would otherwise be read as
    UTF-8 full of controls, its text lost without a trace. The high byte of
    most characters of English or Arabic UTF-16 is such a control (zero,
    0x06). Read as UTF-16, UTF-8 text is mostly CJK (two ASCII bytes make
    one character from U+2020 up), so the reading must also be this
    corpus's text (:data:`_CORPUS_TEXT`: no controls) almost throughout.
    """
    if len(data) % 2 or len(data) < _UTF16_SHORTEST or len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return None
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if len(high) - len(high.translate(None, _CONTROL_BYTES)) < _UTF16_HIGH_CONTROLS * len(high):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CORPUS_TEXT.findall(text)) >= _UTF16_PLAUSIBLE * len(text):
            return encoding
    return None


def _mostly_utf8(line: bytes) -> bool:
    """Valid UTF-8, or more UTF-8 characters than invalid bytes (a few stray bytes)."""
    as_utf8 = line.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(as_utf8))
    if not invalid:
        return True
    multibyte = len(as_utf8) - len(as_utf8.encode("ascii", "ignore")) - invalid
    return multibyte > invalid


def _best_legacy(data: bytes) -> str:
    candidates = [data.decode(enc, errors="surrogateescape") for enc in LEGACY_ENCODINGS]
    scores = [_plausibility(text) for text in candidates]
    return LEGACY_ENCODINGS[max(range(len(candidates)), key=lambda i: (scores[i], -i))]


def _decode_mixed(lines: list[bytes], legacy_lines: set[int]) -> Decoded:
    """A document whose lines are UTF-8 and some other in one legacy encoding (pasted together).

    Each line is decoded by what it is; the legacy encoding is chosen on
    those lines alone, and ``encoding`` names both (``utf-8+cp1256``).
    """
    encoding = _best_legacy(b"".join(lines[i] for i in sorted(legacy_lines)))
    pieces = [
        line.decode(encoding if i in legacy_lines else "utf-8", errors="surrogateescape")
        for i, line in enumerate(lines)
    ]
    text, undecodable = _replace_escaped("".join(pieces))
    return Decoded(text, f"utf-8+{encoding}", undecodable)
