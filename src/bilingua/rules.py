"""Boilerplate rules as data: packaged TOML files plus the user's own.

A rule has an id, a language, a position (``anywhere``; ``edge``, the
furniture zone at the head or tail of a document; or ``beside``, the edges
and mid-article lines next to other furniture) and either regex patterns
(English: matched against a whole trimmed line) or plain phrases (Arabic:
compared after Arabic normalisation). Files are validated when loaded; a
mistake raises :class:`RuleFileError` naming the file and the rule.
"""

from __future__ import annotations

import os
import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Callable, Iterable

from .arabic_labels import LabelGrammar
from .required_text import DIGIT, shortest_prefixes
from .rule_guards import pattern_guards


PACKAGED_RULE_FILES: tuple[str, ...] = ("boilerplate_en.toml", "boilerplate_ar.toml")
_WHERE = ("anywhere", "edge", "beside")
#: Lexicon keys up to this length have their answer remembered (labels are short).
_REMEMBERED_KEY_LENGTH = 64
#: ``version`` is free for the file's own bookkeeping; bilingua does not read it.
_FILE_KEYS = {"rule", "connectors", "version"}
_RULE_KEYS = {"id", "lang", "where", "description", "patterns", "phrases", "max_length", "prose_words", "rest_of_line"}
_ID = re.compile(r"[a-z0-9_.-]+")
DEFAULT_MAX_LENGTH = 60
#: What ends a label that opens a line of furniture text: ``الوسوم: ...``, ``جميع الحقوق محفوظة © ...``.
_LABEL_OPENING = re.compile("[:\u00a9]")
#: What opens a quotation or an aside, not a label.
_QUOTES_AND_BRACKETS = frozenset("«»\"“”„(['‘")
#: How many words a label after a leading "©" may have.
_LONGEST_OPENING_LABEL = 6
#: Characters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not give.
_FOLDS_TO_ASCII = frozenset("\u212a\u017f\u0130\u0131")

# Leading bullets and trailing label punctuation are allowed around every pattern.
# Guillemets used as arrows ("Read more »", "« Previous") are double quotes by the
# time lines are matched (the punctuation stage maps them), so '"' is allowed too
# when a space sets it apart: a quote against a word opens or closes a quotation
# ('"Listen: nobody wants a war," he said.' is prose). So are arrows ("↓").

#: How many (zone, length, first character) matcher lists a rule set keeps.
_REMEMBERED_BEGINNINGS = 4096
#: What ``_LINE_PREFIX`` lets through before a pattern, besides white space.
_BULLETS = frozenset("•·|>»«›→*-–—►▸▶⇒➜▪■●○★~")
_LINE_PREFIX = r"^(?:[\s" + re.escape("".join(sorted(_BULLETS))) + r"]|\"(?=\s))*(?:"
#: What sets apart the pieces of a line of several labels ("Share · Comment", "Sign in | Register"),
#: and how long such a line may be.
PIECE_SEPARATOR = re.compile(r"\s+[|\u00b7\u2022/]\s+")
_LONGEST_LINE_OF_PIECES = 200
#: Where a line of several sentences breaks ("Stay up to date. Follow us on WhatsApp."), and how
#: long such a line may be.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
_LONGEST_LINE_OF_SENTENCES = 300
_LINE_SUFFIX = r")(?:[\s:|»«›>→↓\-–—.!…►▸▶▼↗~]|(?<=\s)\")*$"


class RuleFileError(ValueError):
    """A rule file cannot be used; the message names the file and the rule."""

    def __init__(self, source: str, message: str, rule_id: str | None = None) -> None:
        where = f"{source}, rule {rule_id!r}" if rule_id else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.rule_id = rule_id


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate rule (see ``docs/rules.md`` for the file schema)."""

    id: str
    lang: str
    where: str
    description: str
    patterns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    max_length: int = DEFAULT_MAX_LENGTH
    source: str = ""
    #: Words that mark a line as prose (reported speech): a line holding one never matches.
    prose_words: tuple[str, ...] = ()
    #: Arabic rules: the longest line a label of the rule opening it before a colon or "©" makes
    #: furniture whatever follows (``الوسوم: أرامكو، النفط``); 0: its labels stand alone.
    rest_of_line: int = 0


class _LinePattern:
    """A line pattern compiled at its first match.

    Compiling every packaged English pattern costs ~0.1 s, and a run meets
    only some of them (33 of the ~170 get past their guards on the 10 MB
    benchmark corpus, fewer on a small file). After the first call,
    ``match`` is the compiled pattern's own method.
    """

    def __init__(self, source: str) -> None:
        self.source = source

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern (re.error if it is not valid); later matches go to it directly."""
        compiled = re.compile(self.source, re.IGNORECASE)
        self.match = compiled.match
        return compiled

    def match(self, line: str) -> re.Match[str] | None:
        return self.compile().match(line)


