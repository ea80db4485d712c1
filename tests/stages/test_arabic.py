"""Arabic stage (policy section 5): fragments, roles, offsets, removal."""

from __future__ import annotations

import bilingua


def _fragments(text: str, **options) -> list[dict]:
    return bilingua.clean(text, **options).meta["arabic_fragments"]


def test_offsets_point_into_the_input() -> None:
    raw = "Iraq (العراق) and Syria (سوريا) met.\nمشاركة :"
    for fragment in _fragments(raw):
        assert raw[fragment["start"] : fragment["end"]] == fragment["text"]


def test_offsets_cover_mojibake_and_text_is_repaired() -> None:
    raw = "Prices rose.\n" + "تويتر".encode("utf-8").decode("cp1252")
    (fragment,) = _fragments(raw)
    assert fragment["text"] == "تويتر"
    assert raw[fragment["start"] : fragment["end"]] == "ØªÙˆÙŠØªØ±"


def test_normalized_and_translit() -> None:
    (fragment,) = _fragments("Share it.\nمُشـارَكة")
    assert fragment["normalized"] == "مشاركه"
    assert fragment["translit"] == "muXArakp".replace("X", "$")


def test_roles() -> None:
    raw = "عنوان الخبر\nEgypt (مصر) said on Monday that talks went well.\nطباعة"
    assert [(f["text"], f["role"]) for f in _fragments(raw)] == [
        ("عنوان الخبر", "line"),
        ("مصر", "inline"),
        ("طباعة", "boilerplate"),
    ]
    assert bilingua.clean(raw).text == "Egypt said on Monday that talks went well."


def test_label_punctuation_at_line_edge_belongs_to_the_label() -> None:
    result = bilingua.clean("مواضيع ذات صلة: Talks resumed.")
    assert result.text == "Talks resumed."
    # As many Arabic letters as Latin ones, but the Arabic is a label: the
    # document is English, and its language is named without the label.
    assert result.meta["lang"] == "en"
    assert [f["role"] for f in result.meta["arabic_fragments"]] == ["boilerplate"]
    assert bilingua.clean("Talks resumed. تم نسخ الرابط:").text == "Talks resumed."


def test_english_punctuation_after_an_inline_fragment_stays() -> None:
    assert bilingua.clean("He visited Qatar قطر, then Oman.").text == "He visited Qatar, then Oman."


def test_gloss_in_quotes_removed_with_its_quotes() -> None:
    assert bilingua.clean('Israel "إسرائيل" and Palestine «فلسطين» agreed.').text == "Israel and Palestine agreed."


def test_brackets_holding_more_than_the_fragment_stay() -> None:
    assert bilingua.clean("Hamas (Islamic Resistance Movement, حماس) agreed.").text == (
        "Hamas (Islamic Resistance Movement) agreed."
    )


def test_lexicon_word_used_as_a_gloss_is_inline() -> None:
    fragments = _fragments("Twitter (تويتر) said.")
    assert [f["role"] for f in fragments] == ["inline"]


def test_keep_inline_removes_lines_and_labels_only() -> None:
    raw = "عنوان\nQatar (قطر) mediated.\nشارك"
    result = bilingua.clean(raw, arabic="keep_inline")
    assert result.text == "Qatar (قطر) mediated."
    assert len(result.meta["arabic_fragments"]) == 3


def test_mainly_arabic_document_reports_no_fragments_and_keeps_punctuation() -> None:
    raw = "قالت الحكومة، في بيان، إن المحادثات ستستأنف في القاهرة «قريبا» على الأقل."
    result = bilingua.clean(raw)
    assert result.text == raw
    assert result.meta["lang"] == "ar"
    assert result.meta["arabic_fragments"] == []
