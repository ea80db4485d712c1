"""bilingua against its peers on the same generated corpus, in one run, interleaved.

Run: ``python benchmarks/peers.py [--size 10MB] [--seed 0] [--rounds 3] [--corpus FILE]``
(``--size 1MB --rounds 1`` for a quick look). Prints MB/s, docs/s and peak RSS
of each peer, and the ratios the throughput goals (issue 4) are stated in.

In-process peers (text in, text out, no I/O) run over the corpus in chunks of
documents; each chunk goes through every peer in a rotating order, so a change
in machine load hits all of them alike. Each round also runs, in a rotating
order, two subprocesses on the corpus file: the ``bilingua clean`` command end
to end (start-up, reading, cleaning, writing) and the JSONL floor
(``jsonl_floor.py``). Figures are medians over rounds; MB are 10^6 bytes of
UTF-8 text in the corpus.
"""

from __future__ import annotations

import argparse
import logging
import re
import resource
import statistics
import sys
import time
from collections import defaultdict
from typing import Callable

import ftfy
import langdetect
from langdetect import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

import bilingua
from harness import (HERE, OUT, Run, add_corpus_arguments, chosen_corpus, cli_command, corpus_texts, median_run,
                     megabytes_of, print_table, run_timed, verdict)

CHUNK_DOCS = 50
SAMPLE_CHARS = 300

# The goals of issue 4 for the command end to end, one job.
GOAL_MB_S = 8.0
GOAL_VS_NAIVE = 18.0
GOAL_VS_FTFY = 3.0
GOAL_RSS_MB = 150.0

