"""Provides the words of a support estimate: its basis line and its amounts, in every language.

engine/support.py hands over each estimate's basis as steps with numbers
(`BasisPart`); this module says them. English keeps the planning notation of
the basis lines ('EUR 4,000', '46 h'); other languages write amounts and
numbers the way their locale does ('€ 4.000', '46 u').
"""

from __future__ import annotations

from babel.numbers import format_decimal

from engine.support import Basis, BasisPart
from i18n.catalogue import locale_of, plural, text
from i18n.formats import money


def eur(amount_cents: int, lang: str) -> str:
    """Euro in a basis line: 'EUR 4,000' in English (cents only when there are any), else the locale's own."""
    if lang == "en":
        value = amount_cents / 100
        return f"EUR {value:,.0f}" if amount_cents % 100 == 0 else f"EUR {value:,.2f}"
    return money(amount_cents / 100, lang, cents=amount_cents % 100 != 0)


def _short(value: float | int | str, lang: str) -> str:
    """A number as short as it goes (38, 10, 2.5): English `:g`, else the locale's decimals."""
    if lang == "en":
        return f"{float(value):g}"
    return format_decimal(float(value), locale=locale_of(lang))


def _whole(value: float | int | str, lang: str) -> str:
    """A number rounded to a whole, with thousands separators."""
    if lang == "en":
        return f"{float(value):,.0f}"
    return format_decimal(round(float(value)), locale=locale_of(lang))


_MONEY = ("eligible", "standard", "amount", "other", "per_year")
"""Values in whole cents."""
_SHORT = ("pct", "hours_per_week", "weeks", "min", "max")
"""Values said as short as they go."""
_WHOLE = ("needed", "used")
"""Values rounded to a whole."""


def part_text(step: BasisPart, lang: str) -> str:
    """One step of a basis in `lang`."""
    values: dict[str, object] = {}
    for name, value in step.values:
        if name in _MONEY:
            values[name] = eur(int(value), lang)
        elif name in _SHORT:
            values[name] = _short(value, lang)
        elif name in _WHOLE:
            values[name] = _whole(value, lang)
        elif name == "rate":
            # A rate per hour keeps its cents where it has any: 'EUR 60/h', 'EUR 62.5/h'.
            values[name] = f"EUR {float(value):g}" if lang == "en" else money(float(value), lang,
                                                                               cents=float(value) % 1 != 0)
        elif name == "years":
            values[name] = plural("cli.years", int(value), lang)
        elif name == "hours" and step.kind == "granted":
            values[name] = _short(value, lang)
        elif name == "hours":
            values[name] = _whole(value, lang)
        else:
            values[name] = value
    key = f"support.{step.kind}_{step.get('whose')}" if step.kind == "quota" else f"support.{step.kind}"
    values.pop("whose", None)
    return text(key, lang, **values)


def basis_text(basis: Basis, lang: str = "en") -> str:
    """How an estimate was made, in one line."""
    return "; ".join(part_text(step, lang) for step in basis)
