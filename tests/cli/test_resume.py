"""``--resume``: runs killed (SIGKILL) at several points, then resumed, give the bytes of a run never stopped."""

from __future__ import annotations

import json
import os
import random
import subprocess
import time

import pytest

from bilingua.cli import resume
from bilingua.runner import Summary

from .helpers import ENGLISH, FURNITURE, bilingua_command, run_cli

#: Five batches of records (256 each, the last shorter); each record writes about 900 bytes, so with
#: checkpoints every 100 KB a run records one at the end of every batch.
RECORDS = 4000
_ENV = {**os.environ, "BILINGUA_SEGMENT_BYTES": "100000", "BILINGUA_CHECKPOINT_SECONDS": "0"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rng = random.Random(5)
    path = tmp_path_factory.mktemp("corpus") / "in.jsonl"
    lines = [json.dumps({"id": i, "text": f"{rng.choice([ENGLISH, FURNITURE])} {rng.random()}"}) for i in range(RECORDS)]
    lines[77] = "not json " + lines[77]  # a reject or two, so the rejects file is resumed too
    lines[543] = '{"id": 543, "text": null}'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _clean(corpus, out, rejects, *options):
    return [bilingua_command(), "clean", str(corpus), "-o", str(out), "--rejects", str(rejects), *options]


def _kill_when(command, ready):
    """Start ``command`` and SIGKILL it as soon as ``ready()`` is true."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not ready():
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be killed"
    process.kill()
    process.wait(timeout=60)


def _checkpointed(checkpoint) -> int:
    """How many records the checkpoint covers (0 without one)."""
    try:
        return json.loads(checkpoint.read_text())["items"]
    except (FileNotFoundError, ValueError):  # none yet, or being replaced
        return 0


@pytest.mark.parametrize("suffix, jobs, kills", [
    # "start": killed as soon as the part file exists, before any checkpoint;
    # "batch": killed once the run has recorded one more checkpoint than it found.
    ("jsonl", "2", ["start", "batch", "batch"]),
    ("csv.gz", "1", ["batch", "batch"]),
])
def test_runs_killed_at_several_points_resume_to_the_same_bytes(tmp_path, corpus, suffix, jobs, kills):
    reference, reference_rejects = tmp_path / f"reference.{suffix}", tmp_path / "reference-rejects.jsonl"
    finished = subprocess.run(_clean(corpus, reference, reference_rejects, "--jobs", jobs), capture_output=True, env=_ENV)
    assert finished.returncode == 0, finished.stderr.decode()

    out, rejects = tmp_path / f"out.{suffix}", tmp_path / "rejects.jsonl"
    part, checkpoint = tmp_path / f"out.{suffix}.bilingua-part", tmp_path / f"out.{suffix}.bilingua-checkpoint"
    checkpoints = []
    for index, kill in enumerate(kills):
        resume = ["--resume"] if index else []
        before = _checkpointed(checkpoint)
        ready = part.exists if kill == "start" else (lambda: _checkpointed(checkpoint) > before)
        _kill_when(_clean(corpus, out, rejects, "--jobs", jobs, *resume), ready)
        assert not out.exists() and part.exists()
        checkpoints.append(_checkpointed(checkpoint))
    assert checkpoints == sorted(set(checkpoints)) and checkpoints[-1] < RECORDS  # killed at several points

    resumed = subprocess.run(_clean(corpus, out, rejects, "--jobs", jobs, "--resume"), capture_output=True, env=_ENV)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == reference.read_bytes()
    assert rejects.read_bytes() == reference_rejects.read_bytes()
    assert not part.exists() and not checkpoint.exists()


def test_resume_summary_counts_the_whole_run(tmp_path, corpus):
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    _kill_when(_clean(corpus, out, rejects, "--jobs", "1"), (tmp_path / "out.jsonl.bilingua-checkpoint").exists)
    resumed = subprocess.run(_clean(corpus, out, rejects, "--jobs", "1", "--resume"), capture_output=True, env=_ENV)
    assert resumed.returncode == 0, resumed.stderr.decode()
    rows = [" ".join(line.split()) for line in resumed.stderr.decode().splitlines()]
    for row in (f"records read {RECORDS:,}", f"written {RECORDS - 2:,}", "rejected 2", "check read = written + rejected ok"):
        assert row in rows, rows


def test_resume_refuses_a_part_file_of_other_inputs_or_options(tmp_path, corpus):
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    checkpoint = tmp_path / "out.jsonl.bilingua-checkpoint"
    _kill_when(_clean(corpus, out, rejects, "--jobs", "1"), checkpoint.exists)
    other = run_cli("clean", corpus, "-o", out, "--rejects", rejects, "--resume", "--keep-original",
                    env={"BILINGUA_SEGMENT_BYTES": "100000", "BILINGUA_CHECKPOINT_SECONDS": "0"})
    assert other.returncode == 2
    assert "was written by a run with other inputs, options or bilingua version" in other.stderr.decode()


@pytest.mark.parametrize("options, message", [
    (["--force"], "--resume continues a part file and --force starts over"),
    (["-F", "parquet"], "parquet output cannot be resumed"),
    ([], "--resume needs an output file"),
])
def test_resume_usage_errors(tmp_path, corpus, options, message):
    output = ["-o", str(tmp_path / "out.jsonl")] if options else []
    result = run_cli("clean", corpus, *output, "--resume", *options)
    assert result.returncode == 2 and message in result.stderr.decode()


class _Stream:
    """A segmented stream that has ended ``ends`` segments."""

    def __init__(self) -> None:
        self.ends = 0

    def checkpoint(self) -> dict:
        return {"bytes": self.ends, "tail": ""}


class _Output:
    def __init__(self) -> None:
        self.stream = _Stream()
        self.saved: list[dict] = []

    def save_checkpoint(self, state: dict) -> None:
        self.saved.append(state)


class _Writer:
    def state(self) -> dict:
        return {}


def test_checkpoints_come_once_a_segment_has_ended_and_at_most_once_a_second(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(resume.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(resume, "CHECKPOINT_SECONDS", 1.0)
    out = _Output()
    after_batch = resume.checkpointer("fingerprint", out, _Writer(), None)
    summary = Summary()
    for seconds, segments_ended in [(0.5, 1), (0.9, 1), (1.1, 0), (1.2, 1), (1.3, 1), (2.0, 0), (2.3, 1)]:
        clock[0] = 100.0 + seconds  # that many seconds after the checkpointer was made
        out.stream.ends += segments_ended
        after_batch(summary)
    # 0.5 s: too soon; 1.1 s: a segment ended at 0.5 and 0.9, none since: saved with 2 ends;
    # 1.2-2.0 s: under a second since; 2.3 s: saved with the 5 ends so far.
    assert [state["output"]["bytes"] for state in out.saved] == [2, 5]
