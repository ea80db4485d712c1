"""Importing bilingua stays light: no torch, transformers, sklearn or pandas."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "transformers", "sklearn", "pandas")


def test_import_and_arabic_cleaning_load_no_heavy_package() -> None:
    code = (
        "import sys, bilingua\n"
        "bilingua.clean('Talks resumed.\\n\u0645\u0634\u0627\u0631\u0643\u0629 :')\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
