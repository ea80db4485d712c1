"""Language stage: script shares, the script-and-function-word shortcut, langdetect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingua.config import DEFAULT_LANG_CANDIDATES
from bilingua.document import Document
from bilingua.stages import language
from bilingua.stages.language import detect_language, script_ratio

LANGUAGE_CASES = [
    json.loads(line)
    for line in (Path(__file__).parents[1] / "cases" / "languages.jsonl").read_text("utf-8").splitlines()
    if line
]

ENGLISH = "The ministry said on Monday that the talks would resume after the holiday, and officials were hopeful."
ARABIC = "قالت الحكومة إن المحادثات ستستأنف في القاهرة الأسبوع المقبل، ومن المتوقع أن تستمر لعدة أيام على الأقل."
FRENCH = "Le gouvernement a annoncé lundi que les négociations reprendraient après les vacances, selon les responsables."
PERSIAN = "دولت اعلام کرد که مذاکرات پس از تعطیلات از سر گرفته خواهد شد و مقامات امیدوار هستند که این روند ادامه یابد."


def _detect(text: str, use_langdetect: bool = True) -> Document:
    doc = Document.from_text(text)
    detect_language(doc, use_langdetect=use_langdetect, sample_size=400, candidates=("en", "ar", "fa", "fr", "de"))
    return doc


@pytest.mark.parametrize(("text", "lang"), [(ENGLISH, "en"), (ARABIC, "ar"), (FRENCH, "fr"), (PERSIAN, "fa")])
def test_languages(text: str, lang: str) -> None:
    doc = _detect(text)
    assert doc.lang == lang
    assert 0.5 <= doc.lang_score <= 1.0


def test_no_letters_is_undetermined_not_an_error() -> None:
    for text in ("", " : ", "123 456", "!!!"):
        doc = _detect(text)
        assert (doc.lang, doc.lang_score) == ("und", 0.0)


def test_mainly_arabic_flag() -> None:
    assert _detect(ARABIC + " Reuters").mainly_arabic
    assert not _detect(ENGLISH + " مشاركة").mainly_arabic


def test_script_ratio() -> None:
    ratio, letters = script_ratio("abc دهو жз 12")
    assert letters == 8
    assert ratio == {"latin": 0.375, "arabic": 0.375, "other": 0.25}


def test_script_ratio_leaves_out_the_letters_of_links_beside_arabic() -> None:
    notice = "\u064a\u0631\u062c\u0649 \u0627\u0644\u062a\u0633\u062c\u064a\u0644"  # "please register"
    ratio, letters = script_ratio(notice + " https://www.example.edu/apply or admissions@example.edu")
    assert (letters, ratio["arabic"]) == (13, 0.8462)  # 11 Arabic letters and "or": the link and the address do not count
    ratio, letters = script_ratio("apply at https://www.example.edu")
    assert letters == 25  # no Arabic: the link's letters (https, www, example, edu) are Latin among Latin, counted


def test_without_langdetect_the_script_decides() -> None:
    assert _detect(FRENCH, use_langdetect=False).lang == "en"


def test_deterministic() -> None:
    short = "Bonjour tout le monde et merci"
    assert len({_detect(short).lang_score for _ in range(5)}) == 1


def test_a_few_letters_are_judged_by_their_script_with_a_low_score() -> None:
    # langdetect calls "Talks." Indonesian; below 12 letters the script decides.
    doc = Document.from_text("Talks.")
    detect_language(doc, use_langdetect=True, sample_size=400, candidates=("en", "id", "ar"))
    assert doc.lang == "en"
    assert 0 < doc.lang_score < 0.5


@pytest.mark.parametrize("case", LANGUAGE_CASES, ids=[c["name"] for c in LANGUAGE_CASES])
def test_language_cases(case: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = []
    real_detector = language._detector

    def counting_detector(candidates: tuple[str, ...]):
        asked.append(candidates)
        return real_detector(candidates)

    monkeypatch.setattr(language, "_detector", counting_detector)
    doc = Document.from_text(case["text"])
    detect_language(doc, use_langdetect=True, sample_size=400, candidates=DEFAULT_LANG_CANDIDATES)
    assert doc.lang == case["lang"]
    assert bool(asked) == (case["decided_by"] == "langdetect")


#: Tokens that make the bare-token shortcut and the stripped share differ:
#: function words bare and wrapped in punctuation, punctuation and digits
#: alone (which stripping empties), other words.
_TOKENS = ["the", "and", "said", "The", "(the", "said,", "\u201cthe\u201d", "for.", "\u2014", "...", "42", "3,000",
           "minister", "talks", "Monday", "resume", "في", "من،", "الحكومة", "-", "it's", "to"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map(" ".join), st.sampled_from([language._ENGLISH, language._ARABIC]))
def test_the_bare_token_shortcut_decides_as_the_stripped_share_does(sample: str, words: frozenset[str]) -> None:
    expected = language._decided_by_function_words(sample, words)
    assert language._full_of_function_words(sample, words) == expected


def test_a_missing_langdetect_is_named_when_candidates_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ValueError, match="langdetect is not installed"):
        language.check_candidates(("en", "ar"))


def test_checking_candidates_does_not_import_langdetect() -> None:
    import subprocess
    import sys

    code = "import sys; from bilingua.stages.language import check_candidates; check_candidates(('en', 'ar')); " \
           "print('langdetect' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


@pytest.mark.parametrize("candidates", [DEFAULT_LANG_CANDIDATES, ("ja", "zh-cn", "ko", "ru", "el")])
def test_the_table_made_as_read_is_langdetects_own(candidates: tuple[str, ...]) -> None:
    from langdetect.detector_factory import DetectorFactory

    folder = language._profile_folder()
    reference = DetectorFactory()
    reference.load_json_profile([(folder / code).read_text(encoding="utf-8") for code in candidates])
    ours = language._Detector(candidates).factory
    assert ours.langlist == reference.langlist
    table = ours.word_lang_prob_map
    for word, row in reference.word_lang_prob_map.items():
        assert word in table and table[word] == row, word
    assert "no such n-gram" not in table
    with pytest.raises(KeyError):
        table["no such n-gram"]
