"""Transparent (de)compression of input and output streams.

Compression is chosen by the last suffix of a file name (``.gz``, ``.bz2``,
``.xz``, ``.zst``); standard input, which has no name, is recognised by its
magic bytes instead. ``.zst`` needs the optional ``zstandard`` package, so it
is imported only when such a stream is opened.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from pathlib import PurePath
from typing import BinaryIO, Callable

#: Suffix -> compression name.
COMPRESSION_SUFFIXES: dict[str, str] = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)

#: What a broken compressed stream raises; readers turn these into rejects.
DECOMPRESSION_ERRORS: tuple[type[BaseException], ...] = (EOFError, zlib.error, lzma.LZMAError, OSError)


class CompressionUnavailable(RuntimeError):
    """A ``.zst`` stream was met but the ``zstandard`` package is not installed."""


def split_compression(name: str | PurePath) -> tuple[str, str | None]:
    """``"a.jsonl.gz"`` -> ``("a.jsonl", "gzip")``; no known suffix -> ``(name, None)``."""
    name = str(name)
    for suffix, compression in COMPRESSION_SUFFIXES.items():
        if name.lower().endswith(suffix):
            return name[: -len(suffix)], compression
    return name, None


def sniff_compression(stream: io.BufferedReader) -> str | None:
    """The compression of a stream by its first bytes, without consuming them."""
    head = stream.peek(6)[:6]
    for magic, compression in _MAGIC:
        if head.startswith(magic):
            return compression
    return None


def require_zstandard():
    """Import ``zstandard``, or raise :class:`CompressionUnavailable` saying how to install it."""
    try:
        import zstandard
    except ImportError:
        raise CompressionUnavailable(
            "reading or writing .zst needs the zstandard package: pip install zstandard"
        ) from None
    return zstandard


def decompressing_reader(raw: BinaryIO, compression: str | None) -> BinaryIO:
    """A binary stream of the decompressed bytes of ``raw``."""
    if compression is None:
        return raw
    if compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if compression == "bz2":
        return bz2.BZ2File(raw, mode="rb")
    if compression == "xz":
        return lzma.LZMAFile(raw, mode="rb")
    if compression == "zstd":
        return io.BufferedReader(_ZstdFrames(raw), buffer_size=_ZSTD_CHUNK)
    raise ValueError(f"unknown compression {compression!r}")


_ZSTD_CHUNK = 1 << 17


class _ZstdFrames(io.RawIOBase):
    """The decompressed bytes of the zstd frames of ``raw``, one after another.

    zstandard's ``stream_reader`` ends quietly, with no bytes, when the file
    stops inside a frame, and raises its own ``ZstdError`` on corrupt data:
    a cut file would look empty and a corrupt one stop the run. Here both
    raise what the other codecs raise (``EOFError``, ``OSError``), which the
    readers turn into an ``unreadable`` reject after the records before it.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._zstandard = require_zstandard()
        self._frame = self._zstandard.ZstdDecompressor().decompressobj()
        self._in_frame = False  # bytes of the current frame were read, its end not yet
        self._pending = bytearray()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 (a writable buffer)
        while not self._pending:
            chunk = self._raw.read(_ZSTD_CHUNK)
            if not chunk:
                if self._in_frame:
                    raise EOFError("the .zst data ends inside a frame (the file is cut short)")
                return 0
            self._decompress(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        del self._pending[:size]
        return size

    def _decompress(self, data: bytes) -> None:
        while data:
            if self._frame.eof:
                self._frame = self._zstandard.ZstdDecompressor().decompressobj()
            try:
                self._pending += self._frame.decompress(data)
            except self._zstandard.ZstdError as exc:
                raise OSError(f"corrupt .zst data: {exc}") from None
            self._in_frame = not self._frame.eof
            data = self._frame.unused_data if self._frame.eof else b""


def compressing_writer(raw: BinaryIO, compression: str | None) -> BinaryIO:
    """A binary stream that compresses into ``raw``; closing it finishes the frame, not ``raw``."""
    if compression is None:
        return raw
    if compression == "gzip":
        # No time and no name in the header: the same records give the same bytes on every run.
        return gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0)
    if compression == "bz2":
        return bz2.BZ2File(raw, mode="wb")
    if compression == "xz":
        return lzma.LZMAFile(raw, mode="wb")
    if compression == "zstd":
        return require_zstandard().ZstdCompressor().stream_writer(raw, closefd=False)
    raise ValueError(f"unknown compression {compression!r}")


class CountingReader(io.RawIOBase):
    """Reports every byte read from the underlying file, for progress and ETA.

    It sits under the decompressor, so progress is measured in the bytes of
    the file as stored, which is what its size on disk says.
    """

    def __init__(self, raw: BinaryIO, on_bytes: Callable[[int], None]) -> None:
        super().__init__()
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 (any writable buffer)
        count = self._raw.readinto(buffer)
        if count:
            self._on_bytes(count)
        return count

    def seekable(self) -> bool:
        return self._raw.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()
