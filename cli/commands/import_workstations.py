"""Provides `werkpost import-workstations FILE`: workstations from a task-analysis sheet (CSV or XLSX)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.usage import helped, say
from engine.errors import ExitCode, InputError
from engine.loader import load_workspace
from engine.models import LANGS
from engine.stationlist import plan_import, read_workstations, write_import
from i18n import plural, text

SUFFIXES = (".csv", ".xlsx")


def sheet_file(value: str) -> Path:
    """A path ending in .csv or .xlsx."""
    path = Path(value)
    if path.suffix.lower() not in SUFFIXES:
        raise argparse.ArgumentTypeError(say("cli.usage.sheet_suffix", path=value))
    return path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand to the parser."""
    p = sub.add_parser(
        "import-workstations",
        help=helped("help.import_workstations.help"),
        description=say("help.import_workstations.description"),
    )
    p.add_argument("sheet", type=sheet_file, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--workspace", type=Path, default=Path("."), metavar="DIR",
                   help=helped("help.import_workstations.workspace"))
    p.add_argument("--force", action="store_true", help=helped("help.import_workstations.force"))
    p.add_argument("--dry-run", action="store_true", help=helped("help.import_workstations.dry_run"))
    p.add_argument("--lang", choices=LANGS, default=None,
                   help=helped("help.import_workstations.lang"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check everything, then write every workstation file (or none), and say where each went."""
    root: Path = args.workspace
    if not (root / "workers").is_dir() and not (root / "workstations").is_dir():
        raise InputError.single("not a workspace (no workers/ or workstations/ folder): make one with "
                                "'werkpost init DIR', or give --workspace DIR", root)
    ws = load_workspace(root, strict=False)
    lang = args.lang or ws.settings.lang or "en"
    stations = read_workstations(args.sheet, ws.catalog)
    planned = plan_import(root, stations, ws.workstation_paths, force=args.force, sheet=str(args.sheet))
    if args.dry_run:
        print(plural("cli.import_ws.checked", len(planned), lang, sheet=args.sheet))
        for item in planned:
            print(f"  {item.path}")
        return ExitCode.OK
    written = write_import(root, planned)
    print(plural("cli.import_ws.written", len(written), lang, sheet=args.sheet))
    for item in planned:
        key = "cli.import_ws.replaced" if item.replaces else "cli.import_ws.new"
        print("  " + text(key, lang, path=item.path, tasks=len(item.station.tasks)))
    print(text("cli.import_ws.next", lang, workspace=root))
    return ExitCode.OK
