"""Provides the CLI's output helpers: data to stdout, diagnostics to stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from engine.errors import Problem

CLI_LANG = "en"
"""The CLI prints in English; money and percentages still go through the one i18n layer."""


def print_problems(problems: Iterable[Problem]) -> None:
    """Every problem on its own line on stderr, as PATH:LINE:COLUMN: message."""
    for problem in problems:
        print(str(problem), file=sys.stderr)


def print_json(data: Any) -> None:
    """Pretty JSON on stdout (UTF-8, stable key order as built)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def console() -> Any:
    """A rich console on stdout; deferred import keeps `--format json` fast."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def workspace_arg(value: str | None) -> Path | None:
    """The --workspace value as a path, None for the bundled demo."""
    return Path(value) if value else None
