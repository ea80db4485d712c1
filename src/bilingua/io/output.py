"""Where output goes: a file that appears whole or not at all, or stdout.

A file output is written to its part file, ``OUTPUT.bilingua-part`` in the
same directory, and renamed over the target only by :meth:`Output.commit`,
so a crashed or interrupted run never leaves a half-written file under the
output's name (rename is atomic within one file system, hence the same
directory). The part file has a fixed name so that a run killed before it
could clean up leaves something a person, or a later run, can find; while a
run writes it, it holds a lock on it, so two runs never write one output.

A resumable output (``segmented``) is written in segments, each compressed
on its own (gzip members, bz2 and xz streams, zstd frames: every tool reads
them as one file). At a segment's end the bytes are on disk, and a
checkpoint, ``OUTPUT.bilingua-checkpoint``, records how long the part file
was then, so a run killed later can be continued from there: the part file
is cut back to that length and the next segment starts afresh, giving the
same bytes as a run that was never stopped.
"""

from __future__ import annotations

import base64
import errno
import json
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterable

from .compression import compressing_writer, split_compression


class OutputError(ValueError):
    """The output path cannot be used; the message says what to do instead."""


try:
    import fcntl
except ImportError:  # not POSIX: no lock, the part file's name still tells the runs apart from the output
    fcntl = None

#: Added to OUTPUT's name for the file a run writes before renaming it to OUTPUT.
PART_SUFFIX = ".bilingua-part"


#: What a write raises when there is no room left: a resumable output keeps what it wrote.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})

#: Added to OUTPUT's name for the checkpoint of a resumable output.
CHECKPOINT_SUFFIX = ".bilingua-checkpoint"


def part_path(path: str) -> str:
    """The part file a run writes ``path`` to before it is complete."""
    return path + PART_SUFFIX


def checkpoint_path(path: str) -> str:
    """Where a resumable output's last checkpoint is kept while it is written."""
    return path + CHECKPOINT_SUFFIX


