"""Arabic stage (policy section 5): find Arabic fragments, give each a role,
take them out of an English document.

A fragment is a maximal run of Arabic-script words, with the spaces and
neutral punctuation between them, holding at least one Arabic letter. Label
punctuation (``مشاركة :``) belongs to a fragment that stands at the edge of a
line; in the middle of an English sentence the punctuation stays English.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from typing import Callable, Iterator

import regex

from ..arabic_text import normalize_arabic, transliterate
from ..charclasses import ARABIC_LETTER, HAS_ARABIC, has_arabic, non_ascii
from ..document import ArabicFragment, Document
from ..edits import Edit, join_touching
from ..rules import RuleSet
from .language import grammar_is_arabic

#: ZWNJ and ZWJ kept between Arabic letters belong to the word they join.
_WORD = r"[\p{scx=Arab}\p{M}\u200c\u200d]+"
#: Bullets, arrows and breadcrumb marks: set apart by spaces, they join two words of a run
#: ("الرئيسية » أخبار", "فيسبوك • تويتر") and may hang on a label ("← السابق").
_ARROWS_AND_BULLETS = "»«›‹<>•·*←→↑↓↗↘▪■►◄▸●○★~"
_BETWEEN = rf"(?:[ ]*[:\-–—/|.,;!?]*[ ]*|[ ]+[{_ARROWS_AND_BULLETS}]+[ ]+)"
_FRAGMENT = regex.compile(f"{_WORD}(?:{_BETWEEN}{_WORD})*", regex.V1)
_LETTER = regex.compile(ARABIC_LETTER, regex.V1)
_TRAILING_NON_LETTERS = regex.compile(r"[\p{N}\p{P}\p{S}\p{Z}\p{Cf}]+\Z")
#: Arabic digits next to the letters of a run, spaces between allowed, belong to it ("الموازنة ٢٠٢٥").
_ARABIC_DIGITS = frozenset(map(chr, [*range(0x0660, 0x066A), *range(0x06F0, 0x06FA)]))
_ARABIC_DIGITS_OR_SPACE = _ARABIC_DIGITS | {" "}
#: A count, time or date after a run's colon: "مشاهدات: ٤٥٦", "آخر تحديث: ١٢:٣٠", "نشر في: ٢٠٢٤/٠٥/١٢";
#: its group is what joins digits in a time or date (the thousands and decimal separators of "١٬٢٠٤" do not).
_COUNT_AFTER_COLON = regex.compile(
    r"[ ]*:[ ]*[\u0660-\u0669\u06f0-\u06f9]+(?:(?:([:/.\-])|[\u066b\u066c])[\u0660-\u0669\u06f0-\u06f9]+)*"
)
#: Arabic thousands and decimal separators, which a number written in Arabic digits holds ("١٬٢٠٤", "١٫٥").
_IN_ARABIC_NUMBER = frozenset(":\u066b\u066c")
#: How far past a fragment a count or a label's names are looked for: lines can be megabytes long.
_NEAR = 64
_ASCII_DIGITS = frozenset("0123456789")
_ASCII_DIGITS_OR_SPACE = _ASCII_DIGITS | {" "}
#: Label punctuation: what may hang on a label at the start or end of a line; guillemets,
#: dashes, bullets, arrows, slashes and © only set apart by a space ("اقرأ المزيد »", "اقرأ أيضا >>",
#: "مشاركة - ...", "مشاركة •", "محفوظة ©"), and not against a word, which they open
#: ('شارك «We will see,» he said'): the separators that join two words of a run, and more.
_SPACED_LABEL_MARKS = "-–—©/" + _ARROWS_AND_BULLETS
_LABEL_END = regex.compile(
    rf"(?:[ ]*[:.!?|\u2026\u060c\u061b\u061f]|[ ]+[{_SPACED_LABEL_MARKS}]+(?!\w)|[ ]*\([\u0660-\u0669\u06f0-\u06f9]+\))+",
    regex.V1,
)
#: A number in ASCII digits, with its thousands, decimal, time and date separators ("1,204", "12:30", "2025/05/19").
_ASCII_NUMBER = r"[0-9]+(?:[,.:/\-][0-9]+)*"
#: A count, date or year after a label that ends the line, in ASCII digits: "المشاهدات: 1,204",
#: "التعليقات (3)", "جميع الحقوق محفوظة © 2025"; label punctuation may follow it.
_ASCII_COUNTS = rf"(?:[ ]*[:©]?[ ]*(?:{_ASCII_NUMBER}|\({_ASCII_NUMBER}\)))+"
_ASCII_COUNT_ENDING_LINE = regex.compile(rf"{_ASCII_COUNTS}(?:{_LABEL_END.pattern})?[ ]*\Z", regex.V1)
#: The same before a spaced separator, which ends it: a number at a line's start the English does not go on from
#: ("آخر تحديث: 12:30 | Talks resumed").
_ASCII_COUNT_BEFORE_SEPARATOR = regex.compile(rf"{_ASCII_COUNTS}(?=[ ]+[{_SPACED_LABEL_MARKS}|]+[ ])", regex.V1)
#: At a line's start, before English, a time or a date is the label's, as a year after "©" or after a month
#: is (:data:`_YEAR_BEFORE_TEXT`): an English sentence does not open with one ("آخر تحديث: 12:30 Talks
#: resumed", "جميع الحقوق محفوظة © 2025 Talks resumed"), where a count may open it ("اقرأ أيضا: 35 people").
_ASCII_STAMP_BEFORE_TEXT = regex.compile(
    r"[ ]*:?[ ]*(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9]{1,4}[/\-][0-9]{1,2}[/\-][0-9]{1,4})(?=[ ])"
)
#: A year after a label ending in a connector (a month: "نشر في 19 مايو 2025 Talks resumed") or in "©".
_YEAR_BEFORE_TEXT = regex.compile(r"[ ]*[0-9]{4}(?=[ ])")
#: What may stand between two words of one label: a count or a day ("منذ 3 ساعات", "نشر في 19 مايو 2025"),
#: or a count in brackets and the separator after it ("تعليقات (12) | مشاركة", "تعليقات (١٢) • مشاركة").
_NUMBER_BETWEEN = regex.compile(
    rf"[ ]*:?[ ]*(?:{_ASCII_NUMBER}|\((?:{_ASCII_NUMBER}|[\u0660-\u0669\u06f0-\u06f9]+)\))(?:[ ]+[{_SPACED_LABEL_MARKS}|]+)?[ ]+\Z",
    regex.V1,
)
_LATIN_OR_OTHER_LETTER = regex.compile(r"[\p{L}--\p{Script=Arabic}]", regex.V1)

#: Bidi marks that wrapped a fragment in the input belong to its span.
_WRAPPING_MARKS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Brackets and quotes that may hold a fragment on their own. Any double
#: quote closes any double quote (and single, single): the punctuation stage
#: maps them all to ASCII, and a second cleaning must see the same gloss.
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02'
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2032\u02bc"
#: Spaced dashes set a fragment off as brackets do ("the talks — الحوار — resumed").
_DASHES = "-–—"
_ENCLOSURES = {"(": ")", "[": "]", "{": "}", "\u2039": "\u203a", **{d: _DASHES for d in _DASHES},
               **{q: _DOUBLE_QUOTES for q in _DOUBLE_QUOTES}, **{q: _SINGLE_QUOTES for q in _SINGLE_QUOTES}}
#: Quotes that open a quotation (or may: '"'); against a word after them, they open it.
_OPENING_QUOTES = frozenset('"\u201c\u201e\u00ab\uff02')
_DANGLING = " ,;:-–—/|"
#: Commas and semicolons that set a fragment apart in a sentence ("Hezbollah, حزب الله, said").
_APPOSITION = ",;\u060c\u061b"
#: What ends an English sentence: at the end of a line, after an unfinished one, it is not the fragment's.
_SENTENCE_END = frozenset(".!?\u2026\u061f")
#: Bullets and separators that set a label off from what it stands beside ("… said. » اقرأ أيضا").
_SEPARATORS = _DASHES + "|/" + _ARROWS_AND_BULLETS
#: Spaced before a label ending a line, a "©" or a colon is the label's too ("said. © جميع الحقوق محفوظة",
#: "said. : مشاركة").
_BEFORE_LABEL = _SEPARATORS + "\u00a9:"
#: Spaced before a fragment that opens a line, these only pointed at it (a link's "« السابق"): they go with it.
_NAVIGATION_MARKS = frozenset("«»‹›←→ ")
#: What may follow a gloss's brackets with no space: the removal takes the space before them too.
_JOINED_AFTER = " ,.;:!?)]}'\u2019\u02bc-/\u2026\u060c\u061b\u061f"
#: A quotation's own closing punctuation, which may stand inside its quotes or brackets before the closer.
_QUOTATION_END = frozenset(".!?\u061f\u2026")
_QUOTATION_END_OR_SPACE = _QUOTATION_END | {" "}
#: Any quote that may open what follows a removed quotation.
_QUOTES = frozenset(_DOUBLE_QUOTES + _SINGLE_QUOTES)
#: Closing quotes and brackets, which may end an unfinished sentence ('He said "yes"'), as a dash before the fragment may.
_CLOSING = "\"'\u201d\u2019\u00bb)]}"


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    line_start: int
    line_end: int
    role: str = "inline"
    rule: str | None = None
    whole_line: bool = False


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, (len(text) if line_end < 0 else line_end)


def _fragment_matches(text: str) -> Iterator[regex.Match]:
    """``_FRAGMENT`` matches holding an Arabic letter, found by jumping.

    Arabic digits or punctuation alone are not fragments: the punctuation
    stage maps them.

    The scan for the next Arabic character never crosses English it need
    not: the first is found with ``str.find`` (the document's non-ASCII
    inventory names it), and the search stops once every Arabic character
    of the inventory belongs to a match. The Unicode-property pattern only
    runs from an Arabic character. A match may start later than a scan
    would have started it, only on marks :func:`_letter_bounds` trims and
    digits it looks for in the text.
    """
    inventory = non_ascii(text)
    first = HAS_ARABIC.search(inventory)
    if first is None:
        return
    remaining = len(HAS_ARABIC.findall(inventory))
    at = text.find(first.group())
    while True:
        match = _FRAGMENT.match(text, at)
        if match is None:
            remaining -= 1
            pos = at + 1
        else:
            remaining -= len(HAS_ARABIC.findall(match.group()))
            if _LETTER.search(match.group()):
                yield match
            pos = match.end()
        if remaining <= 0:
            return
        hit = HAS_ARABIC.search(text, pos)
        if hit is None:
            return
        at = hit.start()


def _letter_bounds(text: str, match: regex.Match) -> tuple[int, int]:
    """The match without the punctuation at its edges, with the Arabic digits beside its letters.

    Arabic punctuation at the edge of a run belongs to the English text
    around it (policy section 4 maps it); inside a run it stays part of the
    fragment. Arabic digits next to its letters are the fragment's
    (``الموازنة ٢٠٢٥``, a time ``١٢:٣٠ م``): they are looked for in the
    text, not the match, which may begin at the letter (see
    :func:`_fragment_matches`). So is a count, time or date after its colon
    when it ends the line (but for separators) or is a time or date
    (``مشاهدات: ٤٥٦ ›``, ``آخر تحديث: ١٢:٣٠``, ``نشر في: ٢٠٢٤/٠٥/١٢``);
    a number the English goes on from is the sentence's
    (``اقرأ أيضا: ٣٥ people``, ``Gaza غزة: ٥٠ dead``).
    """
    start, end = match.span()
    first = _LETTER.search(match.group())
    trailing = _TRAILING_NON_LETTERS.search(match.group())
    start, end = start + first.start(), (start + trailing.start()) if trailing else end
    if start and text[start - 1] in _ARABIC_DIGITS_OR_SPACE:
        start = _skip(text, _arabic_number_start(text, start), " ", start)
    if text[end : end + 1] in _ARABIC_DIGITS_OR_SPACE:
        end = _skip_back(text, _arabic_number_end(text, end), " ", end)
    count = _COUNT_AFTER_COLON.match(text, end, end + _NEAR)  # bounded: the module looks ahead for its ':'
    if count:
        after = _skip(text, count.end(), _SEPARATORS + " :", len(text))
        if after == len(text) or text[after] == "\n" or count.group(1):
            end = count.end()
    return start, end


def _arabic_number_start(text: str, pos: int) -> int:
    """Back from ``pos`` over Arabic digits and spaces, and a colon (a time), ``٬`` or ``٫`` between digits."""
    pos = _skip_back(text, pos, _ARABIC_DIGITS_OR_SPACE, 0)
    while (
        pos >= 2 and text[pos - 1] in _IN_ARABIC_NUMBER and text[pos - 2] in _ARABIC_DIGITS
        and text[pos : pos + 1] in _ARABIC_DIGITS
    ):
        pos = _skip_back(text, pos - 1, _ARABIC_DIGITS, 0)
    return pos


def _arabic_number_end(text: str, pos: int) -> int:
    """On from ``pos`` over Arabic digits and spaces, and a colon (a time), ``٬`` or ``٫`` between digits."""
    pos = _skip(text, pos, _ARABIC_DIGITS_OR_SPACE, len(text))
    while (
        text[pos : pos + 1] in _IN_ARABIC_NUMBER and text[pos - 1] in _ARABIC_DIGITS and text[pos + 1 : pos + 2] in _ARABIC_DIGITS
    ):
        pos = _skip(text, pos + 1, _ARABIC_DIGITS, len(text))
    return pos


def arabic_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the Arabic runs in ``text``, as fragments are cut (before labels).

    The punctuation stage leaves these alone, so a fragment kept in the text
    is found with the same bounds by a second cleaning.
    """
    return [_letter_bounds(text, m) for m in _fragment_matches(text)]


