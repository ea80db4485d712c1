"""Policy section 8, as properties over generated text (hypothesis).

Idempotent, lossless (restore), deterministic, total, offsets in range and
non-overlapping: for arbitrary surrogate-free Unicode and for text built from
the characters this tool is about (Arabic, bidi marks, quotes, spaces,
entities, mojibake pieces, furniture words).
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import bilingua

PIECES = [
    "The", " ", "  ", "\n", "\n\n", "said", "Share", "Advertisement", "Read more", "Tags:", ",", ".", " .",
    "?", ":", " :", "(", ")", "[", "]", '"', " \" ", "“", "”", "‘", "’", "«", "»", "…", "–", "—", "‐",
    "\u00a0", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u2066", "\ufeff", "\u00ad",
    "\t", "\r\n", "\r", "\u2028", "\u2029", "\x07", "ـ", "مشاركة", "شارك", "الهند", "اقرأ أيضا", "،",
    "؟", "٣", "۲", "ﻣﺸﺎﺭﻛﺔ", "ﻻ", "&amp;", "&quot;", "&#8217;", "&nbsp;", "&", "â€™", "Ã©", "Ø§Ù„",
    "ãÔÇÑßÉ", "https://x.org/a", "a@b.co", "e\u0301", "👩\u200d💻", "ﬁ", "Ａ", "3.5", "1,000",
]

documents = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.sampled_from(PIECES), min_size=200, max_size=600).map("".join),
)

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


ARABIC_POLICIES = st.sampled_from(["separate", "keep_inline", "keep"])


@FAST
@given(documents, ARABIC_POLICIES)
# A quote pair around a label, one quote spaced by noise, was a gloss in its
# curly shapes and a label before an opening quote once mapped to ASCII.
@example("The" * 70 + "&quot;\u0645\u0634\u0627\u0631\u0643\u0629 \u201d" + "The" * 70, "keep_inline")
@example("The" * 70 + "&quot;\u0645\u0634\u0627\u0631\u0643\u0629\u201d" + "The" * 70, "keep_inline")
def test_idempotent(text: str, arabic: str) -> None:
    once = bilingua.clean(text, arabic=arabic).text
    assert bilingua.clean(once, arabic=arabic).text == once


@FAST
@given(documents, ARABIC_POLICIES)
def test_lossless(text: str, arabic: str) -> None:
    result = bilingua.clean(text, arabic=arabic)
    assert bilingua.restore(result.text, result.meta) == text


@FAST
@given(documents)
def test_deterministic(text: str) -> None:
    assert bilingua.clean(text).to_dict() == bilingua.clean(text).to_dict()


@FAST
@given(documents, ARABIC_POLICIES)
# A second pass (the page stopped being mainly Arabic) used to list its
# removals after the first pass's, out of input order.
@example("مشاركة\r\nShare", "keep")
def test_offsets_in_range_and_ordered(text: str, arabic: str) -> None:
    result = bilingua.clean(text, arabic=arabic)
    meta = result.meta
    lines = result.text.count("\n") + 1 if result.text else 0
    assert meta["stats"] == {"chars_in": len(text), "chars_out": len(result.text),
                             "words_out": len(result.text.split()), "lines_out": lines}
    for key in ("arabic_fragments", "removed"):
        spans = [(item["start"], item["end"]) for item in meta[key]]
        assert all(0 <= start <= end <= len(text) for start, end in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), (key, meta[key])
    edits = meta["edits"]
    assert all(0 <= s <= e <= len(text) and text[s:e] == original for s, e, original, _ in edits)
    assert all(a[1] <= b[0] for a, b in zip(edits, edits[1:]))


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_give_a_result(data: bytes) -> None:
    result = bilingua.clean_bytes(data)
    assert isinstance(result.text, str)
    assert result.meta["encoding"]
