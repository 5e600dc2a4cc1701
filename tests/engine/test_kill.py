"""Writers killed at random moments: the target is always a complete old or new file, never half of one.

A forked child saves a worker (engine.persist.save_worker), exports an
XLSX (engine.export.write_match) or writes a PDF sheet (sheets.write_sheet) in a loop, each write a new numbered
version; the parent SIGKILLs it after a random 0-50 ms, then parses the
target. A kill between mkstemp and the rename can leave the writer's
temporary file: the rule is that it is a hidden `.NAME.XXXXXXXX.tmp` beside
the target, that the loader ignores it and that the next write removes it
once stale (engine.atomic.STALE_AFTER). Nothing may appear anywhere else:
the child's system temporary folder is a private one, checked empty.

Kills per writer: 20 (make test; 8 for the PDF), 100 with HYPOTHESIS_PROFILE=deep. The PDF writer spends most of its
time rendering, so every other kill there is aimed at the write itself (see _kill_loop).
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import multiprocessing
import os
import random
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from catalog import demo_workspace
from engine.atomic import STALE_AFTER
from engine.export import write_match
from engine.loader import Catalog, load_workspace
from engine.match.results import MatchResult, Unplaced
from engine.persist import save_worker, worker_data
from engine.recommend import Recommendation, recommend
from engine.yamlio import dump_yaml, read_yaml
from sheets import render_sheet, write_sheet

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"
KILLS = 100 if DEEP else 20
PDF_KILLS = 100 if DEEP else 8
"""A PDF round costs a render (about a second on a busy 2-core machine): fewer in make test, as many in deep."""
SEED = 15
"""Fixed, like the ci Hypothesis profile: every run kills at the same moments (as far as timing allows)."""
COMMENT = "# Context kept by the job coach: must survive every save.\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill test forks a writer (POSIX only)")


def _child(write: Callable[[int], None], first: int, started: Any, private_tmp: str, aim: Any = None) -> None:
    """Write version `first`, say so, then first + 1, ... until killed (or, as a safety net, for 20 s).

    With `aim`, every later write sets that event as it makes its temporary file, so the parent can
    kill inside the short write itself rather than in the long rendering before it.
    """
    # Any temporary file made outside the target's folder would land here, where the test looks for it.
    tempfile.tempdir = private_tmp
    write(first)
    if aim is not None:
        real = tempfile.mkstemp

        def mkstemp(*args: Any, **kwargs: Any) -> Any:
            aim.set()
            return real(*args, **kwargs)
        tempfile.mkstemp = mkstemp  # only in this forked child, which never returns
    started.set()
    deadline = time.monotonic() + 20
    version = first + 1
    while time.monotonic() < deadline:
        write(version)
        version += 1
    os._exit(0)


def _kill_loop(tmp_path: Path, write: Callable[[int], None], folder: Path, target: Path,
               parse: Callable[[Path], int], stretch: float = 2.5, aim: bool = False,
               kills: int = KILLS) -> dict[str, int]:
    """`kills` rounds of: fork a writer, let it write once, wait 0-50 ms, SIGKILL it, check target and folder.

    With `aim`, every other round kills 0-4 ms after the writer made its temporary file instead: inside
    the write, the sync or the rename, which a random time in a long rendering seldom hits.
    """
    rng = random.Random(SEED)
    # 0-50 ms, stretched to `stretch` writes where one write takes longer (a slow or busy machine), so that
    # kills fall both inside a write and after a rename.
    start = time.monotonic()
    write(-2)
    window = max(0.050, stretch * (time.monotonic() - start))
    context = multiprocessing.get_context("fork")
    private_tmp = tmp_path / "system-tmp"
    private_tmp.mkdir()
    temp_name = re.compile(rf"^\.{re.escape(target.name)}\.[A-Za-z0-9_]+\.tmp$")
    seen, left, newer = 0, 0, 0
    for round_ in range(kills):
        started = context.Event()
        aimed = context.Event() if aim and round_ % 2 else None
        child = context.Process(target=_child, args=(write, round_ * 1_000_000, started, str(private_tmp), aimed))
        child.start()
        assert started.wait(30), "the writer did not start"
        if aimed is not None:
            assert aimed.wait(30), "the writer did not write again"
            time.sleep(rng.uniform(0, 0.004))
        else:
            time.sleep(rng.uniform(0, window))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        version = parse(target)  # raises if the file is half written
        # The version completed before the kill window opened, or a later one: never older, never half.
        assert round_ * 1_000_000 <= version < (round_ + 1) * 1_000_000
        newer += version > round_ * 1_000_000
        seen += 1
        others = sorted(p.name for p in folder.iterdir() if p != target and not p.name.startswith("w-0"))
        assert all(temp_name.match(name) for name in others), others
        left += len(others)
    assert list(private_tmp.iterdir()) == [], "a temporary file outside the target's folder"
    return {"kills": seen, "new_versions_landed": newer, "temps_seen": left}


def _age(folder: Path, target: Path) -> list[Path]:
    """The killed writers' temporary files, made older than STALE_AFTER."""
    temps = [p for p in folder.iterdir() if p.name.startswith(f".{target.name}.") and p.suffix == ".tmp"]
    old = time.time() - STALE_AFTER - 60
    for p in temps:
        os.utime(p, (old, old))
    return temps


