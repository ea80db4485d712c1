"""Stream records out of corpus files, one at a time.

Every reader yields ``(source, line_no, record_or_reject)``: ``record`` is
the input record as a dict whose text field holds a ``str`` (or ``bytes``
for plain-text files, so the library decodes them and reports the
encoding); anything that cannot become such a record is a :class:`Reject`
saying why, so a caller can account for every record it was given. Nothing
here knows about cleaning or the command line.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, BinaryIO, Callable, Iterator

import orjson

from .compression import (
    DECOMPRESSION_ERRORS,
    CountingReader,
    decompressing_reader,
    sniff_compression,
    split_compression,
)
from .jsonarray import JsonArrayError, iter_array_elements
from .records import printable

# An article is often longer than the csv module's default field limit (128 KiB).
csv.field_size_limit(2**31 - 1)

STDIN = "-"
#: How standard input is named in records and rejects.
STDIN_NAME = "<stdin>"


@dataclass(frozen=True, slots=True)
class Reject:
    """An input record that cannot be cleaned: ``kind`` is a stable code, ``reason`` says why."""

    kind: str
    reason: str
    raw: Any


Item = tuple[str, int, "dict[str, Any] | Reject"]
ByteCallback = Callable[[int], None]


def source_name(source: str) -> str:
    """The name a source has in records and rejects."""
    return STDIN_NAME if source == STDIN else source


def check_text(record: dict[str, Any], text_field: str) -> dict[str, Any] | Reject:
    """The record if its text field holds text, else a reject naming the problem."""
    if text_field not in record:
        return Reject("missing_text", f"the record has no field {text_field!r}", record)
    value = record[text_field]
    if not isinstance(value, (str, bytes)):
        kind = "null" if value is None else type(value).__name__
        return Reject("text_not_string", f"field {text_field!r} is {kind}, not a string", record)
    return record


#: Twenty digits or more: an integer orjson may not hold exactly.
_LONG_INTEGER = re.compile(rb"[0-9]{20,}")


def _holds_float(value: Any) -> bool:
    """Whether a parsed JSON value holds a float anywhere (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _parse_json(raw: bytes, text_field: str) -> dict[str, Any] | Reject:
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            return Reject("undecodable", "the line is not valid UTF-8", printable(raw))
        try:
            # Valid JSON orjson refuses: escapes of lone surrogates ("\ud800"),
            # which scraped text does hold. The library cleans them (U+FFFD).
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            return Reject("bad_json", f"not valid JSON: {exc}", printable(raw))
    else:
        if _LONG_INTEGER.search(raw) and _holds_float(value):
            # orjson reads an integer beyond 64 bits as a float, silently;
            # the record must be kept as it was, so read it exactly.
            value = json.loads(raw)
    if not isinstance(value, dict):
        return Reject("not_object", f"a JSON {type(value).__name__} is not a record (an object)", value)
    return check_text(value, text_field)


@contextlib.contextmanager
def open_source(source: str, on_bytes: ByteCallback | None = None) -> Iterator[BinaryIO]:
    """A binary stream of the decompressed bytes of a file, or of stdin for ``"-"``."""
    if source == STDIN:
        raw: BinaryIO = os.fdopen(sys.stdin.fileno(), "rb", buffering=0, closefd=False)
        compression = None
    else:
        raw = open(source, "rb", buffering=0)  # noqa: SIM115 (closed below)
        compression = split_compression(source)[1]
    with contextlib.ExitStack() as stack:
        stack.callback(raw.close)
        if on_bytes is not None:
            raw = CountingReader(raw, on_bytes)
        buffered = io.BufferedReader(raw, buffer_size=1 << 16)
        if source == STDIN:
            compression = sniff_compression(buffered)
        stream = decompressing_reader(buffered, compression)
        stack.callback(stream.close)
        yield stream


def _txt_document(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    yield name, 1, {id_field: name, text_field: stream.read()}


def _txt_lines(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    for line_no, line in enumerate(stream, 1):
        text = line[:-2] if line.endswith(b"\r\n") else line.rstrip(b"\n")
        yield name, line_no, {id_field: f"{name}:{line_no}", text_field: text}


def _jsonl(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    for line_no, line in enumerate(stream, 1):
        if line.strip():
            yield name, line_no, _parse_json(line.rstrip(b"\r\n"), text_field)


def _json_array(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    try:
        for line_no, element in iter_array_elements(stream):
            yield name, line_no, _parse_json(element, text_field)
    except JsonArrayError as exc:
        yield name, exc.line, Reject("bad_json", f"not a JSON array: {exc}", printable(exc.rest))


def _csv_rows(stream: BinaryIO, name: str, text_field: str, delimiter: str) -> Iterator[Item]:
    # surrogateescape keeps undecodable bytes visible, so one bad row is one reject.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    rows = csv.reader(text, delimiter=delimiter)
    label = "TSV" if delimiter == "\t" else "CSV"
    header: list[str] | None = None
    while True:
        line_no = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield name, line_no, Reject("bad_row", f"malformed {label}: {exc}", None)
            continue
        if not row:
            continue
        if header is None:
            header = row
            continue
        if any(_has_escapes(value) for value in row):
            fixed = [value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") for value in row]
            yield name, line_no, Reject("undecodable", "the row is not valid UTF-8", dict(zip(header, fixed)))
        elif len(row) != len(header):
            yield name, line_no, Reject(
                "bad_row", f"the row has {len(row)} fields, the header {len(header)}", row
            )
        else:
            yield name, line_no, check_text(dict(zip(header, row)), text_field)


def _has_escapes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _csv(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    return _csv_rows(stream, name, text_field, ",")


def _tsv(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    return _csv_rows(stream, name, text_field, "\t")


def _parquet(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    from .parquet import iter_parquet_rows

    for row_no, row in iter_parquet_rows(stream):
        yield name, row_no, check_text(row, text_field)


_READERS = {
    "txt": _txt_document,
    "jsonl": _jsonl,
    "json": _json_array,
    "csv": _csv,
    "tsv": _tsv,
    "parquet": _parquet,
}


def read_records(
    source: str,
    fmt: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    lines: bool = False,
    on_bytes: ByteCallback | None = None,
) -> Iterator[Item]:
    """Yield ``(source, line_no, record_or_reject)`` for every record of one source.

    ``source`` is a path or ``"-"`` for stdin; ``fmt`` one of
    :data:`~bilingua.io.formats.FORMATS`; ``lines`` makes a ``txt`` source
    one document per line. A file that cannot be read, or stops being
    readable part-way (a cut ``.gz``), ends with one reject of kind
    ``unreadable``; the records before it stand.
    """
    name = source_name(source)
    reader = _txt_lines if fmt == "txt" and lines else _READERS[fmt]
    line_no = 0
    try:
        with open_source(source, on_bytes) as stream:
            for item in reader(stream, name, text_field, id_field):
                line_no = item[1]
                yield item
    except DECOMPRESSION_ERRORS as exc:
        where = f"after line {line_no}" if line_no else "at the start"
        yield name, line_no, Reject("unreadable", f"cannot read {name} {where}: {exc}", None)