def _ends_english_sentence(english_before: str, punctuation: str) -> bool:
    """Whether label-like ``punctuation`` after a fragment ends the unfinished English sentence before it.

    "in Doha الدوحة." and "in Doha, الدوحة." end with the sentence's period, as
    they would mid-paragraph; "Monday. مشاركة :" and "Monday. مشاركة." are a
    label after a finished one.
    """
    last = english_before.rstrip(_CLOSING + _DASHES + " ")[-1:]
    unfinished = last.isalnum() or last in _APPOSITION  # "the leader — القائد.", "in Doha, الدوحة."
    return set(punctuation.strip()) <= _SENTENCE_END and unfinished


def _find(text: str, rules: RuleSet) -> list[_Found]:
    """Fragments of the text, with whole Arabic lines merged into one."""
    found: list[_Found] = []
    line_start = line_end = -1
    for start, end in _joined_labels(text, [_letter_bounds(text, m) for m in _fragment_matches(text)], rules):
        if end > line_end:  # fragments come in text order: the line is looked up once, not per fragment
            line_start, line_end = _line_bounds(text, start, end)
        found.append(_Found(start, _label_end(text, start, end, line_start, line_end, rules), line_start, line_end))
    return _merge_lines(text, found)


def _joined_labels(text: str, spans: list[tuple[int, int]], rules: RuleSet) -> list[tuple[int, int]]:
    """The runs, with two runs of one label joined across what stands between its words.

    A count or a day in ASCII digits ("منذ 3 ساعات", "نشر في 19 مايو 2025",
    "وقت القراءة: 4 دقائق") and the bracketed wording of a button (Jetpack's
    "اضغط للمشاركة على تويتر (فتح في نافذة جديدة)", "Click to share on Twitter
    (Opens in new window)") belong to the label when both sides are its words:
    the whole reads as labels, numbers left out. Otherwise each run stays
    itself (``Doha الدوحة (قطر)``, ``in 2025 رؤية 2030 Vision``).
    """
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            last_start, last_end = joined[-1]
            between = text[last_end:start] if start - last_end <= _NEAR else "\n"  # far apart: not one label
            if "\n" not in between:
                if between.strip(" ") == "(" and text[end : end + 1] == ")":
                    whole_end = end + 1  # the closing bracket is the label's
                elif _NUMBER_BETWEEN.match(between):
                    whole_end = end
                else:
                    whole_end = None
                if whole_end is not None and rules.match_arabic(text[last_start:whole_end]) is not None:
                    joined[-1] = (last_start, whole_end)
                    continue
        joined.append((start, end))
    return joined


