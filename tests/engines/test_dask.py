"""The Dask engine on a real local cluster gives the local engine's output, rejects and summary, byte for byte."""

from __future__ import annotations

import io
import subprocess
import sys
import time

import pytest

import bilingua
from bilingua.engines.dask import Job, run_on_dask
from bilingua.io import PartWriter, make_writer
from bilingua.runner import CleanRecords, Fields, Source, Summary, read_sources, run

from ..cli.helpers import ARABIC, ENGLISH, FURNITURE, run_cli, write_corpus
from ..io.matrix import HAS_PYARROW

pytest.importorskip("distributed", reason="Dask is the optional extra 'dask': pip install -c constraints.txt -e '.[dask]'")

#: Partitions this small cut the test corpora into several byte ranges each.
TARGET_BYTES = 2048


def documents(count: int) -> list[dict]:
    texts = [ENGLISH, FURNITURE, ARABIC, f"{FURNITURE}\n{ENGLISH}"]
    return [{"id": i, "text": f"{texts[i % len(texts)]} ({i})", "site": "s"} for i in range(count)]


@pytest.fixture
def big_jsonl(tmp_path):
    """A JSONL file of many byte ranges, with a bad line, a blank line, a text that is not a string,
    and (past the first range) a record with a field the first did not have."""
    path = write_corpus(tmp_path / "big.jsonl", documents(120))
    lines = path.read_bytes().splitlines(keepends=True)
    lines[70:70] = [b"{not json\n", b"\n", b'{"id": "n", "text": 5}\n']
    lines[90] = lines[90].replace(b'"site": "s"', b'"site": "s", "extra": true')
    path.write_bytes(b"".join(lines))
    return path


@pytest.fixture
def corpus_dir(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(ENGLISH, encoding="utf-8")
    write_corpus(corpus / "b.jsonl", documents(30))
    write_corpus(corpus / "c.csv", documents(12))
    write_corpus(corpus / "sub" / "d.jsonl.gz", documents(25))
    (corpus / "sub" / "e.txt").write_text(FURNITURE, encoding="utf-8")
    return corpus


def counts(summary: Summary) -> tuple:
    """Everything a summary says except timing."""
    return (summary.read, summary.written, summary.rejected, summary.bytes_read, summary.stopped_early,
            summary.reject_kinds, summary.languages, summary.removed_by_rule, summary.arabic_by_role,
            summary.examples)


def both_engines(client, sources: list[Source], fmt: str, *, strict: bool = False, lines: bool = False,
                 processor: CleanRecords | None = None):
    """(output, rejects, summary) of the local runner and of the Dask engine for the same run."""
    processor = processor or CleanRecords(bilingua.Config())
    results = []
    for engine in ("local", "dask"):
        out, rejects, summary = io.BytesIO(), io.BytesIO(), Summary()
        writer = make_writer(fmt, out, one_per_line=lines)
        rejects_writer = make_writer("jsonl", rejects)
        if engine == "local":
            run(read_sources(sources, Fields(), lines=lines, summary=summary), processor, writer,
                summary=summary, rejects=rejects_writer, strict=strict)
        else:
            job = Job(processor, Fields(), fmt, lines=lines, strict=strict, write_parts=isinstance(writer, PartWriter))
            run_on_dask(sources, job, writer, summary=summary, rejects=rejects_writer,
                        scheduler=client.scheduler.address, target_bytes=TARGET_BYTES)
        writer.close()
        results.append((out.getvalue(), rejects.getvalue(), counts(summary)))
    return results


OUTPUT_FORMATS = ["jsonl", "json", "txt", "csv", "tsv"] + (["parquet"] if HAS_PYARROW else [])


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_a_jsonl_file_cut_into_ranges_gives_the_local_output_rejects_and_summary(dask_client, big_jsonl, fmt):
    local, dask = both_engines(dask_client, [Source(str(big_jsonl), "jsonl")], fmt)
    assert dask == local
    summary = local[2]
    assert summary[5].keys() >= {"bad_json", "text_not_string"}
    if fmt in ("csv", "tsv"):
        assert summary[5]["unwritable"] == 1
    assert b'"line":71,"kind":"bad_json"' in local[1] and b'"line":73,"kind":"text_not_string"' in local[1]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "txt", "csv"])
def test_a_directory_of_mixed_files_gives_the_local_output(dask_client, corpus_dir, fmt):
    sources = [Source(str(path), bilingua.io.format_of(path.name)) for path in sorted(corpus_dir.rglob("*.*"))]
    local, dask = both_engines(dask_client, sources, fmt)
    assert dask == local and local[2][0] == 1 + 30 + 12 + 25 + 1


