"""The shared character inventory and lines: what stages ask of a text, answered as a scan of the whole text would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bilingua.charclasses import lines_of, non_ascii, runs_of, utf8

_TEXTS = st.text(st.characters(blacklist_categories=())) | st.text(alphabet="ab \n\u00e9\u0645\ud800\U0001f600")


@given(st.lists(_TEXTS, min_size=1, max_size=4))
def test_bytes_and_inventory_are_those_of_the_text_asked_whatever_was_asked_before(texts: list[str]) -> None:
    for text in [*texts, *texts]:  # each asked twice, others in between
        assert utf8(text) == text.encode("utf-8", "surrogatepass")
        assert non_ascii(text) == "".join(ch for ch in text if not ch.isascii())
        assert lines_of(text) == text.split("\n")


def _runs_by_loop(text: str, members: set[str]) -> list[tuple[int, int]]:
    """Reference: maximal runs of members, by a plain walk over the text."""
    runs, start = [], None
    for pos, ch in enumerate([*text, ""]):
        if ch and ch in members:
            start = pos if start is None else start
        elif start is not None:
            runs.append((start, pos))
            start = None
    return runs


@given(st.text(alphabet="ab \n\u00a0\u200b\u00e9\u0645\ud800"), st.sets(st.sampled_from("ab \n\u00a0\u200b\u00e9\u0645\ud800")))
def test_runs_are_the_maximal_runs_of_the_members(text: str, members: set[str]) -> None:
    held = {ch for ch in members if ch in text}
    assert runs_of(text, held) == _runs_by_loop(text, held)
