"""The public API: clean, Cleaner, Config, clean_bytes, normalize, detect, restore."""

from __future__ import annotations

import pickle

import pytest

import bilingua

RAW = "Share this article\n\u201cTalks\u201d resumed\u00a0in Doha (\u0627\u0644\u062f\u0648\u062d\u0629) today .\n\u0645\u0634\u0627\u0631\u0643\u0629 :"
CLEAN = '"Talks" resumed in Doha today.'

META_KEYS = {"lang", "lang_score", "encoding", "script_ratio", "arabic_fragments", "removed",
             "changes", "edits", "stats", "hash", "version"}


def test_clean_returns_text_and_policy_metadata() -> None:
    result = bilingua.clean(RAW)
    assert result.text == CLEAN
    assert set(result.meta) == META_KEYS
    meta = result.meta
    assert meta["lang"] == "en" and meta["encoding"] is None
    assert [f["role"] for f in meta["arabic_fragments"]] == ["inline", "boilerplate"]
    assert [(r["text"], r["rule"]) for r in meta["removed"]] == [("Share this article", "en.share")]
    assert meta["changes"]["quotes"] == 2 and meta["changes"]["spaces"] >= 1
    assert meta["stats"] == {"chars_in": len(RAW), "chars_out": len(CLEAN), "words_out": 5, "lines_out": 1}
    assert meta["version"] == bilingua.__version__
    assert result.to_dict() == {"text": CLEAN, "bilingua": meta}


def test_every_removed_span_points_into_the_input() -> None:
    meta = bilingua.clean(RAW).meta
    for item in meta["removed"] + meta["arabic_fragments"]:
        assert RAW[item["start"] : item["end"]] == item["text"]


def test_hash_is_of_the_cleaned_text_for_exact_dedup() -> None:
    a = bilingua.clean(RAW).meta["hash"]
    assert a == bilingua.clean(CLEAN).meta["hash"]
    assert a != bilingua.clean(CLEAN + " More.").meta["hash"]


def test_restore_rebuilds_the_input() -> None:
    result = bilingua.clean(RAW)
    assert bilingua.restore(result.text, result.meta) == RAW


def test_cleaner_is_reusable_and_picklable() -> None:
    cleaner = bilingua.Cleaner(bilingua.Config(arabic="keep"))
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone.config == cleaner.config
    assert clone.clean(RAW).text == cleaner.clean(RAW).text
    assert "\u0627\u0644\u062f\u0648\u062d\u0629" in cleaner.clean(RAW).text


def test_options_are_checked() -> None:
    with pytest.raises(TypeError, match="unknown option"):
        bilingua.clean("x", arabik="keep")
    with pytest.raises(ValueError, match="keep_inline"):
        bilingua.Config(arabic="drop")
    assert bilingua.Config(arabic="keep-inline").arabic == "keep_inline"


def test_non_text_input_gets_an_actionable_error() -> None:
    with pytest.raises(TypeError, match="clean_bytes"):
        bilingua.clean(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bilingua.clean(None)  # type: ignore[arg-type]


def test_clean_bytes_records_the_encoding() -> None:
    data = "\u0645\u0634\u0627\u0631\u0643\u0629 :\nThe minister\u2019s visit.".encode("cp1256", errors="replace")
    result = bilingua.clean_bytes(data)
    assert result.meta["encoding"] == "cp1256"
    assert result.text == "The minister?s visit." or result.text == "The minister's visit."
    undecodable = bilingua.clean_bytes(b"Caf\xc3\xa9 \xff ok \xc3\xa9t\xc3\xa9")
    assert undecodable.meta["changes"]["undecodable"] == 1
    assert undecodable.text == "Caf\u00e9 \ufffd ok \u00e9t\u00e9"


def test_normalize_takes_nothing_out() -> None:
    assert bilingua.normalize("Share\n\u201cyes\u201d \u0645\u0634\u0627\u0631\u0643\u0629") == 'Share\n"yes" \u0645\u0634\u0627\u0631\u0643\u0629'


def test_detect_reports_without_cleaning() -> None:
    found = bilingua.detect("Doha (\u0627\u0644\u062f\u0648\u062d\u0629) hosted talks for the region and the world.")
    assert set(found) == {"lang", "lang_score", "script_ratio", "arabic_fragments"}
    assert found["lang"] == "en"
    assert [(f["text"], f["role"]) for f in found["arabic_fragments"]] == [("\u0627\u0644\u062f\u0648\u062d\u0629", "inline")]


def test_no_language_detection_option() -> None:
    result = bilingua.clean("Bonjour", detect_language=False)
    assert result.meta["lang"] == "en"


def test_keep_boilerplate_option() -> None:
    assert bilingua.clean("Body text.\nAdvertisement", remove_boilerplate=False).text == "Body text.\nAdvertisement"


def test_language_candidates_are_checked_when_the_cleaner_is_built() -> None:
    with pytest.raises(ValueError, match="has a langdetect profile"):
        bilingua.Cleaner(lang_candidates=("xx",))
    bilingua.Cleaner(lang_candidates=("xx",), detect_language=False)


@pytest.mark.parametrize("candidates", [("de",), ("de", "xx"), ("de", "de")])
def test_language_candidates_must_leave_langdetect_two_languages(candidates) -> None:
    # langdetect refuses one profile, or one twice: the cleaner says so when built, not at an undecided document.
    with pytest.raises(ValueError, match="leaves langdetect only 'de' to answer.*detect_language=False"):
        bilingua.Cleaner(lang_candidates=candidates)
    bilingua.Cleaner(lang_candidates=candidates, detect_language=False)


def test_repeated_language_candidates_count_once() -> None:
    german = "Der Minister sagte am Dienstag, dass die Gespräche in der nächsten Woche fortgesetzt werden."
    assert bilingua.clean(german, lang_candidates=("de", "fr", "de")).meta["lang"] == "de"


def test_restore_notices_text_changed_after_the_last_edit() -> None:
    result = bilingua.clean("He said \u201chi\u201d.")
    with pytest.raises(ValueError, match="hash"):
        bilingua.restore(result.text + " appended", result.meta)
