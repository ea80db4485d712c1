"""Where ``bilingua.Cleaner().clean`` spends its time on the generated corpus: per stage, then per function.

Run: ``python benchmarks/profile_stages.py [--size 2MB] [--seed 0] [--top 15]``.
First the corpus goes through a cleaner whose stages (``Cleaner._build_stages``)
are wrapped in timers; "outside the stages" is the rest of ``clean()``
(document set-up, the second-pass check, metadata). Then each document is
timed alone (best of three) and the time is split by the corpus's ``noise``
labels: which kinds of document the time goes to. Last it goes through a
plain cleaner under cProfile, and the functions with the most own time are
listed. Profiling slows Python code down, so read the cProfile shares as
relative, and the per-stage table as the real split.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Callable

import orjson

import bilingua
from harness import add_corpus_arguments, chosen_corpus, corpus_texts, megabytes_of, print_table


def stage_name(stage: Callable) -> str:
    """The stage function's name, seen through ``partial`` and the pipeline's wrappers."""
    if isinstance(stage, partial):
        return stage.func.__name__
    for cell in stage.__closure__ or ():
        if isinstance(cell.cell_contents, partial):
            return f"{cell.cell_contents.func.__name__} (with join repair)"
    return stage.__name__


def timed_stages(cleaner: bilingua.Cleaner, seconds: dict[str, float]) -> None:
    """Replace the cleaner's stages by wrappers that add each stage's time to ``seconds``."""

    def timed(stage: Callable, name: str) -> Callable:
        def run(doc: object) -> None:
            began = time.perf_counter()
            stage(doc)
            seconds[name] += time.perf_counter() - began
        return run

    cleaner.stages = tuple(timed(stage, stage_name(stage)) for stage in cleaner.stages)


def time_by_label(source: Path, texts: list[str]) -> list[list[str]]:
    """Rows of the time ``clean()`` takes per noise label of the corpus (best of three per document)."""
    with open(source, "rb") as lines:
        labels = [", ".join(orjson.loads(line).get("noise") or ["(unlabelled)"]) for line in lines if line.strip()]
    cleaner = bilingua.Cleaner()
    spent: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for label, text in zip(labels, texts):
        best = min(_seconds(cleaner, text) for _ in range(3))
        entry = spent[label]
        entry[0] += 1
        entry[1] += best
        entry[2] += len(text)
    total = sum(seconds for _, seconds, _ in spent.values())
    return [[label, f"{docs}", f"{seconds / total:.0%}", f"{seconds / docs * 1e6:.0f}", f"{seconds / chars * 1e9:.0f}"]
            for label, (docs, seconds, chars) in sorted(spent.items(), key=lambda item: -item[1][1])]


def _seconds(cleaner: bilingua.Cleaner, text: str) -> float:
    began = time.perf_counter()
    cleaner.clean(text)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(parser, "2MB")
    parser.add_argument("--top", type=int, default=15, help="functions to list (default 15)")
    args = parser.parse_args()
    source = chosen_corpus(args)
    texts = corpus_texts(source)
    megabytes = megabytes_of(texts)

    warm = bilingua.Cleaner()
    for text in texts[:50]:  # lazy imports and rule compilation stay out of the figures
        warm.clean(text)

    seconds: dict[str, float] = defaultdict(float)
    cleaner = bilingua.Cleaner()
    timed_stages(cleaner, seconds)
    began = time.perf_counter()
    for text in texts:
        cleaner.clean(text)
    total = time.perf_counter() - began
    seconds["outside the stages"] = total - sum(seconds.values())
    print(f"corpus: {source} ({len(texts)} documents, {megabytes:.2f} MB), clean() at {megabytes / total:.2f} MB/s")
    print_table(["stage", "seconds", "share", "MB/s alone"],
                [[name, f"{spent:.2f}", f"{spent / total:.0%}", f"{megabytes / spent:.1f}"]
                 for name, spent in sorted(seconds.items(), key=lambda item: -item[1])])

    print()
    print_table(["documents labelled", "docs", "share", "us/doc", "ns/char"], time_by_label(source, texts))

    profiler = cProfile.Profile()
    plain = bilingua.Cleaner()
    profiler.runcall(lambda: [plain.clean(text) for text in texts])
    stats = pstats.Stats(profiler)
    profiled_total = sum(entry[2] for entry in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for (filename, line, function), entry in sorted(stats.stats.items(), key=lambda item: -item[1][2])[:args.top]:  # type: ignore[attr-defined]
        calls, own, cumulative = entry[1], entry[2], entry[3]
        where = f"{Path(filename).name}:{line}" if line else filename
        rows.append([f"{function} ({where})", f"{calls}", f"{own:.2f}", f"{own / profiled_total:.0%}", f"{cumulative:.2f}"])
    print()
    print_table(["function (own time, under cProfile)", "calls", "own s", "share", "cumulative s"], rows)


if __name__ == "__main__":
    main()
