"""``bilingua normalize``, ``detect`` and ``restore``: one document in, or cleaned records back."""

import os
import sys
from typing import Annotated

import orjson
import typer

import bilingua
from bilingua.stages.decode import decode_bytes

from ..io import STDIN, Output, OutputError, check_output_path
from ..io.readers import open_source
from ..runner import Fields, RestoreRecords
from .common import (
    ForceOption,
    ForceOutputOption,
    IdFieldOption,
    OutputFormatOption,
    OutputOption,
    QuietOption,
    RecordInputFormatOption,
    RejectsOption,
    StrictOption,
    TextFieldOption,
    fail,
    usage_error,
)
from .execute import Plan, check_plan, execute, output_format, plan_sources

DocumentArgument = Annotated[
    str, typer.Argument(metavar="FILE", help="A text file (.gz/.bz2/.xz/.zst too), or - for stdin.")
]


def read_document(source: str) -> str:
    """One whole document, decoded as ``clean`` decodes bytes (BOM, UTF-8, then legacy encodings)."""
    if source != STDIN and not os.path.isfile(source):
        usage_error(f"{source} is not a file")
    try:
        with open_source(source) as stream:
            return decode_bytes(stream.read()).text
    except OSError as exc:
        fail(f"cannot read {source}: {exc}")


def normalize(
    source: DocumentArgument = STDIN,
    output: OutputOption = None,
    force: ForceOutputOption = False,
) -> None:
    """Repair encoding, Unicode, punctuation and spacing only: nothing is taken out of the text."""
    text = bilingua.normalize(read_document(source))
    try:
        if output is not None:
            check_output_path(output, [source], force=force)
        with Output(output) as out:
            out.stream.write(text.encode("utf-8"))
            out.commit()
    except OutputError as exc:
        usage_error(str(exc))


def detect(
    source: DocumentArgument = STDIN,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON instead of a table.")] = False,
) -> None:
    """Show a document's language, script shares and Arabic fragments with their roles."""
    found = bilingua.detect(read_document(source))
    if as_json:
        sys.stdout.buffer.write(orjson.dumps(found, option=orjson.OPT_INDENT_2) + b"\n")
        return
    from rich.console import Console  # imported by the commands that draw, not by every start
    from rich.table import Table

    console = Console()
    ratio = found["script_ratio"]
    overview = Table(title="Language and scripts", title_justify="left", show_header=False)
    overview.add_row("language", f"{found['lang']} ({found['lang_score']:.2f})")
    for script in ("latin", "arabic", "other"):
        overview.add_row(f"{script} letters", f"{ratio.get(script, 0.0):.1%}")
    console.print(overview)
    fragments = Table(title=f"Arabic fragments: {len(found['arabic_fragments'])}", title_justify="left")
    for column in ("start", "end", "role", "rule", "text", "translit"):
        fragments.add_column(column, justify="right" if column in ("start", "end") else "left")
    for fragment in found["arabic_fragments"]:
        fragments.add_row(str(fragment["start"]), str(fragment["end"]), fragment["role"],
                          fragment.get("rule") or "", fragment["text"], fragment.get("translit") or "")
    console.print(fragments)


def restore(
    inputs: Annotated[list[str], typer.Argument(
        metavar="CLEANED", show_default=False,
        help="Records written by `bilingua clean` (JSONL, JSON, CSV, TSV or Parquet), or - for stdin.")],
    output: OutputOption = None,
    input_format: RecordInputFormatOption = None,
    output_format_: OutputFormatOption = None,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    rejects: RejectsOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    quiet: QuietOption = False,
) -> None:
    """Rebuild the input records from cleaned records and their metadata.

    The text field gets its original text back and the `bilingua` object (or
    the `bilingua.*` columns) is dropped; so is raw_text when --keep-original
    added it. A record whose text and metadata do not belong together is
    rejected.
    """
    sources = plan_sources(inputs, input_format.value if input_format else None, stdin_format="jsonl")
    if any(source.format == "txt" for source in sources):
        usage_error("restore needs records with their bilingua metadata: JSONL, JSON, CSV, TSV or Parquet, not text")
    fmt = output_format(output, output_format_.value if output_format_ else None, sources)
    check_plan(sources, output, fmt, rejects, force)
    fields = Fields(text=text_field, id=id_field)
    execute(Plan(sources, RestoreRecords(fields), fields, output, fmt, rejects, strict=strict, quiet=quiet,
                 title="bilingua restore"))
