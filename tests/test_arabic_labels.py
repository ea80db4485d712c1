"""The label grammar answers as the regular expression it replaced, down to which rule it reports."""

from __future__ import annotations

import re
from functools import cache
from itertools import product
from typing import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilingua
from bilingua.arabic_text import lexicon_key
from bilingua.rules import Rule, RuleSet

PACKAGED = bilingua.load_rules()


def _arabic_rule(rule_id: str, *phrases: str) -> Rule:
    return Rule(id=rule_id, lang="ar", where="anywhere", description="", phrases=phrases)


#: A few rules whose readings compete, so that random keys meet them often:
#: phrases that are also connectors (``في``, ``كلم``, ``نسخ``), a two-word
#: connector beginning with a one-word one (``من خلال``), phrases beginning
#: with a connector (``من نحن``: connector + ``نحن``, or one phrase), phrases
#: beginning with phrases of another rule, and ending with them; and the
#: longest phrase (three words) made of words that are nothing alone.
OVERLAPS = RuleSet(
    (
        _arabic_rule("test.a", "في", "كلم", "سبر", "نسخ الرابط", "القسم"),
        _arabic_rule("test.b", "نحن", "نفس القسم", "الرابط", "خلال سبر", "خلال من", "نسخ"),
        _arabic_rule("test.c", "نسخ الرابط كلم", "كلم سبر", "من نحن", "في نفس القسم", "نفس", "طنب دمث زحل"),
    ),
    ("من", "في", "كلم", "من خلال", "نسخ", "و"),
)


RULE_SETS = {"packaged": PACKAGED, "overlaps": OVERLAPS}


@cache
def _oracle(name: str) -> Callable[[str], Rule | None]:
    """The matcher bilingua used before: one regex over the key, its ``first`` group naming the phrase (~50 ms to build)."""
    rules = RULE_SETS[name]
    by_phrase: dict[str, Rule] = {}
    for rule in rules.rules:
        if rule.lang == "ar":
            for phrase in rule.phrases:
                by_phrase.setdefault(lexicon_key(phrase), rule)
    phrases = "|".join(re.escape(p) for p in sorted(by_phrase, key=len, reverse=True) if p)
    connectors = "|".join(re.escape(k) for k in sorted({lexicon_key(c) for c in rules.connectors} - {""}, key=len, reverse=True))
    connector = f"(?:{connectors})" if connectors else "(?!)"
    whole = re.compile(f"(?:{connector} )*(?P<first>{phrases})(?: (?:{phrases}|{connector}))*")

    def match(key: str) -> Rule | None:
        found = whole.fullmatch(key)
        return by_phrase[found.group("first")] if found else None

    return match


@cache
def _keys(name: str) -> st.SearchStrategy[str]:
    """Keys joined from the rules' phrases and connectors; or with words no rule has and odd spacing."""
    rules = RULE_SETS[name]
    phrases = sorted({lexicon_key(p) for rule in rules.rules if rule.lang == "ar" for p in rule.phrases})
    # Phrases of several words, and the words and phrases they begin or end with: where readings compete.
    longer = [p for p in phrases if " " in p]
    parts = sorted({part for p in longer for part in (*p.split(" ", 1), *p.rsplit(" ", 1))})
    connectors = sorted({lexicon_key(c) for c in rules.connectors})
    unit = st.one_of(*(st.sampled_from(units) for units in (phrases, longer, parts, connectors)))
    piece = st.one_of(unit, st.sampled_from(["الوفد", "ارس", "سبر", "x", ""]))
    separator = st.sampled_from([" "] * 4 + ["  ", ""])
    return st.one_of(
        st.lists(unit, min_size=1, max_size=5).map(" ".join),
        # The first phrase decides the rule: one of several words, where readings compete, comes first.
        st.lists(unit, max_size=4).flatmap(lambda rest: st.sampled_from([" ".join((p, *rest)) for p in longer])),
        st.lists(st.tuples(piece, separator), max_size=7).map(lambda pairs: "".join(p + s for p, s in pairs)),
    )


@pytest.mark.parametrize("name", RULE_SETS)
@given(data=st.data())
def test_the_grammar_reports_the_rule_the_regex_reported(name: str, data: st.DataObject) -> None:
    key = data.draw(_keys(name), label="key")
    assert RULE_SETS[name].match_arabic(key, normalized=True) == _oracle(name)(key)


def test_every_short_key_of_the_overlapping_words_reports_the_regex_rule() -> None:
    # Few enough words to try every sequence of up to four: competing readings
    # too rare for random keys (``من خلال سبر``: the longer connector first) are all met.
    words = sorted({word for rule in OVERLAPS.rules for phrase in rule.phrases for word in phrase.split(" ")}
                   | {word for connector in OVERLAPS.connectors for word in connector.split(" ")} | {"x"})
    oracle = _oracle("overlaps")
    keys = [" ".join(sequence) for length in range(1, 5) for sequence in product(words, repeat=length)]
    differing = [key for key in keys if OVERLAPS.match_arabic(key, normalized=True) != oracle(key)]
    assert differing == []
    assert sum(oracle(key) is not None for key in keys) > len(keys) // 10
