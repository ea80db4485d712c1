"""bilingua's version, the one source: pyproject.toml reads it from here.

A literal, not ``importlib.metadata``: looking the installed distribution up
cost ~40 ms of every command's start-up.
"""

__version__ = "0.1.0"
