"""Provides `werkpost sheet`: recommendation sheets in PDF, HTML or Markdown, English or Dutch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.argtypes import euro, whole
from cli.output import load_lenient, ui_lang, workspace_arg
from cli.usage import helped, say
from engine.errors import ExitCode
from engine.recommend import recommend
from i18n import plural, text

FORMAT_CHOICES = ("pdf", "html", "md")
SUFFIXES = (".pdf", ".html", ".htm", ".md")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand to the parser."""
    p = sub.add_parser(
        "sheet",
        help=helped("help.sheet.help"),
        description=say("help.sheet.description"),
    )
    p.add_argument("--worker", metavar="W", help=helped("help.sheet.worker"))
    p.add_argument("--workstation", metavar="S", help=helped("help.sheet.workstation"))
    p.add_argument("--all", action="store_true", help=helped("help.sheet.all"))
    p.add_argument("--out", required=True, metavar="FILE|DIR",
                   help=helped("help.sheet.out"))
    p.add_argument("--format", choices=FORMAT_CHOICES,
                   help=helped("help.sheet.format"))
    p.add_argument("--lang", choices=("en", "nl"), default=None,
                   help=helped("help.sheet.lang"))
    p.add_argument("--budget", type=euro, metavar="EUR",
                   help=helped("help.sheet.budget"))
    p.add_argument("--top", type=whole(1), default=5, metavar="N", help=helped("help.sheet.top"))
    p.add_argument("--workspace", metavar="DIR", help=helped("help.sheet.workspace"))
    p.add_argument("--force", action="store_true", help=helped("help.sheet.force"))
    p.set_defaults(run=run, sheet_parser=p)


def run(args: argparse.Namespace) -> int:
    """Check the usage, then write the sheet(s) and print the paths written."""
    parser: argparse.ArgumentParser = args.sheet_parser
    out = Path(args.out)
    # Usage is checked before the workspace is read (a mistyped command should not wait for it), in the
    # language of the command line: --lang, else the named workspace's setting (cli.usage).
    if args.all:
        if args.worker or args.workstation:
            parser.error(say("cli.sheet.all_and_pair"))
        if out.suffix.lower() in SUFFIXES:
            # A folder called z.pdf would look like one sheet to every file manager and mail program.
            parser.error(say("cli.sheet.all_needs_folder", out=repr(args.out), suffix=out.suffix,
                             format=out.suffix[1:4]))
    else:
        if not (args.worker and args.workstation):
            parser.error(say("cli.sheet.need_pair"))
        if args.format is not None:
            parser.error(say("cli.sheet.format_only_all"))
        if out.suffix.lower() not in SUFFIXES:
            parser.error(say("cli.sheet.bad_suffix", out=repr(args.out)))
    # Deferred: the sheets package pulls in Babel (and fpdf2 for PDF); other commands need neither.
    import sheets
    from sheets.batch import write_all

    ws = load_lenient(workspace_arg(args.workspace))
    lang = ui_lang(args.lang, ws)  # as recommend and match: --lang, else the workspace's setting, else en
    if args.all:
        # Every path written goes to stdout, the index last: the coach (or a script) sees where each went.
        written = write_all(ws, out, args.format or "pdf", lang=lang, budget=args.budget, top=args.top,
                            force=args.force)
        for path in written:
            print(path)
        # stdout is the paths (for a script); the summary for the coach is a diagnostic, in their language.
        sheets_written = plural("cli.sheet.sheets", sum(1 for p in written if p.stem != "index"), lang)
        print(text("cli.sheet.wrote_all", lang, sheets=sheets_written, folder=out.resolve()), file=sys.stderr)
        return ExitCode.OK

    rec = recommend(ws.catalog, ws.worker(args.worker), ws.workstation(args.workstation),
                    budget=args.budget, top=args.top, terms=ws.terms())
    path = sheets.write_sheet(rec, ws.catalog, out, lang=lang, force=args.force)
    print(path)
    print(text("cli.sheet.wrote", lang, path=Path(path).resolve()), file=sys.stderr)
    return ExitCode.OK
