"""Load the bad-input cases (bad_input.jsonl, described in README.md) and build their input files."""

from __future__ import annotations

import gzip
import json
import os
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest

CASES_FILE = Path(__file__).with_name("bad_input.jsonl")


@dataclass
class BadInput:
    id: str
    about: str
    file: str
    parts: list[list[str]] = field(default_factory=list)
    make: str | None = None
    args: list[str] = field(default_factory=list)
    written: list[dict[str, Any]] | None = None
    written_count: int | None = None
    rejected: list[list[Any]] = field(default_factory=list)
    stderr: str | None = None
    unchanged: bool = False
    library: bool = False
    known_bug: str | None = None

    def content(self) -> bytes:
        """The input file's bytes, from ``parts``."""
        return b"".join(text.encode("latin-1" if encoding == "bytes" else encoding) for encoding, text in self.parts)

    def write(self, directory: Path) -> Path:
        """Write the input under ``directory``; return the path to give the command."""
        path = directory / self.file
        if self.make is not None:
            MAKERS[self.make](path)
        else:
            path.write_bytes(self.content())
        return path


def load_cases() -> list[BadInput]:
    with CASES_FILE.open(encoding="utf-8") as stream:
        return [BadInput(**json.loads(line)) for line in stream if line.strip()]


def params(cases: list[BadInput]) -> list[Any]:
    """pytest parameters, a known bug marked as a strict xfail so its fix is noticed."""
    return [pytest.param(case, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=case.known_bug)]
                         if case.known_bug else []) for case in cases]


def check_text(text: str, expected: dict[str, Any]) -> None:
    """A cleaned text against one ``written`` entry: exact ``text``, or pieces it ``has``."""
    if "text" in expected:
        assert text == expected["text"]
    for piece in expected.get("has", ()):
        assert piece in text


def _truncated_gzip(path: Path) -> None:
    # 50 whole lines, flushed, then a few bytes of the next ones: the cut falls inside line 51.
    rng = random.Random(0)
    lines = [json.dumps({"id": i, "text": rng.randbytes(40).hex()}).encode() + b"\n" for i in range(100)]
    compressor = zlib.compressobj(wbits=31)  # gzip container
    head = compressor.compress(b"".join(lines[:50])) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(b"".join(lines[50:])) + compressor.flush()
    path.write_bytes(head + tail[:10])
    assert gzip.decompress(head + tail)  # the whole stream was valid


def _unreadable(path: Path) -> None:
    path.write_bytes(b'{"text": "secret"}\n')
    path.chmod(0)


def _binary_directory(path: Path) -> None:
    path.mkdir()
    rng = random.Random(0)
    for name in ("a.bin", "b.jsonl", "c.txt"):
        (path / name).write_bytes(rng.randbytes(4000))


def _repeated_character(path: Path) -> None:
    path.write_bytes(b"a" * 5_000_000)


LONG_LINE = "The minister said on Monday that prices rose. "


def _long_single_line(path: Path) -> None:
    text = LONG_LINE * (50_000_000 // len(LONG_LINE))
    path.write_bytes(json.dumps({"id": 1, "text": text}).encode() + b"\n")


def _deep_json(path: Path) -> None:
    kept = '{"text": "deep", "n": ' + "[" * 500 + "]" * 500 + "}\n"
    too_deep = '{"text": "deeper", "n": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    path.write_text(kept + too_deep)


MAKERS: dict[str, Callable[[Path], None]] = {
    "truncated_gzip": _truncated_gzip,
    "unreadable": _unreadable,
    "binary_directory": _binary_directory,
    "repeated_character": _repeated_character,
    "long_single_line": _long_single_line,
    "deep_json": _deep_json,
}


def drops_permissions() -> list[str] | None:
    """A command prefix under which file permissions hold, or None if there is none.

    root reads every file; ``setpriv`` runs the command without that power.
    """
    if os.geteuid() != 0:
        return []
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if os.access(os.path.join(directory, "setpriv"), os.X_OK):
            return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    return None