def _label_end(text: str, start: int, end: int, line_start: int, line_end: int, rules: RuleSet) -> int:
    """Where a fragment ends with the label punctuation, and the count in ASCII digits, that hang on it.

    Both are the fragment's at the start or the end of a line, but for
    punctuation ending an unfinished English sentence; a count in ASCII
    digits only after a label and only at the end of its line or, at the
    start of a line, before a spaced separator or when it is a time, a date,
    a year after "©" or after a month (before English, a count is the
    sentence's: ``اقرأ أيضا: 35 people``). A ``©`` after a label opening a line stays with the notice it
    opens when the rest of the line is one (the English copyright rule takes
    it, or it is a name and a year: ``جميع الحقوق محفوظة © Al Jazeera 2025``);
    before English prose it is the label's.
    """
    # Looked at near the fragment only: a line can be megabytes long, with thousands of fragments.
    label = _LABEL_END.match(text, end)
    hanging = _before_opening_guillemet(text, end, label.end(), line_end) if label else end
    before = _skip_back(text, start, _SEPARATORS + " ", line_start)
    if any(c in _ASCII_DIGITS for c in text[hanging : min(line_end, hanging + 6)]):
        count = _ASCII_COUNT_ENDING_LINE.match(text, hanging, line_end) if line_end - hanging <= _NEAR else None
        if count is None and before == line_start:
            near = min(line_end, hanging + _NEAR)
            count = (
                _ASCII_COUNT_BEFORE_SEPARATOR.match(text, hanging, near)
                or _ASCII_STAMP_BEFORE_TEXT.match(text, hanging, near)
                or (
                    (
                        text[end:hanging].rstrip(" ").endswith("\u00a9")
                        # after a month ("نشر في 19 مايو 2025"); a separator ends the label ("منذ دقائق | 2025 budget")
                        or (not text[end:hanging].strip() and rules.ends_with_arabic_connector(text[start:end]))
                    )
                    and _YEAR_BEFORE_TEXT.match(text, hanging, near)
                )
            )
        if count and rules.match_arabic(text[start:end]) is not None:
            label = _LABEL_END.match(text, count.end())  # the separator after it
            hanging = label.end() if label else count.end()
    if hanging == end:
        return end
    line_goes_on = _skip(text, hanging, " ", line_end) < line_end
    if before != line_start and (
        line_goes_on or _ends_english_sentence(text[max(line_start, before - _LOOK_BACK) : before], text[end:hanging])
    ):
        return end
    if before == line_start and line_goes_on and "\u00a9" in text[end:hanging]:
        sign = text.index("\u00a9", end, hanging)
        if _is_notice(text[sign + 1 : line_end], rules):
            # The sign stays with the notice it opens, a line the English copyright rule then takes whole.
            return _skip_back(text, sign, " ", start)
    return hanging


