"""The bad inputs of tests/cases/bad_input.jsonl that are one document, given to the library.

``clean`` and ``clean_bytes`` never raise on them, give text that can be
written as UTF-8, and ``restore`` gives the input back.
"""

from __future__ import annotations

import json

import pytest

import bilingua

from .cases.bad_input import BadInput, check_text, load_cases, params

LIBRARY_CASES = [case for case in load_cases() if case.library]


def _document(case: BadInput) -> str | bytes:
    """What the command hands the library: a .txt file's bytes, or the text of the one JSON record."""
    content = case.content()
    if case.file.endswith(".txt"):
        return content
    return json.loads(content)["text"]


@pytest.mark.parametrize("case", params(LIBRARY_CASES))
def test_bad_input_through_the_library(case: BadInput):
    document = _document(case)
    result = bilingua.clean_bytes(document) if isinstance(document, bytes) else bilingua.clean(document)
    result.text.encode("utf-8")  # no lone surrogate left: every output format can hold it
    [expected] = case.written
    check_text(result.text, expected)
    original = bilingua.restore(result.text, result.meta)
    if isinstance(document, str):
        assert original == document
    elif "+" in result.meta["encoding"]:  # "utf-8+cp1256": each line decoded by what it is
        expected_lines = []
        for line in document.splitlines(keepends=True):
            try:
                expected_lines.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                expected_lines.append(line.decode(result.meta["encoding"].split("+")[1]))
        assert original == "".join(expected_lines)
    else:
        assert original == document.decode(result.meta["encoding"])
