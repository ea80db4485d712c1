"""Write records to a binary stream, one format per class.

Every writer has ``write(record)`` and ``close()``; those a run can resume
(all but Parquet, whose footer describes the whole file) also have
``state()`` and ``resume(state)``, to carry what they remember of the
records already written (a CSV header, a JSON array's first element) over
to a later run. ``write`` raises
:class:`~bilingua.io.records.UnwritableRecord`, having written nothing,
when the format cannot hold the record (a CSV column the first record did
not have, a value JSON has no type for), so the caller can reject that one
record and go on. ``close`` finishes the format (closing bracket, Parquet
footer) and leaves the stream open: the caller owns it.

Writers of formats with no state beyond a count (JSONL, JSON, text) are
also part writers (:class:`PartWriter`): ``write_part`` appends what a
fresh writer of the same kind wrote for a run of records, so records
written in pieces (one per partition of a distributed run) join into the
very bytes one writer would have written.
"""

from __future__ import annotations

import csv
from typing import Any, BinaryIO, Protocol, runtime_checkable

from .records import UnwritableRecord, dumps, flatten_record


class RecordWriter(Protocol):
    def write(self, record: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


@runtime_checkable
class PartWriter(RecordWriter, Protocol):
    def write_part(self, data: bytes, count: int) -> None:
        """Append ``data``, what a fresh writer of this kind wrote (before ``close``) for ``count`` records."""


class JsonlWriter:
    """One JSON object per line."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write(dumps(record) + b"\n")

    def write_encoded(self, lines: bytes) -> None:
        """Write records a worker already turned into their lines (``dumps(record) + b"\\n"`` each)."""
        self._stream.write(lines)

    def write_part(self, data: bytes, count: int) -> None:
        self._stream.write(data)

    def state(self) -> dict[str, Any]:
        return {}

    def resume(self, state: dict[str, Any]) -> None:
        pass

    def close(self) -> None:
        self._stream.flush()


class _CountingWriter:
    """A writer whose state, for a resumed run, is how many records it has written."""

    _count: int

    def state(self) -> dict[str, Any]:
        return {"count": self._count}

    def resume(self, state: dict[str, Any]) -> None:
        self._count = state["count"]


class JsonArrayWriter(_CountingWriter):
    """One JSON array, an element per line, written as records come."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._count = 0

    def write(self, record: dict[str, Any]) -> None:
        data = dumps(record)
        self._stream.write((b",\n" if self._count else b"[\n") + data)
        self._count += 1

    def write_part(self, data: bytes, count: int) -> None:
        if count:  # a part opens the array; after the first, that opening becomes a separator
            self._stream.write(b",\n" + data.removeprefix(b"[\n") if self._count else data)
            self._count += count

    def close(self) -> None:
        self._stream.write(b"\n]\n" if self._count else b"[]\n")
        self._stream.flush()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    return value


class _EncodedRows:
    """What csv.writer writes to: each row encoded to UTF-8 as a whole, the stream left open."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, row: str) -> None:
        self._stream.write(row.encode("utf-8"))


class DelimitedWriter:
    """CSV or TSV with a header row; the first record fixes the columns.

    Metadata is flattened into ``bilingua.<key>`` columns (see
    :func:`~bilingua.io.records.flatten_record`); a missing field is an
    empty cell, ``null`` too; booleans are ``true``/``false``.
    """

    def __init__(self, stream: BinaryIO, delimiter: str = ",") -> None:
        self._stream = stream
        self._rows = csv.writer(_EncodedRows(stream), delimiter=delimiter, lineterminator="\n")
        self._label = "TSV" if delimiter == "\t" else "CSV"
        self._columns: dict[str, int] | None = None

    def write(self, record: dict[str, Any]) -> None:
        flat = flatten_record(record)
        if self._columns is None:
            self._columns = {key: index for index, key in enumerate(flat)}
            self._write_row(list(flat))
        cells = [""] * len(self._columns)
        for key, value in flat.items():
            index = self._columns.get(key)
            if index is None:
                raise UnwritableRecord(
                    f"field {key!r} is not among the {self._label} columns set by the first record"
                )
            cells[index] = _csv_cell(value)
        self._write_row(cells)

    def state(self) -> dict[str, Any]:
        return {"columns": None if self._columns is None else list(self._columns)}

    def resume(self, state: dict[str, Any]) -> None:
        columns = state["columns"]
        self._columns = None if columns is None else {key: index for index, key in enumerate(columns)}

    def _write_row(self, cells: list[Any]) -> None:
        # csv hands the whole row to one write(), which encodes it before writing anything.
        try:
            self._rows.writerow(cells)
        except UnicodeEncodeError as exc:
            raise UnwritableRecord(f"the record holds text that is not valid Unicode: {exc}") from None

    def close(self) -> None:
        self._stream.flush()


class TxtWriter(_CountingWriter):
    """The cleaned text only.

    ``one_per_line`` (the ``--lines`` layout) ends each text with a newline;
    otherwise documents are separated by one blank line and nothing follows
    the last, so a single document is written exactly as cleaned.
    """

    def __init__(self, stream: BinaryIO, text_field: str = "text", *, one_per_line: bool = False) -> None:
        self._stream = stream
        self._text_field = text_field
        self._one_per_line = one_per_line
        self._count = 0

    def write(self, record: dict[str, Any]) -> None:
        text = record.get(self._text_field)
        if not isinstance(text, str):
            raise UnwritableRecord(f"field {self._text_field!r} holds no text to write")
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise UnwritableRecord(f"the text is not valid Unicode: {exc}") from None
        if self._one_per_line:
            self._stream.write(data + b"\n")
        else:
            self._stream.write(b"\n\n" + data if self._count else data)
        self._count += 1

    def write_part(self, data: bytes, count: int) -> None:
        if count:
            if self._count and not self._one_per_line:
                self._stream.write(b"\n\n")
            self._stream.write(data)
            self._count += count

    def close(self) -> None:
        self._stream.flush()


def make_writer(fmt: str, stream: BinaryIO, *, text_field: str = "text", one_per_line: bool = False) -> RecordWriter:
    """The writer for ``fmt`` over ``stream``."""
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "json":
        return JsonArrayWriter(stream)
    if fmt in ("csv", "tsv"):
        return DelimitedWriter(stream, "\t" if fmt == "tsv" else ",")
    if fmt == "txt":
        return TxtWriter(stream, text_field, one_per_line=one_per_line)
    if fmt == "parquet":
        from .parquet import ParquetRecordWriter

        return ParquetRecordWriter(stream)
    raise ValueError(f"unknown output format {fmt!r}")
