"""Provides the pydantic models of every werkpost record.

Field shapes and ranges are checked here; whether an id exists (a dimension,
a category, a tool) is a cross-file question answered in `engine.loader`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Level = Annotated[int, Field(ge=0, le=4, strict=True)]
"""A rating on the shared 0-4 scale (contract section 1)."""

Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
"""A record id: letters, digits, '-', '_' and '.', so it is also a safe file name."""

Domain = Literal["physical", "sensory", "communication", "cognitive", "psychosocial"]
Measure = Literal["technical", "organisational", "personal"]
Evidence = Literal["strong", "moderate", "emerging"]
Lang = Literal["en", "nl"]

LANGS: tuple[Lang, ...] = ("en", "nl")
MAX_LEVEL = 4


class Record(BaseModel):
    """Base of all records: immutable, and unknown keys are an error (typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Text(Record):
    """A text in English and Dutch."""

    en: str = Field(min_length=1)
    """English text."""
    nl: str = Field(min_length=1)
    """Dutch text."""

    def get(self, lang: str) -> str:
        """The text in `lang`, English when the language is unknown."""
        return self.nl if lang == "nl" else self.en


class Label(Text):
    """A vocabulary label, optionally with a one-line description."""

    description: Text | None = None
    """What the term means, in both languages."""


class LevelTexts(Record):
    """One line per level 0..4, in both languages."""

    en: list[str] = Field(min_length=5, max_length=5)
    """English descriptions, index = level."""
    nl: list[str] = Field(min_length=5, max_length=5)
    """Dutch descriptions, index = level."""

    def get(self, lang: str) -> list[str]:
        """The five descriptions in `lang`."""
        return self.nl if lang == "nl" else self.en


class DimensionLevels(Record):
    """What each level means on the task side and on the worker side."""

    demand: LevelTexts
    """What a task demand of 0..4 means."""
    capacity: LevelTexts
    """What a worker capacity of 0..4 means."""


class Dimension(Record):
    """A functional dimension rated on both sides (IMBA/MELBA style)."""

    id: Id
    """Stable id, e.g. `lifting` (contract section 2)."""
    domain: Domain
    """The group it belongs to."""
    label: Text
    """Short name in both languages."""
    icf: list[str] = Field(min_length=1)
    """ICF codes this dimension corresponds to."""
    description: Text | None = None
    """One sentence on what the dimension covers."""
    levels: DimensionLevels
    """Level descriptions for demand and capacity."""

    @field_validator("icf")
    @classmethod
    def _icf_codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not (code[:1] in "bdes" and code[1:].isdigit() and len(code) >= 2):
                raise ValueError(f"{code!r} is not an ICF code (a letter b/d/e/s and digits)")
        return codes


class Vocabulary(Record):
    """Labels of the closed sets of ids: domains, categories, features, tags."""

    domains: dict[str, Label]
    """Dimension domains."""
    categories: dict[str, Label]
    """Tool categories (contract section 3)."""
    features: dict[str, Label]
    """What a workstation offers (contract section 3b)."""
    task_tags: dict[str, Label]
    """What kind of work a task is (contract section 3b)."""
    measures: dict[str, Label]
    """TOP measure levels."""
    evidence: dict[str, Label]
    """Evidence levels."""


class Effect(Record):
    """How a tool narrows a gap: raise effective capacity on one dimension."""

    dimension: str
    """The dimension id it helps."""
    boost: int = Field(ge=1, le=MAX_LEVEL, strict=True)
    """Levels added to the worker's capacity, capped at 4."""
    task_tags: frozenset[str] | None = None
    """Only in tasks carrying one of these tags; everywhere when absent."""

    def applies_to(self, tags: frozenset[str]) -> bool:
        """Whether the effect works in a task with these tags."""
        return self.task_tags is None or bool(self.task_tags & tags)


class Requirements(Record):
    """What a tool needs from the workstation and from the worker."""

    features: list[str] = Field(default_factory=list)
    """Workstation features that must all be present."""
    capacities: dict[str, Level] = Field(default_factory=dict)
    """Minimum worker capacities."""


class Tool(Record):
    """One inclusive-technology tool of the catalogue (contract section 5)."""

    id: Id
    """Stable id, e.g. `vacuum-tube-lifter`."""
    name: Text
    """Name in both languages."""
    description: Text | None = None
    """What it is and how it helps, in both languages."""
    category: str
    """Exactly one of the contract's categories."""
    measure: Measure
    """TOP level: technical and organisational before personal."""
    iso9999: str = Field(pattern=r"^\d{2}( \d{2}){0,2}$")
    """ISO 9999 class, e.g. `28 21` or `22 39 06`."""
    examples: list[str] = Field(min_length=1)
    """Real products."""
    effects: list[Effect] = Field(min_length=1)
    """Which dimensions it boosts, by how much, in which tasks."""
    requires: Requirements = Field(default_factory=Requirements)
    """Workstation features and worker minima it needs."""
    conflicts_with: list[str] = Field(default_factory=list)
    """Tool ids that can never share a set-up with this one."""
    cost_eur: float = Field(ge=0)
    """One-off purchase and installation, euro."""
    yearly_eur: float = Field(ge=0)
    """Yearly running cost (licences, maintenance), euro."""
    evidence: Evidence
    """How well the effect is supported."""
    sources: list[str] = Field(min_length=1)
    """Where the effects and facts come from (URLs)."""

    @field_validator("sources")
    @classmethod
    def _urls(cls, sources: list[str]) -> list[str]:
        for url in sources:
            if not url.startswith(("https://", "http://")):
                raise ValueError(f"{url!r} is not a web address (http:// or https://)")
        return sources


class Worker(Record):
    """A pseudonymous worker and their capacities (contract section 4)."""

    id: Id
    """Pseudonymous id, e.g. `w-017`."""
    label: str = ""
    """Free text shown in the UI; never a real name."""
    capacities: dict[str, Level] = Field(default_factory=dict)
    """Capacity per dimension; a dimension left out is 4 (no limitation)."""
    avoid_categories: list[str] = Field(default_factory=list)
    """Tool categories never to propose (the worker's choice)."""
    acceptance: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    """Per category, how likely the worker keeps using such a tool; default 1."""
    notes: str = ""
    """Job coach's free notes (optional, stays local)."""

    def capacity(self, dimension: str) -> int:
        """The capacity on a dimension, 4 when not given."""
        return self.capacities.get(dimension, MAX_LEVEL)

    def acceptance_of(self, category: str) -> float:
        """The probability of keeping a tool of this category in use."""
        return self.acceptance.get(category, 1.0)


class Task(Record):
    """One task of a workstation with its share of the working time."""

    name: str = Field(min_length=1)
    """What the task is, in the workplace's words."""
    share: float = Field(gt=0)
    """Share of the working time; shares are normalised to sum 1."""
    tags: frozenset[str] = Field(default_factory=frozenset)
    """What kind of work it is; tool effects may be limited to some tags."""
    demands: dict[str, Level] = Field(default_factory=dict)
    """Demand per dimension; a dimension left out is 0 (not needed)."""


class Workstation(Record):
    """A workstation: its tasks, their demands and what the place offers."""

    id: Id
    """Stable id, e.g. `ws-lamp-assembly`."""
    label: str = ""
    """Free text shown in the UI."""
    hours_per_week: float | None = Field(default=None, gt=0, le=80)
    """Working hours a week at this place."""
    positions: int = Field(default=1, ge=1, le=10_000)
    """How many workers this workstation takes in batch matching."""
    features: list[str] = Field(default_factory=list)
    """What the place offers (power, floor space, ...)."""
    tasks: list[Task] = Field(min_length=1)
    """The tasks; at least one."""

    def shares(self) -> list[float]:
        """The task shares normalised to sum 1."""
        total = sum(t.share for t in self.tasks)
        return [t.share / total for t in self.tasks]
