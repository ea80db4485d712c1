"""Arabic labels: is a lexicon key only phrases and connectors, and which phrase comes first?

The answer was once one regular expression over the key,
``(?:C )*(?P<first>P)(?: (?:P|C))*`` with ``P`` the ~700 phrases and ``C``
the connectors, each alternation longest first. Python's ``re`` parses such
a pattern in pure Python: ~50 ms of every process start. The same question is
asked here of plain sets, over the key's words (its parts between single
spaces; a phrase or connector, a "unit", is one or more whole words), and
answered exactly as that expression answers it, down to the phrase its
``first`` group captures (checked against it by a property test).
"""

from __future__ import annotations

from typing import Iterable


class LabelGrammar:
    """Keys made of phrases and connectors joined by single spaces, with at least one phrase."""

    def __init__(self, phrases: Iterable[str], connectors: Iterable[str]) -> None:
        self.phrases = frozenset(phrases) - {""}
        self.connectors = frozenset(connectors) - {""}
        self._units = self.phrases | self.connectors
        words = [unit.split(" ") for unit in self._units]
        #: Every unit's first words, one word, two, ..., all: how far a reading can go from a word.
        self._beginnings = frozenset(" ".join(w[:count]) for w in words for count in range(1, len(w) + 1))
        self._first_words = frozenset(w[0] for w in words)
        self._last_words = frozenset(w[-1] for w in words)
        self._most_words = max(map(len, words), default=0)

    def plainer_key(self, key: str) -> str:
        """``key`` with its numbers left out and the conjunction "و" written apart.

        Dates and counts go with their label (``نشر في 19 مايو 2025``,
        ``جميع الحقوق محفوظة 2025``) and "و" is written onto the next word
        (``فيسبوك وتويتر``): asked again of this form when the key as it
        stands is not all labels. A key of numbers only stays as it is.
        """
        words = []
        for word in key.split(" "):
            if word.isdecimal():
                continue
            if word[:1] == "و" and len(word) > 1 and word not in self._beginnings and word[1:] in self._first_words:
                words.extend(("و", word[1:]))
            else:
                words.append(word)
        return " ".join(words) if words else key

    def first_phrase(self, key: str) -> str | None:
        """The phrase the expression's ``first`` group captures in ``key``; None when the key is not all labels.

        Backtracking decides which phrase: the leading words are read as a
        connector (the longest first) whenever a phrase can still be read
        after it; only when none can is a phrase taken at that word, the
        longest that leaves a readable rest. What that search finds from a
        word depends on the word alone, so it is worked out word by word
        from the end, together with which rests are readable: a rest is
        readable when it is empty or a unit followed by a readable rest. The
        walk stops as soon as no word further forward could reach a readable
        rest (most lines that are not labels).
        """
        if key.partition(" ")[0] not in self._first_words or key.rpartition(" ")[2] not in self._last_words:
            return None  # a reading begins and ends with a unit's word: most lines stop here
        beginnings, units, phrases, connectors = self._beginnings, self._units, self.phrases, self.connectors
        words = key.split(" ")
        count = len(words)
        readable = [False] * count + [True]
        #: first[i]: the phrase the expression's search finds when its reading starts at word i
        #: (none at the end: a connector needs words after it).
        first: list[str | None] = [None] * (count + 1)
        nearest = count  # the first word of the nearest readable rest
        for start in range(count - 1, -1, -1):
            if start + self._most_words < nearest:
                return None
            phrase = after_connector = None
            unit, end = words[start], start + 1
            while unit in beginnings:  # units from this word, shortest first: the last found is the longest
                if readable[end] and unit in units:
                    readable[start] = True
                    if unit in phrases:
                        phrase = unit
                    if first[end] is not None and unit in connectors:
                        after_connector = first[end]
                if end == count:
                    break
                unit, end = f"{unit} {words[end]}", end + 1
            if readable[start]:
                nearest = start
                first[start] = phrase if after_connector is None else after_connector
        return first[0]
