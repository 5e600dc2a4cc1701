"""The Dutch word for the estimated public support is tegemoetkoming everywhere (issue 13 point 3).

VDAB names its BTOM allowances "tegemoetkoming" (catalog/funding.yaml); the
TUI and the sheets said it, the CLI said "steun". GLOSSARY.md now forbids
"steun", and every message whose English speaks of support says the one word.
"""

from __future__ import annotations

import re

from i18n.catalogue import _CATALOGUES, Message, text
from tests.i18n.test_catalogues import glossary_forbidden

OTHER_CONCEPTS = re.compile(r"support (status|measure)", re.I)
"""The worker's support status (ondersteuningsstatus) and a funding measure (ondersteuningsmaatregel): VDAB's own words."""


def _forms(message: Message) -> list[str]:
    return list(message.values()) if isinstance(message, dict) else [message]


def support_messages() -> dict[str, str]:
    """Each Dutch message whose English speaks of support as money."""
    en, nl = _CATALOGUES["en"], _CATALOGUES["nl"]
    out = {}
    for key, message in en.items():
        said = " ".join(OTHER_CONCEPTS.sub("", form) for form in _forms(message))
        if re.search(r"\bsupport\b", said, re.I):
            out[key] = " ".join(_forms(nl[key]))
    return out


def test_the_glossary_forbids_steun() -> None:
    assert "steun" in glossary_forbidden()


def test_every_support_message_says_tegemoetkoming() -> None:
    messages = support_messages()
    # The CLI's, the TUI's, the sheets' and the export's words for support are all found.
    assert {"cli.support", "cli.net_cost", "tui2.support_col", "sheet.annex_support",
            "export.label.support_eur"} <= set(messages)
    assert {k: m for k, m in messages.items() if "tegemoetkoming" not in m.lower()} == {}
    assert {k: m for k, m in messages.items() if re.search(r"\bsteun", m, re.I)} == {}


def test_the_cli_net_cost_line_in_dutch() -> None:
    line = text("cli.net_cost", "nl", net="€ 100", employer_label="werkgever", employer="€ 60",
                worker_label="werknemer", worker="€ 40", support="€ 900", other="")
    assert line.endswith("na ~€ 900 tegemoetkoming")
