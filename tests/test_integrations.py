"""pandas and Hugging Face datasets, with the real libraries: cleaned text and metadata columns per row."""

from __future__ import annotations

import json

import pytest

import bilingua
from bilingua.integrations import clean_columns, clean_records, clean_series, hf_map
from bilingua.io import unflatten_record

from .cli.helpers import ARABIC, ENGLISH, ENGLISH_CLEAN, FURNITURE, FURNITURE_CLEAN

TEXTS = [ENGLISH, None, FURNITURE, ARABIC]


def assert_row_is_the_library_result(row: dict, text: str, text_field: str = "text") -> None:
    """A row equals what bilingua.clean gives for its text, its metadata back from the flat columns."""
    expected = bilingua.clean(text)
    record = unflatten_record(row)
    assert record[text_field] == expected.text
    assert record["bilingua"] == expected.meta
    assert bilingua.restore(record[text_field], record["bilingua"]) == text


def test_records_keep_their_fields_and_get_the_cleaned_text_and_metadata():
    [record] = clean_records([{"id": 7, "text": ENGLISH, "site": "x"}], keep_original=True)
    assert record == {"id": 7, "text": ENGLISH_CLEAN, "site": "x", "raw_text": ENGLISH,
                      "bilingua": bilingua.clean(ENGLISH).meta}


@pytest.mark.parametrize(("record", "reason"), [
    ({"body": "x"}, "record 1: the record has no field 'text'"),
    ({"text": 5}, "record 1: field 'text' is int, not a string"),
    ("a string", "record 1: a str is not a record"),
])
def test_a_record_without_text_is_a_type_error_naming_it(record, reason):
    with pytest.raises(TypeError, match=reason):
        clean_records([{"text": "fine"}, record])


def test_columns_hold_every_row_with_none_for_a_missing_text():
    columns = clean_columns(TEXTS, arabic="keep")
    assert {len(values) for values in columns.values()} == {len(TEXTS)}
    assert all(values[1] is None for values in columns.values())
    assert columns["text"][0] == bilingua.clean(ENGLISH, arabic="keep").text
    assert json.loads(columns["bilingua.edits"][0]) == bilingua.clean(ENGLISH, arabic="keep").meta["edits"]


def test_hf_map_with_a_real_dataset_adds_the_metadata_columns():
    datasets = pytest.importorskip("datasets", reason="Hugging Face datasets is the extra 'hf': pip install -e '.[hf]'")
    ds = datasets.Dataset.from_dict({"id": [1, 2, 3, 4], "text": TEXTS})
    out = ds.map(hf_map, batched=True, batch_size=3)
    assert out.column_names[:2] == ["id", "text"]
    assert set(out.column_names[2:]) == {f"bilingua.{key}" for key in bilingua.clean("").meta}
    assert out["id"] == [1, 2, 3, 4]
    for row, text in zip(out, TEXTS):
        if text is None:
            assert all(value is None for key, value in row.items() if key != "id")
        else:
            assert_row_is_the_library_result({k: v for k, v in row.items() if k != "id"}, text)


def test_hf_map_takes_the_column_and_options_from_fn_kwargs():
    datasets = pytest.importorskip("datasets", reason="Hugging Face datasets is the extra 'hf': pip install -e '.[hf]'")
    ds = datasets.Dataset.from_dict({"body": [FURNITURE]})
    out = ds.map(hf_map, batched=True, fn_kwargs={"text_field": "body", "remove_boilerplate": False,
                                                   "keep_original": True})
    assert out[0]["body"] == bilingua.clean(FURNITURE, remove_boilerplate=False).text != FURNITURE_CLEAN
    assert out[0]["raw_text"] == FURNITURE
    with pytest.raises(KeyError, match="fn_kwargs=\\{'text_field'"):
        ds.map(hf_map, batched=True)


def test_a_pandas_series_becomes_a_frame_with_its_index_and_name():
    pandas = pytest.importorskip("pandas", reason="pandas is the extra 'pandas': pip install -e '.[pandas]'")
    series = pandas.Series([ENGLISH, float("nan"), FURNITURE, None], index=[10, 11, 12, 13], name="body")
    frame = clean_series(series)
    assert list(frame.index) == [10, 11, 12, 13]
    assert list(frame.columns) == ["body", *(f"bilingua.{key}" for key in bilingua.clean("").meta)]
    assert frame.loc[[11, 13]].isna().all().all()
    for index, text in ((10, ENGLISH), (12, FURNITURE)):
        assert_row_is_the_library_result(frame.loc[index].to_dict(), text, text_field="body")
    assert list(clean_series(pandas.Series([ARABIC])).columns)[0] == "text"
