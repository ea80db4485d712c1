"""Does cleaning one long line take time in proportion to its length?

Run: ``python benchmarks/long_lines.py [--units N]``. Scraped records can be
a whole page on one line, with thousands of Arabic labels, glosses or
mis-decoded quotes; a step that looks from the line's start (or to its end)
at each of them takes time in the square of the length. For each kind of
line this cleans one line of N units and one of 4N, in one process, and
prints their times and ratio: about 4 when the time grows with the length,
16 when it grows with its square. Earlier quadratic paths took 27 s on a
2 MB line (docs/performance.md, seventh and eighth rounds).
"""

from __future__ import annotations

import argparse
import time

import bilingua

#: One unit of each kind of line, repeated to make the line.
UNITS = {
    "share labels": "word مشاركة ",
    "counts after labels": "Talks went on. مشاهدات: ١٢٣٤ more text ",
    "glosses": "the capital Baghdad (بغداد) and ",
    "follow labels and names": "He spoke. تابعنا على X and then ",
    "lost-byte quotes": "He said \u00e2\u20ac\u0153yes\u00e2\u20ac\ufffd and ",
    "lost-byte marks beside Arabic": "\u00e2\u20ac\ufffd\u00d9\u2026\u00d8\u00b4\u00d8\u00a7\u00d8\u00b1\u00d9\u0192\u00d8\u00a9 word ",
}
#: At least this ratio between the 4N line and the N line means the time grows faster than the length.
QUADRATIC_RATIO = 8


def _seconds(text: str) -> float:
    started = time.perf_counter()
    bilingua.clean(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=5000, help="units in the shorter line (default 5000)")
    units = parser.parse_args().units
    bilingua.clean("warm up: مشاركة")
    print(f"{'line of':32s} {'N s':>8s} {'4N s':>8s} {'ratio':>6s}")
    for kind, unit in UNITS.items():
        short, long = (min(_seconds(unit * count) for _ in range(2)) for count in (units, 4 * units))
        ratio = long / short
        verdict = "grows faster than the length" if ratio >= QUADRATIC_RATIO else "in proportion"
        print(f"{kind:32s} {short:8.2f} {long:8.2f} {ratio:6.1f}  {verdict}")


if __name__ == "__main__":
    main()
