"""Provides typed loading of one record of any kind (worker, workstation, tool) with its cross-checks.

A `RecordKind` pairs a pydantic model with the check of every id the record
names (dimensions, categories, features, task tags, tools). `validate_as`
validates plain data as one kind and `load_record` does the same for a file;
the workspace loader, `werkpost validate` and the staff-list reader all go
through them, so a record is judged the same way wherever it comes from.
`guess_kind` tells the kind of a lone file from its keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

from engine.errors import InputError, Problem
from engine.funding import FundingRules
from engine.legacy import upgrade
from engine.models import Dimension, Tool, Vocabulary, Worker, Workstation
from engine.validation import check_ids, items_at, keys_at, validate_record
from engine.yamlio import SourceMap, read_yaml

R = TypeVar("R", Worker, Workstation, Tool)
"""A record type that a file holds on its own."""
KindName = Literal["worker", "workstation", "tool"]


class Names(Protocol):
    """The ids a record may name: what a `Catalog` offers."""

    @property
    def dimensions(self) -> Mapping[str, Dimension]: ...

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def tools(self) -> Mapping[str, Tool]: ...

    @property
    def funding(self) -> FundingRules | None: ...


def check_tool(data: Any, smap: SourceMap, dims: Mapping[str, Dimension], vocab: Vocabulary) -> list[Problem]:
    """Cross-check the ids a (shape-valid) tool file names, except conflicts."""
    out = check_ids(smap, [(("category",), data["category"])], vocab.categories, "category")
    effects = items_at(data, ("effects",))
    out += check_ids(smap, [((*loc, "dimension"), e["dimension"]) for loc, e in effects], dims, "dimension")
    out += check_ids(smap, [((*loc, "via"), e["via"]) for loc, e in effects if e.get("via") is not None],
                     dims, "dimension")
    for loc, e in effects:
        out += check_ids(smap, items_at(data, (*loc, "task_tags")), vocab.task_tags, "task tag")
        out += check_ids(smap, items_at(data, (*loc, "except_task_tags")), vocab.task_tags, "task tag")
        dim = dims.get(e["dimension"])
        if dim is not None and not dim.demandable:
            out.append(smap.problem((*loc, "dimension"), f"{dim.id} is capacity only: no task demands it, so an "
                                    f"effect cannot act on it (use it as `via: {dim.id}`)"))
    out += check_ids(smap, items_at(data, ("requires", "features")), vocab.features, "feature")
    out += check_ids(smap, keys_at(data, ("requires", "capacities")), dims, "dimension", key=True)
    out += check_ids(smap, items_at(data, ("mitigates",)), vocab.hazards, "hazard")
    return out


def _check_tool_file(data: Any, smap: SourceMap, names: Names) -> list[Problem]:
    """A lone tool file: its ids, and its conflicts against the catalogue's tools and itself."""
    known = set(names.tools) | ({data["id"]} if isinstance(data.get("id"), str) else set())
    return check_tool(data, smap, names.dimensions, names.vocabulary) + check_ids(
        smap, items_at(data, ("conflicts_with",)), known, "tool"
    )


def check_worker(data: Any, smap: SourceMap, names: Names) -> list[Problem]:
    """Cross-check the ids a (shape-valid) worker names."""
    cats = names.vocabulary.categories
    return (
        check_ids(smap, keys_at(data, ("capacities",)), names.dimensions, "dimension", key=True)
        + check_ids(smap, keys_at(data, ("restrictions",)), names.dimensions, "dimension", key=True)
        + check_ids(smap, items_at(data, ("contraindications",)), names.vocabulary.hazards, "hazard")
        + check_ids(smap, items_at(data, ("avoid_categories",)), cats, "category")
        + check_ids(smap, keys_at(data, ("acceptance",)), cats, "category", key=True)
        + check_support(data, smap, names)
    )


def check_support(data: Any, smap: SourceMap, names: Names) -> list[Problem]:
    """A worker's `support` against the funding rules: known measures, recognition where they need it."""
    support = data.get("support")
    if not isinstance(support, dict):
        return []
    out = check_ids(smap, keys_at(data, ("support", "other_support_eur")), names.tools, "tool", key=True)
    listed = items_at(data, ("support", "measures"))
    if names.funding is None:
        return out + [smap.problem(loc, "support.measures: no funding rules are loaded (catalog/funding.yaml)")
                      for loc, _ in listed[:1]]
    known = {m.id: m for m in names.funding.measures}
    out += check_ids(smap, listed, known, "measure")
    for loc, name in listed:
        measure = known.get(name)
        if measure is not None and measure.requires_vdab_recognition and not support.get("vdab_recognition"):
            out.append(smap.problem(loc, f"support.measures: {name} needs VDAB's recognition; set "
                                    "support.vdab_recognition: true, or leave the measure out"))
    return out


