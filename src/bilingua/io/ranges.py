"""Byte ranges of a line-oriented file, cut where lines begin, so each can be read on its own.

A large JSONL file is cut into ranges so several workers can read it at
once. Every range starts at the start of the file or just after a newline
and ends where the next one starts, so no line is split and the ranges
together hold every byte once. Line numbers inside a range count from 1;
:func:`count_newlines` tells how many lines a range holds, so whoever puts
the ranges back together can give every line its number in the file.
"""

from __future__ import annotations

import io
from typing import BinaryIO

_SCAN_BYTES = 1 << 20


def line_aligned_ranges(path: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of about ``size`` bytes covering the file, each ending after a newline (or at EOF)."""
    if size < 1:
        raise ValueError(f"a range must hold at least one byte, not {size}")
    ranges = []
    with open(path, "rb") as stream:
        total = stream.seek(0, io.SEEK_END)
        start = 0
        while start < total:
            end = _line_start_at_or_after(stream, start + size, total)
            ranges.append((start, end))
            start = end
    return ranges


def _line_start_at_or_after(stream: BinaryIO, offset: int, total: int) -> int:
    """The first offset >= ``offset`` where a line begins, or ``total``."""
    if offset >= total:
        return total
    stream.seek(offset - 1)
    while chunk := stream.read(_SCAN_BYTES):
        newline = chunk.find(b"\n")
        if newline >= 0:
            return stream.tell() - len(chunk) + newline + 1
    return total


def count_newlines(path: str, start: int, end: int) -> int:
    """How many newline bytes ``path`` holds in ``[start, end)``: the number of lines a line-aligned range ends."""
    count = 0
    with open(path, "rb") as stream:
        stream.seek(start)
        left = end - start
        while left > 0 and (chunk := stream.read(min(left, _SCAN_BYTES))):
            count += chunk.count(b"\n")
            left -= len(chunk)
    return count


class RangeReader(io.RawIOBase):
    """The bytes of a file from ``start`` up to (not including) ``end``, as a raw stream."""

    def __init__(self, raw: BinaryIO, start: int, end: int) -> None:
        super().__init__()
        self._raw = raw
        self._raw.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 (any writable buffer)
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: self._left]
        count = self._raw.readinto(view)
        self._left -= count or 0
        return count

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()
