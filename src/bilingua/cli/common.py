"""What every command shares: exit codes, the stderr console, options, user errors."""

from __future__ import annotations

import sys
from enum import Enum, IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from ..io import FORMATS

if TYPE_CHECKING:
    from rich.console import Console


class ExitCode(IntEnum):
    """Exit statuses, documented in docs/cli.md."""

    OK = 0
    REJECTS = 1  # --strict and at least one record rejected
    USAGE = 2  # bad option or argument, missing input, output in the way
    FAILED = 3  # the run could not finish: output unwritable, a worker died
    RECORD_ERRORS = 4  # the run finished, but cleaning raised an error on some records
    UNACCOUNTED = 5  # the run finished, but records read != written + rejected
    INTERRUPTED = 130  # Ctrl-C
    BROKEN_PIPE = 141  # whoever read stdout stopped reading (``| head``)


@lru_cache(maxsize=None)
def stderr_console() -> Console:
    """Where messages, tables and progress go: stderr; stdout carries only data.

    Made on first use: rich takes ~35 ms to import, which a run that prints
    nothing (``--quiet``, no rejects) need not pay.
    """
    from rich.console import Console

    return Console(stderr=True)

Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
#: What ``restore`` reads: records with their metadata, so every format but txt.
RecordFormat = Enum("RecordFormat", {name: name for name in FORMATS if name != "txt"}, type=str)  # type: ignore[misc]


def print_error(message: str) -> None:
    """``Error: message`` on stderr, on one line however wide the terminal."""
    from rich.markup import escape

    stderr_console().print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True, highlight=False)


def fail(message: str, code: ExitCode = ExitCode.FAILED) -> NoReturn:
    """Stop with ``code`` after printing ``message`` on stderr (no traceback)."""
    print_error(message)
    raise typer.Exit(int(code))


def usage_error(message: str) -> NoReturn:
    """Stop with exit status 2 and a message saying what to change."""
    fail(message, ExitCode.USAGE)


def interactive(quiet: bool) -> bool:
    """Progress is drawn only for a person watching: both streams on a terminal, not --quiet."""
    return not quiet and sys.stdout.isatty() and sys.stderr.isatty()


_INPUT_FORMAT_HELP = "Read every input as this format instead of telling it by suffix."
InputFormatOption = Annotated[
    Optional[Format], typer.Option("--input-format", "-f", help=_INPUT_FORMAT_HELP, show_default=False)
]
RecordInputFormatOption = Annotated[
    Optional[RecordFormat], typer.Option("--input-format", "-f", help=_INPUT_FORMAT_HELP, show_default=False)
]
OutputFormatOption = Annotated[
    Optional[Format],
    typer.Option("--output-format", "-F", show_default=False,
                 help="Write this format. Default: by OUTPUT's suffix (JSONL when unknown); "
                      "without -o, the inputs' format."),
]
TextFieldOption = Annotated[
    str, typer.Option("--text-field", metavar="FIELD", help="Field (column) that holds the document text.")
]
IdFieldOption = Annotated[
    str, typer.Option("--id-field", metavar="FIELD", help="Field that identifies a record: copied into rejects; "
                                         "a .txt document gets its path under it.")
]
OutputOption = Annotated[
    Optional[str],
    typer.Option("--output", "-o", metavar="FILE", show_default=False,
                 help="File to write (.gz/.bz2/.xz/.zst compress). Written to a temporary file and renamed "
                      "at the end. Default: stdout."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace OUTPUT (and the rejects file) if it exists.")]
ForceOutputOption = Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")]
RejectsOption = Annotated[
    Optional[str],
    typer.Option("--rejects", metavar="FILE", show_default=False,
                 help="JSONL file for every record not written, with source, line, kind, reason and the raw record."),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Stop at the first reject, write no output, and exit with status 1.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no summary table (rejects are still reported).")
]
