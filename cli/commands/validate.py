"""Provides `werkpost validate PATH...`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalog import catalog_dir
from cli.output import print_problems
from cli.usage import helped, say
from engine.checkfiles import check_paths
from engine.errors import ExitCode
from engine.models import LANGS
from engine.persist import SETTINGS_FILE, load_settings
from i18n.problems import checked_text, problems_found


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand to the parser."""
    p = sub.add_parser(
        "validate",
        help=helped("help.validate.help"),
        description=say("help.validate.description"),
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    p.add_argument("--lang", choices=LANGS, default=None,
                   help=helped("help.validate.lang"))
    p.set_defaults(run=run)


def _lang(chosen: str | None, paths: list[Path]) -> str:
    """--lang, else the `lang` setting of the first workspace folder among `paths`, else English."""
    if chosen:
        return chosen
    for path in paths:
        if path.is_dir() and (path / SETTINGS_FILE).is_file():
            # A broken settings file gives the defaults here; check_paths reports its problems.
            settings, _ = load_settings(path)
            return settings.lang or "en"
    return "en"


def run(args: argparse.Namespace) -> int:
    """Validate and report."""
    paths = list(args.paths) or [catalog_dir()]
    args.lang = _lang(args.lang, list(args.paths))
    summary, problems = check_paths(paths)
    for checked in summary:
        print(checked_text(checked, args.lang))
    if problems:
        print_problems(problems, args.lang)
        print(problems_found(len(problems), args.lang), file=sys.stderr)
        return ExitCode.INPUT
    return ExitCode.OK
