"""``bilingua clean --jobs 2`` against ``--jobs 1`` on the same corpus, interleaved over rounds.

Run: ``python benchmarks/scaling.py [--size 10MB] [--seed 0] [--rounds 3]``.
The goal (issue 4) is at least 1.7x on 2 cores. Both outputs must be the same
bytes (the command's output does not depend on ``--jobs``); the script checks.

A third command in every round measures what the machine itself gives two
processes: two ``--jobs 1`` runs started together, each on half of the
corpus (every other record). Nothing is shared between them and each starts
up while the other does: the best case for two processes, though not a hard
bound (on a busy host one minute's neighbours differ from the next's). On a
host whose two cores slow each other down it is well under 2x.
``--jobs 2`` is reported against it too.
"""

from __future__ import annotations

import argparse
import filecmp
from pathlib import Path

from harness import (OUT, Run, add_corpus_arguments, chosen_corpus, cli_command, median_run, print_table,
                     run_timed, run_together, text_megabytes, verdict)

GOAL_SPEEDUP = 1.7


def halves(source: Path) -> list[Path]:
    """The corpus split into two files, records alternating, so each half holds the same mix of documents."""
    paths = [OUT / f"{source.stem}-half{index}.jsonl" for index in (0, 1)]
    if not all(path.exists() and path.stat().st_mtime >= source.stat().st_mtime for path in paths):
        with open(source, "rb") as lines, open(paths[0], "wb") as even, open(paths[1], "wb") as odd:
            for index, line in enumerate(lines):
                (odd if index % 2 else even).write(line)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(parser, "10MB", own_corpus=False)
    parser.add_argument("--rounds", type=int, default=3, help="rounds; figures are medians (default 3)")
    args = parser.parse_args()
    source = chosen_corpus(args)
    outputs = {jobs: OUT / f"scaling-jobs{jobs}.jsonl" for jobs in (1, 2)}
    split = [cli_command(half, OUT / f"scaling-half{index}.jsonl", 1) for index, half in enumerate(halves(source))]
    runs: dict[str, list[Run]] = {"1": [], "2": [], "halves": []}
    for round_index in range(args.rounds):
        order = ("1", "2", "halves") if round_index % 2 == 0 else ("halves", "2", "1")
        for name in order:
            runs[name].append(run_together(split) if name == "halves"
                              else run_timed(cli_command(source, outputs[int(name)], int(name))))
    if not filecmp.cmp(outputs[1], outputs[2], shallow=False):
        raise SystemExit(f"--jobs 1 and --jobs 2 wrote different output: compare {outputs[1]} and {outputs[2]}")
    megabytes = text_megabytes(source)
    medians = {name: median_run(found) for name, found in runs.items()}
    labels = {"1": "bilingua clean --jobs 1", "2": "bilingua clean --jobs 2",
              "halves": "two --jobs 1 at once, a half each"}
    print(f"corpus: {source}, {args.rounds} round(s); outputs identical")
    print_table(["command", "seconds", "MB/s", "peak RSS MB", "each round, s"],
                [[labels[name], f"{run.seconds:.2f}", f"{megabytes / run.seconds:.2f}", f"{run.peak_rss_mb:.0f}",
                  " ".join(f"{each.seconds:.2f}" for each in runs[name])]
                 for name, run in medians.items()])
    speedup = medians["1"].seconds / medians["2"].seconds
    ceiling = medians["1"].seconds / medians["halves"].seconds
    print(f"\n--jobs 2 / --jobs 1: {speedup:.2f}x (goal >= {GOAL_SPEEDUP}x) {verdict(speedup, GOAL_SPEEDUP)}")
    print(f"two processes at once / --jobs 1: {ceiling:.2f}x: what this machine gave two processes in this run")
    print(f"--jobs 2 reached {speedup / ceiling:.0%} of it")


if __name__ == "__main__":
    main()
