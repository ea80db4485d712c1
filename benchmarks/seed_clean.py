"""Time ``bilingua.clean()`` on the seed article against ftfy.fix_text, in one process.

Run: ``python benchmarks/seed_clean.py [--calls N]``. Prints the median time
per call of each and their ratio. The two alternate in blocks of 100 calls:
both see the same machine state, and each runs with its own code and data
warm in the caches, as in a run over a corpus (alternating every call had
each evict the other's, which slowed both by a third). The core issue's
target is a median under 0.3 ms for ``clean()``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import ftfy

import bilingua

#: Calls of one before the other takes its turn.
BLOCK = 100
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a24904526fcae996.txt"


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3000, help="timed calls of each (default 3000)")
    calls = parser.parse_args().calls
    text = SEED.read_text(encoding="utf-8")
    cleaner = bilingua.Cleaner()
    for _ in range(200):  # warm caches, lazy imports and rule compilation
        cleaner.clean(text)
        ftfy.fix_text(text)
    ours: list[float] = []
    peer: list[float] = []
    for _ in range(max(1, calls // BLOCK)):
        for _ in range(BLOCK):
            start = time.perf_counter()
            cleaner.clean(text)
            ours.append(time.perf_counter() - start)
        for _ in range(BLOCK):
            start = time.perf_counter()
            ftfy.fix_text(text)
            peer.append(time.perf_counter() - start)
    print(f"seed: {len(text)} characters, {calls} calls each")
    print(f"bilingua.clean  median {_median_ms(ours):.3f} ms")
    print(f"ftfy.fix_text   median {_median_ms(peer):.3f} ms")
    print(f"clean / fix_text = {_median_ms(ours) / _median_ms(peer):.2f}")


if __name__ == "__main__":
    main()