#: Each guillemet and its partner: spaced, a guillemet beside a label is the label's mark ("اقرأ المزيد »")
#: unless it opens or closes a quotation on its line ('شارك « Every riyal counts,» he said').
_GUILLEMET_PARTNERS = {"\u00ab": "\u00bb", "\u2039": "\u203a", "\u00bb": "\u00ab", "\u203a": "\u2039"}
#: How far along its line a guillemet's partner is looked for: a quotation is a sentence or a few.
_QUOTATION_REACH = 2000


def _before_opening_guillemet(text: str, end: int, hanging: int, line_end: int) -> int:
    """``hanging``, or where the label's punctuation stops before a guillemet in it that opens a quotation."""
    for pos in range(end, hanging):
        if text[pos] in "\u00ab\u2039" and _opens_quotation(text, pos, line_end):
            return _skip_back(text, pos, " ", end)
    return hanging


def _opens_quotation(text: str, pos: int, line_end: int) -> bool:
    """Whether the opening guillemet at ``pos`` has its partner later on its line, before another one opens."""
    partner = text.find(_GUILLEMET_PARTNERS[text[pos]], pos + 1, min(line_end, pos + _QUOTATION_REACH))
    return partner != -1 and text.find(text[pos], pos + 1, partner) == -1


def _closes_quotation(text: str, pos: int, line_start: int) -> bool:
    """Whether the character at ``pos`` is a closing guillemet whose partner opened a quotation earlier on its line."""
    if text[pos] not in "\u00bb\u203a":
        return False
    floor = max(line_start, pos - _QUOTATION_REACH)
    return text.rfind(_GUILLEMET_PARTNERS[text[pos]], floor, pos) > text.rfind(text[pos], floor, pos)


