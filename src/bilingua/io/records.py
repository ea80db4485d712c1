"""What a record is on the way out: JSON bytes, or a flat row for tables.

Output records keep the input fields, with the library's metadata in one
object under :data:`META_KEY`. Table formats (CSV, TSV, Parquet) have no
nesting, so that object becomes ``bilingua.<key>`` columns, and a value that
is itself a list or object is stored as a JSON string; :func:`unflatten_record`
reverses this so ``bilingua restore`` can read a table back.
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
from typing import Any

import orjson

META_KEY = "bilingua"
_PREFIX = META_KEY + "."


class UnwritableRecord(ValueError):
    """The output format cannot hold this record; the message says what in it does not fit."""


def printable(raw: bytes) -> str:
    """Bytes as text for an output or rejects file: valid UTF-8 as is, other bytes as ``\\xNN``."""
    return raw.decode("utf-8", "backslashreplace")


def _json_default(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return printable(bytes(value))
    if isinstance(value, (decimal.Decimal, datetime.timedelta)):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


#: A surrogate code point: it has no UTF-8 form, only a JSON escape such as ``\ud800``.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: Any) -> bytes:
    """JSON bytes of a record; bytes become text, other values JSON has no type for raise UnwritableRecord.

    The form is orjson's: compact, keys in record order, non-ASCII text as
    UTF-8. What orjson refuses (lone surrogates, which the metadata keeps so
    restore() can give them back; integers beyond 64 bits) is written by the
    standard library in the same form, with only the surrogates escaped, so
    a line bilingua writes reads back and is written again byte for byte.
    """
    try:
        return orjson.dumps(value, default=_json_default, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError as exc:
        try:
            text = json.dumps(value, default=_json_default, ensure_ascii=False, separators=(",", ":"),
                              allow_nan=False)
        except (TypeError, ValueError, RecursionError):
            raise UnwritableRecord(f"cannot write the record as JSON: {exc}") from None
        return _SURROGATE.sub(_escape_surrogate, text).encode("utf-8")


def _flat_value(value: Any) -> Any:
    return dumps(value).decode("utf-8") if isinstance(value, (dict, list, tuple)) else value


def flatten_record(record: dict[str, Any]) -> dict[str, Any]:
    """One level of columns: ``bilingua`` spread into ``bilingua.<key>``, lists and objects as JSON text."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key == META_KEY and isinstance(value, dict):
            for meta_key, meta_value in value.items():
                row[_PREFIX + str(meta_key)] = _flat_value(meta_value)
        else:
            row[str(key)] = _flat_value(value)
    return row


def _parsed(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return orjson.loads(value)
        except orjson.JSONDecodeError:
            try:  # escapes of lone surrogates, which orjson refuses and dumps() writes ("\ud800")
                return json.loads(value)
            except ValueError:
                return value
    return value


def unflatten_record(row: dict[str, Any]) -> dict[str, Any]:
    """Gather ``bilingua.<key>`` columns back into one ``bilingua`` object (JSON text parsed)."""
    if META_KEY in row or not any(key.startswith(_PREFIX) for key in row):
        return row
    record: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for key, value in row.items():
        if key.startswith(_PREFIX):
            meta[key[len(_PREFIX):]] = _parsed(value)
        else:
            record[key] = value
    record[META_KEY] = meta
    return record
