"""Provides every label of the UI in English and Dutch, and number formats per language.

Labels are written in English in the code and looked up here for Dutch, so a
missing translation falls back to readable English; a test checks that every
literal passed to `tr` or `Screen.t` has its Dutch entry.
"""

from __future__ import annotations

LANG_NAMES = {"en": "English", "nl": "Nederlands"}

NL: dict[str, str] = {
    # app and navigation
    "Quit": "Stoppen",
    "Help": "Help",
    "Back": "Terug",
    "Language": "Taal",
    "Commands": "Opdrachten",
    "Catalogue": "Catalogus",
    "Batch match": "Groepsmatch",
    "Workspace": "Werkruimte",
    "Search": "Zoeken",
    "Match": "Match",
    "New worker": "Nieuwe werknemer",
    "Save": "Opslaan",
    "Discard": "Verwerpen",
    "Cancel": "Annuleren",
    "Export sheet": "Blad exporteren",
    "Export": "Exporteren",
    "Close": "Sluiten",
    "Run": "Starten",
    "Profile": "Profiel",
    "Budget": "Budget",
    "Next place": "Volgende plek",
    "Previous place": "Vorige plek",
    "Sheet": "Adviesblad",
    "Chart": "Grafiek",
    "enter: match": "enter: match",
    "Lower level": "Niveau lager",
    "Higher level": "Niveau hoger",
    "Set level": "Niveau kiezen",
    "Avoid category": "Categorie vermijden",
    "Acceptance up": "Acceptatie omhoog",
    "Acceptance down": "Acceptatie omlaag",
    "Edit label": "Label bewerken",
    "Key": "Toets",
    "Action": "Actie",
    "View": "Scherm",
    "Everywhere": "Overal",
    "Dialogs": "Dialogen",
    # workspace view
    "Workers": "Werknemers",
    "Workstations": "Werkposten",
    "Workstation": "Werkpost",
    "Problems": "Problemen",
    "Label": "Label",
    "Main limitations": "Belangrijkste beperkingen",
    "Main demands": "Belangrijkste eisen",
    "no limitation": "geen beperking",
    "no demands": "geen eisen",
    "Search id, label, limitation or demand": "Zoek op id, label, beperking of eis",
    "files could not be loaded; the rest works": "bestanden konden niet worden geladen; de rest werkt",
    "unsaved": "niet opgeslagen",
    "demo workspace (read-only)": "demowerkruimte (alleen-lezen)",
    # worker view
    "Worker": "Werknemer",
    "Domain": "Domein",
    "Dimension": "Dimensie",
    "Capacity": "Capaciteit",
    "Tool categories": "Hulpmiddelcategorieën",
    "Category": "Categorie",
    "Avoid": "Vermijden",
    "Acceptance": "Acceptatie",
    "yes": "ja",
    "no": "nee",
    "Best workstations for this worker": "Beste werkposten voor deze werknemer",
    "Best workstations": "Beste werkposten",
    "Now": "Nu",
    "Best": "Beste",
    "Cost": "Kosten",
    "Saved to": "Opgeslagen in",
    "Cannot save": "Kan niet opslaan",
    "Unsaved changes": "Niet-opgeslagen wijzigingen",
    "has unsaved changes.": "heeft niet-opgeslagen wijzigingen.",
    "Save them before leaving?": "Eerst opslaan?",
    "Workers with unsaved changes:": "Werknemers met niet-opgeslagen wijzigingen:",
    "Save all and quit?": "Alles opslaan en stoppen?",
    "Quit without saving": "Stoppen zonder opslaan",
    "Save all": "Alles opslaan",
    "new worker, not saved yet": "nieuwe werknemer, nog niet opgeslagen",
    "Label (free text, never a real name)": "Label (vrije tekst, nooit een echte naam)",
    "Level descriptions": "Niveaubeschrijvingen",
    "left/right or 0-4: level": "links/rechts of 0-4: niveau",
    "space: avoid, +/-: acceptance": "spatie: vermijden, +/-: acceptatie",
    # match view
    "Demand": "Eis",
    "Gap": "Tekort",
    "Tasks": "Taken",
    "Task": "Taak",
    "Share": "Aandeel",
    "Set-ups": "Opstellingen",
    "Tools": "Hulpmiddelen",
    "Accessibility": "Toegankelijkheid",
    "Expected gain": "Verwachte winst",
    "no limit": "geen limiet",
    "not a number": "geen getal",
    "before": "voor",
    "after": "na",
    "expected": "verwacht",
    "Remains open": "Blijft open",
    "no tool closes this: consider job redesign": "geen hulpmiddel sluit dit: overweeg taakaanpassing",
    "narrows a gap that stays open": "verkleint een tekort dat open blijft",
    "No tool helps within this budget.": "Binnen dit budget helpt geen hulpmiddel.",
    "No gaps: the worker can do every task.": "Geen tekorten: de werknemer kan elke taak.",
    "No gap can be closed by a tool here: consider job redesign.":
        "Geen tekort is hier met een hulpmiddel te sluiten: overweeg taakaanpassing.",
    "per year": "per jaar",
    "lowers the demand": "verlaagt de eis",
    "via": "via",
    "a first language other than the workplace language": "een andere moedertaal dan de werktaal",
    "Mitigates": "Neemt weg",
    "Edit profile": "Profiel bewerken",
    "gap": "tekort",
    # catalogue
    "All categories": "Alle categorieën",
    "All dimensions": "Alle dimensies",
    "Measure": "Maatregel",
    "Evidence": "Bewijs",
    "Effects": "Effecten",
    "Requires": "Vereist",
    "Products": "Producten",
    "Sources": "Bronnen",
    "Conflicts with": "Conflicteert met",
    "only in tasks tagged": "alleen bij taken met",
    "nothing": "niets",
    "tools": "hulpmiddelen",
    "Name": "Naam",
    # batch
    "Assignments": "Toewijzingen",
    "Unplaced workers": "Niet-geplaatste werknemers",
    "Reason": "Reden",
    "Before": "Voor",
    "After": "Na",
    "Expected": "Verwacht",
    "Press r to match every worker to a position.": "Druk op r om elke werknemer aan een plaats te koppelen.",
    "Matching...": "Koppelen...",
    "placed": "geplaatst",
    "unplaced": "niet geplaatst",
    "total cost": "totale kosten",
    "Run the batch match first.": "Start eerst de groepsmatch.",
    "Exported to": "Geëxporteerd naar",
    "Export failed": "Exporteren mislukt",
    "Error": "Fout",
    "Batch match failed": "Groepsmatch mislukt",
    "Best place": "Beste plek",
    "total": "totaal",
    "fair": "eerlijk",
    # export dialog
    "Export the recommendation sheet": "Het adviesblad exporteren",
    "Export the batch result": "Het groepsresultaat exporteren",
    "Format": "Formaat",
    "File": "Bestand",
    "Writing...": "Schrijven...",
    "ctrl+s: export · esc: cancel": "ctrl+s: exporteren · esc: annuleren",
    "The file name must end in": "De bestandsnaam moet eindigen op",
    "Give a file name.": "Geef een bestandsnaam.",
    "Replace the existing file?": "Het bestaande bestand vervangen?",
    "Nothing to save.": "Niets op te slaan.",
    "Select a worker and a workstation first.": "Kies eerst een werknemer en een werkpost.",
    # help
    "Key bindings": "Toetsen",
    "Press escape to close.": "Druk op escape om te sluiten.",
    "Open worker": "Werknemer openen",
    "Toggle language": "Taal wisselen",
    "Show key bindings": "Toetsen tonen",
    "Open the tool catalogue": "De hulpmiddelencatalogus openen",
    "Match every worker to a workstation": "Elke werknemer aan een werkpost koppelen",
    "Start a worker from a blank profile": "Een werknemer starten met een leeg profiel",
    "Save the current worker": "De huidige werknemer opslaan",
    "Export the sheet of this match": "Het adviesblad van deze match exporteren",
    "Go back to the workspace": "Terug naar de werkruimte",
    "Switch between English and Dutch": "Wisselen tussen Engels en Nederlands",
}


