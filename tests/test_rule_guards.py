"""A pattern takes its guards from the shipped table only for its exact text; any other is derived."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import bilingua
from bilingua import rule_guards
from bilingua.guard_table import REGENERATE
from bilingua.required_text import scan_guard, start_prefixes
from bilingua.rule_guards import pattern_guards, required_text_hash, table_entries
from bilingua.rules import _rule_matchers

STREAM = "(?:.*[.,;|] *)?gulf tv live stream"
SHARE = "share (?:this|the) example"


def test_every_packaged_pattern_is_in_the_table() -> None:
    table = rule_guards._packaged_table()
    patterns = [p for rule in bilingua.load_rules().rules for p in rule.patterns]
    assert patterns and all(p in table for p in patterns), f"the shipped table is set aside or stale: run `{REGENERATE}`"
    for pattern in patterns:
        assert pattern_guards(pattern) == (scan_guard(pattern), start_prefixes(pattern))


@pytest.mark.parametrize(
    ("pattern", "line", "guard", "starts"),
    [
        (STREAM, "Tonight at nine | Gulf TV live stream", "gulf tv live stream", None),
        (SHARE, "Share the example:", None, ("share the ", "share this")),
        (r"\w{1,5} by example", "Made by example", " by example", None),
        (r"\w{1,5}, \w+", "Made, example", None, None),
    ],
)
def test_a_user_pattern_gets_derived_guards_and_matches(
    tmp_path: Path, pattern: str, line: str, guard: str | None, starts: tuple[str, ...] | None
) -> None:
    assert pattern not in rule_guards._packaged_table()
    path = tmp_path / "mine.toml"
    path.write_text(f"[[rule]]\nid = \"user.example\"\nlang = \"en\"\npatterns = ['{pattern}']\n", "utf-8")
    rules = bilingua.load_rules([path])
    [(_, _, rule_starts, rule_guard)] = _rule_matchers(rules.get("user.example"))
    assert (rule_guard, rule_starts) == (guard, starts)
    assert rules.match_english_line(line, at_edge=False).id == "user.example"
    assert rules.match_english_line(f"{line} and more prose after it", at_edge=False) is None


def test_a_packaged_pattern_edited_without_regenerating_is_derived() -> None:
    packaged = next(p for rule in bilingua.load_rules().rules for p in rule.patterns if p.startswith("share"))
    edited = packaged + "|examples"
    assert edited not in rule_guards._packaged_table()
    assert pattern_guards(edited) == (scan_guard(edited), start_prefixes(edited))
    assert "examples" in pattern_guards(edited)[1]


def test_a_table_entry_serves_only_its_exact_text(monkeypatch: pytest.MonkeyPatch) -> None:
    planted = {"scan_guard": ["planted"], "start_prefixes": ["planted"]}
    monkeypatch.setattr(rule_guards, "_packaged_table", lambda: {SHARE: planted})
    assert pattern_guards(SHARE) == (("planted",), frozenset({"planted"}))  # the table is read
    for other in (SHARE.upper(), SHARE + " ", " " + SHARE, SHARE.replace("(?:this|the)", "(?:the|this)")):
        assert pattern_guards(other) == (scan_guard(other), start_prefixes(other)), other
    decomposed = "café example"
    monkeypatch.setattr(rule_guards, "_packaged_table", lambda: {unicodedata.normalize("NFD", decomposed): planted})
    assert pattern_guards(decomposed) == (None, frozenset({"caf"}))  # not the entry of its decomposed spelling


def test_a_table_from_another_required_text_is_set_aside() -> None:
    entries = {SHARE: {"scan_guard": ["planted"], "start_prefixes": None}}
    assert table_entries(json.dumps({"derived_by": required_text_hash(), "guards": entries})) == entries
    assert table_entries(json.dumps({"derived_by": "sha256:" + "0" * 64, "guards": entries})) == {}


def test_a_table_is_set_aside_when_required_text_cannot_be_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shipped = (Path(rule_guards.__file__).parent / "data" / rule_guards.GUARD_FILE).read_bytes()
    monkeypatch.setattr(rule_guards.required_text, "__file__", str(tmp_path / "missing" / "required_text.py"))
    assert table_entries(shipped) == {}
