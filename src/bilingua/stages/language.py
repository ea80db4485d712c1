"""Language stage: script shares, then the main language of the document.

langdetect costs ~3 us per character and its first call loads its profiles,
so it only runs where the letters do not already decide: a text whose
letters are mostly Latin (or Arabic) and whose words are full of English
(or Arabic) function words is English (or Arabic) without asking it.
"""

from __future__ import annotations

import importlib.util
import string
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import regex

from ..charclasses import LETTERS, NOT_ARABIC, NOT_LATIN, has_arabic, non_ascii, utf8, without_addresses
from ..document import Document

#: Function words frequent in English and rare as words of the other
#: Latin-script candidates. Left out because they are common words there:
#: "a", "in" (de, nl, it), "on" (fr), "was" (de, nl), "of", "is" (nl), "an"
#: (de), "as" (pt), "so", "do", "no". In English news a sample is 12-30% these
#: words; in French, German, Spanish, Italian, Portuguese, Dutch, Turkish or
#: Indonesian news under 2% (tests/cases/languages.jsonl).
_ENGLISH = frozenset(
    "the and that with for said his her are this which were but they their its been who will "
    "from would have has not had into after about than there what when also more these those "
    "she him them could should being because while where just over "
    "to it by at be he we you or out up if".split()
)
#: Arabic function words that Persian and Urdu do not use as words ("إن"
#: opens the reported speech of most news sentences: "وقال ... إن").
_ARABIC = frozenset("في من على إلى الى أن إن ان عن التي الذي هذا هذه مع كان كما لم لا ذلك بعد قد".split())

_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: Stripped from both ends of a whitespace-separated token to get a word:
#: splitting on spaces runs in C, a Unicode word pattern cost ~0.2 us a character.
_WORD_EDGES = string.punctuation + string.digits + "\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026\u2013\u2014\u060c\u061b\u061f"
#: Share of sampled words that must be function words for the script to decide:
#: about half the lowest share seen in English (or Arabic) news, and five
#: times the highest seen in the other candidates.
_FUNCTION_WORD_SHARE = 0.1
_MIN_WORDS = 8
#: A text of fewer than :data:`_MIN_WORDS` words is decided by this many function words, if they are this share of it.
_SHORT_TEXT_FUNCTION_WORDS = 2
_SHORT_TEXT_FUNCTION_WORD_SHARE = 0.25
_SEED = 0
#: The languages a mainly-Arabic document can be in (those of the candidates written in Arabic script).
_ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ku", "sd", "ug"})
_LATIN_WORDS = regex.compile(r"\S*\p{Script=Latin}\S*")
#: Below this many letters langdetect's answer is noise ("Talks." is "id");
#: the script decides instead.
_MIN_LETTERS_FOR_LANGDETECT = 12


def script_ratio(text: str) -> tuple[dict[str, float], int]:
    """Latin/Arabic/other shares of the letters in ``text``, and the letter count.

    ASCII letters are counted on the UTF-8 bytes (``bytes.translate`` runs in
    C at memory speed); Unicode properties are only looked up for the
    non-ASCII characters, usually a handful. In a text holding Arabic, the
    letters of URLs and e-mail addresses are not counted: they name no
    language and would weigh for Latin (a short Arabic notice with a long
    link). Looking for them costs ~5 us an article, so only such texts pay it.
    """
    if has_arabic(text):
        text = without_addresses(text)
    data = utf8(text)
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    latin = arabic = other = 0
    if not text.isascii():
        letters = LETTERS.sub("", non_ascii(text))
        arabic = len(NOT_ARABIC.sub("", letters))
        latin = len(NOT_LATIN.sub("", letters))
        other = len(letters) - arabic - latin
    latin += ascii_letters
    total = latin + arabic + other
    if not total:
        return {"latin": 0.0, "arabic": 0.0, "other": 0.0}, 0
    return (
        {"latin": round(latin / total, 4), "arabic": round(arabic / total, 4), "other": round(other / total, 4)},
        total,
    )


def _stripped_words(text: str) -> list[str]:
    """``text``'s whitespace-separated tokens, lower-cased, without the punctuation and digits at their edges ("" for none)."""
    return list(map(str.strip, text.lower().split(), repeat(_WORD_EDGES)))


def _decided_by_function_words(sample: str, words: frozenset[str]) -> bool:
    """Whether the sample's words, stripped of punctuation, are full enough of ``words``.

    :data:`_FUNCTION_WORD_SHARE` of them from :data:`_MIN_WORDS` words on.
    A shorter text is decided by :data:`_SHORT_TEXT_FUNCTION_WORDS` of them
    making :data:`_SHORT_TEXT_FUNCTION_WORD_SHARE` of it: langdetect
    guesses at a sentence of a few words (``The envoy said: "Jordan must
    decide."`` is Spanish to it), and two words of the list, which the
    other Latin-script languages do not use, are surer.

    Splitting, stripping and looking up all run in C (``map``): a Python
    loop per word cost as much as the rest of the stage.
    """
    tokens = _stripped_words(sample)
    count = len(tokens) - tokens.count("")
    found = sum(map(words.__contains__, tokens))
    if count < _MIN_WORDS:
        return found >= _SHORT_TEXT_FUNCTION_WORDS and found >= count * _SHORT_TEXT_FUNCTION_WORD_SHARE
    return found / count >= _FUNCTION_WORD_SHARE