def check_workstation(data: Any, smap: SourceMap, names: Names) -> list[Problem]:
    """Cross-check the ids a (shape-valid) workstation names."""
    vocab = names.vocabulary
    out = check_ids(smap, items_at(data, ("features",)), vocab.features, "feature")
    for loc, _ in items_at(data, ("tasks",)):
        out += check_ids(smap, items_at(data, (*loc, "tags")), vocab.task_tags, "task tag")
        demands = keys_at(data, (*loc, "demands"))
        out += check_ids(smap, demands, names.dimensions, "dimension", key=True)
        for dloc, dim_id in demands:
            dim = names.dimensions.get(dim_id)
            if dim is not None and not dim.demandable:
                out.append(smap.problem(dloc, f"{dim_id} is a capacity only (a worker's skill); a task cannot "
                                        "demand it: rate the workplace-language dimensions instead"))
        out += check_ids(smap, items_at(data, (*loc, "hazards")), vocab.hazards, "hazard")
    return out


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    """One kind of record: its name, its model and the check of the ids it names."""

    name: KindName
    """How messages and `werkpost validate` call it."""
    model: type[R]
    """The pydantic model of its shape."""
    check: Callable[[Any, SourceMap, Names], list[Problem]]
    """Cross-checks of shape-valid data against the catalogue."""


WORKER: RecordKind[Worker] = RecordKind("worker", Worker, check_worker)
WORKSTATION: RecordKind[Workstation] = RecordKind("workstation", Workstation, check_workstation)
TOOL: RecordKind[Tool] = RecordKind("tool", Tool, _check_tool_file)
KINDS: dict[str, RecordKind[Any]] = {k.name: k for k in (WORKER, WORKSTATION, TOOL)}
"""Every kind by name."""

FOLDER_KINDS: dict[str, KindName] = {"workers": "worker", "workstations": "workstation", "tools": "tool"}
"""The kind a workspace or catalogue folder holds: the guess when the keys do not tell."""
WORKER_KEYS = frozenset({"capacities", "acceptance", "avoid_categories", "restrictions", "contraindications",
                         "first_language", "support"})


def validate_as(kind: RecordKind[R], data: Any, smap: SourceMap, names: Names) -> tuple[R | None, list[Problem]]:
    """The record, or None and every problem: its shape and the ids it names, reported together.

    The ids are checked even when the shape is wrong (a type error and an
    unknown dimension in one file are both reported at once), as far as the
    raw data allows.
    """
    record, problems = validate_record(kind.model, data, smap)
    if isinstance(data, dict):
        try:
            problems = problems + kind.check(data, smap, names)
        except (TypeError, KeyError, AttributeError):
            # Data too far off its shape for the cross-checks (e.g. a list where a name belongs):
            # its shape problems above already say so.
            if record is not None:
                raise
    return (record if not problems else None), problems


def load_record(
    path: Path, kind: RecordKind[R], names: Names, warnings: list[Problem] | None = None
) -> tuple[R | None, list[Problem]]:
    """Load one record file of `kind`; the record or every problem found (a v1 file's warning to `warnings`)."""
    try:
        data, smap = read_yaml(path)
    except InputError as exc:
        return None, list(exc.problems)
    found = upgrade(data, smap, kind.name)
    if warnings is not None:
        warnings.extend(found)
    return validate_as(kind, data, smap, names)


def guess_kind(data: object, path: Path | None = None) -> KindName:
    """The kind of a record from its keys: `tasks` a workstation, `effects` a tool, else a worker.

    Keys decide first, so a workstation file outside a `workstations/` folder
    is still a workstation. Only data with none of the telling keys (tasks,
    effects or category, or a worker's capacities, acceptance or
    avoid_categories) goes by the folder the file is in, then defaults to a
    worker.
    """
    if isinstance(data, dict):
        if "tasks" in data:
            return "workstation"
        if "effects" in data or "category" in data or "mitigates" in data:
            return "tool"
        if WORKER_KEYS & data.keys():
            return "worker"
    if path is not None and path.parent.name in FOLDER_KINDS:
        return FOLDER_KINDS[path.parent.name]
    return "worker"
