"""Worker processes that die: the batch is run again, then its records alone; only a record whose
worker dies every time is rejected (``worker_died``), and the output keeps its order."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import pytest

from bilingua.io import JsonLine, make_writer
from bilingua.runner import BATCH_BYTES, Done, Summary, run
from bilingua.workers import WorkerPool

from .cli.helpers import FURNITURE, bilingua_command, write_corpus


@dataclass(frozen=True)
class DiesOn:
    """A processor whose worker dies on a record holding ``poison``, the first time only if ``once_marker``."""

    poison: str
    once_marker: str | None = None

    def __call__(self, batch):
        batch = [(source, line, record.parse("text") if isinstance(record, JsonLine) else record)
                 for source, line, record in batch]
        for _, _, record in batch:
            if self.poison in record["text"]:
                if self.once_marker is None or not os.path.exists(self.once_marker):
                    if self.once_marker is not None:
                        Path(self.once_marker).touch()
                    os._exit(1)
        return [Done(source, line, {**record, "text": record["text"].upper()}) for source, line, record in batch]


def items(count, poison_at=(), unparsed=False):
    records = [{"id": line, "text": "poison" if line in poison_at else f"text {line}"} for line in range(1, count + 1)]
    return [("in.jsonl", record["id"], JsonLine(json.dumps(record).encode()) if unparsed else record)
            for record in records]


def _run(processor, records):
    out, rejects = io.BytesIO(), io.BytesIO()
    summary = run(records, processor, make_writer("jsonl", out), summary=Summary(), rejects=make_writer("jsonl", rejects),
                  jobs=2)
    return summary, [json.loads(line) for line in out.getvalue().splitlines()], \
        [json.loads(line) for line in rejects.getvalue().splitlines()]


@pytest.mark.parametrize("unparsed", [False, True], ids=["records", "jsonl-lines"])
def test_a_record_that_kills_its_worker_every_time_is_rejected_and_the_rest_written_in_order(unparsed):
    summary, written, rejected = _run(DiesOn("poison"), items(700, poison_at={300}, unparsed=unparsed))
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


def test_the_workers_of_a_broken_pool_are_all_ended_when_it_is_replaced(tmp_path):
    # A broken pool's manager thread waits for each of its workers to exit, and the interpreter
    # waits for that thread at exit; a worker it missed (one being started as the pool broke) would
    # wait on its queue for ever. The pool's remaining workers are killed when it is replaced.
    marker = str(tmp_path / "died-once")
    pool = WorkerPool(DiesOn("poison", once_marker=marker), 2, lost=lambda item, reason: None)
    try:
        pool.submit(items(2)[1:])
        assert [outcome.record["text"] for outcome in pool.next_result()] == ["TEXT 2"]  # workers up
        broken = pool._executor
        workers = list(broken._processes.values())
        pool.submit(items(2, poison_at={1})[:1])
        assert [outcome.record["text"] for outcome in pool.next_result()] == ["POISON"]
        assert pool._executor is not broken and pool.restarts == 1
        for worker in workers:
            worker.join(timeout=30)
        # Ended, whichever way: killed, or dead of the pool's breaking (a worker being started as it
        # broke exits with its own error status, 255 on a loaded machine).
        assert workers and all(worker.exitcode is not None for worker in workers)
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


#: Run in a fresh process (one this suite has started no thread in): start workers early as
#: the scenario in argv says, then print this process's id and those of its pool's workers' parents.
_EARLY_START_SCRIPT = """
import json, os, sys, threading
from bilingua import workers

class ParentOf:
    def __call__(self, batch):
        return [os.getppid() for _ in batch]

def parents_of_workers(jobs):
    pool = workers.WorkerPool(ParentOf(), jobs, lost=None)
    try:
        pool.submit([1, 2, 3, 4])
        return sorted(set(pool.next_result()))
    finally:
        pool.close()

if __name__ == "__main__":
    scenario = sys.argv[1]
    if scenario == "thread running":
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    workers.start_early(3 if scenario == "started for 3 workers" else 2)
    print(json.dumps({"pid": os.getpid(), "first": parents_of_workers(2), "next": parents_of_workers(2)}))
