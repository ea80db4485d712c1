"""Where output goes: a file that appears whole or not at all, or stdout.

A file output is written to its part file, ``OUTPUT.bilingua-part`` in the
same directory, and renamed over the target only by :meth:`Output.commit`,
so a crashed or interrupted run never leaves a half-written file under the
output's name (rename is atomic within one file system, hence the same
directory). The part file has a fixed name so that a run killed before it
could clean up leaves something a person, or a later run, can find; while a
run writes it, it holds a lock on it, so two runs never write one output.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterable

from .compression import compressing_writer, split_compression


class OutputError(ValueError):
    """The output path cannot be used; the message says what to do instead."""


try:
    import fcntl
except ImportError:  # not POSIX: no lock, the part file's name still tells the runs apart from the output
    fcntl = None

#: Added to OUTPUT's name for the file a run writes before renaming it to OUTPUT.
PART_SUFFIX = ".bilingua-part"


def part_path(path: str) -> str:
    """The part file a run writes ``path`` to before it is complete."""
    return path + PART_SUFFIX


def check_output_path(path: str, inputs: Iterable[str] = (), *, force: bool = False) -> None:
    """Refuse an output that is an input, sits in a missing directory, or exists without ``force``;
    the part file of an unfinished run too."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path} is a directory; give a file name")
    if not target.parent.is_dir():
        raise OutputError(f"directory {target.parent} does not exist; create it first")
    if os.path.exists(part_path(path)) and not force:
        raise OutputError(f"{part_path(path)} was left by a run that did not finish (or is being written by one "
                          "still running); delete it, or pass --force to start over")
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


def _open_locked(part: str, path: str) -> BinaryIO:
    """``part`` opened empty for writing, locked; OutputError if another run holds it."""
    fd = os.open(part, os.O_WRONLY | os.O_CREAT, 0o600)
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(f"another run is writing {path} (to {part}); wait for it or choose another output")
    os.ftruncate(fd, 0)
    return os.fdopen(fd, "wb")


class Output:
    """A binary stream to a file (compressed by its suffix) or to stdout.

    Use as a context manager: leaving it by an exception discards a file
    output; call :meth:`commit` once everything is written.
    """

    def __init__(self, path: str | None = None) -> None:
        self.path = path
        self._part: str | None = None
        if path is None:
            self._raw: BinaryIO = sys.stdout.buffer
            compression = None
        else:
            self._part = part_path(path)
            self._raw = _open_locked(self._part, path)
            compression = split_compression(path)[1]
        self.stream: BinaryIO = compressing_writer(self._raw, compression)

    def commit(self) -> None:
        """Finish the stream and, for a file, move it to its name."""
        if self.stream is not self._raw:
            self.stream.close()
        self._raw.flush()
        if self._part is None:
            return
        os.fsync(self._raw.fileno())
        os.chmod(self._part, _default_mode(Path(self.path)))
        # Renamed while still open, so the lock is held until the part file is gone.
        os.replace(self._part, self.path)
        self._part = None
        self._raw.close()

    def discard(self) -> None:
        """Drop a file output that is not complete; stdout cannot be taken back."""
        if self._part is None:
            return
        os.unlink(self._part)
        self._part = None
        for stream in (self.stream, self._raw):
            try:
                stream.close()
            except OSError:
                pass

    def __enter__(self) -> "Output":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()
