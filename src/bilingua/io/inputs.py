"""Turn the INPUT arguments (files, directories, globs, ``-``) into a list of sources."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .compression import split_compression
from .formats import format_of
from .readers import STDIN


class InputError(ValueError):
    """An INPUT argument names nothing readable; the message says which and why."""


@dataclass
class Inputs:
    """Sources in reading order, and the files a directory held that are not corpus files."""

    sources: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(directory: Path, known_format: bool, found: Inputs) -> list[str]:
    files = []
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and not _is_hidden(p, directory)):
        if known_format or format_of(path.name) is not None:
            files.append(str(path))
        else:
            found.skipped.append(str(path))
    return files


def expand_inputs(arguments: Iterable[str], *, input_format: str | None = None) -> Inputs:
    """Expand directories (recursively, sorted, hidden files left out) and glob patterns.

    A directory contributes only files whose name tells a format, unless
    ``input_format`` is given; the others are listed in ``skipped`` so the
    caller can say so. A file named twice is read once.
    """
    found = Inputs()
    seen: set[str] = set()
    for argument in arguments:
        if argument == STDIN:
            candidates = [STDIN]
        elif os.path.isdir(argument):
            candidates = _walk(Path(argument), input_format is not None, found)
        elif os.path.exists(argument):
            candidates = [argument]
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                raise InputError(f"no file matches {argument!r}")
            candidates = []
            for match in matches:
                candidates += _walk(Path(match), input_format is not None, found) if os.path.isdir(match) else [match]
        else:
            raise InputError(f"{argument} does not exist")
        for source in candidates:
            key = source if source == STDIN else os.path.abspath(source)
            if key not in seen:
                seen.add(key)
                found.sources.append(source)
    return found


def source_format(source: str, input_format: str | None, stdin_format: str = "txt") -> str:
    """The format to read ``source`` as: ``input_format`` if given, else its name's, ``stdin_format`` for stdin."""
    if input_format is not None:
        return input_format
    if source == STDIN:
        return stdin_format
    fmt = format_of(source)
    if fmt is None:
        base, _ = split_compression(os.path.basename(source))
        raise InputError(
            f"cannot tell the format of {source} from its suffix {Path(base).suffix or '(none)'!r}; "
            "rename it or pass --input-format"
        )
    return fmt
