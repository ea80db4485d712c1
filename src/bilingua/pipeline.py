"""The cleaning pipeline: stages built from a config, run over one document.

Stages run in this order: repair, unicode, language, arabic, punctuation,
boilerplate, layout (``docs/architecture.md`` says why). Every stage proposes
edits through the document's one :class:`~bilingua.edits.EditLog`; the
result's metadata is read off that log and what the stages reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, Callable

from ._version import __version__
from .charclasses import has_arabic, lines_of, utf8
from .config import Config
from .document import CHANGE_KINDS, ArabicFragment, Document, RemovedLine
from .edits import text_hash
from .rules import RuleSet, load_rules
from .stages.arabic import judged_mainly_arabic, separate_arabic
from .stages.boilerplate import remove_boilerplate
from .stages.decode import decode_bytes
from .stages.language import check_candidates, detect_language, redetect_language, script_ratio
from .stages.layout import normalize_layout
from .stages.punctuation import normalize_punctuation
from .stages.repair import may_need_repair, repair_encoding
from .stages.unicode import normalize_unicode

Stage = Callable[[Document], None]


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The cleaned text and the metadata that says what was done to it."""

    text: str
    meta: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The output record: ``{"text": ..., "bilingua": meta}``."""
        return {"text": self.text, "bilingua": self.meta}


def repair_and_normalize_unicode(doc: Document) -> None:
    """Encoding repair, then Unicode normalisation, then repair once more if needed.

    Unicode normalisation can reveal what repair looks for: composing
    ``e\u0301»“`` gives ``é»“`` (UTF-8 read as Windows-1252), removing a
    zero-width space from ``&\u200bamp;`` gives ``&amp;``. A second
    cleaning would repair those, so this one does, to stay idempotent.
    """
    repair_encoding(doc)
    before = doc.text
    normalize_unicode(doc)
    if doc.text != before and may_need_repair(doc.text):
        repaired = doc.text
        repair_encoding(doc)
        if doc.text != repaired:
            normalize_unicode(doc)


def _repairing_joins(separate: Stage) -> Stage:
    """The Arabic stage, then repair of what its removals joined.

    Taking ``مشاركة`` out of ``Ã©مشاركة»“`` joins ``é`` and ``»“`` into new
    mojibake; a second cleaning would repair it, so this one does. Rare and
    bounded: only when fragments were removed next to repair candidates.
    """

    def run(doc: Document) -> None:
        for _ in range(_MAX_JOIN_ROUNDS):
            removed = doc.counts.get("arabic_fragments", 0)
            separate(doc)
            if doc.counts.get("arabic_fragments", 0) == removed or not may_need_repair(doc.text):
                return
            before = doc.text
            repair_and_normalize_unicode(doc)
            if doc.text == before:
                return

    return run


_MAX_JOIN_ROUNDS = 3


def _english_only(stage: Stage) -> Stage:
    """Punctuation rules are English: a mainly-Arabic document keeps its own."""

    def run(doc: Document) -> None:
        if not doc.mainly_arabic:
            stage(doc)

    run.__name__ = stage.__name__
    return run


class Cleaner:
    """Build once from a :class:`Config`, then clean many documents.

    Building loads and validates the rule files and the language candidates,
    so a bad user rule file or option fails here, before any record is read.
    A cleaner holds no per-document state: one instance may serve many
    threads.
    """

    def __init__(self, config: Config | None = None, **options: Any) -> None:
        if config is not None and options:
            raise TypeError("give either a Config or keyword options, not both")
        self.config = config if config is not None else Config.from_options(**options)
        self.rules: RuleSet = load_rules(self.config.rule_files)
        if self.config.detect_language:
            check_candidates(self.config.lang_candidates)
        self.stages: tuple[Stage, ...] = self._build_stages()

    def _build_stages(self) -> tuple[Stage, ...]:
        config = self.config
        language_options = {"use_langdetect": config.detect_language, "sample_size": config.lang_sample,
                            "candidates": config.lang_candidates}
        stages: list[Stage] = [
            repair_and_normalize_unicode,
            partial(detect_language, **language_options),
            _repairing_joins(partial(separate_arabic, rules=self.rules, policy=config.arabic,
                                     redetect=partial(redetect_language, **language_options))),
            _english_only(normalize_punctuation),
        ]
        if config.remove_boilerplate:
            stages.append(partial(remove_boilerplate, rules=self.rules))
        stages.append(normalize_layout)
        return tuple(stages)

    def __repr__(self) -> str:
        return f"Cleaner({self.config!r})"

    def __reduce__(self):
        return (Cleaner, (self.config,))

    def _run(self, doc: Document) -> CleanResult:
        for stage in self.stages:
            stage(doc)
        if self._judgement_would_change(doc):
            # What was taken out changed what the document mainly is: Arabic
            # furniture over an English caption, or English furniture around
            # Arabic text that was kept. Clean what is left as a second
            # cleaning would, so cleaning stays idempotent. Same log, so the
            # metadata holds both passes; script_ratio stays the input's.
            script_ratio = doc.script_ratio
            for stage in self.stages:
                stage(doc)
            doc.script_ratio = script_ratio
        return CleanResult(doc.text, build_meta(doc))

    def _judgement_would_change(self, doc: Document) -> bool:
        """Whether a new pass over the cleaned text would judge it otherwise.

        Costs nothing for English text without Arabic, the common case.
        """
        if not doc.mainly_arabic and not has_arabic(doc.text):
            return False
        ratio, _ = script_ratio(doc.text)
        return judged_mainly_arabic(doc.text, ratio, self.rules) != doc.mainly_arabic

    def clean(self, text: str) -> CleanResult:
        """Clean one document given as a string."""
        if not isinstance(text, str):
            raise TypeError(
                f"clean() takes a str, not {type(text).__name__}; use clean_bytes() for bytes"
            )
        return self._run(Document.from_text(text))

    def clean_bytes(self, data: bytes) -> CleanResult:
        """Decode one document's bytes (policy section 1), then clean it."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"clean_bytes() takes bytes, not {type(data).__name__}")
        decoded = decode_bytes(bytes(data))
        doc = Document.from_text(decoded.text)
        doc.encoding = decoded.encoding
        if decoded.undecodable:
            doc.counts["undecodable"] = decoded.undecodable
        return self._run(doc)


