"""Character classes shared by the stages, compiled once.

Kept in one place so that "Arabic letter" or "invisible" means the same thing
to the unicode stage, the Arabic stage and the language stage.
"""

from __future__ import annotations

import re
from typing import AnyStr, Iterable, Iterator

import regex

#: A URL: the punctuation stage never touches one, and its letters name no language.
#: It ends at white space or at punctuation a URL never holds unescaped:
#: every double quote, guillemet and curly or prime single quote the policy
#: maps (an ASCII "'" may be a URL's), and the Arabic comma, semicolon and
#: question mark. Glued to its end (``″https://x.com″``, ``‘https://x.com’``,
#: ``www.x.org’s``) they are the sentence's and are mapped. A final "…"
#: stays: a link shown shortened (``https://t.co/Xyz…``) is left as written.
URL = re.compile(
    "(?:https?://|ftp://|www\\.)"
    "[^\\s<>\"\u201c\u201d\u201e\u201f\u2033\uff02\u2018\u2019\u201a\u201b\u2032\u02bc\u00ab\u00bb\u2039\u203a\u060c\u061b\u061f]+"
)
#: An e-mail address, ASCII only, so its span never depends on digits the punctuation stage maps.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def without_addresses(text: str) -> str:
    """``text`` with each URL and e-mail address made one space: what its letters say of its language.

    A short Arabic notice with a long link is not English
    (``يرجى التسجيل قبل نهاية الشهر https://www.example-university.edu/...``).
    Each pattern only runs when its cheap hint is in the text.
    """
    if "://" in text or "www." in text:
        text = URL.sub(" ", text)
    if "@" in text:
        text = EMAIL.sub(" ", text)
    return text


#: Any Arabic-script character (every Arabic letter is one). A document
#: without one skips the Arabic stage. ``regex`` scans a script property about
#: four times faster than the stdlib scans the equivalent list of ranges.
HAS_ARABIC = regex.compile(r"\p{Script=Arabic}")

_ASCII_BYTES = bytes(range(128))


def utf8(text: str) -> bytes:
    """``text`` in UTF-8 (lone surrogates kept), remembered for the last text asked.

    Several stages read a text's bytes (script shares, the printable check,
    punctuation candidates, the non-ASCII inventory, the hash); when no
    edit has changed the text between them, which in clean text is most of
    the time, it is encoded once.
    """
    global _last_encoding
    last = _last_encoding  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]
    data = text.encode("utf-8", "surrogatepass")
    _last_encoding = (text, data)
    return data


#: The last text :func:`utf8` encoded, compared by identity, and its bytes.
_last_encoding: tuple[str, bytes] = ("", b"")


def lines_of(text: str) -> list[str]:
    """``text.split("\\n")``, remembered for the last text asked: read the list, never change it.

    The boilerplate stage, the layout stage and the metadata each read a
    text's lines; when no edit changed the text between them, which in
    clean text is most of the time, it is split once (a split is ~3 us an
    article, ~3% of the cleaning time a pass).
    """
    global _last_lines
    last = _last_lines  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]
    lines = text.split("\n")
    _last_lines = (text, lines)
    return lines


#: The last text :func:`lines_of` split, compared by identity, and its lines.
_last_lines: tuple[str, list[str]] = ("", [""])


def non_ascii(text: str) -> str:
    """The non-ASCII characters of ``text``, in order: the inventory stages ask first.

    Most scraped English holds a handful of them, so a question about
    Unicode properties ("any Arabic?", "any presentation form?") asked of
    this string costs microseconds where a scan of the whole text costs
    ~10 ns a character. Deleting the ASCII bytes from the UTF-8 encoding
    leaves whole multi-byte sequences, and ``bytes.translate`` runs at
    memory speed.
    """
    global _last_inventory
    if text.isascii():
        return ""
    last = _last_inventory  # one read: another thread may replace it meanwhile
    if last[0] is text:  # stages ask again of a text no edit has changed
        return last[1]
    inventory = utf8(text).translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    _last_inventory = (text, inventory)
    return inventory


#: The last text :func:`non_ascii` answered for, compared by identity, and its answer.
_last_inventory: tuple[str, str] = ("", "")


#: Past this many occurrences (an Arabic article's letters), a stage's own
#: scan of the text is cheaper than :func:`runs_of`; the caller counts first.
RUNS_OF_MOST = 200


def runs_of(text: str, members: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of the maximal runs of ``members`` (characters ``text`` holds) in ``text``, in order.

    Found with ``str.find`` for each member (a C loop at memory speed),
    where a regular expression over a wide character class tests every
    character of the text (~20-30 ns each): for the few characters a stage
    looks for in a long article (at most :data:`RUNS_OF_MOST` of them).
    """
    positions = sorted(pos for ch in members for pos in occurrences(text, ch))
    runs: list[list[int]] = []
    for pos in positions:
        if runs and runs[-1][1] == pos:
            runs[-1][1] = pos + 1
        else:
            runs.append([pos, pos + 1])
    return [(start, end) for start, end in runs]


def occurrences(haystack: AnyStr, needle: AnyStr) -> Iterator[int]:
    """Every position of ``needle`` in ``haystack`` (text or bytes), found by ``find`` (a C loop)."""
    pos = haystack.find(needle)
    while pos >= 0:
        yield pos
        pos = haystack.find(needle, pos + 1)


def has_arabic(text: str) -> bool:
    """Whether ``text`` holds an Arabic-script character."""
    return not text.isascii() and HAS_ARABIC.search(non_ascii(text)) is not None


#: An Arabic-script letter (what makes a run of Arabic characters a fragment).
ARABIC_LETTER = r"[\p{Script=Arabic}&&\p{L}]"

#: Invisible format characters removed everywhere (policy section 3).
INVISIBLE = "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"

#: C0/C1 controls removed (tab, newline, CR and NEL are handled as space/line break).
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"

#: Space separators that become one ASCII space (all of Unicode's Zs plus tab).
SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"

LETTERS = regex.compile(r"\P{L}+")
NOT_LATIN = regex.compile(r"\P{Script=Latin}+")
NOT_ARABIC = regex.compile(r"\P{Script=Arabic}+")


def class_chars(body: str) -> frozenset[str]:
    """The characters of a class body such as ``"\\x00-\\x08\\x0b"`` (ranges expanded)."""
    chars: set[str] = set()
    index = 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            chars.update(map(chr, range(ord(body[index]), ord(body[index + 2]) + 1)))
            index += 3
        else:
            chars.add(body[index])
            index += 1
    return frozenset(chars)