def _full_of_function_words(sample: str, words: frozenset[str]) -> bool:
    """What :func:`_decided_by_function_words` answers, mostly without stripping.

    Asked first of the bare tokens, without stripping punctuation from them
    (which settles 96% of the corpus's documents): stripping leaves a token
    that is a function word as it is, may make others function words, and
    may empty some (which then do not count), so the share of the stripped
    words is at least that of the bare tokens. Enough function words among
    the bare tokens settles it; only a sample short of them is stripped and
    asked again.
    """
    tokens = sample.lower().split()
    found = sum(map(words.__contains__, tokens))
    if found >= _MIN_WORDS and found / len(tokens) >= _FUNCTION_WORD_SHARE:
        return True
    return _decided_by_function_words(sample, words)


def grammar_is_arabic(text: str) -> bool:
    """Whether ``text``'s function words are Arabic ones, at least twice as many as English ones.

    Names and terms come in any script; the words that join them tell the
    language a mixed text is written in. A short headline has few of them,
    so it is Arabic too when, outside brackets and quotes (where a gloss or a
    quotation stands), it holds an Arabic function word and no English one,
    its Latin words are names (none all in lower case) and its Arabic words
    are at least as many: "Apple تعلن عن iPhone جديد" read as English would
    lose its Arabic and leave "Apple iPhone".
    """
    tokens = _stripped_words(text)
    arabic = sum(map(_ARABIC.__contains__, tokens))
    if arabic >= _SHORT_TEXT_FUNCTION_WORDS and arabic >= 2 * sum(map(_ENGLISH.__contains__, tokens)):
        return True
    if not arabic:
        return False
    unquoted = _GLOSS.sub(" ", text)
    latin = _LATIN_WORDS.findall(unquoted)
    if any(word.islower() for word in latin):
        return False  # an English phrase beside its translation ("Protest in Tunis | احتجاج في تونس")
    words = _stripped_words(unquoted)
    return (sum(map(has_arabic, unquoted.split())) >= len(latin)
            and not _ARABIC.isdisjoint(words) and _ENGLISH.isdisjoint(words))


#: What a gloss or a quotation is written in: brackets, guillemets, quotes.
_GLOSS = regex.compile(r'\([^()]*\)|\[[^\[\]]*\]|«[^«»]*»|"[^"]*"|“[^“”]*”')


def language_of_function_words(sample: str, ratio: dict[str, float]) -> str | None:
    """``"en"`` or ``"ar"`` when the script and the function words decide, else None.

    This is what spares langdetect (~3 us per character) on most documents.
    """
    if ratio["latin"] >= 0.9 and _full_of_function_words(sample, _ENGLISH):
        return "en"
    if ratio["arabic"] >= 0.9 and _full_of_function_words(sample, _ARABIC):
        return "ar"
    return None


