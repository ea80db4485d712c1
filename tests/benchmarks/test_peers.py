"""``benchmarks/peers.py`` runs end to end on a tiny corpus and prints its tables (no timing asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_peers_runs_on_a_tiny_corpus_and_reports_every_peer_and_goal() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    finished = subprocess.run([sys.executable, str(REPO / "benchmarks" / "peers.py"), "--size", "20KB", "--rounds", "1"],
                              env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    for row in ("bilingua.Cleaner().clean", "naive (ftfy+langdetect+10 regexes)", "ftfy.fix_text",
                "langdetect on 300-char sample", "bilingua clean --jobs 1 (CLI)", "JSONL floor (orjson)",
                "CLI / naive pipeline", "CLI / ftfy.fix_text", "CLI peak RSS MB"):
        assert row in finished.stdout, finished.stdout
    assert finished.stdout.count("PASS") + finished.stdout.count("FAIL") == 4
