"""The floor any JSONL cleaner sits on: read, parse, dump and write every record with orjson.

Run: ``python benchmarks/jsonl_floor.py INPUT.jsonl OUTPUT.jsonl``. ``peers.py``
runs it as a subprocess, like the CLI, so both pay interpreter start-up.
"""

from __future__ import annotations

import sys

import orjson


def main() -> None:
    source, target = sys.argv[1:3]
    with open(source, "rb") as lines, open(target, "wb") as out:
        for line in lines:
            out.write(orjson.dumps(orjson.loads(line)) + b"\n")


if __name__ == "__main__":
    main()
