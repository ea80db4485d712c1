"""Importing bilingua stays light (no torch, transformers, sklearn, pandas, Dask or datasets), and so does a one-job command."""

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


def test_a_one_job_run_imports_neither_a_process_pool_nor_the_dask_engine(tmp_path):
    """They cost every start time (docs/performance.md, fifth round); a run with workers imports them."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "Talks resumed.\\nShare this article"}\n')
    code = (
        "import sys\n"
        "from bilingua.cli import app\n"
        f"try:\n    app(['clean', {str(source)!r}, '-o', {str(tmp_path / 'out.jsonl')!r}, '-q', '--jobs', '1'])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(','.join(m for m in ('concurrent.futures', 'multiprocessing', 'bilingua.engines.dask') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
    assert (tmp_path / "out.jsonl").read_text().count("\n") == 1