def test_worker_save_killed_at_random(tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    target = root / "workers" / "w-001.yaml"
    target.write_text(COMMENT + target.read_text(encoding="utf-8"), encoding="utf-8")
    ws = load_workspace(root, catalog=catalog)
    worker = ws.workers["w-001"]
    defaults = {d.id: d.capacity_default for d in catalog.dimensions.values()}

    def version_of(i: int) -> Any:
        return worker.model_copy(update={"label": f"version {i}"})

    def write(i: int) -> None:
        save_worker(root, version_of(i), target, defaults)

    def parse(path: Path) -> int:
        text = path.read_text(encoding="utf-8")
        data, _ = read_yaml(path)
        i = int(str(data["label"]).removeprefix("version "))
        # Complete: byte for byte what that version's save writes.
        assert text == COMMENT + dump_yaml(worker_data(version_of(i), defaults))
        return i

    counts = _kill_loop(tmp_path, write, target.parent, target, parse)
    assert counts["kills"] == KILLS
    # What a kill left is ignored by the loader, and the next write removes it once stale.
    temps = _age(target.parent, target)
    again = load_workspace(root, catalog=catalog)
    assert again.workers["w-001"].label.startswith("version ") and len(again.workers) == len(ws.workers)
    write(10**9)
    assert not any(p.exists() for p in temps)
    assert parse(target) == 10**9
    print(f"worker save: {counts}, {len(temps)} stale temp(s) removed by the next write")


def _result(i: int) -> MatchResult:
    unplaced = [Unplaced(f"w-{k:04d}", "ws-x", 0.5, [], f"reason {k}", worker_label=f"Worker {k}")
                for k in range(20)]
    return MatchResult([], unplaced, "total", "lazy-lsa", True, 1.0, 0.0, notes=[f"version {i}"])


def test_xlsx_export_killed_at_random(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "match.xlsx"
    write_match(_result(-1), target)

    def write(i: int) -> None:
        write_match(_result(i), target)

    def parse(path: Path) -> int:
        book = load_workbook(io.BytesIO(path.read_bytes()))  # a half-written zip does not open
        notes = [v for k, v in book["summary"].iter_rows(min_row=2, values_only=True) if k == "note"]
        assert book["unplaced"].max_row == 21
        return int(str(notes[0]).removeprefix("version "))

    counts = _kill_loop(tmp_path, write, folder, target, parse)
    assert counts["kills"] == KILLS
    temps = _age(folder, target)
    write(10**9)
    assert sorted(p.name for p in folder.iterdir()) == ["match.xlsx"]
    assert parse(target) == 10**9
    print(f"xlsx export: {counts}, {len(temps)} stale temp(s) removed by the next write")


def test_pdf_sheet_killed_at_random(tmp_path: Path, catalog: Catalog) -> None:
    ws = load_workspace(catalog=catalog)
    base = recommend(catalog, ws.workers["w-006"], ws.workstations["ws-order-picking"], terms=ws.terms())
    today = datetime.date(2026, 11, 26)  # fixed: the same version always gives the same bytes

    def version_of(i: int) -> Recommendation:
        # The version rides in the worker id, which the PDF carries in its title (document metadata).
        worker = base.worker.model_copy(update={"id": f"w-{i}"})
        return dataclasses.replace(base, graph=dataclasses.replace(base.graph, worker=worker))

    def write(i: int) -> None:
        write_sheet(version_of(i), catalog, target, force=True, today=today)

    def parse(path: Path) -> int:
        data = path.read_bytes()
        _assert_complete_pdf(data)
        found = re.search(rb"/Title <([0-9a-f]+)>", data)
        assert found is not None, "no title: not a sheet"
        title = bytes.fromhex(found.group(1).decode()).decode("utf-16")
        return int(re.sub(r".*· w-(-?\d+) ·.*", r"\1", title))

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "sheet.pdf"
    # A PDF write is mostly rendering (about half a second): the window is 1.2 writes, so each round
    # stays short; every other kill is aimed at the write itself (a few ms after the temporary file).
    counts = _kill_loop(tmp_path, write, folder, target, parse, stretch=1.2, aim=True, kills=PDF_KILLS)
    assert counts["kills"] == PDF_KILLS
    temps = _age(folder, target)
    write(10**9)
    assert sorted(p.name for p in folder.iterdir()) == ["sheet.pdf"]
    assert parse(target) == 10**9
    # Byte for byte the sheet of that version: rendering is reproducible for a fixed date.
    assert target.read_bytes() == render_sheet(version_of(10**9), catalog, "pdf", today=today)
    print(f"pdf sheet: {counts}, {len(temps)} stale temp(s) removed by the next write")


def _assert_complete_pdf(data: bytes) -> None:
    """A whole PDF as fpdf2 writes it: header, a cross-reference table whose every entry points at its object,
    a trailer whose /Size matches, and the end-of-file marker. A cut anywhere breaks one of these."""
    assert data.startswith(b"%PDF-") and data.endswith(b"%%EOF\n"), "a half-written PDF"
    tail = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data)
    assert tail is not None
    xref = int(tail.group(1))
    assert data[xref:xref + 5] == b"xref\n", "startxref does not point at the cross-reference table"
    head = re.match(rb"xref\n0 (\d+)\n", data[xref:])
    assert head is not None
    size = int(head.group(1))
    entries = data[xref + head.end():].split(b"\n")[:size]
    for number, entry in enumerate(entries[1:], 1):
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj".encode()), f"object {number} is not where the table says"
    trailer = re.search(rb"/Size (\d+)", data[xref:])
    assert trailer is not None and int(trailer.group(1)) == size
