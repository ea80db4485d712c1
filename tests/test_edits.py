"""The edit log: composition of stages' edits, mapping back to the input, restore."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilingua.document import Document
from bilingua.edits import Edit, EditConflict, EditLog, join_touching, restore


def _restore(log: EditLog) -> str:
    return restore(log.text, {"edits": log.export()})


def test_single_layer_replacements_and_deletions() -> None:
    log = EditLog("a “b” c\u200b")
    log.apply([Edit(2, 3, '"', "quotes"), Edit(4, 5, '"', "quotes"), Edit(7, 8, "", "invisible")])
    assert log.text == 'a "b" c'
    assert log.export() == [[2, 3, "“", '"'], [4, 5, "”", '"'], [7, 8, "\u200b", ""]]
    assert _restore(log) == "a “b” c\u200b"


def test_changes_that_only_touch_stay_separate() -> None:
    log = EditLog("x\u200f\u0645\u0634\u0627\u0631\u0643\u0629 y")
    log.apply([Edit(1, 2, "", "invisible")])  # RLM removed
    assert log.text == "x\u0645\u0634\u0627\u0631\u0643\u0629 y"
    log.apply([Edit(1, 7, "", "arabic_fragments")])  # the label, touching the RLM's place
    assert log.text == "x y"
    assert log.export() == [[1, 2, "\u200f", ""], [2, 8, "\u0645\u0634\u0627\u0631\u0643\u0629", ""]]
    assert log.original_span(0, 1) == (0, 1)
    assert log.original_span(1, 3) == (8, 10)


def test_edit_inside_an_earlier_replacement() -> None:
    log = EditLog("don\u00e2\u20ac\u2122t")
    log.apply([Edit(3, 6, "\u2019", "mojibake")])
    log.apply([Edit(3, 4, "'", "quotes")])
    assert log.text == "don't"
    assert log.export() == [[3, 6, "\u00e2\u20ac\u2122", "'"]]


def test_an_edit_that_undoes_a_change_leaves_no_change() -> None:
    log = EditLog("ab")
    log.apply([Edit(1, 2, "X", "test")])
    log.apply([Edit(1, 2, "b", "test")])
    assert log.text == "ab" and log.export() == []


def test_original_span_maps_through_deletions_and_replacements() -> None:
    log = EditLog("\u200eab\u00e9\u0301cd")
    log.apply([Edit(0, 1, "", "invisible"), Edit(3, 5, "E", "nfc")])
    assert log.text == "abEcd"
    assert log.original_span(0, 2) == (1, 3)  # "ab": the deleted mark before stays outside
    assert log.original_span(2, 3) == (3, 5)  # "E" came from two characters
    assert log.original_span(3, 5) == (5, 7)


def test_overlapping_edits_are_a_stage_bug() -> None:
    log = EditLog("abcdef")
    with pytest.raises(EditConflict):
        log.apply([Edit(0, 3, "", "x"), Edit(2, 4, "", "x")])


def test_join_touching_deletions() -> None:
    joined = join_touching([Edit(5, 8, "", "k"), Edit(0, 3, "", "k"), Edit(3, 4, "", "k")])
    assert joined == [Edit(0, 4, "", "k", 2), Edit(5, 8, "", "k")]


def test_join_touching_across_what_may_be_left_between() -> None:
    text = "ab: cd x ef"
    deletions = [Edit(9, 11, "", "k"), Edit(0, 2, "", "k"), Edit(4, 6, "", "k")]  # " x " between the last two
    assert join_touching(deletions, text, frozenset(": ")) == [Edit(0, 6, "", "k", 2), Edit(9, 11, "", "k")]
    assert join_touching(deletions) == sorted(deletions)  # without them, only touching deletions join


def test_restore_rejects_text_that_does_not_match_its_metadata() -> None:
    log = EditLog("a\u00a0b")
    log.apply([Edit(1, 2, " ", "spaces")])
    with pytest.raises(ValueError, match="does not match"):
        restore("a_b", {"edits": log.export()})
    with pytest.raises(ValueError, match="metadata"):
        restore("a b", {})


@st.composite
def _layers(draw):
    text = draw(st.text(alphabet="ab \u200e\u201c", max_size=30))
    layers = []
    current_length = len(text)
    for _ in range(draw(st.integers(1, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, current_length), max_size=6)))
        edits = []
        for start, end in zip(cuts[::2], cuts[1::2]):
            edits.append(Edit(start, end, draw(st.text(alphabet="xy", max_size=3)), "t"))
        layers.append(edits)
        current_length += sum(len(e.replacement) - (e.end - e.start) for e in edits)
    return text, layers


@given(_layers())
def test_any_sequence_of_layers_restores_exactly(case) -> None:
    text, layers = case
    log = EditLog(text)
    expected = text
    for edits in layers:
        pieces, pos = [], 0
        for e in edits:
            pieces += [expected[pos : e.start], e.replacement]
            pos = e.end
        expected = "".join(pieces) + expected[pos:]
        log.apply(edits)
        assert log.text == expected
    assert _restore(log) == text
    rows = log.export()
    assert all(a[1] <= b[0] for a, b in zip(rows, rows[1:]))
    # Each change says where it now stands in the text, and changes something.
    shift = 0
    for (start, end, original, replacement), now_start, now_end in zip(rows, log._cur_starts, log._cur_ends):
        assert (now_start, now_end) == (start + shift, start + shift + len(replacement))
        assert log.text[now_start:now_end] == replacement != original
        shift += len(replacement) - (end - start)


def test_the_log_returns_the_edits_that_changed_the_text_and_the_document_counts_only_those() -> None:
    same, later, earlier = Edit(0, 1, "a", "quotes"), Edit(5, 6, '"', "quotes"), Edit(3, 4, "-", "dashes", 2)
    assert EditLog("a b–c”").apply([same, later, earlier]) == [earlier, later]
    doc = Document.from_text("a b–c”")
    assert doc.apply([same, later, earlier]) == 'a b-c"'
    assert doc.counts == {"quotes": 1, "dashes": 2}
