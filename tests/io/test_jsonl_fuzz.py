"""Fuzz the JSONL reader and the record processor: whatever the lines, every line is accounted for.

Lines are valid records, records with a text field of every JSON type,
JSON that is not an object, truncated JSON, and arbitrary bytes. The suite
runs the ``ci`` profile; ``python -m pytest tests/io/test_jsonl_fuzz.py
--hypothesis-profile=fuzz`` runs 20,000 examples (docs/reliability.md).
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilingua
from bilingua.io import JsonLine, Reject, read_records
from bilingua.runner import CleanRecords, Done, Rejected

TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["Share", "مشاركة :", "The \u201cquote\u201d", "caf\u00c3\u00a9", "&amp;", ""]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXTS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=6,
)
RECORDS = st.fixed_dictionaries({"text": TEXTS}, optional={"id": st.integers() | TEXTS, "extra": JSON_VALUES})
#: Bytes that start a line but cannot start a file: a BOM there makes the file UTF-16/32.
_FILE_OPENERS = (b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xef\xbb\xbf")
LINES = st.one_of(
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.dictionaries(st.just("text"), JSON_VALUES, min_size=1).map(lambda r: json.dumps(r).encode()),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    RECORDS.map(lambda r: json.dumps(r).encode()[: max(1, len(json.dumps(r)) // 2)]),
    st.binary(max_size=60).filter(lambda b: b"\n" not in b and not b.startswith(_FILE_OPENERS)),
    st.just(b""),
    st.just(b"   "),
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(LINES, max_size=12))
def test_every_jsonl_line_is_a_record_or_a_reject_with_its_line_number(tmp_path, lines: list[bytes]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines))
    items = list(read_records(str(path), "jsonl"))
    non_blank = [number for number, line in enumerate(lines, 1) if line.strip()]
    assert [line for _, line, _ in items] == non_blank
    for _, _, record in items:
        assert isinstance(record, Reject) and record.reason or isinstance(record, dict)

    outcomes = CleanRecords(bilingua.Config())(items)
    assert len(outcomes) == len(items)
    for outcome, (_, line, record) in zip(outcomes, items):
        assert outcome.line == line
        if isinstance(outcome, Done):
            assert isinstance(outcome.record["text"], str)
            assert bilingua.restore(outcome.record["text"], outcome.record["bilingua"]) == record["text"]
        else:
            assert isinstance(outcome, Rejected) and outcome.reason and outcome.kind != "error"

    # Left unparsed for a worker, the same lines give the same outcomes.
    unparsed = list(read_records(str(path), "jsonl", parse=False))
    assert [line for _, line, _ in unparsed] == non_blank
    assert all(isinstance(record, JsonLine) for _, _, record in unparsed)
    assert CleanRecords(bilingua.Config())(unparsed) == outcomes
