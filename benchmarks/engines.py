"""Time ``bilingua clean`` with the local engine and the Dask engine on the same corpus, in one run.

Run: ``python benchmarks/engines.py [--records N] [--jobs J]``. Writes a
JSONL corpus of N records made from the shipped seed article (each record a
different slice of it, with the seed's Arabic share label), then runs the
installed command on it: local with 1 and J processes, Dask with a cluster
it starts (J workers), and Dask on a cluster already running (J workers,
started here beforehand, so its start-up is not counted). Prints wall
times, records per second and ratios against the local run with J
processes, and checks every output is the same bytes. Runs alternate
engines and the best of ``--repeat`` is kept, so all see the same machine
state.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a24904526fcae996.txt"


def write_corpus(path: Path, records: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as out:
        for i in range(records):
            start = (i * 97) % (len(text) // 2)
            out.write(json.dumps({"id": i, "text": text[start:] + "\nمشاركة :"}, ensure_ascii=False) + "\n")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=4000, help="records in the corpus (default 4000)")
    parser.add_argument("--jobs", type=int, default=2, help="processes or workers (default 2)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, best kept (default 2)")
    args = parser.parse_args()

    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp, LocalCluster(
            n_workers=args.jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address="127.0.0.1:0") as cluster:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.records)
        base = [sys.executable, "-m", "bilingua", "clean", str(corpus), "--quiet", "--force"]
        runs = {
            "local, 1 process": ["--engine", "local", "--jobs", "1"],
            f"local, {args.jobs} processes": ["--engine", "local", "--jobs", str(args.jobs)],
            f"dask, own cluster of {args.jobs}": ["--engine", "dask", "--jobs", str(args.jobs)],
            f"dask, running cluster of {args.jobs}": ["--engine", "dask", "--scheduler", cluster.scheduler_address],
        }
        best = {name: float("inf") for name in runs}
        for _ in range(args.repeat):
            for index, (name, options) in enumerate(runs.items()):
                best[name] = min(best[name], timed([*base, "-o", str(Path(tmp) / f"out{index}.jsonl"), *options]))
        outputs = {(Path(tmp) / f"out{index}.jsonl").read_bytes() for index in range(len(runs))}
        size = corpus.stat().st_size / 1e6
        print(f"corpus: {args.records} records, {size:.1f} MB; best of {args.repeat}; outputs identical: "
              f"{len(outputs) == 1}")
        peer = best[f"local, {args.jobs} processes"]
        for name, seconds in best.items():
            print(f"{name:32} {seconds:6.1f} s  {args.records / seconds:7.0f} records/s  "
                  f"{size / seconds:5.2f} MB/s  x{seconds / peer:.2f} of local/{args.jobs}")


if __name__ == "__main__":
    main()
