"""Run a corpus through the library: batches, worker processes, ordered output, accounting.

The main process reads records and writes results; workers parse JSONL
lines and clean. Records travel to workers in batches (:data:`BATCH_RECORDS`
records or :data:`BATCH_BYTES` of text, or of lines for unparsed JSONL,
whichever comes first) so the cost of moving
them is small next to the cost of cleaning them, and at most
``2 * jobs`` batches are in flight, so memory does not grow with the
corpus. Results are written in input order, so the output is byte-identical
for every number of workers.

Every record read ends up written or rejected, never both, never neither:
``Summary.read == Summary.written + Summary.rejected``, counted on both
sides and checked by the caller at the end of a run. Nothing here knows
about the command line; the CLI turns a :class:`Summary` into a table.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from itertools import chain, groupby, islice
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Protocol

import bilingua

from .io import META_KEY, Item, JsonLine, Reject, RecordWriter, UnwritableRecord, read_records, unflatten_record
from .io.records import dumps

BATCH_RECORDS = 256
BATCH_BYTES = 1 << 20
#: Field ``--keep-original`` adds, holding the text as it was read.
RAW_TEXT_FIELD = "raw_text"
#: How many rejects a summary keeps as examples for stderr.
EXAMPLES = 5


class Rejected(NamedTuple):
    """A record that was not written, with where it came from and why."""

    source: str
    line: int
    kind: str
    reason: str
    raw: Any
    id: Any = None

    def to_dict(self) -> dict[str, Any]:
        """The line written to the rejects file."""
        entry = {"source": self.source, "line": self.line, "kind": self.kind, "reason": self.reason}
        if self.id is not None:
            entry["id"] = self.id
        entry["raw"] = self.raw
        return entry


class Done(NamedTuple):
    """A record ready to be written, with where it came from."""

    source: str
    line: int
    record: dict[str, Any]


class Encoded(NamedTuple):
    """Consecutive records already written as their JSONL lines, with what the summary counts of them.

    Workers send this instead of :class:`Done` when the output is JSONL,
    one for each run of written records in a batch: one block of bytes and
    three small counters cross between processes at a fraction of the cost
    of the records and their metadata, and the main process, which reads
    and writes for every worker, writes the block in one call. ``source``
    and ``line`` are those of the run's first record.
    """

    source: str
    line: int
    data: bytes
    records: int
    languages: Counter
    rules: Counter
    roles: Counter


Outcome = Done | Encoded | Rejected


class RecordProcessor(Protocol):
    """Turns a batch of read items into their outcomes, in order. Must be picklable.

    One outcome per item, except that consecutive written records may share one :class:`Encoded`.
    """

    def __call__(self, batch: list[Item]) -> list[Outcome]: ...


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields of a record hold its text and its id."""

    text: str = "text"
    id: str = "id"


def original_record(record: dict[str, Any], fields: Fields = Fields()) -> dict[str, Any]:
    """The input record a cleaned record came from: text restored, metadata dropped.

    ``raw_text`` is dropped too when it holds exactly the restored text, i.e.
    when ``--keep-original`` added it. Raises ValueError when the text and
    its metadata do not belong together.
    """
    meta = record.get(META_KEY)
    if not isinstance(meta, dict):
        raise ValueError(f"the record has no {META_KEY!r} metadata to restore from")
    restored = bilingua.restore(record[fields.text], meta)
    original = {key: value for key, value in record.items() if key != META_KEY}
    original[fields.text] = restored
    if original.get(RAW_TEXT_FIELD) == restored:
        del original[RAW_TEXT_FIELD]
    return original


