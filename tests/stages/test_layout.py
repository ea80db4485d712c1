"""Layout stage (policy sections 4 and 7)."""

from __future__ import annotations

import pytest

from bilingua.document import Document
from bilingua.stages.layout import normalize_layout


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a  b   c", "a b c"),
        ("  a  \n  b  ", "a\nb"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("a\n \n \nb", "a\n\nb"),
        ("\n\na\n\n", "a"),
        ("   ", ""),
        ("", ""),
        ("a\nb", "a\nb"),
    ],
)
def test_layout(raw: str, clean: str) -> None:
    doc = Document.from_text(raw)
    normalize_layout(doc)
    assert doc.text == clean
