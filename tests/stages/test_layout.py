"""Layout stage (policy sections 4 and 7)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingua.document import Document
from bilingua.stages.layout import _may_need_work, _runs_to_rewrite, normalize_layout


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


def _runs_that_change(text: str) -> list[tuple[int, int]]:
    """Reference: every maximal run of spaces and line breaks the policy rewrites, by a plain loop."""
    spans = []
    pos = 0
    while pos < len(text):
        if text[pos] not in " \n":
            pos += 1
            continue
        end = pos
        while end < len(text) and text[end] in " \n":
            end += 1
        run = text[pos:end]
        breaks = run.count("\n")
        wanted = " " if not breaks else "\n" if breaks == 1 else "\n\n"
        if (breaks or len(run) > 1) and run != wanted:
            spans.append((pos, end))
        pos = end
    return spans


@settings(max_examples=2000)
@given(st.text(alphabet=" \nab", max_size=30))
def test_inner_scan_finds_exactly_the_runs_that_change(text: str) -> None:
    start = len(text) - len(text.lstrip(" \n"))
    end = len(text.rstrip(" \n"))
    found = [(run_start, run_end) for run_start, run_end, _ in _runs_to_rewrite(text, start, end)]
    assert found == [span for span in _runs_that_change(text) if start <= span[0] and span[1] <= end]


@settings(max_examples=2000)
@given(st.text(alphabet=" \nab", max_size=30))
def test_the_pre_check_is_the_four_substring_tests(text: str) -> None:
    assert _may_need_work(text) == any(s in text for s in ("  ", " \n", "\n ", "\n\n\n"))