def _input_span(item: ArabicFragment | RemovedLine) -> tuple[int, int]:
    """Sort key: a second pass appends what it takes out after the first pass's finds."""
    return item.start, item.end


def _stats(original: str, text: str) -> dict[str, int]:
    """The ``stats`` of the metadata, counted without splitting the text into words.

    In cleaned text the only whitespace is single spaces, line breaks and
    blank lines (sections 3 and 7), so words are one more than the gaps
    between them: spaces and line breaks, less blank lines. Spaces and line
    breaks are counted in one C pass over the UTF-8 bytes (which the hash
    needs anyway) and the lines are split once: a quarter less time than
    four ``str.count`` passes (the one for blank lines is a slow
    two-character search), about a third of splitting the text into words.
    """
    if not text:
        return {"chars_in": len(original), "chars_out": 0, "words_out": 0, "lines_out": 0}
    data = utf8(text)
    gaps = len(data) - len(data.translate(None, b" \n"))
    lines = lines_of(text)
    return {
        "chars_in": len(original),
        "chars_out": len(text),
        "words_out": gaps - lines.count("") + 1,
        "lines_out": len(lines),
    }


def build_meta(doc: Document) -> dict[str, Any]:
    """The policy's metadata (section 9) for a document the stages have run over."""
    text = doc.text
    changes = dict.fromkeys(CHANGE_KINDS, 0)
    changes.update(sorted(doc.counts.items()))  # the usual kinds keep their place, others follow by name
    return {
        "lang": doc.lang,
        "lang_score": doc.lang_score,
        "encoding": doc.encoding,
        "script_ratio": doc.script_ratio,
        "arabic_fragments": [f.to_dict() for f in sorted(doc.fragments, key=_input_span)],
        "removed": [r.to_dict() for r in sorted(doc.removed, key=_input_span)],
        "changes": changes,
        "edits": doc.log.export(),
        "stats": _stats(doc.original, text),
        "hash": text_hash(text),
        "version": __version__,
    }


@lru_cache(maxsize=32)
def cleaner_for(config: Config) -> Cleaner:
    """A shared cleaner per config, so ``clean(text, **options)`` builds once."""
    return Cleaner(config)


def clean(text: str, **options: Any) -> CleanResult:
    """Clean one document: ``bilingua.clean(text).text``; options as in :class:`Config`."""
    return cleaner_for(Config.from_options(**options)).clean(text)


def clean_bytes(data: bytes, **options: Any) -> CleanResult:
    """Decode and clean one document given as bytes; ``meta["encoding"]`` says how it was read."""
    return cleaner_for(Config.from_options(**options)).clean_bytes(data)


_NORMALIZE_STAGES: tuple[Stage, ...] = (repair_and_normalize_unicode, normalize_punctuation, normalize_layout)


def normalize(text: str) -> str:
    """Repair, Unicode and punctuation normalisation only: nothing is taken out."""
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes a str, not {type(text).__name__}")
    doc = Document.from_text(text)
    for stage in _NORMALIZE_STAGES:
        stage(doc)
    return doc.text


def detect(text: str, **options: Any) -> dict[str, Any]:
    """Language, script shares and Arabic fragments (with roles and input offsets).

    Nothing is removed: this runs repair, Unicode, language and the Arabic
    stage with every fragment kept.
    """
    if not isinstance(text, str):
        raise TypeError(f"detect() takes a str, not {type(text).__name__}")
    cleaner = cleaner_for(Config.from_options(**{**options, "arabic": "keep"}))
    doc = Document.from_text(text)
    for stage in cleaner.stages[:3]:
        stage(doc)
    meta = build_meta(doc)
    return {key: meta[key] for key in ("lang", "lang_score", "script_ratio", "arabic_fragments")}
