"""Provides `werkpost init DIR`: a new, empty workspace with an explained example of each file kind."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.usage import helped, say
from engine.errors import ExitCode
from engine.models import LANGS
from engine.scaffold import ENGLISH, init_workspace
from i18n import text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = sub.add_parser(
        "init",
        help=helped("help.init.help"),
        description=say("help.init.description"),
    )
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument("--lang", choices=LANGS, default="en",
                   help=helped("help.init.lang"))
    p.set_defaults(run=run)


def scaffold_words(lang: str) -> dict[str, str]:
    """The words of the example files in `lang` (the engine names them; the catalogue says them)."""
    return {name: text(f"scaffold.{name}", lang) for name in ENGLISH}


def run(args: argparse.Namespace) -> int:
    """Write the workspace and say what was made."""
    # English is the default of the screens already: only another language is written as a setting.
    written = init_workspace(args.dir, scaffold_words(args.lang), lang=None if args.lang == "en" else args.lang)
    print(text("cli.init.made", args.lang, dir=args.dir))
    for path in written:
        print(f"  {path}")
    print(text("cli.init.next", args.lang, dir=args.dir))
    return ExitCode.OK
