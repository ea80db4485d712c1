"""bilingua: clean scraped English text that carries Arabic residue.

The library is the product; the ``bilingua`` command is a thin layer over it::

    >>> import bilingua
    >>> result = bilingua.clean("He said \u201chello\u201d.\nمشاركة :")
    >>> result.text
    'He said "hello".'
    >>> bilingua.restore(result.text, result.meta) == "He said \u201chello\u201d.\nمشاركة :"
    True

``bilingua.integrations`` (pandas, Hugging Face ``datasets``) and
``bilingua.dask`` are submodules loaded on first use, so ``import bilingua``
stays as light as the library itself.
"""

import importlib

from ._version import __version__
from .config import Config
from .edits import restore
from .pipeline import Cleaner, CleanResult, clean, clean_bytes, detect, normalize
from .rules import Rule, RuleFileError, RuleSet, load_rules

_SUBMODULES = ("dask", "integrations")


def __getattr__(name: str) -> object:
    """``bilingua.dask`` and ``bilingua.integrations`` without importing them (and their runner) up front."""
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Cleaner",
    "CleanResult",
    "Config",
    "Rule",
    "RuleFileError",
    "RuleSet",
    "__version__",
    "clean",
    "clean_bytes",
    "detect",
    "load_rules",
    "normalize",
    "restore",
]