def check_output_path(path: str, inputs: Iterable[str] = (), *, force: bool = False, resume: bool = False) -> None:
    """Refuse an output that is an input, sits in a missing directory, is a device or a pipe, or
    exists without ``force``; the part file of an unfinished run too, unless it is to be resumed."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path} is a directory; give a file name")
    if not target.parent.is_dir():
        raise OutputError(f"directory {target.parent} does not exist; create it first")
    if os.path.exists(part_path(path)) and not (force or resume):
        raise OutputError(f"{part_path(path)} was left by a run that did not finish (or is being written by one "
                          "still running); pass --resume to continue it, or --force to start over")
    if not target.exists():
        return
    if not target.is_file():
        # A device or a pipe: the part file renamed over it would replace it with a file.
        raise OutputError(f"{path} is not a regular file but a device or a pipe, which the finished file, "
                          "renamed into place, would replace; give a file name (to discard the records, "
                          "write them to standard output and redirect it: > /dev/null)")
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


def _open_locked(part: str, path: str, keep: int = 0) -> BinaryIO:
    """``part`` opened for writing after its first ``keep`` bytes, locked; OutputError if another run holds it."""
    fd = os.open(part, os.O_WRONLY | os.O_CREAT, 0o600)
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(f"another run is writing {path} (to {part}); wait for it or choose another output")
    if os.fstat(fd).st_size < keep:
        os.close(fd)
        raise OutputError(f"{part} is shorter than its checkpoint says; pass --force to start over")
    os.ftruncate(fd, keep)
    os.lseek(fd, keep, os.SEEK_SET)
    return os.fdopen(fd, "wb")


#: A segment of a file output holds this many bytes before compression; the environment variable
#: BILINGUA_SEGMENT_BYTES sets another size (tests use a small one). It fixes where compressed
#: pieces start, so every run that writes the same records writes the same bytes.
SEGMENT_BYTES = int(os.environ.get("BILINGUA_SEGMENT_BYTES", 1 << 20))


class SegmentedStream:
    """A binary stream written in segments of :data:`SEGMENT_BYTES`, each compressed on its own.

    Where segments end depends only on the bytes written, never on how
    they came (records one by one, or the parts of a distributed run), so
    the compressed bytes are too. :meth:`checkpoint` puts the file on disk
    and says where a later run can pick up: the file's
    length at the last segment end, and what was written since (kept in
    memory for that, when compressed); resuming from it cuts the file there
    and writes those bytes again through a fresh compressor.
    """

    def __init__(self, raw: BinaryIO, compression: str | None, tail: bytes = b"") -> None:
        self._raw = raw
        self._compression = compression
        self._segment: BinaryIO | None = None
        self._written = 0  # bytes (before compression) in the current segment
        self._since_end = bytearray()  # those bytes, when compressed: a checkpoint must be able to write them again
        self._file_length = raw.tell()  # the file's length at the last segment end
        #: Segments ended so far.
        self.ends = 0
        self.write(tail)

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        while view:
            piece, view = view[:SEGMENT_BYTES - self._written], view[SEGMENT_BYTES - self._written:]
            if self._segment is None:
                self._segment = compressing_writer(self._raw, self._compression)
            self._segment.write(piece)
            self._written += len(piece)
            if self._compression is not None:
                self._since_end += piece
            if self._written >= SEGMENT_BYTES:
                self._end_segment()
        return len(data)

    def flush(self) -> None:
        if self._segment is not None:
            self._segment.flush()

    def _finish_compressor(self) -> None:
        if self._segment is not None and self._segment is not self._raw:
            self._segment.close()
        self._segment = None

    def _end_segment(self) -> None:
        self._finish_compressor()
        self._raw.flush()
        self._file_length = self._raw.tell()
        self._written = 0
        self._since_end.clear()
        self.ends += 1

    def _on_disk(self) -> None:
        self._raw.flush()
        os.fsync(self._raw.fileno())

    def checkpoint(self) -> dict[str, Any]:
        """Where a later run picks up: ``bytes`` of the file to keep (put on disk here), then ``tail`` to write again."""
        if self._compression is None:
            self.flush()
            self._on_disk()
            return {"bytes": self._raw.tell(), "tail": ""}
        self._on_disk()  # the file up to the last segment end, and some of the segment since
        return {"bytes": self._file_length, "tail": base64.b64encode(self._since_end).decode("ascii")}

    def close(self) -> None:
        """Finish the last segment; the file itself stays open."""
        self._finish_compressor()


class Output:
    """A binary stream to a file (compressed by its suffix) or to stdout.

    Use as a context manager: leaving it by an exception discards a file
    output; call :meth:`commit` once everything is written.
    """

    def __init__(self, path: str | None = None, *, segmented: bool = False,
                 resume: dict[str, Any] | None = None) -> None:
        """``segmented``: a file output written in segments (see :class:`SegmentedStream`);
        ``resume``: the checkpoint of the part file a killed run left, to continue it."""
        self.path = path
        self._part: str | None = None
        if path is None:
            self._raw: BinaryIO = sys.stdout.buffer
            compression = None
        else:
            self._part = part_path(path)
            self._raw = _open_locked(self._part, path, keep=resume["bytes"] if resume else 0)
            compression = split_compression(path)[1]
        if segmented and path is not None:
            tail = base64.b64decode(resume["tail"]) if resume else b""
            self.stream: BinaryIO | SegmentedStream = SegmentedStream(self._raw, compression, tail)
        else:
            self.stream = compressing_writer(self._raw, compression)

    def save_checkpoint(self, state: dict[str, Any]) -> None:
        """Record ``state`` for a later run to resume from; written whole or not at all."""
        path = checkpoint_path(self.path)
        with open(path + ".tmp", "w", encoding="utf-8") as stream:
            json.dump(state, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(path + ".tmp", path)

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
        _remove(checkpoint_path(self.path))

    def discard(self) -> None:
        """Drop a file output that is not complete; stdout cannot be taken back."""
        if self._part is None:
            return
        os.unlink(self._part)
        self._part = None
        _remove(checkpoint_path(self.path))
        for stream in (self.stream, self._raw):
            try:
                stream.close()
            except OSError:
                pass

    def keep(self) -> None:
        """Leave a segmented output's part file (and checkpoint) for ``--resume``, as a killed run would."""
        if self._part is None:
            return
        self._part = None
        for stream in (self.stream, self._raw):
            try:
                stream.close()
            except OSError:  # the disk is still full: what is past the checkpoint is cut off on resume anyway
                pass

    def __enter__(self) -> "Output":
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, traceback: object) -> None:
        if isinstance(exc, OSError) and exc.errno in DISK_FULL and isinstance(self.stream, SegmentedStream):
            self.keep()
        else:
            self.discard()


def load_checkpoint(path: str) -> dict[str, Any] | None:
    """The state the last checkpoint of ``path``'s part file recorded, or None if it has none."""
    try:
        with open(checkpoint_path(path), encoding="utf-8") as stream:
            return json.load(stream)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot read {checkpoint_path(path)} ({exc}); pass --force to start over") from None


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
