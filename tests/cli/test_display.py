"""The progress bar and the summary table, as a user sees them on stderr."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import ENGLISH, FURNITURE, bilingua_command, run_cli, write_corpus


def _rows(stderr: str) -> list[str]:
    """Lines of stderr with runs of spaces collapsed, so table cells compare as words."""
    return [" ".join(line.split()) for line in stderr.splitlines()]


@pytest.fixture
def corpus(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", [{"id": 1, "text": ENGLISH}, {"id": 2, "text": FURNITURE}])
    with source.open("a") as stream:
        stream.write("{not json\n")
    return source


def test_the_summary_goes_to_stderr_and_no_progress_is_drawn_off_a_terminal(tmp_path, corpus):
    result = run_cli("clean", corpus, "-o", tmp_path / "out.jsonl")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    stderr = result.stderr.decode()
    assert "\x1b[" not in stderr and "rec/s" not in stderr  # no colours, no bar
    rows = _rows(stderr)
    assert rows[0].startswith("bilingua clean: ") and rows[0].endswith(" records/s")
    for row in ("records read 3", "written 2", "rejected 1", "rejected bad_json 1", "language en 2",
                "removed by rule en.share 1", "Arabic fragments boilerplate 1", "check read = written + rejected ok"):
        assert row in rows, (row, rows)
    assert "1 record(s) rejected (not kept: pass --rejects FILE to keep them):" in rows
    assert f"{corpus}:3: not valid JSON" in stderr


def test_quiet_leaves_only_the_rejects_on_stderr(tmp_path, corpus):
    result = run_cli("clean", corpus, "-o", tmp_path / "out.jsonl", "--rejects", tmp_path / "rejects.jsonl", "-q")
    assert result.returncode == 0
    assert result.stderr.decode() == f"1 record(s) rejected; see {tmp_path / 'rejects.jsonl'}\n"


def test_restore_prints_its_own_summary(tmp_path, corpus):
    cleaned = tmp_path / "cleaned.jsonl"
    assert run_cli("clean", corpus, "-o", cleaned, "-q").returncode == 0
    result = run_cli("restore", cleaned, "-o", tmp_path / "restored.jsonl")
    rows = _rows(result.stderr.decode())
    assert rows[0].startswith("bilingua restore: ") and "records read 2" in rows and "rejected 0" in rows


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_progress_bar_is_drawn_when_stdout_and_stderr_are_a_terminal(tmp_path):
    import pty

    source = write_corpus(tmp_path / "in.jsonl", [{"id": i, "text": f"{FURNITURE} {i}"} for i in range(1000)])
    controller, terminal = pty.openpty()
    process = subprocess.Popen([bilingua_command(), "clean", str(source), "-o", str(tmp_path / "out.jsonl"),
                                "--jobs", "1"], stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 1 << 16)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait(timeout=60) == 0
    text = shown.decode("utf-8", "replace")
    assert "1,000 records" in text and "rec/s" in text and "kB" in text  # the bar: records, bytes, rate
    assert "bilingua clean: " in text  # then the summary