#: A notice's name and year after "©": a few words, each capitalised, a number or a domain ("Al Jazeera 2025").
_NAME_AND_YEAR = regex.compile(r"[ ]*(?:(?:\p{Lu}|[0-9])\S*|\S+\.\S+)(?:[ ]+(?:(?:\p{Lu}|[0-9])\S*|\S+\.\S+)){0,5}[ ]*\Z", regex.V1)


def _is_notice(rest: str, rules: RuleSet) -> bool:
    """Whether what follows a label's "©" on its line is a copyright notice, not an English sentence."""
    return rules.match_english_line(rest, True) is not None or bool(_NAME_AND_YEAR.match(rest))


#: How much English before a fragment tells whether it ends a sentence (closing quotes, brackets, a letter).
_LOOK_BACK = 32


def _merge_lines(text: str, found: list[_Found]) -> list[_Found]:
    """A line whose only letters are Arabic is one fragment, digits and all."""
    merged: list[_Found] = []
    for _, group in groupby(found, key=attrgetter("line_start")):  # found is in text order: a line's are together
        same_line = list(group)
        first = same_line[0]
        line = text[first.line_start : first.line_end]
        rest = "".join(
            text[a:b] for a, b in zip(
                [first.line_start] + [f.end for f in same_line],
                [f.start for f in same_line] + [first.line_end],
            )
        )
        if not _LATIN_OR_OTHER_LETTER.search(rest):
            stripped_start = first.line_start + (len(line) - len(line.lstrip()))
            stripped_end = first.line_start + len(line.rstrip())
            whole = _Found(stripped_start, stripped_end, first.line_start, first.line_end, "line", whole_line=True)
            merged.append(whole)
        else:
            merged.extend(same_line)
    return merged


def _enclosure(text: str, found: _Found) -> tuple[int, int] | None:
    """The span of the brackets, quotes or spaced dashes that hold only this fragment.

    Between two hyphens joining words ("Tel Aviv-يافا-Jaffa") it is the fragment and the
    hyphen after it: one hyphen still joins the words.
    """
    before = _skip_back(text, found.start, " ", found.line_start)
    after = _skip(text, found.end, " ", found.line_end)
    if before > found.line_start and after < found.line_end:
        closer = _ENCLOSURES.get(text[before - 1])
        if text[before - 1] in _ASCII_DIGITS or text[after] in _ASCII_DIGITS:
            # Digits beside it in brackets or quotes are the gloss's too: "(رؤية 2030)".
            before = _skip_back(text, before, _ASCII_DIGITS_OR_SPACE, found.line_start)
            after = _skip(text, after, _ASCII_DIGITS_OR_SPACE, found.line_end)
            if before == found.line_start or after == found.line_end:
                return None
            closer = _ENCLOSURES.get(text[before - 1])
            if closer is None or closer is _DASHES:
                return None
        if closer is not None and closer is not _DASHES and text[after] in _QUOTATION_END:
            # The quotation's own closing punctuation, inside its quotes or brackets:
            # 'He said "نحن مستعدون." Talks resumed', 'chanted «لا للحرب!» as'.
            closing = _skip(text, after, _QUOTATION_END_OR_SPACE, found.line_end)
            if closing < found.line_end and text[closing] in closer:
                after = closing
        if closer is not None and text[after] in closer:
            if (text[after] in _OPENING_QUOTES and before < found.start and after > found.end
                    and text[after + 1 : after + 2].isalnum()):
                # Spaced marks on both sides are an arrow and a quote opening what follows: '« السابق
                # “We will see,” he said'. A quote against the fragment on one side is a pair, its other
                # quote spaced by noise, whatever their shapes ('"مشاركة ”The' reads as '"مشاركة "The').
                return None
            # A closing dash is set apart by the space before it when what follows it is not a word
            # ("Jordan — الأردن —'s"); unspaced dashes join words ("Tel Aviv-يافا-Jaffa").
            closing_apart = _spaced(text, after) or (after > found.end and not text[after + 1 : after + 2].isalnum())
            if closer is _DASHES and not (_spaced(text, before - 1) and closing_apart):
                return found.start, after + 1
            if closer is _DASHES:
                return before - 1, after + 1
            return _outer_pairs(text, before - 1, after + 1, found)
    return None


def _outer_pairs(text: str, start: int, end: int, found: _Found) -> tuple[int, int]:
    """The span of the brackets or quotes from ``start`` to ``end``, with the pairs around them that hold only them.

    A gloss may be quoted inside its brackets: 'Sydney ("سيدني") on' is 'Sydney on', as 'Sydney (سيدني) on' is.
    """
    while True:
        before = _skip_back(text, start, " ", found.line_start)
        after = _skip(text, end, " ", found.line_end)
        if before == found.line_start or after == found.line_end:
            return start, end
        closer = _ENCLOSURES.get(text[before - 1])
        if closer is None or closer is _DASHES or text[after] not in closer:
            return start, end
        start, end = before - 1, after + 1


def _skip(text: str, pos: int, chars: str | frozenset[str], ceiling: int) -> int:
    """``pos`` moved past the ``chars`` that follow it, not beyond ``ceiling``."""
    while pos < ceiling and text[pos] in chars:
        pos += 1
    return pos


def _skip_back(text: str, pos: int, chars: str | frozenset[str], floor: int) -> int:
    """``pos`` moved back over the ``chars`` before it, not below ``floor``."""
    while pos > floor and text[pos - 1] in chars:
        pos -= 1
    return pos


