"""Time ``bilingua.clean()`` on the seed article against ftfy.fix_text, in one process.

Run: ``python benchmarks/seed_clean.py [--calls N]``. Prints the median time
per call of each, interleaved so both see the same machine state, and their
ratio. The core issue's target is a median under 0.3 ms for ``clean()``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import ftfy

import bilingua

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
    for _ in range(calls):
        start = time.perf_counter()
        cleaner.clean(text)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        ftfy.fix_text(text)
        peer.append(time.perf_counter() - start)
    print(f"seed: {len(text)} characters, {calls} calls each")
    print(f"bilingua.clean  median {_median_ms(ours):.3f} ms")
    print(f"ftfy.fix_text   median {_median_ms(peer):.3f} ms")
    print(f"clean / fix_text = {_median_ms(ours) / _median_ms(peer):.2f}")


if __name__ == "__main__":
    main()
