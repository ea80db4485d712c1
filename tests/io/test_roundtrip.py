"""Every writer's output reads back as the same records, in every format and compression."""

from __future__ import annotations

import pytest

from bilingua.io import Output, make_writer, read_records, unflatten_record

from .matrix import COMPRESSIONS, RECORD_FORMATS

RECORDS = [
    {"id": "a-1", "text": "He said \u201chello\u201d.\nمشاركة :", "source": "web", "bilingua": {"lang": "en", "edits": [[0, 1, "x", ""]]}},
    {"id": "a-2", "text": "Line one\n\nLine two, with \"quotes\", commas\tand tabs", "source": "", "bilingua": {"lang": "ar", "edits": []}},
    {"id": "a-3", "text": "", "source": "print", "bilingua": {"lang": "und", "edits": []}},
]


def write_records(path, fmt, records, **options):
    with Output(str(path)) as output:
        writer = make_writer(fmt, output.stream, **options)
        for record in records:
            writer.write(record)
        writer.close()
        output.commit()


@pytest.mark.parametrize("compression", COMPRESSIONS)
@pytest.mark.parametrize("fmt", RECORD_FORMATS)
def test_records_survive_write_and_read(tmp_path, fmt, compression):
    path = tmp_path / f"corpus.{fmt}{compression}"
    write_records(path, fmt, RECORDS)
    items = list(read_records(str(path), fmt))
    assert [(source, line) for source, line, _ in items][0][0] == str(path)
    got = [unflatten_record(record) for _, _, record in items]
    assert got == RECORDS


@pytest.mark.parametrize("fmt", RECORD_FORMATS)
def test_metadata_holding_a_lone_surrogate_survives_write_and_read(tmp_path, fmt):
    # The text came in with "\ud800" (a JSON escape); the edits keep it for restore().
    record = {"id": "s", "text": "x \ufffd y", "bilingua": {"lang": "en", "edits": [[2, 3, "\ud800", "\ufffd"]]}}
    path = tmp_path / f"surrogate.{fmt}"
    write_records(path, fmt, [record])
    [(_, _, got)] = list(read_records(str(path), fmt))
    assert unflatten_record(got) == record


@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_txt_lines_survive_write_and_read(tmp_path, compression):
    path = tmp_path / f"lines.txt{compression}"
    texts = ["first document", "", "third, with trailing space "]
    write_records(path, "txt", [{"text": t} for t in texts], one_per_line=True)
    items = list(read_records(str(path), "txt", lines=True))
    assert [record["text"] for _, _, record in items] == [t.encode() for t in texts]
    assert [line for _, line, _ in items] == [1, 2, 3]
    assert items[1][2]["id"] == f"{path}:2"


def test_txt_documents_are_separated_by_a_blank_line_and_not_terminated(tmp_path):
    path = tmp_path / "out.txt"
    write_records(path, "txt", [{"text": "one\ntwo"}, {"text": "three"}])
    assert path.read_bytes() == b"one\ntwo\n\nthree"


def test_a_txt_file_is_one_document_with_its_path_as_id(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nBody \xe3\xd4\xc7\xd1\xdf\xc9\n")
    [(source, line, record)] = read_records(str(path), "txt", id_field="doc")
    assert (source, line) == (str(path), 1)
    assert record == {"doc": str(path), "text": path.read_bytes()}


def test_json_array_output_is_valid_when_empty(tmp_path):
    path = tmp_path / "empty.json"
    write_records(path, "json", [])
    assert path.read_bytes() == b"[]\n"
    assert list(read_records(str(path), "json")) == []


def test_same_records_give_the_same_compressed_bytes(tmp_path):
    first, second = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    write_records(first, "jsonl", RECORDS)
    write_records(second, "jsonl", RECORDS)
    assert first.read_bytes() == second.read_bytes()
