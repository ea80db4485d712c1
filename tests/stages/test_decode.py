"""Decoding of bytes input (policy section 1)."""

from __future__ import annotations

import codecs

import pytest

from bilingua.stages.decode import decode_bytes

ENGLISH = "The minister’s café reopened on Sunday, officials said."
ARABIC = "قالت الحكومة إن المحادثات ستستأنف في القاهرة الأسبوع المقبل"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ENGLISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + ARABIC.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_unicode_encodings_and_boms(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff") in (ENGLISH, ARABIC)
    assert decoded.text.encode(encoding) == data  # the BOM stays in the text: nothing lost
    assert decoded.undecodable == 0


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ARABIC + " 2024", "cp1256"),
        ("Le ministre a déclaré que l’économie était « forte » à Montréal.", "cp1252"),
        (ARABIC, "iso-8859-6"),
    ],
)
def test_legacy_encodings_are_recognised(text: str, encoding: str) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == encoding


def test_mostly_utf8_with_a_bad_byte_keeps_utf8_and_counts_it() -> None:
    data = ENGLISH.encode("utf-8") + b" \xff " + ARABIC.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.undecodable == 1
    assert decoded.text == ENGLISH + " \ufffd " + ARABIC


def test_undecodable_bytes_never_raise() -> None:
    decoded = decode_bytes(bytes(range(256)) * 3)
    assert isinstance(decoded.text, str)


def test_utf8_lines_and_a_windows_1256_line_are_each_decoded_by_what_they_are() -> None:
    data = ("A \u201cquoted\u201d caf\u00e9 story.\n").encode("utf-8") + (ARABIC + "\n").encode("cp1256") + b"The end.\n"
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8+cp1256"
    assert decoded.text == "A \u201cquoted\u201d caf\u00e9 story.\n" + ARABIC + "\nThe end.\n"
    assert decoded.undecodable == 0


def test_ascii_lines_are_no_evidence_of_utf8() -> None:
    data = b"The end.\n" + ARABIC.encode("cp1256")
    assert decode_bytes(data).encoding == "cp1256"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ENGLISH, ARABIC, f"{ENGLISH}\n{ARABIC} مشاركة :\n", f"{ENGLISH}\x07 {ARABIC}"],
                         ids=["english", "arabic", "mixed", "with-a-stray-control"])
def test_utf16_without_a_bom_is_told_by_what_it_decodes_to(text: str, encoding: str) -> None:
    # As UTF-8 these bytes are valid (zero bytes are ASCII NULs): read so, the text would be lost without a trace.
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.encoding, decoded.undecodable) == (text, encoding, 0)


@pytest.mark.parametrize("data", [b"Hello\x00 world.\x00", "caf\u00e9\x00\x00ok".encode("utf-8"), b"\x00\x00", b"ok\x06"])
def test_utf8_with_stray_zero_bytes_stays_utf8(data: bytes) -> None:
    # Read as UTF-16 these would be CJK or controls: not the text of this corpus.
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding) == (data.decode("utf-8"), "utf-8")
