"""``bilingua clean`` end to end, through the installed command."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from bilingua.io import read_records, unflatten_record

from ..io.matrix import AVAILABLE_COMPRESSIONS, AVAILABLE_RECORD_FORMATS, HAS_PYARROW, HAS_ZSTD
from .helpers import (
    ARABIC,
    ENGLISH,
    ENGLISH_CLEAN,
    FURNITURE,
    FURNITURE_CLEAN,
    REPO,
    bilingua_command,
    compress,
    jsonl,
    run_cli,
    write_corpus,
)

SEED = REPO / "seeds" / "000_a24904526fcae996.txt"
GOLDEN = REPO / "tests" / "fixtures" / "000_a24904526fcae996.expected.txt"


def test_the_seed_article_through_stdin_gives_the_golden_text():
    result = run_cli("clean", "-", stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == GOLDEN.read_bytes()


def test_every_input_format_and_compression_in_one_directory(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected = {}
    for fmt in AVAILABLE_RECORD_FORMATS:
        for compression in AVAILABLE_COMPRESSIONS:
            name = f"{fmt}{compression or '-plain'}"
            records = [{"id": f"{name}-1", "text": ENGLISH, "site": fmt},
                       {"id": f"{name}-2", "text": FURNITURE, "site": fmt}]
            write_corpus(corpus / f"{name.replace('.', '_')}.{fmt}{compression}", records)
            expected.update({f"{name}-1": ENGLISH_CLEAN, f"{name}-2": FURNITURE_CLEAN})
    (corpus / "article.txt").write_text(ENGLISH, encoding="utf-8")
    expected[str(corpus / "article.txt")] = ENGLISH_CLEAN
    (corpus / "notes.md").write_text("not a corpus file")

    out = tmp_path / "out.jsonl"
    result = run_cli("clean", corpus, "-o", out, "--jobs", "1")
    assert result.returncode == 0, result.stderr.decode()
    assert "skipped 1 file" in result.stderr.decode()
    records = jsonl(out)
    assert {r["id"]: r["text"] for r in records} == expected
    assert all(r["bilingua"]["lang"] == "en" for r in records)
    assert all(set(r) == {"id", "text", "site", "bilingua"} for r in records if r["id"] != str(corpus / "article.txt"))


@pytest.mark.parametrize("suffix", ["jsonl.gz", "jsonl.bz2", "json", "csv", "tsv.xz", "txt",
                                    pytest.param("csv.zst", marks=pytest.mark.skipif(not HAS_ZSTD, reason="no zstandard")),
                                    pytest.param("parquet", marks=pytest.mark.skipif(not HAS_PYARROW, reason="no pyarrow"))])
def test_each_output_format(tmp_path, suffix):
    source = write_corpus(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH}, {"id": "b", "text": FURNITURE}])
    out = tmp_path / f"out.{suffix}"
    result = run_cli("clean", source, "-o", out, "--keep-original")
    assert result.returncode == 0, result.stderr.decode()
    if "." in suffix:  # compressed by its last suffix
        assert out.read_bytes()[:2] != b"id" and out.read_bytes()[:1] != b"{"
    fmt = suffix.split(".")[0]
    if fmt == "txt":
        assert out.read_text(encoding="utf-8") == f"{ENGLISH_CLEAN}\n\n{FURNITURE_CLEAN}"
        return
    records = [unflatten_record(record) for _, _, record in read_records(str(out), fmt)]
    assert [(r["id"], r["text"], r["raw_text"]) for r in records] == [
        ("a", ENGLISH_CLEAN, ENGLISH), ("b", FURNITURE_CLEAN, FURNITURE)]
    assert records[0]["bilingua"]["arabic_fragments"][0]["role"] == "boilerplate"
    assert records[1]["bilingua"]["removed"][0]["rule"] == "en.share"


def test_compressed_txt_documents_and_ndjson(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected = {}
    for compression in AVAILABLE_COMPRESSIONS:
        path = corpus / f"doc{compression.replace('.', '_')}.txt{compression}"
        path.write_bytes(compress(ENGLISH.encode(), compression))
        expected[str(path)] = ENGLISH_CLEAN
    for name in ("feed.ndjson", "feed2.ndjson.gz"):
        write_corpus(corpus / name, [{"id": name, "text": FURNITURE}])
        expected[name] = FURNITURE_CLEAN
    result = run_cli("clean", corpus, "-F", "jsonl", "-q")
    assert result.returncode == 0, result.stderr.decode()
    assert {r["id"]: r["text"] for r in map(json.loads, result.stdout.splitlines())} == expected


@pytest.mark.parametrize("compression", AVAILABLE_COMPRESSIONS)
def test_a_compressed_txt_file_read_one_document_per_line(tmp_path, compression):
    path = tmp_path / f"titles.txt{compression}"
    path.write_bytes(compress(f"{FURNITURE_CLEAN}\nA \u201cquoted\u201d title\n".encode(), compression))
    result = run_cli("clean", path, "--lines", "-F", "jsonl", "-q")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["text"]) for r in records] == [(f"{path}:1", FURNITURE_CLEAN), (f"{path}:2", 'A "quoted" title')]


def test_without_output_the_inputs_format_goes_to_stdout(tmp_path):
    source = write_corpus(tmp_path / "in.csv", [{"id": "a", "text": ENGLISH}])
    result = run_cli("clean", source, "-q")
    assert result.returncode == 0 and result.stderr == b""
    header, row = result.stdout.decode().splitlines()[:2]
    assert header.startswith("id,text,bilingua.lang,") and row.startswith(f'a,"{ENGLISH_CLEAN.replace(chr(34), 2 * chr(34))}",en,')


def test_lines_mode_reads_and_writes_one_document_per_line():
    # Each line is a document: "Share" alone is all furniture, so it is kept (docs/policy.md, section 6).
    result = run_cli("clean", "-", "--lines", "-q", stdin="a \u201cb\u201d\n\nShare\nc , d\n".encode())
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == 'a "b"\n\nShare\nc, d\n'


def test_a_directory_of_txt_documents_keeps_paths_as_ids_in_sorted_order(tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "b.txt").write_text(FURNITURE, encoding="utf-8")
    (docs / "sub" / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (docs / "c.txt").write_bytes("caf\xe9 au lait".encode("cp1252"))
    result = run_cli("clean", docs, "-F", "jsonl", "-q")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["text"]) for r in records] == [
        (str(docs / "b.txt"), FURNITURE_CLEAN),
        (str(docs / "c.txt"), "caf\xe9 au lait"),
        (str(docs / "sub" / "a.txt"), ENGLISH_CLEAN),
    ]
    assert records[1]["bilingua"]["encoding"] == "cp1252"


def test_every_record_is_written_or_rejected_with_its_line_number(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"id": 1, "text": "One \\u201cgood\\u201d record."}\n'
        b'{"id": 2, "text": "cut off\n'
        b'{"id": 3}\n'
        b'{"id": 4, "text": ["not", "text"]}\n'
        b'{"id": 5, "text": "caf\xe9"}\n'
        b'{"id": 6, "text": "Another good one."}\n'
    )
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = run_cli("clean", source, "-o", out, "--rejects", rejects)
    assert result.returncode == 0, result.stderr.decode()
    written, rejected = jsonl(out), jsonl(rejects)
    assert len(written) + len(rejected) == 6
    assert [r["id"] for r in written] == [1, 6]
    assert [(r["line"], r["kind"]) for r in rejected] == [
        (2, "bad_json"), (3, "missing_text"), (4, "text_not_string"), (5, "undecodable")]
    assert rejected[0] == {"source": str(source), "line": 2, "kind": "bad_json",
                           "reason": rejected[0]["reason"], "raw": '{"id": 2, "text": "cut off'}
    assert rejected[1]["id"] == 3 and rejected[1]["raw"] == {"id": 3}
    stderr = result.stderr.decode()
    assert "4 record(s) rejected; see" in stderr and "bad_json" in stderr


def test_rejects_are_reported_on_stderr_when_not_kept(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "fine"}\nnot json\n')
    result = run_cli("clean", source, "-q")
    assert result.returncode == 0
    assert f"{source}:2: not valid JSON" in result.stderr.decode()
    assert "pass --rejects FILE" in result.stderr.decode()


def test_jobs_1_and_2_give_identical_bytes(tmp_path):
    texts = [ENGLISH, FURNITURE, ARABIC, "Short line , with space."]
    records = [{"id": i, "text": texts[i % 4] + f" {i}"} for i in range(700)]
    source = write_corpus(tmp_path / "in.jsonl", records)
    with source.open("a") as stream:
        stream.write("{broken\n")
    outputs = []
    for jobs in ("1", "2"):
        out, rejects = tmp_path / f"out{jobs}.jsonl", tmp_path / f"rejects{jobs}.jsonl"
        result = run_cli("clean", source, "-o", out, "--rejects", rejects, "--jobs", jobs, "--lang", "en")
        assert result.returncode == 0, result.stderr.decode()
        outputs.append((out.read_bytes(), rejects.read_bytes()))
    assert outputs[0] == outputs[1]
    written, rejected = outputs[0][0].count(b"\n"), outputs[0][1].count(b"\n")
    assert (written, rejected) == (525, 176)
    assert b'"kind":"language"' in outputs[0][1]


def test_strict_fails_on_the_first_reject_and_writes_no_output(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "fine"}\n{"text": 1}\n{"text": "never read"}\n')
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = run_cli("clean", source, "-o", out, "--rejects", rejects, "--strict")
    assert result.returncode == 1
    assert not out.exists()
    assert [r["line"] for r in jsonl(rejects)] == [2]
    assert f"{source}:2" in result.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "rejects.jsonl"]


def test_the_language_filter_sends_the_others_to_the_rejects(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", [{"id": "en", "text": ENGLISH}, {"id": "ar", "text": ARABIC}])
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = run_cli("clean", source, "-o", out, "--rejects", rejects, "--lang", "en")
    assert result.returncode == 0, result.stderr.decode()
    assert [r["id"] for r in jsonl(out)] == ["en"]
    [reject] = jsonl(rejects)
    assert (reject["kind"], reject["id"], reject["raw"]) == ("language", "ar", {"id": "ar", "text": ARABIC})
    assert "'ar'" in reject["reason"]


def test_outputs_in_the_way_are_refused(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", [{"text": ENGLISH}])
    before = source.read_bytes()
    existing = tmp_path / "out.jsonl"
    existing.write_text("keep me")
    result = run_cli("clean", source, "-o", existing)
    assert result.returncode == 2 and "--force" in result.stderr.decode()
    result = run_cli("clean", source, "-o", source, "--force")
    assert result.returncode == 2 and "also an input" in result.stderr.decode()
    assert existing.read_text() == "keep me" and source.read_bytes() == before
    assert "Traceback" not in result.stderr.decode()


@pytest.mark.parametrize(
    "args, message",
    [
        (["clean", "missing.jsonl"], "does not exist"),
        (["clean", "data.dat"], "--input-format"),
        (["clean", "in.jsonl", "--rules", "in.jsonl"], "--rules"),
    ],
)
def test_usage_errors_exit_2_with_a_message(tmp_path, args, message):
    (tmp_path / "data.dat").write_text("x")
    write_corpus(tmp_path / "in.jsonl", [{"text": "x"}])
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_parquet_without_pyarrow_names_the_extra(tmp_path):
    fake = tmp_path / "fake" / "pyarrow"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('pyarrow is hidden for this test')\n")
    (tmp_path / "in.parquet").write_bytes(b"PAR1")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "fake")}
    result = subprocess.run([bilingua_command(), "clean", "in.parquet"], cwd=tmp_path, env=env,
                            capture_output=True, timeout=60)
    assert result.returncode == 2
    assert "pip install 'bilingua[parquet]'" in result.stderr.decode()


def test_a_lone_surrogate_escape_is_cleaned_and_restored(tmp_path):
    # "\ud800" is valid JSON that orjson refuses; scraped text holds such escapes.
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": 1, "text": "Bad \\ud800 byte, \\u201cquoted\\u201d."}\n')
    cleaned = tmp_path / "out.jsonl"
    result = run_cli("clean", str(source), "-o", str(cleaned), "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    [record] = jsonl(cleaned)
    assert record["text"] == 'Bad \ufffd byte, "quoted".'
    assert record["bilingua"]["changes"]["undecodable"] == 1
    restored = tmp_path / "back.jsonl"
    assert run_cli("restore", str(cleaned), "-o", str(restored), "--quiet").returncode == 0
    assert json.loads(restored.read_text("utf-8")) == json.loads(source.read_text("utf-8"))


def test_integers_beyond_64_bits_are_kept_exactly(tmp_path):
    # orjson would read them as floats; "every other field is kept as it was".
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": 123456789012345678901234567890, "score": 1.5, "text": "Plain text."}\n')
    cleaned = tmp_path / "out.jsonl"
    result = run_cli("clean", str(source), "-o", str(cleaned), "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    [record] = jsonl(cleaned)
    assert record["id"] == 123456789012345678901234567890
    assert record["score"] == 1.5
