"""Unicode stage (policy section 3): the peers' known failure cases included."""

from __future__ import annotations

import pytest
import unicodedata2
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingua.document import Document
from bilingua.stages import unicode as unicode_stage
from bilingua.stages.unicode import _is_nfc, _printable, normalize_unicode


def _normalize(text: str) -> str:
    doc = Document.from_text(text)
    normalize_unicode(doc)
    return doc.text


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c", "\u202a", "\u202e", "\u2066", "\u2069", "\u200b", "\u2060", "\u00ad",
                                  # invisible format characters beyond the policy's list (docs/policy.md, section 3)
                                  "\u180e", "\u2061", "\u2064", "\u206a", "\u206f", "\ufff9", "\ufffb"])
def test_invisible_marks_removed(mark: str) -> None:
    assert _normalize(f"a{mark}b") == "ab"


def test_zwnj_kept_between_arabic_letters_only() -> None:
    assert _normalize("می\u200cروم") == "می\u200cروم"
    assert _normalize("مَ\u200cر") == "مَ\u200cر"  # a mark between letter and ZWNJ
    assert _normalize("a\u200cb") == "ab"
    assert _normalize("م\u200c b") == "م b"


def test_zwj_kept_inside_emoji_sequences_only() -> None:
    assert _normalize("👩\u200d💻") == "👩\u200d💻"
    assert _normalize("👍🏽\u200d👍") == "👍🏽\u200d👍"
    assert _normalize("a\u200db") == "ab"


def test_tatweel_removed() -> None:
    assert _normalize("مشـــاركة") == "مشاركة"


def test_presentation_forms_folded_to_base_letters() -> None:
    assert _normalize("ﻣﺸﺎﺭﻛﺔ ﻻ") == "مشاركة لا"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("محمﹽد", "محمّد"),  # medial shadda form: NFKC gives tatweel + shadda
        ("ﻗﹷﺎﻝ", "قَال"),  # medial fatha form
        ("محمدﹰ.", "محمدً."),  # isolated fathatan form: NFKC gives space + fathatan
    ],
)
def test_presentation_forms_of_marks_fold_to_the_mark_alone(raw: str, clean: str) -> None:
    assert _normalize(raw) == clean


def test_no_presentation_form_folds_to_tatweel_or_a_space_before_a_mark() -> None:
    forms = [chr(cp) for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)] if unicodedata2.category(chr(cp)) != "Cn"]
    for form in forms:
        folded = _normalize(f"ب{form}ب")
        assert "\u0640" not in folded, form
        assert not any(unicodedata2.category(after) == "Mn" for before, after in zip(folded, folded[1:]) if before == " "), form


def test_superscripts_fractions_and_trademark_kept() -> None:
    assert _normalize("x² ½ ™ ①") == "x² ½ ™ ①"


def test_spaces_become_one_ascii_space_and_line_breaks_lf() -> None:
    assert _normalize("a\u00a0\u2003b\tc\r\nd\re\u2029f") == "a b c\nd\ne\n\nf"


def test_lone_surrogates_become_replacement_characters() -> None:
    doc = Document.from_text("a\ud800b")
    normalize_unicode(doc)
    assert doc.text == "a\ufffdb"
    assert doc.counts["undecodable"] == 1


def test_nfc_with_newest_unicode_data() -> None:
    assert _normalize("e\u0301 \u1100\u1161\u11a8 A\u030a") == "é 각 Å"


@settings(max_examples=2000)
@given(st.text(st.characters(blacklist_categories=())) | st.text(alphabet="ab \n\t\x00\x7f\x85\u00a0\u200b\u2028\ud800é"))
def test_printable_is_isprintable_with_line_feeds_allowed(text: str) -> None:
    assert _printable(text) == text.replace("\n", " ").isprintable()


#: Characters NFC treats differently: precomposed (é, Å, a Hangul syllable LV), their parts (e + combining
#: acute, Hangul L, V and T jamo), singletons that NFC replaces alone (Ohm, Kelvin, Angstrom signs, Greek
#: question mark), marks out of canonical order, Arabic letters with their marks, and plain characters.
_NFC_ALPHABET = ["e", "a", " ", "\u00e9", "\u0301", "\u0323", "\u00c5", "\u212b", "\u2126", "\u212a", "\u037e",
                 "\u1100", "\u1161", "\u11a8", "\uac00", "\u0628", "\u064e", "\u0651", "\u2013", "\u00fc", "\u0915", "\u093c"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_NFC_ALPHABET), max_size=12).map("".join))
def test_the_nfc_check_answers_as_normalising_the_whole_text_does(text: str) -> None:
    assert _is_nfc(text) == (unicodedata2.normalize("NFC", text) == text)


#: Special characters of every kind (ASCII controls, tab, CR, no-break and other spaces, invisible marks,
#: joiners, tatweel, presentation forms, a lone surrogate) among plain text.
_SPECIAL_ALPHABET = "ab \n\t\r\x00\x7f\x85\u00a0\u2003\u200b\u200c\u200e\u0640\ufb01\ufe8d\uff21\ud800\u00e9\u0628"


@settings(max_examples=500)
@given(st.text(alphabet=_SPECIAL_ALPHABET, max_size=40) | st.text(alphabet=_SPECIAL_ALPHABET, min_size=300, max_size=600))
def test_special_runs_are_those_the_pattern_scans_for(text: str) -> None:
    assert unicode_stage._special_runs(text) == [m.span() for m in unicode_stage._SPECIAL.finditer(text)]
