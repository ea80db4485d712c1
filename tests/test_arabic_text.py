"""Arabic normalisation: the camel-tools functions, and the one piece done without them."""

from __future__ import annotations

import pytest

from bilingua.arabic_text import ARABIC_DIACRITICS, dediacritise, lexicon_key, normalize_arabic, transliterate

ARABIC_BLOCKS = "".join(map(chr, [*range(0x0600, 0x0700), *range(0x0750, 0x0780), *range(0x08A0, 0x0900)]))


def test_diacritics_are_camel_tools_own_set() -> None:
    from camel_tools.utils.charsets import AR_DIAC_CHARSET

    assert frozenset(ARABIC_DIACRITICS) == AR_DIAC_CHARSET


@pytest.mark.parametrize("text", [ARABIC_BLOCKS, "مُشارَكة", "كِتَابٌ جَمِيلٌ", "Share مشاركة ً 12"])
def test_dediacritise_equals_camel_tools(text: str) -> None:
    from camel_tools.utils.dediac import dediac_ar

    assert dediacritise(text) == dediac_ar(text)


@pytest.mark.parametrize("variant", ["مشاركة", "مشـــاركة", "ﻣﺸﺎﺭﻛﺔ", "مُشارَكة"])
def test_variants_of_a_label_share_one_key(variant: str) -> None:
    assert lexicon_key(variant) == lexicon_key("مشاركة") == "مشاركه"


def test_normalized_and_transliterated() -> None:
    assert normalize_arabic("إلى مدرسةٌ") == "الي مدرسه"
    assert transliterate("مشـاركة") == "m$Arkp"


def test_fragments_longer_than_the_cached_length_are_normalised() -> None:
    long_text = "مُشارَكة " * 20
    assert normalize_arabic(long_text) == "مشاركه " * 19 + "مشاركه "


EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def test_transliteration_table_equals_camel_tools_mapper() -> None:
    from camel_tools.utils.charmap import CharMapper
    from camel_tools.utils.transliterate import Transliterator

    text = EVERY_CHARACTER.replace("\u0640", "")
    assert transliterate(text) == Transliterator(CharMapper.builtin_mapper("ar2bw")).transliterate(text)


def test_unicode_normalisation_equals_camel_tools() -> None:
    from camel_tools.utils.normalize import normalize_unicode

    from bilingua.arabic_text import _normalize_unicode

    for sample in (ARABIC_BLOCKS, "".join(map(chr, range(0xFB50, 0xFF00))), "صلى الله عليه وسلم \ufdfa \ufdfd \ufdfc"):
        assert _normalize_unicode(sample) == normalize_unicode(sample)
