"""``bilingua clean --jobs 2`` against ``--jobs 1`` on the same corpus, interleaved over rounds.

Run: ``python benchmarks/scaling.py [--size 10MB] [--seed 0] [--rounds 3]``.
The goal (issue 4) is at least 1.7x on 2 cores. Both outputs must be the same
bytes (the command's output does not depend on ``--jobs``); the script checks.
"""

from __future__ import annotations

import argparse
import filecmp

from harness import OUT, Run, add_corpus_arguments, chosen_corpus, cli_command, median_run, print_table, run_timed, text_megabytes, verdict

GOAL_SPEEDUP = 1.7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(parser, "10MB", own_corpus=False)
    parser.add_argument("--rounds", type=int, default=3, help="rounds; figures are medians (default 3)")
    args = parser.parse_args()
    source = chosen_corpus(args)
    outputs = {jobs: OUT / f"scaling-jobs{jobs}.jsonl" for jobs in (1, 2)}
    runs: dict[int, list[Run]] = {1: [], 2: []}
    for round_index in range(args.rounds):
        for jobs in (1, 2) if round_index % 2 == 0 else (2, 1):
            runs[jobs].append(run_timed(cli_command(source, outputs[jobs], jobs)))
    if not filecmp.cmp(outputs[1], outputs[2], shallow=False):
        raise SystemExit(f"--jobs 1 and --jobs 2 wrote different output: compare {outputs[1]} and {outputs[2]}")
    megabytes = text_megabytes(source)
    medians = {jobs: median_run(found) for jobs, found in runs.items()}
    print(f"corpus: {source}, {args.rounds} round(s); outputs identical")
    print_table(["command", "seconds", "MB/s", "peak RSS MB"],
                [[f"bilingua clean --jobs {jobs}", f"{run.seconds:.2f}", f"{megabytes / run.seconds:.2f}",
                  f"{run.peak_rss_mb:.0f}"] for jobs, run in medians.items()])
    speedup = medians[1].seconds / medians[2].seconds
    print(f"\n--jobs 2 / --jobs 1: {speedup:.2f}x (goal >= {GOAL_SPEEDUP}x) {verdict(speedup, GOAL_SPEEDUP)}")


if __name__ == "__main__":
    main()
