"""Provides `main`, the entry point of the `werkpost` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cli.commands import (
    catalog_cmd,
    demo,
    import_workstations,
    init,
    match,
    recommend,
    redesign,
    sheet,
    tui,
    validate,
)
from cli.output import print_problems
from cli.usage import say, speaking, usage_lang
from engine.errors import ExitCode, InputError, WerkpostError, WriteError
from i18n.problems import write_error_text

# Subcommand modules, each with register(sub) and run(args), in the order of `werkpost --help`.
# Each defers its heavy imports (textual, fpdf2, scipy) to run(), so `werkpost catalog list` stays quick.
COMMANDS = (init, import_workstations, validate, catalog_cmd, recommend, match, redesign, sheet, tui, demo)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every available subcommand, its help in the language `speaking` set."""
    parser = argparse.ArgumentParser(prog="werkpost", description=say("help.werkpost.description"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, run, map errors to exit codes (0 ok, 1 bad input, 2 usage)."""
    words = list(sys.argv[1:] if argv is None else argv)
    lang = usage_lang(words)
    with speaking(lang):
        # Built here, not before: argparse words its help ("options:", each option's text) as the parser is made.
        args = build_parser().parse_args(words)
        # Usage the parse cannot check (sheet's --all against --worker) is checked in run(): same language.
        return _run(args, lang)


def _run(args: argparse.Namespace, lang: str) -> int:
    """Run the parsed command; the language of its errors: its --lang, else the command line's (`usage_lang`)."""
    try:
        return int(args.run(args))
    except InputError as exc:
        # The chosen --lang where the command has one, else the setting of the workspace the command line names.
        print_problems(exc.problems, getattr(args, "lang", None) or lang)
        return ExitCode.INPUT
    except WriteError as exc:
        print(f"werkpost: {write_error_text(exc, getattr(args, 'lang', None) or lang)}", file=sys.stderr)
        return exc.exit_code
    except WerkpostError as exc:
        print(f"werkpost: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("werkpost: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return ExitCode.OK
    except OSError as exc:
        # Last resort: a file or folder that could not be read or written where no caller located it
        # (permissions, a vanished disk). A message and exit 1, never a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"werkpost: {where}{exc.strerror or type(exc).__name__}", file=sys.stderr)
        return ExitCode.INPUT
