"""Checkpoints of a run writing to a file, and ``--resume`` from the last one after a kill.

A run writes its output (and rejects) in segments (see
:class:`bilingua.io.output.SegmentedStream`). At the end of the first batch
after a segment ended, it records a checkpoint: how many input records are
behind it, where each part file can be picked up, what the writer
remembers (a CSV header), the counts for the summary, and a fingerprint of
the inputs and options. ``--resume`` cuts the part files back to the
checkpoint, writes again what followed the last segment end, reads past
the records it covers without cleaning them again, and carries on. Where
batches and segments end does not depend on whether a run was stopped, so
the output is byte for byte that of a run that never was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from typing import TYPE_CHECKING, Any, Callable

import bilingua

from ..io import Output, OutputError, RecordWriter, load_checkpoint, part_path
from ..runner import Summary

if TYPE_CHECKING:
    from .execute import Plan

def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"class": type(value).__name__, **dataclasses.asdict(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def fingerprint(plan: Plan) -> str:
    """What makes a run's output what it is: inputs (with their size and time), options, version."""
    described = {
        "version": bilingua.__version__,
        "sources": [[source.path, source.format, os.stat(source.path).st_size, os.stat(source.path).st_mtime_ns]
                    for source in plan.sources],
        "plan": {key: value for key, value in plan._asdict().items() if key not in ("sources", "quiet", "jobs", "resume", "engine", "scheduler")},
    }
    return hashlib.sha256(json.dumps(described, default=_plain, sort_keys=True).encode()).hexdigest()


def resume_point(plan: Plan, run_fingerprint: str) -> dict[str, Any] | None:
    """The checkpoint to continue from, or None to start from the first record.

    A part file with no checkpoint (killed before its first) is started over;
    one left by a run with other inputs or options is refused.
    """
    if not plan.resume or not os.path.exists(part_path(plan.output)):
        return None
    state = load_checkpoint(plan.output)
    if state is not None and state.get("fingerprint") != run_fingerprint:
        raise OutputError(f"{part_path(plan.output)} was written by a run with other inputs, options or bilingua "
                          "version; run that command again with --resume, or pass --force to start over")
    return state


#: At most one checkpoint in this many seconds: each puts the output and itself on disk
#: (three ``fsync``s), and a fast run ends a 1 MB segment several times a second. The
#: environment variable BILINGUA_CHECKPOINT_SECONDS sets another (the tests use 0).
CHECKPOINT_SECONDS = float(os.environ.get("BILINGUA_CHECKPOINT_SECONDS", 1.0))


def checkpointer(run_fingerprint: str, out: Output, writer: RecordWriter,
                 rejects_out: Output | None) -> Callable[[Summary], None]:
    """A callback for the end of each batch that records a checkpoint once a segment of output has ended.

    Not more than once in :data:`CHECKPOINT_SECONDS`: a resumed run then
    cleans at most that much again, and the output is the same bytes
    whichever checkpoint it resumed from.
    """
    recorded = out.stream.ends
    last = time.monotonic()

    def after_batch(summary: Summary) -> None:
        nonlocal recorded, last
        if summary.stopped_early or out.stream.ends == recorded or time.monotonic() - last < CHECKPOINT_SECONDS:
            return
        recorded = out.stream.ends
        last = time.monotonic()
        out.save_checkpoint({
            "fingerprint": run_fingerprint,
            "items": summary.written + summary.rejected,
            "writer": writer.state(),
            "output": out.stream.checkpoint(),
            "rejects": rejects_out.stream.checkpoint() if rejects_out is not None else None,
            "counts": summary.counts(),
        })

    return after_batch