# The naive pipeline's ten regexes: what a hand-written cleaner typically does.
NAIVE_PATTERNS = [(re.compile(pattern, flags), replacement) for pattern, replacement, flags in [
    (r"<[^>]+>", "", 0),  # HTML tags
    (r"https?://\S+", "", 0),  # URLs
    (r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]", "", 0),  # invisible characters
    (r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+", "", 0),  # Arabic script
    (r"[\u201c\u201d\u201e\u00ab\u00bb\u2033]", '"', 0),  # double quotes
    (r"[\u2018\u2019\u02bc]", "'", 0),  # apostrophes
    (r"[ \t]+([,.;:!?])", r"\1", 0),  # space before punctuation
    (r"^(?:Advertisement|Share.*|Read more.*|Related.*|Subscribe.*|Sign up.*|Comments|Print|Tags:.*"
     r"|Follow us.*|©.*)$", "", re.MULTILINE),  # English furniture lines
    (r"[ \t\u00a0]+", " ", 0),  # runs of spaces
    (r"\n{3,}", "\n\n", 0),  # blank lines
]]


def _detect(text: str) -> str:
    try:
        return langdetect.detect(text)
    except LangDetectException:  # no letters it knows
        return "unknown"


def naive_pipeline(text: str) -> str:
    """ftfy.fix_text, langdetect on the full text, ten regexes."""
    text = ftfy.fix_text(text)
    _detect(text)
    for pattern, replacement in NAIVE_PATTERNS:
        text = pattern.sub(replacement, text)
    return text.strip()


def in_process_peers() -> dict[str, Callable[[str], object]]:
    """Name -> function of one text; clean-text only when installed."""
    cleaner = bilingua.Cleaner()
    peers: dict[str, Callable[[str], object]] = {
        "bilingua.Cleaner().clean": cleaner.clean,
        "naive (ftfy+langdetect+10 regexes)": naive_pipeline,
        "ftfy.fix_text": ftfy.fix_text,
        f"langdetect on {SAMPLE_CHARS}-char sample": lambda text: _detect(text[:SAMPLE_CHARS]),
    }
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # clean-text logs a notice about unidecode on import
    try:
        import cleantext
    except ImportError:
        print("clean-text is not installed: left out (pip install 'bilingua[bench]')")
    else:
        peers["clean-text (cleantext.clean)"] = cleantext.clean
    finally:
        root.setLevel(level)
    return peers


def run_in_process(peers: dict[str, Callable[[str], object]], texts: list[str], round_index: int) -> dict[str, float]:
    """Seconds each peer spends on all texts, chunk by chunk in a rotating order."""
    seconds: dict[str, float] = defaultdict(float)
    names = list(peers)
    for chunk_index, start in enumerate(range(0, len(texts), CHUNK_DOCS)):
        chunk = texts[start:start + CHUNK_DOCS]
        shift = (chunk_index + round_index) % len(names)
        for name in names[shift:] + names[:shift]:
            function = peers[name]
            began = time.perf_counter()
            for text in chunk:
                function(text)
            seconds[name] += time.perf_counter() - began
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(parser, "10MB")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; figures are medians (default 3)")
    args = parser.parse_args()

    source = chosen_corpus(args)
    texts = corpus_texts(source)
    megabytes = megabytes_of(texts)
    print(f"corpus: {source} ({len(texts)} documents, {megabytes:.2f} MB of text), {args.rounds} round(s)")

    DetectorFactory.seed = 0
    peers = in_process_peers()
    for function in peers.values():  # load profiles, compile rules, import lazily before timing
        for text in texts[:20]:
            function(text)

    OUT.mkdir(exist_ok=True)
    subprocesses = {
        "bilingua clean --jobs 1 (CLI)": cli_command(source, OUT / "peers-cli.jsonl", jobs=1),
        "JSONL floor (orjson)": [sys.executable, str(HERE / "jsonl_floor.py"), str(source), str(OUT / "peers-floor.jsonl")],
    }
    in_process: dict[str, list[float]] = defaultdict(list)
    runs: dict[str, list[Run]] = defaultdict(list)
    for round_index in range(args.rounds):
        order = list(subprocesses) if round_index % 2 == 0 else list(reversed(subprocesses))
        runs[order[0]].append(run_timed(subprocesses[order[0]]))
        for name, seconds in run_in_process(peers, texts, round_index).items():
            in_process[name].append(seconds)
        runs[order[1]].append(run_timed(subprocesses[order[1]]))
        print(f"round {round_index + 1}/{args.rounds} done")

    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    speed: dict[str, float] = {}
    rows: list[list[str]] = []
    results = {name: Run(statistics.median(times), 0.0) for name, times in in_process.items()}
    results |= {name: median_run(found) for name, found in runs.items()}
    for name, result in sorted(results.items(), key=lambda item: item[1].seconds):
        speed[name] = megabytes / result.seconds
        rss = f"{result.peak_rss_mb:.0f}" if name in runs else "(shared)"
        rows.append([name, f"{speed[name]:.2f}", f"{len(texts) / result.seconds:.0f}", f"{result.seconds:.2f}", rss])
    print()
    print_table(["peer", "MB/s", "docs/s", "seconds", "peak RSS MB"], rows)
    print(f"(shared): in-process peers run in this process, whose peak RSS was {own_rss:.0f} MB")

    cli = speed["bilingua clean --jobs 1 (CLI)"]
    cli_rss = results["bilingua clean --jobs 1 (CLI)"].peak_rss_mb
    checks = [
        ("CLI MB/s (one job)", cli, f">= {GOAL_MB_S:g}", verdict(cli, GOAL_MB_S)),
        ("CLI / naive pipeline", cli / speed["naive (ftfy+langdetect+10 regexes)"], f">= {GOAL_VS_NAIVE:g}x",
         verdict(cli / speed["naive (ftfy+langdetect+10 regexes)"], GOAL_VS_NAIVE)),
        ("CLI / ftfy.fix_text", cli / speed["ftfy.fix_text"], f">= {GOAL_VS_FTFY:g}x",
         verdict(cli / speed["ftfy.fix_text"], GOAL_VS_FTFY)),
        ("CLI peak RSS MB", cli_rss, f"<= {GOAL_RSS_MB:g}", verdict(cli_rss, GOAL_RSS_MB, at_least=False)),
        ("CLI / JSONL floor", cli / speed["JSONL floor (orjson)"], "", ""),
        ("library / naive pipeline", speed["bilingua.Cleaner().clean"] / speed["naive (ftfy+langdetect+10 regexes)"],
         "", ""),
    ]
    print()
    print_table(["ratio", "value", "goal", ""], [[name, f"{value:.2f}", goal, mark] for name, value, goal, mark in checks])


if __name__ == "__main__":
    main()
