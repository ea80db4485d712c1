"""Progress while a run goes, and the summary table after it, both on stderr.

rich is imported when something is drawn, not with this module: a quiet run
draws nothing.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Callable, Iterator

from ..runner import Summary
from .common import stderr_console

if TYPE_CHECKING:
    from rich.table import Table


@contextlib.contextmanager
def progress_bar(enabled: bool, total_bytes: int | None) -> Iterator[Callable[[Summary], None]]:
    """A callback that redraws records, MB, rates and ETA; does nothing when not ``enabled``."""
    if not enabled:
        yield lambda summary: None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("{task.fields[records]:,} records"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TextColumn("{task.fields[rate]:,.0f} rec/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=stderr_console(), transient=True) as progress:
        task = progress.add_task("clean", total=total_bytes, records=0, rate=0.0)

        def update(summary: Summary) -> None:
            rate = summary.read / summary.seconds if summary.seconds else 0.0
            progress.update(task, completed=summary.bytes_read, records=summary.read, rate=rate)

        yield update


def print_summary(summary: Summary, title: str) -> None:
    """A line of totals, then the summary table."""
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    console = stderr_console()
    console.print(f"{title}: {summary.seconds:.1f} s, {summary.bytes_read / 1e6:.1f} MB read, {rate:,.0f} records/s",
                  soft_wrap=True, highlight=False, markup=False)
    console.print(summary_table(summary))


def summary_table(summary: Summary) -> Table:
    """Records read/written/rejected, rejects by kind, languages, removals by rule, Arabic fragments by role."""
    from rich.table import Table

    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_column(justify="right")
    table.add_row("records", "read", f"{summary.read:,}")
    table.add_row("", "written", f"{summary.written:,}")
    table.add_row("", "rejected", f"{summary.rejected:,}")
    if not summary.finished:
        if summary.unaccounted:
            table.add_row("", "not processed", f"{summary.unaccounted:,}")
    elif summary.balanced:
        table.add_row("check", "read = written + rejected", "ok")
    else:
        table.add_row("check", "read = written + rejected", f"FAILED: {summary.unaccounted:+,}")
    sections = (
        ("rejected", summary.reject_kinds),
        ("language", summary.languages),
        ("removed by rule", summary.removed_by_rule),
        ("Arabic fragments", summary.arabic_by_role),
    )
    for label, counter in sections:
        for index, (key, count) in enumerate(sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))):
            table.add_row(label if index == 0 else "", str(key), f"{count:,}")
    return table


def report_rejects(summary: Summary, rejects_path: str | None) -> None:
    """Rejects are never silent: say how many and where they went, with examples if kept nowhere."""
    if not summary.rejected:
        return
    console = stderr_console()
    if rejects_path is not None:
        console.print(f"{summary.rejected:,} record(s) rejected; see {rejects_path}",
                      soft_wrap=True, highlight=False, markup=False)
        return
    console.print(f"[yellow]{summary.rejected:,} record(s) rejected[/] (not kept: pass --rejects FILE to keep them):",
                  soft_wrap=True, highlight=False)
    for rejected in summary.examples:
        console.print(f"  {rejected.source}:{rejected.line}: {rejected.reason}",
                      soft_wrap=True, highlight=False, markup=False)
    if summary.rejected > len(summary.examples):
        console.print(f"  ... and {summary.rejected - len(summary.examples):,} more", highlight=False)
