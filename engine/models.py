"""Provides the pydantic models of every werkpost record.

Field shapes and ranges are checked here; whether an id exists (a dimension,
a category, a tool) is a cross-file question answered in `engine.loader`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

Level = Annotated[int, Field(ge=0, le=4, strict=True)]
"""A rating on the shared 0-4 scale (contract section 1)."""

Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
"""A record id: letters, digits, '-', '_' and '.', so it is also a safe file name."""

Domain = Literal["physical", "sensory", "communication", "cognitive", "psychosocial"]
Measure = Literal["technical", "organisational", "personal"]
Evidence = Literal["strong", "moderate", "emerging"]
Lang = Literal["en", "nl"]
Side = Literal["demand", "capacity"]
EffectKind = Literal["boost", "lower", "via"]
BOTH_SIDES: tuple[Side, ...] = ("demand", "capacity")
FIRST_LANGUAGE_DIMENSIONS = frozenset({"first_language", "first_language_reading"})
"""Capacities on one's own first language: an effect via them serves newcomers only."""

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
"""An ISO 639 code: 639-1 (`nl`, `ar`) or 639-3 (`vgt`, `prs`)."""

LANGS: tuple[Lang, ...] = ("en", "nl")
MAX_LEVEL = 4
MAX_EUR = 10_000_000.0
"""No tool or set-up costs more: a larger number is a typo, and sums stay exact in cents."""

Money = Annotated[float, Field(ge=0, le=MAX_EUR, allow_inf_nan=False)]
"""An amount in euro: finite, not negative."""


def web_addresses(sources: list[str]) -> list[str]:
    """The sources, if each is a web address (a catalogue's claims must be checkable)."""
    for url in sources:
        if not url.startswith(("https://", "http://")):
            raise PydanticCustomError("not_web_address", "{url} is not a web address (http:// or https://)",
                                     {"url": repr(url)})
    return sources


class Record(BaseModel):
    """Base of all records: immutable, unknown keys are an error (typos), and no number is infinite or NaN.

    A YAML number is finite by the time it is parsed (engine.yamlio refuses `.inf`), but text such as
    '1e999' or 'nan' would pass a float field as infinity; `allow_inf_nan=False` makes pydantic refuse
    it where it stands (error type `finite_number`), for every record kind at once.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, allow_inf_nan=False)


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

    demand: LevelTexts | None = None
    """What a task demand of 0..4 means (absent for a capacity-only dimension)."""
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
    sides: list[Side] = Field(default_factory=lambda: list(BOTH_SIDES), min_length=1)
    """Where the dimension is rated: `[demand, capacity]`, or `[capacity]` when no task demands it."""
    capacity_default: Level = MAX_LEVEL
    """A worker's capacity when the worker file leaves the dimension out (0 for a rare skill)."""

    @property
    def demandable(self) -> bool:
        """Whether a task may demand this dimension."""
        return "demand" in self.sides

    @model_validator(mode="after")
    def _levels_for_sides(self) -> Dimension:
        if self.demandable and self.levels.demand is None:
            raise PydanticCustomError("demand_levels", "a dimension with the demand side needs levels.demand")
        return self

    @field_validator("icf")
    @classmethod
    def _icf_codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not (code[:1] in "bdes" and code[1:].isdigit() and len(code) >= 2):
                raise PydanticCustomError("not_icf", "{code} is not an ICF code (a letter b/d/e/s and digits)",
                                         {"code": repr(code)})
        return codes


class EvidenceLabel(Label):
    """An evidence level: its label and its default reliability."""

    reliability: float = Field(ge=0, le=1)
    """Probability that a tool's effect holds for this worker once in use."""


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
    evidence: dict[str, EvidenceLabel]
    """Evidence levels, each with its reliability."""
    hazards: dict[str, Label] = Field(default_factory=dict)
    """Task hazards a worker may be contraindicated for (contract section 3)."""
    sides: dict[Side, Label] = Field(default_factory=dict)
    """Labels of the two sides of the scale (task demand, worker capacity)."""
    terms: dict[str, Label] = Field(default_factory=dict)
    """The one term per concept in each language (the glossary the outputs follow)."""


