"""Parquet rows in and out, with pyarrow imported only when a parquet file is met.

pyarrow is the optional extra ``parquet``; a run that never touches a
parquet file never pays for importing it.
"""

from __future__ import annotations

import datetime
import io
from typing import Any, BinaryIO, Iterator

from .records import UnwritableRecord, flatten_record, printable

ROWS_PER_GROUP = 4096
_INSTALL_HINT = "pip install 'bilingua[parquet]'"


class MissingDependency(RuntimeError):
    """An optional package a format needs is not installed; the message says how to add it."""


def require_pyarrow():
    """Import ``pyarrow.parquet``, or raise :class:`MissingDependency` naming the extra."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependency(f"parquet files need pyarrow: {_INSTALL_HINT}") from None
    return pq


def iter_parquet_rows(
    stream: BinaryIO, batch_size: int = 1024
) -> Iterator[tuple[int, dict[str, Any] | list[list[Any]], str | None]]:
    """Yield ``(row_no, row, lost)`` (1-based) a batch at a time.

    ``lost`` names a column the schema holds twice under which the row has
    different values (a dict keeps one of them; the row is then given as its
    ``[name, value]`` pairs, with both), else it is None.

    Parquet is read by seeking to its footer; a compressed file or stdin is
    first read into memory. A file that is not Parquet, or is cut or
    corrupt, raises ``OSError``, which the readers turn into an
    ``unreadable`` reject after the rows before it (pyarrow's own errors
    would stop the run).
    """
    pq = require_pyarrow()
    from pyarrow import ArrowException

    if not (isinstance(stream, io.BufferedReader) and stream.seekable()):
        stream = io.BytesIO(stream.read())
    row_no = 0
    try:
        for batch in pq.ParquetFile(stream).iter_batches(batch_size=batch_size):
            names = batch.schema.names
            repeated = {name: [batch.column(i).to_pylist() for i, other in enumerate(names) if other == name]
                        for name in set(names) if names.count(name) > 1}
            for index, row in enumerate(batch.to_pylist()):
                row_no += 1
                lost = next((name for name, columns in repeated.items()
                             if any(column[index] != columns[0][index] for column in columns[1:])), None)
                if lost is not None:
                    row = [[name, batch.column(i)[index].as_py()] for i, name in enumerate(names)]
                yield row_no, row, lost
    except ArrowException as exc:
        raise OSError(f"not readable as Parquet: {exc}") from None


_KINDS: tuple[tuple[type, str], ...] = ((bool, "bool"), (int, "int"), (float, "float"), (str, "str"))
_INT64 = (-(2**63), 2**63 - 1)


def _cell(value: Any) -> tuple[Any, str | None]:
    """A flat value as Parquet stores it, and its column kind (None for null)."""
    if value is None:
        return None, None
    for python_type, kind in _KINDS:
        if isinstance(value, python_type):
            return value, kind
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat(), "str"
    if isinstance(value, bytes):
        return printable(value), "str"
    return str(value), "str"


class ParquetRecordWriter:
    """Writes flattened records (as CSV does) in row groups of :data:`ROWS_PER_GROUP`.

    The first record fixes the columns; each column's type is fixed by its
    first non-null value (a column still all null at the first row group is
    text). A record that does not fit raises :class:`UnwritableRecord`
    before anything of it is kept.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._pq = require_pyarrow()
        self._stream = stream
        self._columns: list[str] | None = None
        self._kinds: dict[str, str | None] = {}
        self._pending: list[dict[str, Any]] = []
        self._writer = None

    def write(self, record: dict[str, Any]) -> None:
        flat = flatten_record(record)
        if self._columns is None:
            self._columns = list(flat)
            self._kinds = dict.fromkeys(self._columns)
        extra = [key for key in flat if key not in self._kinds]
        if extra:
            raise UnwritableRecord(
                f"field {extra[0]!r} is not among the Parquet columns set by the first record"
            )
        row: dict[str, Any] = {}
        fixed: dict[str, str] = {}
        for key, value in flat.items():
            cell, kind = _cell(value)
            expected = self._kinds[key]
            if kind == "int" and expected == "float":
                cell, kind = float(cell), "float"
            if kind == "int" and not _INT64[0] <= cell <= _INT64[1]:
                raise UnwritableRecord(f"field {key!r}: {cell} does not fit a 64-bit integer")
            if kind is not None and expected is not None and kind != expected:
                raise UnwritableRecord(f"field {key!r} holds {kind} where earlier records hold {expected}")
            if kind is not None and expected is None:
                fixed[key] = kind
            row[key] = cell
        self._kinds.update(fixed)
        self._pending.append(row)
        if len(self._pending) >= ROWS_PER_GROUP:
            self._flush()

    def _schema(self):
        import pyarrow as pa

        types = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(), "str": pa.string(), None: pa.string()}
        for key, kind in self._kinds.items():
            if kind is None:
                self._kinds[key] = "str"
        return pa.schema([(key, types[kind]) for key, kind in self._kinds.items()])

    def _flush(self) -> None:
        import pyarrow as pa

        if self._writer is None:
            self._writer = self._pq.ParquetWriter(self._stream, self._schema())
        columns = {key: [row.get(key) for row in self._pending] for key in self._kinds}
        self._writer.write_table(pa.Table.from_pydict(columns, schema=self._writer.schema))
        self._pending.clear()

    def close(self) -> None:
        """Write what is pending and the footer; the stream stays open."""
        self._flush()
        self._writer.close()
