"""Record formats and how a file name tells which one it holds."""

from __future__ import annotations

from pathlib import PurePath

from .compression import split_compression

#: Every format bilingua reads and writes.
FORMATS: tuple[str, ...] = ("txt", "jsonl", "json", "csv", "tsv", "parquet")

#: File suffix (after any compression suffix is taken off) -> format.
FORMAT_SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
}

#: Formats that are written as bytes no terminal can show.
BINARY_FORMATS: frozenset[str] = frozenset({"parquet"})


def format_of(name: str | PurePath) -> str | None:
    """The format a file name announces (``data.jsonl.gz`` -> ``"jsonl"``), or None."""
    base, _ = split_compression(name)
    return FORMAT_SUFFIXES.get(PurePath(base).suffix.lower())


def check_format(fmt: str) -> str:
    """Return ``fmt`` if bilingua knows it; otherwise raise a ValueError listing those it does."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt
