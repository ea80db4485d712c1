"""Split a JSON array into its elements without loading the whole file.

A ``.json`` corpus is one array that can be larger than memory. This scanner
only follows strings and brackets to find where each top-level element
starts and ends; each element is then parsed on its own, so one malformed
element is one reject, not a lost file.
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

#: A complete string, a lone quote (a string cut by the end of the buffer),
#: or a structural character.
_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+"|"|[\[\]{},]', re.DOTALL)
_CHUNK = 1 << 20


class JsonArrayError(ValueError):
    """The file is not a well-formed JSON array; ``line`` is where reading stopped."""

    def __init__(self, line: int, message: str, rest: bytes = b"") -> None:
        super().__init__(message)
        self.line = line
        self.rest = rest


def iter_array_elements(stream: BinaryIO, chunk_size: int = _CHUNK) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line_no, element_bytes)`` for each element of the top-level array.

    Raises :class:`JsonArrayError` when the top level is not an array or the
    array is cut short; elements already yielded stay valid.
    """
    buf = b""
    line_pos, line_no = 0, 1  # buf[line_pos] is on line line_no
    pos = 0  # where scanning resumes
    depth = 0
    elem_start = 0  # first byte after the "[" or "," that opened the current element
    count = 0
    eof = False

    def line_at(offset: int) -> int:
        nonlocal line_pos, line_no
        if offset < line_pos:  # only error paths look back
            return line_no - buf.count(b"\n", offset, line_pos)
        line_no += buf.count(b"\n", line_pos, offset)
        line_pos = offset
        return line_no

    while True:
        match = _TOKEN.search(buf, pos)
        if match is None or match.group() == b'"':
            if eof:
                if match is not None:
                    raise JsonArrayError(line_at(match.start()), "a string is not closed", buf[elem_start:])
                break
            # Drop what is before the current element; a cut string is scanned again.
            line_at(elem_start)
            pos = (match.start() if match else len(buf)) - elem_start
            buf, line_pos, elem_start = buf[elem_start:], 0, 0
            chunk = stream.read(chunk_size)
            eof = not chunk
            buf += chunk
            continue
        token = match.group()
        pos = match.end()
        if depth == 0:
            if token != b"[" or buf[: match.start()].strip():
                raise JsonArrayError(line_at(match.start()), "expected a JSON array of records", buf[match.start():])
            depth, elem_start = 1, pos
        elif depth == 1 and token in (b",", b"]"):
            element = buf[elem_start : match.start()]
            stripped = element.strip()
            if stripped:
                count += 1
                yield line_at(elem_start + len(element) - len(element.lstrip())), stripped
            elif token == b"," or count:
                raise JsonArrayError(line_at(match.start()), "an element is missing before this comma or bracket")
            if token == b"]":
                tail = buf[pos:] + stream.read()
                if tail.strip():
                    raise JsonArrayError(line_at(pos), "unexpected text after the array", tail)
                return
            elem_start = pos
        elif token in (b"[", b"{"):
            depth += 1
        elif token in (b"]", b"}"):
            if depth == 1:
                raise JsonArrayError(line_at(match.start()), "unbalanced brackets", buf[elem_start:])
            depth -= 1
    if depth:
        raise JsonArrayError(line_at(len(buf)), "the array is not closed (file cut short?)", buf[elem_start:])
    raise JsonArrayError(1, "expected a JSON array of records, found no array", buf)
