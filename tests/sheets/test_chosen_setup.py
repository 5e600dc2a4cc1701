"""The sheet details the set-up the job coach picked, and says so."""

from __future__ import annotations

import datetime

from engine.loader import Workspace
from engine.recommend import recommend
from sheets import render_sheet

DAY = datetime.date(2026, 11, 26)


def test_chosen_setup_is_detailed(demo: Workspace) -> None:
    rec = recommend(demo.catalog, demo.workers["w-001"], demo.workstations["ws-palletising"])
    first = render_sheet(rec, demo.catalog, "md", today=DAY).decode()
    second = render_sheet(rec, demo.catalog, "md", today=DAY, chosen=1).decode()
    assert "With the recommended set-up" in first and "chosen set-up" not in first
    assert "With the chosen set-up (no. 2)" in second
    assert "The tools of the chosen set-up (no. 2)" in second
    # Demo v2: set-up 1 holds the passive back exoskeleton; set-up 2 (the same without it) does not.
    assert "exo-back-passive" in rec.setups[0].setup.tools and "exo-back-passive" not in rec.setups[1].setup.tools
    exo = demo.catalog.tools["exo-back-passive"].name.en
    # The tools section only: the annex lists set-up 1 again among the alternatives.
    tools_part = second.split("The tools of the chosen set-up (no. 2)")[1].split("## Annex")[0]
    assert exo not in tools_part
    assert demo.catalog.tools["cobot-palletiser"].name.en in tools_part
    assert exo in first.split("The tools of the recommended set-up")[1]
    nl = render_sheet(rec, demo.catalog, "md", lang="nl", today=DAY, chosen=1).decode()
    assert "Met de gekozen opstelling (nr. 2)" in nl
