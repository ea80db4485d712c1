"""Boilerplate stage (policy section 6): which lines go, against a plain statement of the zones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilingua.document import Document
from bilingua.rules import load_rules
from bilingua.stages.boilerplate import remove_boilerplate

RULES = load_rules()
#: Lines of every kind the zones tell apart: furniture anywhere ("Share"), furniture only at the
#: edges ("Opinion", "Home", a "By Reuters" byline), furniture at the edges and beside other
#: furniture ("Jobs", "Outlook"), prose that begins like furniture, prose, blanks.
LINES = [
    "Share", "Advertisement", "Read more", "Related", "Related articles", "Updated: 12 March 2024",
    "Share prices rose 3% on Monday.", "Most of the city was without power.", "Talks resumed on Monday.",
    "  ", "", "Photo: Reuters", "Follow us on Twitter",
    "Opinion", "Home", "By Reuters",  # furniture at the edges only
    "Jobs", "Outlook", "Contact | Jobs",  # words of a subheading: beside other furniture; a line of pieces is furniture
]


def _expected_furniture(lines: list[str]) -> set[int]:
    """Reference: the head and tail zones (blank or edge furniture lines) use every rule, the rest 'anywhere' ones."""
    def furniture(index: int, at_edge: bool) -> bool:
        return RULES.match_english_line(lines[index], at_edge) is not None

    found: set[int] = set()
    head = 0
    while head < len(lines) and (not lines[head].strip() or furniture(head, True)):
        if lines[head].strip():
            found.add(head)
        head += 1
    tail = len(lines) - 1
    while tail > head and (not lines[tail].strip() or furniture(tail, True)):
        if lines[tail].strip():
            found.add(tail)
        tail -= 1
    middle = {i for i in range(head, tail + 1) if lines[i].strip() and furniture(i, False)}
    text = [i for i, line in enumerate(lines) if line.strip()]
    neighbours = {i: {j for j in text[max(text.index(i) - 1, 0):text.index(i) + 2] if j != i} for i in text}
    found_before = found | middle
    for i in list(middle):
        lone_word = RULES.match_english_line(lines[i], False).where == "beside" and "|" not in lines[i]
        short = [j for j in neighbours[i] if len(lines[j].strip()) <= 40 and len(lines[j].split()) <= 4
                 and lines[j].strip()[-1] not in ".!?:;,"]
        beside_furniture = any(j in found_before for j in neighbours[i]) or (len(neighbours[i]) == len(short) == 2)
        if lone_word and not beside_furniture:
            middle.discard(i)  # a word of a subheading between paragraphs
    found |= middle
    if found and len(found) == sum(1 for line in lines if line.strip()):
        return set()  # a document that is all furniture keeps its lines
    return found


def test_the_sample_holds_lines_only_the_edges_take_out() -> None:
    edge_only = [line for line in LINES if RULES.match_english_line(line, True) and not RULES.match_english_line(line, False)]
    assert edge_only == ["Opinion", "Home", "By Reuters"]
    beside = [line for line in LINES if getattr(RULES.match_english_line(line, False), "where", None) == "beside"]
    assert beside == ["Jobs", "Outlook", "Contact | Jobs"]


@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=8))
def test_the_lines_taken_out_are_those_of_the_zones(lines: list[str]) -> None:
    doc = Document.from_text("\n".join(lines))
    remove_boilerplate(doc, RULES)
    expected = _expected_furniture(lines)
    assert sorted(item.text for item in doc.removed) == sorted(lines[i].strip() for i in expected)


#: Arabic prose: a mainly-Arabic document, whose lines are matched against the Arabic labels.
ARABIC_PARAGRAPH = "قالت الحكومة إن المحادثات ستستأنف في القاهرة الأسبوع المقبل، ومن المتوقع أن تستمر لعدة أيام على الأقل."
#: A label longer than the packaged Arabic rules allow a line to be (60 characters).
LONG_LABEL = "اشترك في النشرة البريدية اليومية لتصلك آخر الأخبار والتحليلات مباشرة إلى بريدك"


def _arabic_document() -> Document:
    return Document.from_text("\n".join([ARABIC_PARAGRAPH, LONG_LABEL, ARABIC_PARAGRAPH]))


def test_an_arabic_line_longer_than_every_label_rule_allows_stays() -> None:
    # No colon or "©" after a label opens it, so no rule takes it whole either (rest_of_line).
    doc = _arabic_document()
    doc.mainly_arabic = True
    remove_boilerplate(doc, RULES)
    assert len(LONG_LABEL) > max(rule.max_length for rule in RULES.rules if rule.lang == "ar")
    assert doc.removed == []


def test_a_long_arabic_line_is_a_label_when_a_rule_allows_that_length(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text(f'[[rule]]\nid = "user.newsletter"\nlang = "ar"\nmax_length = 120\nphrases = ["{LONG_LABEL}"]\n', "utf-8")
    rules = load_rules([path])
    doc = _arabic_document()
    doc.mainly_arabic = True
    remove_boilerplate(doc, rules)
    assert [(item.text, item.rule) for item in doc.removed] == [(LONG_LABEL, "user.newsletter")]


@pytest.mark.parametrize(
    ("line", "rule"),
    [("شارك عبر WhatsApp", "ar.share"), ("تابعونا على X", "ar.follow"),
     ("مشاركة : Facebook | X | LinkedIn", "ar.share"), ("اشترك في قناتنا على YouTube", "ar.subscribe")],
)
def test_an_arabic_label_with_latin_network_names_is_furniture_of_an_arabic_document(line: str, rule: str) -> None:
    doc = Document.from_text(f"{ARABIC_PARAGRAPH}\n{line}")
    doc.mainly_arabic = True
    remove_boilerplate(doc, RULES)
    assert [(item.text, item.rule) for item in doc.removed] == [(line, rule)]


@pytest.mark.parametrize("line", ["وقال الرئيس التنفيذي لشركة Apple إن الأرباح ارتفعت", "شركة Apple"])
def test_arabic_prose_with_latin_names_stays(line: str) -> None:
    doc = Document.from_text(f"{ARABIC_PARAGRAPH}\n{line}")
    doc.mainly_arabic = True
    remove_boilerplate(doc, RULES)
    assert doc.removed == []
