"""Provides the CLI's output helpers: data to stdout, diagnostics to stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from engine.errors import InputError, Problem
from engine.loader import Workspace, load_workspace
from i18n.problems import problem_text, skipped_files

CLI_LANG = "en"
"""The language of the CLI's output where no --lang is offered; money and percentages go through i18n."""


def print_problems(problems: Iterable[Problem], lang: str = "en") -> None:
    """Every problem on its own line on stderr, as PATH:LINE:COLUMN: message (the message in `lang`)."""
    for problem in problems:
        print(problem_text(problem, lang), file=sys.stderr)


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


def load_lenient(root: Path | None, lang: str | None = None) -> Workspace:
    """The workspace with its valid records; each skipped file and why on stderr (PATH:LINE:COL: message).

    One broken file does not stop the firm: the other records are used. A
    folder that is not a workspace at all (or a broken catalogue) still fails.
    """
    ws = load_workspace(root, strict=False)
    fatal = [p for p in ws.problems if ws.root is not None and p.path == str(ws.root)]
    if fatal:
        raise InputError(fatal)
    if ws.problems:
        said = ui_lang(lang, ws)
        print_problems(ws.problems, said)
        print(skipped_files(len({p.path for p in ws.problems}), said), file=sys.stderr)
    return ws


def ui_lang(chosen: str | None, ws: Workspace) -> str:
    """The language of the output: --lang, else the workspace's `lang` (the TUI's choice), else English."""
    return chosen or ws.settings.lang or "en"