@dataclass(frozen=True)
class CleanRecords:
    """Cleans each record's text field; sent to workers, where it builds its own Cleaner."""

    config: bilingua.Config
    fields: Fields = Fields()
    keep_original: bool = False
    languages: frozenset[str] = frozenset()
    #: Give written records as their JSONL lines (:class:`Encoded`): for JSONL output.
    encode: bool = False

    def __call__(self, batch: list[Item]) -> list[Outcome]:
        cleaner = _cleaner_for(self.config)
        outcomes = [self._one(cleaner, source, line, record) for source, line, record in batch]
        return _encoded_runs(outcomes) if self.encode else outcomes

    def _one(self, cleaner: bilingua.Cleaner, source: str, line: int,
             record: dict[str, Any] | Reject | JsonLine) -> Outcome | _Line:
        if isinstance(record, JsonLine):
            record = record.parse(self.fields.text)
        if isinstance(record, Reject):
            return _passed_on(source, line, record, self.fields)
        text = record[self.fields.text]
        try:
            result = cleaner.clean(text) if isinstance(text, str) else cleaner.clean_bytes(text)
        except Exception as exc:  # the library promises not to raise; one bad record must not end the run
            return Rejected(source, line, "error", f"cleaning failed: {type(exc).__name__}: {exc}",
                            record, _id_of(record, self.fields))

        def original() -> str:  # bytes were decoded by the library; restore gives that text back
            return text if isinstance(text, str) else bilingua.restore(result.text, result.meta)

        lang = result.meta.get("lang")
        if self.languages and lang not in self.languages:
            wanted = ", ".join(sorted(self.languages))
            return Rejected(source, line, "language", f"language {lang!r} is not among --lang {wanted}",
                            {**record, self.fields.text: original()}, _id_of(record, self.fields))
        cleaned = dict(record)
        cleaned[self.fields.text] = result.text
        if self.keep_original and RAW_TEXT_FIELD not in record:  # a second cleaning keeps the first original
            cleaned[RAW_TEXT_FIELD] = original()
        cleaned[META_KEY] = result.meta
        if self.encode:
            try:
                data = dumps(cleaned) + b"\n"
            except UnwritableRecord:  # the writer rejects it, with its reason
                return Done(source, line, cleaned)
            return _Line(source, line, data, result.meta)
        return Done(source, line, cleaned)


class _Line(NamedTuple):
    """A record written as its JSONL line, with its metadata: what :func:`_encoded_runs` joins."""

    source: str
    line: int
    data: bytes
    meta: dict[str, Any]


def _encoded_runs(outcomes: list[Outcome | _Line]) -> list[Outcome]:
    """The outcomes with each run of consecutive lines joined into one :class:`Encoded`."""
    joined: list[Outcome] = []
    for is_line, group in groupby(outcomes, key=lambda outcome: isinstance(outcome, _Line)):
        if not is_line:
            joined.extend(group)
            continue
        lines = list(group)
        languages, rules, roles = Counter(), Counter(), Counter()
        for line in lines:
            _tally(line.meta, languages, rules, roles)
        joined.append(Encoded(lines[0].source, lines[0].line, b"".join(line.data for line in lines), len(lines),
                              languages, rules, roles))
    return joined


def _tally(meta: dict[str, Any], languages: Counter, rules: Counter, roles: Counter) -> None:
    """Count what the summary counts of a written record: its language, removed lines' rules, fragments' roles."""
    languages[meta.get("lang")] += 1
    rules.update(item.get("rule") for item in meta.get("removed", ()))
    roles.update(item.get("role") for item in meta.get("arabic_fragments", ()))


@dataclass(frozen=True)
class RestoreRecords:
    """Rebuilds input records from cleaned records (JSON, or table rows with ``bilingua.*`` columns)."""

    fields: Fields = Fields()

    def __call__(self, batch: list[Item]) -> list[Outcome]:
        return [self._one(source, line, record) for source, line, record in batch]

    def _one(self, source: str, line: int, record: dict[str, Any] | Reject | JsonLine) -> Outcome:
        if isinstance(record, JsonLine):
            record = record.parse(self.fields.text)
        if isinstance(record, Reject):
            return _passed_on(source, line, record, self.fields)
        record = unflatten_record(record)
        try:
            return Done(source, line, original_record(record, self.fields))
        except (ValueError, TypeError, KeyError) as exc:
            return Rejected(source, line, "not_restorable", f"cannot restore: {exc}", record, _id_of(record, self.fields))


def _id_of(record: Any, fields: Fields) -> Any:
    return record.get(fields.id) if isinstance(record, dict) else None


def _passed_on(source: str, line: int, reject: Reject, fields: Fields) -> Rejected:
    """A reader's reject, as the runner reports it."""
    return Rejected(source, line, reject.kind, reject.reason, reject.raw, _id_of(reject.raw, fields))


_CLEANERS: dict[bilingua.Config, bilingua.Cleaner] = {}


def _cleaner_for(config: bilingua.Config) -> bilingua.Cleaner:
    cleaner = _CLEANERS.get(config)
    if cleaner is None:
        cleaner = _CLEANERS[config] = bilingua.Cleaner(config)
    return cleaner


@dataclass
class Summary:
    """What a run did.

    ``read`` counts records as they are read, ``written`` and ``rejected``
    as their outcomes are written: two counts kept apart, so that a run that
    finished with ``read != written + rejected`` (a record lost or doubled
    on the way, a bilingua bug) shows as :attr:`unaccounted`, not as a
    success. A run interrupted (Ctrl-C) leaves records read but not
    processed; ``finished`` tells the two apart. A run ``--strict`` stopped
    counts as read only the records up to the first reject.
    """

    read: int = 0
    written: int = 0
    rejected: int = 0
    bytes_read: int = 0
    bytes_total: int | None = None
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0
    stopped_early: bool = False
    finished: bool = False
    reject_kinds: Counter = field(default_factory=Counter)
    removed_by_rule: Counter = field(default_factory=Counter)
    arabic_by_role: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    examples: list[Rejected] = field(default_factory=list)

    @property
    def unaccounted(self) -> int:
        """Records read that were neither written nor rejected (negative: outcomes with no record read)."""
        return self.read - self.written - self.rejected

    @property
    def balanced(self) -> bool:
        """A finished run accounted for every record it read, once."""
        return self.finished and self.unaccounted == 0

    def counts(self) -> dict[str, Any]:
        """The outcome counts as plain JSON data, for a run that resumes this one to carry over."""
        return {"written": self.written, "rejected": self.rejected,
                **{name: [[key, count] for key, count in getattr(self, name).items()] for name in _COUNTERS},
                "examples": [example.to_dict() for example in self.examples]}

    def carry_over(self, counts: dict[str, Any]) -> None:
        """Add the outcome counts of the run this one resumes (its records are read again, not counted twice)."""
        self.written += counts["written"]
        self.rejected += counts["rejected"]
        for name in _COUNTERS:
            getattr(self, name).update(dict(counts[name]))
        self.examples += [Rejected(**example) for example in counts["examples"]][: EXAMPLES - len(self.examples)]

    def add_bytes(self, count: int) -> None:
        self.bytes_read += count

    def count_written(self, record: dict[str, Any]) -> None:
        meta = record.get(META_KEY)
        if not isinstance(meta, dict):
            self.written += 1
            return
        self.written += 1
        _tally(meta, self.languages, self.removed_by_rule, self.arabic_by_role)

    def count_encoded(self, encoded: Encoded) -> None:
        """Count the records of ``encoded`` as written."""
        self.written += encoded.records
        self.languages.update(encoded.languages)
        self.removed_by_rule.update(encoded.rules)
        self.arabic_by_role.update(encoded.roles)

    def count_rejected(self, rejected: Rejected) -> None:
        self.rejected += 1
        self.reject_kinds[rejected.kind] += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(rejected)


_COUNTERS = ("reject_kinds", "removed_by_rule", "arabic_by_role", "languages")


def batches(items: Iterable[Item], text_field: str, max_records: int = BATCH_RECORDS,
            max_bytes: int = BATCH_BYTES) -> Iterator[list[Item]]:
    """Group items into batches of at most ``max_records`` records or about ``max_bytes`` of text (or of lines)."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        record = item[2]
        if isinstance(record, JsonLine):
            size += len(record.raw)
        elif isinstance(record, dict):
            text = record.get(text_field)
            size += len(text) if isinstance(text, (str, bytes)) else 0
        if len(batch) >= max_records or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def ordered_map(processor: RecordProcessor, work: Iterable[list[Item]], jobs: int) -> Iterator[list[Outcome]]:
    """``processor`` over each batch, results in input order, on ``jobs`` worker processes.

    A run of one batch, or ``jobs == 1``, stays in this process: starting
    workers would cost more than it saves. A batch whose worker dies is run
    again (see :mod:`bilingua.workers`).
    """
    work = iter(work)
    head = [batch for batch in (next(work, None), next(work, None)) if batch is not None]
    if jobs <= 1 or len(head) < 2:
        yield from map(processor, chain(head, work))
        return
    from .workers import WorkerPool  # multiprocessing: imported only when workers are used

    pool = WorkerPool(processor, jobs, lost=_worker_died)
    try:
        for batch in chain(head, work):
            pool.submit(batch)
            if len(pool) >= 2 * jobs:
                yield pool.next_result()
        while len(pool):
            yield pool.next_result()
    finally:
        pool.close()


def _worker_died(item: Item, reason: str) -> Rejected:
    source, line, record = item
    if isinstance(record, JsonLine):
        record = record.record()
    return Rejected(source, line, "worker_died", reason, record.raw if isinstance(record, Reject) else record)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class Source(NamedTuple):
    """One input to read and the format to read it as."""

    path: str
    format: str


def read_sources(sources: Iterable[Source], fields: Fields, *, lines: bool, summary: Summary,
                 quoting: str = "csv") -> Iterator[Item]:
    """The items of every source in order, counting bytes read into ``summary``.

    JSONL lines are left for the processor to parse (:class:`~bilingua.io.JsonLine`):
    with ``--jobs`` above one that is in the workers.
    """
    for source in sources:
        yield from read_records(source.path, source.format, text_field=fields.text, id_field=fields.id,
                                lines=lines, on_bytes=summary.add_bytes, parse=False, quoting=quoting)


def run(
    items: Iterable[Item],
    processor: RecordProcessor,
    writer: RecordWriter,
    *,
    summary: Summary,
    text_field: str = "text",
    rejects: RecordWriter | None = None,
    jobs: int = 1,
    strict: bool = False,
    on_batch: Callable[[Summary], None] | None = None,
    skip: int = 0,
) -> Summary:
    """Process ``items`` and write each outcome to ``writer`` or ``rejects``, in input order.

    The first ``skip`` items are read (and counted as read) but not
    processed: a resumed run's output already holds their outcomes.

    With ``strict`` the run stops at the first reject (``summary.stopped_early``);
    the caller then discards the output. The writers are not closed here.
    ``summary.finished`` is set when every item was processed; the caller
    must then check ``summary.balanced``.
    """
    unprocessed = islice(_counted(items, summary), skip, None)
    with closing(ordered_map(processor, batches(unprocessed, text_field), jobs)) as results:
        for outcomes in results:
            for outcome in outcomes:
                if isinstance(outcome, Encoded):
                    writer.write_encoded(outcome.data)
                    summary.count_encoded(outcome)
                    continue
                if isinstance(outcome, Done):
                    try:
                        writer.write(outcome.record)
                    except UnwritableRecord as exc:
                        outcome = Rejected(outcome.source, outcome.line, "unwritable", str(exc), outcome.record)
                    else:
                        summary.count_written(outcome.record)
                        continue
                summary.count_rejected(outcome)
                if rejects is not None:
                    rejects.write(outcome.to_dict())
                if strict:
                    # The records read ahead of the first reject are not part of the run.
                    summary.stopped_early = True
                    summary.read = summary.written + summary.rejected
                    break
            summary.seconds = time.monotonic() - summary.started
            if on_batch is not None:
                on_batch(summary)
            if summary.stopped_early:
                break
        else:
            summary.finished = True
    summary.seconds = time.monotonic() - summary.started
    return summary


def _counted(items: Iterable[Item], summary: Summary) -> Iterator[Item]:
    """``items``, counted into ``summary.read`` as they are read."""
    for item in items:
        summary.read += 1
        yield item


__all__ = [
    "BATCH_BYTES",
    "BATCH_RECORDS",
    "CleanRecords",
    "Done",
    "Encoded",
    "Fields",
    "RAW_TEXT_FIELD",
    "RecordProcessor",
    "Rejected",
    "RestoreRecords",
    "Source",
    "Summary",
    "batches",
    "default_jobs",
    "ordered_map",
    "original_record",
    "read_sources",
    "run",
]