#: A rule, a line pattern of some of its patterns, the strings a line must
#: begin with (None: any) and the string it must hold (None: any) for the
#: pattern to be tried.
_LineMatcher = tuple[Rule, _LinePattern, tuple[str, ...] | None, str | None]
#: The matchers a line may meet, after every beginning they admit and every
#: string they require (see :meth:`RuleSet._matchers_for`).
_Candidates = tuple[tuple[str, ...] | None, tuple[str, ...], list[_LineMatcher]]


@lru_cache(maxsize=None)
def _beginnings_by_first_character(beginnings: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """A matcher's beginnings grouped by their first character, in their order (grouped once per matcher)."""
    grouped: dict[str, list[str]] = {}
    for beginning in beginnings:
        grouped.setdefault(beginning[0], []).append(beginning)
    return {first: tuple(group) for first, group in grouped.items()}


@lru_cache(maxsize=None)
def _rule_matchers(rule: Rule) -> tuple[_LineMatcher, ...]:
    """The rule's patterns as matchers, each with the cheapest guard it admits (built once per rule).

    A pattern with a guard is a matcher of its own, so a line is tried
    against the patterns that may match it only, and a pattern no line gets
    past its guard to is never compiled (compiling is most of what the
    rules cost a run: a rule's patterns joined into one were compiled whole
    for the one that was needed). The patterns with no guard are joined into
    one matcher, tried on every line. A pattern whose matches hold one of
    a few strings ("/" or "|") is a matcher for each, sharing its compiled
    pattern: a line is tried when it holds any of them. A packaged pattern's
    guards come from the table shipped with the rules
    (:mod:`bilingua.rule_guards`); any other pattern's are derived here.
    """
    starting: list[_LineMatcher] = []
    anywhere: list[str] = []
    scanning: list[_LineMatcher] = []
    for pattern in rule.patterns:
        guards, starts = pattern_guards(pattern)
        if guards is not None:
            line_pattern = _line_pattern([pattern], rule.prose_words)
            scanning.extend((rule, line_pattern, None, guard) for guard in guards)
        elif starts is not None:
            starting.append((rule, _line_pattern([pattern], rule.prose_words), tuple(sorted(starts)), None))
        else:
            anywhere.append(pattern)
    unguarded = [(rule, _line_pattern(anywhere, rule.prose_words), None, None)] if anywhere else []
    return (*starting, *unguarded, *scanning)


def _rule_from_table(table: dict, source: str, compile_now: bool) -> Rule:
    """The rule a ``[[rule]]`` table describes; with ``compile_now``, its patterns compiled (and so checked) at once."""
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id):
        raise RuleFileError(source, f"every rule needs an 'id' of lowercase letters, digits, '.', '_' or '-' (got {rule_id!r})")
    unknown = set(table) - _RULE_KEYS
    if unknown:
        raise RuleFileError(source, f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_RULE_KEYS))}", rule_id)
    lang = table.get("lang")
    if lang not in ("en", "ar"):
        raise RuleFileError(source, f"'lang' must be \"en\" or \"ar\" (got {lang!r})", rule_id)
    where = table.get("where", "anywhere")
    if where not in _WHERE:
        raise RuleFileError(source, f"'where' must be \"anywhere\", \"edge\" or \"beside\" (got {where!r})", rule_id)
    max_length = table.get("max_length", DEFAULT_MAX_LENGTH)
    if not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1:
        raise RuleFileError(source, f"'max_length' must be a positive whole number (got {max_length!r})", rule_id)
    key = "patterns" if lang == "en" else "phrases"
    other = "phrases" if lang == "en" else "patterns"
    if other in table:
        raise RuleFileError(source, f"a rule with lang={lang!r} takes '{key}', not '{other}'", rule_id)
    items = table.get(key)
    if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
        raise RuleFileError(source, f"'{key}' must be a non-empty list of non-empty strings", rule_id)
    prose_words = table.get("prose_words", [])
    if lang != "en" and prose_words:
        raise RuleFileError(source, "'prose_words' applies to English rules only", rule_id)
    if not isinstance(prose_words, list) or not all(isinstance(w, str) and w.strip() for w in prose_words):
        raise RuleFileError(source, "'prose_words' must be a list of non-empty strings", rule_id)
    rest_of_line = table.get("rest_of_line", 0)
    if not isinstance(rest_of_line, int) or isinstance(rest_of_line, bool) or rest_of_line < 0:
        raise RuleFileError(source, f"'rest_of_line' must be a whole number of characters (got {rest_of_line!r})", rule_id)
    if lang != "ar" and rest_of_line:
        raise RuleFileError(source, "'rest_of_line' applies to Arabic rules only", rule_id)
    rule = Rule(
        id=rule_id, lang=lang, where=where, description=str(table.get("description", "")),
        patterns=tuple(items) if lang == "en" else (), phrases=tuple(items) if lang == "ar" else (),
        max_length=max_length, source=source, prose_words=tuple(prose_words), rest_of_line=rest_of_line,
    )
    if lang == "en" and compile_now:
        try:
            for _, pattern, _, _ in _rule_matchers(rule):
                pattern.compile()  # compiled once here, kept for matching
            _line_pattern(items, rule.prose_words).compile()  # what the rule means, one pattern: its parts must join
        except re.error as exc:
            for pattern in items:
                try:
                    re.compile(pattern)
                except re.error as own_error:
                    raise RuleFileError(
                        source, f"pattern {pattern!r} is not a valid regular expression: {own_error}", rule_id
                    ) from None
            raise RuleFileError(
                source, f"the patterns cannot be joined into one line pattern ({exc}); "
                "drop inline flags such as (?i) (matching ignores case already) and repeated group names", rule_id,
            ) from None
    return rule


