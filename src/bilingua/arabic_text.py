"""Arabic normalisation and transliteration, through camel-tools.

Only ``camel_tools.utils`` is imported (never the parts that load torch), and
only on the first document that holds Arabic. ``camel_tools.utils.dediac``
is not imported: at import its ``charsets`` module walks all 1.1 million
code points to build Unicode-wide sets (~0.5 s of every process's start-up,
2 s on a busy machine) for a diacritic set of nine characters. The same nine
characters are removed here with ``str.translate``;
``tests/test_arabic_text.py`` checks they are camel-tools' ``AR_DIAC_CHARSET``
and that the result equals ``dediac_ar``.

camel-tools' character mappers run a Python loop per character. The
Buckwalter mapper is read once into a ``str.translate`` table (it maps 51
characters, all in the Arabic block), and its Unicode normalisation, an
NFKC preceded by a mapper for two ligatures, goes straight to NFKC when
neither ligature is there; the tests check both against camel-tools over
every code point.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache, wraps
from types import SimpleNamespace
from typing import Callable

import regex

_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")

#: camel-tools' ``AR_DIAC_CHARSET``: the harakat, tanween, shadda, sukun and superscript alef.
ARABIC_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
_DEDIACRITISE = str.maketrans("", "", ARABIC_DIACRITICS)


def dediacritise(text: str) -> str:
    """``text`` without Arabic diacritics (camel-tools' ``dediac_ar``, without its import cost)."""
    return text.translate(_DEDIACRITISE)


@lru_cache(maxsize=1)
def _camel() -> SimpleNamespace:
    from camel_tools.utils.charmap import CharMapper
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )

    buckwalter = CharMapper.builtin_mapper("ar2bw")
    return SimpleNamespace(
        unicode=normalize_unicode,
        alef=normalize_alef_ar,
        alef_maksura=normalize_alef_maksura_ar,
        teh_marbuta=normalize_teh_marbuta_ar,
        buckwalter_table={
            code: buckwalter(chr(code)) for code in _BUCKWALTER_BLOCK if buckwalter(chr(code)) != chr(code)
        },
    )


#: Where camel-tools' ``ar2bw`` mapper maps anything (U+0621-U+06AF).
_BUCKWALTER_BLOCK = range(0x0600, 0x0700)
#: Ligatures camel-tools' ``normalize_unicode`` spells out before NFKC.
_CAMEL_LIGATURES = ("\ufdfc", "\ufdfd")


def _normalize_unicode(text: str) -> str:
    """camel-tools' ``normalize_unicode``, skipping its per-character mapper when it has nothing to map."""
    if any(ligature in text for ligature in _CAMEL_LIGATURES):
        return _camel().unicode(text)
    return unicodedata.normalize("NFKC", text)


#: Fragments up to this length are remembered: share labels, "read more" and
#: the like recur in every record of a site, and camel-tools' mappers run a
#: Python loop per character. Longer fragments are rare and not worth keeping.
_REMEMBERED_LENGTH = 64


def _remembered(function: Callable[[str], str]) -> Callable[[str], str]:
    """``function`` with its answers for short texts kept (a bounded cache)."""
    cached = lru_cache(maxsize=4096)(function)

    @wraps(function)
    def run(text: str) -> str:
        return cached(text) if len(text) <= _REMEMBERED_LENGTH else function(text)

    return run


@_remembered
def normalize_arabic(text: str) -> str:
    """Unicode-fold, dediacritise and unify alef, alef maksura and teh marbuta.

    Tatweel goes first: camel-tools' unicode normalisation keeps it.
    """
    camel = _camel()
    text = _normalize_unicode(text.replace("\u0640", ""))
    return camel.teh_marbuta(camel.alef_maksura(camel.alef(dediacritise(text))))


@_remembered
def transliterate(text: str) -> str:
    """Buckwalter transliteration (tatweel removed first)."""
    return text.replace("\u0640", "").translate(_camel().buckwalter_table)


@_remembered
def lexicon_key(text: str) -> str:
    """The form Arabic labels are compared in: normalised, punctuation as spaces."""
    return _NON_WORD.sub(" ", normalize_arabic(text)).strip()
