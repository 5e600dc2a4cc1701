"""Provides the one error hierarchy of werkpost, problem rows and exit codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes of the CLI (contract section 6)."""

    OK = 0
    INPUT = 1
    """Bad user input: a file, an id or a value the user gave."""
    USAGE = 2
    """Wrong command-line usage."""
    INTERNAL = 3


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in user input, with the place where it was found.

    `line` and `column` are 1-based and None when unknown: a made-up line
    number is worse than none, so we never guess one.
    """

    path: str
    line: int | None
    column: int | None
    message: str
    """The message in English, the default language."""
    key: str | None = field(default=None, compare=False)
    """What the message says, as a message key of the i18n layer (`problem.<key>`), when it has one."""
    values: tuple[tuple[str, object], ...] = field(default=(), compare=False)
    """The message's values by name (the place, the value quoted, the close ids), for other languages."""

    def said(self, key: str, **values: object) -> Problem:
        """The same problem with its message's key and values, so the i18n layer can say it in any language."""
        return replace(self, key=key, values=tuple(values.items()))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class WerkpostError(Exception):
    """Base of every error werkpost raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL


class InputError(WerkpostError):
    """Bad user input; carries every problem found, not only the first."""

    exit_code = ExitCode.INPUT

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(set(problems), key=_problem_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls, message: str, path: str | Path = "<input>", line: int | None = None,
        column: int | None = None,
    ) -> InputError:
        """An input error with one problem."""
        return cls([Problem(str(path), line, column, message)])


class LookupInputError(InputError):
    """An id that the user named does not exist (worker, workstation, tool)."""


class WriteError(WerkpostError):
    """An output file could not be written; nothing was left half-written.

    The message is English; `key` and `values` let the i18n layer say it in
    another language (`write.<key>`).
    """

    exit_code = ExitCode.INPUT

    def __init__(self, message: str, key: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


def _problem_key(p: Problem) -> tuple[str, int, int, str]:
    return (p.path, p.line or 0, p.column or 0, p.message)
