"""The ``bilingua`` command line (entry point ``bilingua.cli:app``), a thin layer over the library.

The modules that define commands (``main``, ``clean``, ``rules``, ``tools``)
do not use ``from __future__ import annotations``: typer reads every
command's parameters at each start, and string annotations it would have
to ``eval`` one by one (~25 M instructions, ~4% of a short run's start-up).
"""

from .main import app

__all__ = ["app"]
