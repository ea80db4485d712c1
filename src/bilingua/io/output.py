"""Where output goes: a file that appears whole or not at all, or stdout.

A file output is written to a hidden temporary file in the same directory
and renamed over the target only by :meth:`Output.commit`, so a crashed or
interrupted run never leaves a half-written file under the output's name
(rename is atomic within one file system, hence the same directory).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable

from .compression import compressing_writer, split_compression


class OutputError(ValueError):
    """The output path cannot be used; the message says what to do instead."""


def check_output_path(path: str, inputs: Iterable[str] = (), *, force: bool = False) -> None:
    """Refuse an output that is an input, sits in a missing directory, or exists without ``force``."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path} is a directory; give a file name")
    if not target.parent.is_dir():
        raise OutputError(f"directory {target.parent} does not exist; create it first")
    if not target.exists():
        return
    for source in inputs:
        if source != "-" and os.path.exists(source) and os.path.samefile(source, target):
            raise OutputError(f"{path} is also an input; write the output to another file")
    if not force:
        raise OutputError(f"{path} exists; pass --force to replace it")


def _default_mode(existing: Path) -> int:
    if existing.exists():
        return existing.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class Output:
    """A binary stream to a file (compressed by its suffix) or to stdout.

    Use as a context manager: leaving it by an exception discards a file
    output; call :meth:`commit` once everything is written.
    """

    def __init__(self, path: str | None = None) -> None:
        self.path = path
        self._tmp: str | None = None
        if path is None:
            self._raw: BinaryIO = sys.stdout.buffer
            compression = None
        else:
            target = Path(path)
            fd, self._tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
            self._raw = os.fdopen(fd, "wb")
            compression = split_compression(target.name)[1]
        self.stream: BinaryIO = compressing_writer(self._raw, compression)

    def commit(self) -> None:
        """Finish the stream and, for a file, move it to its name."""
        if self.stream is not self._raw:
            self.stream.close()
        self._raw.flush()
        if self._tmp is None:
            return
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.chmod(self._tmp, _default_mode(Path(self.path)))
        os.replace(self._tmp, self.path)
        self._tmp = None

    def discard(self) -> None:
        """Drop a file output that is not complete; stdout cannot be taken back."""
        if self._tmp is None:
            return
        for stream in (self.stream, self._raw):
            try:
                stream.close()
            except OSError:
                pass
        os.unlink(self._tmp)
        self._tmp = None

    def __enter__(self) -> "Output":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()
