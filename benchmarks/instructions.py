"""Instructions ``clean()`` executes over a corpus, counted by valgrind: a measure the machine's load does not move.

Run: ``python benchmarks/instructions.py [--size 1MB] [--src DIR ...]``.
On a shared machine two timings of the same code differ by 20% and more;
an instruction count differs by well under 1%. So a change to the library
is compared here, source tree against source tree (``--src``, default the
bilingua this process imports; e.g. a ``git worktree`` of main against the
working copy), by the instructions the cleaning of the corpus takes: a run
that cleans every document twice less a run that cleans it once, so start-up,
imports and warm-up cancel out. Needs ``valgrind`` (``apt-get install
valgrind``); each tree takes two runs of about a minute.

Fewer instructions is not always less time (memory and branches count
too), so the timed benchmarks have the last word; this one tells a 3% gain
from noise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from harness import SRC, add_corpus_arguments, chosen_corpus

#: Cleans the corpus (argv[1]) once to warm everything, then ``argv[2]`` more times.
_DRIVER = """
import sys, orjson, bilingua
texts = [orjson.loads(line)["text"] for line in open(sys.argv[1], "rb") if line.strip()]
cleaner = bilingua.Cleaner()
for _ in range(1 + int(sys.argv[2])):
    for text in texts:
        cleaner.clean(text)
"""


def instructions(src: Path, corpus: Path, passes: int) -> int:
    """Instructions of a whole run of the driver with ``passes`` timed passes, under callgrind."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    finished = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", _DRIVER,
         str(corpus), str(passes)],
        env=env, capture_output=True, text=True, check=False,
    )
    found = re.search(r"Collected : (\d+)", finished.stderr)
    if finished.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed on {src}:\n{finished.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(parser, "1MB")
    parser.add_argument("--src", type=Path, action="append",
                        help="a source tree holding bilingua/ (repeat to compare; default: the one imported)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed: apt-get install valgrind")
    corpus = chosen_corpus(args)
    megabytes = corpus.stat().st_size / 1e6
    print(f"corpus: {corpus} ({megabytes:.2f} MB of JSONL)")
    first = None
    for src in args.src or [SRC]:
        cleaning = instructions(src, corpus, 2) - instructions(src, corpus, 1)
        first = first or cleaning
        print(f"{str(src):50s} {cleaning / 1e6:10.1f} M instructions  {cleaning / megabytes / 1e6:8.1f} M/MB"
              f"  {cleaning / first:6.3f}x the first")


if __name__ == "__main__":
    main()
