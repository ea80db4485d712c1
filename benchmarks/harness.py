"""What the benchmark scripts share: the cached corpus, timed subprocesses, the result table.

Why subprocesses run under GNU ``/usr/bin/time``: a child's ``ru_maxrss``
(from ``wait4`` or ``RUSAGE_CHILDREN``) starts from the RSS of the process
that forked it, so a child of this benchmark, which holds the corpus and the
peers, would report this process's size. ``time`` is a small process in
between, and reports the peak RSS of the largest process it waited for.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

import bilingua

from corpus import parse_size, write_corpus

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
# The subprocesses import the same bilingua as this process.
SRC = Path(bilingua.__file__).resolve().parent.parent
TIME = Path("/usr/bin/time")


def corpus_path(size_bytes: int, seed: int) -> Path:
    """The corpus file for these arguments, generated on first use under ``benchmarks/out/``."""
    OUT.mkdir(exist_ok=True)
    generator = hashlib.sha256((HERE / "corpus.py").read_bytes()).hexdigest()[:8]  # a changed generator, a new file
    path = OUT / f"corpus-s{seed}-{size_bytes}-{generator}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".part")
        write_corpus(partial, size_bytes, seed)
        partial.replace(path)
    return path


def add_corpus_arguments(parser: argparse.ArgumentParser, default_size: str, *, own_corpus: bool = True,
                         size_help: str = "corpus size") -> None:
    """The options every script chooses its corpus by: ``--size``, ``--seed`` and (``own_corpus``) ``--corpus``."""
    parser.add_argument("--size", type=parse_size, default=parse_size(default_size),
                        help=f"{size_help} (default {default_size})")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    if own_corpus:
        parser.add_argument("--corpus", type=Path, help="a JSONL corpus to use instead of generating one")


def chosen_corpus(args: argparse.Namespace) -> Path:
    """The corpus the options of :func:`add_corpus_arguments` name: the user's, or the generated one."""
    return getattr(args, "corpus", None) or corpus_path(args.size, args.seed)


def corpus_texts(path: Path) -> list[str]:
    """The ``text`` of every record of a JSONL corpus."""
    with open(path, "rb") as lines:
        return [orjson.loads(line)["text"] for line in lines if line.strip()]


def megabytes_of(texts: list[str]) -> float:
    """MB (10^6 bytes) of UTF-8 text: the figure every MB/s here divides."""
    return sum(len(text.encode("utf-8")) for text in texts) / 1e6


def text_megabytes(path: Path) -> float:
    """MB of UTF-8 text in a corpus file."""
    return megabytes_of(corpus_texts(path))


@dataclass(frozen=True)
class Run:
    """One timed subprocess: wall seconds and the peak RSS of its largest process."""

    seconds: float
    peak_rss_mb: float


def run_timed(command: list[str]) -> Run:
    """Run ``command`` to the end under ``/usr/bin/time``; raise with its stderr if it fails."""
    return run_together([command])


def run_together(commands: list[list[str]]) -> Run:
    """Run ``commands`` at once, each under ``/usr/bin/time``, to the end; raise with the stderr of one that fails.

    The seconds are those until the last one ends; the peak RSS is the largest of any of them.
    """
    if not TIME.exists():
        raise SystemExit(f"{TIME} (GNU time) is needed to measure peak RSS: apt-get install time")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    reports = [tempfile.NamedTemporaryFile("r", suffix=".rss") for _ in commands]  # noqa: SIM115 (closed below)
    try:
        start = time.perf_counter()
        running = [subprocess.Popen([str(TIME), "-f", "%M", "-o", report.name, *command], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                   for command, report in zip(commands, reports)]
        errors = [process.communicate()[1] for process in running]
        seconds = time.perf_counter() - start
        for command, process, error in zip(commands, running, errors):
            if process.returncode != 0:
                raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}:\n"
                                   f"{error.decode(errors='replace')}")
        peak_kib = max(int(report.read().split()[-1]) for report in reports)
    finally:
        for report in reports:
            report.close()
    return Run(seconds, peak_kib / 1024)


def byte_compile_bilingua() -> None:
    """Write the ``.pyc`` files of the bilingua the subprocesses import, as ``pip install`` does.

    An editable install under ``PYTHONDONTWRITEBYTECODE`` (this machine's
    setting) compiles every module from source at each start (~0.1 s): a cost
    an installed bilingua does not pay. ``compileall`` writes the caches
    whatever that setting says; only out-of-date files are compiled again.
    """
    compileall.compile_dir(Path(bilingua.__file__).resolve().parent, quiet=1)


def cli_command(source: Path, output: Path, jobs: int) -> list[str]:
    """``bilingua clean SOURCE -o OUTPUT --jobs N`` through this interpreter (start-up included).

    The package is byte-compiled first (:func:`byte_compile_bilingua`), so the
    command starts as an installed one does.
    """
    byte_compile_bilingua()
    return [sys.executable, "-m", "bilingua", "clean", str(source), "-o", str(output),
            "--jobs", str(jobs), "--force", "--quiet"]


def median_run(runs: list[Run]) -> Run:
    """Median time over rounds; the largest peak RSS seen."""
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_rss_mb for r in runs))


def verdict(value: float, goal: float, at_least: bool = True) -> str:
    """``PASS`` or ``FAIL`` for a value against its goal."""
    return "PASS" if (value >= goal if at_least else value <= goal) else "FAIL"


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """A plain-text table, first column left-aligned, the others right-aligned."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        cells = [str(cell).ljust(w) if i == 0 else str(cell).rjust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        print("  ".join(cells).rstrip())
