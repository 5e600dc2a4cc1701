"""Provides `werkpost init DIR`: a new, empty workspace with an explained example of each file kind."""

from __future__ import annotations

import argparse
from pathlib import Path

from engine.errors import ExitCode
from engine.models import LANGS
from engine.scaffold import init_workspace
from i18n import text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = sub.add_parser(
        "init",
        help="make a new workspace folder",
        description="Make a new workspace in DIR (a new or empty folder): werkpost.yaml, workers/ and "
        "workstations/, each with an example file whose comments explain every field.",
    )
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of what init says (en or nl)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the workspace and say what was made."""
    written = init_workspace(args.dir)
    print(text("cli.init.made", args.lang, dir=args.dir))
    for path in written:
        print(f"  {path}")
    print(text("cli.init.next", args.lang, dir=args.dir))
    return ExitCode.OK
