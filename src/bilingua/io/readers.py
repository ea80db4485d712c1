"""Stream records out of corpus files, one at a time.

Every reader yields ``(source, line_no, record_or_reject)``: ``record`` is
the input record as a dict whose text field holds a ``str`` (or ``bytes``
for plain-text files, so the library decodes them and reports the
encoding); anything that cannot become such a record is a :class:`Reject`
saying why, so a caller can account for every record it was given. A
JSONL line can also be left unparsed, as a :class:`JsonLine`, for the
process that cleans it to parse. Nothing here knows about cleaning or the
command line.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
import json
import math
import os
import re
import sys
from typing import Any, BinaryIO, Callable, Iterator, NamedTuple

import orjson

from ..stages.decode import utf16_without_bom
from .compression import (
    DECOMPRESSION_ERRORS,
    CountingReader,
    decompressing_reader,
    sniff_compression,
    split_compression,
)
from .jsonarray import JsonArrayError, iter_array_elements
from .ranges import RangeReader
from .records import printable

# An article is often longer than the csv module's default field limit (128 KiB).
csv.field_size_limit(2**31 - 1)

STDIN = "-"
#: How standard input is named in records and rejects.
STDIN_NAME = "<stdin>"


class Reject(NamedTuple):
    """An input record that cannot be cleaned: ``kind`` is a stable code, ``reason`` says why."""

    kind: str
    reason: str
    raw: Any


class JsonLine(NamedTuple):
    """A JSONL line read but not parsed yet; :meth:`parse` gives its record or reject.

    The runner sends JSONL lines to its worker processes unparsed: parsed
    there, they cost the main process, which reads for every worker, no
    more than splitting the file into lines, and they cross between
    processes as bytes rather than as records.
    """

    raw: bytes

    def parse(self, text_field: str) -> dict[str, Any] | Reject:
        """The record the line holds, or a reject saying why it holds none (checked as the JSONL reader does)."""
        return _parse_json(self.raw, text_field)

    def record(self) -> dict[str, Any] | Reject:
        """The JSON object the line holds, whatever its fields, or a reject saying why it holds none."""
        return _parse_object(self.raw)


Item = tuple[str, int, "dict[str, Any] | Reject | JsonLine"]
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


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


class _BeyondFloat(ValueError):
    """A JSON number beyond a float's range (``1e400``): it would be written back as null."""


