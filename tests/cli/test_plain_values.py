"""Plain parameter values coerced without pydantic give what typer's own coercion gives, errors included."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum
from typing import Any

import pytest
import typer.main

from bilingua.cli.main import app

build_runtime_param = pytest.importorskip("typer._coercion", reason="a typer without pydantic coercion").build_runtime_param
from bilingua.cli.plain_values import plain_runtime_param  # noqa: E402 (needs typer._coercion)

from .helpers import write_corpus

ROOT = typer.main.get_command(app)


def _commands(group: Any = ROOT, path: str = "bilingua") -> list[tuple[str, Any]]:
    found = [(path, group)]
    for name, command in getattr(group, "commands", {}).items():
        found += _commands(command, f"{path} {name}")
    return found


PARAMETERS = [(f"{path} {param.name}", command, param) for path, command in _commands() for param in command.params]
ENUM_MEMBERS = {member for _, _, param in PARAMETERS if isinstance(param.type_descriptor.annotation, type)
                and issubclass(param.type_descriptor.annotation, Enum) for member in param.type_descriptor.annotation}
VALUES = [None, "", "0", "1", "007", "19", "20", "400", "x", "5.0", " 5", "+5", "1_000", "\u0663", "\u00b2",
          "separate", "keep-inline", "KEEP-INLINE", "Keep", "jsonl", "JSONL", "parquet", "local", "Dask",
          True, False, 0, 1, 400, 2.5, (), ("a",), ("a", "b"), ["a", "b"], ("a", 1), *sorted(ENUM_MEMBERS, key=repr)]


def _outcome(coerce: Any, value: Any) -> tuple:
    try:
        result = coerce(value)
    except Exception as exc:  # noqa: BLE001 (the outcome compared is the exception itself)
        return ("error", type(exc), str(exc))
    return ("value", type(result), result)


def test_every_parameter_of_every_command_is_coerced_without_pydantic() -> None:
    assert len(PARAMETERS) > 30
    assert [name for name, _, param in PARAMETERS if plain_runtime_param(param.type_descriptor) is None] == []


@pytest.mark.parametrize(("name", "command", "param"), PARAMETERS, ids=[name for name, _, _ in PARAMETERS])
def test_plain_coercion_equals_typers_on_every_value(name: str, command: Any, param: Any) -> None:
    ctx = typer.Context(command)
    plain = plain_runtime_param(param.type_descriptor)
    typers = build_runtime_param(param.type_descriptor)
    for value in VALUES:
        expected = _outcome(lambda v: typers.coerce(v, param=param, ctx=ctx), value)
        assert _outcome(lambda v: plain.coerce(v, param=param, ctx=ctx), value) == expected, (name, value)


def _clean_in_a_fresh_interpreter(tmp_path, options: list[str], before: str, after: str) -> str:
    """Run ``bilingua clean`` on a one-record corpus in a new interpreter; what ``after`` printed."""
    source = write_corpus(tmp_path / "in.jsonl", [{"id": 1, "text": "Share\nPrices rose."}])
    argv = ["bilingua", "clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--jobs", "1", "--quiet", *options]
    code = (f"import sys\n{before}\nfrom bilingua.cli import app\nsys.argv = {argv!r}\n"
            "try:\n    app(prog_name='bilingua')\nexcept SystemExit as stop:\n    assert stop.code == 0, stop.code\n"
            f"{after}\n")
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert (tmp_path / "out.jsonl").read_text().count("\n") == 1
    return finished.stdout.strip()


def test_a_clean_run_does_not_import_pydantic(tmp_path) -> None:
    imported = _clean_in_a_fresh_interpreter(
        tmp_path, ["--lang", "en", "--arabic", "keep-inline"], "",
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'rich', 'multiprocessing')))")
    assert imported == "[]"


def test_without_the_plain_coercion_typer_coerces_every_value(tmp_path) -> None:
    # As with a typer whose private coercion is laid out otherwise: the run is the same, only slower to start.
    imported = _clean_in_a_fresh_interpreter(
        tmp_path, ["--lang-sample", "300", "--arabic", "keep-inline"],
        "sys.modules['bilingua.cli.plain_values'] = None", "print('pydantic' in sys.modules)")
    assert imported == "True"
