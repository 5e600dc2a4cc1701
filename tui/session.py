"""Provides the UI session: the loaded workspace, unsaved worker drafts and settings.

Kept free of widgets so that screens share one source of truth: an edit made
in the match view is the same draft the worker view shows, and the quit guard
sees every unsaved change in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.loader import Workspace
from engine.models import MAX_LEVEL, Lang, Worker, Workstation
from engine.persist import Settings, is_bundled, new_worker_id, save_settings, save_worker
from engine.support import RankBy


@dataclass
class Session:
    """What the app knows between screens."""

    workspace: Workspace
    settings: Settings
    drafts: dict[str, Worker] = field(default_factory=dict)
    """Edited workers not saved yet, by id (new workers included)."""
    budget: float | None = None
    """The budget last typed in a match view, kept for the next one."""
    rank_by: RankBy = "total"
    """The order of the set-ups: by total cost, or by net cost after the estimated support."""

    @property
    def lang(self) -> Lang:
        """The language of the labels."""
        return self.settings.lang

    @property
    def read_only(self) -> bool:
        """Whether this is the bundled demo, which is never written to."""
        return is_bundled(self.workspace.root)

    def set_lang(self, lang: Lang) -> Path:
        """Switch the language and remember it in the workspace settings."""
        self.settings = Settings(lang=lang)
        return save_settings(self.workspace.root, self.settings)

    def worker(self, worker_id: str) -> Worker:
        """The worker as the coach sees it now: the draft when there is one."""
        return self.drafts.get(worker_id) or self.workspace.workers[worker_id]

    def worker_ids(self) -> list[str]:
        """Saved workers and new unsaved ones, sorted by id."""
        return sorted(set(self.workspace.workers) | set(self.drafts))

    def stations(self) -> list[Workstation]:
        """The workstations, sorted by id."""
        return [self.workspace.workstations[k] for k in sorted(self.workspace.workstations)]

    def is_dirty(self, worker_id: str) -> bool:
        """Whether the worker has changes that are not saved."""
        return worker_id in self.drafts

    def dirty_ids(self) -> list[str]:
        """Every worker with unsaved changes."""
        return sorted(self.drafts)

    def edit(self, worker: Worker) -> None:
        """Record an edited worker; an edit back to the saved state is clean again."""
        saved = self.workspace.workers.get(worker.id)
        if saved is not None and _same(saved, worker):
            self.drafts.pop(worker.id, None)
        else:
            self.drafts[worker.id] = worker

    def discard(self, worker_id: str) -> None:
        """Forget the unsaved changes of a worker (a new worker disappears)."""
        self.drafts.pop(worker_id, None)

    def new_worker(self) -> Worker:
        """A blank profile (no limitation anywhere) with the next free id, as a draft.

        File names count as taken too: a worker file that failed to load
        still holds its name.
        """
        taken = set(self.worker_ids())
        root = self.workspace.root
        if root is not None and (root / "workers").is_dir():
            taken |= {p.stem for p in (root / "workers").iterdir()}
        worker = Worker(id=new_worker_id(taken), label="")
        self.drafts[worker.id] = worker
        return worker

    def save(self, worker_id: str) -> Path:
        """Save a draft to its file atomically; raises WriteError on failure."""
        worker = self.worker(worker_id)
        ws = self.workspace
        path = save_worker(ws.root, worker, ws.worker_paths.get(worker_id),
                           {d.id: d.capacity_default for d in ws.catalog.dimensions.values()})
        ws.workers[worker_id] = worker
        ws.worker_paths[worker_id] = path
        self.drafts.pop(worker_id, None)
        return path


def _same(a: Worker, b: Worker) -> bool:
    """Equal up to defaults: an explicit 4 or acceptance 1 is the same as none."""
    def norm(w: Worker) -> tuple[object, ...]:
        caps = {k: v for k, v in w.capacities.items() if v < MAX_LEVEL}
        acc = {k: round(v, 2) for k, v in w.acceptance.items() if v < 1.0}
        return (w.label, caps, sorted(w.avoid_categories), acc, w.notes)
    return norm(a) == norm(b)


def with_capacity(worker: Worker, dimension: str, level: int) -> Worker:
    """The worker with one capacity changed (validated: 0..4)."""
    caps = dict(worker.capacities)
    caps[dimension] = max(0, min(MAX_LEVEL, level))
    return Worker.model_validate({**worker.model_dump(), "capacities": caps})


def with_avoided(worker: Worker, category: str, avoid: bool) -> Worker:
    """The worker avoiding a tool category, or no longer avoiding it."""
    cats = [c for c in worker.avoid_categories if c != category] + ([category] if avoid else [])
    return Worker.model_validate({**worker.model_dump(), "avoid_categories": cats})


def with_acceptance(worker: Worker, category: str, value: float) -> Worker:
    """The worker with the acceptance of a category set (clamped to 0..1, in tenths)."""
    acc = dict(worker.acceptance)
    acc[category] = round(max(0.0, min(1.0, value)), 2)
    return Worker.model_validate({**worker.model_dump(), "acceptance": acc})


def with_label(worker: Worker, label: str) -> Worker:
    """The worker with a new label."""
    return Worker.model_validate({**worker.model_dump(), "label": label})


def with_notes(worker: Worker, notes: str) -> Worker:
    """The worker with new notes (free text, kept as typed)."""
    return Worker.model_validate({**worker.model_dump(), "notes": notes})