def _profile_folder() -> Path:
    """langdetect's profile folder, found without importing langdetect (~15 ms, for a run that may never need it)."""
    spec = importlib.util.find_spec("langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("langdetect is not installed: pip install langdetect, or turn language detection off")
    return Path(spec.submodule_search_locations[0]) / "profiles"


def check_candidates(candidates: tuple[str, ...]) -> list[str]:
    """The candidates langdetect has a profile for, each once; an error when there are not two.

    langdetect chooses between at least two profiles (one alone, or one
    twice, makes it raise), and it would only do so at the first document
    the function words leave undecided, deep in a run. Listing the profile
    folder is cheap, so a cleaner checks its config with this when it is
    built, long before langdetect loads the profiles.
    """
    available = {p.name for p in _profile_folder().iterdir()}
    chosen = list(dict.fromkeys(code for code in candidates if code in available))
    if not chosen:
        raise ValueError(
            f"none of lang_candidates={candidates!r} has a langdetect profile; "
            f"choose among {', '.join(sorted(available))}"
        )
    if len(chosen) < 2:
        raise ValueError(
            f"lang_candidates={candidates!r} leaves langdetect only {chosen[0]!r} to answer: it needs two "
            f"languages or more to choose between (among {', '.join(sorted(available))}); to decide by "
            "script alone, turn language detection off (detect_language=False)"
        )
    return chosen


class _WordProbabilities(dict):
    """langdetect's table of n-gram -> probability in each language, each row made when first read.

    langdetect's ``DetectorFactory.load_json_profile`` makes every row up
    front, in Python: ~27,000 for the default candidates, ~25 ms of every
    process that meets an undecided text, where a detection reads a few
    hundred. The rows are the same: a profile's count of the n-gram over its
    count of n-grams that long (1 to 3 letters), 0.0 in a profile without
    it (``DetectorFactory.add_profile``). Two threads making one row make the
    same row.
    """

    def __init__(self, profiles: list[dict]) -> None:
        super().__init__()
        self._profiles = [(profile["freq"], profile["n_words"]) for profile in profiles]
        self._words = frozenset().union(*(freq for freq, _ in self._profiles))

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __missing__(self, word: str) -> list[float]:
        if word not in self._words:
            raise KeyError(word)
        size = len(word)
        if 1 <= size <= 3:
            row = [1.0 * freq[word] / n_words[size - 1] if word in freq else 0.0 for freq, n_words in self._profiles]
        else:
            row = [0.0] * len(self._profiles)
        self[word] = row
        return row


class _Detector:
    """A seeded langdetect factory restricted to the candidate languages.

    Built on first use: the profiles are read with orjson (``json`` took
    ~14 ms for the default candidates) and their table is made as it is
    read (:class:`_WordProbabilities`). Each detection gets its own
    detector, seeded, so results never vary between runs or threads.
    """

    def __init__(self, candidates: tuple[str, ...]) -> None:
        import orjson
        from langdetect.detector_factory import DetectorFactory

        folder = _profile_folder()
        chosen = check_candidates(candidates)
        self.factory = DetectorFactory()
        self.factory.langlist = chosen
        self.factory.word_lang_prob_map = _WordProbabilities(
            [orjson.loads((folder / code).read_bytes()) for code in chosen]
        )
        self.factory.set_seed(_SEED)

    def detect(self, text: str) -> tuple[str, float]:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self.factory.create()
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return "und", 0.0
        return best.lang, round(best.prob, 4)


@lru_cache(maxsize=8)
def _detector(candidates: tuple[str, ...]) -> _Detector:
    return _Detector(candidates)


def _sample(text: str, size: int) -> str:
    """A bounded, deterministic sample: the start, middle and end of the text."""
    if len(text) <= size:
        return text
    third = size // 3
    middle = len(text) // 2 - third // 2
    return " ".join((text[:third], text[middle : middle + third], text[-third:]))


def detect_language(doc: Document, *, use_langdetect: bool, sample_size: int,
                    candidates: tuple[str, ...]) -> None:
    """Set ``doc.lang``, ``doc.lang_score``, ``doc.script_ratio`` and ``doc.mainly_arabic``."""
    ratio, letters = script_ratio(doc.text)
    doc.script_ratio = ratio
    doc.mainly_arabic = letters > 0 and ratio["arabic"] > 0.5
    _set_language(doc, doc.text, ratio, letters,
                  {"use_langdetect": use_langdetect, "sample_size": sample_size, "candidates": candidates})


def main_language(text: str, ratio: dict[str, float], letters: int, *, use_langdetect: bool,
                  sample_size: int, candidates: tuple[str, ...]) -> tuple[str, float]:
    """The language of ``text`` and its score, given its script shares."""
    if not letters:
        return "und", 0.0
    sample = _sample(text, sample_size)
    decided = language_of_function_words(sample, ratio)
    if decided is not None:
        return decided, ratio["latin" if decided == "en" else "arabic"]
    if use_langdetect and letters >= _MIN_LETTERS_FOR_LANGDETECT:
        lang, score = _detector(candidates).detect(sample)
        if lang != "und":
            return lang, score
    script = max(("latin", "arabic"), key=ratio.__getitem__)
    if ratio[script] >= 0.5:
        # A guess from a handful of letters says so in its score.
        confidence = min(1.0, letters / _MIN_LETTERS_FOR_LANGDETECT)
        return ("en" if script == "latin" else "ar"), round(ratio[script] * confidence, 4)
    return "und", 0.0


def redetect_language(doc: Document, text: str, *, use_langdetect: bool, sample_size: int,
                      candidates: tuple[str, ...]) -> None:
    """Set ``doc.lang`` from ``text``: the document, or what is left of it without its Arabic residue or furniture.

    A mainly-Arabic document is in a language written in Arabic script: when
    its text reads as another (an English sentence beside its Arabic
    translation, an Arabic article full of Latin names), its Arabic words
    tell which. ``script_ratio`` stays that of the whole input: it describes
    what came in.
    """
    options = {"use_langdetect": use_langdetect, "sample_size": sample_size, "candidates": candidates}
    _set_language(doc, text, *script_ratio(text), options)


def _set_language(doc: Document, text: str, ratio: dict[str, float], letters: int, options: dict) -> None:
    doc.lang, doc.lang_score = main_language(text, ratio, letters, **options)
    if doc.mainly_arabic and doc.lang not in _ARABIC_SCRIPT_LANGUAGES:
        arabic_words = _LATIN_WORDS.sub(" ", text)
        doc.lang, doc.lang_score = main_language(arabic_words, *script_ratio(arabic_words), **options)
