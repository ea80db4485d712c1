"""Partitions: small files packed in order, large plain JSONL files cut into line-aligned ranges."""

from __future__ import annotations

import gzip

import pytest

from bilingua.engines.partitions import newlines_in, plan_partitions, read_partition
from bilingua.runner import Fields, Source, Summary


def jsonl_bytes(count: int) -> bytes:
    return b"".join(b'{"id": %d, "text": "record %d"}\n' % (i, i) for i in range(count))


def test_small_files_are_packed_in_order_and_a_large_jsonl_file_is_cut(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 40)
    (tmp_path / "b.txt").write_bytes(b"y" * 40)
    (tmp_path / "big.jsonl").write_bytes(jsonl_bytes(20))
    (tmp_path / "big.jsonl.gz").write_bytes(gzip.compress(jsonl_bytes(200), compresslevel=0))
    (tmp_path / "c.txt").write_bytes(b"z" * 10)
    names = ["a.txt", "b.txt", "big.jsonl", "big.jsonl.gz", "c.txt"]
    sources = [Source(str(tmp_path / name), "txt" if name.endswith("txt") else "jsonl") for name in names]
    partitions = plan_partitions(sources, target_bytes=100)
    shapes = [[(piece.source.path.rsplit("/", 1)[1], piece.byte_range is not None) for piece in p.pieces]
              for p in partitions]
    ranges = [p.byte_range for p in partitions if p.byte_range]
    cut = len(ranges)
    assert cut == len(shapes) - 3 and cut >= 4
    assert shapes[0] == [("a.txt", False), ("b.txt", False)]
    assert shapes[1:1 + cut] == [[("big.jsonl", True)]] * cut
    assert shapes[1 + cut:] == [[("big.jsonl.gz", False)], [("c.txt", False)]]
    assert ranges[0][0] == 0 and ranges[-1][1] == (tmp_path / "big.jsonl").stat().st_size


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_utf16_jsonl_file_is_not_cut(tmp_path, encoding):
    path = tmp_path / "wide.jsonl"
    path.write_bytes(jsonl_bytes(20).decode().encode(encoding))  # with a byte order mark and without
    assert [p.byte_range for p in plan_partitions([Source(str(path), "jsonl")], target_bytes=64)] == [None]


def test_reading_the_ranges_gives_every_record_once_in_order(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(jsonl_bytes(50))
    records, lines = [], 0
    for partition in plan_partitions([Source(str(path), "jsonl")], target_bytes=64):
        summary = Summary()
        items = list(read_partition(partition, Fields(), lines=False, summary=summary))
        assert {source for source, _, _ in items} == {str(path)}
        assert summary.bytes_read == partition.pieces[0].size
        records += [(line + lines, record["id"]) for _, line, record in items]
        lines += newlines_in(partition)
    assert records == [(i + 1, i) for i in range(50)]


def test_standard_input_cannot_be_partitioned():
    with pytest.raises(ValueError, match="standard input"):
        plan_partitions([Source("-", "txt")], target_bytes=100)
