"""The article the project started from gives the golden output, byte for byte."""

from __future__ import annotations

import bilingua

from .conftest import GOLDEN, SEED, SHARED_GOLDEN, require_shared


def test_fixture_is_the_contract_golden() -> None:
    assert GOLDEN.read_bytes() == require_shared(SHARED_GOLDEN).read_bytes()


def test_seed_matches_golden() -> None:
    expected = GOLDEN.read_text(encoding="utf-8")
    result = bilingua.clean(SEED.read_text(encoding="utf-8"))
    assert result.text == expected


def test_seed_share_label_is_one_boilerplate_fragment() -> None:
    raw = SEED.read_text(encoding="utf-8")
    fragments = bilingua.clean(raw).meta["arabic_fragments"]
    assert [(f["text"], f["role"]) for f in fragments] == [("مشاركة :", "boilerplate")]
    assert raw[fragments[0]["start"] : fragments[0]["end"]] == "مشاركة :"


def test_seed_restores_exactly() -> None:
    raw = SEED.read_text(encoding="utf-8")
    result = bilingua.clean(raw)
    assert bilingua.restore(result.text, result.meta) == raw