def tr(text: str, lang: str) -> str:
    """`text` in `lang`: Dutch from the table, English as written."""
    if lang == "nl":
        return NL.get(text, text)
    return text


def pct(x: float) -> str:
    """A share as a whole percentage."""
    return f"{round(x * 100):d}%"


def points(n: int) -> str:
    """Whole percentage points (EA, CV; contract section 5) as a percentage."""
    return f"{n:d}%"


def eur(x: float, lang: str) -> str:
    """Euro without cents, grouped the way each language writes it."""
    whole = f"{round(x):,d}"
    if lang == "nl":
        return "€ " + whole.replace(",", ".")
    return "€" + whole


def parse_budget(text: str) -> float | None:
    """A budget typed by the coach: digits with optional separators, '€' and a 'k'.

    Empty means no limit; raises ValueError on anything else. Dots and commas
    are both read as thousands separators, since budgets are whole euros.
    """
    s = text.strip().lower().replace("€", "").replace("eur", "").replace(" ", "")
    if not s:
        return None
    factor = 1.0
    if s.endswith("k"):
        factor, s = 1000.0, s[:-1]
    s = s.replace(".", "").replace(",", "") if factor == 1.0 else s.replace(",", ".")
    value = float(s) * factor
    if value < 0 or value != value:
        raise ValueError(text)
    return value
