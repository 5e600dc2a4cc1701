"""Provides `write_all`: one sheet per worker of a workspace, for the workstation the batch match gives them.

Unplaced workers get a sheet for their best workstation. File names come from
ids through `safe_name`, so no id can write outside the output folder. Every
target is checked and every sheet rendered before the first file is written;
existing files stop the batch unless `force` is given. The sheets and the
index (in the sheets' format) are written together through a temporary folder
beside the target (engine.atomic.atomic_write_files): an error at any point
leaves the target as it was and no temporary folder behind.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from engine.atomic import atomic_write_files
from engine.errors import InputError, WriteError
from engine.loader import Workspace
from engine.match import match
from engine.models import Worker, Workstation
from engine.recommend import Recommendation, rank_workstations, recommend
from i18n import percent
from i18n import text as message
from sheets import render_sheet, sheet_stem
from sheets.content import Table
from sheets.index import render_index

SUFFIX = {"pdf": ".pdf", "html": ".html", "md": ".md"}


@dataclass(frozen=True)
class Placement:
    """A worker, the workstation their sheet is for, and whether the batch match placed them there."""

    worker: Worker
    station: Workstation
    placed: bool
    """True: placed by the batch match; False: left unplaced by it."""
    budget: float | None = None
    """The budget on the total cost (one-off + horizon x yearly) of this worker's set-up (with a shared
    budget: the total cost of the set-up the match gave them)."""


def placements(ws: Workspace, budget: float | None = None) -> list[Placement]:
    """Each worker with the workstation of the batch match, or their best one when unplaced."""
    if not ws.workers:
        raise InputError.single("the workspace has no workers", ws.root or "<workspace>")
    if not ws.workstations:
        raise InputError.single("the workspace has no workstations", ws.root or "<workspace>")
    chosen: dict[str, tuple[str, bool, float | None]] = {}
    result = match(ws, budget=budget)
    for a in result.assignments:
        # A shared budget is split by the match: the sheet shows the best set-up within this worker's
        # part, which is the set-up the match chose (it is not dominated within that cost).
        chosen[a.worker] = (a.workstation, True, None if budget is None else float(a.cost_eur))
    for u in result.unassigned:
        if u.best_workstation is not None:
            chosen[u.worker] = (u.best_workstation, False, budget)
    stations = list(ws.workstations.values())
    out = []
    for worker_id in sorted(ws.workers):
        worker = ws.workers[worker_id]
        station_id, placed, own_budget = chosen.get(worker_id, ("", False, budget))
        station = ws.workstations.get(station_id)
        if station is None:
            station = rank_workstations(ws.catalog, worker, stations, budget, ws.terms())[0].station
        out.append(Placement(worker, station, placed, own_budget))
    return out


def _file_names(items: list[Placement], fmt: str) -> list[str]:
    names: list[str] = []
    taken = {"index"}
    for p in items:
        stem = sheet_stem(p.worker.id, p.station.id)
        unique, n = stem, 2
        while unique.lower() in taken:  # two ids may sanitise alike; case-insensitive file systems too
            unique, n = f"{stem}-{n}", n + 1
        taken.add(unique.lower())
        names.append(unique + SUFFIX[fmt])
    return names


def _index_table(items: list[Placement], recs: list[Recommendation], names: list[str], lang: str) -> Table:
    keys = ("worker", "workstation", "placement", "before", "after", "sheet")
    headings = tuple(message("sheet." + k, lang) for k in keys)
    rows = []
    for p, rec, name in zip(items, recs, names, strict=True):
        after = rec.best.setup.accessibility if rec.best else rec.baseline.accessibility
        rows.append((
            p.worker.id + (f" · {p.worker.label}" if p.worker.label else ""),
            p.station.label or p.station.id,
            message("sheet.placed" if p.placed else "sheet.unplaced", lang),
            percent(rec.baseline.accessibility, lang),
            percent(after, lang),
            name,
        ))
    return Table(headings, tuple(rows), frozenset({3, 4}))


def write_all(
    ws: Workspace, out_dir: Path, fmt: str, *, lang: str = "en", budget: float | None = None,
    top: int | None = 5, force: bool = False, today: datetime.date | None = None,
) -> list[Path]:
    """Write one sheet per worker and an index into `out_dir`, all or nothing; returns the paths, index last."""
    if fmt not in SUFFIX:
        raise WriteError(f"unknown sheet format {fmt!r}; use pdf, html or md")
    out_dir = Path(out_dir)
    parent = out_dir.parent if str(out_dir.parent) else Path(".")
    # Every check before the long work (the match, the rendering) and before any write.
    if out_dir.exists() and not out_dir.is_dir():
        raise WriteError(f"{out_dir}: exists and is not a folder")
    if not parent.is_dir():
        raise WriteError(f"{out_dir}: the folder {parent} does not exist")
    today = today or datetime.date.today()
    items = placements(ws, budget)
    names = _file_names(items, fmt)
    recs = [recommend(ws.catalog, p.worker, p.station, budget=p.budget, top=top, terms=ws.terms()) for p in items]
    index_name, index_bytes = render_index(_index_table(items, recs, names, lang), fmt, lang, today)
    targets = [out_dir / n for n in names] + [out_dir / index_name]
    existing = [t for t in targets if os.path.lexists(t)]
    if existing and not force:
        shown = ", ".join(t.name for t in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise WriteError(f"{out_dir}: {len(existing)} file(s) already exist ({shown}); use --force to overwrite")
    folders = [t for t in existing if t.is_dir()]
    if folders:
        raise WriteError(f"{folders[0]}: is a folder; a sheet cannot replace it")
    data = [render_sheet(rec, ws.catalog, fmt, lang=lang, today=today) for rec in recs]
    return atomic_write_files(out_dir, [*zip(names, data, strict=True), (index_name, index_bytes)])
