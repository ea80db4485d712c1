"""``bilingua clean`` options for fields and for the library's choices, end to end.

Expected texts follow the cleaning policy (docs/policy.md, sections 5 and 6),
not the code under test.
"""

from __future__ import annotations

import json

import pytest

from .helpers import ENGLISH, ENGLISH_CLEAN, FURNITURE, FURNITURE_CLEAN, jsonl, run_cli, write_corpus

#: An English sentence holding an Arabic title inline, and an Arabic "Share :" label on its own line.
TITLE = "\u0627\u0644\u062a\u0642\u0631\u064a\u0631 \u0627\u0644\u0633\u0646\u0648\u064a"
INLINE = f"The report, titled {TITLE}, was published on Monday by the ministry.\n\u0645\u0634\u0627\u0631\u0643\u0629 :"
FRENCH = ("Le gouvernement a annonc\u00e9 lundi une nouvelle r\u00e9forme des retraites qui sera "
          "pr\u00e9sent\u00e9e au parlement la semaine prochaine.")
ENGLISH_PARAGRAPH = "The minister said on Monday that the new budget would cut taxes for the families of the country. "


def clean_one(tmp_path, text: str, *options: str) -> dict:
    source = write_corpus(tmp_path / "in.jsonl", [{"id": 1, "text": text}])
    result = run_cli("clean", source, "-F", "jsonl", "-q", *options)
    assert result.returncode == 0, result.stderr.decode()
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    return record


@pytest.mark.parametrize(
    "policy, text",
    [
        ("separate", "The report, titled, was published on Monday by the ministry."),
        ("keep-inline", f"The report, titled {TITLE}, was published on Monday by the ministry."),
        ("keep", f"The report, titled {TITLE}, was published on Monday by the ministry.\n\u0645\u0634\u0627\u0631\u0643\u0629:"),
    ],
)
def test_arabic_policy(tmp_path, policy, text):
    record = clean_one(tmp_path, INLINE, "--arabic", policy)
    assert record["text"] == text
    # Reported in the metadata whatever the policy.
    assert [f["role"] for f in record["bilingua"]["arabic_fragments"]] == ["inline", "boilerplate"]


def test_keep_boilerplate_leaves_furniture_lines(tmp_path):
    assert clean_one(tmp_path, FURNITURE)["text"] == FURNITURE_CLEAN
    kept = clean_one(tmp_path, FURNITURE, "--keep-boilerplate")
    assert kept["text"] == FURNITURE and kept["bilingua"]["removed"] == []


def test_no_lang_decides_the_language_by_script(tmp_path):
    assert clean_one(tmp_path, FRENCH)["bilingua"]["lang"] == "fr"
    assert clean_one(tmp_path, FRENCH, "--no-lang")["bilingua"]["lang"] == "en"


def test_lang_sample_sets_how_much_text_language_identification_reads(tmp_path):
    # English at both ends, French in between: the default sample (start,
    # middle and end, 400 characters) reads mostly English; the whole text is French.
    document = f"{ENGLISH_PARAGRAPH} {FRENCH * 8} {ENGLISH_PARAGRAPH}"
    assert len(document) < 2000
    assert clean_one(tmp_path, document)["bilingua"]["lang"] == "en"
    assert clean_one(tmp_path, document, "--lang-sample", "2000")["bilingua"]["lang"] == "fr"


def test_text_and_id_fields(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", [
        {"doc_id": "a", "body": ENGLISH, "text": "Left , as it was"},
        {"doc_id": "b", "text": "no body"},
    ])
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = run_cli("clean", source, "-o", out, "--rejects", rejects, "--text-field", "body", "--id-field", "doc_id")
    assert result.returncode == 0, result.stderr.decode()
    [record] = jsonl(out)
    assert (record["doc_id"], record["body"], record["text"]) == ("a", ENGLISH_CLEAN, "Left , as it was")
    [reject] = jsonl(rejects)
    assert (reject["id"], reject["kind"]) == ("b", "missing_text") and "'body'" in reject["reason"]


def test_a_txt_document_gets_its_path_under_the_id_field(tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text(ENGLISH, encoding="utf-8")
    record = json.loads(run_cli("clean", document, "-F", "jsonl", "-q", "--text-field", "body",
                                "--id-field", "path").stdout)
    assert (record["path"], record["body"]) == (str(document), ENGLISH_CLEAN)
    assert set(record) == {"path", "body", "bilingua"}


def test_text_and_id_fields_must_differ(tmp_path):
    result = run_cli("clean", "-", "--text-field", "x", "--id-field", "x", cwd=tmp_path)
    assert result.returncode == 2 and "the text and id fields must differ" in result.stderr.decode()


@pytest.mark.parametrize(("options", "message"), [
    (("--text-field", "bilingua"), "the metadata is written under 'bilingua'"),
    (("--text-field", "raw_text", "--keep-original"), "--keep-original writes the text as read under 'raw_text'"),
])
def test_a_text_field_the_output_would_overwrite_is_refused(tmp_path, options, message):
    source = write_corpus(tmp_path / "in.jsonl", [{"id": 1, "text": ENGLISH, "raw_text": ENGLISH, "bilingua": ENGLISH}])
    result = run_cli("clean", source, "-F", "jsonl", "-q", *options)
    assert result.returncode == 2 and message in result.stderr.decode()


def test_keep_original_leaves_a_raw_text_the_record_already_has(tmp_path):
    record = clean_one(tmp_path, ENGLISH_PARAGRAPH, "--keep-original")
    assert record["raw_text"] == ENGLISH_PARAGRAPH
    source = write_corpus(tmp_path / "again.jsonl", [{"id": 1, "text": "Talks resumed .", "raw_text": "first original"}])
    result = run_cli("clean", source, "-F", "jsonl", "-q", "--keep-original")
    [again] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (again["text"], again["raw_text"]) == ("Talks resumed.", "first original")
