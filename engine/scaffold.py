"""Provides `init_workspace`: an empty workspace with one example of each file kind, explained in comments.

The files are written atomically (engine.atomic) and never over an existing
one; each example is a valid record as it is, so `werkpost validate DIR`
passes on a fresh workspace. The comments and the example labels are words
a person reads: the caller hands them over in its language (the CLI takes
them from the i18n layer), English by default; the data (ids, levels,
dimensions, tags) is the same in every language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from engine.atomic import atomic_write_text
from engine.errors import InputError, Problem
from engine.loader import SETTINGS_FILE

ENGLISH: dict[str, str] = {
    "settings_comment": """\
werkpost.yaml: the settings of this workspace (all optional; the defaults are shown).

language        the workplace language (ISO 639 code such as nl, fr, en). A worker whose
                first_language differs is a newcomer to it (translation and interpreting tools).
horizon_years   years of yearly costs counted in a set-up's total cost (0-30; default 3).
weeks_per_year  working weeks a year, for job design's yearly benefit (default 46).
new_function_wage_eur_per_hour
                hourly cost of a new function made by job design (default: none).
reliability     overrides of how likely an effect holds per evidence level (0-1), e.g.
                reliability: {strong: 0.9, moderate: 0.7, emerging: 0.5}
lang            the language of the screens (en or nl); the TUI remembers it here.
""",
    "worker_comment": """\
A worker: one file per worker in workers/, named after the id. Pseudonymous: never a real name.
See the dimensions with `werkpost catalog dimensions`; levels run from 0 to 4.

id                 pseudonymous id, letters, digits, '-', '_' and '.' (e.g. w-001); unique.
label              free text shown on screens (e.g. "Operator A"); never a real name.
capacities         what the worker can do per dimension, 0 (not at all) to 4 (fully).
                   A dimension left out counts as the dimension's default (mostly 4).
restrictions       medical limits per dimension ("may not"), e.g. from the occupational
                   physician; no tool lifts the worker above them.
contraindications  hazards the worker must not be exposed to (heights, moving_machinery,
                   forklift_traffic, hot_surfaces, chemicals, sharp_tools, driving, lone_work).
first_language     ISO 639 code of the worker's first language (e.g. ar, prs); leave out
                   when it is the workplace language.
hours_per_week     the most this worker can work a week (optional).
avoid_categories   tool categories never to propose, the worker's own choice (e.g. [exoskeleton]).
acceptance         per tool category, how likely the worker keeps using such a tool (0-1;
                   default 1).
notes              the job coach's free notes; they stay in this file.
support            status for the public support measures (optional; without it no support
                   is estimated): vdab_recognition (true/false), measures (ids from
                   funding.yaml), interpreting_hours_per_year, other_support_eur.
""",
    "workstation_comment": """\
A workstation: one file per workstation in workstations/, named after the id.
A task analysis: the tasks, their share of the working time and what each demands.

id                 unique id, letters, digits, '-', '_' and '.' (e.g. ws-packing).
label              free text shown on screens.
hours_per_week     working hours a week at this place (optional).
wage_eur_per_hour  hourly cost of the job as it is; job design weighs moved hours by it (optional).
department         job design only bundles tasks within one department (optional).
positions          how many workers this workstation takes in batch matching (default 1).
features           what the place offers: power, network, computer, fixed_bench, floor_space,
                   mobile_work, outdoor, racking, step_free (some tools need them).
tasks              at least one; each task has
  name             what the task is, in the workplace's words;
  share            its share of the working time (shares are scaled to sum 1);
  tags             what kind of work it is (assembly, packing, screen, ...); some tool effects
                   only work in tasks with certain tags;
  demands          demand per dimension, 0 (not needed) to 4 (very high); left out is 0;
  hazards          hazards of the task; a worker contraindicated for one cannot do it;
  core             true when the task needs this job's qualification: job design never moves it.
