"""Provides the locale formats of werkpost: money, percentages, numbers and dates through Babel."""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal
from typing import SupportsFloat

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from i18n.catalogue import locale_of, text


def money(amount: SupportsFloat, lang: str, *, cents: bool = False) -> str:
    """A euro amount the way the language writes it: '€14,500' or '€ 14.500' (cents on request)."""
    locale = locale_of(lang)
    value = float(amount)
    if cents:
        return format_currency(value, "EUR", locale=locale)
    # Screens and tables show whole euros: the locale's own pattern, its decimals dropped.
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(round(value), "EUR", format=pattern, locale=locale, currency_digits=False)


def percent(share: SupportsFloat, lang: str) -> str:
    """A share (0-1; a float or an exact Fraction) as a whole percentage, e.g. '37%'."""
    # Babel parses numbers through Decimal(str(x)), which refuses a Fraction's "3/10": pass a float.
    return format_percent(float(share), locale=locale_of(lang))


def score(points: int, lang: str) -> str:
    """Whole percentage points (EA, CV; contract section 5) as a percentage, e.g. '37%'; exact, no rounding."""
    return format_percent(Decimal(points) / 100, locale=locale_of(lang))


def points(delta: SupportsFloat, lang: str) -> str:
    """A difference of shares as whole percentage points with a sign, e.g. '+30 pp'."""
    n = round(float(delta) * 100)
    sign = "+" if n > 0 else ("−" if n < 0 else "")
    return text("format.points", lang, sign=sign, n=format_decimal(abs(n), locale=locale_of(lang)))


def number(value: SupportsFloat, lang: str) -> str:
    """A plain number per locale (hours a week)."""
    return format_decimal(float(value), locale=locale_of(lang))


def date(day: datetime.date, lang: str) -> str:
    """A long date, e.g. '26 November 2026' or '26 november 2026'."""
    return format_date(day, format="long", locale=locale_of(lang))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day (31 Nov -> 30 Nov)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def parse_budget(typed: str) -> float | None:
    """A budget typed by the coach: digits with optional separators, '€' and a 'k'.

    Empty means no limit; raises ValueError on anything else. Dots and commas
    are both read as thousands separators, since budgets are whole euros.
    """
    s = typed.strip().lower().replace("€", "").replace("eur", "").replace(" ", "")
    if not s:
        return None
    factor = 1.0
    if s.endswith("k"):
        factor, s = 1000.0, s[:-1]
    s = s.replace(".", "").replace(",", "") if factor == 1.0 else s.replace(",", ".")
    value = float(s) * factor
    if value < 0 or value != value:
        raise ValueError(typed)
    return value
