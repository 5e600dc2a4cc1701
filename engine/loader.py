"""Provides loading of the catalogue and of workspaces, with every problem collected.

A catalogue is `dimensions.yaml`, `vocabulary.yaml`, `tools/*.yaml` and
`funding.yaml`; a workspace is a folder with `workers/*.yaml`,
`workstations/*.yaml` and optionally `catalog/tools/*.yaml` that adds to or
overrides the bundled tools by id, and `catalog/funding.yaml` that replaces the
funding rules. Strict loading raises one InputError listing every problem; lenient loading
(for the UI) keeps the good records and lists the bad files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog import catalog_dir, demo_workspace
from engine.accessibility import Terms, exact
from engine.errors import InputError, LookupInputError, Problem
from engine.funding import FUNDING_FILE, FundingRules, load_funding
from engine.legacy import upgrade
from engine.models import Dimension, Tool, Vocabulary, Worker, WorkspaceSettings, Workstation
from engine.records import WORKER, WORKSTATION, R, RecordKind, check_tool, load_record, validate_as
from engine.validation import check_ids, close_quoted, items_at, said_close, validate_record
from engine.yamlio import SourceMap, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Catalog:
    """The shared vocabulary and the tools."""

    dimensions: dict[str, Dimension]
    vocabulary: Vocabulary
    tools: dict[str, Tool]
    funding: FundingRules | None = None
    """The support measures (`funding.yaml`); None for a catalogue without one."""

    def terms(self, settings: WorkspaceSettings | None = None, horizon_years: int | None = None) -> Terms:
        """The model's terms: capacity defaults from the dimensions, reliabilities, horizon, language."""
        settings = settings or WorkspaceSettings()
        reliability = {k: exact(v.reliability) for k, v in self.vocabulary.evidence.items()}
        reliability.update({k: exact(v) for k, v in settings.reliability.items()})
        return Terms(
            {d.id: d.capacity_default for d in self.dimensions.values()},
            reliability,
            settings.horizon_years if horizon_years is None else horizon_years,
            settings.language,
        )

    def dimension_label(self, dim: str, lang: str = "en") -> str:
        """The label of a dimension id in `lang` (the id itself if unknown)."""
        d = self.dimensions.get(dim)
        return d.label.get(lang) if d else dim

    def hazard_label(self, hazard: str, lang: str = "en") -> str:
        """The label of a hazard id in `lang` (the id itself if unknown)."""
        h = self.vocabulary.hazards.get(hazard)
        return h.get(lang) if h else hazard

    def tool_name(self, tool: str, lang: str = "en") -> str:
        """The name of a tool id in `lang` (the id itself if unknown)."""
        t = self.tools.get(tool)
        return t.name.get(lang) if t else tool


@dataclass
class Workspace:
    """A folder of workers and workstations, with the catalogue that applies."""

    root: Path | None
    catalog: Catalog
    workers: dict[str, Worker] = field(default_factory=dict)
    workstations: dict[str, Workstation] = field(default_factory=dict)
    worker_paths: dict[str, Path] = field(default_factory=dict)
    workstation_paths: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Files that failed to load (lenient loading only)."""
    settings: WorkspaceSettings = field(default_factory=WorkspaceSettings)
    """The workspace's `werkpost.yaml` (defaults when absent)."""
    warnings: list[Problem] = field(default_factory=list)
    """Things that loaded but deserve a word, e.g. a v1 `hearing` read as the v2 dimensions."""

    def terms(self, horizon_years: int | None = None) -> Terms:
        """The model's terms for this workspace (`horizon_years` overrides the settings)."""
        return self.catalog.terms(self.settings, horizon_years)

    def worker(self, ref: str) -> Worker:
        """A worker by id, or by the path of a worker file."""
        return _resolve(self, ref, WORKER, self.workers)

    def workstation(self, ref: str) -> Workstation:
        """A workstation by id, or by the path of a workstation file."""
        return _resolve(self, ref, WORKSTATION, self.workstations)


