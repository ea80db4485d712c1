"""Run the installed ``bilingua`` command, and write corpus files with the standard library only.

The corpus writers do not use ``bilingua.io``, so a CLI test does not take
its inputs from the code it tests.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import os
import shutil
import subprocess
from pathlib import Path

#: Inputs whose cleaning the policy fixes, and what it gives.
ENGLISH = "The minister said on Monday that the \u201cnew budget\u201d would cut taxes.\n\u0645\u0634\u0627\u0631\u0643\u0629 :"
ENGLISH_CLEAN = 'The minister said on Monday that the "new budget" would cut taxes.'
FURNITURE = "Share this article\nPrices rose on Monday, the bank said."
FURNITURE_CLEAN = "Prices rose on Monday, the bank said."
ARABIC = "\u0642\u0627\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 \u0625\u0646 \u0627\u0644\u062d\u0643\u0648\u0645\u0629 \u0633\u062a\u0639\u0645\u0644 \u0639\u0644\u0649 \u062a\u062d\u0633\u064a\u0646 \u0627\u0644\u0627\u0642\u062a\u0635\u0627\u062f \u0627\u0644\u0648\u0637\u0646\u064a \u0641\u064a \u0627\u0644\u0639\u0627\u0645 \u0627\u0644\u0645\u0642\u0628\u0644."

REPO = Path(__file__).resolve().parents[2]


def bilingua_command() -> str:
    command = shutil.which("bilingua")
    assert command, "the bilingua command is not installed: pip install -e ."
    return command


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``bilingua ARGS`` as a user would; stdout and stderr are pipes (no progress bar).

    ``env`` adds variables to this process's environment.
    """
    return subprocess.run([bilingua_command(), *map(str, args)], input=stdin if stdin is not None else b"",
                          capture_output=True, cwd=cwd, timeout=120, env={**os.environ, **(env or {})})


def compress(data: bytes, suffix: str) -> bytes:
    if suffix == ".gz":
        return gzip.compress(data)
    if suffix == ".bz2":
        return bz2.compress(data)
    if suffix == ".xz":
        return lzma.compress(data)
    if suffix == ".zst":
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    return data


def encode_records(fmt: str, records: list[dict]) -> bytes:
    """Records as the bytes of a ``fmt`` file."""
    if fmt in ("jsonl", "ndjson"):
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1).encode()
    if fmt in ("csv", "tsv"):
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=list(records[0]), delimiter="\t" if fmt == "tsv" else ",")
        writer.writeheader()
        writer.writerows(records)
        return text.getvalue().encode()
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        sink = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(records), sink)
        return sink.getvalue()
    raise ValueError(fmt)


def write_corpus(path: Path, records: list[dict]) -> Path:
    """Write ``records`` to ``path``, format and compression by its suffixes."""
    suffixes = path.suffixes
    compression = suffixes[-1] if suffixes[-1] in (".gz", ".bz2", ".xz", ".zst") else ""
    fmt = (suffixes[-2] if compression else suffixes[-1]).lstrip(".")
    path.write_bytes(compress(encode_records(fmt, records), compression))
    return path


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
