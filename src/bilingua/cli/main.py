"""The ``bilingua`` command: every subcommand registered on one typer app."""

from typing import Annotated, Optional

import typer

import bilingua

from .clean import clean
from .command_classes import Command, Group
from .rules import rules_app
from .tools import detect, normalize, restore

app = typer.Typer(
    name="bilingua",
    cls=Group,
    help="Clean scraped English text that carries Arabic residue. See docs/cli.md.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals can hold whole documents
)
app.command(cls=Command)(clean)
app.command(cls=Command)(normalize)
app.command(cls=Command)(detect)
app.command(cls=Command)(restore)
app.add_typer(rules_app, name="rules")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"bilingua {bilingua.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Clean scraped English text that carries Arabic residue. See docs/cli.md."""
