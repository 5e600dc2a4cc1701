"""Provides the argument types shared by the subcommands: euro amounts, fractions, counts.

A malformed value is a usage error (argparse exits 2 with the message).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from pathlib import Path


def _number(text: str, what: str) -> float:
    """A finite number (refuses nan and inf), or a usage error naming `what` it should be."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, not {text!r}")
    return value


def euro(text: str) -> float:
    """A finite amount in euro, zero or more (refuses nan and inf)."""
    value = _number(text, "an amount")
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a finite amount of 0 or more, not {text!r}")
    return value


def seconds(text: str) -> float:
    """A finite number of seconds above 0."""
    value = _number(text, "a number of seconds")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds above 0, not {text!r}")
    return value


def hours(text: str) -> float:
    """Hours a week, 0 to 80."""
    value = _number(text, "a number of hours")
    if not 0 <= value <= 80:
        raise argparse.ArgumentTypeError(f"must be between 0 and 80 hours, not {text!r}")
    return value


DATA_SUFFIXES = (".csv", ".xlsx", ".json")
"""What `match --out` and `redesign --out` write."""


def data_file(value: str) -> Path:
    """A path ending in .csv, .xlsx or .json."""
    path = Path(value)
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise argparse.ArgumentTypeError(f"{value}: the file must end in .csv, .xlsx or .json")
    return path


def fraction(text: str) -> float:
    """A number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text!r}")
    return value


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """A whole number from `low` (to `high`, when given)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low or (high is not None and value > high):
            span = f"{low} or more" if high is None else f"between {low} and {high}"
            raise argparse.ArgumentTypeError(f"must be {span}, not {value}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse
