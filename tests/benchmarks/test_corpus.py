"""The benchmark corpus generator: deterministic, and the dev set's noise kinds in it.

No timings here: the benchmark scripts report them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import corpus  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)

ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
CURLY = re.compile("[\u201c\u201d\u201e\u00ab\u00bb\u2033\u2019\u02bc\u2018\u2026\u2010\u2011]")
INVISIBLE_OR_ODD_SPACE = re.compile("[\u00a0\u202f\u2009\u200a\u2002\u3000\t\u200b-\u200f\u2060\u2066\u2069\u00ad\ufeff\r\u2029]|  ")
MOJIBAKE = re.compile("â€|Ã|Ø|Ù")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(corpus.generate(1_500_000, seed=0))


def test_same_arguments_give_the_same_records() -> None:
    assert list(corpus.generate(60_000, seed=7)) == list(corpus.generate(60_000, seed=7))


def test_another_seed_gives_other_texts() -> None:
    first = [r["text"] for r in corpus.generate(30_000, seed=1)]
    second = [r["text"] for r in corpus.generate(30_000, seed=2)]
    assert not set(first) & set(second)


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one() -> None:
    small = list(corpus.generate(20_000, seed=3))
    large = list(corpus.generate(80_000, seed=3))
    assert len(large) > len(small) and large[:len(small)] == small


def test_the_file_bytes_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Another interpreter, another string-hash seed: the same file, byte for byte."""
    here = tmp_path / "here.jsonl"
    corpus.write_corpus(here, 50_000, seed=5)
    there = tmp_path / "there.jsonl"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(BENCHMARKS / "corpus.py"), "--size", "50KB", "--seed", "5", "-o", str(there)],
                   env=env, check=True, capture_output=True)
    assert here.read_bytes() == there.read_bytes()


def test_records_are_jsonl_objects_with_id_text_and_fields(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    count = corpus.write_corpus(path, 40_000, seed=0)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count
    parsed = [json.loads(line) for line in lines]
    assert {"id", "text", "noise", "url"} <= set(parsed[0])
    assert len({r["id"] for r in parsed}) == count
    assert sum(len(r["text"].encode("utf-8")) for r in parsed) >= 40_000


def test_every_category_occurs_and_most_documents_are_clean_or_lightly_noisy(records: list[dict]) -> None:
    kinds = Counter(kind for r in records for kind in r["noise"])
    assert set(kinds) == set(corpus.CATEGORIES)
    light = {name for name, _ in corpus.LIGHT_NOISE}
    clean_or_light = sum(n for kind, n in kinds.items() if kind in light | {"control_untouched", "trap_prose"})
    assert clean_or_light / len(records) > 0.75
    assert 0.35 < kinds["control_untouched"] / len(records) < 0.55


def test_sizes_span_half_a_kilobyte_to_twenty_with_most_near_two_or_three(records: list[dict]) -> None:
    sizes = [len(r["text"].encode("utf-8")) for r in records]
    assert min(sizes) >= 500 and max(sizes) <= 21_000
    assert sum(2000 <= s <= 3200 for s in sizes) / len(sizes) > 0.5
    assert any(s > 8000 for s in sizes) and any(s < 1000 for s in sizes)


@pytest.mark.parametrize("kind, mark", [
    ("quotes_curly", CURLY), ("spaces_invisible", INVISIBLE_OR_ODD_SPACE), ("html_entities", re.compile("&#?\\w+;")),
    ("mojibake", MOJIBAKE), ("arabic_boilerplate", ARABIC), ("arabic_inline", ARABIC),
    ("arabic_punct_digits", re.compile("[\u060c\u061f\u066a\u0660-\u0669\u06f0-\u06f9]")),
    ("quote_spacing", re.compile(r'\w [,.;:]|[.,?!] "| " \w')), ("mixed", ARABIC), ("mainly_arabic", ARABIC),
])
def test_each_noisy_kind_leaves_its_mark(records: list[dict], kind: str, mark: re.Pattern) -> None:
    texts = [r["text"] for r in records if r["noise"] == [kind]]
    assert texts and all(mark.search(text) for text in texts)


def test_clean_documents_carry_none_of_the_noise(records: list[dict]) -> None:
    for record in records:
        if record["noise"][0] in ("control_untouched", "trap_prose"):
            text = record["text"]
            assert not (ARABIC.search(text) or CURLY.search(text) or INVISIBLE_OR_ODD_SPACE.search(text)
                        or MOJIBAKE.search(text) or "&" in text), record["id"]


def test_trap_prose_documents_hold_lines_that_start_like_furniture(records: list[dict]) -> None:
    traps = [r["text"] for r in records if r["noise"] == ["trap_prose"]]
    assert traps and all(re.search(r"(?m)^(?:Shares?|Most|More) ", text) for text in traps)


@pytest.mark.parametrize("text, size", [("10MB", 10_000_000), ("500KB", 500_000), ("1.5mb", 1_500_000), ("42", 42)])
def test_sizes_are_read_in_decimal_units(text: str, size: int) -> None:
    assert corpus.parse_size(text) == size


def test_a_size_that_is_not_one_is_refused() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="not a size"):
        corpus.parse_size("ten megs")
