"""The funding rules: which measure covers what, estimates, quotas, deductions, deadlines, located errors."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from catalog import catalog_dir, demo_workspace
from engine.errors import InputError
from engine.funding import add_months, deadline_dates
from engine.loader import Catalog, load_workspace
from engine.models import Support, Worker
from engine.persist import worker_data
from engine.recommend import recommend
from engine.records import KINDS, load_record
from engine.support import Basis, part, setup_support


def rules(catalog: Catalog):  # type: ignore[no-untyped-def]
    assert catalog.funding is not None
    return catalog.funding


def worker(**support: object) -> Worker:
    return Worker(id="w-x", support=Support.model_validate(support) if support else None)


def estimate(catalog: Catalog, who: Worker, tools: list[str], hours: float | None = 38, horizon: int = 3):  # type: ignore[no-untyped-def]
    return setup_support(rules(catalog), who, [catalog.tools[t] for t in tools], horizon, hours, 46)


def kinds(basis: Basis) -> list[str]:
    return [step.kind for step in basis]


ALL_BTOM = ["btom-work-tools", "btom-workplace-adaptation", "btom-interpreting"]


# ------------------------------------------------------------- which measure covers what


@pytest.mark.parametrize(("tool", "measure"), [
    ("exo-shoulder-passive", "btom-work-tools"),          # personal, worn: work tool paid to the worker
    ("braille-display", "btom-work-tools"),               # VDAB's own example of a work tool
    ("sit-stand-stool", "btom-work-tools"),               # chosen per tool: a special seat
    ("height-adjustable-workbench", "btom-workplace-adaptation"),  # fixed: the category's order
    ("visual-alarm-beacon", "btom-workplace-adaptation"),  # VDAB's light signal on a machine
    ("access-ramp", "btom-workplace-adaptation"),
    ("sign-language-interpreter-onsite", "btom-interpreting"),
    ("job-coach-onsite", "maatwerk-individual"),
])
def test_which_measure_covers_a_tool(catalog: Catalog, tool: str, measure: str) -> None:
    assert rules(catalog).candidates(catalog.tools[tool])[0].id == measure


@pytest.mark.parametrize("tool", ["translation-earpiece", "spoken-language-interpreter", "amr-transport-robot",
                                  "colour-coding-symbols"])
def test_no_measure_pays_for(catalog: Catalog, tool: str) -> None:
    assert rules(catalog).candidates(catalog.tools[tool]) == []


def test_work_tool_is_paid_to_the_worker_and_running_costs_stay_with_the_employer(catalog: Catalog) -> None:
    sup = estimate(catalog, worker(vdab_recognition=True, measures=ALL_BTOM), ["exo-shoulder-passive"])
    assert sup is not None
    (entry,) = sup.entries
    assert (entry.measure.recipient, entry.measure.applicant, entry.estimated_cents) == ("worker", "worker", 400000)
    assert "running_not_counted" in kinds(entry.basis)
    assert sup.total_cents == 400000 + 3 * 25000
    assert sup.net_by_payer() == {"employer": 75000, "worker": 0}
    assert sup.net_cents == 75000


def test_only_listed_measures_count(catalog: Catalog) -> None:
    sup = estimate(catalog, worker(vdab_recognition=True, measures=["btom-work-tools"]), ["visual-alarm-beacon"])
    assert sup is not None and sup.entries == [] and sup.net_cents == sup.total_cents


def test_premium_is_named_but_never_counted(catalog: Catalog) -> None:
    sup = estimate(catalog, worker(vdab_recognition=True, measures=["maatwerk-individual"]), ["job-coach-onsite"])
    assert sup is not None
    (entry,) = sup.entries
    assert entry.estimated_cents == 0 and entry.basis == (part("premium", min=20, max=75),) and sup.net_cents == sup.total_cents


def test_extra_cost_over_a_standard_model(catalog: Catalog) -> None:
    funding = rules(catalog)
    bench = catalog.tools["height-adjustable-workbench"]
    changed = funding.model_copy(update={"tools": {**funding.tools, bench.id: funding.tools["sit-stand-stool"]
                                                   .model_copy(update={"measure": "btom-workplace-adaptation",
                                                                       "standard_cost_eur": 800.0})}})
    sup = setup_support(changed, worker(vdab_recognition=True, measures=ALL_BTOM), [bench], 3, 38, 46)
    assert sup is not None
    assert sup.entries[0].estimated_cents == 280000 - 80000
    assert part("standard", standard=80000) in sup.entries[0].basis


# ------------------------------------------------------------- quotas


def test_interpreting_quota_is_ten_percent_of_working_time(catalog: Catalog) -> None:
    # 10 % of 10 h x 46 weeks = 46 h a year; the interpreter needs 5000 / 60 = 83 h: 46 h x EUR 60 paid a year.
    sup = estimate(catalog, worker(vdab_recognition=True, measures=ALL_BTOM), ["sign-language-interpreter-onsite"],
                   hours=10)
    assert sup is not None
    assert sup.entries[0].estimated_cents == 3 * 46 * 60 * 100
    assert sup.entries[0].basis[0].get("hours") == 46 and sup.entries[0].basis[0].get("whose") == "worker"


def test_quota_is_shared_in_tool_order(catalog: Catalog) -> None:
    # 30 h x 46 x 10 % = 138 h: the on-site interpreter (83 h) first, 55 h left for the writing interpreter.
    sup = estimate(catalog, worker(vdab_recognition=True, measures=ALL_BTOM),
                   ["writing-interpreter", "sign-language-interpreter-onsite"], hours=30)
    assert sup is not None
    by_tool = {e.tool: e.estimated_cents for e in sup.entries}
    assert by_tool["sign-language-interpreter-onsite"] == 3 * 500000
    assert by_tool["writing-interpreter"] == 3 * (138 * 6000 - 500000)


def test_granted_hours_replace_the_quota(catalog: Catalog) -> None:
    sup = estimate(catalog, worker(vdab_recognition=True, measures=ALL_BTOM, interpreting_hours_per_year=20),
                   ["writing-interpreter"], hours=38)
    assert sup is not None and sup.entries[0].estimated_cents == 3 * 20 * 6000


def test_unknown_hours_estimate_nothing_and_say_why(catalog: Catalog) -> None:
    sup = estimate(catalog, worker(vdab_recognition=True, measures=ALL_BTOM), ["writing-interpreter"], hours=None)
    assert sup is not None and sup.entries[0].estimated_cents == 0
    assert kinds(sup.entries[0].basis) == ["hours_unknown"]


# ------------------------------------------------------------- other support


def test_other_support_per_tool_is_deducted(catalog: Catalog) -> None:
    who = worker(vdab_recognition=True, measures=ALL_BTOM, other_support_eur={"remote-microphone": 600})
    sup = estimate(catalog, who, ["remote-microphone"])
    assert sup is not None
    assert sup.entries[0].estimated_cents == 160000 - 60000
    assert sup.other_cents == 60000 and part("less_other", other=60000) in sup.entries[0].basis
    assert sup.net_cents == sup.total_cents - 160000


def test_a_lump_of_other_support_is_spread_in_tool_order(catalog: Catalog) -> None:
    who = worker(vdab_recognition=True, measures=ALL_BTOM, other_support_eur=300)
    sup = estimate(catalog, who, ["remote-microphone", "live-captioning-app"])
    assert sup is not None
    by_tool = {e.tool: e.estimated_cents for e in sup.entries}
    # live-captioning-app (EUR 200) comes first by id and takes 200 of the 300; the microphone the other 100.
    assert by_tool == {"live-captioning-app": 0, "remote-microphone": 150000}
    assert sup.other_cents == 30000


# ------------------------------------------------------------- no status, no support


def test_no_support_without_status(catalog: Catalog, demo) -> None:  # type: ignore[no-untyped-def]
    plain = demo.workers["w-003"].model_copy(update={"support": None})
    assert estimate(catalog, plain, ["visual-alarm-beacon"]) is None
    rec = recommend(catalog, plain, demo.workstations["ws-kitchen"], terms=demo.terms())
    assert not rec.has_support
    assert all("support" not in s and "net_cost_eur" not in s for s in rec.to_dict()["setups"])
    assert "funding" not in rec.to_dict()


def test_recommend_carries_support_for_a_worker_with_status(catalog: Catalog, demo) -> None:  # type: ignore[no-untyped-def]
    rec = recommend(catalog, demo.workers["w-003"], demo.workstations["ws-kitchen"], terms=demo.terms())
    data = rec.to_dict()
    setup = data["setups"][0]
    assert setup["support"] and set(setup["support"][0]) >= {"tool", "measure", "recipient", "applicant",
                                                              "estimated_eur", "basis"}
    assert setup["net_cost_eur"] == pytest.approx(setup["total_cost_eur"] - setup["support_eur"])
    assert "VDAB decides" in data["funding"]["estimate"]
    assert all(m["sources"] for m in data["funding"]["measures"])


def test_rank_by_net_resorts_the_same_setups(catalog: Catalog, demo) -> None:  # type: ignore[no-untyped-def]
    args = (catalog, demo.workers["w-003"], demo.workstations["ws-kitchen"])
    by_total = recommend(*args, terms=demo.terms())
    by_net = recommend(*args, terms=demo.terms(), rank_by="net")
    assert sorted(v.setup.tools for v in by_net.setups) == sorted(v.setup.tools for v in by_total.setups)
    nets = [v.support.net_cents for v in by_net.setups if v.support is not None]
    assert nets == sorted(nets) and by_net.to_dict()["funding"]["order"] == "by net cost (after support)"
    totals = [v.setup.key() for v in by_total.setups]
    assert totals == sorted(totals)


# ------------------------------------------------------------- deadlines


def test_deadlines_from_a_fixed_day(catalog: Catalog) -> None:
    work_tools = rules(catalog).measure("btom-work-tools")
    assert work_tools is not None
    d = deadline_dates(work_tools, date(2025, 3, 14))
    assert (d.apply, d.buy_by, d.invoices_by) == ("before_purchase", date(2026, 3, 14), date(2026, 9, 14))
    interpreting = rules(catalog).measure("btom-interpreting")
    assert interpreting is not None
    assert deadline_dates(interpreting, date(2025, 3, 14)).renew_by == date(2026, 3, 14)


def test_months_end_on_the_last_day_of_a_short_month() -> None:
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2023, 2, 29 - 1), 12) == date(2024, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


# ------------------------------------------------------------- files and errors


def workspace_with(tmp_path: Path, funding: str | None = None) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    if funding is not None:
        (root / "catalog").mkdir()
        (root / "catalog" / "funding.yaml").write_text(funding, encoding="utf-8")
    return root


def broken(old: str, new: str) -> str:
    text = (catalog_dir() / "funding.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("old", "new", "at", "message"), [
    ("categories: [exoskeleton, ergonomic", "categories: [exoskeletons, ergonomic", "exoskeletons",
     "unknown category 'exoskeletons'; did you mean 'exoskeleton'?"),
    ("recipient: provider", "recipient: providr", "providr", "unknown recipient 'providr'; did you mean 'provider'?"),
    ("  ergonomic_workstation: [btom-workplace-adaptation, btom-work-tools]",
     "  ergonomic_workstation: [btom-workplace-adaption, btom-work-tools]", "btom-workplace-adaption",
     "unknown measure 'btom-workplace-adaption'; did you mean 'btom-workplace-adaptation'?"),
    ("  sit-stand-stool:\n", "  sit-stand-stol:\n", "sit-stand-stol",
     "unknown tool 'sit-stand-stol'; did you mean 'sit-stand-stool'?"),
    ("    pays_for: yearly\n", "    pays_fro: yearly\n", "pays_fro", "unknown field 'pays_fro'; did you mean 'pays_for'?"),
])
def test_broken_funding_file_is_located(tmp_path: Path, old: str, new: str, at: str, message: str) -> None:
    text = broken(old, new)
    with pytest.raises(InputError) as err:
        load_workspace(workspace_with(tmp_path, text))
    problems = [p for p in err.value.problems if message in p.message]
    assert problems, err.value.problems
    where = text.index(at)
    assert problems[0].path.endswith("funding.yaml")
    assert (problems[0].line, problems[0].column) == (text[:where].count("\n") + 1,
                                                      where - text.rfind("\n", 0, where))


def test_workspace_overrides_the_funding_rules(tmp_path: Path) -> None:
    text = broken("    share: 1.0\n    cap_eur: null\n", "    share: 0.5\n    cap_eur: 1000\n")
    ws = load_workspace(workspace_with(tmp_path, text))
    assert ws.catalog.funding is not None
    rule = ws.catalog.funding.measure("btom-work-tools")
    assert rule is not None and (rule.share, rule.cap_eur) == (0.5, 1000)
    sup = setup_support(ws.catalog.funding, worker(vdab_recognition=True, measures=ALL_BTOM),
                        [ws.catalog.tools["exo-shoulder-passive"]], 3, 38, 46)
    assert sup is not None and sup.entries[0].estimated_cents == 100000 and "capped" in kinds(sup.entries[0].basis)


@pytest.mark.parametrize(("support", "message"), [
    ("support: {vdab_recognition: true, measures: [btom-work-tool]}",
     "support.measures[0]: unknown measure 'btom-work-tool'; did you mean 'btom-work-tools'?"),
    ("support: {measures: [btom-work-tools]}", "btom-work-tools needs VDAB's recognition"),
    ("support: {vdab_recognition: true, other_support_eur: {remote-microfone: 100}}",
     "unknown tool 'remote-microfone'; did you mean 'remote-microphone'?"),
])
def test_worker_support_is_checked_against_the_rules(tmp_path: Path, catalog: Catalog, support: str,
                                                     message: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(f"id: w-1\n{support}\n")
    record, problems = load_record(path, KINDS["worker"], catalog)
    assert record is None
    assert any(message in p.message and p.line == 2 and p.column is not None for p in problems), problems


def test_worker_data_keeps_support(demo) -> None:  # type: ignore[no-untyped-def]
    w = demo.workers["w-003"]
    data = worker_data(w)
    assert data["support"]["measures"] == ["btom-interpreting", "btom-work-tools", "btom-workplace-adaptation"]
    assert Worker.model_validate(data) == w