class Effect(Record):
    """How a tool narrows a gap on one dimension (contract section 5).

    Exactly one kind: `boost` augments the body (capped by restrictions),
    `lower` changes the task (restrictions do not cap it), `via` lets another
    channel do the work, up to `up_to` and the worker's capacity on it.
    """

    dimension: str
    """The dimension id it helps."""
    boost: int | None = Field(default=None, ge=1, le=MAX_LEVEL, strict=True)
    """Levels added to the worker's capacity, capped at 4 and at the restriction."""
    lower: int | None = Field(default=None, ge=1, le=MAX_LEVEL, strict=True)
    """Levels taken off the task's demand."""
    via: str | None = None
    """The dimension whose capacity does the work instead."""
    up_to: int | None = Field(default=None, ge=1, le=MAX_LEVEL, strict=True)
    """With `via`: the highest level the other channel reaches."""
    task_tags: frozenset[str] | None = None
    """Only in tasks carrying one of these tags; everywhere when absent."""
    except_task_tags: frozenset[str] = frozenset()
    """Never in tasks carrying one of these tags (e.g. an adjusted norm never reaches a machine-paced line)."""

    @model_validator(mode="after")
    def _one_kind(self) -> Effect:
        kinds = [k for k in ("boost", "lower", "via") if getattr(self, k) is not None]
        if len(kinds) != 1:
            if not kinds:
                raise PydanticCustomError("effect_no_kind", "an effect needs exactly one of boost, lower or via")
            raise PydanticCustomError("effect_kinds", "an effect needs exactly one of boost, lower or via (it has "
                                      "{kinds})", {"kinds": ", ".join(kinds)})
        if (self.via is None) != (self.up_to is None):
            raise PydanticCustomError("via_up_to", "up_to goes with via, and via needs up_to")
        return self

    @property
    def kind(self) -> EffectKind:
        """`boost`, `lower` or `via`."""
        return "boost" if self.boost is not None else "lower" if self.lower is not None else "via"

    def applies_to(self, tags: frozenset[str]) -> bool:
        """Whether the effect works in a task with these tags."""
        if self.except_task_tags & tags:
            return False
        return self.task_tags is None or bool(self.task_tags & tags)


class Requirements(Record):
    """What a tool needs from the workstation and from the worker."""

    features: list[str] = Field(default_factory=list)
    """Workstation features that must all be present."""
    capacities: dict[str, Level] = Field(default_factory=dict)
    """Minimum worker capacities (base capacities, after restrictions)."""
    first_language_other: bool = False
    """Only for a worker whose first language differs from the workplace language."""


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
    effects: list[Effect] = Field(default_factory=list)
    """How it narrows gaps, by which kind, in which tasks (empty only for a measure that mitigates)."""
    requires: Requirements = Field(default_factory=Requirements)
    """Workstation features and worker minima it needs."""
    mitigates: list[str] = Field(default_factory=list)
    """Hazards this measure removes in every task of the workstation (technical or organisational only)."""
    conflicts_with: list[str] = Field(default_factory=list)
    """Tool ids that can never share a set-up with this one."""
    cost_eur: Money
    """One-off purchase and installation, euro."""
    yearly_eur: Money
    """Yearly running cost (licences, maintenance, hours of service), euro."""
    evidence: Evidence
    """How well the effect is supported."""
    sources: list[str] = Field(min_length=1)
    """Where the effects and facts come from (URLs), the one that earns the evidence label first."""
    cautions: Text | None = None
    """What a physician or ergonomist must check before use."""

    @property
    def needs_other_first_language(self) -> bool:
        """Whether only a worker with another first language can use it (said, or implied by a via)."""
        return self.requires.first_language_other or any(
            e.via in FIRST_LANGUAGE_DIMENSIONS for e in self.effects)

    @model_validator(mode="after")
    def _does_something(self) -> Tool:
        if not self.effects and not self.mitigates:
            raise PydanticCustomError("tool_does_nothing", "a tool needs effects, or a hazard it mitigates")
        return self

    @model_validator(mode="after")
    def _mitigation_is_not_personal(self) -> Tool:
        if self.mitigates and self.measure == "personal":
            raise PydanticCustomError("personal_mitigation", "mitigates: only a technical or organisational measure "
                                      "removes a hazard (the TOP order); this tool is a personal measure")
        return self

    @field_validator("sources")
    @classmethod
    def _urls(cls, sources: list[str]) -> list[str]:
        return web_addresses(sources)


class Support(Record):
    """A worker's status for the public support measures (`catalog/funding.yaml`).

    Nothing is assumed: a worker without `support` gets no support estimate,
    and only the measures listed here are estimated.
    """

    vdab_recognition: bool = False
    """Whether VDAB recognised the worker's right to the special employment support measures."""
    measures: list[str] = Field(default_factory=list)
    """Ids of the measures granted or being applied for (funding.yaml)."""
    interpreting_hours_per_year: float | None = Field(default=None, ge=0, le=4000, allow_inf_nan=False)
    """Interpreting hours for work VDAB granted a year; estimated from the quota when absent."""
    other_support_eur: Money | dict[str, Money] = 0.0
    """What other schemes (VAPH, health insurance, an insurer) pay towards the tools: deducted.
    A number is spread over the set-up's tools in order; a mapping names it per tool id."""


