"""The ``bilingua`` command line (entry point ``bilingua.cli:app``), a thin layer over the library."""

from .main import app

__all__ = ["app"]
