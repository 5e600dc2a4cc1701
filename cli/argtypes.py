"""Provides the argument types shared by the subcommands: euro amounts, shares of the working time, counts.

A malformed value is a usage error (argparse exits 2 with the message), said
in the language of the command line (cli.usage).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from pathlib import Path

from cli.usage import say


def _number(text: str, what: str) -> float:
    """A finite number (refuses nan and inf), or a usage error naming `what` it should be (a catalogue key)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(what, value=repr(text))) from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(say("cli.usage.not_finite", value=repr(text)))
    return value


def euro(text: str) -> float:
    """A finite amount in euro, zero or more (refuses nan and inf)."""
    value = _number(text, "cli.usage.not_amount")
    if value < 0:
        raise argparse.ArgumentTypeError(say("cli.usage.amount_range", value=repr(text)))
    return value


def seconds(text: str) -> float:
    """A finite number of seconds above 0."""
    value = _number(text, "cli.usage.not_seconds")
    if value <= 0:
        raise argparse.ArgumentTypeError(say("cli.usage.seconds_range", value=repr(text)))
    return value


def hours(text: str) -> float:
    """Hours a week, 0 to 80."""
    value = _number(text, "cli.usage.not_hours")
    if not 0 <= value <= 80:
        raise argparse.ArgumentTypeError(say("cli.usage.hours_range", value=repr(text)))
    return value


DATA_SUFFIXES = (".csv", ".xlsx", ".json")
"""What `match --out` and `redesign --out` write."""


def data_file(value: str) -> Path:
    """A path ending in .csv, .xlsx or .json."""
    path = Path(value)
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise argparse.ArgumentTypeError(say("cli.usage.data_suffix", path=value))
    return path


def share(text: str) -> float:
    """A share of the working time as a percentage 0-100 ('60' or '60%') or as a fraction 0-1 ('0.6').

    A number up to 1 without '%' is a fraction (so '1' is 100%), a larger one a percentage;
    with '%' it is always a percentage. Returns the fraction.
    """
    typed = text.strip()
    is_percent = typed.endswith("%")
    try:
        value = float(typed.removesuffix("%").strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say("cli.usage.not_percentage", value=repr(text))) from None
    if not math.isfinite(value) or value < 0 or value > 100:
        raise argparse.ArgumentTypeError(say("cli.usage.percentage_range", value=repr(text)))
    return value / 100 if is_percent or value > 1 else value


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """A whole number from `low` (to `high`, when given)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(say("cli.usage.not_whole", value=repr(text))) from None
        if value < low or (high is not None and value > high):
            if high is None:
                raise argparse.ArgumentTypeError(say("cli.usage.whole_from", low=low, value=value))
            raise argparse.ArgumentTypeError(say("cli.usage.whole_between", low=low, high=high, value=value))
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse
