"""Encoding repair stage (policy section 2): HTML references and mojibake.

ftfy repairs UTF-8 read as Windows-1252/Latin-1, but only on the short spans
that look like mojibake: running it on whole documents is slow and it would
also change correct text. Arabic stored as Windows-1256 and read as
Windows-1252 is outside ftfy's candidates; :func:`_cp1256_edits` handles it.
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from typing import Iterator

import regex

from ..charclasses import RUNS_OF_MOST, non_ascii, runs_of
from ..document import Document
from ..edits import Edit

#: Numeric references may lack their semicolon, as HTML5 reads them (``Trump&#8217s``);
#: named ones need it (``&notanentity;``, ``AT&T`` stay).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}(?:;|(?![0-9]))|#[xX][0-9a-fA-F]{1,6}(?:;|(?![0-9a-fA-F]))|[A-Za-z][A-Za-z0-9]{1,31};)")
#: What a reference without its semicolon may stand for: a printable character, not a private-use one
#: ("Item &#1 of", "ticket &#123456" are text).


def _byte_views(byte: int) -> set[str]:
    """How one byte reads as text through Windows-1252 or Latin-1."""
    views = {bytes([byte]).decode("latin-1")}
    try:
        views.add(bytes([byte]).decode("cp1252"))
    except UnicodeDecodeError:
        pass
    return views


def _char_class(chars: set[str]) -> str:
    return "".join(regex.escape(ch) for ch in sorted(chars))


def _views(first: int, last: int) -> str:
    return _char_class({v for b in range(first, last + 1) for v in _byte_views(b)})


# UTF-8 sequences as they look once read through Windows-1252 or Latin-1: a
# lead byte, then exactly as many continuation bytes (0x80-0xBF) as it
# announces. Following the structure keeps "’&nbsp;’"-style neighbours apart.
_CONT = _views(0x80, 0xBF)
_UTF8_SEQUENCE = regex.compile(
    f"[{_views(0xC2, 0xDF)}][{_CONT}]|[{_views(0xE0, 0xEF)}][{_CONT}]{{2}}|[{_views(0xF0, 0xF4)}][{_CONT}]{{3}}"
)
_UTF8_MOJIBAKE = regex.compile(f"(?:{_UTF8_SEQUENCE.pattern})+")


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


# Bytes that are Arabic letters or marks in Windows-1256, as read through
# Windows-1252/Latin-1: a word made only of them is Arabic mojibake.
_CP1256_ARABIC = _char_class(
    {v for b in range(0x80, 0x100) if _is_arabic(bytes([b]).decode("cp1256")) for v in _byte_views(b)}
    - {chr(c) for c in range(0x80, 0xA0)}  # C1 controls never start a plausible word
)
#: "ý" and "þ" are the bidi marks LRM and RLM (0xFD, 0xFE) that often wrap an Arabic word.
_CP1256_WORD = regex.compile(
    f"(?<![A-Za-z\u00c0-\u024f])[\u00fd\u00fe]*[{_CP1256_ARABIC}]{{2,}}[\u00fd\u00fe]*(?![A-Za-z\u00c0-\u024f])"
)

#: A run of two such characters: what a Windows-1256 word needs, checked on the non-ASCII characters only.
_CP1256_RUN = regex.compile(f"[{_CP1256_ARABIC}]{{2,}}")

_MAX_UTF8_ROUNDS = 4

#: Characters whose presence makes either kind of mojibake possible.
#: Lead bytes C2-F4 read through either codec are exactly U+00C2-U+00F4; as
#: one range, ``regex`` scans for it in a few microseconds per article.
_MOJIBAKE_HINT = regex.compile("[\u00c2-\u00f4]")


def _is_known_reference(reference: str) -> bool:
    """Numeric references, and named ones HTML5 knows *with* their semicolon.

    ``html.unescape`` also expands legacy prefixes (``&notanentity;`` would
    become ``¬anentity;``); text that only looks like a reference stays. A
    numeric one without its semicolon counts only when it stands for a
    printable character that is not for private use (``Trump&#8217s``;
    ``Item &#1 of``, ``ticket &#123456`` are text).
    """
    if reference[1] != "#":
        return reference[1:] in html.entities.html5
    if reference.endswith(";"):
        return True
    character = html.unescape(reference + ";")
    return len(character) == 1 and character.isprintable() and unicodedata.category(character) != "Co"


def _entity_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    pos = 0
    for match in _ENTITY.finditer(text):
        if match.start() < pos:
            continue
        start, end = match.span()
        if not _is_known_reference(match.group()):
            continue
        replacement = html.unescape(match.group())
        # "&amp;quot;" is one reference escaped twice: decode it fully, or a
        # second cleaning would change the text again.
        while replacement.endswith("&"):
            chained = _ENTITY.match("&" + text[end : end + 40])
            if not chained or not _is_known_reference(chained.group()):
                break
            end += chained.end() - 1
            replacement = replacement[:-1] + html.unescape(chained.group())
        if replacement != text[start:end]:
            edits.append(Edit(start, end, replacement, "html_entities"))
        pos = end
    return edits


def _decode_sequence(sequence: str) -> str | None:
    for codec in ("cp1252", "latin-1"):
        try:
            return sequence.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return None


def _utf8_mojibake_matches(text: str) -> Iterator[regex.Match]:
    """``_UTF8_MOJIBAKE.finditer(text)``, run only over the runs of non-ASCII characters.

    Every character of a sequence is non-ASCII, so no match crosses an
    ASCII one; the runs are found from the document's few non-ASCII
    characters, where the pattern's wide classes would test every
    character of the article.
    """
    inventory = non_ascii(text)
    if len(inventory) > RUNS_OF_MOST:
        yield from _UTF8_MOJIBAKE.finditer(text)
        return
    for start, end in runs_of(text, set(inventory)):
        yield from _UTF8_MOJIBAKE.finditer(text, start, end)


def _utf8_edits(text: str) -> list[Edit]:
    """ftfy decides each run; the repair is logged per character when it can be.

    One edit per UTF-8 sequence keeps input offsets as fine as the text:
    two Arabic words repaired in one run stay two fragments with their own
    spans. When ftfy's answer is not the plain per-sequence decoding, the
    run is one edit.

    ftfy judges a short run without the rest of the text, and declines
    some that are plainly mojibake in it: ``ErdoÄŸan``, ``HÃ¥kon``,
    ``Samsungâ„¢`` (given the whole mis-decoded sentence it repairs them).
    A declined run is decoded all the same when :func:`_plausible_decoding`
    finds its decoding likely, more readily once ftfy repaired another run
    of the document: then the document is mojibake, not a run alone.
    """
    import ftfy  # here, not at the top: ~50 ms of every start-up, for documents that mostly hold no mojibake

    edits = []
    declined = []
    for match in _utf8_mojibake_matches(text):
        run = match.group()
        fixed = ftfy.fix_encoding(run)
        pieces = [(m.start(), m.end(), _decode_sequence(m.group())) for m in _UTF8_SEQUENCE.finditer(run)]
        if fixed == run:
            declined.append((match, pieces))
            continue
        if "".join(piece or "\0" for _, _, piece in pieces) == fixed:
            start = match.start()
            edits.extend(Edit(start + a, start + b, piece, "mojibake") for a, b, piece in pieces)
        else:
            edits.append(Edit(match.start(), match.end(), fixed, "mojibake"))
    document_is_mojibake = bool(edits)
    for match, pieces in declined:
        if _plausible_decoding(text, match, pieces, document_is_mojibake):
            start = match.start()
            edits.extend(Edit(start + a, start + b, piece, "mojibake") for a, b, piece in pieces)
    if ("\u00d9" in text or "\u00ef" in text) and edits:
        edits.extend(_lost_letter_edits(text, edits))
    if "\u00e2\u20ac" in text:
        edits.extend(_lost_punctuation_edits(text, edits))
    edits.sort(key=lambda edit: edit.start)
    return edits


_ARABIC_LETTER = regex.compile("[\u0621-\u063a\u0641-\u064a]")  # tatweel (U+0640) is no letter


#: Arabic script, marks and Arabic punctuation included ("أيضاً", "المقال؟").
_ARABIC_SCRIPT = regex.compile(r"\p{scx=Arab}", regex.V1)


def _arabic_edges(edits: list[Edit]) -> set[int]:
    """Where the repairs that gave Arabic (letters, marks, punctuation) begin and end."""
    arabic = [edit for edit in edits if _ARABIC_SCRIPT.search(edit.replacement)]
    return {edit.start for edit in arabic} | {edit.end for edit in arabic}


#: "â€" (bytes E2 80) with no continuation byte after it, maybe U+FFFD in its place.
_LONE_E2_80 = regex.compile(f"\u00e2\u20ac(?![{_CONT}])\ufffd?")
#: What may stand between a label and the mark that wrapped it: "مشاركة :\u200f", "الوزير.\u200f"
#: (ASCII only: the text looked across is not repaired yet, and "‹", "›", "«", "»" are continuation bytes).
_LABEL_PUNCTUATION = " :.!?|)-"


def _beside_arabic(text: str, start: int, end: int, arabic_edges: set[int]) -> tuple[bool, bool]:
    """Whether Arabic (already correct, or a repair's Arabic) stands before and after ``text[start:end]``.

    Before it, the label punctuation a right-to-left mark follows is looked across.
    """
    before = start
    while before and text[before - 1] in _LABEL_PUNCTUATION and start - before < 3:
        before -= 1
    left = before in arabic_edges or (before > 0 and _ARABIC_SCRIPT.match(text, before - 1) is not None)
    right = end in arabic_edges or _ARABIC_SCRIPT.match(text, end) is not None
    return left, right


#: An "s" ending a word after a closing quote: ``â€œdealâ€s terms``.
_POSSESSIVE_S = regex.compile(r"s(?!\w)")
#: Double quotes, as written and as UTF-8 read as Windows-1252 (“ ” „ with their third byte); a
#: “ ” or „ after a lead byte is a continuation byte of mojibake ("Ù„" is ل), not a quote. Counted
#: by parity, whatever the quotes' style (“…”, „…“, "…"), they tell whether a quotation is open.
_DOUBLE_QUOTE = regex.compile('(?<![\u00c2-\u00f4\u20ac])["\u201c\u201d\u201e]|\u00e2\u20ac[\u0153\u009d\u017e]')


def _lost_punctuation_edits(text: str, edits: list[Edit]) -> list[Edit]:
    """A closing double quote, a right-to-left mark or a hyphen whose third byte was lost.

    Of the characters E2 80 xx whose last byte Windows-1252 cannot show (81,
    8D, 8F, 90, 9D), the closing quote ” (9D) is by far the most frequent in
    English text, the right-to-left mark (8F) beside Arabic, and the hyphen
    U+2010 (90) between two letters or digits (``Alâ€Thani``,
    ``longâ€term``) unless an "s" ends the word after it: a strict decoder
    leaves ``said,â€� she`` or ``said,â€ she``. Otherwise a double quote
    still open on the line makes it the closing quote, unless Arabic stands
    on both sides (``â€œIt is over.â€ØªÙˆÙŠØªØ±``, ``â€œdealâ€s``, ``"We
    are ready،â€ she``). "â€" never begins correct text, so no other
    mojibake is asked for.
    """
    arabic_edges = _arabic_edges(edits)
    found: list[Edit] = []
    counted_to = quotes = 0  # the double quotes on the line up to counted_to, counted once (lines can be long)
    for match in _LONE_E2_80.finditer(text):
        start, end = match.span()
        left, right = _beside_arabic(text, start, end, arabic_edges)
        line_break = text.rfind("\n", counted_to, start)
        if line_break >= 0:
            counted_to, quotes = line_break + 1, 0
        quotes += len(_DOUBLE_QUOTE.findall(text, counted_to, start))
        counted_to = start
        between_words = text[start - 1 : start].isalnum() and text[end : end + 1].isalnum()
        if between_words and not _POSSESSIVE_S.match(text, end, end + 2):
            replacement = "\u2010"
        elif quotes % 2 == 1 and not (left and right):
            replacement = "\u201d"
        elif left or right:
            replacement = "\u200f"
        else:
            replacement = "\u201d"
        if replacement == "\u201d":
            quotes += 1  # it closes, or opens, a quotation of the line
        found.append(Edit(start, end, replacement, "mojibake"))
    return found


#: Arabic letters whose last UTF-8 byte Windows-1252 cannot show, by the bytes before it as
#: read: the most frequent of the letters each such lead can begin (the others end in 81,
#: 8D, 8F, 90 or 9D too): "ف" (D9 81), and in presentation forms the isolated alef "ﺍ"
#: (EF BA 8D, in every "ال") and the isolated lam "ﻝ" (EF BB 9D).
_LOST_LAST_BYTE = {"\u00d9": "\u0641", "\u00ef\u00ba": "\ufe8d", "\u00ef\u00bb": "\ufedd"}
#: One of those leads with no continuation byte after it, maybe U+FFFD in its place.
_LONE_ARABIC_LEAD = regex.compile(f"(?:\u00d9|\u00ef[\u00ba\u00bb])(?![{_CONT}])\ufffd?")


def _lost_letter_edits(text: str, edits: list[Edit]) -> list[Edit]:
    """An Arabic letter whose last byte was lost, beside Arabic mojibake repaired.

    0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252: a strict
    decoder drops them or puts U+FFFD in their place, leaving "Ù" or "Ù�"
    in an Arabic word (``Ù�ÙŠØ³Ø¨ÙˆÙƒ`` is ``فيسبوك``), and "ïº" or "ï»"
    in a label written in presentation forms (``ïº�ï»—ïº®ïºƒ`` is ``ﺍﻗﺮﺃ``).
    A lone lead touching a repaired Arabic span is taken for the most
    frequent letter it can begin (:data:`_LOST_LAST_BYTE`).
    """
    arabic_edges = _arabic_edges(edits)
    return [
        Edit(match.start(), match.end(), _LOST_LAST_BYTE[match.group().rstrip("\ufffd")], "mojibake")
        for match in _LONE_ARABIC_LEAD.finditer(text)
        if match.start() in arabic_edges or match.end() in arabic_edges
    ]


def _plausible_decoding(text: str, match: regex.Match, pieces: list[tuple[int, int, str | None]],
                        document_is_mojibake: bool) -> bool:
    """Whether a run ftfy declined is mojibake all the same, by what its sequences decode to.

    In a document that is mojibake elsewhere, a run is when each sequence
    decodes to a character of the scripts and symbols such text holds
    (Latin, Greek, Cyrillic, Arabic, punctuation and symbols, emoji), and
    not to what correct text that happens to look like a sequence gives:
    ``PELÉ’S`` and ``“OLÉ”`` decode to IPA letters, ``Strauß’`` to N'Ko.
    In a document with no other mojibake, only a run touching an ASCII
    letter is, when it decodes to Latin letters of European and Vietnamese
    names (``ErdoÄŸan``, ``Nguyá»…n``) or, from three bytes, to a
    typographic symbol (``Samsungâ„¢``).
    """
    decoded = [piece for _, _, piece in pieces]
    if None in decoded or sum(b - a for a, b, _ in pieces) != match.end() - match.start():
        return False
    if document_is_mojibake:
        return all(_IN_MOJIBAKE_DOCUMENT.fullmatch(piece) for piece in decoded)
    start, end = match.span()
    touches_a_letter = (start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()) or (
        end < len(text) and text[end].isascii() and text[end].isalpha()
    )
    return touches_a_letter and all(
        (_NAME_LETTER.fullmatch(piece) and text[match.start() + b - 1] not in _AFTER_A_WORD)
        or (len(piece.encode()) == 3 and _TYPOGRAPHIC_SYMBOL.fullmatch(piece))
        for (_, b, _), piece in zip(pieces, decoded)
    )


#: What a sequence of a mis-decoded document may decode to: Latin-1 symbols and
#: letters, Latin Extended-A/B, Greek, Cyrillic, Arabic, Latin Extended
#: Additional, punctuation and symbols, emoji; never a control.
_IN_MOJIBAKE_DOCUMENT = regex.compile(
    "[\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff\u1e00-\u1eff\u2000-\u2bff"
    "\U0001f000-\U0001faff]"
)
#: Cased Latin letters of European and Vietnamese names.
_NAME_LETTER = regex.compile("[\u00c0-\u024f\u1e00-\u1eff&&\\p{Lu}\\p{Ll}]", regex.V1)
#: Continuation bytes that are also what follows a correct word: a no-break space, a
#: closing quote or apostrophe ("MANÈ\u00a0scored", "HÅ’S" are correct capitals).
_AFTER_A_WORD = frozenset("\u00a0\u2019\u201d")
#: Dashes, quotes, bullets, currency signs, letterlike symbols (™, №).
_TYPOGRAPHIC_SYMBOL = regex.compile("[\u2010-\u2027\u2030-\u205e\u20a0-\u20cf\u2100-\u214f]")


#: "Ã" (the lead byte of "à") or "Â" (of a no-break space) whose continuation
#: byte, the no-break space, was lost or became an ordinary space: "voilÃ  then".
_LONE_LEAD = regex.compile(f"[\u00c2\u00c3](?![{_CONT}])")


def _lone_lead_edits(text: str) -> list[Edit]:
    """ftfy decides each lone "Ã" or "Â" in its words; accepted when it changes that character alone.

    ftfy reads a lone lead byte by its neighbours (``The Ã la carte`` is
    ``à la``, ``saidÂ that`` a no-break space) but judges a span only as a
    whole, so it is given the words around the character, letters and
    digits only (quotes that the punctuation stage maps must not change a
    second cleaning's answer), and its repair is taken when the character,
    with at most the space after it, is all that changed.
    """
    import ftfy

    edits = []
    for match in _LONE_LEAD.finditer(text):
        at = match.start()
        if _in_cp1256_word(text, at):
            continue  # a letter of an Arabic word read as Windows-1252: "ÇÞÑÃ ÇáãÒíÏ" is "اقرأ المزيد"
        before = at
        while before and text[before - 1] == " ":
            before -= 1
        while before and text[before - 1].isalnum():
            before -= 1
        after = at + 1
        while after < len(text) and text[after] == " ":
            after += 1
        while after < len(text) and text[after].isalnum():
            after += 1
        window = text[before:after]
        fixed = ftfy.fix_encoding(window)
        offset = at - before
        for taken in (1, 2):  # the character, or the character and the space that stood for its lost byte
            if (
                len(fixed) == len(window) - taken + 1
                and window[offset + 1 : offset + taken] in ("", " ")
                and fixed[:offset] == window[:offset]
                and fixed[offset + 1 :] == window[offset + taken :]
                and fixed[offset] != window[offset]
            ):
                edits.append(Edit(at, at + taken, fixed[offset], "mojibake"))
                break
    return edits


def _in_cp1256_word(text: str, at: int) -> bool:
    """Whether ``text[at]`` belongs to a Windows-1256 word whose reading is an Arabic word (looked at in its token only)."""
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at)
    end = len(text) if end < 0 else end
    return any(
        word.start() <= at < word.end() and _plausible_arabic_word(_cp1256_reading(word.group()))
        for word in _CP1256_WORD.finditer(text, start, end)
    )


def _cp1256_reading(word: str) -> str:
    """``word`` read back as the Windows-1256 bytes it was shown from."""
    try:
        return word.encode("cp1252").decode("cp1256")
    except UnicodeEncodeError:
        return word.encode("latin-1").decode("cp1256")


def _cp1256_edits(text: str) -> list[Edit]:
    edits = []
    for match in _CP1256_WORD.finditer(text):
        fixed = _cp1256_reading(match.group())
        if _plausible_arabic_word(fixed):
            edits.append(Edit(match.start(), match.end(), fixed, "mojibake"))
    return edits


#: Letters an Arabic word is seldom made of alone: the hamza forms and the rarest letters.
_SELDOM_ALONE = frozenset("ءآأؤإئثخذضظغ")


def _plausible_arabic_word(word: str) -> bool:
    """Whether a Windows-1256 reading is an Arabic word, not correct Latin capitals read as one.

    ``ÅÄÖ`` reads as ``إؤض`` (hamza forms and a rare letter only), ``ÉÉ``
    as ``ةة`` (teh marbuta ends a word), ``ÖÜ`` and ``Þú`` as one letter with
    a tatweel or a mark: none is a word.
    """
    letters = [ch for ch in word if _ARABIC_LETTER.match(ch)]
    if len(letters) < 2 or "\u0629" in "".join(letters[:-1]):
        return False
    return not _SELDOM_ALONE.issuperset(letters)


def _may_hold_utf8_mojibake(inventory: str) -> bool:
    """Whether the non-ASCII characters hold a UTF-8 sequence (every one of
    its characters is non-ASCII, so a run in the text is a run here too) or
    lead bytes that may have lost their continuation."""
    return _MOJIBAKE_HINT.search(inventory) is not None and (
        "\u00c2" in inventory or "\u00c3" in inventory or "\u00e2\u20ac" in inventory
        or _UTF8_SEQUENCE.search(inventory) is not None
    )


def _may_hold_cp1256_mojibake(inventory: str) -> bool:
    """Whether the non-ASCII characters hold a run a Windows-1256 word could be."""
    return _MOJIBAKE_HINT.search(inventory) is not None and _CP1256_RUN.search(inventory) is not None


def may_need_repair(text: str) -> bool:
    """Cheap test: could :func:`repair_encoding` change anything in ``text``?"""
    if "&" in text:
        return True
    inventory = non_ascii(text)
    return _may_hold_utf8_mojibake(inventory) or _may_hold_cp1256_mojibake(inventory)


def repair_encoding(doc: Document) -> None:
    """Apply policy section 2: unescape HTML references, repair mojibake.

    The mojibake patterns are costly over a whole article (wide character
    classes); they run only when the article's few non-ASCII characters
    could form what they look for, which in English news they rarely do.
    """
    if "&" in doc.text:
        doc.apply(_entity_edits(doc.text))
    if _may_hold_utf8_mojibake(non_ascii(doc.text)):
        # UTF-8 first: its repairs may end a run of Windows-1256 letters
        # ("ãÔÇÑßÉØ§Ù„"), which must then be seen as the word it is.
        # A repaired span can join its neighbours into new mojibake ("Ã©”“"
        # is "é”“", itself UTF-8 read as Windows-1252): repeat until stable,
        # as a second cleaning would.
        for _ in range(_MAX_UTF8_ROUNDS):
            edits = _utf8_edits(doc.text)
            if "\u00c2" in doc.text or "\u00c3" in doc.text:
                edits = sorted(edits + _lone_lead_edits(doc.text), key=lambda edit: edit.start)
            if not edits:
                break
            doc.apply(edits)
    if _may_hold_cp1256_mojibake(non_ascii(doc.text)):
        doc.apply(_cp1256_edits(doc.text))
    if doc.repaired is None:
        doc.repaired = doc.log.changes()
