"""Provides every fixed label of the sheets in English and Dutch, and the locale formatting.

Catalogue names come from the catalogue (`Text.get`); everything the sheet
itself says is here, so a translator finds all of it in one file. Dates,
euro amounts and percentages go through Babel (CLDR data) per locale.
"""

from __future__ import annotations

import calendar
import datetime
from typing import SupportsFloat

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES: dict[str, str] = {"en": "en_IE", "nl": "nl_BE"}
"""Babel locale per sheet language: euro-area English (26 November 2026, €1,500.00) and Flemish Dutch."""

_LABELS: dict[str, tuple[str, str]] = {
    # The header
    "title": ("Workplace adaptation: recommendation sheet", "Adviesfiche werkpostaanpassing"),
    "date": ("Date", "Datum"),
    "worker": ("Worker", "Werknemer"),
    "workstation": ("Workstation", "Werkpost"),
    "hours": ("{hours} hours a week", "{hours} uur per week"),
    "budget": ("Budget (total cost over {years} years)", "Budget (totale kost over {years} jaar)"),
    "accessible_now": ("Accessible now", "Nu toegankelijk"),
    "of_working_time": ("{pct} of working time", "{pct} van de werktijd"),
    "with_best": ("With the recommended set-up", "Met de aanbevolen combinatie"),
    "with_chosen": ("With the chosen set-up (no. {n})", "Met de gekozen combinatie (nr. {n})"),
    "after_expected": ("{after} (expected {expected})", "{after} (verwacht {expected})"),
    "cost": ("Cost", "Kost"),
    "cost_value": ("{once} one-off, {yearly} a year", "{once} eenmalig, {yearly} per jaar"),
    "total_over": ("{total} in total over {years} years", "{total} in totaal over {years} jaar"),
    # What the sheet concludes
    "status_accessible": (
        "The worker meets every demand of this workstation: it is accessible as it is. No tools are needed.",
        "De werknemer haalt alle eisen van deze werkpost: ze is toegankelijk zoals ze is. "
        "Er zijn geen hulpmiddelen nodig.",
    ),
    "status_nothing": (
        "No tool in the catalogue improves accessibility at this workstation{budget}. "
        "The gaps are listed below: consider job redesign or another workstation.",
        "Geen enkel hulpmiddel uit de catalogus verbetert de toegankelijkheid van deze werkpost{budget}. "
        "De knelpunten staan hieronder: overweeg jobherontwerp of een andere werkpost.",
    ),
    "status_partial": (
        "No set-up makes another task fully accessible at this workstation{budget}: the tools below only "
        "narrow the gaps (partial progress). Consider job redesign or another workstation before buying them.",
        "Geen enkele combinatie maakt nog een taak volledig toegankelijk op deze werkpost{budget}: de "
        "hulpmiddelen hieronder verkleinen de knelpunten enkel (gedeeltelijke vooruitgang). Overweeg "
        "jobherontwerp of een andere werkpost voor u ze aankoopt.",
    ),
    "within_budget": (" within the budget of {budget}", " binnen het budget van {budget}"),
    "not_exact": (
        "Note: the search reached its limit before it had checked every combination of tools. "
        "The set-ups shown are the best found, not proven to be the best possible.",
        "Let op: de zoektocht bereikte haar limiet voor alle combinaties van hulpmiddelen bekeken waren. "
        "De getoonde combinaties zijn de beste die gevonden werden, niet bewezen de best mogelijke.",
    ),
    # The chart
    "profile": ("Profile comparison", "Profielvergelijking"),
    "profile_intro": (
        "Per dimension the workstation demands: the highest demand over its tasks against the worker's "
        "capacity, on one scale from 0 (not needed / not possible) to 4 (very high / no limitation).",
        "Per dimensie die de werkpost vraagt: de hoogste eis over de taken tegenover de mogelijkheden van de "
        "werknemer, op één schaal van 0 (niet nodig / niet mogelijk) tot 4 (zeer hoog / geen beperking).",
    ),
    "legend_demand": ("Demand of the workstation", "Eis van de werkpost"),
    "legend_capacity": ("Capacity of the worker", "Mogelijkheden van de werknemer"),
    "legend_gap": ("Gap: capacity below demand", "Knelpunt: mogelijkheden lager dan de eis"),
    "chart_title": ("Profile comparison: demand and capacity", "Profielvergelijking: eis en mogelijkheden"),
    # Tasks
    "tasks": ("Tasks", "Taken"),
    "task": ("Task", "Taak"),
    "share": ("Share of time", "Aandeel tijd"),
    "now": ("Accessible now", "Nu toegankelijk"),
    "with_setup": ("With recommended set-up", "Met aanbevolen combinatie"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    # Set-ups
    "setups": ("Recommended set-ups", "Aanbevolen combinaties van hulpmiddelen"),
    "rank": ("#", "#"),
    "tools": ("Tools", "Hulpmiddelen"),
    "one_off": ("One-off cost", "Eenmalige kost"),
    "yearly": ("Per year", "Per jaar"),
    "before_after": ("Accessibility before → after", "Toegankelijkheid voor → na"),
    "expected_gain": ("Expected gain", "Verwachte winst"),
    "evidence": ("Evidence", "Onderbouwing"),
    "points": ("{sign}{n} pp", "{sign}{n} pp"),
    "setups_note": (
        "Accessibility: the share of working time the worker can do independently. Expected gain (in "
        "percentage points, pp) allows for how likely the worker is to keep using each kind of tool. "
        "Evidence: the weakest level among the tools of the set-up.",
        "Toegankelijkheid: het deel van de werktijd dat de werknemer zelfstandig kan uitvoeren. De verwachte "
        "winst (in procentpunten, pp) houdt rekening met hoe waarschijnlijk de werknemer elk soort hulpmiddel "
        "blijft gebruiken. Onderbouwing: het zwakste niveau van de hulpmiddelen in de combinatie.",
    ),
    "no_setups": ("None: no tool helps here.", "Geen: geen enkel hulpmiddel helpt hier."),
    # Tools of the best set-up
    "best_tools": ("The tools of the recommended set-up", "De hulpmiddelen van de aanbevolen combinatie"),
    "chosen_tools": ("The tools of the chosen set-up (no. {n})", "De hulpmiddelen van de gekozen combinatie (nr. {n})"),
    "category": ("Category", "Categorie"),
    "measure": ("TOP measure level", "TOP-niveau van de maatregel"),
    "examples": ("Example products", "Voorbeeldproducten"),
    "closes": ("Closes", "Lost op"),
    "narrows": ("Narrows", "Verkleint"),
    "sources": ("Sources", "Bronnen"),
    "gap_item": ("{task}: {dimension} (demand {demand}, capacity {capacity})",
                 "{task}: {dimension} (eis {demand}, mogelijkheden {capacity})"),
    "narrow_item": ("{task}: {dimension} (demand {demand}, capacity {capacity} → {effective})",
                    "{task}: {dimension} (eis {demand}, mogelijkheden {capacity} → {effective})"),
    # Remaining gaps
    "remaining": ("Gaps that remain", "Resterende knelpunten"),
    "remaining_none": ("None: the recommended set-up closes every gap.",
                       "Geen: de aanbevolen combinatie lost alle knelpunten op."),
    "gaps": ("Gaps", "Knelpunten"),
    "dimension": ("Dimension", "Dimensie"),
    "demand": ("Demand", "Eis"),
    "capacity": ("Capacity", "Mogelijkheden"),
    "with_tools": ("With set-up", "Met combinatie"),
    "note": ("Note", "Opmerking"),
    "redesign": ("no tool can close this: job redesign", "geen hulpmiddel lost dit op: jobherontwerp"),
    "redesign_intro": (
        "Gaps no tool in the catalogue can close call for job redesign: re-allocate the task, change the "
        "work method or the workplace.",
        "Knelpunten die geen hulpmiddel uit de catalogus oplost, vragen om jobherontwerp: de taak anders "
        "verdelen, de werkmethode of de werkplek aanpassen.",
    ),
    # Next steps and signatures
    "next_steps": ("Next steps", "Volgende stappen"),
    "step_trial": (
        "Trial period: try the set-up at the workstation for 4 to 6 weeks before buying; ask the supplier "
        "for a demonstration or rental unit.",
        "Proefperiode: test de combinatie 4 tot 6 weken op de werkpost voor de aankoop; vraag de leverancier "
        "om een demonstratie- of huurtoestel.",
    ),
    "step_training": (
        "Training: the worker and the team leader learn to use, adjust and maintain each tool; the job coach "
        "is present on the first days.",
        "Opleiding: de werknemer en de ploegleider leren elk hulpmiddel gebruiken, instellen en onderhouden; "
        "de jobcoach is de eerste dagen aanwezig.",
    ),
    "step_funding": (
        "Funding: add this sheet to the application for support with the cost of the workplace adaptation, "
        "where it applies.",
        "Financiering: voeg deze fiche bij de aanvraag voor een tegemoetkoming in de kosten van de "
        "arbeidspostaanpassing, waar dat van toepassing is.",
    ),
    "step_induction": (
        "Induction: no adaptation is needed; agree on the usual induction at the workstation.",
        "Opstart: er is geen aanpassing nodig; spreek de gewone inwerking op de werkpost af.",
    ),
    "step_redesign": (
        "Job redesign: discuss with the employer which tasks can be re-allocated or done differently, "
        "or consider another workstation.",
        "Jobherontwerp: bespreek met de werkgever welke taken anders verdeeld of anders uitgevoerd kunnen "
        "worden, of bekijk een andere werkpost.",
    ),
    "step_follow_up": (
        "Follow-up on {date}: the job coach, the employer and the worker review the accessibility together "
        "and adjust where needed.",
        "Opvolging op {date}: de jobcoach, de werkgever en de werknemer bekijken samen de toegankelijkheid "
        "opnieuw en sturen bij waar nodig.",
    ),
    "signatures": ("Signatures", "Handtekeningen"),
    "job_coach": ("Job coach", "Jobcoach"),
    "employer": ("Employer", "Werkgever"),
    "name": ("Name", "Naam"),
    "signature": ("Signature", "Handtekening"),
    "prepared": ("Prepared with werkpost on {date}.", "Opgemaakt met werkpost op {date}."),
    "page": ("page {page} of {pages}", "pagina {page} van {pages}"),
    # The index of a batch (--all)
    "index_title": ("Recommendation sheets", "Adviesfiches"),
    "index_intro": (
        "One sheet per worker, for the workstation the batch match gives them (or their best one if unplaced).",
        "Eén fiche per werknemer, voor de werkpost die de groepsmatching toewijst (of de beste als er geen "
        "plaats was).",
    ),
    "placement": ("Placement", "Plaatsing"),
    "placed": ("matched", "toegewezen"),
    "unplaced": ("not placed: best workstation", "niet geplaatst: beste werkpost"),
    "before": ("Before", "Voor"),
    "after": ("After", "Na"),
    "sheet": ("Sheet", "Fiche"),
}

LANGUAGES: tuple[str, ...] = ("en", "nl")


def label(key: str, lang: str, **values: object) -> str:
    """The fixed label `key` in `lang` (English for an unknown language), with `values` filled in."""
    en, nl = _LABELS[key]
    text = nl if lang == "nl" else en
    return text.format(**values) if values else text


def locale_of(lang: str) -> str:
    """The Babel locale for a sheet language."""
    return LOCALES.get(lang, LOCALES["en"])


def fmt_date(day: datetime.date, lang: str) -> str:
    """A long date, e.g. '26 November 2026' or '26 november 2026'."""
    return format_date(day, format="long", locale=locale_of(lang))


def fmt_eur(amount: SupportsFloat, lang: str) -> str:
    """A euro amount, e.g. '€15,000.00' or '€ 15.000,00'."""
    return format_currency(float(amount), "EUR", locale=locale_of(lang))


def fmt_pct(share: SupportsFloat, lang: str) -> str:
    """A share (0-1; a float or an exact Fraction) as a whole percentage."""
    # Babel parses numbers through Decimal(str(x)), which refuses a Fraction's "3/10": pass a float.
    return format_percent(float(share), locale=locale_of(lang))


def fmt_points(delta: SupportsFloat, lang: str) -> str:
    """A difference of shares as whole percentage points with a sign, e.g. '+30 pp'."""
    n = round(float(delta) * 100)
    sign = "+" if n > 0 else ("−" if n < 0 else "")
    return label("points", lang, sign=sign, n=format_decimal(abs(n), locale=locale_of(lang)))


def fmt_number(value: SupportsFloat, lang: str) -> str:
    """A plain number per locale (hours a week)."""
    return format_decimal(float(value), locale=locale_of(lang))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day (31 Nov -> 30 Nov)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
