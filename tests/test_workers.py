"""Worker processes that die: the batch is run again, then its records alone; only a record whose
worker dies every time is rejected (``worker_died``), and the output keeps its order."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import pytest

from bilingua.io import make_writer
from bilingua.runner import Done, Summary, run
from bilingua.workers import WorkerPool

from .cli.helpers import FURNITURE, bilingua_command, write_corpus


@dataclass(frozen=True)
class DiesOn:
    """A processor whose worker dies on a record holding ``poison``, the first time only if ``once_marker``."""

    poison: str
    once_marker: str | None = None

    def __call__(self, batch):
        for _, _, record in batch:
            if self.poison in record["text"]:
                if self.once_marker is None or not os.path.exists(self.once_marker):
                    if self.once_marker is not None:
                        Path(self.once_marker).touch()
                    os._exit(1)
        return [Done(source, line, {**record, "text": record["text"].upper()}) for source, line, record in batch]


def items(count, poison_at=()):
    return [("in.jsonl", line, {"id": line, "text": "poison" if line in poison_at else f"text {line}"})
            for line in range(1, count + 1)]


def _run(processor, records):
    out, rejects = io.BytesIO(), io.BytesIO()
    summary = run(records, processor, make_writer("jsonl", out), summary=Summary(), rejects=make_writer("jsonl", rejects),
                  jobs=2)
    return summary, [json.loads(line) for line in out.getvalue().splitlines()], \
        [json.loads(line) for line in rejects.getvalue().splitlines()]


def test_a_record_that_kills_its_worker_every_time_is_rejected_and_the_rest_written_in_order():
    summary, written, rejected = _run(DiesOn("poison"), items(700, poison_at={300}))
    assert [record["id"] for record in written] == [line for line in range(1, 701) if line != 300]
    assert written[0]["text"] == "TEXT 1"
    [reject] = rejected
    assert (reject["line"], reject["kind"], reject["raw"]) == (300, "worker_died", {"id": 300, "text": "poison"})
    assert "died" in reject["reason"] and "out of memory" in reject["reason"]
    assert summary.balanced and (summary.written, summary.rejected) == (699, 1)


def test_a_worker_that_dies_once_costs_nothing(tmp_path):
    marker = str(tmp_path / "died-once")
    summary, written, rejected = _run(DiesOn("poison", once_marker=marker), items(700, poison_at={300}))
    assert os.path.exists(marker)  # it did die
    assert [record["id"] for record in written] == list(range(1, 701)) and rejected == []
    assert summary.balanced


def test_a_batch_given_after_a_worker_died_is_not_lost(tmp_path):
    # The pool breaks while the main process is still giving it batches: a
    # batch given then must wait its turn and be run again, not stop the run.
    marker = str(tmp_path / "died-once")
    pool = WorkerPool(DiesOn("poison", once_marker=marker), 2, lost=lambda item, reason: None)
    try:
        first, second = items(2, poison_at={1})[:1], items(2)[1:]
        pool.submit(first)
        deadline = time.monotonic() + 60
        while not pool._executor._broken and time.monotonic() < deadline:  # the worker has died
            time.sleep(0.01)
        assert pool._executor._broken
        pool.submit(second)
        assert [outcome.record["text"] for outcome in pool.next_result()] == ["POISON"]
        assert [outcome.record["text"] for outcome in pool.next_result()] == ["TEXT 2"]
        assert pool.restarts == 1
    finally:
        pool.close()


@dataclass(frozen=True)
class AlwaysDies:
    """A processor whose worker dies on any batch, even an empty one: workers that cannot run."""

    def __call__(self, batch):
        os._exit(1)


def test_workers_that_cannot_run_at_all_stop_the_run():
    with pytest.raises(BrokenProcessPool, match="they cannot run"):
        _run(AlwaysDies(), items(600))


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="finds worker processes in /proc")
def test_killing_a_worker_of_a_real_run_changes_nothing_in_its_output(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", [{"id": i, "text": f"{FURNITURE} {i}"} for i in range(2000)])
    reference = tmp_path / "reference.jsonl"
    command = [bilingua_command(), "clean", str(source), "-q", "--jobs", "2", "-o"]
    assert subprocess.run([*command, str(reference)], capture_output=True).returncode == 0
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([*command, str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and process.poll() is None:
        workers = [worker for child in _children(process.pid) for worker in _children(child)]
        time.sleep(0.05)
    assert workers, "no worker process was found"
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert out.read_bytes() == reference.read_bytes()
