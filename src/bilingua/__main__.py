"""``python -m bilingua``: the same command as ``bilingua``."""

from .cli import app

app(prog_name="bilingua")
