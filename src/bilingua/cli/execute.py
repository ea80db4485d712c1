"""Shared by ``clean`` and ``restore``: check the plan, then run it with atomic outputs.

Everything that can be wrong with the arguments is found before the first
record is read, so a user error costs nothing and leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Any, Callable, Iterator, NamedTuple

from ..engines import EngineError
from ..io import (
    STDIN,
    InputError,
    Output,
    OutputError,
    PartWriter,
    RecordWriter,
    check_output_path,
    expand_inputs,
    format_of,
    make_writer,
    part_path,
    source_format,
)
from ..io.compression import CompressionUnavailable, require_zstandard
from ..io.formats import BINARY_FORMATS
from ..io.parquet import MissingDependency, require_pyarrow
from ..runner import BATCH_BYTES, Fields, RecordProcessor, Source, Summary, read_sources, run
from . import resume
from .common import ExitCode, fail, interactive, stderr_console, usage_error
from .display import print_summary, progress_bar, report_rejects


def plan_sources(arguments: list[str], input_format: str | None, stdin_format: str = "txt") -> list[Source]:
    """Expand INPUT arguments and give each source its format; usage errors name the argument."""
    try:
        found = expand_inputs(arguments, input_format=input_format)
        sources = [Source(path, source_format(path, input_format, stdin_format)) for path in found.sources]
    except InputError as exc:
        usage_error(str(exc))
    if found.skipped:
        shown = ", ".join(found.skipped[:5]) + (" ..." if len(found.skipped) > 5 else "")
        stderr_console().print(f"skipped {len(found.skipped)} file(s) whose suffix names no format: {shown} "
                               "(pass --input-format to read them)", soft_wrap=True, highlight=False, markup=False)
    if not sources:
        usage_error("the inputs hold no file to read")
    return sources


def output_format(output: str | None, chosen: str | None, sources: list[Source]) -> str:
    """--output-format, else OUTPUT's suffix (JSONL when it names none), else the inputs' one format."""
    if chosen is not None:
        return chosen
    if output is not None:
        return format_of(output) or "jsonl"
    formats = {source.format for source in sources}
    return formats.pop() if len(formats) == 1 else "jsonl"


def check_plan(sources: list[Source], output: str | None, fmt: str, rejects: str | None, force: bool,
               resume: bool = False) -> None:
    """Refuse, before reading anything, what would fail later or destroy data."""
    inputs = [source.path for source in sources]
    if resume:
        if force:
            usage_error("--resume continues a part file and --force starts over: give one of them")
        if output is None:
            usage_error("--resume needs an output file (-o): stdout cannot be continued")
        if fmt not in RESUMABLE_FORMATS:
            usage_error(f"{fmt} output cannot be resumed (its footer describes the whole file); run without --resume")
        if STDIN in inputs:
            usage_error("--resume needs inputs it can read again: not stdin")
    try:
        for path in filter(None, (output, rejects)):
            check_output_path(path, inputs, force=force, resume=resume)
        if output is not None and rejects is not None and os.path.abspath(output) == os.path.abspath(rejects):
            usage_error("--rejects and --output name the same file; give the rejects their own file")
        if "parquet" in {fmt, *(source.format for source in sources)}:
            require_pyarrow()
        if any(path and path.lower().endswith(".zst") for path in (*inputs, output, rejects)):
            require_zstandard()
    except (OutputError, MissingDependency, CompressionUnavailable) as exc:
        usage_error(str(exc))
    if output is None and fmt in BINARY_FORMATS and sys.stdout.isatty():
        usage_error(f"{fmt} is binary: write it to a file with -o, or pipe stdout elsewhere")


def check_engine(engine: str, scheduler: str | None, sources: list[Source], *, resume: bool = False) -> None:
    """--engine dask needs Dask installed and files (workers cannot read this process's stdin)."""
    if scheduler is not None and engine != "dask":
        usage_error("--scheduler names a Dask cluster: add --engine dask")
    if engine != "dask":
        return
    from ..engines.dask import require_distributed  # Dask's engine: imported only by runs that use it

    try:
        require_distributed()
    except MissingDependency as exc:
        usage_error(str(exc))
    if any(source.path == STDIN for source in sources):
        usage_error("--engine dask reads files, not standard input; use --engine local for stdin")
    if resume:
        usage_error("--resume continues a local run's part file; the dask engine writes no checkpoints")


#: Output formats a run can resume: all but Parquet, whose footer describes the whole file.
RESUMABLE_FORMATS = frozenset({"jsonl", "json", "csv", "tsv", "txt"})


@contextlib.contextmanager
def _optional_output(path: str | None, **options: Any) -> Iterator[Output | None]:
    if path is None:
        yield None
    else:
        with Output(path, **options) as output:
            yield output


class Plan(NamedTuple):
    """One run: what to read, how to process it, where results and rejects go."""

    sources: list[Source]
    processor: RecordProcessor
    fields: Fields
    output: str | None
    format: str
    rejects: str | None
    lines: bool = False
    strict: bool = False
    quiet: bool = False
    jobs: int = 1
    title: str = "bilingua"
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    quoting: str = "csv"


def start_workers_early(sources: list[Source], jobs: int, engine: str) -> None:
    """Start worker start-up now when the run will use workers: more than a batch of input, local engine."""
    total = _total_bytes(sources)
    if engine == "local" and jobs > 1 and total is not None and total > BATCH_BYTES:
        from .. import workers  # multiprocessing: imported only by runs that use workers

        workers.start_early(jobs)


def _total_bytes(sources: list[Source]) -> int | None:
    if any(source.path == STDIN for source in sources):
        return None
    return sum(os.path.getsize(source.path) for source in sources if os.path.isfile(source.path))


def _run_on_dask(plan: Plan, writer: RecordWriter, rejects: RecordWriter | None, summary: Summary,
                 on_batch: Callable[[Summary], None]) -> None:
    from ..engines.dask import Job, run_on_dask

    job = Job(plan.processor, plan.fields, plan.format, lines=plan.lines, strict=plan.strict, quoting=plan.quoting,
              write_parts=isinstance(writer, PartWriter))
    run_on_dask(plan.sources, job, writer, summary=summary, rejects=rejects, scheduler=plan.scheduler,
                workers=plan.jobs, on_batch=on_batch)


def _broken_pool() -> tuple[type[BaseException], ...]:
    """``BrokenExecutor`` once workers have run, else nothing to catch.

    Only a process pool raises it, and a run with workers has imported
    ``concurrent.futures``; a run on one job does not pay for that import
    (with ``logging``, ~3 ms) to name an exception it cannot meet.
    """
    futures = sys.modules.get("concurrent.futures")
    return () if futures is None else (futures.BrokenExecutor,)


def _run_with_outputs(plan: Plan, summary: Summary) -> None:
    # A file output in a format that can be continued keeps checkpoints, so a killed run can be resumed.
    resumable = (plan.engine == "local" and plan.output is not None and plan.format in RESUMABLE_FORMATS
                 and all(source.path != STDIN for source in plan.sources))
    run_fingerprint = resume.fingerprint(plan) if resumable else ""
    state = resume.resume_point(plan, run_fingerprint) if resumable else None
    # Every engine writes in segments, which end by bytes written: the same compressed bytes for all.
    segmented = plan.format in RESUMABLE_FORMATS
    with Output(plan.output, segmented=segmented, resume=state and state["output"]) as out, \
            _optional_output(plan.rejects, segmented=True, resume=state and state["rejects"]) as rejects_out:
        writer = make_writer(plan.format, out.stream, text_field=plan.fields.text, one_per_line=plan.lines)
        rejects_writer = make_writer("jsonl", rejects_out.stream) if rejects_out else None
        if state:
            writer.resume(state["writer"])
            summary.carry_over(state["counts"])
        checkpoint = resume.checkpointer(run_fingerprint, out, writer, rejects_out) if resumable else None
        with progress_bar(interactive(plan.quiet), summary.bytes_total) as on_progress:

            def on_batch(summary: Summary) -> None:
                on_progress(summary)
                if checkpoint is not None:
                    checkpoint(summary)

            if plan.engine == "dask":
                _run_on_dask(plan, writer, rejects_writer, summary, on_batch)
            else:
                items = read_sources(plan.sources, plan.fields, lines=plan.lines, summary=summary, quoting=plan.quoting)
                run(items, plan.processor, writer, summary=summary, text_field=plan.fields.text,
                    rejects=rejects_writer, jobs=plan.jobs, strict=plan.strict, on_batch=on_batch,
                    skip=state["items"] if state else 0)
        if rejects_out is not None:
            rejects_writer.close()
            rejects_out.commit()
        if summary.balanced:
            writer.close()
            out.commit()


def _write_error(plan: Plan, exc: OSError) -> str:
    """What went wrong writing the output, and what is left of it."""
    for path in filter(None, (plan.output, plan.rejects)):
        directory = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(directory):
            return f"the directory {directory} of {path} was removed during the run; nothing could be kept there"
    problem = f"cannot write {exc.filename or plan.output or 'the output'}: {exc.strerror or exc}"
    if plan.output is not None and os.path.exists(part_path(plan.output)):
        return (f"{problem}; what was written up to the last checkpoint is kept in {part_path(plan.output)}: "
                "make room, then run the same command with --resume")
    return f"{problem}; no output file was written"


def execute(plan: Plan) -> Summary:
    """Run the plan; exit 1 if --strict stopped it, 3 if it could not finish,
    4 if cleaning raised on some records, 5 if records were not accounted for, 130 on Ctrl-C."""
    summary = Summary(bytes_total=_total_bytes(plan.sources))
    try:
        _run_with_outputs(plan, summary)
    except KeyboardInterrupt:
        summary.seconds = time.monotonic() - summary.started
        if not plan.quiet:
            print_summary(summary, f"{plan.title} (interrupted)")
        fail("interrupted; no output file was written", ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader of stdout went away (``| head``); nothing left to tell it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(ExitCode.BROKEN_PIPE) from None
    except OutputError as exc:  # another run holds the part file: found before anything was read
        usage_error(str(exc))
    except _broken_pool() as exc:  # the workers' process pool broke (a BrokenProcessPool)
        fail(f"{exc}; no output file was written. Try --jobs 1 to see why")
    except EngineError as exc:
        fail(f"{exc}; no output file was written")
    except OSError as exc:
        fail(_write_error(plan, exc))
    if not plan.quiet:
        print_summary(summary, plan.title)
    report_rejects(summary, plan.rejects)
    where = "stdout holds the records before it" if plan.output is None else "no output file was written"
    if summary.stopped_early:
        first = summary.examples[0]
        fail(f"--strict: stopped at the first reject, {first.source}:{first.line}: {first.reason}; {where}",
             ExitCode.REJECTS)
    if not summary.balanced:
        # A record lost or written twice on the way: a bug; the output cannot be trusted.
        fail(f"records read ({summary.read:,}) != written ({summary.written:,}) + rejected ({summary.rejected:,}): "
             f"a bilingua bug, please report it; {where}", ExitCode.UNACCOUNTED)
    if summary.reject_kinds.get("error"):
        # Bad data is rejected with its reason and the run is a success; an
        # exception inside cleaning is a bilingua bug and must not look like one.
        fail(f"cleaning raised an error on {summary.reject_kinds['error']} record(s); the output holds the rest "
             "and the rejects file (--rejects) those records with the error: please report it",
             ExitCode.RECORD_ERRORS)
    return summary
