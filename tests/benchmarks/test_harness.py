"""``benchmarks/harness.py``: the command it times starts as an installed bilingua does; the corpus options."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import pytest

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


def _waits_for(ready: Path, then_create: Path | None = None, first_create: Path | None = None) -> list[str]:
    """A command that creates ``first_create``, waits up to 30 s for ``ready``, then creates ``then_create``."""
    code = ("import pathlib, sys, time\n"
            f"first, ready, then = {str(first_create)!r}, {str(ready)!r}, {str(then_create)!r}\n"
            "if first != 'None': pathlib.Path(first).touch()\n"
            "deadline = time.monotonic() + 30\n"
            "while not pathlib.Path(ready).exists():\n"
            "    if time.monotonic() > deadline: sys.exit('never ready')\n"
            "    time.sleep(0.01)\n"
            "if then != 'None': pathlib.Path(then).touch()\n")
    return [sys.executable, "-c", code]


def test_commands_run_together_run_at_once(tmp_path: Path) -> None:
    # Each waits for a file the other creates: run one after the other, the first would give up.
    ping, pong = tmp_path / "ping", tmp_path / "pong"
    harness.run_together([_waits_for(pong, first_create=ping), _waits_for(ping, then_create=pong)])
    assert ping.exists() and pong.exists()


def test_run_together_reports_the_largest_peak_and_the_error_of_a_failing_command(tmp_path: Path) -> None:
    small = [sys.executable, "-c", "pass"]
    large = [sys.executable, "-c", "block = bytearray(120_000_000); block[::4096] = b'x' * len(block[::4096])"]
    assert harness.run_together([small, large]).peak_rss_mb >= 115
    failing = [sys.executable, "-c", "import sys; sys.exit('this one failed')"]
    with pytest.raises(RuntimeError, match="this one failed"):
        harness.run_together([small, failing])


def test_the_scaling_halves_alternate_the_records(tmp_path: Path, monkeypatch) -> None:
    import scaling

    monkeypatch.setattr(scaling, "OUT", tmp_path)
    source = tmp_path / "corpus.jsonl"
    source.write_bytes(b"".join(b'{"id": %d}\n' % number for number in range(5)))
    first, second = scaling.halves(source)
    assert first.read_bytes() == b'{"id": 0}\n{"id": 2}\n{"id": 4}\n'
    assert second.read_bytes() == b'{"id": 1}\n{"id": 3}\n'
