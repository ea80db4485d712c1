"""Byte ranges of a JSONL file: cut where lines begin, read on their own, every record once."""

from __future__ import annotations

import gzip

import pytest

from bilingua.io import Reject, read_records
from bilingua.io.ranges import count_newlines, line_aligned_ranges

LINES = [b'{"text": "short"}\n', b"\n", b'{"text": "' + b"long " * 40 + b'"}\n', b"{bad\n",
         b'{"text": "caf\xc3\xa9"}\n', b'{"text": "no newline at the end"}']


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"".join(LINES))
    return path


@pytest.mark.parametrize("size", [1, 7, 18, 19, 100, 10_000])
def test_ranges_cover_the_file_once_and_start_where_lines_start(corpus, size):
    data = corpus.read_bytes()
    ranges = line_aligned_ranges(str(corpus), size)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(end == next_start for (_, end), (next_start, _) in zip(ranges, ranges[1:]))
    assert all(start < end for start, end in ranges)
    line_starts = {0} | {index + 1 for index, byte in enumerate(data) if byte == ord("\n")}
    assert {start for start, _ in ranges} <= line_starts


def test_an_empty_file_has_no_range(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert line_aligned_ranges(str(tmp_path / "empty.jsonl"), 10) == []


def test_a_range_size_below_one_byte_is_refused(corpus):
    with pytest.raises(ValueError, match="at least one byte"):
        line_aligned_ranges(str(corpus), 0)


@pytest.mark.parametrize("size", [1, 19, 100])
def test_reading_every_range_gives_the_records_of_the_whole_file_with_their_line_numbers(corpus, size):
    whole = list(read_records(str(corpus), "jsonl"))
    pieces = []
    lines_before = 0
    for start, end in line_aligned_ranges(str(corpus), size):
        items = read_records(str(corpus), "jsonl", byte_range=(start, end))
        pieces += [(source, line + lines_before, record) for source, line, record in items]
        lines_before += count_newlines(str(corpus), start, end)
    assert pieces == whole
    assert [line for _, line, record in whole if isinstance(record, Reject)] == [4]


def test_count_newlines_counts_within_the_range_only(corpus):
    assert count_newlines(str(corpus), 0, len(LINES[0])) == 1
    assert count_newlines(str(corpus), 0, corpus.stat().st_size) == len(LINES) - 1


def test_a_compressed_file_cannot_be_read_by_range(tmp_path):
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(b"".join(LINES)))
    with pytest.raises(ValueError, match="cannot be read by byte range"):
        list(read_records(str(path), "jsonl", byte_range=(0, 10)))


def test_items_and_txt_ids_carry_the_given_name(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("Some text.")
    [(source, line, record)] = read_records(str(path.resolve()), "txt", name="corpus/doc.txt")
    assert (source, line, record["id"]) == ("corpus/doc.txt", 1, "corpus/doc.txt")