def _yaml_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The YAML files in `folder` (none when it is absent); a folder that cannot be listed is a problem."""
    try:
        if not folder.is_dir():
            return []
        # A killed writer's `.w-001.yaml.XXXXXXXX.tmp` (engine.atomic) ends in .tmp: never read as a record.
        return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        problems.append(Problem(str(folder), None, None, f"cannot read the folder: {why}").said(
            "unreadable_folder", why=why))
        return []


def _read(path: Path, problems: list[Problem], within: Path | None = None) -> tuple[Any, SourceMap] | None:
    try:
        return read_yaml(path, within=within)
    except InputError as exc:
        problems.extend(exc.problems)
        return None


# ---------------------------------------------------------------- the catalogue


def _load_dimensions(path: Path, problems: list[Problem]) -> dict[str, Dimension]:
    read = _read(path, problems)
    if read is None:
        return {}
    data, smap = read
    if not isinstance(data, dict) or not isinstance(data.get("dimensions"), list):
        problems.append(smap.problem((), "expected a mapping with a list under 'dimensions'"))
        return {}
    dims: dict[str, Dimension] = {}
    for i, raw in enumerate(data["dimensions"]):
        dim, found = validate_record(Dimension, raw, smap, ("dimensions", i))
        problems.extend(found)
        if dim is None:
            continue
        if dim.id in dims:
            problems.append(smap.problem(("dimensions", i, "id"), f"duplicate dimension id {dim.id!r}").said(
                "duplicate_dimension", id=repr(dim.id)))
        dims[dim.id] = dim
    return dims


def _load_vocabulary(path: Path, problems: list[Problem]) -> Vocabulary | None:
    read = _read(path, problems)
    if read is None:
        return None
    vocab, found = validate_record(Vocabulary, read[0], read[1])
    problems.extend(found)
    return vocab


def _load_tools(
    folder: Path, dims: dict[str, Dimension], vocab: Vocabulary | None, problems: list[Problem],
    tools: dict[str, Tool], maps: dict[str, tuple[Any, SourceMap]],
    *, overriding: bool, within: Path | None = None,
) -> None:
    seen: dict[str, Path] = {}
    for path in _yaml_files(folder, problems):
        read = _read(path, problems, within)
        if read is None:
            continue
        data, smap = read
        tool, found = validate_record(Tool, data, smap)
        if tool is None:
            problems.extend(found)
            continue
        if vocab is not None:
            found += check_tool(data, smap, dims, vocab)
        if tool.id in seen:
            found.append(smap.problem(("id",), f"duplicate tool id {tool.id!r} (also in {seen[tool.id]})").said(
                "duplicate_id", kind="tool", id=repr(tool.id), other=str(seen[tool.id])))
        problems.extend(found)
        if found:
            continue
        if tool.id in tools and not overriding:
            continue
        seen[tool.id] = path
        tools[tool.id] = tool
        maps[tool.id] = read


def load_catalog(base: Path | None = None, overlay: Path | None = None) -> Catalog:
    """Load the catalogue at `base` (the bundled one by default).

    `overlay` is a folder whose `tools/*.yaml` add to or override tools by id
    and whose `funding.yaml` replaces the base's (a workspace's own
    `catalog/`). Raises InputError listing every problem.
    """
    base = base or catalog_dir()
    problems: list[Problem] = []
    dims = _load_dimensions(base / "dimensions.yaml", problems)
    vocab = _load_vocabulary(base / "vocabulary.yaml", problems)
    tools: dict[str, Tool] = {}
    maps: dict[str, tuple[Any, SourceMap]] = {}
    _load_tools(base / "tools", dims, vocab, problems, tools, maps, overriding=False)
    if overlay is not None:
        # A workspace's own tools are read only from inside its catalogue folder (no symbolic link out).
        _load_tools(overlay / "tools", dims, vocab, problems, tools, maps, overriding=True, within=overlay)
    for tool_id, (data, smap) in maps.items():
        named = items_at(data, ("conflicts_with",))
        problems += check_ids(smap, named, tools, "tool")
        problems += [smap.problem(loc, "a tool cannot conflict with itself").said("self_conflict")
                     for loc, n in named if n == tool_id]
    funding: FundingRules | None = None
    funding_path = next((p for p in (overlay, base) if p is not None and (p / FUNDING_FILE).is_file()), None)
    if funding_path is not None and vocab is not None:
        # Checked after the tools, so that a workspace's funding file may name its own tools.
        try:
            funding = load_funding(funding_path / FUNDING_FILE, vocab, tools)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    assert vocab is not None
    return Catalog(dims, vocab, tools, funding)


def has_overlay(root: Path) -> bool:
    """Whether a workspace brings its own catalogue: tools, or funding rules."""
    overlay = root / "catalog"
    return (overlay / "tools").is_dir() or (overlay / FUNDING_FILE).is_file()


# ---------------------------------------------------------------- workspaces


def load_workspace(root: Path | None = None, *, strict: bool = True, catalog: Catalog | None = None) -> Workspace:
    """Load a workspace folder (the bundled demo when `root` is None).

    Strict: raise one InputError listing every problem. Lenient: keep the good
    records and list the problems in `Workspace.problems`; a broken catalogue
    still raises, since nothing can be matched without it.
    """
    root = Path(root) if root is not None else demo_workspace()
    if not root.is_dir():
        raise InputError([Problem(str(root), None, None, "workspace folder not found").said("no_workspace")])
    if catalog is None:
        catalog = load_catalog(overlay=root / "catalog" if has_overlay(root) else None)
    ws = Workspace(root, catalog)
    problems: list[Problem] = []
    _load_folder(root / "workers", WORKER, catalog, ws.workers, ws.worker_paths, problems, ws.warnings, root)
    _load_folder(root / "workstations", WORKSTATION, catalog, ws.workstations, ws.workstation_paths, problems,
                 ws.warnings, root)
    settings = _load_settings(root / SETTINGS_FILE, problems, root)
    if settings is not None:
        ws.settings = settings
    if not (root / "workers").is_dir() and not (root / "workstations").is_dir():
        problems.append(Problem(str(root), None, None, "not a workspace: no workers/ or workstations/ folder"))
    if strict and problems:
        raise InputError(problems)
    ws.problems = sorted(problems)
    return ws


SETTINGS_FILE = "werkpost.yaml"
"""A workspace's settings (contract section 4)."""


