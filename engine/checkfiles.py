"""Provides `validate` for any mix of paths: catalogues, workspaces and single files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.errors import InputError, Problem
from engine.funding import FUNDING_FILE, load_funding
from engine.loader import Catalog, has_overlay, load_catalog, load_workspace
from engine.records import KINDS, guess_kind, validate_as
from engine.yamlio import read_yaml


@dataclass(frozen=True)
class Checked:
    """A path that passed: what it holds (catalogue, workspace, funding, or a record kind) and how many of each."""

    path: str
    kind: str
    """catalogue, workspace, funding, or the record kind (worker, workstation, ...)."""
    counts: tuple[tuple[str, int], ...] = ()
    """How many dimensions, tools, workers, workstations or measures it holds, by name."""

    def __str__(self) -> str:
        # English, the default; i18n.problems.checked_text says it in any language.
        n = dict(self.counts)
        if self.kind == "catalogue":
            return f"{self.path}: catalogue ok: {n['dimensions']} dimensions, {n['tools']} tools"
        if self.kind == "workspace":
            return (f"{self.path}: workspace ok: {n['workers']} workers, {n['workstations']} workstations, "
                    f"{n['tools']} tools")
        if self.kind == "funding":
            return f"{self.path}: funding rules ok: {n['measures']} measures"
        return f"{self.path}: {self.kind} ok"


def check_file(path: Path, catalog: Catalog) -> tuple[str, list[Problem]]:
    """Validate one record file against a catalogue: its kind (from its keys) and every problem."""
    try:
        data, smap = read_yaml(path)
    except InputError as exc:
        return guess_kind(None, path), list(exc.problems)
    kind = guess_kind(data, path)
    _, problems = validate_as(KINDS[kind], data, smap, catalog)
    return kind, problems


def check_paths(paths: list[Path]) -> tuple[list[Checked], list[Problem]]:
    """Validate each path; returns one summary row per good path and all problems."""
    summary: list[Checked] = []
    problems: list[Problem] = []
    bundled: Catalog | None = None

    def base_catalog() -> Catalog:
        nonlocal bundled
        if bundled is None:
            bundled = load_catalog()
        return bundled

    # A catalogue's own demo workspace is checked next, against the catalogue just loaded.
    queue: list[tuple[Path, Catalog | None]] = [(path, None) for path in paths]
    while queue:
        path, own = queue.pop(0)
        try:
            if path.is_dir() and (path / "dimensions.yaml").exists():
                cat = load_catalog(path)
                summary.append(Checked(str(path), "catalogue",
                                       (("dimensions", len(cat.dimensions)), ("tools", len(cat.tools)))))
                if (path / "demo").is_dir():
                    queue.insert(0, (path / "demo", cat))
            elif path.is_dir():
                ws = load_workspace(path, catalog=None if has_overlay(path) else own)
                summary.append(Checked(str(path), "workspace", (
                    ("workers", len(ws.workers)), ("workstations", len(ws.workstations)),
                    ("tools", len(ws.catalog.tools)))))
            elif path.is_file() and path.name == FUNDING_FILE:
                cat = base_catalog()
                rules = load_funding(path, cat.vocabulary, cat.tools)
                summary.append(Checked(str(path), "funding", (("measures", len(rules.measures)),)))
            elif path.is_file():
                kind, found = check_file(path, base_catalog())
                problems.extend(found)
                if not found:
                    summary.append(Checked(str(path), kind))
            else:
                problems.append(Problem(str(path), None, None, "no such file or folder").said("no_such_path"))
        except InputError as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            # A folder that cannot be listed or entered (permissions): located at the path, never a traceback.
            where = exc.filename if isinstance(exc.filename, str) else str(path)
            problems.append(Problem(where, None, None, f"cannot read: {exc.strerror or type(exc).__name__}"))
    return summary, problems
