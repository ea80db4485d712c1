"""Readers turn every bad record into a reject that says where and why, and go on."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from bilingua.io import JsonLine, Reject, read_records
from bilingua.io.jsonarray import JsonArrayError, iter_array_elements


def rejects_of(items):
    return [(line, record.kind) for _, line, record in items if isinstance(record, Reject)]


def test_jsonl_rejects_carry_their_line_numbers_and_reading_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"text": "good one"}\n'
        b'{"text": "cut\n'
        b"\n"
        b"[1, 2]\n"
        b'{"body": "no text field"}\n'
        b'{"text": 42}\n'
        b'{"text": null}\n'
        b'{"text": "caf\xe9"}\n'
        b'{"text": "last good"}\n'
    )
    items = list(read_records(str(path), "jsonl"))
    assert rejects_of(items) == [
        (2, "bad_json"),
        (4, "not_object"),
        (5, "missing_text"),
        (6, "text_not_string"),
        (7, "text_not_string"),
        (8, "undecodable"),
    ]
    good = [(line, record["text"]) for _, line, record in items if not isinstance(record, Reject)]
    assert good == [(1, "good one"), (9, "last good")]
    bad_json = items[1][2]
    assert bad_json.raw == '{"text": "cut' and "not valid JSON" in bad_json.reason
    assert items[-2][2].raw == '{"text": "caf\\xe9"}'


    unparsed = list(read_records(str(path), "jsonl", parse=False))
    assert [line for _, line, _ in unparsed] == [line for _, line, _ in items]
    assert unparsed[0][2] == JsonLine(b'{"text": "good one"}')
    assert [record.parse("text") for _, _, record in unparsed] == [record for _, _, record in items]
    assert [record.record() for _, _, record in unparsed][4:6] == [{"text": 42}, {"text": None}]


def test_only_jsonl_is_left_unparsed(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,text\n1,hello\n", "utf-8")
    assert list(read_records(str(path), "csv", parse=False)) == list(read_records(str(path), "csv"))


def test_csv_rejects_ragged_and_undecodable_rows(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(
        b'id,text\n'
        b'1,"multi\nline"\n'
        b"2,too,many\n"
        b"3,caf\xe9\n"
        b"4,fine\n"
    )
    items = list(read_records(str(path), "csv"))
    assert rejects_of(items) == [(4, "bad_row"), (5, "undecodable")]
    assert [(line, r["text"]) for _, line, r in items if not isinstance(r, Reject)] == [(2, "multi\nline"), (6, "fine")]
    assert items[2][2].raw == {"id": "3", "text": "caf\\xe9"}


def test_csv_without_the_text_column_rejects_each_row(tmp_path):
    path = tmp_path / "rows.tsv"
    path.write_text("id\tbody\n1\tx\n2\ty\n", encoding="utf-8")
    assert rejects_of(read_records(str(path), "tsv")) == [(2, "missing_text"), (3, "missing_text")]


def test_a_bad_element_of_a_json_array_is_one_reject(tmp_path):
    path = tmp_path / "array.json"
    path.write_text('[\n {"text": "a"},\n {"text": tru},\n "just a string",\n {"text": "d"}\n]\n')
    items = list(read_records(str(path), "json"))
    assert rejects_of(items) == [(3, "bad_json"), (4, "not_object")]
    assert [r["text"] for _, _, r in items if not isinstance(r, Reject)] == ["a", "d"]


def test_a_json_file_that_is_not_an_array_is_a_reject(tmp_path):
    path = tmp_path / "object.json"
    path.write_text('{"text": "a"}')
    assert rejects_of(read_records(str(path), "json")) == [(1, "bad_json")]


def test_a_cut_gzip_keeps_the_records_before_the_cut(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(b'{"text": "record %d"}\n' % i for i in range(2000)))
    path.write_bytes(data[: len(data) // 2])
    items = list(read_records(str(path), "jsonl"))
    *good, (_, line, last) = items
    assert good and all(not isinstance(record, Reject) for _, _, record in good)
    assert last.kind == "unreadable" and f"after line {line}" in last.reason


_RECORDS = b"".join(b'{"text": "record %d"}\n' % i for i in range(2000))


def _compressed(suffix: str, data: bytes) -> bytes:
    if suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        return zstandard.ZstdCompressor(write_checksum=True).compress(data)  # as the zstd tool writes it
    return gzip.compress(data)


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_cut_compressed_file_ends_with_an_unreadable_reject(tmp_path, suffix, keep):
    path = tmp_path / f"cut.jsonl{suffix}"
    data = _compressed(suffix, _RECORDS)
    path.write_bytes(data[: int(len(data) * keep)])
    *good, (_, line, last) = list(read_records(str(path), "jsonl"))
    assert all(not isinstance(record, Reject) for _, _, record in good)
    assert last.kind == "unreadable" and (suffix == ".gz" or "cut short" in last.reason)


def test_a_corrupt_zst_file_is_an_unreadable_reject(tmp_path):
    path = tmp_path / "bad.jsonl.zst"
    data = bytearray(_compressed(".zst", _RECORDS))
    data[len(data) // 2 : len(data) // 2 + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    *_, (_, _, last) = list(read_records(str(path), "jsonl"))
    assert last.kind == "unreadable" and "corrupt .zst data" in last.reason


def test_several_zst_frames_are_read_as_one_stream(tmp_path):
    path = tmp_path / "frames.jsonl.zst"
    half = len(_RECORDS) // 2 + _RECORDS[len(_RECORDS) // 2 :].index(b"\n") + 1
    path.write_bytes(_compressed(".zst", _RECORDS[:half]) + _compressed(".zst", _RECORDS[half:]))
    items = list(read_records(str(path), "jsonl"))
    assert len(items) == 2000 and not rejects_of(items)


@pytest.mark.parametrize("content", [b"junk\n", b"PAR1" + b"\0" * 40])
def test_a_file_that_is_not_parquet_is_an_unreadable_reject(tmp_path, content):
    pytest.importorskip("pyarrow")
    path = tmp_path / "not.parquet"
    path.write_bytes(content)
    assert rejects_of(read_records(str(path), "parquet")) == [(0, "unreadable")]


def test_a_parquet_row_with_different_values_under_a_repeated_column_is_rejected_whole(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="Parquet is the optional extra 'parquet'")
    import pyarrow.parquet as pq

    path = tmp_path / "twice.parquet"
    table = pa.table([pa.array(["1", "2"]), pa.array(["first", "same"]), pa.array(["second", "same"])],
                     names=["id", "text", "text"])
    pq.write_table(table, path)
    items = [record for _, _, record in read_records(str(path), "parquet")]
    assert isinstance(items[0], Reject) and items[0].kind == "duplicate_key"
    assert items[0].raw == [["id", "1"], ["text", "first"], ["text", "second"]]  # both values kept in the reject
    assert items[1] == {"id": "2", "text": "same"}  # equal values lose nothing


def test_a_missing_file_is_one_unreadable_reject(tmp_path):
    [(source, line, reject)] = read_records(str(tmp_path / "gone.jsonl"), "jsonl")
    assert (line, reject.kind) == (0, "unreadable")


def test_reading_streams_instead_of_loading_the_file(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "x" * 1000}).encode() + b"\n"
    path.write_bytes(line * 5000)
    read = []
    records = read_records(str(path), "jsonl", on_bytes=read.append)
    next(records)
    assert sum(read) < path.stat().st_size / 10
    records.close()


@pytest.mark.parametrize("chunk_size", [1, 3, 64, 1 << 20])
def test_array_elements_are_split_at_any_chunk_size(chunk_size):
    records = [{"id": i, "text": 'a "quoted" \\ [bracket] {brace}, comma\n' * (i % 3)} for i in range(50)]
    raw = json.dumps(records, indent=2).encode()
    elements = list(iter_array_elements(io.BytesIO(raw), chunk_size))
    assert [json.loads(element) for _, element in elements] == records
    lines = raw.split(b"\n")
    assert all(lines[line - 1].strip() == b"{" for line, _ in elements)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"[1, 2", "not closed"),
        (b"[1,]", "missing"),
        (b'["open', "string is not closed"),
        (b"[1] 2", "after the array"),
        (b"", "found no array"),
    ],
)
def test_broken_arrays_say_what_is_wrong(raw, message):
    with pytest.raises(JsonArrayError, match=message):
        list(iter_array_elements(io.BytesIO(raw), 2))
