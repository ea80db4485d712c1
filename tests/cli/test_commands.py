"""``restore``, ``normalize``, ``detect``, ``rules``, ``--version``, help: the commands besides ``clean``."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

import bilingua
from bilingua.cli import app
from bilingua.runner import CleanRecords

from .helpers import ARABIC, ENGLISH, FURNITURE, jsonl, run_cli, write_corpus

runner = CliRunner()


def test_restore_gives_back_the_input_records(tmp_path):
    records = [{"id": "a", "text": ENGLISH, "site": "x"}, {"id": "b", "text": FURNITURE, "site": "y"},
               {"id": "c", "text": ARABIC, "site": "z"}]
    source = write_corpus(tmp_path / "in.jsonl", records)
    cleaned, restored = tmp_path / "cleaned.csv", tmp_path / "restored.jsonl"
    assert run_cli("clean", source, "-o", cleaned, "--keep-original", "-q").returncode == 0
    result = run_cli("restore", cleaned, "-o", restored)
    assert result.returncode == 0, result.stderr.decode()
    assert jsonl(restored) == records


def _compact(record: dict) -> bytes:
    """A JSONL line in the form bilingua writes: compact, UTF-8, keys in order."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def test_restore_is_byte_identical_for_jsonl_in_bilinguas_own_form(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        _compact({"id": "a", "text": ENGLISH, "score": 1.5, "tags": ["x", "\u00e9"], "none": None, "ok": True})
        + _compact({"text": FURNITURE, "raw_text": "the user's own field", "nested": {"k": [1, {"d": 2}]}})
        + _compact({"id": 123456789012345678901234567890, "text": ARABIC})
        + b'{"id":4,"text":"Bad \\ud800 byte, caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d."}\n'
    )
    cleaned, restored = tmp_path / "cleaned.jsonl", tmp_path / "restored.jsonl"
    assert run_cli("clean", source, "-o", cleaned, "-q").returncode == 0
    assert cleaned.read_bytes() != source.read_bytes()
    result = run_cli("restore", cleaned, "-o", restored, "-q")
    assert result.returncode == 0, result.stderr.decode()
    assert restored.read_bytes() == source.read_bytes()


def test_restore_of_jsonl_in_another_form_gives_equal_values_and_identical_texts(tmp_path):
    # Spaces after separators, \uXXXX escapes, a CRLF line, a blank line:
    # JSON values and texts come back exactly, the bytes in bilingua's form.
    records = [{"id": 1, "text": ENGLISH, "score": 2.50}, {"id": 2, "text": FURNITURE + "\r\n\u200f"}]
    source = tmp_path / "in.jsonl"
    source.write_bytes(json.dumps(records[0]).encode() + b"\r\n\n" + json.dumps(records[1], indent=None).encode() + b"\n")
    cleaned, restored = tmp_path / "cleaned.jsonl", tmp_path / "restored.jsonl"
    assert run_cli("clean", source, "-o", cleaned, "-q").returncode == 0
    assert run_cli("restore", cleaned, "-o", restored, "-q").returncode == 0
    assert restored.read_bytes() == b"".join(_compact(record) for record in records)
    assert jsonl(restored) == records
    # What restore wrote is in bilingua's own form: cleaning and restoring it is byte-identical.
    again_cleaned, again_restored = tmp_path / "again.jsonl", tmp_path / "again.restored.jsonl"
    assert run_cli("clean", restored, "-o", again_cleaned, "-q").returncode == 0
    assert run_cli("restore", again_cleaned, "-o", again_restored, "-q").returncode == 0
    assert again_restored.read_bytes() == restored.read_bytes()


def test_restore_rejects_a_record_whose_text_was_changed(tmp_path):
    cleaned = tmp_path / "cleaned.jsonl"
    good = bilingua.clean(FURNITURE).to_dict()
    tampered = {**bilingua.clean(ENGLISH).to_dict(), "text": "edited by hand"}
    cleaned.write_text(json.dumps(good) + "\n" + json.dumps(tampered) + "\n" + json.dumps({"text": "x"}) + "\n")
    rejects = tmp_path / "rejects.jsonl"
    result = run_cli("restore", cleaned, "--rejects", rejects, "-q")
    assert result.returncode == 0, result.stderr.decode()
    assert [json.loads(line) for line in result.stdout.splitlines()] == [{"text": FURNITURE}]
    assert [(r["line"], r["kind"]) for r in jsonl(rejects)] == [(2, "not_restorable"), (3, "not_restorable")]


