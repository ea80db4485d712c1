"""Shared fixtures: where the project's seed and the shared contract files are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

#: The suite's property tests run the same examples on every machine and every
#: run, so main never turns red by chance; and with no deadline per example,
#: so a busy machine does not turn it red either (timings are the benchmarks'
#: to report, never a test's to assert). Random, much longer exploration is
#: the "fuzz" profile: ``python -m pytest tests/test_properties.py
#: --hypothesis-profile=fuzz`` (20,000 examples a test, or
#: BILINGUA_FUZZ_EXAMPLES; see docs/reliability.md).
settings.register_profile("ci", max_examples=200, derandomize=True, database=None, deadline=None)
settings.register_profile("fuzz", max_examples=int(os.environ.get("BILINGUA_FUZZ_EXAMPLES", "20000")), deadline=None)
settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "000_a24904526fcae996.txt"
#: The seed's expected output, copied from ../shared/golden so the seed test
#: runs everywhere; tests/test_seed.py checks the copy still equals the contract.
GOLDEN = REPO / "tests" / "fixtures" / "000_a24904526fcae996.expected.txt"
SHARED_GOLDEN = SHARED / "golden" / GOLDEN.name
DEVSET = SHARED / "devset"


def require_shared(path: Path) -> Path:
    """Skip (with the reason) when the shared contract files are not beside the repo."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared contract folder must sit beside the repository")
    return path


@pytest.fixture(scope="session")
def dask_client():
    """A real Dask cluster for the suite: two worker processes on the loopback, started once."""
    distributed = pytest.importorskip(
        "distributed", reason="Dask is the optional extra 'dask': pip install -c constraints.txt -e '.[dask]'")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0") as cluster:
        with distributed.Client(cluster, set_as_default=False) as client:
            yield client


#: Filled by tests/test_devset.py; printed at the end of the run.
DEVSET_REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 (pytest hook)
    if DEVSET_REPORT:
        terminalreporter.section("bilingua dev set")
        for line in DEVSET_REPORT:
            terminalreporter.write_line(line)
