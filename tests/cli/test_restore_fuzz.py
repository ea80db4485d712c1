"""``bilingua restore`` over a cleaned, fuzzed corpus of 10,000 records rebuilds every record exactly.

The corpus is generated here from a fixed seed: English and Arabic words,
page furniture, quotes, dashes, bidi and invisible marks, controls, NULs,
lone surrogates, CRLF and odd spacing, in random mixes.
"""

from __future__ import annotations

import hashlib
import json
import random

from .helpers import run_cli

RECORDS = 10_000
PIECES = [
    "The", "minister", "said", "on", "Monday", "prices", "rose", "3%", "in", "Cairo", ",", ".", " ", "  ", "\n",
    "\r\n", "\t", "\u201cquoted\u201d", "\u2018it\u2019s\u2019", "\u2014", "\u2013", "...", "\u2026", "caf\u00e9",
    "\u0645\u0634\u0627\u0631\u0643\u0629", "\u0627\u0644\u062d\u0643\u0648\u0645\u0629", "\u0642\u0627\u0644",
    "\u060c", "\u061f", "\u0640\u0640", "\u0661\u0662\u0663", "\u200f", "\u200e", "\u202e", "\u202c", "\u2066",
    "\u2069", "\u200b", "\u00ad", "\ufeff", "\u00a0", "\u0000", "\u0001", "\u0085", "\u009b",
    "\ud800", "!\udfff",  # lone surrogates, never a high one right before a low one (that is a pair)
    "&amp;", "&quot;", "Ã©", "â€™", "Share this article", "Read more", "\u0627\u0642\u0631\u0623 \u0623\u064a\u0636\u0627",
    "Advertisement", "\ufe8d", "\U0001f600",
]


def _record(rng: random.Random, index: int) -> dict:
    text = "".join(rng.choice(PIECES) + rng.choice(("", " ", "\n")) for _ in range(rng.randint(0, 24)))
    record = {"id": index, "text": text}
    if rng.random() < 0.3:
        record["meta"] = {"site": rng.choice(["a.example", "b.example"]), "score": rng.random()}
    return record


def _line(record: dict) -> bytes:
    # bilingua's own JSON form (compact, UTF-8), a lone surrogate as its escape.
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass") \
        .replace(b"\xed\xa0\x80", b"\\ud800").replace(b"\xed\xbf\xbf", b"\\udfff") + b"\n"


def _digest(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def test_restore_rebuilds_every_record_of_a_fuzzed_corpus(tmp_path):
    rng = random.Random(20240605)
    records = [_record(rng, index) for index in range(RECORDS)]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(map(_line, records)))
    cleaned, restored = tmp_path / "cleaned.jsonl", tmp_path / "restored.jsonl"

    result = run_cli("clean", source, "-o", cleaned, "--rejects", tmp_path / "clean-rejects.jsonl", "-q", "--jobs", "2")
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "clean-rejects.jsonl").read_bytes() == b""  # every record was cleaned
    result = run_cli("restore", cleaned, "-o", restored, "--rejects", tmp_path / "restore-rejects.jsonl", "-q")
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "restore-rejects.jsonl").read_bytes() == b""

    back = [json.loads(line) for line in restored.read_bytes().splitlines()]
    assert [_digest(record) for record in back] == [_digest(record) for record in records]
    assert restored.read_bytes() == source.read_bytes()
    assert sum(json.loads(line)["text"] != record["text"]
               for line, record in zip(cleaned.read_bytes().splitlines(), records)) > RECORDS // 2  # cleaning did work
