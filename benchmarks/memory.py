"""Peak memory of ``bilingua clean`` as the corpus grows: at 1x and 10x a base size.

Run: ``python benchmarks/memory.py [--size 10MB] [--factor 10] [--jobs 1]``.
The goals (issue 4): at most 150 MB, and flat, which this script takes to
mean the larger corpus needs at most 10% more than the smaller one. The
peak is that of the largest single process (with ``--jobs 2``, the main
process or one worker, not their sum).
"""

from __future__ import annotations

import argparse

from harness import OUT, add_corpus_arguments, cli_command, corpus_path, print_table, run_timed, text_megabytes, verdict

GOAL_RSS_MB = 150.0
GOAL_GROWTH = 1.10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(parser, "10MB", own_corpus=False, size_help="base corpus size")
    parser.add_argument("--factor", type=int, default=10, help="the larger corpus is this many times the base (10)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes of the command (default 1)")
    args = parser.parse_args()
    rows = []
    peaks = []
    for size in (args.size, args.size * args.factor):
        source = corpus_path(size, args.seed)
        run = run_timed(cli_command(source, OUT / "memory.jsonl", args.jobs))
        peaks.append(run.peak_rss_mb)
        megabytes = text_megabytes(source)
        rows.append([f"{megabytes:.1f} MB", f"{run.seconds:.1f}", f"{megabytes / run.seconds:.2f}",
                     f"{run.peak_rss_mb:.0f}", verdict(run.peak_rss_mb, GOAL_RSS_MB, at_least=False)])
    print_table(["corpus", "seconds", "MB/s", "peak RSS MB", f"<= {GOAL_RSS_MB:g} MB"], rows)
    growth = peaks[1] / peaks[0]
    print(f"\npeak at {args.factor}x / peak at 1x: {growth:.2f} (flat: <= {GOAL_GROWTH:.2f}) "
          f"{verdict(growth, GOAL_GROWTH, at_least=False)}")


if __name__ == "__main__":
    main()