"""


def _early_start(tmp_path: Path, scenario: str) -> tuple[int, list[int], list[int]]:
    script = tmp_path / "early_start.py"
    script.write_text(_EARLY_START_SCRIPT, "utf-8")
    finished = subprocess.run([sys.executable, str(script), scenario], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    found = json.loads(finished.stdout)
    return found["pid"], found["first"], found["next"]


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked from the main process on Linux only")
def test_workers_started_early_are_forked_from_the_process_and_taken_by_its_next_pool(tmp_path):
    pid, first, following = _early_start(tmp_path, "one thread")
    assert first == [pid]
    # Taken once: the pool after it starts its own workers, from the fork server.
    assert pid not in following


@pytest.mark.parametrize("scenario", ["thread running", "started for 3 workers"])
def test_workers_are_not_forked_from_a_process_running_threads_nor_taken_for_another_count(tmp_path, scenario):
    pid, first, following = _early_start(tmp_path, scenario)
    assert pid not in first and pid not in following


#: Run in a fresh process: a worker dies after writing the start of its batch's result, the race
#: where concurrent.futures waits for the rest of the message for ever. Prints the outcomes and restarts.
_DIES_MID_RESULT_SCRIPT = """
import json, os, struct, sys
from bilingua import workers

class DiesMidResult:
    def __init__(self, marker):
        self.marker = marker

    def __call__(self, batch):
        if batch == ["dies"] and not os.path.exists(self.marker):
            open(self.marker, "w").close()
            frame = sys._getframe()
            while "result_queue" not in frame.f_locals:  # concurrent.futures' worker loop, which sends results
                frame = frame.f_back
            # The header of a 1 MiB message, then a few bytes of it: as if killed while sending.
            frame.f_locals["result_queue"]._writer._send(struct.pack("!i", 1 << 20) + b"partial")
            os._exit(1)
        return [item.upper() for item in batch]

if __name__ == "__main__":
    pool = workers.WorkerPool(DiesMidResult(sys.argv[1]), 2, lost=None)
    try:
        for batch in (["a"], ["dies"], ["b"], ["c"]):
            pool.submit(batch)
        outcomes = [pool.next_result() for _ in range(4)]
    finally:
        pool.close()
    print(json.dumps({"outcomes": outcomes, "restarts": pool.restarts, "died": os.path.exists(sys.argv[1])}))
"""


def test_a_worker_that_dies_while_sending_its_result_does_not_leave_the_run_waiting(tmp_path):
    script = tmp_path / "dies_mid_result.py"
    script.write_text(_DIES_MID_RESULT_SCRIPT, "utf-8")
    finished = subprocess.run([sys.executable, str(script), str(tmp_path / "died")], capture_output=True, text=True,
                              timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout) == {"outcomes": [["A"], ["DIES"], ["B"], ["C"]], "restarts": 1, "died": True}


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


def _workers_of(pid: int) -> list[int]:
    """The worker processes of run ``pid``: forked from it, or from its fork server."""
    found = []
    for child in _children(pid):
        command = Path(f"/proc/{child}/cmdline").read_bytes()
        if b"multiprocessing" in command:  # the fork server (or resource tracker): its children are workers
            found += _children(child)
        else:
            found.append(child)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="finds worker processes in /proc")
@pytest.mark.parametrize("records", [2000, 8000], ids=["from-the-fork-server", "forked-early"])
def test_killing_a_worker_of_a_real_run_changes_nothing_in_its_output(tmp_path, records):
    # Past BATCH_BYTES of input the command starts its workers early, forked
    # from itself; below it, the pool starts them from the fork server.
    corpus = [{"id": i, "text": f"{FURNITURE * 3} {i}"} for i in range(records)]
    assert (sum(len(record["text"]) for record in corpus) > BATCH_BYTES) == (records == 8000)
    source = write_corpus(tmp_path / "in.jsonl", corpus)
    reference = tmp_path / "reference.jsonl"
    command = [bilingua_command(), "clean", str(source), "-q", "--jobs", "2", "-o"]
    assert subprocess.run([*command, str(reference)], capture_output=True).returncode == 0
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([*command, str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    found: list[int] = []
    while not found and time.monotonic() < deadline and process.poll() is None:
        found = _workers_of(process.pid)
        time.sleep(0.05)
    assert found, "no worker process was found"
    assert (found[0] in _children(process.pid)) == (records == 8000)  # forked from the run itself
    os.kill(found[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert out.read_bytes() == reference.read_bytes()
