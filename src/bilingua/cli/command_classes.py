"""The typer command classes of ``bilingua``: help a user can read, usage errors on one plain line.

typer shows each parameter's Python type in help (``INPUT <list[str]>``,
``--force <bool>``), which tells a user nothing the metavar and the help
text do not; and it prints usage errors in a boxed panel under the usage
line. Here an argument is shown by its metavar, a flag by its name, and a
usage error is one line, ``Error: ... (see 'bilingua clean --help')``, with
exit status 2. Plain parameter values are coerced without importing
pydantic (:mod:`.plain_values`). Everything else is typer's.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import sys
from typing import Any, Sequence

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from .common import print_error

# Recent typer ships its own copy of click: take the exceptions from the click it uses.
_click_exceptions = importlib.import_module(typer.BadParameter.__module__)


#: typer's parameter base, in the typer versions that coerce values through
#: pydantic (``get_runtime_param``); with another typer, values are left to it.
_TyperParameter = getattr(importlib.import_module("typer.core"), "_TyperParameter", None)
if _TyperParameter is None or not hasattr(_TyperParameter, "get_runtime_param"):
    _TyperParameter = object


class _PlainValues(_TyperParameter):  # type: ignore[misc, valid-type]
    """A parameter whose plain values are coerced without pydantic (see :mod:`.plain_values`).

    A subclass of typer's parameter base, so a parameter's class can be
    swapped for one deriving from it and typer's class (same object layout).
    typer's coercion is private API: a typer without it makes this class
    an empty base, and then typer coerces every value itself.
    """

    def get_runtime_param(self) -> Any:
        if self._runtime_param is None:
            try:
                from .plain_values import plain_runtime_param  # typer's own coercion is what needs it
            except ImportError:  # a typer whose coercion is laid out otherwise
                return super().get_runtime_param()
            self._runtime_param = plain_runtime_param(self.type_descriptor)
        return self._runtime_param or super().get_runtime_param()


class _Argument(_PlainValues, TyperArgument):
    def display_type_rich(self, ctx: typer.Context) -> str | None:
        return None


class _Flag(_PlainValues, TyperOption):
    def display_type_rich(self, ctx: typer.Context) -> str | None:
        return None


class _Option(_PlainValues, TyperOption):
    pass


def _without_types(params: list[Any]) -> list[Any]:
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Flag if param.is_flag else _Option
    return params


class Command(TyperCommand):
    """A subcommand whose help shows metavars and flags without Python types."""

    def get_params(self, ctx: typer.Context) -> list[Any]:
        return _without_types(super().get_params(ctx))


class Group(TyperGroup):
    """The ``bilingua`` group: help as :class:`Command`, usage errors as one plain line."""

    def get_params(self, ctx: typer.Context) -> list[Any]:
        return _without_types(super().get_params(ctx))

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        # At exit the interpreter runs the garbage collector over every object
        # left, several times (0.1-0.2 s after a run). The command has closed
        # its outputs by then; the rest goes with the process. Handlers
        # registered later (multiprocessing's) still run first.
        atexit.register(gc.freeze)
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _click_exceptions.ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError":  # a bare `bilingua`: typer has shown the help
                sys.exit(exc.exit_code)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            print_error(exc.format_message() + hint)
            sys.exit(exc.exit_code)
        except typer.Abort:
            print_error("aborted")
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)
