"""Exit statuses of a run that cannot write its output, whose reader goes away or whose workers cannot run (docs/cli.md, Exit status)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from concurrent.futures.process import BrokenProcessPool

import pytest
import typer

import bilingua
from bilingua.cli import execute
from bilingua.runner import CleanRecords, Fields

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


def _file_size_limit(limit: int):
    """For preexec_fn: writes past ``limit`` bytes fail with EFBIG ("File too large"), as on a full disk."""
    import resource
    import signal

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.skipif(os.name != "posix", reason="needs a file size limit (RLIMIT_FSIZE)")
def test_a_full_disk_keeps_what_was_written_for_resume(tmp_path):
    records = [{"id": i, "text": f"{FURNITURE} {i}"} for i in range(1100)]
    source = write_corpus(tmp_path / "in.jsonl", records)
    env = {**os.environ, "BILINGUA_SEGMENT_BYTES": "100000", "BILINGUA_CHECKPOINT_SECONDS": "0"}
    reference = tmp_path / "reference.jsonl"
    assert subprocess.run([bilingua_command(), "clean", str(source), "-o", str(reference), "-q", "--jobs", "1"],
                          env=env, capture_output=True).returncode == 0
    out = tmp_path / "out.jsonl"
    full = subprocess.run([bilingua_command(), "clean", str(source), "-o", str(out), "-q", "--jobs", "1"], env=env,
                          capture_output=True, preexec_fn=_file_size_limit(reference.stat().st_size // 2), timeout=120)
    assert full.returncode == 3
    stderr = full.stderr.decode()
    assert stderr.startswith(f"Error: cannot write {out}: File too large; what was written up to the last "
                             f"checkpoint is kept in {out}.bilingua-part: make room, then run the same command "
                             "with --resume"), stderr
    assert not out.exists()
    resumed = subprocess.run([bilingua_command(), "clean", str(source), "-o", str(out), "-q", "--jobs", "1",
                              "--resume"], env=env, capture_output=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == reference.read_bytes()


def test_an_output_directory_removed_during_the_run_gives_a_clear_error(tmp_path):
    records = [{"id": i, "text": f"{FURNITURE} {i}"} for i in range(3000)]
    source = write_corpus(tmp_path / "in.jsonl", records)
    directory = tmp_path / "results"
    directory.mkdir()
    process = subprocess.Popen([bilingua_command(), "clean", str(source), "-o", str(directory / "out.jsonl"),
                                "-q", "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "BILINGUA_SEGMENT_BYTES": "100000", "BILINGUA_CHECKPOINT_SECONDS": "0"})
    part = directory / "out.jsonl.bilingua-part"
    deadline = time.monotonic() + 60
    while not part.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    shutil.rmtree(directory)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 3
    assert stderr.decode() == (f"Error: the directory {directory} of {directory / 'out.jsonl'} was removed during "
                               "the run; nothing could be kept there\n")


def test_a_process_pool_that_breaks_stops_the_run_with_status_3(monkeypatch, capsys):
    def broken(plan, summary):
        raise BrokenProcessPool("worker processes die before they clean anything: they cannot run")

    monkeypatch.setattr(execute, "_run_with_outputs", broken)
    plan = execute.Plan(sources=[], processor=CleanRecords(bilingua.Config()), fields=Fields(), output=None,
                        format="jsonl", rejects=None, quiet=True, jobs=2)
    with pytest.raises(typer.Exit) as stopped:
        execute.execute(plan)
    assert stopped.value.exit_code == 3
    assert "they cannot run; no output file was written. Try --jobs 1 to see why" in capsys.readouterr().err

