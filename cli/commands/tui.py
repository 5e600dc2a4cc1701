"""Provides `werkpost tui [WORKSPACE]`: the job coach's terminal UI."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.usage import helped, say
from engine.errors import ExitCode


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand to the parser."""
    p = sub.add_parser(
        "tui",
        help=helped("help.tui.help"),
        description=say("help.tui.description"),
    )
    p.add_argument("workspace", nargs="?", type=Path, metavar="WORKSPACE")
    p.add_argument("--lang", choices=("en", "nl"), help=helped("help.tui.lang"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the workspace and run the app until the coach quits."""
    # Deferred: textual costs a few hundred milliseconds to import, which the
    # other subcommands should never pay.
    from tui.app import make_app

    app = make_app(args.workspace, lang=args.lang)
    app.run()
    return ExitCode.OK
