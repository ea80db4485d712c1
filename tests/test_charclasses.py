"""The shared character inventory: what stages ask of a text, answered as a scan of the whole text would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bilingua.charclasses import non_ascii, utf8

_TEXTS = st.text(st.characters(blacklist_categories=())) | st.text(alphabet="ab \n\u00e9\u0645\ud800\U0001f600")


@given(st.lists(_TEXTS, min_size=1, max_size=4))
def test_bytes_and_inventory_are_those_of_the_text_asked_whatever_was_asked_before(texts: list[str]) -> None:
    for text in [*texts, *texts]:  # each asked twice, others in between
        assert utf8(text) == text.encode("utf-8", "surrogatepass")
        assert non_ascii(text) == "".join(ch for ch in text if not ch.isascii())
