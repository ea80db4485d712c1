"""Writes the guard table of the packaged English patterns (see :mod:`bilingua.rule_guards`).

Run after editing ``data/boilerplate_en.toml`` or ``required_text.py``::

    python -m bilingua.guard_table

The tests fail, naming this command, while the shipped table differs from
what ``required_text`` derives.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Iterable

from . import required_text
from .rule_guards import GUARD_FILE, required_text_hash

REGENERATE = "python -m bilingua.guard_table"


def packaged_patterns() -> list[str]:
    """The patterns of the packaged English rules, in file order, each once."""
    from .rules import load_rules

    return list(dict.fromkeys(p for rule in load_rules(()).rules for p in rule.patterns))


def table_text(patterns: Iterable[str]) -> str:
    """The guard table of ``patterns``, derived now: one pattern a line, so that edits diff by pattern."""
    lines = []
    for pattern in patterns:
        starts = required_text.start_prefixes(pattern)
        entry = {"scan_guard": required_text.scan_guard(pattern), "start_prefixes": None if starts is None else sorted(starts)}
        lines.append(f"{json.dumps(pattern, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}")
    guards = ",\n".join(lines)
    return f'{{"derived_by": {json.dumps(required_text_hash())},\n"guards": {{\n{guards}\n}}}}\n'


def main(argv: list[str] | None = None) -> None:
    """Write the guard table of the packaged rules (into the package, unless a path is given)."""
    parser = argparse.ArgumentParser(prog=REGENERATE, description=main.__doc__)
    parser.add_argument("output", nargs="?", type=Path, help=f"where to write (default: the package's data/{GUARD_FILE})")
    output = parser.parse_args(argv).output or Path(__file__).with_name("data") / GUARD_FILE
    patterns = packaged_patterns()
    output.write_text(table_text(patterns), encoding="utf-8")
    print(f"{output}: guards of {len(patterns)} patterns")


if __name__ == "__main__":
    main()
