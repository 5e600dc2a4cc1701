"""Provides why a worker is left without a position or a new function, and the notes of a job design, in every language.

The engine says each reason once in English (the JSON's words) and hands
over its code and numbers (`Unplaced.reason_code`/`reason_params` of a
match, `Unplaced.code`/`values` and `RedesignResult.note_codes` of a job
design); this module says them in another language, so the text output,
the TUI and the XLSX exports say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from i18n.catalogue import message_keys, text
from i18n.formats import money, number, percent

if TYPE_CHECKING:
    # Types only: importing engine.match or engine.redesign pulls in scipy and HiGHS (start-up time).
    from engine.match.results import MatchResult
    from engine.match.results import Unplaced as MatchUnplaced
    from engine.redesign.results import RedesignResult
    from engine.redesign.results import Unplaced as RedesignUnplaced


def match_reason(u: MatchUnplaced, lang: str) -> str:
    """Why a worker of a batch match is unplaced, in `lang` (English: the engine's own sentence)."""
    if lang == "en" or not u.reason_code:
        return str(u.reason)
    p = dict(u.reason_params)
    if "ea" in p:
        p["ea"] = percent(p["ea"], lang)
    if "minimum" in p:
        p["minimum"] = percent(p["minimum"], lang)
    if "cost_eur" in p:
        p["cost"] = money(p.pop("cost_eur"), lang)
    for key in ("hours", "least"):
        if key in p:
            p[key] = number(p[key], lang)
    return text(f"cli.match.reason.{u.reason_code}", lang, **p)


def redesign_reason(u: RedesignUnplaced, lang: str) -> str:
    """Why a candidate of a job design has no new function, in `lang`."""
    key = f"redesign.unplaced.{u.code}"
    if lang == "en" or key not in message_keys(lang):
        return u.reason
    values = dict(u.values)
    if "reach_hours" in values:
        values["reach_hours"] = number(values["reach_hours"], lang)
    return text(key, lang, **values)


def note_text(code: str, values: Mapping[str, Any], english: str, lang: str) -> str:
    """One note of a job design in `lang` (`english` where the code has no message)."""
    key = f"redesign.notes.{code}"
    if lang == "en" or key not in message_keys(lang):
        return english
    said = dict(values)
    if "seconds" in said:
        said["seconds"] = number(said["seconds"], lang)
    if "gap" in said:
        said["gap"] = percent(said["gap"], lang)
    return text(key, lang, **said)


def redesign_notes(result: RedesignResult, lang: str) -> list[str]:
    """Every note of a job design in `lang`, in order."""
    if len(result.note_codes) != len(result.notes):
        # A result built without codes (an old one, or by hand) keeps its English words.
        return list(result.notes)
    return [note_text(code, values, english, lang)
            for (code, values), english in zip(result.note_codes, result.notes, strict=True)]


def worded_match(result: MatchResult, lang: str) -> MatchResult:
    """The result with each unplaced worker's reason in `lang`, for an export a person reads."""
    if lang == "en":
        return result
    return replace(result, unassigned=[replace(u, reason=match_reason(u, lang)) for u in result.unassigned])


def worded_redesign(result: RedesignResult, lang: str) -> RedesignResult:
    """The result with its reasons and notes in `lang`, for an export a person reads."""
    if lang == "en":
        return result
    return replace(result, unplaced=[replace(u, reason=redesign_reason(u, lang)) for u in result.unplaced],
                   notes=redesign_notes(result, lang))