def test_normalize_reads_stdin_and_takes_nothing_out():
    result = run_cli("normalize", stdin="Share this\n\u201cQuoted\u201d  text\u00a0here .".encode())
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == 'Share this\n"Quoted" text here.'


def test_detect_reports_language_scripts_and_fragments_as_json(tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text(ENGLISH, encoding="utf-8")
    result = run_cli("detect", document, "--json")
    assert result.returncode == 0, result.stderr.decode()
    found = json.loads(result.stdout)
    assert found["lang"] == "en" and found["script_ratio"]["arabic"] > 0
    assert [(f["text"], f["role"]) for f in found["arabic_fragments"]] == [("\u0645\u0634\u0627\u0631\u0643\u0629 :", "boilerplate")]


def test_detect_prints_a_table(tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text(ENGLISH, encoding="utf-8")
    result = runner.invoke(app, ["detect", str(document)])
    assert result.exit_code == 0, result.output
    assert "boilerplate" in result.output and "Arabic fragments: 1" in result.output


def test_rules_list_and_show():
    listed = runner.invoke(app, ["rules", "list"])
    assert listed.exit_code == 0 and "en.share" in listed.output
    shown = runner.invoke(app, ["rules", "show", "ar.share"])
    assert shown.exit_code == 0 and "\u0645\u0634\u0627\u0631\u0643\u0629" in shown.output
    missing = runner.invoke(app, ["rules", "show", "en.shar"])
    assert missing.exit_code == 2 and "en.share" in missing.output
    cookie = runner.invoke(app, ["rules", "show", "en.cookie"])
    assert "max length" in cookie.output and "600" in cookie.output
    assert "prose words" in cookie.output and "according to" in cookie.output
    tags = runner.invoke(app, ["rules", "show", "ar.tags"])
    assert "rest of line" in tags.output and "200" in tags.output


def test_rules_list_includes_a_user_rule_file(tmp_path):
    rule_file = tmp_path / "mine.toml"
    rule_file.write_text('[[rule]]\nid = "mine.promo"\nlang = "en"\nwhere = "edge"\n'
                         'description = "Our site promo"\npatterns = ["visit our shop"]\n')
    listed = runner.invoke(app, ["rules", "list", "--rules", str(rule_file)])
    assert listed.exit_code == 0, listed.output
    assert "mine.promo" in listed.output


@pytest.mark.parametrize(
    "command",
    [[], ["clean"], ["normalize"], ["detect"], ["restore"], ["rules"], ["rules", "list"], ["rules", "show"]],
)
def test_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output) > 200


@pytest.mark.parametrize(
    "args, message",
    [
        (["clean", "in.jsonl", "--rules", "bad.toml"], "Invalid value for --rules: bad.toml: not valid TOML"),
        (["clean", "in.jsonl", "--rules", "missing.toml"], "missing.toml: cannot read"),
        (["clean", "in.jsonl", "--lang-sample", "5"], "'--lang-sample': Input should be greater than or equal to 20"),
        (["clean", "in.jsonl", "--jobs", "0"], "'--jobs'"),
        (["clean", "in.jsonl", "--arabic", "drop"], "'--arabic'"),
        (["clean", "in.jsonl", "--bogus"], "No such option: --bogus"),
        (["clean"], "Missing argument 'INPUT'"),
        (["restore", "in.jsonl", "-f", "txt"], "'txt' is not one of 'jsonl', 'json', 'csv', 'tsv', 'parquet'"),
        (["rules", "show"], "Missing argument 'ID'"),
        (["nonsense"], "No such command 'nonsense'"),
    ],
)
def test_usage_errors_are_one_plain_line(tmp_path, args, message):
    (tmp_path / "bad.toml").write_text("rule = [\n")
    write_corpus(tmp_path / "in.jsonl", [{"text": "x"}])
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr
    assert message in stderr and "--help')" in stderr
    assert not any(box in stderr for box in "\u256d\u2502\u2500"), stderr
    assert result.stdout == b""


@pytest.mark.parametrize("command", [["clean"], ["normalize"], ["detect"], ["restore"], ["rules", "list"], []])
def test_help_names_values_by_their_metavar_not_their_python_type(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    shown = result.stdout.decode()
    for python_type in ("<bool>", "<str>", "<int>", "<list[", "<Optional"):
        assert python_type not in shown


def test_options_offer_only_what_the_command_does():
    assert "rejects" not in run_cli("normalize", "--help").stdout.decode()
    restore_help = run_cli("restore", "--help", env={"COLUMNS": "200"}).stdout.decode()
    assert "<jsonl|json|csv|tsv|parquet>" in restore_help  # -f: txt carries no metadata
    assert "<txt|jsonl|json|csv|tsv|parquet>" in restore_help  # -F: the original texts alone


def test_restore_writes_the_original_texts_alone_as_txt(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", [{"text": ENGLISH}, {"text": FURNITURE}])
    cleaned = tmp_path / "cleaned.jsonl"
    assert run_cli("clean", source, "-o", cleaned, "-q").returncode == 0
    result = run_cli("restore", cleaned, "-F", "txt", "-q")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == f"{ENGLISH}\n\n{FURNITURE}"


def test_version_from_the_command_and_from_python_m():
    installed = run_cli("--version")
    module = subprocess.run([sys.executable, "-m", "bilingua", "--version"], capture_output=True, timeout=60)
    assert installed.returncode == module.returncode == 0
    assert installed.stdout == module.stdout == f"bilingua {bilingua.__version__}\n".encode()


def test_an_error_inside_cleaning_is_rejected_and_fails_the_run(tmp_path, monkeypatch):
    # Bad data is a reject with exit 0; an exception in the library is a bug
    # and the exit status must say so, after writing everything else.
    def broken(self, text):
        raise RuntimeError("boom")

    monkeypatch.setattr(bilingua.Cleaner, "clean", broken)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": ENGLISH}) + "\n", "utf-8")
    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "out.jsonl"),
                                 "--rejects", str(tmp_path / "rej.jsonl"), "--jobs", "1", "--quiet"])
    assert result.exit_code == 4
    rejected = jsonl(tmp_path / "rej.jsonl")
    assert rejected[0]["kind"] == "error" and "boom" in rejected[0]["reason"]
    assert (tmp_path / "out.jsonl").exists()


