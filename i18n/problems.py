"""Provides the problems of files and the command line in every language, the place kept as `PATH:LINE:COL:`.

The engine writes each problem's message in English (the default) and,
where it can, its key and values (`Problem.key`, `Problem.values`): the
place in the file, the value quoted, the close ids of a "did you mean".
Another language says it from those; a problem without a key (a model's
own check, a rare pydantic error) keeps its English message.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.checkfiles import Checked
from engine.errors import Problem, WriteError
from i18n.catalogue import message_keys, plural, text


def did_you_mean(close: Iterable[str], lang: str) -> str:
    """The "; did you mean 'x', 'y' or 'z'?" suffix in `lang`, "" when nothing is close."""
    ids = list(close)
    if not ids:
        return ""
    said = ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} {text('problem.or', lang)} {ids[-1]}"
    return text("problem.did_you_mean", lang, ids=said)


def _or_list(expected: str, lang: str) -> str:
    # pydantic lists the allowed values as "'a', 'b' or 'c'": only the last joining word is English.
    head, sep, last = expected.rpartition(" or ")
    return f"{head} {text('problem.or', lang)} {last}" if sep else expected


KINDED = ("unknown_id", "unknown_value", "unknown_record", "unknown_record_demo", "record_file_missing",
          "record_file_broken", "duplicate_id")
"""The problems whose `kind` value is a word of the catalogue (problem.kind.*)."""


def message_text(problem: Problem, lang: str) -> str:
    """The problem's message (without its place) in `lang`."""
    key = f"problem.{problem.key}" if problem.key else None
    if lang == "en" or key is None or key not in message_keys(lang):
        return problem.message
    values = dict(problem.values)
    if "close" in values:
        close = values.pop("close")
        values["hint"] = did_you_mean(close if isinstance(close, tuple) else (), lang)
    if "kind" in values and problem.key in KINDED:
        kind = str(values["kind"])
        values["kind"] = text(f"problem.kind.{kind}", lang) if f"problem.kind.{kind}" in message_keys(lang) else kind
    if problem.key == "not_mapping" and values.get("kind") == "empty":
        values["kind"] = text("problem.empty", lang)
    if problem.key and problem.key.startswith("bound."):
        values["scale"] = text("problem.scale", lang) if values.pop("levels", False) else ""
    if "expected" in values:
        values["expected"] = _or_list(str(values["expected"]), lang)
    return text(key, lang, **values)


def problem_text(problem: Problem, lang: str = "en") -> str:
    """The whole line, `PATH:LINE:COL: message`, the message in `lang`."""
    where = problem.path
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.column is not None:
            where += f":{problem.column}"
    return f"{where}: {message_text(problem, lang)}"


def checked_text(checked: Checked, lang: str = "en") -> str:
    """A path that passed `validate`, with what it holds, in `lang`."""
    if lang == "en":
        return str(checked)
    counts = {name: plural(f"problem.{name}", n, lang) for name, n in checked.counts}
    if checked.kind in ("catalogue", "workspace", "funding"):
        return text(f"problem.{checked.kind}_ok", lang, path=checked.path, **counts)
    kind = text(f"problem.record.{checked.kind}", lang) if f"problem.record.{checked.kind}" in message_keys(
        lang) else checked.kind
    return text("problem.file_ok", lang, path=checked.path, kind=kind)


def problems_found(n: int, lang: str = "en") -> str:
    """The closing line of `validate`: how many problems."""
    return f"{n} problem(s) found" if lang == "en" else plural("problem.count", n, lang)


def skipped_files(n: int, lang: str = "en") -> str:
    """What a lenient load says after listing the files it skipped."""
    return text("problem.skipped", lang, files=plural("problem.files", n, lang))


def write_error_text(error: WriteError, lang: str = "en") -> str:
    """Why an output file was not written, in `lang` (the English message where there is no key)."""
    key = f"write.{error.key}"
    if lang == "en" or error.key is None or key not in message_keys(lang):
        return str(error)
    return text(key, lang, **error.values)