def _finite_float(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        raise _BeyondFloat(f"the number {literal} is beyond the range of a float")
    return value


def _parse_json(raw: bytes, text_field: str) -> dict[str, Any] | Reject:
    parsed = _parse_object(raw)
    return parsed if isinstance(parsed, Reject) else check_text(parsed, text_field)


#: What ends a key of a JSON object: its closing quote, then the colon.
_KEY_END = re.compile(rb'"[ \t\r\n]*:')


class _DuplicateKey(ValueError):
    """A record names a field twice: a parser keeps one value, the other would be lost without a trace."""


def _keys_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's pairs as a dict; :class:`_DuplicateKey` if a key repeats."""
    value = dict(pairs)
    if len(value) < len(pairs):
        twice = _repeated_name([key for key, _ in pairs])
        raise _DuplicateKey(f"the key {twice!r} appears twice in one object, and only one of its values "
                            "could be kept; rename or remove one of them")
    return value


def _repeated_name(names: list[str]) -> str:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    raise ValueError("no name repeats")


def _key_count(value: Any) -> int:
    """How many keys the objects of a parsed JSON value hold in all (walked without recursion)."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            count += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _may_repeat_a_key(raw: bytes, value: Any) -> bool:
    """Whether the line may name a key twice: it holds more key ends than the parsed value has keys.

    Every key is followed by a quote and a colon, so fewer of them than keys
    rules a repeated key out; a string holding '":' only sends the line to
    the exact test.
    """
    ends = len(_KEY_END.findall(raw))
    return ends > len(value) and ends > _key_count(value)


def _parse_object(raw: bytes) -> dict[str, Any] | Reject:
    if raw.startswith(codecs.BOM_UTF8):  # left by Windows tools, at the head of a file or of each part joined
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        value = orjson.loads(raw)
        if isinstance(value, dict) and _may_repeat_a_key(raw, value):
            # orjson keeps a repeated key's last value: read exactly, to refuse it.
            value = json.loads(raw, object_pairs_hook=_keys_once)
    except _DuplicateKey as error:
        return Reject("duplicate_key", str(error), printable(raw))
    except RecursionError:  # orjson reads 1,024 levels, the exact parser fewer
        return Reject("bad_json", "not valid JSON: nesting deeper than 1,000 levels", printable(raw))
    except orjson.JSONDecodeError as exc:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return Reject("undecodable", f"the line is not valid UTF-8 (byte 0x{raw[error.start]:02x} at byte "
                                         f"{error.start + 1}); JSON must be UTF-8", printable(raw))
        try:
            # Valid JSON orjson refuses: escapes of lone surrogates ("\ud800"),
            # which scraped text does hold. The library cleans them (U+FFFD).
            # NaN and Infinity, which the standard library would take, are not JSON.
            value = json.loads(line, parse_constant=_refuse_constant, parse_float=_finite_float,
                               object_pairs_hook=_keys_once)
        except _BeyondFloat as error:
            return Reject("bad_json", str(error), printable(raw))
        except _DuplicateKey as error:
            return Reject("duplicate_key", str(error), printable(raw))
        except (ValueError, RecursionError):
            return Reject("bad_json", f"not valid JSON: {exc}", printable(raw))
    else:
        if _holds_float(value) and _LONG_INTEGER.search(raw):  # the walk is cheap, the scan of the line is not
            # orjson reads an integer beyond 64 bits as a float, silently;
            # the record must be kept as it was, so read it exactly.
            value = json.loads(raw)
    if not isinstance(value, dict):
        return Reject("not_object", f"a JSON {type(value).__name__} is not a record (an object)", value)
    return value


@contextlib.contextmanager
def open_source(source: str, on_bytes: ByteCallback | None = None,
                byte_range: tuple[int, int] | None = None) -> Iterator[BinaryIO]:
    """A binary stream of the decompressed bytes of a file, or of stdin for ``"-"``.

    ``byte_range`` reads only ``[start, end)`` of an uncompressed file.
    """
    if source == STDIN:
        raw: BinaryIO = os.fdopen(sys.stdin.fileno(), "rb", buffering=0, closefd=False)
        compression = None
    else:
        raw = open(source, "rb", buffering=0)  # noqa: SIM115 (closed below)
        compression = split_compression(source)[1]
    if byte_range is not None:
        if compression is not None or source == STDIN:
            raw.close()
            raise ValueError(f"{source_name(source)} is compressed or a stream: it cannot be read by byte range")
        raw = RangeReader(raw, *byte_range)
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


def _jsonl_unparsed(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    for line_no, line in enumerate(stream, 1):
        if line.strip():
            yield name, line_no, JsonLine(line.rstrip(b"\r\n"))


def _jsonl(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    for source, line_no, line in _jsonl_unparsed(stream, name, text_field, id_field):
        yield source, line_no, line.parse(text_field)


def _json_array(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    try:
        for line_no, element in iter_array_elements(stream):
            yield name, line_no, _parse_json(element, text_field)
    except JsonArrayError as exc:
        yield name, exc.line, Reject("bad_json", f"not a JSON array: {exc}", printable(exc.rest))


#: How CSV and TSV fields may be quoted: "csv", a field in double quotes may hold the delimiter, line
#: breaks and doubled quotes (RFC 4180, what spreadsheets and pandas write); "none", quotes are text.
QUOTINGS = ("csv", "none")
_DELIMITERS = {"csv": ",", "tsv": "\t"}
#: Added to the reason of a row a quote made malformed.
_QUOTING_HINT = "; if quotes in this file are text, not quoting, pass --quoting none"


def _csv_rows(stream: BinaryIO, name: str, text_field: str, id_field: str, *,
              delimiter: str, quoting: str) -> Iterator[Item]:
    # surrogateescape keeps undecodable bytes visible, so one bad row is one reject.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    consumed: list[str] = []  # the lines of the row being read, for a reject's raw

    def lines() -> Iterator[str]:
        for line in text:
            consumed.append(line)
            yield line

    # strict: a quote out of place is an error, not a field silently changed ('"x"y' read as 'xy').
    rows = csv.reader(lines(), delimiter=delimiter, strict=True,
                      quoting=csv.QUOTE_NONE if quoting == "none" else csv.QUOTE_MINIMAL)
    label = "TSV" if delimiter == "\t" else "CSV"
    header: list[str] | None = None
    repeated: dict[str, list[int]] = {}  # the positions of each column the header names more than once
    while True:
        line_no = rows.line_num + 1
        consumed.clear()
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raw = printable("".join(consumed).encode("utf-8", "surrogateescape"))
            hint = _QUOTING_HINT if quoting == "csv" and '"' in raw else ""
            yield name, line_no, Reject("bad_row", f"malformed {label} (line {rows.line_num}): {exc}{hint}", raw)
            continue
        if not row:
            continue
        if header is None:
            header = row
            if len(set(header)) < len(header):
                positions: dict[str, list[int]] = {}
                for position, column in enumerate(header):
                    positions.setdefault(column, []).append(position)
                repeated = {column: where for column, where in positions.items() if len(where) > 1}
            continue
        if any(_has_escapes(value) for value in row):
            fixed = [value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") for value in row]
            yield name, line_no, Reject("undecodable", "the row is not valid UTF-8", dict(zip(header, fixed)))
        elif len(row) != len(header):
            yield name, line_no, Reject(
                "bad_row", f"the row has {len(row)} fields, the header {len(header)}", row
            )
        elif lost := _values_lost(row, repeated):
            yield name, line_no, _repeated_column(lost, "header", row)
        else:
            yield name, line_no, check_text(dict(zip(header, row)), text_field)


def _repeated_column(column: str, where: str, raw: Any) -> Reject:
    return Reject("duplicate_key", f"the {where} names the column {column!r} twice and the row holds different "
                  "values under it; only one could be kept: rename one of the columns", raw)


def _values_lost(row: list[str], repeated: dict[str, list[int]]) -> str | None:
    """The first column named twice under which ``row`` holds different values (a record keeps one), if any.

    Columns a spreadsheet leaves unnamed at the end of its header (``id,text,,``)
    are named "" twice, and their empty cells lose nothing.
    """
    for column, positions in repeated.items():
        if len({row[position] for position in positions}) > 1:
            return column
    return None


def _has_escapes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _parquet(stream: BinaryIO, name: str, text_field: str, id_field: str) -> Iterator[Item]:
    from .parquet import iter_parquet_rows

    for row_no, row, lost in iter_parquet_rows(stream):
        if lost is None:
            yield name, row_no, check_text(row, text_field)
        else:
            yield name, row_no, _repeated_column(lost, "schema", row)


#: Byte order marks of the UTF-16 and UTF-32 files Windows tools write; UTF-32's first,
#: as its little-endian mark starts with UTF-16's.
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class _Utf8Recoder(io.RawIOBase):
    """A UTF-16 or UTF-32 stream read as UTF-8 bytes, so the record readers need not know.

    Bytes that do not decode come out as they were (``surrogateescape``), so
    the line holding them is rejected as not UTF-8, not silently changed.
    """

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        super().__init__()
        self._text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 (any writable buffer)
        while not self._pending:
            chunk = self._text.read(1 << 16)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8", "surrogateescape")
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count


#: How much of a file's head tells UTF-16 without a byte order mark from UTF-8.
SNIFFED_BYTES = 4096


def wide_encoding(head: bytes) -> str | None:
    """The UTF-16 or UTF-32 codec of a file whose first :data:`SNIFFED_BYTES` are ``head``, or None.

    Told by the byte order mark; UTF-16 without one by the bytes, as the
    library tells a document's (policy section 1): read as UTF-8, each of
    its characters would bring a zero byte, and every record would be
    rejected as not JSON or not CSV without saying why.
    """
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return encoding
    if b"\0" not in head:
        return None
    even = len(head) - len(head) % 2
    # The head may end inside a character beyond the BMP (two UTF-16 units): try without its last unit too.
    return utf16_without_bom(head[:even]) or utf16_without_bom(head[: even - 2])


def _as_utf8(stream: BinaryIO) -> BinaryIO:
    """``stream`` without a UTF-8 byte order mark, or recoded to UTF-8 from UTF-16 or UTF-32 (:func:`wide_encoding`)."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    head = buffered.peek(SNIFFED_BYTES)[:SNIFFED_BYTES]
    if head.startswith(codecs.BOM_UTF8):
        buffered.read(len(codecs.BOM_UTF8))
        return buffered
    encoding = wide_encoding(head)
    return buffered if encoding is None else _recoded(buffered, encoding)


def _recoded(stream: BinaryIO, encoding: str) -> BinaryIO:
    return io.BufferedReader(_Utf8Recoder(stream, encoding), buffer_size=1 << 16)


_READERS = {
    "txt": _txt_document,
    "jsonl": _jsonl,
    "json": _json_array,
    "parquet": _parquet,
}

#: Formats read as UTF-8 text; a UTF-16 or UTF-32 file is recoded (see :func:`_as_utf8`).
_UTF8_FORMATS = frozenset({"jsonl", "json", "csv", "tsv"})


def read_records(
    source: str,
    fmt: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    lines: bool = False,
    on_bytes: ByteCallback | None = None,
    name: str | None = None,
    byte_range: tuple[int, int] | None = None,
    parse: bool = True,
    quoting: str = "csv",
) -> Iterator[Item]:
    """Yield ``(source, line_no, record_or_reject)`` for every record of one source.

    ``source`` is a path or ``"-"`` for stdin; ``fmt`` one of
    :data:`~bilingua.io.formats.FORMATS`; ``lines`` makes a ``txt`` source
    one document per line. ``name`` is what items and ``.txt`` ids call the
    source (default: ``source`` itself), so a worker can open an absolute
    path and still name the file as the user gave it. ``byte_range`` reads
    one line-aligned range of an uncompressed file (see
    :mod:`~bilingua.io.ranges`); line numbers then count from its start. A
    file that cannot be read, or stops being readable part-way (a cut
    ``.gz``), ends with one reject of kind ``unreadable``; the records before
    it stand. With ``parse`` false, a ``jsonl`` source yields each line as a
    :class:`JsonLine` for the caller to parse. ``quoting`` (:data:`QUOTINGS`)
    says how the fields of a ``csv`` or ``tsv`` source are quoted.
    """
    if quoting not in QUOTINGS:
        raise ValueError(f"quoting={quoting!r}: use one of {', '.join(QUOTINGS)}")
    name = source_name(source) if name is None else name
    if fmt == "jsonl" and not parse:
        reader = _jsonl_unparsed
    elif fmt in _DELIMITERS:
        reader = functools.partial(_csv_rows, delimiter=_DELIMITERS[fmt], quoting=quoting)
    else:
        reader = _txt_lines if fmt == "txt" and lines else _READERS[fmt]
    line_no = 0
    try:
        with open_source(source, on_bytes, byte_range) as stream:
            if fmt in _UTF8_FORMATS:
                stream = _as_utf8(stream)
            for item in reader(stream, name, text_field, id_field):
                line_no = item[1]
                yield item
    except DECOMPRESSION_ERRORS as exc:
        where = f"after line {line_no}" if line_no else "at the start"
        yield name, line_no, Reject("unreadable", f"cannot read {name} {where}: {exc}", None)