""",
    "worker_label": "Example worker",
    "worker_notes": "An example: replace it with a real worker, or delete this file.",
    "workstation_label": "Example workstation",
    "task_bench": "Assemble parts at the bench",
    "task_rack": "Carry finished boxes to the rack",
}
"""The words of the examples in English, the default (the i18n layer's `scaffold.*` say the same: a test keeps them
equal); the field names in the comment blocks are the files' keys and stay as they are in every language."""

Words = Mapping[str, str]
"""The words of the examples by name (the keys of ENGLISH)."""

SETTINGS_EXAMPLES = """\
# horizon_years: 3
# weeks_per_year: 46
# new_function_wage_eur_per_hour: 19
# reliability: {strong: 0.9, moderate: 0.7, emerging: 0.5}
# lang: nl
"""
"""The optional settings, commented out: the same in every language (they are data)."""


def _comment(block: str) -> str:
    # A blank line of the block stays a bare "#": the comment reads as one piece in the file.
    return "".join(f"# {line}\n" if line else "#\n" for line in block.rstrip("\n").split("\n"))


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: a label with a quote or a colon stays one value.
    return json.dumps(text, ensure_ascii=False)


def settings_text(words: Words = ENGLISH, lang: str | None = None) -> str:
    """werkpost.yaml: the settings explained; with `lang`, the screens' language set to it."""
    examples = SETTINGS_EXAMPLES if lang is None else SETTINGS_EXAMPLES.replace("# lang: nl\n", f"lang: {lang}\n")
    return _comment(words["settings_comment"]) + "language: nl\n" + examples


def worker_text(words: Words = ENGLISH) -> str:
    """workers/w-001.yaml: an example worker, every field explained."""
    return _comment(words["worker_comment"]) + f"""\
id: w-001
label: {_quoted(words["worker_label"])}
capacities:
  lifting: 2
  reading: 1
restrictions:
  lifting: 2
contraindications: []
hours_per_week: 30
avoid_categories: []
acceptance:
  exoskeleton: 0.5
notes: {_quoted(words["worker_notes"])}
"""


def workstation_text(words: Words = ENGLISH) -> str:
    """workstations/ws-example.yaml: an example task analysis, every field explained."""
    return _comment(words["workstation_comment"]) + f"""\
id: ws-example
label: {_quoted(words["workstation_label"])}
hours_per_week: 38
department: production
positions: 1
features: [power, fixed_bench]
tasks:
  - name: {_quoted(words["task_bench"])}
    share: 0.7
    tags: [assembly, bench]
    demands: {{fine_motor: 3, sitting: 3, attention: 2}}
    core: true
  - name: {_quoted(words["task_rack"])}
    share: 0.3
    tags: [manual_handling, transport]
    demands: {{lifting: 3, carrying: 2, walking: 2}}
    hazards: [forklift_traffic]
"""


SETTINGS_TEXT = settings_text()
"""The English settings file (the default)."""


def files(words: Words = ENGLISH, lang: str | None = None) -> tuple[tuple[str, str], ...]:
    """What `init_workspace` writes, relative to the workspace root, in `words`."""
    return (
        (SETTINGS_FILE, settings_text(words, lang)),
        ("workers/w-001.yaml", worker_text(words)),
        ("workstations/ws-example.yaml", workstation_text(words)),
    )


FILES: tuple[tuple[str, str], ...] = files()
"""What `init_workspace` writes by default (English), relative to the workspace root."""


def init_workspace(root: Path, words: Words = ENGLISH, lang: str | None = None) -> list[Path]:
    """Make the workspace `root` (absent or an empty folder) with examples in `words`; returns the files written.

    `lang` sets the screens' language of the new workspace (`lang:` in
    werkpost.yaml); without it the setting stays commented out.
    Raises InputError when `root` is a file or a folder that holds anything.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise InputError([Problem(str(root), None, None, "exists and is not a folder").said("init_not_folder")])
    if root.is_dir() and any(root.iterdir()):
        raise InputError([Problem(str(root), None, None, "is not empty: werkpost init makes a new workspace in a "
                                  "new or empty folder").said("init_not_empty")])
    written: list[Path] = []
    for name, body in files(words, lang):
        path = root / name
        atomic_write_text(path, body, overwrite=False)
        written.append(path)
    return written
