"""The shipped guard table is what required_text derives for the packaged patterns, and the writer makes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import bilingua
from bilingua.guard_table import REGENERATE
from bilingua.required_text import scan_guard, start_prefixes
from bilingua.rule_guards import GUARD_FILE, required_text_hash

DATA = Path(bilingua.__file__).with_name("data")
STALE = f"the shipped guard table is stale: run `{REGENERATE}` and commit data/{GUARD_FILE}"


def _packaged_patterns() -> list[str]:
    """Every pattern of the packaged English rule file, read from the TOML itself."""
    rules = tomllib.loads((DATA / "boilerplate_en.toml").read_text("utf-8"))["rule"]
    return [pattern for rule in rules for pattern in rule.get("patterns", [])]


def _expected_guards() -> dict[str, dict]:
    expected = {}
    for pattern in _packaged_patterns():
        starts, guard = start_prefixes(pattern), scan_guard(pattern)
        expected[pattern] = {"scan_guard": None if guard is None else list(guard),
                             "start_prefixes": None if starts is None else sorted(starts)}
    return expected


def test_the_shipped_table_holds_the_derived_guards_of_every_packaged_pattern() -> None:
    table = json.loads((DATA / GUARD_FILE).read_bytes())
    assert table["derived_by"] == required_text_hash(), f"required_text.py changed; {STALE}"
    expected = _expected_guards()
    assert sorted(set(table["guards"]) - set(expected)) == [], f"entries for patterns no longer packaged; {STALE}"
    assert sorted(set(expected) - set(table["guards"])) == [], f"packaged patterns missing; {STALE}"
    wrong = [pattern for pattern, guards in expected.items() if table["guards"][pattern] != guards]
    assert wrong == [], f"guards differ; {STALE}"
    assert sum(guards["scan_guard"] is not None for guards in expected.values()) >= 4  # both kinds are in the table
    assert sum(guards["start_prefixes"] is not None for guards in expected.values()) >= 150


def test_the_regenerate_command_writes_the_table(tmp_path: Path) -> None:
    output = tmp_path / GUARD_FILE
    source = str(Path(bilingua.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "bilingua.guard_table", str(output)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=True)
    assert f"guards of {len(set(_packaged_patterns()))} patterns" in done.stdout
    written = json.loads(output.read_bytes())
    assert written == {"derived_by": required_text_hash(), "guards": _expected_guards()}
    assert output.read_bytes() == (DATA / GUARD_FILE).read_bytes(), STALE
