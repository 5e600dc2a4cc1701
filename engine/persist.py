"""Provides saving of workers and of the workspace settings, atomically and safely.

A worker is written to `workers/<id>.yaml` (a workstation to
`workstations/<id>.yaml`) inside its workspace through a
temporary file and a rename, so a crash never leaves half a file; the comment
block at the top of an existing file (the job coach's context) is kept. The
workspace settings live in `werkpost.yaml` at the workspace root. The bundled
demo workspace ships inside the package and is never written to: its settings
go to the user's configuration folder and saving a worker there is refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog import demo_workspace
from engine.atomic import atomic_write_text
from engine.errors import InputError, Problem, WriteError
from engine.models import LANGS, MAX_LEVEL, Lang, Worker, Workstation
from engine.yamlio import dump_yaml, read_yaml

SETTINGS_FILE = "werkpost.yaml"
"""The settings file at a workspace root."""

WORKERS_DIR = "workers"
WORKSTATIONS_DIR = "workstations"

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
_NUMBERED = re.compile(r"^w-(\d+)$")


@dataclass(frozen=True)
class Settings:
    """What the UI remembers per workspace."""

    lang: Lang = "en"
    """The language of the labels: en or nl."""


def is_bundled(root: Path | None) -> bool:
    """Whether `root` is the demo workspace shipped inside the package."""
    if root is None:
        return True
    try:
        return Path(root).resolve() == demo_workspace().resolve()
    except OSError:
        return False


def _config_home() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME")
    return Path(base) if base else Path.home() / ".config"


def settings_path(root: Path | None) -> Path:
    """Where the settings of workspace `root` are kept.

    The bundled demo may sit in a read-only site-packages, and writing into
    it would change the package data, so its settings go to the user's
    configuration folder instead.
    """
    if root is None or is_bundled(root):
        return _config_home() / "werkpost" / "demo-settings.yaml"
    return Path(root) / SETTINGS_FILE


def load_settings(root: Path | None) -> tuple[Settings, list[Problem]]:
    """The workspace settings (defaults when absent) and any problem found reading them.

    A broken settings file never stops the UI: the defaults apply and the
    problem is reported alongside the other file problems.
    """
    path = settings_path(root)
    if not path.is_file():
        return Settings(), []
    try:
        data, smap = read_yaml(path, allow_empty=True)
    except InputError as exc:
        return Settings(), list(exc.problems)
    if data is None:
        return Settings(), []
    if not isinstance(data, dict):
        return Settings(), [smap.problem((), "expected a mapping such as 'lang: nl'")]
    problems: list[Problem] = []
    lang: Lang = "en"
    raw = data.get("lang", "en")
    if raw in LANGS:
        lang = raw
    else:
        problems.append(smap.problem(("lang",), f"unknown language {raw!r}: use one of {', '.join(LANGS)}"))
    return Settings(lang=lang), problems


def save_settings(root: Path | None, settings: Settings) -> Path:
    """Write the settings atomically, keeping keys this version does not know."""
    path = settings_path(root)
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            old, _ = read_yaml(path, allow_empty=True)
        except InputError:
            old = None
        if isinstance(old, dict):
            data = dict(old)
    data["lang"] = settings.lang
    atomic_write_text(path, dump_yaml(data))
    return path


def worker_data(worker: Worker, defaults: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The worker as plain data in the contract's key order, defaults left out.

    A capacity equal to its dimension's default (4, no limitation, unless
    `defaults` says otherwise: sign language defaults to 0) and an acceptance
    of 1 are left out; that keeps files short and diffs readable. Every
    version 2 field (restrictions, contraindications, first language, hours)
    and the support status are kept: a save must never lose what a physician
    or the coach wrote.
    """
    defaults = defaults or {}
    data: dict[str, Any] = {"id": worker.id}
    if worker.label:
        data["label"] = worker.label
    caps = {dim: level for dim, level in worker.capacities.items() if level != defaults.get(dim, MAX_LEVEL)}
    if caps:
        data["capacities"] = caps
    if worker.restrictions:
        data["restrictions"] = dict(worker.restrictions)
    if worker.contraindications:
        data["contraindications"] = list(worker.contraindications)
    if worker.first_language is not None:
        data["first_language"] = worker.first_language
    if worker.hours_per_week is not None:
        data["hours_per_week"] = worker.hours_per_week
    if worker.avoid_categories:
        data["avoid_categories"] = list(worker.avoid_categories)
    acceptance = {cat: round(p, 2) for cat, p in worker.acceptance.items() if p < 1.0}
    if acceptance:
        data["acceptance"] = acceptance
    if worker.notes:
        data["notes"] = worker.notes
    if worker.support is not None:
        # Kept whole, defaults included: "no recognition" written down is not the same as unknown.
        data["support"] = worker.support.model_dump(mode="json", exclude_none=True)
    return data