def _line_pattern(patterns: Iterable[str], prose_words: tuple[str, ...] = ()) -> _LinePattern:
    """One rule's patterns as one case-insensitive pattern over a whole line (compiled when first used).

    With ``prose_words``, a line holding one of them as a whole word, as
    written (``said``, not the name ``Said``), is ruled out first.
    """
    prefix = _LINE_PREFIX
    if prose_words:
        words = "|".join(re.escape(word) for word in prose_words)
        prefix = f"^(?!.*\\b(?-i:{words})\\b)" + _LINE_PREFIX[1:]
    return _LinePattern(prefix + "|".join(f"(?:{p})" for p in patterns) + _LINE_SUFFIX)


def _read_rule_file(text: str, source: str, *, compile_now: bool) -> tuple[list[Rule], list[str]]:
    """The rules and connectors of a rule file.

    A user's file is compiled at once, so a pattern re rejects stops the run
    before any record is read. The packaged files' line patterns are
    compiled when first used: the suite compiles them all.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(source, f"not valid TOML: {exc}") from None
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise RuleFileError(
            source, f"unknown top-level key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_FILE_KEYS))}"
        )
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise RuleFileError(source, "rules must be [[rule]] tables")
    connectors = data.get("connectors", [])
    if not isinstance(connectors, list) or not all(isinstance(c, str) for c in connectors):
        raise RuleFileError(source, "'connectors' must be a list of strings")
    return [_rule_from_table(t, source, compile_now) for t in tables], connectors


@dataclass(frozen=True)
class RuleSet:
    """Every rule in force, with the matchers built from them."""

    rules: tuple[Rule, ...]
    connectors: tuple[str, ...] = field(default=())

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"no rule {rule_id!r}; `bilingua rules list` shows the ids")

    # -- English lines --------------------------------------------------------
    @cached_property
    def _english(self) -> dict[bool, tuple[list[int], list[list[_LineMatcher]]]]:
        """The English matchers, per zone (edge or not) and line length.

        For each zone: the rules' distinct ``max_length`` values, ascending,
        and for each value the matchers of the rules that apply in the zone
        to lines that long, in rule order. A line's matchers are one bisect
        away, so the loop over them tests nothing but the line.

        Each pattern gets the cheapest guard that rules a prose line out
        (see :mod:`bilingua.required_text`): a pattern whose matches begin
        with known strings is tried only on lines beginning so; a pattern
        that needs one telling string only on lines holding it; each is a
        matcher of its own. A rule's patterns with neither are joined into
        one matcher, always tried.
        """
        matchers: list[tuple[Rule, list[_LineMatcher]]] = []
        for rule in self.rules:
            if rule.lang == "en":
                matchers.append((rule, _rule_matchers(rule)))
        zones = {}
        for at_edge in (True, False):
            # "beside" rules match mid-article lines too; the stage keeps only those next to furniture.
            applying = [(rule, own) for rule, own in matchers if at_edge or rule.where != "edge"]
            lengths = sorted({rule.max_length for rule, _ in applying})
            zones[at_edge] = (
                lengths,
                [[m for rule, own in applying if rule.max_length >= length for m in own] for length in lengths],
            )
        return zones

    @cached_property
    def _longest_english(self) -> int:
        return max((rule.max_length for rule in self.rules if rule.lang == "en"), default=0)

    @cached_property
    def longest_arabic_line(self) -> int:
        """The longest (stripped) line an Arabic rule applies to: a longer line is no label, without normalising it."""
        return max((rule.max_length for rule in self.rules if rule.lang == "ar"), default=0)

    @cached_property
    def _longest_opened_line(self) -> int:
        return max((rule.rest_of_line for rule in self.rules if rule.lang == "ar"), default=0)

    def match_arabic_opening(self, line: str) -> Rule | None:
        """The rule of a label opening ``line`` before a colon or "©", when its rule takes the rest of such a line.

        ``الوسوم: أرامكو، النفط``, ``اقرأ أيضاً: <headline>``, ``جميع الحقوق
        محفوظة © <site> 2025``: the text after the label is the label's (tags,
        a linked headline, a site name), as after "Tags:" or "Read more:".
        """
        line = line.strip()
        if len(line) > self._longest_opened_line or line[:1] in _QUOTES_AND_BRACKETS:
            return None  # too long, or a quotation ("«المصدر: لا نعرف شيئا»")
        opened = line.lstrip("©").strip()
        marker = _LABEL_OPENING.search(opened, 0, self.longest_arabic_line + 1)  # a label is short
        if marker is not None and opened[marker.end() :].strip():
            head = opened[: marker.start()]
            rule = self._one_phrase(head) if head.count(" ") < _LONGEST_OPENING_LABEL else None
        elif opened != line:
            rule = self._label_of_leading_words(opened)  # "© جميع الحقوق محفوظة لموقع <site>"
        else:
            return None
        if rule is None or len(line) > rule.rest_of_line:
            return None
        return rule

    def ends_with_arabic_connector(self, text: str) -> bool:
        """Whether ``text``'s last word is a connector of the Arabic labels (a month, a unit of time, "في")."""
        from .arabic_text import lexicon_key

        return lexicon_key(text).rpartition(" ")[2] in self._arabic[0].connectors

    def _one_phrase(self, head: str) -> Rule | None:
        """The rule of ``head`` when it is one phrase, connectors around it allowed (``نشر في``, ``بقلم``).

        A label that takes the rest of its line is written alone before its
        colon. Several labels there are a sentence that happens to be made of
        lexicon words: ``وكتب على فيسبوك: ...`` ("and he wrote on Facebook:")
        and ``كتبت على إنستغرام: ...`` quote a post, they are no byline.
        """
        from .arabic_text import lexicon_key

        grammar, by_phrase = self._arabic
        words = lexicon_key(head).split(" ")
        rule = by_phrase.get(" ".join(words))
        while rule is None and len(words) > 1 and (words[-1] in grammar.connectors or words[0] in grammar.connectors):
            del words[-1 if words[-1] in grammar.connectors else 0]
            rule = by_phrase.get(" ".join(words))
        return rule

    def _label_of_leading_words(self, text: str) -> Rule | None:
        """The rule of the longest run of ``text``'s first words that is a label, with words left after it."""
        words = text.split()
        for count in range(min(len(words) - 1, _LONGEST_OPENING_LABEL), 0, -1):
            rule = self.match_arabic(" ".join(words[:count]))
            if rule is not None:
                return rule
        return None

    def match_english_line(self, line: str, at_edge: bool) -> Rule | None:
        """The first English rule matching the whole (trimmed) line, if any.

        Runs of spaces count as one, as they will once the layout stage has
        run: a second cleaning must find the same furniture. A line of
        pieces set apart by a spaced bar, middle dot, bullet or slash is
        furniture when every piece is ("Share · Comment", "Sign in |
        Register", "By Reuters | 19 May 2025"), under the first piece's rule;
        so is a line of sentences in the furniture zone when every sentence
        is ("Stay up to date with the latest news. Follow KT on WhatsApp
        Channels."). Mid-article, where most lines are paragraphs of prose,
        testing them sentence by sentence cost a quarter more instructions
        on the benchmark corpus, for lines that are seldom there.
        """
        rule = self._match_whole_line(line, at_edge)
        if rule is None and len(line) <= _LONGEST_LINE_OF_PIECES and (
            "|" in line or "\u00b7" in line or "\u2022" in line or " / " in line
        ):
            rule = self._match_every_piece(PIECE_SEPARATOR.split(line.strip()), at_edge)
        if rule is None and at_edge and len(line) <= _LONGEST_LINE_OF_SENTENCES and (
            ". " in line or "! " in line or "? " in line
        ):
            sentences = _SENTENCE_BREAK.split(line.strip())
            # One sentence of three words at least: a line of one-word sentences is a
            # list or a cry ("OK. Got it.", "Jobs. Jobs. Jobs.", "Europe. Asia. Africa.").
            if any(sentence.count(" ") >= 2 for sentence in sentences):
                rule = self._match_every_piece(sentences, at_edge)
        return rule

    def _match_every_piece(self, pieces: list[str], at_edge: bool) -> Rule | None:
        """The first piece's rule when there are several pieces and each is furniture on its own."""
        if len(pieces) < 2 or not all(pieces):
            return None
        first = self._match_whole_line(pieces[0], at_edge)
        if first is None:
            return None  # most lines of prose end here, at their first sentence
        for piece in pieces[1:]:
            if self._match_whole_line(piece, at_edge) is None:
                return None
        return first

    def _match_whole_line(self, line: str, at_edge: bool) -> Rule | None:
        line = line.strip()
        if line[:1] == '"' and (line[1:2] == " " or line.count('"') == 1):
            # A guillemet once ("» Share this article"), which the line prefix lets
            # through, or a lone quote against the first word (the punctuation stage
            # pulls a line's only quote to the text after it: "« Previous" is '"Previous'):
            # the line is matched without it, as any line by its first letter.
            line = line[1:].lstrip()
        longest = self._longest_english
        if not line or (len(line) > longest and len(line) - line.count(" ") > longest):
            return None  # too long even with its spaces collapsed (counted only when it could be)
        if "  " in line:
            line = " ".join(line.split())
        lengths, by_length = self._english[at_edge]
        index = bisect_left(lengths, len(line))
        if index == len(lengths):
            return None
        # Guards test the lower-cased line, unless it holds a character
        # IGNORECASE equates with an ASCII letter and lower() does not (Kelvin
        # K, long s, dotted and dotless i). Beginnings are not known when the
        # line opens with a bullet the line pattern lets through.
        lowered = line.lower() if line.isascii() or _FOLDS_TO_ASCII.isdisjoint(line) else ""
        first = lowered[:1] if line[0] not in _BULLETS else ""
        candidates = self._by_first_character.get((at_edge, index, first))
        any_start, guards, matchers = candidates or self._matchers_for(at_edge, index, first)
        if lowered and any_start is not None and not lowered.startswith(any_start):
            for guard in guards:
                if guard in lowered:
                    break
            else:
                return None  # every matcher's guard rules the line out: most prose lines
        for rule, pattern, starts, guard in matchers:
            if starts is not None and not lowered.startswith(starts):
                continue
            if guard is not None and lowered and guard not in lowered:
                continue
            if pattern.match(line):
                return rule
        return None

    def _matchers_for(self, at_edge: bool, index: int, first: str) -> _Candidates:
        """The matchers of a zone and length bucket that a line beginning with ``first`` may meet.

        Each keeps only the beginnings that start with ``first`` (None when
        the start needs no test: a digit the pattern may begin with, or an
        unknown first character). With them, all their beginnings in one
        tuple and all their required strings, so that one ``startswith`` and
        a substring test or two rule a line out before the loop over them;
        None instead of the beginnings when a matcher has no guard at all.
        Remembered per first character, up to a bound: the first characters
        of lines are few. The caller looks in ``_by_first_character`` first
        (a call saved on every line); this builds what is not there.
        """
        found: list[_LineMatcher] = []
        for rule, pattern, starts, guard in self._english[at_edge][1][index]:
            if starts is not None and first:
                by_first = _beginnings_by_first_character(starts)
                if first.isdecimal() and DIGIT in by_first:
                    starts = None
                else:
                    starts = by_first.get(first)
                    if starts is None:
                        continue
            elif starts is not None:
                starts = None
            found.append((rule, pattern, starts, guard))
        beginnings = [starts for _, _, starts, _ in found if starts is not None]
        required = [guard for _, _, starts, guard in found if starts is None and guard is not None]
        unguarded = len(beginnings) + len(required) < len(found)  # a matcher tried on any line
        any_start = None if unguarded else tuple(sorted(shortest_prefixes(s for starts in beginnings for s in starts)))
        guards = tuple(dict.fromkeys(required))
        candidates = (any_start, guards, found)
        if len(self._by_first_character) < _REMEMBERED_BEGINNINGS:
            self._by_first_character[at_edge, index, first] = candidates
        return candidates

    @cached_property
    def _by_first_character(self) -> dict[tuple[bool, int, str], _Candidates]:
        return {}

    # -- Arabic labels --------------------------------------------------------
    @cached_property
    def _arabic(self) -> tuple[LabelGrammar, dict[str, Rule]]:
        """The label grammar over lexicon keys, and the rule of each phrase (the first rule listing it)."""
        from .arabic_text import lexicon_key

        by_phrase: dict[str, Rule] = {}
        for rule in self.rules:
            if rule.lang == "ar":
                for phrase in rule.phrases:
                    by_phrase.setdefault(lexicon_key(phrase), rule)
        return LabelGrammar(by_phrase, (lexicon_key(c) for c in self.connectors)), by_phrase

    def match_arabic(self, text: str, *, normalized: bool = False) -> Rule | None:
        """The rule of the first label when ``text`` is made only of Arabic labels."""
        from .arabic_text import lexicon_key

        key = text if normalized else lexicon_key(text)
        return self._arabic_label(key) if len(key) <= _REMEMBERED_KEY_LENGTH else self._match_key(key)

    def _match_key(self, key: str) -> Rule | None:
        grammar, by_phrase = self._arabic
        phrase = grammar.first_phrase(key)
        if phrase is None:
            plainer = grammar.plainer_key(key)
            if plainer != key:
                phrase = grammar.first_phrase(plainer)
        return None if phrase is None else by_phrase[phrase]

    @cached_property
    def _arabic_label(self) -> Callable[[str], Rule | None]:
        """:meth:`_match_key` remembering short keys: the same labels recur on every page of a site."""
        return lru_cache(maxsize=4096)(self._match_key)


