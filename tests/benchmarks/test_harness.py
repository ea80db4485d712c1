"""``benchmarks/harness.py``: the command it times starts as an installed bilingua does; the corpus options."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import bilingua

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import harness  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)


def test_the_cli_command_is_given_a_byte_compiled_package(tmp_path: Path) -> None:
    module = Path(bilingua.__file__).resolve().parent / "pipeline.py"
    cached = Path(importlib.util.cache_from_source(str(module)))
    cached.unlink(missing_ok=True)
    command = harness.cli_command(tmp_path / "in.jsonl", tmp_path / "out.jsonl", jobs=1)
    assert command[1:4] == ["-m", "bilingua", "clean"]
    assert cached.exists()
    assert cached.stat().st_mtime >= module.stat().st_mtime


def _parsed(argv: list[str], **options) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    harness.add_corpus_arguments(parser, "20KB", **options)
    return parser.parse_args(argv)


def test_the_corpus_options_name_a_generated_corpus_or_the_users(tmp_path: Path) -> None:
    generated = harness.chosen_corpus(_parsed(["--seed", "3"]))
    assert generated.name.startswith("corpus-s3-20000-") and generated.exists()
    own = tmp_path / "mine.jsonl"
    assert harness.chosen_corpus(_parsed(["--corpus", str(own)])) == own
    assert not hasattr(_parsed([], own_corpus=False), "corpus")
