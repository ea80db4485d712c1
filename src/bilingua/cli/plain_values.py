"""typer's coercion of plain parameter values, without importing pydantic.

typer (0.2x) coerces every parameter value through a pydantic
``TypeAdapter``: the first command line parsed imports pydantic and builds
an adapter per parameter, ~0.1 s of every start of ``bilingua``. The
parameters of these commands are plain (``str``, ``int`` with bounds,
``bool``, an ``Enum`` of choices, ``list[str]``), and for a plainly valid
value the adapter's answer is simple to state: the string itself, the
integer of ASCII digits within the bounds, the choice typer's own matching
finds, a list of the strings. Those values are coerced here; any other value
(every invalid one above all) goes to typer's own coercion, so results and
error messages stay typer's. ``tests/cli/test_plain_values.py`` checks both
ways agree on every parameter of every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_choice

#: What :func:`plain_value` answers for a value it leaves to typer.
NOT_PLAIN = object()


@dataclass(frozen=True)
class PlainValues(RuntimeParam):
    """A parameter's coercion: plain values here, the others by typer's own (pydantic) coercion."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        found = plain_value(self.descriptor, value, ctx)
        if found is NOT_PLAIN:
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)
        return found


def plain_runtime_param(descriptor: TypeDescriptor) -> PlainValues | None:
    """:class:`PlainValues` for a parameter of a plain type; None for the others (typer's coercion then)."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None or info.clamp or descriptor.is_path:
        return None
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0] if get_args(annotation) == (str,) else None
    if annotation in (str, int, bool) or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return PlainValues(parameter_info=info, annotation=descriptor.annotation, descriptor=descriptor)
    return None


def plain_value(descriptor: TypeDescriptor, value: Any, ctx: Any) -> Any:
    """``value`` coerced as typer would, when it is plainly valid; :data:`NOT_PLAIN` otherwise."""
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        if isinstance(value, (list, tuple)) and all(type(item) is str for item in value):
            return list(value)
        return NOT_PLAIN
    if annotation is str:
        return value if type(value) is str else NOT_PLAIN  # a str subclass (an Enum's member) typer makes a str
    if annotation is bool:
        return value if type(value) is bool else NOT_PLAIN
    if annotation is int:
        return _plain_int(value, descriptor.parameter_info.min, descriptor.parameter_info.max)
    try:  # an Enum: typer's own choice matching, which raises on a value that is not a choice
        return coerce_cli_choice(value, choices=tuple(annotation), case_sensitive=descriptor.case_sensitive, ctx=ctx)
    except ValueError:
        return NOT_PLAIN


def _plain_int(value: Any, low: float | None, high: float | None) -> Any:
    if type(value) is str and value.isascii() and value.isdigit():
        value = int(value)
    elif type(value) is not int:
        return NOT_PLAIN
    if (low is not None and value < low) or (high is not None and value > high):
        return NOT_PLAIN
    return value
