"""The guards of the packaged English patterns, derived once and shipped with them.

Deriving a pattern's guards (:mod:`bilingua.required_text`) walks the
stdlib's parse of it in Python: ~40 ms for the ~170 packaged patterns (more
on a busy machine), paid by every process that matches an English line.
The packaged patterns change only when ``data/boilerplate_en.toml`` is
edited, so their guards are derived then (``python -m bilingua.guard_table``)
and shipped in ``data/boilerplate_en.guards.json``, keyed by each pattern's
exact text.

A pattern the table does not hold (a user's rule, a packaged pattern edited
since) is derived as before, and the whole table is set aside when it was
derived by another ``required_text.py`` (the file's hash is in the table):
a stale table costs time, never a different guard.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import required_text

GUARD_FILE = "boilerplate_en.guards.json"
#: A pattern's scan guard (:func:`required_text.scan_guard`) and start prefixes (:func:`required_text.start_prefixes`).
Guards = tuple[tuple[str, ...] | None, frozenset[str] | None]


def pattern_guards(pattern: str) -> Guards:
    """The guards of ``pattern``: from the packaged table when it holds this exact text, else derived."""
    entry = _packaged_table().get(pattern)
    if entry is None:
        return required_text.scan_guard(pattern), required_text.start_prefixes(pattern)
    starts, scan = entry["start_prefixes"], entry["scan_guard"]
    return None if scan is None else tuple(scan), None if starts is None else frozenset(starts)


def required_text_hash() -> str:
    """The hash of ``required_text.py``: which derivation a table was made by."""
    source = Path(required_text.__file__).read_bytes().replace(b"\r\n", b"\n")
    return "sha256:" + hashlib.sha256(source).hexdigest()


def table_entries(text: str | bytes) -> dict[str, dict]:
    """The entries of a guard table, by pattern; none when ``required_text.py`` has changed since it was made.

    None either when its source cannot be read (a zipped or source-less
    install): the guards are then derived, which costs only time.
    """
    table = json.loads(text)
    try:
        current = required_text_hash()
    except OSError:
        return {}
    return table["guards"] if table["derived_by"] == current else {}


@lru_cache(maxsize=1)
def _packaged_table() -> dict[str, dict]:
    return table_entries((resources.files("bilingua") / "data" / GUARD_FILE).read_bytes())