def _load_settings(path: Path, problems: list[Problem], root: Path) -> WorkspaceSettings | None:
    """The workspace settings, None (and located problems) when the file is broken or absent."""
    if not os.path.lexists(path):
        return None
    try:
        data, smap = read_yaml(path, within=root, allow_empty=True)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    if data is None:
        return None
    settings, found = validate_record(WorkspaceSettings, data, smap)
    problems.extend(found)
    return settings


def _load_folder(folder: Path, kind: RecordKind[R], catalog: Catalog, records: dict[str, R],
                 paths: dict[str, Path], problems: list[Problem], warnings: list[Problem], root: Path) -> None:
    """Every record file of `kind` in `folder` into `records`; duplicates and bad files into `problems`.

    Files are read only inside `root` (symbolic links resolved): a workspace
    must not make werkpost read, and quote in its messages, a file elsewhere.
    """
    for path in _yaml_files(folder, problems):
        record, found = _load_inside(path, kind, catalog, warnings, root)
        problems.extend(found)
        if record is None:
            continue
        if record.id in records:
            line = _id_line(path, root)
            msg = f"duplicate {kind.name} id {record.id!r} (also in {paths[record.id]})"
            problems.append(Problem(str(path), line, 1 if line else None, msg).said(
                "duplicate_id", kind=kind.name, id=repr(record.id), other=str(paths[record.id])))
            continue
        records[record.id] = record
        paths[record.id] = path


def _load_inside(path: Path, kind: RecordKind[R], catalog: Catalog, warnings: list[Problem],
                 root: Path) -> tuple[R | None, list[Problem]]:
    """load_record, refusing a file that resolves outside `root` before it is read."""
    try:
        data, smap = read_yaml(path, within=root)
    except InputError as exc:
        return None, list(exc.problems)
    warnings.extend(upgrade(data, smap, kind.name))
    return validate_as(kind, data, smap, catalog)


def _id_line(path: Path, root: Path) -> int | None:
    try:
        _, smap = read_yaml(path, within=root)
    except InputError:
        return None
    return smap.where(("id",))[0]


def _resolve(ws: Workspace, ref: str, kind: RecordKind[R], records: dict[str, R]) -> R:
    """A record by id among `records`, or by the path of a record file of `kind`."""
    if ref in records:
        return records[ref]
    path = Path(ref)
    if path.suffix in YAML_SUFFIXES or path.is_file():
        if not path.is_file():
            raise LookupInputError([Problem(str(path), None, None, f"{kind.name} file not found").said(
                "record_file_missing", kind=kind.name)])
        record, problems = load_record(path, kind, ws.catalog)
        if record is None:
            raise InputError(problems)
        return record
    broken = _broken_file(ws, ref, kind)
    if broken is not None:
        raise InputError([Problem(str(broken), None, None, f"the {kind.name} {ref!r} is in a file that could not "
                                  "be loaded (its problems are listed above)").said(
            "record_file_broken", kind=kind.name, name=repr(ref))])
    close = close_quoted(ref, records)
    where = str(ws.root) if ws.root is not None else "the workspace"
    # The key says where without a folder in other languages: "the workspace" is words, a folder is data.
    said = ("unknown_record", {"where": str(ws.root)}) if ws.root is not None else ("unknown_record_demo", {})
    message = f"unknown {kind.name} {ref!r} in {where}{said_close(close)}"
    raise LookupInputError([Problem(ref, None, None, message).said(
        said[0], kind=kind.name, name=repr(ref), close=close, **said[1])])


def _broken_file(ws: Workspace, ref: str, kind: RecordKind[Any]) -> Path | None:
    """The file of a lenient load's problems that holds record `ref` by its name (`workers/<ref>.yaml`)."""
    if ws.root is None:
        return None
    folder = ws.root / ("workers" if kind is WORKER else "workstations")
    for problem in ws.problems:
        path = Path(problem.path)
        if path.parent == folder and path.stem == ref and path.suffix in YAML_SUFFIXES:
            return path
    return None
