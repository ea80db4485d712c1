"""Exit statuses of a run that cannot write its output or whose reader goes away (docs/cli.md, Exit status)."""

from __future__ import annotations

import os
import subprocess

import pytest

from .helpers import FURNITURE, bilingua_command, write_corpus


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a device that is always full")
def test_a_full_disk_on_stdout_exits_3_with_a_clear_error(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", [{"text": FURNITURE}])
    with open("/dev/full", "wb") as full:
        result = subprocess.run([bilingua_command(), "clean", str(source), "-q"], stdout=full,
                                stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 3
    stderr = result.stderr.decode()
    assert stderr.startswith("Error: cannot write the output: No space left on device") and "Traceback" not in stderr


def test_a_reader_that_stops_reading_stdout_gives_exit_141_quietly(tmp_path):
    # `bilingua clean ... | head -1`: far more output than a pipe holds.
    source = write_corpus(tmp_path / "in.jsonl", [{"id": i, "text": f"{FURNITURE} {i}"} for i in range(3000)])
    process = subprocess.Popen([bilingua_command(), "clean", str(source), "-q", "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert first.startswith(b'{"id":0,') and stderr == b""
