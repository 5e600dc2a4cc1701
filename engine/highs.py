"""Provides `quiet_stdout`: HiGHS may print from C; stdout is data, so that goes to stderr.

Shared by every MILP of the engine (batch matching under a budget, job design).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    """Send what HiGHS prints from C (a stray debug line in some builds) to stderr.

    stdout is data (`--format json`); only when it is not a terminal, so a
    TUI drawing on the terminal from another thread is never redirected.
    """
    try:
        redirect = not os.isatty(1)
    except OSError:  # pragma: no cover - no fd 1 at all
        redirect = False
    if not redirect:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