def _leading_comments(path: Path) -> str:
    """The comment lines at the top of an existing file, to keep on rewrite."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line + "\n")
    return "".join(lines)


def worker_path(root: Path, worker_id: str) -> Path:
    """The file of a new worker: `workers/<id>.yaml` inside `root`.

    Ids are checked again here (not only by the model) because they become
    file names: no separators, no leading dot, nothing outside `workers/`.
    The resolved folder must lie inside the resolved workspace: a `workers/`
    that is a symbolic link to elsewhere is refused, as the loader refuses to
    read through it (issue 15: new workers were saved outside while existing
    ones were refused).
    """
    if not _SAFE_ID.match(worker_id):
        raise WriteError(f"{worker_id!r} cannot be a file name: use letters, digits, '-', '_' and '.'")
    base = Path(root).resolve()
    folder = (base / WORKERS_DIR).resolve()
    path = (folder / f"{worker_id}.yaml").resolve()
    if base not in folder.parents or path.parent != folder:
        raise WriteError(f"{worker_id!r} would be saved outside the workspace {base}")
    return path


def _writable(root: Path | None) -> Path:
    """The workspace folder to save into; WriteError for none or the bundled demo (read-only)."""
    if root is None or is_bundled(root):
        raise WriteError(
            "the bundled demo workspace is read-only: copy it to a folder of your own "
            "and open that with 'werkpost tui FOLDER' to save changes"
        )
    return Path(root)


def save_worker(
    root: Path | None, worker: Worker, path: Path | None = None, defaults: Mapping[str, int] | None = None
) -> Path:
    """Save `worker` atomically and return the file written.

    `path` is the worker's existing file; without it the worker is new and
    goes to `workers/<id>.yaml`, which must not exist yet (never overwrite
    another worker). Raises WriteError when the workspace is the bundled
    demo, the target lies outside the workspace or the write fails.
    """
    root = _writable(root)
    if path is None:
        target = worker_path(root, worker.id)
        if target.exists():
            raise WriteError(f"{target}: a worker file with this name exists already")
    else:
        # Resolved on both sides: a link anywhere on the way (the file, `workers/`) cannot lead out.
        target = Path(path).resolve()
        if root.resolve() not in target.parents:
            raise WriteError(f"{target}: not inside the workspace {root}")
    text = _leading_comments(target) + dump_yaml(worker_data(worker, defaults))
    # atomic_write_text keeps a replaced file's mode; a new worker file is
    # private to the user (health data).
    atomic_write_text(target, text)
    return target


def new_worker_id(existing: Iterable[str]) -> str:
    """The next free id of the form w-NNN after the highest one in use."""
    taken = set(existing)
    numbers = [int(m.group(1)) for i in taken if (m := _NUMBERED.match(i))]
    n = max(numbers, default=0) + 1
    while f"w-{n:03d}" in taken:
        n += 1
    return f"w-{n:03d}"


def workstation_data(station: Workstation) -> dict[str, Any]:
    """The workstation as plain data in the contract's key order, empty and default fields left out.

    Demands of 0 are left out (a demand left out is 0); tags are sorted so
    that a save after no real change gives the same file.
    """
    data: dict[str, Any] = {"id": station.id}
    if station.label:
        data["label"] = station.label
    for key in ("hours_per_week", "positions", "wage_eur_per_hour", "department"):
        value = getattr(station, key)
        if value is not None and not (key == "positions" and value == 1):
            data[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    if station.features:
        data["features"] = list(station.features)
    data["tasks"] = [task_data(t.name, t.share, t.tags, t.demands, t.hazards, t.core) for t in station.tasks]
    return data


def task_data(name: str, share: float, tags: Iterable[str], demands: Mapping[str, int], hazards: Iterable[str],
              core: bool) -> dict[str, Any]:
    """One task as a workstation file writes it: only what is set, demands above 0, share to 4 decimals."""
    item: dict[str, Any] = {"name": name, "share": round(share, 4)}
    if tags:
        item["tags"] = sorted(tags)
    shown = {dim: level for dim, level in demands.items() if level > 0}
    if shown:
        item["demands"] = shown
    if hazards:
        item["hazards"] = list(hazards)
    if core:
        item["core"] = True
    return item


def workstation_path(root: Path, station_id: str) -> Path:
    """The file of a new workstation: `workstations/<id>.yaml` inside `root`, symbolic links resolved.

    The folder itself must lie inside the workspace: a `workstations` link to
    elsewhere on the disk is refused, not written through.
    """
    if not _SAFE_ID.match(station_id):
        raise WriteError(f"{station_id!r} cannot be a file name: use letters, digits, '-', '_' and '.'")
    inside = Path(root).resolve()
    folder = (Path(root) / WORKSTATIONS_DIR).resolve()
    if folder.parent != inside:
        raise WriteError(f"{Path(root) / WORKSTATIONS_DIR}: leads outside the workspace {root} (a symbolic link?)")
    path = (folder / f"{station_id}.yaml").resolve()
    if path.parent != folder:
        raise WriteError(f"{station_id!r} would be saved outside {folder} (a symbolic link?)")
    return path


def save_workstation(root: Path | None, station: Workstation, path: Path | None = None) -> Path:
    """Save `station` atomically into the workspace's workstations/ folder; returns the file written.

    `path` is the workstation's existing file (kept, with its leading
    comments); without it the workstation is new and goes to
    `workstations/<id>.yaml`, which must not exist yet. Either way the file
    written lies inside the workspace once symbolic links are resolved, and a
    new file is private to the user (0600, engine.atomic). Raises WriteError
    for the bundled demo, a target outside the workspace or a failed write.
    """
    root = _writable(root)
    if path is None:
        target = workstation_path(root, station.id)
        overwrite = False
    else:
        target = Path(path).resolve()
        if root.resolve() not in target.parents:
            raise WriteError(f"{target}: not inside the workspace {root} (a symbolic link?)")
        overwrite = True
    text = _leading_comments(target) + dump_yaml(workstation_data(station))
    # overwrite=False makes "never replace another workstation" atomic, not a check before the write.
    atomic_write_text(target, text, overwrite=overwrite)
    return target
