"""Encoding repair (policy section 2), including ftfy's blind spot (Windows-1256)."""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingua.document import Document
from bilingua.stages import repair as repair_stage
from bilingua.stages.repair import repair_encoding


def _repair(text: str) -> Document:
    doc = Document.from_text(text)
    repair_encoding(doc)
    return doc


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("donâ€™t", "don’t"),
        ("Ø§Ù„ØªØ¶Ø®Ù…", "التضخم"),
        ("ãÔÇÑßÉ", "مشاركة"),
        ("cafÃ© au lait", "café au lait"),
        ("\u00feãÔÇÑßÉ\u00fe", "\u200fمشاركة\u200f"),  # Windows-1256 with its RLM marks (0xFE reads as "þ")
        ("Ù\ufffdÙŠØ³Ø¨ÙˆÙƒ", "فيسبوك"),  # ف's second byte, undefined in Windows-1252, replaced ...
        ("ÙÙŠØ³Ø¨ÙˆÙƒ", "فيسبوك"),  # ... or dropped
        ("â€œWe act,â€\ufffd she said.", "“We act,” she said."),  # ”: 0x9D is undefined too
        ("He said,â€ then left.", "He said,” then left."),
        ("Talks.\nâ€\ufffdمشاركة", "Talks.\n\u200fمشاركة"),  # beside Arabic: a right-to-left mark (0x8F)
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    doc = _repair(broken)
    assert doc.text == fixed
    assert doc.counts["mojibake"] >= 1


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("President ErdoÄŸan said on Monday.", "President Erdoğan said on Monday."),
        ("HÃ¥kon and Ã…lesund", "Håkon and Ålesund"),
        ("Nguyá»…n", "Nguyễn"),
        ("Samsungâ„¢ phones", "Samsung™ phones"),
        ("Å\u00a0efÄ\u008doviÄ\u008d said", "Šefčovič said"),
        ("ErdoÄŸan said â€œyesâ€\u009d to HÃ¥konâ€™s plan.", "Erdoğan said “yes” to Håkon’s plan."),
    ],
)
def test_runs_ftfy_declines_alone_are_repaired_when_their_decoding_is_plausible(broken: str, fixed: str) -> None:
    assert _repair(broken).text == fixed


@pytest.mark.parametrize(
    "correct",
    [
        "PELÉ’S goal",  # É’ would decode to an IPA letter
        "“OLÉ” they sang",
        "Strauß’ waltz",
        "Ä’ alone",  # touches no letter: no evidence it is a word
        "Prices: 5 â„¢",
    ],
)
def test_runs_ftfy_declines_stay_when_nothing_says_they_are_mojibake(correct: str) -> None:
    assert _repair(correct).text == correct


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("The Ã la carte menu", "The à la carte menu"),  # the no-break space of "à" lost
        ("voilÃ  then", "voilà then"),  # ... or become an ordinary space
        ("dÃ©jÃ  vu", "déjà vu"),
        ("He saidÂ that", "He said\u00a0that"),  # a mis-decoded no-break space that lost its own
        ("It wasÂ  a", "It was\u00a0 a"),
    ],
)
def test_a_lead_byte_that_lost_its_continuation_is_repaired_as_ftfy_reads_it_in_its_words(broken: str, fixed: str) -> None:
    assert _repair(broken).text == fixed


@pytest.mark.parametrize("correct", ["MANÈ\u00a0scored", "The PÅ\u00a0SKI festival", "HÅ’S",
                                     "Swedish adds ÅÄÖ to the alphabet", "He said ÉÉ loudly", "ÖÜ", "Þú ert",
                                     "Ù alone", "Ùa", "The Ù\ufffd x", "Þingvellir þá", "SÃO PAULO", "SÃ O PAULO", "NÃO", "Prices rose 5Â % today", "Ã"])
def test_a_lone_lead_byte_ftfy_does_not_read_as_mojibake_stays(correct: str) -> None:
    assert _repair(correct).text == correct


def test_in_a_mis_decoded_document_a_run_decoding_to_an_ipa_letter_stays() -> None:
    assert _repair("donâ€™t say PELÉ’S").text == "don’t say PELÉ’S"


@pytest.mark.parametrize("fixed", ["شارك على فيسبوك", "“double” quotes", "naïve café – done"])
@pytest.mark.parametrize("layers", [1, 2])
def test_utf8_read_as_windows_1252_once_or_twice(fixed: str, layers: int) -> None:
    broken = fixed
    for _ in range(layers):
        broken = broken.encode("utf-8").decode("sloppy-windows-1252")
    assert _repair(broken).text == fixed


@pytest.mark.parametrize(
    "correct",
    [
        "Plain ASCII text, nothing to do.",
        "Crème brûlée in São Paulo, Ærø and Þingvellir.",
        "Prices: £5, €10, ¥300 — “quoted” … ½ × 2",
        "العربية الفصحى مع كلمات English",
        "Ça va? Où êtes-vous? À bientôt!",
    ],
)
def test_correct_text_is_never_repaired(correct: str) -> None:
    doc = _repair(correct)
    assert doc.text == correct
    assert doc.counts == {}


@pytest.mark.parametrize(
    ("escaped", "plain"),
    [
        ("it&#8217;s", "it’s"),
        ("&quot;yes&quot;", '"yes"'),
        ("a&nbsp;b", "a\u00a0b"),
        ("&#x201C;x&#x201D;", "“x”"),
        ("&amp;amp;", "&"),
        ("R&D and AT&T", "R&D and AT&T"),
        ("Trump&#8217s plan", "Trump’s plan"),  # a numeric reference without its semicolon, as HTML5 reads it
        ("&#x27s and &#39", "'s and '"),
        ("&#12345678 stays", "&#12345678 stays"),  # eight digits: no code point, not a reference
        ("Item &#1 of the list", "Item &#1 of the list"),  # without ";" only a printable character counts
        ("ticket &#123456", "ticket &#123456"),
        ("&amp;#8217s", "’s"),
    ],
)
def test_html_references(escaped: str, plain: str) -> None:
    assert _repair(escaped).text == plain


#: Pieces of UTF-8 read as Windows-1252 ("Ã©", "â€™", "Ø§"), their parts, other non-ASCII text, ASCII.
_MOJIBAKE_PIECES = ["\u00c3\u00a9", "\u00e2\u20ac\u2122", "\u00d8\u00a7", "\u00c3", "\u00a9", "\u00e9", "\u2019",
                    "\u0645", "a", " ", "\n"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_MOJIBAKE_PIECES), max_size=30) | st.lists(st.sampled_from(_MOJIBAKE_PIECES), min_size=150, max_size=200))
def test_mojibake_is_looked_for_in_the_non_ascii_runs_as_in_the_whole_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = [m.span() for m in repair_stage._utf8_mojibake_matches(text)]
    assert found == [m.span() for m in repair_stage._UTF8_MOJIBAKE.finditer(text)]
