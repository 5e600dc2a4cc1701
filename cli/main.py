"""Provides `main`, the entry point of the `werkpost` command."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from cli.output import print_problems
from engine.errors import ExitCode, InputError, WerkpostError

# Subcommand modules, each with register(sub) and run(args). Imported lazily by
# name so that `werkpost catalog list` never pays for textual or fpdf2.
COMMANDS = ("validate", "catalog_cmd", "recommend", "match", "sheet", "tui", "demo")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="werkpost",
        description="Match workers, workstations and inclusive technology.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"cli.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"cli.commands.{name}":
                continue  # not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, run, map errors to exit codes (0 ok, 1 bad input, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except InputError as exc:
        print_problems(exc.problems)
        return ExitCode.INPUT
    except WerkpostError as exc:
        print(f"werkpost: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("werkpost: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return ExitCode.OK
