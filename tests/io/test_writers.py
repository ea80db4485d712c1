"""Writers: flat tables, records that do not fit, and outputs that appear whole or not at all."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import stat
from pathlib import Path

import pytest

from bilingua.io import (
    Output,
    OutputError,
    UnwritableRecord,
    check_output_path,
    flatten_record,
    make_writer,
    unflatten_record,
)
from bilingua.io import output as output_module

from .matrix import HAS_PYARROW


def test_metadata_is_flattened_into_prefixed_columns_and_back():
    record = {"id": 1, "text": "t", "tags": ["a"], "bilingua": {"lang": "en", "stats": {"chars_in": 3}, "removed": []}}
    flat = flatten_record(record)
    assert flat == {
        "id": 1,
        "text": "t",
        "tags": '["a"]',
        "bilingua.lang": "en",
        "bilingua.stats": '{"chars_in":3}',
        "bilingua.removed": "[]",
    }
    assert unflatten_record(flat)["bilingua"] == record["bilingua"]


def test_csv_refuses_a_column_the_first_record_did_not_have_and_writes_nothing_of_it():
    stream = io.BytesIO()
    writer = make_writer("csv", stream)
    writer.write({"id": 1, "text": "a", "ok": True, "none": None})
    with pytest.raises(UnwritableRecord, match="'extra'"):
        writer.write({"id": 2, "text": "b", "extra": 1})
    writer.write({"text": "c"})
    writer.close()
    assert stream.getvalue() == b"id,text,ok,none\n1,a,true,\n,c,,\n"


def test_json_writes_a_lone_surrogate_as_its_escape():
    # restore() must give back the input's "\ud800": the escape keeps it.
    out = io.BytesIO()
    writer = make_writer("jsonl", out)
    writer.write({"text": "a\ud800b"})
    writer.close()
    assert json.loads(out.getvalue()) == {"text": "a\ud800b"}


def test_json_with_a_lone_surrogate_keeps_the_compact_utf8_form():
    # Only the surrogate is escaped, so the line has the form of every other
    # line bilingua writes and a restored file can match its input byte for byte.
    out = io.BytesIO()
    writer = make_writer("jsonl", out)
    writer.write({"id": 12345678901234567890123, "text": "caf\u00e9 \ud800 \u0645", "n": 1.5})
    assert out.getvalue() == '{"id":12345678901234567890123,"text":"caf\u00e9 \\ud800 \u0645","n":1.5}\n'.encode()


def test_json_refuses_values_json_has_no_type_for():
    writer = make_writer("jsonl", io.BytesIO())
    with pytest.raises(UnwritableRecord):
        writer.write({"text": "x", "tags": {1, 2}})


@pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow (extra 'parquet') is not installed")
def test_parquet_refuses_a_value_of_another_type_than_its_column(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "out.parquet"
    with Output(str(path)) as output:
        writer = make_writer("parquet", output.stream)
        writer.write({"text": "a", "year": None, "score": 1.5})
        writer.write({"text": "b", "year": 2020, "score": 2})
        with pytest.raises(UnwritableRecord, match="'year'"):
            writer.write({"text": "c", "year": "2021", "score": 1.0})
        writer.close()
        output.commit()
    assert pq.read_table(path).to_pylist() == [
        {"text": "a", "year": None, "score": 1.5},
        {"text": "b", "year": 2020, "score": 2.0},
    ]


def test_an_output_appears_only_when_committed(tmp_path):
    path = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), Output(str(path)) as output:
        output.stream.write(b"half")
        raise RuntimeError("crash")
    assert list(tmp_path.iterdir()) == []
    with Output(str(path)) as output:
        output.stream.write(b"whole\n")
        assert path.exists() is False and [p.name for p in tmp_path.iterdir()] == ["out.jsonl.bilingua-part"]
        output.commit()
    assert path.read_bytes() == b"whole\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_output_path_checks(tmp_path):
    existing = tmp_path / "in.jsonl"
    existing.write_text("{}\n")
    with pytest.raises(OutputError, match="also an input"):
        check_output_path(str(existing), [str(existing)], force=True)
    with pytest.raises(OutputError, match="--force"):
        check_output_path(str(existing), [])
    check_output_path(str(existing), [], force=True)
    with pytest.raises(OutputError, match="does not exist"):
        check_output_path(str(tmp_path / "nowhere" / "out.jsonl"))
    with pytest.raises(OutputError, match="directory"):
        check_output_path(str(tmp_path))
    check_output_path(str(Path(tmp_path) / "new.jsonl"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_device_or_pipe_is_never_replaced_by_the_output(tmp_path):
    pipe = tmp_path / "out.jsonl"
    os.mkfifo(pipe)
    for target in (str(pipe), os.devnull):
        with pytest.raises(OutputError, match="not a regular file"):
            check_output_path(target, [], force=True)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode) and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_one_output_is_written_by_one_run_at_a_time(tmp_path):
    path = str(tmp_path / "out.jsonl")
    with Output(path) as first:
        first.stream.write(b"first\n")
        with pytest.raises(OutputError, match="another run is writing"):
            Output(path)
        first.commit()
    assert (tmp_path / "out.jsonl").read_bytes() == b"first\n"


def test_a_part_file_left_behind_is_refused_without_force(tmp_path):
    path = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.bilingua-part").write_bytes(b"half")
    with pytest.raises(OutputError, match="out.jsonl.bilingua-part was left by a run that did not finish"):
        check_output_path(str(path))
    check_output_path(str(path), force=True)
    with Output(str(path)) as output:
        output.stream.write(b"whole\n")
        output.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"] and path.read_bytes() == b"whole\n"


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out.jsonl.bz2", "out.jsonl.xz"])
def test_a_segmented_output_resumed_from_a_checkpoint_is_the_same_file(tmp_path, monkeypatch, name):
    monkeypatch.setattr(output_module, "SEGMENT_BYTES", 1000)
    chunks = [bytes([65 + i % 26]) * 70 + b"\n" + os.urandom(300).hex().encode() for i in range(40)]

    whole = tmp_path / "whole" / name
    whole.parent.mkdir()
    with Output(str(whole), segmented=True) as output:
        for chunk in chunks:
            output.stream.write(chunk)
        output.commit()

    path = tmp_path / name
    output = Output(str(path), segmented=True)
    for chunk in chunks[:25]:
        output.stream.write(chunk)
    checkpoint = output.stream.checkpoint()
    for chunk in chunks[25:31]:  # written after the checkpoint, then the run is killed
        output.stream.write(chunk)
    output.stream.flush()
    del output
    with Output(str(path), segmented=True, resume=json.loads(json.dumps(checkpoint))) as resumed:
        for chunk in chunks[25:]:
            resumed.stream.write(chunk)
        resumed.commit()
    assert path.read_bytes() == whole.read_bytes()
    opener = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}.get(path.suffix, open)
    with opener(path, "rb") as stream:
        assert stream.read() == b"".join(chunks)


def test_a_writer_carries_its_state_over_to_a_resumed_run():
    first, second = io.BytesIO(), io.BytesIO()
    writer = make_writer("csv", first)
    writer.write({"id": 1, "text": "a"})
    resumed = make_writer("csv", second)
    resumed.resume(json.loads(json.dumps(writer.state())))
    resumed.write({"id": 2, "text": "b"})
    with pytest.raises(UnwritableRecord):
        resumed.write({"id": 3, "other": "c"})
    assert first.getvalue() + second.getvalue() == b"id,text\n1,a\n2,b\n"


WRITTEN_RECORDS = [{"id": 1, "text": "one"}, {"id": 2, "text": "two\nlines"}, {"id": 3, "text": "three"}]


@pytest.mark.parametrize(("fmt", "one_per_line"), [("jsonl", False), ("json", False), ("txt", False), ("txt", True)])
@pytest.mark.parametrize("cuts", [(), (0,), (1,), (1, 1), (0, 2, 3), (1, 2), (3, 3)])
def test_parts_written_by_fresh_writers_join_into_what_one_writer_writes(fmt, one_per_line, cuts):
    def written(records, *, close):
        stream = io.BytesIO()
        writer = make_writer(fmt, stream, one_per_line=one_per_line)
        for record in records:
            writer.write(record)
        if close:
            writer.close()
        return stream.getvalue()

    bounds = [0, *cuts, len(WRITTEN_RECORDS)]
    joined = io.BytesIO()
    writer = make_writer(fmt, joined, one_per_line=one_per_line)
    for start, end in zip(bounds, bounds[1:]):
        part = WRITTEN_RECORDS[start:end]
        writer.write_part(written(part, close=False), len(part))
    writer.close()
    assert joined.getvalue() == written(WRITTEN_RECORDS, close=True)


@pytest.mark.parametrize(("fmt", "one_per_line", "expected"), [
    ("json", False, b'[\n{"id":1,"text":"one"},\n{"id":2,"text":"two"}\n]\n'),
    ("txt", False, b"one\n\ntwo"),
    ("txt", True, b"one\ntwo\n"),
])
def test_joined_parts_are_the_format(fmt, one_per_line, expected):
    stream = io.BytesIO()
    writer = make_writer(fmt, stream, one_per_line=one_per_line)
    for record in ({"id": 1, "text": "one"}, {"id": 2, "text": "two"}):
        part = io.BytesIO()
        make_writer(fmt, part, one_per_line=one_per_line).write(record)
        writer.write_part(part.getvalue(), 1)
    writer.write_part(b"", 0)
    writer.close()
    assert stream.getvalue() == expected
