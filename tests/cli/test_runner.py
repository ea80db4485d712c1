"""The runner in-process: batching, accounting, write-time rejects, --strict, interrupts."""

from __future__ import annotations

import io
import signal
import subprocess
import time

import bilingua
from bilingua.io import Reject, make_writer
from bilingua.runner import (
    CleanRecords,
    Done,
    Fields,
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
    assert summary.stopped_early and (summary.read, summary.written, summary.rejected) == (2, 1, 1)


def test_restore_records_and_original_record():
    cleaned = {"id": 1, **bilingua.clean(ENGLISH).to_dict(), "raw_text": ENGLISH}
    assert original_record(cleaned) == {"id": 1, "text": ENGLISH}
    own = {**cleaned, "raw_text": "the user's own field"}
    assert original_record(own)["raw_text"] == "the user's own field"
    [done, rejected] = RestoreRecords(Fields())(items([cleaned, {"text": "no metadata"}]))
    assert isinstance(done, Done) and done.record == {"id": 1, "text": ENGLISH}
    assert rejected.kind == "not_restorable"


def test_an_interrupted_run_leaves_no_output_behind(tmp_path):
    records = [{"id": i, "text": f"{ENGLISH} {i}\n{FURNITURE}"} for i in range(20000)]
    source = write_corpus(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([bilingua_command(), "clean", str(source), "-o", str(out), "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert "interrupted" in stderr.decode() and "Traceback" not in stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