def _spaced(text: str, pos: int) -> bool:
    """Whether the character at ``pos`` has a space on each side."""
    return 0 < pos < len(text) - 1 and text[pos - 1] == " " and text[pos + 1] == " "


def _removal_span(text: str, found: _Found) -> tuple[int, int, str]:
    """What to delete for a fragment (brackets, dangling punctuation, one space), and what to put there.

    Only a quotation's own closing punctuation is put back, when it ended
    the English sentence too: 'He said "نحن مستعدون." Talks resumed' becomes
    'He said. Talks resumed'.
    """
    enclosure = None if found.whole_line else _enclosure(text, found)
    start, end = _removal_bounds(text, found, enclosure)
    if enclosure is not None and enclosure[1] - 1 > found.end:
        inner = text[found.end : enclosure[1] - 1].strip(" ")
        following = text[end : found.line_end].lstrip(" ")
        if inner and _QUOTATION_END.issuperset(inner) and (not following or following[0].isupper() or following[0] in _QUOTES):
            return start, end, inner
    return start, end, ""


def _removal_bounds(text: str, found: _Found, enclosure: tuple[int, int] | None) -> tuple[int, int]:
    """What to delete for a fragment: brackets (its ``enclosure``, if any), dangling punctuation, one space."""
    if found.whole_line:
        if found.line_end < len(text):
            return found.line_start, found.line_end + 1
        return max(found.line_start - 1, 0), found.line_end
    start, end = enclosure or (found.start, found.end)
    line_start, line_end = found.line_start, found.line_end
    if (start, end) == (found.start, found.end) and (
        (found.role == "boilerplate" and _skip_back(text, start, _SEPARATORS + " ", line_start) == line_start)
        or _NAVIGATION_MARKS.issuperset(text[line_start:start])
    ):
        # Bullets before a label that opens the line: "» اقرأ أيضا: ..."; before any fragment,
        # the arrows and guillemets of a navigation link ("« المقالة السابقة"); a list's bullets stay.
        start = line_start
    elif (start, end) == (found.start, found.end) and (end == line_end or text[end] in _SENTENCE_END):
        # A spaced dash or separator that only introduced the fragment:
        # "the leader — القائد.", "... said. » اقرأ أيضا".
        start = _introducing_marks(text, start, line_start, _BEFORE_LABEL if found.role == "boilerplate" else _SEPARATORS)
    if (start, end) == (found.start, found.end):
        # Separators left hanging inside a bracket: "(حزب الله; Party of God)".
        if start > line_start and text[start - 1] in "([{":
            while end < line_end and text[end] in _DANGLING:
                end += 1
        elif end < line_end and text[end] in ")]}":
            while start > line_start and text[start - 1] in _DANGLING:
                start -= 1
            return start, end
    if found.role != "boilerplate":
        apposition = _apposition_start(text, start, end, line_start, line_end)
        if apposition is not None:
            return apposition, end
    if start > line_start and text[start - 1] == " " and (end == line_end or text[end] in _JOINED_AFTER):
        start -= 1
    elif start == line_start:
        while end < line_end and text[end] == " ":
            end += 1
    return start, end


def _apposition_start(text: str, start: int, end: int, line_start: int, line_end: int) -> int | None:
    """Where the removal of a name or term set apart by commas starts: at the comma before it.

    Of two commas around it one stays, as in a list ("Iraq, العراق, Syria and Jordan" is "Iraq,
    Syria and Jordan", 'he said, "الحمد لله", and left' is "he said, and left"); before the
    sentence's full stop or a dash, the comma dangled ("in Doha, الدوحة." is "in Doha.", "— Hezbollah,
    حزب الله —" is "— Hezbollah —"). A label glued after text leaves the text's own comma: callers
    ask for names and terms only.
    """
    before = _skip_back(text, start, " ", line_start)
    if before == line_start or text[before - 1] not in _APPOSITION:
        return None
    after = _skip(text, end, " ", line_end)
    if after == line_end or text[after] in _APPOSITION or text[end] in _SENTENCE_END or (after > end and text[after] in _DASHES):
        return before - 1
    return None


def _classify(text: str, found: _Found, rules: RuleSet) -> None:
    if not found.whole_line and _enclosure(text, found) is not None:
        return  # a gloss: "Iraq (العراق)"
    rule = rules.match_arabic(text[found.start : found.end])
    if rule is not None:
        found.role, found.rule = "boilerplate", rule.id


def _repaired_marks(doc: Document) -> tuple[dict[int, int], dict[int, int]]:
    """The input spans repaired into bidi marks, by where they end and by where they start."""
    marks = [(a, b) for a, b, replacement in doc.repaired or () if replacement and _WRAPPING_MARKS.issuperset(replacement)]
    return {b: a for a, b in marks}, {a: b for a, b in marks}


def _original_text(doc: Document, start: int, end: int,
                   repaired_marks: tuple[dict[int, int], dict[int, int]]) -> tuple[int, int]:
    """The fragment's span in the input, with the bidi marks that wrapped it, as written or as mojibake."""
    original = doc.original
    mark_ending_at, mark_starting_at = repaired_marks
    while True:
        if start > 0 and original[start - 1] in _WRAPPING_MARKS:
            start -= 1
        elif start in mark_ending_at:
            start = mark_ending_at[start]
        else:
            break
    while True:
        if end < len(original) and original[end] in _WRAPPING_MARKS:
            end += 1
        elif end in mark_starting_at:
            end = mark_starting_at[end]
        else:
            break
    return start, end


