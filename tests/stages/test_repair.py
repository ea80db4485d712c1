"""Encoding repair (policy section 2), including ftfy's blind spot (Windows-1256)."""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest

from bilingua.document import Document
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
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    doc = _repair(broken)
    assert doc.text == fixed
    assert doc.counts["mojibake"] >= 1


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
    ],
)
def test_html_references(escaped: str, plain: str) -> None:
    assert _repair(escaped).text == plain
