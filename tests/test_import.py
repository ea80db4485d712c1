"""Importing bilingua stays light: no torch, transformers, sklearn, pandas, Dask or datasets."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "transformers", "sklearn", "pandas", "dask", "distributed", "datasets")


def test_import_cleaning_and_the_integration_modules_load_no_heavy_package() -> None:
    code = (
        "import sys, bilingua\n"
        "bilingua.clean('Talks resumed.\\n\u0645\u0634\u0627\u0631\u0643\u0629 :')\n"
        "bilingua.integrations.hf_map({'text': ['Talks resumed.']})\n"
        "bilingua.dask.clean_bag\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