#: Below this Latin share a mainly-Arabic document is not worth a second look.
RECONSIDER_LATIN_SHARE = 0.2
#: From this Arabic share on, a document judged not mainly Arabic gets a second look.
RECONSIDER_ARABIC_SHARE = 0.2


def _arabic_content_outweighs_latin(text: str, found: list[_Found]) -> bool:
    """Whether the Arabic letters, page furniture left out, outnumber the Latin ones.

    ``مواضيع ذات صلة: Talks resumed.`` has as many Arabic letters as Latin
    ones, but the Arabic is a "related topics" label: the article is English.
    """
    return _arabic_content(text, found) > len(_LATIN_OR_OTHER_LETTER.findall(text))


def _arabic_content_outweighs_english_prose(text: str, found: list[_Found], rules: RuleSet) -> bool:
    """Whether the Arabic letters, page furniture left out, outnumber the Latin ones outside English furniture lines,
    or the text's grammar words are Arabic.

    A short Arabic article under English share, cookie and copyright lines
    has fewer Arabic letters than Latin ones, but the English is furniture:
    the article is Arabic, and must not be emptied. So is an Arabic article
    full of Latin names ("أعلنت Microsoft و OpenAI عن شراكة في مجال Cloud
    Computing ..."): its English words are names, with no English grammar
    word between them. That is asked of the text without its Arabic
    furniture (``تابعنا على`` holds a grammar word), and only when the Arabic
    left is a third of the letters at least.
    """
    prose = _without_english_furniture(text, rules)
    latin = len(_LATIN_OR_OTHER_LETTER.findall(prose))
    arabic = _arabic_content(text, found)
    if arabic > latin:
        return True
    return arabic * _GRAMMAR_SHARE_DENOMINATOR >= arabic + latin and grammar_is_arabic(_without_furniture(text, found))


#: The Arabic letters (furniture left out) must be at least 1/this of the letters for grammar words to decide.
_GRAMMAR_SHARE_DENOMINATOR = 3


def _without_furniture(text: str, found: list[_Found]) -> str:
    """``text`` without the Arabic fragments found to be page furniture."""
    return _without_fragments(text, [item for item in found if item.role == "boilerplate"])


def _arabic_content(text: str, found: list[_Found]) -> int:
    """How many Arabic letters ``text`` holds outside the fragments found to be page furniture."""
    furniture = sum(len(_LETTER.findall(text, f.start, f.end)) for f in found if f.role == "boilerplate")
    return len(_LETTER.findall(text)) - furniture


def judged_mainly_arabic(text: str, ratio: dict[str, float], rules: RuleSet) -> bool:
    """The judgement the language and Arabic stages make together on ``text``.

    More than half the letters Arabic; and when a fair share is Latin, the
    Arabic that is not page furniture must still outnumber the Latin. When
    a fair share is Arabic but not half, the Arabic that is not furniture
    outnumbering the Latin that is not English furniture makes it Arabic too.
    """
    if ratio["arabic"] <= 0.5:
        return ratio["arabic"] >= RECONSIDER_ARABIC_SHARE and _arabic_content_outweighs_english_prose(
            text, _classified_fragments(text, rules), rules
        )
    if ratio["latin"] < RECONSIDER_LATIN_SHARE:
        return True
    return _arabic_content_outweighs_latin(text, _classified_fragments(text, rules))


def _classified_fragments(text: str, rules: RuleSet) -> list[_Found]:
    found = _find(text, rules)
    for item in found:
        _classify(text, item, rules)
        if item.role == "boilerplate" and not item.whole_line:
            _take_latin_of_label(text, item)
            _take_leading_separators(text, item)
    return found


def _take_leading_separators(text: str, found: _Found) -> None:
    """The bullets and arrows that introduce a label, and go with it, belong to its fragment.

    Before a label opening a line ("« السابق", "» اقرأ أيضا: ...") or, set
    apart by spaces, after a finished sentence that the label ends the line
    after ("... said. » اقرأ أيضا"): the report then holds the label as it
    was written, as it holds the colon after it.
    """
    before = _skip_back(text, found.start, _SEPARATORS + " ", found.line_start)
    if before == found.line_start:
        found.start = _skip(text, before, " ", found.start)
    elif found.end == found.line_end or text[found.end] in _SENTENCE_END:
        found.start = _introducing_marks(text, found.start, found.line_start, _BEFORE_LABEL)


def _introducing_marks(text: str, pos: int, line_start: int, marks: str) -> int:
    """Where a run of ``marks`` set apart by spaces before ``pos`` begins ("said. » اقرأ أيضا", "said. >> ..."); else ``pos``.

    A closing guillemet there that closes a quotation is the quotation's, not a mark.
    """
    before = _skip_back(text, pos, " ", line_start)
    run = _skip_back(text, before, marks, line_start)
    if not (line_start < run < before and text[run - 1] == " ") or _closes_quotation(text, before - 1, line_start):
        return pos
    if ":" in text[run:before]:
        sentence_end = _skip_back(text, run, " ", line_start)
        if sentence_end == line_start or text[sentence_end - 1] not in _SENTENCE_END:
            return pos  # a colon after an unfinished sentence is the sentence's ("The statement read :")
    return run


