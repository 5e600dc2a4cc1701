"""Bad files give every problem at its exact line and column, with a suggestion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog import demo_workspace
from engine.checkfiles import check_paths
from engine.errors import InputError
from engine.loader import Catalog, load_workspace
from engine.records import KINDS, load_record
from engine.yamlio import parse_yaml

GOOD_WORKER = "id: w-1\nlabel: A\ncapacities:\n  lifting: 1\n"
STATION_HEAD = "id: ws-1\nlabel: S\nfeatures: [power]\ntasks:\n"

CASES = [
    # (kind, text, [(line, column, message fragment), ...])
    ("worker", "id: w-1\ncapacities:\n  lfting: 1\n",
     [(3, 3, "capacities.lfting: unknown dimension 'lfting'; did you mean 'lifting'?")]),
    ("worker", "id: w-1\ncapacities:\n  lifting: 5\n",
     [(3, 12, "capacities.lifting: must be at most 4, not 5 (levels run from 0 to 4)")]),
    ("worker", "id: w-1\ncapacities:\n  lifting: -1\n  reading: 7\n",
     [(3, 12, "capacities.lifting: must be at least 0, not -1"),
      (4, 12, "capacities.reading: must be at most 4, not 7")]),
    ("worker", "id: w-1\ncapacitys:\n  lifting: 1\n",
     [(2, 1, "unknown field 'capacitys'; did you mean 'capacities'?")]),
    ("worker", "id: w-1\navoid_categories: [exoskeletons]\n",
     [(2, 20, "avoid_categories[0]: unknown category 'exoskeletons'; did you mean 'exoskeleton'?")]),
    ("worker", "id: w-1\nacceptance:\n  cobot: 1.5\n",
     [(3, 10, "acceptance.cobot: must be at most 1")]),
    ("worker", "label: no id\n", [(1, 1, "id: required field is missing")]),
    ("worker", "id: w-1\nid: w-2\n", [(2, 1, "duplicate key 'id'")]),
    ("worker", "id: &a w-1\nlabel: *a\n", [(1, 5, "anchors and aliases (&name, *name) are not allowed")]),
    ("worker", "id: [w-1\n", [(2, 1, "expected ',' or ']'")]),
    ("worker", "- just\n- a list\n", [(1, 1, "expected a mapping of fields, got list")]),
    ("workstation", STATION_HEAD + "  - name: t\n    share: 0\n    demands: {lifting: 2}\n",
     [(6, 12, "tasks[0].share: must be more than 0, not 0")]),
    ("workstation", "id: ws-1\ntasks: []\n", [(2, 8, "tasks: List should have at least 1 item")]),
    ("workstation", STATION_HEAD + "  - name: t\n    share: 1\n    tags: [asembly]\n",
     [(7, 12, "tasks[0].tags[0]: unknown task tag 'asembly'; did you mean 'assembly'?")]),
    ("workstation", "id: ws-1\nfeatures: [powr]\ntasks:\n  - {name: t, share: 1}\n",
     [(2, 12, "features[0]: unknown feature 'powr'; did you mean 'power'?")]),
    ("workstation", STATION_HEAD + "  - name: t\n    share: 1\n    demands:\n      hearing: 2\n      readng: 3\n",
     [(9, 7, "tasks[0].demands.readng: unknown dimension 'readng'; did you mean 'reading'?")]),
]


@pytest.mark.parametrize(("kind", "text", "expected"), CASES)
def test_bad_file_positions(tmp_path: Path, catalog: Catalog, kind: str, text: str,
                            expected: list[tuple[int, int, str]]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    record, problems = load_record(path, KINDS[kind], catalog)
    assert record is None
    got = [(p.line, p.column, p.message) for p in problems]
    assert len(got) == len(expected), got
    for (line, col, msg), (eline, ecol, efrag) in zip(sorted(got), expected, strict=True):
        assert (line, col) == (eline, ecol), (got, expected)
        assert efrag in msg
    assert all(p.path == str(path) for p in problems)


def test_good_worker_loads(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(GOOD_WORKER)
    record, problems = load_record(path, KINDS["worker"], catalog)
    assert problems == [] and record is not None and record.capacity("lifting") == 1


def test_alias_bomb_is_refused_fast() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n" + "".join(
        f"d{i}: &d{i} [*c, *c]\n" for i in range(20))
    with pytest.raises(InputError, match="not allowed"):
        parse_yaml(bomb, "bomb.yaml")


def test_python_objects_are_refused() -> None:
    with pytest.raises(InputError, match="is not allowed"):
        parse_yaml("id: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")


def test_oversized_file_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("id: w\nnotes: '" + "x" * 1_100_000 + "'\n")
    _, problems = load_record(path, KINDS["worker"], catalog)
    assert "larger than" in problems[0].message


def _copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    return root


def test_duplicate_ids_across_files(tmp_path: Path, catalog: Catalog) -> None:
    root = _copy_demo(tmp_path)
    shutil.copy(root / "workers" / "w-001.yaml", root / "workers" / "w-001-copy.yaml")
    with pytest.raises(InputError) as info:
        load_workspace(root, catalog=catalog)
    [problem] = info.value.problems
    # The second file in name order is the duplicate; the message names the first.
    assert problem.path.endswith("w-001.yaml") and "duplicate worker id 'w-001'" in problem.message
    assert "w-001-copy.yaml" in problem.message
    assert problem.line is not None


def test_lenient_loading_keeps_the_rest(tmp_path: Path, catalog: Catalog) -> None:
    root = _copy_demo(tmp_path)
    (root / "workers" / "w-broken.yaml").write_text("id: w-broken\ncapacities: {lifting: 9}\n")
    ws = load_workspace(root, strict=False, catalog=catalog)
    assert len(ws.workers) == 18 and "w-broken" not in ws.workers
    assert [(p.line, p.column) for p in ws.problems] == [(2, 23)]


def test_workspace_tool_overrides_and_conflict_checks(tmp_path: Path) -> None:
    root = _copy_demo(tmp_path)
    tools = root / "catalog" / "tools"
    tools.mkdir(parents=True)
    base = (demo_workspace().parent / "tools" / "visual-timer.yaml").read_text()
    (tools / "visual-timer.yaml").write_text(base.replace("cost_eur: 40", "cost_eur: 99"))
    ws = load_workspace(root)
    assert ws.catalog.tools["visual-timer"].cost_eur == 99
    (tools / "new.yaml").write_text(base.replace("id: visual-timer", "id: my-timer")
                                    .replace("conflicts_with: []", "conflicts_with: [no-such-tool]"))
    with pytest.raises(InputError, match="unknown tool 'no-such-tool'"):
        load_workspace(root)


def test_validate_a_typo_file(tmp_path: Path) -> None:
    path = tmp_path / "workers" / "w.yaml"
    path.parent.mkdir()
    path.write_text("id: w\ncapacities:\n  visoin: 1\n")
    summary, problems = check_paths([path])
    assert summary == []
    assert str(problems[0]) == f"{path}:3:3: capacities.visoin: unknown dimension 'visoin'; did you mean 'vision'?"


def test_pure_python_loader_refuses_aliases_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    with pytest.raises(InputError) as info:
        parse_yaml("id: w\nlabel: &a x\nnotes: *a\n", "w.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (2, 8) and "not allowed" in problem.message
    data, smap = parse_yaml("id: w\ncapacities:\n  lifting: 1\n", "w.yaml")
    assert data == {"id": "w", "capacities": {"lifting": 1}} and smap.where(("capacities", "lifting")) == (3, 12)


def test_atomic_write_keeps_mode_and_makes_new_files_private(tmp_path: Path) -> None:
    from engine.atomic import atomic_write_text

    new = tmp_path / "new.yaml"
    atomic_write_text(new, "a: 1\n")
    assert new.stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.yaml"
    shared.write_text("a: 0\n")
    shared.chmod(0o644)
    atomic_write_text(shared, "a: 2\n")
    assert shared.stat().st_mode & 0o777 == 0o644 and shared.read_text() == "a: 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml", "shared.yaml"]
