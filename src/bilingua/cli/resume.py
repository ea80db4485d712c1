"""Checkpoints of a run writing to a file, and ``--resume`` from the last one after a kill.

A run writes its output (and rejects) in segments (see
:mod:`bilingua.io.output`). At the end of the first batch after
:data:`CHECKPOINT_BYTES` of output, it ends the segments, so the bytes are on
disk, and records a checkpoint: how many input records are behind it, how
long the part files are, what the writer remembers (a CSV header), the
counts for the summary, and a fingerprint of the inputs and options.
``--resume`` cuts the part files back to the checkpoint, reads past those
records without cleaning them again, and carries on. Batches and segments
end at the same records whether or not a run was stopped, so the output is
byte for byte that of a run that never was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from typing import TYPE_CHECKING, Any, Callable

import bilingua

from ..io import Output, OutputError, RecordWriter, load_checkpoint, part_path
from ..runner import Summary

if TYPE_CHECKING:
    from .execute import Plan

#: A checkpoint is recorded at the end of the first batch after this many bytes of output (before
#: compression); the environment variable BILINGUA_CHECKPOINT_BYTES sets another size (tests use a small one).
CHECKPOINT_BYTES = int(os.environ.get("BILINGUA_CHECKPOINT_BYTES", 1 << 20))


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
        "plan": {key: value for key, value in vars(plan).items() if key not in ("sources", "quiet", "jobs", "resume")},
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


def checkpointer(run_fingerprint: str, out: Output, writer: RecordWriter,
                 rejects_out: Output | None) -> Callable[[Summary], None]:
    """A callback for the end of each batch that records a checkpoint once enough output was written."""

    def after_batch(summary: Summary) -> None:
        if summary.stopped_early or out.stream.segment_bytes < CHECKPOINT_BYTES:
            return
        out.save_checkpoint({
            "fingerprint": run_fingerprint,
            "items": summary.written + summary.rejected,
            "writer": writer.state(),
            "rejects_bytes": rejects_out.end_segment() if rejects_out is not None else 0,
            "counts": summary.counts(),
        })

    return after_batch
