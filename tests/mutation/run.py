"""Provides the mutation check of the model's rules: break each rule, and some test must fail.

Run with `make mutate` (not part of `make test`: it runs the rule tests once
per mutant). Each mutant changes one rule of contract section 5 in the
source, runs the tests that guard the model, and restores the file whatever
happens. A mutant that survives (every test still passes) is a rule no test
checks: the run says which and exits 1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = [
    "tests/engine/test_search.py",
    "tests/catalog/test_case_law.py",
    "tests/engine/test_match_budget.py::test_budget_takes_a_lesser_setup_to_place_more",
    "tests/cli/test_cli.py::test_recommend_json_contract_keys",
    "tests/engine/test_model_rules.py",
]

# (rule, file, the text of the rule, the broken text)
MUTANTS = [
    ("base capacity = min(capacity, restriction)", "engine/accessibility.py",
     "return min(rated_capacity(worker, dimension, terms), worker.restriction(dimension))",
     "return rated_capacity(worker, dimension, terms)"),
    ("no boost passes a restriction", "engine/accessibility.py",
     "return min(c + effect.boost, MAX_LEVEL, cap) - c", "return min(c + effect.boost, MAX_LEVEL) - c"),
    ("a via reaches at most the other channel's capacity", "engine/accessibility.py",
     "return max(0, min(c2, effect.up_to, cap) - c)", "return max(0, min(effect.up_to, cap) - c)"),
    ("a via never passes a restriction", "engine/accessibility.py",
     "return max(0, min(c2, effect.up_to, cap) - c)", "return max(0, min(c2, effect.up_to) - c)"),
    ("restrictions do not cap a lower", "engine/accessibility.py",
     "        return effect.lower\n", "        return min(effect.lower, max(0, cap - c))\n"),
    ("first-language tools only for newcomers", "engine/accessibility.py",
     "return worker.first_language is not None and worker.first_language != terms.language", "return True"),
    ("a contraindicated hazard blocks the task", "engine/accessibility.py",
     "for h in t.hazards if h in banned]", "for h in t.hazards if h in banned and False]"),
    ("only a measure that mitigates the hazard unblocks", "engine/accessibility.py",
     "return hazard in tool.mitigates", "return bool(tool.mitigates)"),
    ("requires.capacities are met by base capacities", "engine/accessibility.py",
     "        if have < minimum:\n", "        if have < minimum - 1:\n"),
    ("a worker's avoided categories are never proposed", "engine/accessibility.py",
     "if tool.category in worker.avoid_categories:", "if False:"),
    ("p = acceptance x reliability", "engine/accessibility.py",
     "return exact(worker.acceptance_of(tool.category)) * terms.reliability[tool.evidence]",
     "return exact(worker.acceptance_of(tool.category))"),
    ("total cost counts the horizon's yearly costs", "engine/accessibility.py",
     "+ terms.horizon_years * sum(cents(t.yearly_eur) for t in tools)", "+ 0 * sum(cents(t.yearly_eur) for t in tools)"),
    ("points carry the contract's 1e-6 slack", "engine/accessibility.py",
     "POINT_SLACK = Fraction(1, 10**6)", "POINT_SLACK = Fraction(0)"),
    ("fewer personal measures before fewer tools", "engine/accessibility.py",
     "return (-ea_points, -cv_points, total_cents, sum(t.measure == \"personal\" for t in tools), len(tools),",
     "return (-ea_points, -cv_points, total_cents, len(tools), sum(t.measure == \"personal\" for t in tools),"),
    ("effects stay out of except_task_tags", "engine/models.py",
     "        if self.except_task_tags & tags:\n            return False\n", ""),
    ("coverage of a blocked task is 0", "engine/accessibility.py",
     "            task_coverage = Fraction(0)\n        elif total == 0:", "            task_coverage = Fraction(1)\n        elif total == 0:"),
    ("every reported tool counts (irredundant)", "engine/setups/search.py",
     "                if sub[0] >= ea and sub[1] >= cv:", "                if False:"),
    ("the search scores the largest reduction, capped at the gap", "engine/setups/model.py",
     "((1 << min(e.reduction, g.size)) - 1) << offset[e.gap]", "((1 << g.size) - 1) << offset[e.gap]"),
    ("a tool is swapped out only for a strictly cheaper one", "engine/setups/search.py",
     "and model.total[j] > model.total[i]):", "and model.total[j] >= model.total[i]):"),
    ("an irredundant set-up above its threshold by a tool's weight needs a higher point", "engine/setups/bounds.py",
     "                cv += 1\n", "                cv += 2\n"),
    ("the knapsack cost bound stays below every set-up's cost", "engine/setups/bounds.py",
     "            return spent + (need - got) * price\n", "            return spent + need * price\n"),
]


def run(only: str = "") -> int:
    """Every mutant (or those whose rule contains `only`), each against the rule tests."""
    survivors = []
    chosen = [m for m in MUTANTS if only in m[0]]
    for rule, name, old, new in chosen:
        path = ROOT / name
        original = path.read_text(encoding="utf-8")
        if original.count(old) != 1:
            print(f"?? {rule}: the rule's text is not found once in {name}; update the mutant", flush=True)
            survivors.append(rule)
            continue
        try:
            path.write_text(original.replace(old, new), encoding="utf-8")
            done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-n", "0", "-p", "no:cacheprovider",
                                   *TESTS], cwd=ROOT, capture_output=True, text=True)
        finally:
            path.write_text(original, encoding="utf-8")
        killed = done.returncode != 0
        print(f"{'killed ' if killed else 'SURVIVED'}  {rule}", flush=True)
        if not killed:
            survivors.append(rule)
    print(f"{len(chosen) - len(survivors)} of {len(chosen)} mutants killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else ""))
