"""The hand-written, data-driven cases of ``tests/cases/clean.jsonl`` (see its README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bilingua

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "clean.jsonl").read_text("utf-8").split("\n") if line]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict) -> None:
    options = case.get("options", {})
    result = bilingua.clean(case["input"], **options)
    assert result.text == case["text"]
    meta = result.meta
    if "lang" in case:
        assert meta["lang"] == case["lang"]
    if "fragments" in case:
        assert [[f["text"], f["role"]] for f in meta["arabic_fragments"]] == case["fragments"]
    if "removed" in case:
        assert [r["rule"] for r in meta["removed"]] == case["removed"]
    for kind, count in case.get("changes", {}).items():
        assert meta["changes"][kind] == count, kind
    assert bilingua.restore(result.text, meta) == case["input"]
    assert bilingua.clean(result.text, **options).text == result.text


def test_case_names_are_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
