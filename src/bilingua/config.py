"""The one immutable object that holds every cleaning choice."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Literal

ArabicPolicy = Literal["separate", "keep_inline", "keep"]
ARABIC_POLICIES: tuple[str, ...] = ("separate", "keep_inline", "keep")

#: Languages langdetect chooses among when the script and function words do
#: not already decide. Fewer profiles make each call cheaper; these are the
#: languages a scraped Arabic/English news corpus really holds.
DEFAULT_LANG_CANDIDATES: tuple[str, ...] = (
    "en", "ar", "fa", "ur", "fr", "de", "es", "it", "pt", "nl", "tr", "id",
)


@dataclass(frozen=True, slots=True)
class Config:
    """Options of a :class:`bilingua.Cleaner`.

    Attributes:
        arabic: what happens to Arabic fragments in a document whose main
            language is not Arabic. ``"separate"`` (default) takes every
            fragment out of the text; ``"keep_inline"`` keeps fragments that
            stand inside an English sentence and takes out labels and
            whole Arabic lines; ``"keep"`` leaves them all in the text.
            Fragments are reported in the metadata in every case.
        detect_language: run language identification. When off, ``lang`` is
            decided by script alone (``"ar"`` for Arabic script, ``"en"`` for
            Latin, ``"und"`` otherwise) and ``lang_score`` is the script share.
        lang_sample: at most this many characters are given to langdetect;
            its cost grows with the length of the text.
        lang_candidates: the languages langdetect may answer.
        rule_files: extra boilerplate rule files (TOML, same schema as the
            packaged ones), loaded after the packaged rules.
        remove_boilerplate: take page-furniture lines out (section 6).
    """

    arabic: ArabicPolicy = "separate"
    detect_language: bool = True
    lang_sample: int = 400
    lang_candidates: tuple[str, ...] = DEFAULT_LANG_CANDIDATES
    rule_files: tuple[str, ...] = ()
    remove_boilerplate: bool = True

    def __post_init__(self) -> None:
        arabic = str(self.arabic).replace("-", "_")
        if arabic not in ARABIC_POLICIES:
            raise ValueError(
                f"arabic={self.arabic!r} is not a policy; use one of {', '.join(ARABIC_POLICIES)}"
            )
        object.__setattr__(self, "arabic", arabic)
        if not isinstance(self.lang_sample, int) or self.lang_sample < 20:
            raise ValueError(f"lang_sample={self.lang_sample!r}: give a whole number of characters, at least 20")
        if isinstance(self.rule_files, (str, os.PathLike)):
            object.__setattr__(self, "rule_files", (self.rule_files,))
        object.__setattr__(self, "rule_files", tuple(os.fspath(p) for p in self.rule_files))
        if isinstance(self.lang_candidates, str):
            object.__setattr__(self, "lang_candidates", (self.lang_candidates,))
        object.__setattr__(self, "lang_candidates", tuple(self.lang_candidates))

    @classmethod
    def from_options(cls, **options: object) -> "Config":
        """Build a config from keyword options, naming any unknown one."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(
                f"unknown option(s) {', '.join(unknown)}; known options: {', '.join(sorted(known))}"
            )
        return cls(**options)  # type: ignore[arg-type]
