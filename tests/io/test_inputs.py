"""INPUT arguments: directories, globs, stdin, and formats told by name."""

from __future__ import annotations

import pytest

from bilingua.io import InputError, expand_inputs, format_of, source_format


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("a.txt", "txt"),
        ("a.JSONL", "jsonl"),
        ("a.ndjson.gz", "jsonl"),
        ("a.json.bz2", "json"),
        ("a.csv.xz", "csv"),
        ("a.tsv.zst", "tsv"),
        ("a.parquet", "parquet"),
        ("a.gz", None),
        ("README", None),
    ],
)
def test_format_is_told_by_the_suffix_under_any_compression(name, fmt):
    assert format_of(name) == fmt


def test_a_directory_gives_its_corpus_files_sorted_and_names_the_others(tmp_path):
    for name in ["b.txt", "a/z.jsonl.gz", "a/notes.md", ".hidden/x.txt", "c/.y.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = expand_inputs([str(tmp_path)])
    assert found.sources == [str(tmp_path / "a/z.jsonl.gz"), str(tmp_path / "b.txt")]
    assert found.skipped == [str(tmp_path / "a/notes.md")]
    every = expand_inputs([str(tmp_path)], input_format="txt")
    assert str(tmp_path / "a/notes.md") in every.sources and not every.skipped


def test_globs_and_repeats(tmp_path):
    for name in ["1.txt", "2.txt", "3.csv"]:
        (tmp_path / name).write_text("x")
    found = expand_inputs([str(tmp_path / "*.txt"), str(tmp_path / "1.txt"), "-"])
    assert found.sources == [str(tmp_path / "1.txt"), str(tmp_path / "2.txt"), "-"]
    with pytest.raises(InputError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.parquet")])
    with pytest.raises(InputError, match="does not exist"):
        expand_inputs([str(tmp_path / "missing.txt")])


def test_source_format():
    assert source_format("-", None) == "txt"
    assert source_format("x.dat", "jsonl") == "jsonl"
    with pytest.raises(InputError, match="--input-format"):
        source_format("x.dat", None)