def test_a_record_lost_on_the_way_fails_the_run_and_writes_no_output(tmp_path, monkeypatch):
    # The runner counts records read apart from outcomes written; a processor
    # that loses one (a bug) must not pass for a success.
    clean_batch = CleanRecords.__call__
    monkeypatch.setattr(CleanRecords, "__call__", lambda self, batch: clean_batch(self, batch[:-1]))
    source = write_corpus(tmp_path / "in.jsonl", [{"id": 1, "text": ENGLISH}, {"id": 2, "text": FURNITURE}])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 5
    assert "records read (2) != written (1) + rejected (0)" in result.output
    assert "FAILED: +1" in result.output
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def _callbacks(command) -> list:
    """The functions behind a command and, for a group, behind each command in it."""
    found = [command.callback] if command.callback is not None else []
    for sub in getattr(command, "commands", {}).values():
        found += _callbacks(sub)
    return found


def test_command_annotations_are_objects_not_strings_for_typer_to_eval():
    """String annotations (``from __future__ import annotations``) cost every start an ``eval`` each (cli/__init__.py)."""
    callbacks = _callbacks(typer.main.get_command(app))
    assert {"clean", "normalize", "detect", "restore"} <= {callback.__name__ for callback in callbacks}
    for callback in callbacks:
        strings = [name for name, value in inspect.get_annotations(callback).items() if isinstance(value, str)]
        assert not strings, f"{callback.__module__}.{callback.__name__}: {strings}"
