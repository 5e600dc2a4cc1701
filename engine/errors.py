"""Provides the one error hierarchy of werkpost, problem rows and exit codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
    """An output file could not be written; nothing was left half-written."""

    exit_code = ExitCode.INPUT


def _problem_key(p: Problem) -> tuple[str, int, int, str]:
    return (p.path, p.line or 0, p.column or 0, p.message)
