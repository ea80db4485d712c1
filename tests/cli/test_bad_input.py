"""Every bad input of tests/cases/bad_input.jsonl through the ``bilingua`` command.

Each gives cleaned records or rejects with a reason, the run goes on and
ends with status 0, no traceback, and every record read is written or
rejected (docs/reliability.md has the table).
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from ..cases.bad_input import BadInput, check_text, drops_permissions, load_cases, params
from .helpers import bilingua_command

CASES = load_cases()


def _summary_count(stderr: str, what: str) -> int:
    found = re.search(rf"^\s*(?:records)?\s+{what}\s+([\d,]+)\s*$", stderr, re.MULTILINE)
    assert found, stderr
    return int(found.group(1).replace(",", ""))


@pytest.mark.parametrize("case", params(CASES))
def test_bad_input_through_the_command(tmp_path, case: BadInput):
    prefix = []
    if case.make == "unreadable":
        prefix = drops_permissions()
        if prefix is None:
            pytest.skip("running as root without setpriv: every file is readable")
        tmp_path.chmod(0o755)
    source = case.write(tmp_path)
    rejects = tmp_path / "rejects.jsonl"
    result = subprocess.run([*prefix, bilingua_command(), "clean", str(source), "-F", "jsonl", "--jobs", "1",
                             "--rejects", str(rejects), *case.args], capture_output=True, timeout=600)
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    written = [json.loads(line) for line in result.stdout.splitlines()]
    rejected = [json.loads(line) for line in rejects.read_text("utf-8").splitlines()] if rejects.exists() else []

    if case.written is not None:
        assert len(written) == len(case.written)
        for record, expected in zip(written, case.written):
            check_text(record["text"], expected)
    if case.written_count is not None:
        assert len(written) == case.written_count
    if case.unchanged:  # one record, its text as it went in (without the surrounding space)
        original = json.loads(source.read_bytes())["text"] if source.suffix == ".jsonl" else source.read_text()
        assert [record["text"] for record in written] == [original.strip()]
    if case.make is None or case.rejected:
        assert [(r["line"], r["kind"]) for r in rejected] == [(line, kind) for line, kind, _ in case.rejected]
        for reject, (_, _, reason) in zip(rejected, case.rejected):
            assert reason in reject["reason"]
    assert all(r["reason"] and r["kind"] for r in rejected)
    if case.stderr is not None:
        assert case.stderr in stderr

    # Nothing lost: the summary's accounting matches what came out.
    read = _summary_count(stderr, "read")
    assert (read, _summary_count(stderr, "written"), _summary_count(stderr, "rejected")) == (
        len(written) + len(rejected), len(written), len(rejected))

