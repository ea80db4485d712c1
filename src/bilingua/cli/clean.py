"""``bilingua clean``: the corpus cleaning run."""

from enum import Enum
from typing import Annotated, Optional

import typer

import bilingua

from ..io import META_KEY
from ..runner import RAW_TEXT_FIELD, CleanRecords, Fields, default_jobs
from .common import (
    ForceOption,
    IdFieldOption,
    InputFormatOption,
    OutputFormatOption,
    OutputOption,
    QuietOption,
    RejectsOption,
    StrictOption,
    TextFieldOption,
    usage_error,
)
from .execute import Plan, check_engine, check_plan, execute, output_format, plan_sources, start_workers_early


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class Quoting(str, Enum):
    csv = "csv"
    none = "none"


class ArabicPolicy(str, Enum):
    separate = "separate"
    keep_inline = "keep-inline"
    keep = "keep"


def build_config(arabic: ArabicPolicy, rules: list[str], detect_language: bool, lang_sample: int,
                 keep_boilerplate: bool) -> bilingua.Config:
    """The library config the options describe.

    The user's rule files are loaded here, so a bad one stops the run before
    any record is read. The packaged rules are not: the suite checks them,
    and with ``--jobs`` above one this process never cleans.
    """
    try:
        config = bilingua.Config(arabic=arabic.value.replace("-", "_"), detect_language=detect_language,
                                 lang_sample=lang_sample, rule_files=tuple(rules),
                                 remove_boilerplate=not keep_boilerplate)
        if config.rule_files:
            bilingua.load_rules(config.rule_files)
    except bilingua.RuleFileError as exc:
        raise typer.BadParameter(str(exc), param_hint="--rules") from None
    except OSError as exc:
        raise typer.BadParameter(f"cannot read {exc.filename}: {exc.strerror}", param_hint="--rules") from None
    except ValueError as exc:
        usage_error(str(exc))
    return config


def clean(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT", show_default=False,
        help="Files, directories (read recursively), glob patterns, or - for stdin.")],
    output: OutputOption = None,
    input_format: InputFormatOption = None,
    output_format_: OutputFormatOption = None,
    lines: Annotated[bool, typer.Option(
        "--lines", help="A .txt input (or stdin) holds one document per line, not one per file.")] = False,
    quoting: Annotated[Quoting, typer.Option(
        "--quoting", case_sensitive=False,
        help="How CSV and TSV fields are quoted: csv, a field in double quotes may hold the delimiter, "
             "line breaks and doubled quotes (what spreadsheets and pandas write); none, quotes are text "
             "and a field ends at the next delimiter or line break (TSV corpora written without quoting).")
    ] = Quoting.csv,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    keep_original: Annotated[bool, typer.Option(
        "--keep-original", help="Also write the text as read, under raw_text.")] = False,
    languages: Annotated[Optional[list[str]], typer.Option(
        "--lang", metavar="LANG", show_default=False,
        help="Keep only documents in this language (repeatable, e.g. --lang en); "
             "the others go to the rejects with their language.")] = None,
    rejects: RejectsOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue the part file (OUTPUT.bilingua-part) a killed run left, from its last checkpoint, "
                         "instead of starting over; the output is the same as an uninterrupted run's.")] = False,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", metavar="N", min=1, show_default=False,
        help="Worker processes (with --engine dask and no --scheduler, the local cluster's workers). "
             "Default: all cores. Output is the same for every value.")] = None,
    engine: Annotated[Engine, typer.Option(
        "--engine", case_sensitive=False,
        help="local: worker processes on this machine; dask: a Dask cluster (extra 'dask'), see "
             "docs/scaling.md. Output is the same for both.")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", metavar="ADDRESS", show_default=False,
        help="With --engine dask: the scheduler of a running cluster, e.g. tcp://10.0.0.5:8786, or its "
             "scheduler file (dask scheduler --scheduler-file). Default: start a cluster on this machine.")] = None,
    quiet: QuietOption = False,
    arabic: Annotated[ArabicPolicy, typer.Option(
        "--arabic", case_sensitive=False,
        help="Arabic fragments in a non-Arabic document: separate takes them all out of the text, "
             "keep-inline keeps those inside an English sentence, keep leaves them all. "
             "They are reported in the metadata in every case.")] = ArabicPolicy.separate,
    rules: Annotated[Optional[list[str]], typer.Option(
        "--rules", metavar="FILE", show_default=False,
        help="Extra boilerplate rule file (TOML, the packaged rules' schema); repeatable. "
             "See `bilingua rules list`.")] = None,
    detect_language: Annotated[bool, typer.Option(
        "--lang-detect/--no-lang",
        help="Identify each document's language. --no-lang decides by script alone "
             "(ar for Arabic script, en for Latin, und otherwise): faster.")] = True,
    lang_sample: Annotated[int, typer.Option(
        "--lang-sample", metavar="CHARS", min=20,
        help="Characters of each document given to language identification (at least 20).")] = 400,
    keep_boilerplate: Annotated[bool, typer.Option(
        "--keep-boilerplate", help="Do not remove page-furniture lines (share, read more, copyright, ...).")] = False,
) -> None:
    """Clean a scraped corpus: records in, cleaned records with their metadata out.

    Formats are told by suffix: .txt (one document per file, or per line with
    --lines), .jsonl/.ndjson, .json (an array), .csv, .tsv, .parquet; any of
    them may be .gz, .bz2, .xz or .zst compressed. Output is JSONL with the
    text field cleaned and a `bilingua` object of metadata; stdin with no
    format is one text document and prints the cleaned text.
    """
    if text_field == id_field:
        raise typer.BadParameter("the text and id fields must differ", param_hint="--id-field")
    if text_field == META_KEY:
        raise typer.BadParameter(f"the metadata is written under {META_KEY!r}: the cleaned text would be lost; "
                                 "rename the field first", param_hint="--text-field")
    if keep_original and text_field == RAW_TEXT_FIELD:
        raise typer.BadParameter(f"--keep-original writes the text as read under {RAW_TEXT_FIELD!r}, which would "
                                 "replace the cleaned text; rename the field first", param_hint="--text-field")
    jobs = jobs or default_jobs()
    sources = plan_sources(inputs, input_format.value if input_format else None)
    config = build_config(arabic, rules or [], detect_language, lang_sample, keep_boilerplate)
    fmt = output_format(output, output_format_.value if output_format_ else None, sources)
    check_plan(sources, output, fmt, rejects, force, resume=resume)
    check_engine(engine.value, scheduler, sources, resume=resume)
    start_workers_early(sources, jobs, engine.value)
    fields = Fields(text=text_field, id=id_field)
    processor = CleanRecords(config, fields, keep_original=keep_original,
                             languages=frozenset(lang.lower() for lang in languages or ()), encode=fmt == "jsonl")
    execute(Plan(sources, processor, fields, output, fmt, rejects, lines=lines, strict=strict, quiet=quiet,
                 jobs=jobs, title="bilingua clean", engine=engine.value, scheduler=scheduler,
                 resume=resume, quoting=quoting.value))