#: Social networks and handles a follow or share label names in Latin letters ("تابعونا على X @aljazeera").
_NETWORK = r"(?:(?:x|twitter|facebook|instagram|youtube|telegram|whatsapp|tiktok|linkedin|snapchat|threads)(?![\w-])|@[\w.]{2,30})"
#: Separators that end a label's network names ("تابعونا على X | <sentence>").
_NAMES_END = ":|»«›‹–—·•-"  # the hyphen last: literal in a character class
_NETWORK_NAMES = regex.compile(rf"[ ]+{_NETWORK}(?:(?:[ ]*[,|•/&][ ]*|[ ]+){_NETWORK})*(?:[ ]*[{_NAMES_END}])*", regex.IGNORECASE)
#: A count before a label ("3 تعليقات") opens the line or follows a finished sentence.
_COUNT_BEFORE = regex.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,7})[ ]\Z")


def _take_latin_of_label(text: str, found: _Found) -> None:
    """A label's own words written in Latin letters or ASCII digits belong to its fragment.

    The network names and handles that end a label's line are the ones it
    names ("تابعونا على X", "تابعنا على تويتر @aljazeera"; before a sentence
    they are its first word), and a comment count is written in ASCII digits
    as often as in Arabic ones ("3 تعليقات").
    """
    names = _NETWORK_NAMES.match(text, found.end, min(found.line_end, found.end + _NEAR * 4))
    if names:
        after = _skip(text, names.end(), " ", found.line_end)
        if after == found.line_end or (after > names.end() and text[names.end() - 1] in _NAMES_END):
            # At the line's end, or ended by a separator ("تابعونا على X | Talks resumed"):
            # "شارك TikTok has agreed ..." opens a sentence with the name.
            found.end = names.end()
    count = _COUNT_BEFORE.search(text, max(found.line_start, found.start - 12), found.start)
    if count:
        before = text[found.line_start : count.start()].rstrip(" ")
        if not before or before[-1] in _SENTENCE_END or before[-1] in _SEPARATORS or before[-1] in _CLOSING:
            found.start = count.start()


def _without_fragments(text: str, found: list[_Found]) -> str:
    """``text`` without the Arabic fragments: what the language of a document judged not mainly Arabic is told from."""
    pieces, position = [], 0
    for item in found:
        pieces.append(text[position : item.start])
        position = item.end
    pieces.append(text[position:])
    return " ".join(pieces)


def _without_english_furniture(text: str, rules: RuleSet) -> str:
    """The lines of ``text`` that are not English furniture: what is weighed, and the language told from."""
    return "\n".join(line for line in text.split("\n") if rules.match_english_line(line, True) is None)


def separate_arabic(doc: Document, rules: RuleSet, *, policy: str,
                    redetect: Callable[[Document, str], None] | None = None) -> None:
    """Report every Arabic fragment; take out those the policy does not keep.

    The language stage judged the document mainly Arabic by its letters; when
    it holds a fair share of Latin letters, that judgement is made again with
    the Arabic page furniture left out, which only this stage can recognise.
    In a document that is not mainly Arabic, ``redetect`` names the language
    again from the text without its Arabic fragments: they are residue (a
    share label, a caption, a gloss) and the article is what is left, which
    is also what a second cleaning sees.
    """
    text = doc.text
    if not has_arabic(text):
        return
    if doc.mainly_arabic and doc.script_ratio.get("latin", 0.0) < RECONSIDER_LATIN_SHARE:
        return
    found = _classified_fragments(text, rules)
    if doc.mainly_arabic:
        doc.mainly_arabic = _arabic_content_outweighs_latin(text, found)
        if doc.mainly_arabic:
            return
    elif doc.script_ratio.get("arabic", 0.0) >= RECONSIDER_ARABIC_SHARE and _arabic_content_outweighs_english_prose(
        text, found, rules
    ):
        doc.mainly_arabic = True
        if redetect is not None:
            redetect(doc, _without_english_furniture(text, rules))
        return
    if redetect is not None and found and doc.lang != "en":
        # English stays English without its Arabic residue (its function words only get denser).
        redetect(doc, _without_fragments(text, found))
    edits: list[Edit] = []
    reported = [(f.start, f.end) for f in doc.fragments]  # fragments kept by an earlier run
    repaired_marks = _repaired_marks(doc)
    for item in found:
        fragment_text = text[item.start : item.end]
        start, end = _original_text(doc, *doc.log.original_span(item.start, item.end), repaired_marks)
        if any(a < end and start < b for a, b in reported):
            continue
        doc.fragments.append(
            ArabicFragment(
                text=doc.repaired_text(start, end),
                start=start,
                end=end,
                role=item.role,
                rule=item.rule,
                normalized=normalize_arabic(fragment_text),
                translit=transliterate(fragment_text),
            )
        )
        if policy == "keep" or (policy == "keep_inline" and item.role == "inline"):
            continue
        edits.append(Edit(*_removal_span(text, item), "arabic_fragments"))
    doc.apply(join_touching(edits, text, _LEFT_BETWEEN))


#: What may be left between two removals on a line with nothing to say alone: "… اقرأ أيضا: «…»"
#: (a label and the quoted Arabic headline after it are two fragments; the colon would dangle).
_LEFT_BETWEEN = frozenset(_DANGLING + _SEPARATORS)
