"""Shared fixtures (the bundled catalogue and demo workspace, loaded once) and the Hypothesis profiles.

Profiles, chosen with the environment variable HYPOTHESIS_PROFILE:

- `ci` (the default): 40 examples per property, derandomized, so every run
  checks the same examples and a failure in CI reproduces on any machine.
- `deep`: 500 random examples per property, for `make test-deep` before a
  release or after a change to the search or the solvers.
- `fresh`: 40 new random examples per property and no example database, for
  running the properties many times in a row (a flaky property shows there).
"""

from __future__ import annotations

import gc
import os
import sys

import pytest
from hypothesis import HealthCheck, settings

from engine.loader import Catalog, Workspace, load_catalog, load_workspace

settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("deep", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "fresh", max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Some machines set PYTHONDONTWRITEBYTECODE (this one does): then each test worker and each of the
# seventeen commands the tests start in a subprocess compiled werkpost (and the rewritten tests) from source
# again, a quarter of a second or more each. Caching bytecode (in __pycache__, ignored by git) changes
# nothing the tests check.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# The collector, tuned for a test process (nothing the tests check depends on when it runs). A TUI test
# allocates millions of short-lived objects (Textual's strips, styles and caches): with Python's default
# thresholds (700, 10, 10) one TUI file ran 2,700 collections, a third of its CPU time. Collecting
# every 50,000 allocations frees the same garbage in 20 collections.
gc.set_threshold(50_000, 20, 100)


LONG_FIRST = ("tests/tui/test_coach_day_nl.py", "tests/tui/test_dutch_screens.py", "tests/engine/test_kill.py",
              "tests/tui/test_focus_and_footer.py", "tests/sheets/test_batch_atomic.py", "tests/tui/")
"""Where the longest tests are (measured with --durations), longest first."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest tests first, in a stable order otherwise.

    With `--dist worksteal` (make test) the test workers share the queue until it runs dry; when a
    15-second test (the coach's day) started last, one core idled while it ran. Long tests first
    leave short ones for the end, where they even out. The order of tests within a module is kept.
    """
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return next((i for i, prefix in enumerate(LONG_FIRST) if path.startswith(prefix)), len(LONG_FIRST))

    items.sort(key=rank)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Move what imports and collection made (modules, classes, the parsed tests) out of the collector's sight.

    They live as long as the process; without this every full collection walks them again.
    """
    gc.collect()
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Collect the garbage until none is left, then move the survivors out of the collector's sight.

    At its very end pytest collects five times in a row, so that a finaliser that fails (an
    "unraisable" exception) is still reported; in a test worker each of those walked every object the
    tests left alive, about a second in all. The same collections run here, with pytest's hook still
    catching what a finaliser raises; once one finds nothing, the five find nothing new either, and
    are quick. Only then are the survivors frozen (while garbage is still found, nothing is hidden).
    """
    for _ in range(5):
        if gc.collect() == 0:
            gc.freeze()
            return


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled catalogue."""
    return load_catalog()


@pytest.fixture(scope="session")
def demo(catalog: Catalog) -> Workspace:
    """The bundled demo workspace."""
    return load_workspace(catalog=catalog)
