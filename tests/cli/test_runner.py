"""The runner in-process: batching, accounting, write-time rejects, --strict, interrupts."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import time
from collections import Counter

import pytest

import bilingua
from bilingua.io import JsonLine, Output, Reject, make_writer
from bilingua.io.records import dumps
from bilingua.runner import (
    BATCH_BYTES,
    CleanRecords,
    Done,
    Encoded,
    Fields,
    Rejected,
    RestoreRecords,
    Summary,
    batches,
    original_record,
    run,
)

from .helpers import ENGLISH, ENGLISH_CLEAN, FURNITURE, bilingua_command, write_corpus


def items(records):
    return [("in.jsonl", line, record) for line, record in enumerate(records, 1)]


def test_batches_close_at_the_record_count_or_the_text_size():
    small = items([{"text": "x"}] * 5)
    assert [len(b) for b in batches(small, "text", max_records=2)] == [2, 2, 1]
    big = items([{"text": "y" * 600}] * 5 + [Reject("bad_json", "r", "raw")])
    assert [len(b) for b in batches(big, "text", max_records=100, max_bytes=1000)] == [2, 2, 2]
    lines = items([JsonLine(b'{"text": "%s"}' % (b"z" * 590))] * 3)
    assert [len(b) for b in batches(lines, "text", max_records=100, max_bytes=1000)] == [2, 1]


def test_every_record_is_written_or_rejected_and_unwritable_ones_keep_their_place():
    records = [{"text": ENGLISH}, Reject("bad_json", "not valid JSON", "{x"), {"text": FURNITURE, "extra": 1}]
    out, rejects = io.BytesIO(), io.BytesIO()
    summary = run(items(records), CleanRecords(bilingua.Config()), make_writer("csv", out), summary=Summary(),
                  rejects=make_writer("jsonl", rejects))
    assert (summary.read, summary.written, summary.rejected) == (3, 1, 2)
    assert summary.reject_kinds == {"bad_json": 1, "unwritable": 1}
    lines = rejects.getvalue().decode().splitlines()
    assert '"line":2,"kind":"bad_json"' in lines[0]
    assert '"line":3,"kind":"unwritable"' in lines[1] and "'extra'" in lines[1]
    assert ENGLISH_CLEAN.replace('"', '""') in out.getvalue().decode()


def test_strict_stops_at_the_first_reject():
    records = [{"text": "a"}, {"text": 5}, {"text": "c"}]
    summary = run(items(records), CleanRecords(bilingua.Config()), make_writer("jsonl", io.BytesIO()),
                  summary=Summary(), strict=True)
    assert summary.stopped_early and not summary.finished
    # The third record was read ahead, in the batch, but the run stopped before it.
    assert (summary.read, summary.written, summary.rejected, summary.unaccounted) == (2, 1, 1, 0)


def test_a_finished_run_counts_records_read_apart_from_their_outcomes():
    def dropping(batch):  # a processor that loses the last record of each batch
        return CleanRecords(bilingua.Config())(batch)[:-1]

    def doubling(batch):
        outcomes = CleanRecords(bilingua.Config())(batch)
        return outcomes + outcomes[:1]

    records = items([{"text": "a"}, {"text": "b"}, {"text": "c"}])
    whole = run(records, CleanRecords(bilingua.Config()), make_writer("jsonl", io.BytesIO()), summary=Summary())
    assert whole.finished and whole.balanced and whole.unaccounted == 0
    lost = run(records, dropping, make_writer("jsonl", io.BytesIO()), summary=Summary())
    assert lost.finished and not lost.balanced and (lost.read, lost.written, lost.unaccounted) == (3, 2, 1)
    doubled = run(records, doubling, make_writer("jsonl", io.BytesIO()), summary=Summary())
    assert not doubled.balanced and doubled.unaccounted == -1


def test_restore_records_and_original_record():
    cleaned = {"id": 1, **bilingua.clean(ENGLISH).to_dict(), "raw_text": ENGLISH}
    assert original_record(cleaned) == {"id": 1, "text": ENGLISH}
    own = {**cleaned, "raw_text": "the user's own field"}
    assert original_record(own)["raw_text"] == "the user's own field"
    [done, rejected] = RestoreRecords(Fields())(items([cleaned, {"text": "no metadata"}]))
    assert isinstance(done, Done) and done.record == {"id": 1, "text": ENGLISH}
    assert rejected.kind == "not_restorable"


def _wait_for_output(part, process):
    deadline = time.monotonic() + 60
    while not (part.exists() and part.stat().st_size > 0) and time.monotonic() < deadline:
        assert process.poll() is None, "the run finished before it could be stopped: give it more records"
        time.sleep(0.05)


#: Records of ``{ENGLISH} i\n{FURNITURE}``: under BATCH_BYTES of text (the pool starts its workers
#: from the fork server), and over it (the command forks them from itself as it starts).
SMALL_RUN, LARGE_RUN = 6000, 12000


@pytest.mark.parametrize(("jobs", "count"), [("1", SMALL_RUN), ("2", SMALL_RUN), ("2", LARGE_RUN)])
def test_ctrl_c_stops_cleanly_with_the_summary_so_far_and_no_output(tmp_path, jobs, count):
    records = [{"id": i, "text": f"{ENGLISH} {i}\n{FURNITURE}"} for i in range(count)]
    source = write_corpus(tmp_path / "in.jsonl", records)
    assert (source.stat().st_size > BATCH_BYTES) == (count == LARGE_RUN)  # workers forked by the command itself
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    # Its own process group, as a shell runs a command: Ctrl-C reaches the workers too.
    process = subprocess.Popen([bilingua_command(), "clean", str(source), "-o", str(out), "--rejects", str(rejects),
                                "--jobs", jobs], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    _wait_for_output(tmp_path / "out.jsonl.bilingua-part", process)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    text = stderr.decode()
    assert process.returncode == 130, text
    assert "Traceback" not in text
    assert text.startswith("bilingua clean (interrupted): ")
    rows = [" ".join(line.split()) for line in text.splitlines()]
    read = int(next(row for row in rows if row.startswith("records read ")).split()[-1].replace(",", ""))
    assert 0 < read < len(records)
    assert any(row.startswith("not processed ") for row in rows)
    assert rows[-1] == "Error: interrupted; no output file was written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
    assert _live_processes_in_group(process.pid) == []  # no worker left running


@pytest.mark.parametrize("count", [SMALL_RUN, LARGE_RUN])
def test_a_killed_run_leaves_no_worker_behind(tmp_path, count):
    # SIGKILL gives the main process no chance to stop its workers: they (and
    # the fork server, if one was used) must notice it is gone and end on their own.
    records = [{"id": i, "text": f"{ENGLISH} {i}\n{FURNITURE}"} for i in range(count)]
    source = write_corpus(tmp_path / "in.jsonl", records)
    assert (source.stat().st_size > BATCH_BYTES) == (count == LARGE_RUN)  # workers forked by the command itself
    process = subprocess.Popen([bilingua_command(), "clean", str(source), "-o", str(tmp_path / "out.jsonl"),
                                "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    _wait_for_output(tmp_path / "out.jsonl.bilingua-part", process)
    assert len(_live_processes_in_group(process.pid, wait=0)) > 1  # workers were running
    process.kill()
    process.wait(timeout=60)
    assert _live_processes_in_group(process.pid, wait=10) == []


def _live_processes_in_group(group: int, wait: float = 5.0) -> list[str]:
    """Processes of ``group`` still running (zombies, dead and waiting for init, are not) after ``wait`` s."""
    deadline = time.monotonic() + wait
    while True:
        listed = subprocess.run(["ps", "-o", "pid=,stat=,args=", "-g", str(group)], capture_output=True, text=True)
        live = [line for line in listed.stdout.splitlines() if line.split()[1][0] != "Z"]
        if not live or time.monotonic() > deadline:
            return live
        time.sleep(0.1)


def _start_and_kill(tmp_path, source, out, *args):
    """Start a run, SIGKILL it once its part file holds some output, and return the part file."""
    part = tmp_path / (out.name + ".bilingua-part")
    process = subprocess.Popen([bilingua_command(), "clean", str(source), "-o", str(out), *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_output(part, process)
    process.kill()
    process.wait(timeout=60)
    return part


def test_a_killed_run_leaves_only_its_named_part_file(tmp_path):
    records = [{"id": i, "text": f"{ENGLISH} {i}\n{FURNITURE}"} for i in range(4000)]
    source = write_corpus(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    part = _start_and_kill(tmp_path, source, out, "--jobs", "1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl.bilingua-part"]
    assert part.stat().st_size > 0

    refused = subprocess.run([bilingua_command(), "clean", str(source), "-o", str(out)], capture_output=True, timeout=60)
    assert refused.returncode == 2
    assert f"{part} was left by a run that did not finish" in refused.stderr.decode()

    rerun = subprocess.run([bilingua_command(), "clean", str(source), "-o", str(out), "--force", "-q"],
                           capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
    assert out.read_bytes().count(b"\n") == len(records)


def test_a_run_refuses_an_output_another_run_is_writing(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", [{"text": ENGLISH}])
    out = tmp_path / "out.jsonl"
    with Output(str(out)) as other_run:
        result = subprocess.run([bilingua_command(), "clean", str(source), "-o", str(out), "--force"],
                                capture_output=True, timeout=60)
        other_run.commit()
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"Error: another run is writing {out}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_records_encoded_by_the_processor_are_written_and_counted_as_records_are():
    records = [{"id": 1, "text": FURNITURE}, {"id": 2, "text": "Talks \u0645\u0634\u0627\u0631\u0643\u0629 : resumed."},
               {"id": 3, "text": 42}, {"id": 4, "text": ENGLISH, "big": 2**70}]
    written = {}
    for encode in (False, True):
        processor = CleanRecords(bilingua.Config(), encode=encode)
        outcomes = processor(items(records))
        assert any(isinstance(o, Encoded) for o in outcomes) == encode
        stream, summary = io.BytesIO(), Summary()
        run(items(records), processor, make_writer("jsonl", stream), summary=summary)
        written[encode] = (stream.getvalue(), summary.written, summary.rejected, summary.languages,
                           summary.removed_by_rule, summary.arabic_by_role)
    assert written[True] == written[False]
    assert written[True][1:3] == (3, 1)


def test_written_records_in_a_row_travel_as_one_block_and_a_reject_splits_the_blocks():
    records = [{"id": 1, "text": FURNITURE}, {"id": 2, "text": ENGLISH}, {"id": 3, "text": 42}, {"id": 4, "text": "x"}]
    encoded = CleanRecords(bilingua.Config(), encode=True)(items(records))
    done = CleanRecords(bilingua.Config())(items(records))
    assert [type(outcome) for outcome in encoded] == [Encoded, Rejected, Encoded]
    first, reject, last = encoded
    assert (first.line, first.records, reject.line, last.line, last.records) == (1, 2, 3, 4, 1)
    assert first.data == b"".join(dumps(outcome.record) + b"\n" for outcome in done[:2])
    metas = [outcome.record["bilingua"] for outcome in done[:2]]
    assert first.languages == Counter(meta["lang"] for meta in metas)
    assert first.rules == Counter(item["rule"] for meta in metas for item in meta["removed"])
    assert sum(first.rules.values()) > 0  # the furniture lines were removed, each counted by its rule


def test_workers_started_early_but_not_needed_end_with_the_run(tmp_path):
    # Over BATCH_BYTES of input the command forks its workers before reading;
    # one record is one batch, which the command cleans itself.
    source = write_corpus(tmp_path / "in.jsonl", [{"id": 1, "text": f"{ENGLISH}\n" * (BATCH_BYTES // len(ENGLISH))}])
    assert source.stat().st_size > BATCH_BYTES
    process = subprocess.Popen([bilingua_command(), "clean", str(source), "-o", str(tmp_path / "out.jsonl"),
                                "--jobs", "2", "--quiet"], stderr=subprocess.PIPE, start_new_session=True)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert _live_processes_in_group(process.pid, wait=10) == []
    assert len((tmp_path / "out.jsonl").read_bytes().splitlines()) == 1


def test_output_to_stdout_from_workers_forked_early_holds_each_record_once(tmp_path):
    records = [{"id": i, "text": f"{ENGLISH} {i}\n{FURNITURE}"} for i in range(LARGE_RUN)]
    source = write_corpus(tmp_path / "in.jsonl", records)
    assert source.stat().st_size > BATCH_BYTES  # the command forks its workers before writing anything
    finished = subprocess.run([bilingua_command(), "clean", str(source), "--jobs", "2", "--quiet"],
                              capture_output=True, timeout=120)
    assert finished.returncode == 0, finished.stderr.decode()
    assert [json.loads(line)["id"] for line in finished.stdout.splitlines()] == list(range(LARGE_RUN))
