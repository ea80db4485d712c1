"""The format and compression matrix every io and cli test runs over; optional parts skip with the reason."""

from __future__ import annotations

import importlib.util

import pytest

HAS_ZSTD = importlib.util.find_spec("zstandard") is not None
HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None

#: Every compression suffix, the optional one skipped (with the reason) when absent.
COMPRESSIONS = [
    "",
    ".gz",
    ".bz2",
    ".xz",
    pytest.param(".zst", marks=pytest.mark.skipif(not HAS_ZSTD, reason="zstandard is not installed")),
]

#: Every record format, parquet skipped (with the reason) without the extra.
RECORD_FORMATS = [
    "jsonl",
    "json",
    "csv",
    "tsv",
    pytest.param("parquet", marks=pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow (extra 'parquet') is not installed")),
]

#: The same, only what this machine can run, for tests that build one corpus of every kind.
AVAILABLE_COMPRESSIONS = ["", ".gz", ".bz2", ".xz"] + ([".zst"] if HAS_ZSTD else [])
AVAILABLE_RECORD_FORMATS = ["jsonl", "json", "csv", "tsv"] + (["parquet"] if HAS_PYARROW else [])
