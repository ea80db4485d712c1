"""``bilingua rules list`` and ``bilingua rules show ID``: what boilerplate rules are in force."""

import difflib
from typing import Annotated, Optional

import typer

import bilingua

from .command_classes import Command, Group
from .common import usage_error

rules_app = typer.Typer(cls=Group, help="List and show the boilerplate rules (packaged, plus files given with --rules).",
                        no_args_is_help=True)

RuleFilesOption = Annotated[
    Optional[list[str]],
    typer.Option("--rules", metavar="FILE", show_default=False,
                 help="Also load this rule file, as `bilingua clean --rules` would; repeatable."),
]


def _load(rule_files: list[str] | None) -> "bilingua.RuleSet":
    try:
        return bilingua.load_rules(tuple(rule_files or ()))
    except bilingua.RuleFileError as exc:
        raise typer.BadParameter(str(exc), param_hint="--rules") from None
    except OSError as exc:
        raise typer.BadParameter(f"cannot read {exc.filename}: {exc.strerror}", param_hint="--rules") from None


@rules_app.command("list", cls=Command)
def list_rules(rule_files: RuleFilesOption = None) -> None:
    """One line per rule: id, language, where it applies, description, file."""
    from rich.console import Console  # imported by the commands that draw, not by every start
    from rich.table import Table

    table = Table(title="Boilerplate rules", title_justify="left")
    for column in ("id", "lang", "where", "description", "source"):
        table.add_column(column, overflow="fold")
    for rule in _load(rule_files).rules:
        table.add_row(rule.id, rule.lang, rule.where, rule.description, rule.source)
    Console().print(table)


@rules_app.command("show", cls=Command)
def show_rule(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule id, as `bilingua rules list` prints it.")],
    rule_files: RuleFilesOption = None,
) -> None:
    """Everything about one rule: its description and every pattern and phrase it matches."""
    rules = {rule.id: rule for rule in _load(rule_files).rules}
    rule = rules.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, rules, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `bilingua rules list`"
        usage_error(f"no rule {rule_id!r}{hint}")
    from rich.console import Console  # imported by the commands that draw, not by every start
    from rich.table import Table

    console = Console()
    details = Table(title=f"Rule {rule.id}", title_justify="left", show_header=False)
    for label, value in (("language", rule.lang), ("where", rule.where), ("description", rule.description),
                         ("source", rule.source)):
        details.add_row(label, value)
    details.add_row("max length", str(rule.max_length))
    if rule.prose_words:
        details.add_row("prose words", ", ".join(rule.prose_words))
    if rule.rest_of_line:
        details.add_row("rest of line", f"up to {rule.rest_of_line} characters after a label and ':' or '©'")
    for label, values in (("pattern", rule.patterns), ("phrase", rule.phrases)):
        for value in values:
            details.add_row(label, value, style=None)
    console.print(details, markup=False)
