"""Provides `werkpost validate PATH...`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalog import catalog_dir
from cli.output import print_problems
from engine.checkfiles import check_paths
from engine.errors import ExitCode


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand to the parser."""
    p = sub.add_parser(
        "validate",
        help="check catalogue, worker, workstation and workspace files",
        description="Check files; every problem is printed as PATH:LINE:COLUMN: message. "
        "With no PATH, checks the bundled catalogue and demo workspace.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate and report."""
    paths = list(args.paths) or [catalog_dir()]
    summary, problems = check_paths(paths)
    for line in summary:
        print(line)
    if problems:
        print_problems(problems)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return ExitCode.INPUT
    return ExitCode.OK
