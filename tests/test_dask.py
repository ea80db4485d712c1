"""bilingua.dask on a real local cluster: Bags and DataFrames cleaned per partition, order and index kept."""

from __future__ import annotations

import pytest

import bilingua
from bilingua.integrations import clean_series

from .cli.helpers import ARABIC, ENGLISH, FURNITURE

pytest.importorskip("dask.dataframe", reason="Dask is the optional extra 'dask': pip install -e '.[dask]'")

TEXTS = [f"{[ENGLISH, FURNITURE, ARABIC][i % 3]} ({i})" for i in range(40)]


def test_clean_bag_cleans_texts_and_records_in_order(dask_client):
    import dask.bag

    elements = [text if i % 2 else {"id": i, "text": text} for i, text in enumerate(TEXTS)]
    bag = bilingua.dask.clean_bag(dask.bag.from_sequence(elements, npartitions=4), arabic="keep")
    cleaned = dask_client.compute(bag).result()
    expected = [bilingua.clean(text, arabic="keep") for text in TEXTS]
    assert [record["text"] for record in cleaned] == [result.text for result in expected]
    assert [record["bilingua"] for record in cleaned] == [result.meta for result in expected]
    assert [record.get("id") for record in cleaned] == [None if i % 2 else i for i in range(len(TEXTS))]


def test_clean_dataframe_cleans_a_column_and_adds_the_metadata_columns(dask_client):
    import dask.dataframe
    import pandas

    frame = pandas.DataFrame({"id": range(len(TEXTS)), "text": TEXTS, "site": "s"}, index=range(100, 140))
    ddf = dask.dataframe.from_pandas(frame, npartitions=3)
    cleaned = dask_client.compute(bilingua.dask.clean_dataframe(ddf, "text")).result()
    expected = clean_series(frame["text"])
    assert list(cleaned.columns) == ["id", "text", "site", *expected.columns[1:]]
    assert list(cleaned.index) == list(frame.index)
    pandas.testing.assert_frame_equal(cleaned[expected.columns], expected)
    assert list(cleaned["text"]) == [bilingua.clean(text).text for text in TEXTS]


def test_clean_dataframe_names_a_missing_column():
    import dask.dataframe
    import pandas

    ddf = dask.dataframe.from_pandas(pandas.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="no column 'text'"):
        bilingua.dask.clean_dataframe(ddf)
