"""bilingua inside the tools users already hold their text in: Hugging Face ``datasets``, pandas, plain records.

Every function here cleans with the record processor of ``bilingua clean``
(:class:`bilingua.runner.CleanRecords`), so a record cleaned here equals the
one the command writes for the same options. Tables get the columns of the
command's table output (CSV, Parquet): the text column, ``raw_text`` with
``keep_original``, and one ``bilingua.<key>`` column per metadata key, a
list or object stored as JSON text. Every row has the same columns and
types, which Arrow (under ``datasets``) needs, and such a table reads back
with ``bilingua restore``. pandas is imported only by :func:`clean_series`;
``datasets`` is never imported.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from .config import Config
from .io import Reject, flatten_record
from .io.readers import check_text
from .runner import CleanRecords, Done, Fields

if TYPE_CHECKING:
    import pandas

#: Text column (or field) cleaned when none is named.
TEXT_FIELD = "text"


@lru_cache(maxsize=32)
def _processor(config: Config, text_field: str, keep_original: bool) -> CleanRecords:
    return CleanRecords(config, Fields(text=text_field), keep_original=keep_original)


def _processor_for(options: dict[str, Any], text_field: str, keep_original: bool) -> CleanRecords:
    return _processor(Config.from_options(**options), text_field, keep_original)


def _cleaned(records: Iterable[Any], processor: CleanRecords) -> list[dict[str, Any]]:
    items = []
    for index, record in enumerate(records):
        checked = check_text(record, processor.fields.text) if isinstance(record, dict) else Reject(
            "not_object", f"a {type(record).__name__} is not a record (a dict)", record)
        if isinstance(checked, Reject):
            raise TypeError(f"record {index}: {checked.reason}")
        items.append(("", index, checked))
    cleaned = []
    for outcome in processor(items):
        if not isinstance(outcome, Done):  # the library promises not to raise; this is a bilingua bug
            raise RuntimeError(f"record {outcome.line}: {outcome.reason}")
        cleaned.append(outcome.record)
    return cleaned


def clean_records(records: Iterable[dict[str, Any]], *, text_field: str = TEXT_FIELD, keep_original: bool = False,
                  **options: Any) -> list[dict[str, Any]]:
    """Each record with ``text_field`` cleaned and a ``bilingua`` metadata object added, in order.

    ``options`` are those of :class:`bilingua.Config`. ``keep_original``
    adds the text as it was under ``raw_text``. A ``bytes`` text is decoded
    as :func:`bilingua.clean_bytes` decodes it. A record whose field holds
    no text raises TypeError saying which record and why.
    """
    return _cleaned(records, _processor_for(options, text_field, keep_original))


def clean_columns(texts: Iterable[str | bytes | None], *, text_field: str = TEXT_FIELD, keep_original: bool = False,
                  **options: Any) -> dict[str, list[Any]]:
    """A column of texts cleaned into columns: ``text_field``, ``raw_text`` (with ``keep_original``), ``bilingua.*``.

    A missing text (``None``) gives a row of ``None``; a value that is
    neither ``str``, ``bytes`` nor ``None`` raises TypeError.
    """
    processor = _processor_for(options, text_field, keep_original)
    texts = list(texts)
    present = [index for index, text in enumerate(texts) if text is not None]
    records = _cleaned(({text_field: texts[index]} for index in present), processor)
    columns: dict[str, list[Any]] = {name: [None] * len(texts) for name in _column_names(processor)}
    for index, record in zip(present, records):
        for name, value in flatten_record(record).items():
            columns[name][index] = value
    return columns


@lru_cache(maxsize=32)
def _column_names(processor: CleanRecords) -> tuple[str, ...]:
    """The columns every cleaned row has: those of an empty text cleaned with the same options."""
    [record] = _cleaned([{processor.fields.text: ""}], processor)
    return tuple(flatten_record(record))


def hf_map(batch: dict[str, list[Any]], text_field: str = TEXT_FIELD, keep_original: bool = False,
           **options: Any) -> dict[str, list[Any]]:
    """For ``datasets.Dataset.map(hf_map, batched=True)``: the text column cleaned, metadata columns added.

    Other columns are left as they are. Choose the column and the cleaning
    options with ``fn_kwargs``, e.g. ``fn_kwargs={"text_field": "body",
    "arabic": "keep"}``.
    """
    if text_field not in batch:
        raise KeyError(f"the dataset has no column {text_field!r} (columns: {', '.join(batch)}); "
                       "name the text column with fn_kwargs={'text_field': ...}")
    return clean_columns(batch[text_field], text_field=text_field, keep_original=keep_original, **options)


def clean_series(series: "pandas.Series", *, keep_original: bool = False, **options: Any) -> "pandas.DataFrame":
    """A pandas Series of texts cleaned into a DataFrame with the same index.

    The text column is named after the series (``text`` when it has no
    name); ``raw_text`` (with ``keep_original``) and the ``bilingua.*``
    metadata columns follow. A missing value (None, NaN, NA) gives a row of
    missing values.
    """
    import pandas

    text_field = series.name if isinstance(series.name, str) else TEXT_FIELD
    texts = [None if missing else value for value, missing in zip(series.tolist(), series.isna().tolist())]
    columns = clean_columns(texts, text_field=text_field, keep_original=keep_original, **options)
    return pandas.DataFrame(columns, index=series.index)


__all__ = ["clean_columns", "clean_records", "clean_series", "hf_map"]
