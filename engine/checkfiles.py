"""Provides `validate` for any mix of paths: catalogues, workspaces and single files."""

from __future__ import annotations

from pathlib import Path

from engine.errors import InputError, Problem
from engine.loader import (
    Catalog,
    check_tool,
    load_catalog,
    load_record_file,
    load_workspace,
)
from engine.models import Tool
from engine.validation import check_ids, items_at, validate_record
from engine.yamlio import read_yaml


def guess_kind(path: Path, data: object = None) -> str:
    """'worker', 'workstation' or 'tool', from the folder name, else the keys."""
    parent = path.parent.name
    if parent in ("workers", "workstations", "tools"):
        return {"workers": "worker", "workstations": "workstation", "tools": "tool"}[parent]
    if isinstance(data, dict):
        if "tasks" in data:
            return "workstation"
        if "effects" in data or "category" in data:
            return "tool"
    return "worker"


def check_tool_file(path: Path, catalog: Catalog) -> list[Problem]:
    """Validate one tool file against a catalogue (its conflicts included)."""
    try:
        data, smap = read_yaml(path)
    except InputError as exc:
        return exc.problems
    tool, problems = validate_record(Tool, data, smap)
    if tool is None:
        return problems
    known = set(catalog.tools) | {tool.id}
    return check_tool(data, smap, catalog.dimensions, catalog.vocabulary) + check_ids(
        smap, items_at(data, ("conflicts_with",)), known, "tool"
    )


def check_paths(paths: list[Path]) -> tuple[list[str], list[Problem]]:
    """Validate each path; returns one summary line per good path and all problems."""
    summary: list[str] = []
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
                summary.append(f"{path}: catalogue ok: {len(cat.dimensions)} dimensions, {len(cat.tools)} tools")
                if (path / "demo").is_dir():
                    queue.insert(0, (path / "demo", cat))
            elif path.is_dir():
                overlay = (path / "catalog" / "tools").is_dir()
                ws = load_workspace(path, catalog=None if overlay else own)
                summary.append(
                    f"{path}: workspace ok: {len(ws.workers)} workers, "
                    f"{len(ws.workstations)} workstations, {len(ws.catalog.tools)} tools"
                )
            elif path.is_file():
                kind = guess_kind(path)
                if kind == "tool":
                    found = check_tool_file(path, base_catalog())
                else:
                    _, found = load_record_file(path, kind, base_catalog())
                problems.extend(found)
                if not found:
                    summary.append(f"{path}: {kind} ok")
            else:
                problems.append(Problem(str(path), None, None, "no such file or folder"))
        except InputError as exc:
            problems.extend(exc.problems)
    return summary, problems
