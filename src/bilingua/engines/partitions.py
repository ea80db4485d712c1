"""Cut a corpus into partitions that workers read and clean on their own.

A partition is one or more whole files in input order, or one byte range of
a large uncompressed JSONL file (cut where lines begin, see
:mod:`bilingua.io.ranges`). Small files are packed together so a corpus of
many small documents does not become as many tasks; large JSONL files are
cut so one big file still keeps every worker busy. Partitions in order hold
every record of the input once, in input order. Nothing here needs Dask.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator

from ..io import STDIN, Item, read_records
from ..io.compression import split_compression
from ..io.ranges import count_newlines, line_aligned_ranges
from ..io.readers import SNIFFED_BYTES, wide_encoding
from ..runner import Fields, Source, Summary

#: Formats whose files can be cut into line-aligned byte ranges: one record per line,
#: and nothing in a record depends on its line number.
SPLITTABLE_FORMATS = frozenset({"jsonl"})


@dataclass(frozen=True)
class Piece:
    """A file, or one byte range of it, with the path a worker opens (absolute) and the name records carry."""

    source: Source
    path: str
    byte_range: tuple[int, int] | None = None

    @property
    def size(self) -> int:
        if self.byte_range is None:
            return os.path.getsize(self.path)
        start, end = self.byte_range
        return end - start


@dataclass(frozen=True)
class Partition:
    """Pieces read one after the other by one task; a byte range is always a partition of its own."""

    pieces: tuple[Piece, ...]

    @property
    def byte_range(self) -> tuple[int, int] | None:
        """The byte range this partition is, if it is one."""
        return self.pieces[0].byte_range if len(self.pieces) == 1 else None


def _splittable(source: Source, path: str) -> bool:
    if source.format not in SPLITTABLE_FORMATS or split_compression(source.path)[1] is not None:
        return False
    with open(path, "rb") as stream:  # a UTF-16 or UTF-32 file is recoded as a whole: its newlines are not single bytes
        return wide_encoding(stream.read(SNIFFED_BYTES)) is None


def plan_partitions(sources: list[Source], target_bytes: int) -> list[Partition]:
    """Partitions of about ``target_bytes`` each, in input order."""
    if any(source.path == STDIN for source in sources):
        raise ValueError("standard input cannot be partitioned: workers read files")
    partitions: list[Partition] = []
    packed: list[Piece] = []
    packed_bytes = 0
    for source in sources:
        path = os.path.abspath(source.path)
        size = os.path.getsize(path)
        if size > target_bytes and _splittable(source, path):
            if packed:
                partitions.append(Partition(tuple(packed)))
                packed, packed_bytes = [], 0
            partitions += [Partition((Piece(source, path, span),)) for span in line_aligned_ranges(path, target_bytes)]
            continue
        packed.append(Piece(source, path))
        packed_bytes += size
        if packed_bytes >= target_bytes:
            partitions.append(Partition(tuple(packed)))
            packed, packed_bytes = [], 0
    if packed:
        partitions.append(Partition(tuple(packed)))
    return partitions


def read_partition(partition: Partition, fields: Fields, *, lines: bool, summary: Summary,
                   quoting: str = "csv") -> Iterator[Item]:
    """The items of a partition in order, named as the user named their files; line numbers of a
    byte range count from its start (:func:`newlines_in` tells how far the next range starts)."""
    for piece in partition.pieces:
        yield from read_records(piece.path, piece.source.format, text_field=fields.text, id_field=fields.id,
                                lines=lines, on_bytes=summary.add_bytes, name=piece.source.path,
                                byte_range=piece.byte_range, quoting=quoting)


def newlines_in(partition: Partition) -> int:
    """The lines a byte-range partition holds (0 for whole files): what the next range's line numbers start after."""
    span = partition.byte_range
    return 0 if span is None else count_newlines(partition.pieces[0].path, *span)
