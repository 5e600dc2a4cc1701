"""Provides `werkpost demo generate`: write a synthetic firm as a workspace folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.argtypes import whole
from cli.usage import helped, say
from engine.errors import ExitCode, InputError
from engine.generate import write_firm
from engine.loader import load_catalog


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `demo generate`."""
    p = sub.add_parser("demo", help=helped("help.demo.help"))
    inner = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    g = inner.add_parser("generate", help=helped("help.demo.generate.help"),
                         description=say("help.demo.generate.description"))
    g.add_argument("--workers", type=whole(0, 100_000), default=200, metavar="N")
    g.add_argument("--workstations", type=whole(0, 100_000), default=40, metavar="M")
    g.add_argument("--seed", type=int, default=0, metavar="S")
    g.add_argument("--positions", type=whole(0, 100_000), default=None, metavar="P",
                   help=helped("help.demo.generate.positions"))
    g.add_argument("--force", action="store_true", help=helped("help.demo.generate.force"))
    g.add_argument("dir", type=Path, metavar="DIR")
    g.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Generate and write the firm."""
    root: Path = args.dir
    if root.exists() and not root.is_dir():
        raise InputError.single("exists and is not a folder", root)
    if not args.force and any((root / sub).is_dir() and any((root / sub).iterdir())
                              for sub in ("workers", "workstations")):
        raise InputError.single("already holds workers or workstations (use --force to add to them)", root)
    n_workers, n_stations = write_firm(root, load_catalog(), args.workers, args.workstations, args.seed,
                                       args.positions)
    print(f"wrote {n_workers} workers and {n_stations} workstations to {root}")
    return ExitCode.OK