def test_one_document_per_line_and_options_reach_the_workers(dask_client, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(f"Iraq (\u0627\u0644\u0639\u0631\u0627\u0642) said {i}." for i in range(400)) + "\n")
    processor = CleanRecords(bilingua.Config(arabic="keep", detect_language=False), keep_original=True,
                             languages=frozenset({"en"}))
    local, dask = both_engines(dask_client, [Source(str(path), "txt")], "txt", lines=True, processor=processor)
    assert dask == local and "\u0627\u0644\u0639\u0631\u0627\u0642" in local[0].decode()


def test_strict_stops_at_the_first_reject_as_the_local_engine_does(dask_client, big_jsonl):
    local, dask = both_engines(dask_client, [Source(str(big_jsonl), "jsonl")], "jsonl", strict=True)
    assert dask[:2] == local[:2]
    # Records and bytes read differ: each engine reads ahead of the record it
    # stops at by its own batches and buffers; what was written and rejected does not.
    outcomes = [summary[1:3] + summary[4:] for _, _, summary in (local, dask)]
    assert outcomes[1] == outcomes[0]
    assert local[2][4] is True and local[2][1:3] == (70, 1)


def test_the_command_gives_the_same_files_with_either_engine(dask_client, big_jsonl, corpus_dir, tmp_path):
    for inputs, name in (([big_jsonl], "big.jsonl.gz"), ([corpus_dir, big_jsonl], "all.json")):
        files = {}
        for engine in ("local", "dask"):
            out, rejects = tmp_path / f"{engine}-{name}", tmp_path / f"{engine}-rejects.jsonl"
            extra = ["--scheduler", dask_client.scheduler.address] if engine == "dask" else []
            result = run_cli("clean", *inputs, "-o", out, "--rejects", rejects, "--force", "--engine", engine, *extra)
            assert result.returncode == 0, result.stderr.decode()
            # The summary after its timing line; the rejects file is named there.
            summary = result.stderr.decode().replace(str(rejects), "REJECTS").splitlines()[1:]
            files[engine] = (out.read_bytes(), rejects.read_bytes(), summary)
        assert files["dask"] == files["local"]


def test_a_cluster_of_dask_scheduler_and_dask_worker_is_reached_through_its_scheduler_file(tmp_path):
    """The recipe of docs/scaling.md, on the loopback: the same output as the local engine."""
    source = write_corpus(tmp_path / "in.jsonl", documents(10))
    scheduler_file = tmp_path / "scheduler.json"
    loopback = ["--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0"]
    dask_command = [sys.executable, "-m", "dask"]
    scheduler = subprocess.Popen([*dask_command, "scheduler", "--port", "0", "--scheduler-file", scheduler_file,
                                  *loopback], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([*dask_command, "worker", "--scheduler-file", scheduler_file, "--nworkers", "1",
                               "--nthreads", "1", *loopback], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # the scheduler writes its file once it listens
            if scheduler_file.exists():
                break
            time.sleep(0.1)
        dask = run_cli("clean", source, "-q", "--engine", "dask", "--scheduler", scheduler_file)
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=60)
    assert dask.returncode == 0, dask.stderr.decode()
    assert dask.stdout == run_cli("clean", source, "-q").stdout


def test_the_command_starts_its_own_cluster_without_a_scheduler(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", documents(10))
    local = run_cli("clean", source, "-q", "--engine", "local")
    dask = run_cli("clean", source, "-q", "--engine", "dask", "--jobs", "1")
    assert dask.returncode == 0, dask.stderr.decode()
    assert dask.stdout == local.stdout
    assert dask.stderr == b"", dask.stderr.decode()


@pytest.mark.parametrize(("args", "message"), [
    (["--scheduler", "tcp://127.0.0.1:9"], "--scheduler names a Dask cluster: add --engine dask"),
    (["--engine", "dask", "-"], "--engine dask reads files, not standard input"),
])
def test_usage_errors_name_what_to_change(tmp_path, args, message):
    source = write_corpus(tmp_path / "in.jsonl", documents(2))
    result = run_cli("clean", source, *args)
    assert result.returncode == 2 and message in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_without_dask_the_error_names_the_pip_command(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", documents(2))
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from bilingua.cli import app\n"
            f"app(['clean', {str(source)!r}, '--engine', 'dask'])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--engine dask needs Dask: pip install 'bilingua[dask]'" in result.stderr