def _packaged_sources() -> Iterable[tuple[str, str]]:
    data = resources.files("bilingua") / "data"
    for name in PACKAGED_RULE_FILES:
        yield f"bilingua/data/{name}", (data / name).read_text(encoding="utf-8")


@lru_cache(maxsize=16)
def _load(rule_files: tuple[str, ...]) -> RuleSet:
    rules: list[Rule] = []
    connectors: list[str] = []
    seen: dict[str, str] = {}
    sources = [(source, text, False) for source, text in _packaged_sources()]
    for path in rule_files:
        try:
            with open(path, encoding="utf-8") as handle:
                sources.append((os.fspath(path), handle.read(), True))
        except OSError as exc:
            raise RuleFileError(os.fspath(path), f"cannot read the rule file: {exc.strerror}") from None
    for source, text, user_file in sources:
        file_rules, file_connectors = _read_rule_file(text, source, compile_now=user_file)
        for rule in file_rules:
            if rule.id in seen:
                raise RuleFileError(source, f"duplicate id, already defined in {seen[rule.id]}", rule.id)
            seen[rule.id] = source
        rules.extend(file_rules)
        connectors.extend(file_connectors)
    return RuleSet(tuple(rules), tuple(dict.fromkeys(connectors)))


def load_rules(rule_files: Iterable[str | os.PathLike[str]] = ()) -> RuleSet:
    """The packaged rules followed by those of ``rule_files`` (loaded once, cached)."""
    return _load(tuple(os.fspath(p) for p in rule_files))
