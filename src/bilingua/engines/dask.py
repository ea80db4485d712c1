"""``bilingua clean --engine dask``: partitions cleaned and written on a Dask cluster, joined in input order.

Each task reads one partition (:mod:`bilingua.engines.partitions`) and runs
it through the local runner's own loop (:func:`bilingua.runner.run`) with
the same record processor; only the client writes files. For JSONL, JSON
and text output the worker also writes the partition's output bytes, and
the client appends them with the writer's ``write_part``, so the output is
what one writer would have written. CSV, TSV and Parquet writers must see
every record (the first record fixes the columns), so for those the worker
returns its outcomes and the client writes them. Either way the output,
the rejects file and the summary equal those of ``--engine local``.

Line numbers in a byte range count from its start; the client adds the
lines of the ranges before it. At most two tasks per worker thread are in
flight, so the client and the workers hold a bounded number of partitions
whatever the size of the corpus. Dask (extra ``dask``) is imported only
when this engine runs.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import bilingua

from ..io import PartWriter, RecordWriter, make_writer
from ..io.parquet import MissingDependency
from ..runner import EXAMPLES, Fields, Outcome, RecordProcessor, Source, Summary, batches, run
from . import EngineError
from .partitions import Partition, newlines_in, plan_partitions, read_partition

INSTALL_HINT = "pip install 'bilingua[dask]'"
#: Partition sizes: about four partitions per worker thread, within these bounds.
MIN_PARTITION_BYTES = 256 << 10
MAX_PARTITION_BYTES = 64 << 20


def require_distributed() -> Any:
    """Import ``distributed``, or raise :class:`MissingDependency` naming the extra."""
    try:
        import distributed
    except ImportError:
        raise MissingDependency(f"--engine dask needs Dask: {INSTALL_HINT}") from None
    return distributed


@dataclass(frozen=True)
class Job:
    """What every partition task needs besides its partition."""

    processor: RecordProcessor
    fields: Fields
    format: str
    lines: bool = False
    strict: bool = False
    quoting: str = "csv"
    #: The client's writer is a PartWriter: workers write the output bytes.
    write_parts: bool = True


@dataclass
class PartitionResult:
    """One partition's work: output bytes and rejects (part writers), or every outcome (other writers)."""

    summary: Summary
    newlines: int
    output: bytes = b""
    rejects: list[dict[str, Any]] | None = None
    outcomes: list[Outcome] | None = None


class _KeptRejects:
    """A rejects writer that keeps the entries, so the client can number their lines and write them."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self.entries.append(record)

    def close(self) -> None:
        pass


def clean_partition(partition: Partition, job: Job) -> PartitionResult:
    """Runs on a worker: read, clean and (for part writers) write one partition."""
    summary = Summary()
    items = read_partition(partition, job.fields, lines=job.lines, summary=summary, quoting=job.quoting)
    if not job.write_parts:
        outcomes = [outcome for batch in batches(items, job.fields.text) for outcome in job.processor(batch)]
        return PartitionResult(summary, newlines_in(partition), outcomes=outcomes)
    output = io.BytesIO()
    writer = make_writer(job.format, output, text_field=job.fields.text, one_per_line=job.lines)
    rejects = _KeptRejects()
    run(items, job.processor, writer, summary=summary, text_field=job.fields.text, rejects=rejects, strict=job.strict)
    return PartitionResult(summary, newlines_in(partition), output.getvalue(), rejects.entries)


def _add_part(summary: Summary, part: Summary, line_offset: int) -> None:
    summary.read += part.read
    summary.written += part.written
    summary.rejected += part.rejected
    for total, counts in ((summary.reject_kinds, part.reject_kinds), (summary.languages, part.languages),
                          (summary.removed_by_rule, part.removed_by_rule),
                          (summary.arabic_by_role, part.arabic_by_role)):
        total.update(counts)
    room = EXAMPLES - len(summary.examples)
    summary.examples += [example._replace(line=example.line + line_offset) for example in part.examples[:room]]
    summary.stopped_early = part.stopped_early


def _replayed(batch: list[tuple[str, int, Outcome]]) -> list[Outcome]:
    """The outcomes a worker computed, as :func:`run` gets them from a processor."""
    return [outcome for _, _, outcome in batch]


def _write_result(result: PartitionResult, line_offset: int, writer: RecordWriter, rejects: RecordWriter | None,
                  summary: Summary, job: Job) -> None:
    summary.bytes_read += result.summary.bytes_read
    if result.outcomes is not None:
        numbered = [outcome._replace(line=outcome.line + line_offset) for outcome in result.outcomes]
        run(((outcome.source, outcome.line, outcome) for outcome in numbered), _replayed, writer,
            summary=summary, rejects=rejects, strict=job.strict)
        return
    writer.write_part(result.output, result.summary.written)
    if rejects is not None:
        for entry in result.rejects:
            rejects.write({**entry, "line": entry["line"] + line_offset})
    _add_part(summary, result.summary, line_offset)


def _bilingua_version() -> str:
    return bilingua.__version__


@contextlib.contextmanager
def _connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler`` (an address or a scheduler file), or of a new local
    cluster of ``workers`` processes."""
    distributed = require_distributed()
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            # Loopback only; the scheduler's HTTP routes on a free port, not the shared default 8787.
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR))
            client = stack.enter_context(distributed.Client(cluster))
        else:
            # A file is a scheduler file (``dask scheduler --scheduler-file``), as on Slurm.
            where = {"scheduler_file": scheduler} if os.path.isfile(scheduler) else {"address": scheduler}
            try:
                client = stack.enter_context(distributed.Client(**where, timeout="20s"))
            except (OSError, TimeoutError, ValueError) as exc:
                raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        _check_workers(client)
        yield client


