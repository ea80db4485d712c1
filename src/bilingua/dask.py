"""bilingua in Dask graphs users build themselves: a Bag of texts or records, a DataFrame text column.

Each partition is cleaned on a worker with the record processor of
``bilingua clean`` (see :mod:`bilingua.integrations`), so results equal
those of the command and of the pandas and ``datasets`` functions for the
same options. Dask is imported only when one of these functions is called:
``pip install 'bilingua[dask]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .integrations import TEXT_FIELD, clean_records, clean_series

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas


def _records_of(elements: list[Any], text_field: str) -> list[Any]:
    return [{text_field: element} if isinstance(element, (str, bytes)) else element for element in elements]


def _clean_bag_partition(elements: list[Any], text_field: str, keep_original: bool,
                         options: dict[str, Any]) -> list[dict[str, Any]]:
    return clean_records(_records_of(list(elements), text_field), text_field=text_field,
                         keep_original=keep_original, **options)


def clean_bag(bag: "dask.bag.Bag", *, text_field: str = TEXT_FIELD, keep_original: bool = False,
              **options: Any) -> "dask.bag.Bag":
    """A Bag of cleaned records, one per element, in order.

    An element that is a ``str`` (or ``bytes``) becomes ``{text_field:
    cleaned, "bilingua": meta}``; a dict record keeps its other fields and
    gets ``text_field`` cleaned and a ``bilingua`` object, as ``bilingua
    clean`` writes it. ``options`` are those of :class:`bilingua.Config`;
    ``keep_original`` adds ``raw_text``. A record whose field holds no text
    fails the computation with a TypeError naming it.
    """
    _require_dask()
    return bag.map_partitions(_clean_bag_partition, text_field, keep_original, options)


def _clean_frame_partition(frame: "pandas.DataFrame", text_column: str, keep_original: bool,
                           options: dict[str, Any]) -> "pandas.DataFrame":
    cleaned = clean_series(frame[text_column], keep_original=keep_original, **options)
    out = frame.copy()
    for name in cleaned.columns:
        out[name] = cleaned[name]
    return out


def clean_dataframe(ddf: "dask.dataframe.DataFrame", text_column: str = TEXT_FIELD, *, keep_original: bool = False,
                    **options: Any) -> "dask.dataframe.DataFrame":
    """``ddf`` with ``text_column`` cleaned and the metadata columns of :func:`bilingua.integrations.clean_series`
    added (``raw_text`` too with ``keep_original``); other columns and the index are kept."""
    _require_dask()
    if text_column not in ddf.columns:
        raise KeyError(f"the DataFrame has no column {text_column!r} (columns: {', '.join(map(str, ddf.columns))})")
    return ddf.map_partitions(_clean_frame_partition, text_column, keep_original, options)


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
    except ImportError:
        raise ImportError("bilingua.dask needs Dask: pip install 'bilingua[dask]'") from None


__all__ = ["clean_bag", "clean_dataframe"]