class Worker(Record):
    """A pseudonymous worker and their capacities (contract section 4)."""

    id: Id
    """Pseudonymous id, e.g. `w-017`."""
    label: str = ""
    """Free text shown in the UI; never a real name."""
    capacities: dict[str, Level] = Field(default_factory=dict)
    """Capacity per dimension; a dimension left out is the dimension's `capacity_default`."""
    restrictions: dict[str, Level] = Field(default_factory=dict)
    """Medical limits ("may not"), e.g. from the occupational physician; no boost or via goes above them."""
    contraindications: list[str] = Field(default_factory=list)
    """Hazards this worker must not be exposed to."""
    first_language: LanguageCode | None = None
    """ISO 639 code of the worker's first language; None: the workplace language."""
    hours_per_week: float | None = Field(default=None, gt=0, le=80, allow_inf_nan=False)
    """The most this worker can work a week."""
    avoid_categories: list[str] = Field(default_factory=list)
    """Tool categories never to propose (the worker's choice)."""
    acceptance: dict[str, Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]] = Field(default_factory=dict)
    """Per category, how likely the worker keeps using such a tool; default 1."""
    notes: str = ""
    """Job coach's free notes (optional, stays local)."""
    support: Support | None = None
    """Status for the public support measures; None: no support is estimated."""

    def capacity(self, dimension: str, default: int = MAX_LEVEL) -> int:
        """The rated capacity on a dimension (`default`, the dimension's capacity_default, when not given)."""
        return self.capacities.get(dimension, default)

    def restriction(self, dimension: str) -> int:
        """The medical limit on a dimension, 4 when none."""
        return self.restrictions.get(dimension, MAX_LEVEL)

    def acceptance_of(self, category: str) -> float:
        """The probability of keeping a tool of this category in use."""
        return self.acceptance.get(category, 1.0)


class Task(Record):
    """One task of a workstation with its share of the working time."""

    name: str = Field(min_length=1)
    """What the task is, in the workplace's words."""
    share: float = Field(gt=0, le=1_000, allow_inf_nan=False)
    """Share of the working time; shares are normalised to sum 1."""
    tags: frozenset[str] = Field(default_factory=frozenset)
    """What kind of work it is; tool effects may be limited to some tags."""
    demands: dict[str, Level] = Field(default_factory=dict)
    """Demand per dimension; a dimension left out is 0 (not needed)."""
    hazards: list[str] = Field(default_factory=list)
    """Hazards of the task; blocked for a worker contraindicated for one of them."""
    core: bool = False
    """Needs this job's qualification: job design never moves it."""


class Workstation(Record):
    """A workstation: its tasks, their demands and what the place offers."""

    id: Id
    """Stable id, e.g. `ws-lamp-assembly`."""
    label: str = ""
    """Free text shown in the UI."""
    hours_per_week: float | None = Field(default=None, gt=0, le=80, allow_inf_nan=False)
    """Working hours a week at this place."""
    wage_eur_per_hour: float | None = Field(default=None, ge=0, le=1_000, allow_inf_nan=False)
    """Hourly cost of the job as it is (job design weighs moved hours by it)."""
    department: str | None = Field(default=None, min_length=1, max_length=80)
    """Job design bundles tasks within one department."""
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


Reliability = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class WorkspaceSettings(Record):
    """A workspace's `werkpost.yaml` (contract section 4); `lang` is the TUI's (engine.persist)."""

    language: LanguageCode = "nl"
    """The workplace language (ISO 639); a worker with another first language is a newcomer to it."""
    horizon_years: int = Field(default=3, ge=0, le=30, strict=True)
    """Years of yearly costs in a set-up's total cost."""
    reliability: dict[Evidence, Reliability] = Field(default_factory=dict)
    """Overrides of the evidence levels' reliability."""
    weeks_per_year: float = Field(default=46, gt=0, le=53, allow_inf_nan=False)
    """Working weeks a year (job design's yearly benefit)."""
    new_function_wage_eur_per_hour: float | None = Field(default=None, ge=0, le=1_000, allow_inf_nan=False)
    """Hourly cost of a new function made by job design."""
    lang: Lang | None = None
    """The language of the user interface last chosen in the TUI."""