def _check_workers(client: Any) -> None:
    """Every worker must run this bilingua, or its output would differ (or its tasks fail)."""
    versions = client.run(_bilingua_version, on_error="return")
    wrong = {worker: version for worker, version in versions.items() if version != bilingua.__version__}
    if wrong:
        worker, version = next(iter(wrong.items()))
        found = f"bilingua {version}" if isinstance(version, str) else f"no working bilingua ({version!r})"
        raise EngineError(f"{len(wrong)} Dask worker(s) run something else than bilingua {bilingua.__version__}, "
                          f"e.g. {worker} has {found}: install the same bilingua on every worker")


def partition_bytes(total_bytes: int, threads: int) -> int:
    """About four partitions per worker thread, so a slow partition does not leave the others idle."""
    return max(MIN_PARTITION_BYTES, min(MAX_PARTITION_BYTES, total_bytes // (4 * max(1, threads))))


def _in_order(client: Any, partitions: list[Partition], job: Job, window: int) -> Iterator[PartitionResult]:
    """Each partition's result in input order, with at most ``window`` tasks submitted and not yet consumed."""
    distributed = require_distributed()
    pending: deque[Any] = deque()
    try:
        for partition in partitions:
            pending.append(client.submit(clean_partition, partition, job, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except distributed.KilledWorker as exc:
        raise EngineError(f"a Dask worker died while cleaning ({exc}); check the workers' memory and logs") from None
    finally:
        if pending:
            client.cancel(list(pending))


def run_on_dask(
    sources: list[Source],
    job: Job,
    writer: RecordWriter,
    *,
    summary: Summary,
    rejects: RecordWriter | None = None,
    scheduler: str | None = None,
    workers: int = 1,
    target_bytes: int | None = None,
    on_batch: Callable[[Summary], None] | None = None,
) -> Summary:
    """Clean ``sources`` on a Dask cluster and write every outcome as :func:`bilingua.runner.run` would.

    ``scheduler`` is the address of a running cluster (``tcp://HOST:PORT``);
    without it a local cluster of ``workers`` processes is started and
    stopped. ``target_bytes`` is the partition size (default: from the
    input size and the cluster's threads). ``job.write_parts`` must say
    whether ``writer`` is a :class:`~bilingua.io.PartWriter`.
    """
    if job.write_parts != isinstance(writer, PartWriter):
        raise ValueError("job.write_parts must say whether the writer is a PartWriter")
    with _connect(scheduler, workers) as client:
        threads = sum(client.nthreads().values())
        total = sum(os.path.getsize(source.path) for source in sources if os.path.isfile(source.path))
        partitions = plan_partitions(sources, target_bytes or partition_bytes(total, threads))
        next_line: dict[str, int] = {}
        results = _in_order(client, partitions, job, window=max(2, 2 * threads))
        with contextlib.closing(results):
            for partition, result in zip(partitions, results):
                path = partition.pieces[0].path
                offset = next_line.get(path, 0) if partition.byte_range else 0
                next_line[path] = offset + result.newlines
                _write_result(result, offset, writer, rejects, summary, job)
                summary.seconds = time.monotonic() - summary.started
                if on_batch is not None:
                    on_batch(summary)
                if summary.stopped_early:
                    break
    # Every partition's records were read and written or rejected, unless --strict stopped the run.
    summary.finished = not summary.stopped_early
    summary.seconds = time.monotonic() - summary.started
    return summary
