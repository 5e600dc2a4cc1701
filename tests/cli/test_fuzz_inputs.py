"""Fuzzing the real command line over every input kind: located problems and exit 0 or 1, never a traceback.

Issue 15. Each example takes a small workspace built from the demo files
(three workers, three workstations, settings, two tools and the funding rules
of its own catalogue, and a staff list as CSV and as XLSX), mutates one file of
one kind, and runs `cli.main.main` in-process on it, as a user would:

- workers, workstations, tools, settings, funding: `recommend --format json`
  (or text) and `validate`; tools also `catalog list --format json`;
  workstations and staff lists also `match --format json`;
- YAML files get byte-level mutations (test_fuzz_yaml's: insertions,
  deletions, hostile snippets, bad encodings, emptied files); the CSV staff
  list either those or hostile cells (superscript and Arabic-Indic digits, a
  5,000-digit number, a field over 131,072 characters, formulas, bare CR);
- the XLSX staff list gets hostile cell values (huge numbers, non-finite
  floats, control characters, markup, formulas, a 5,000-digit number, a
  chartsheet first) or byte-level damage to its zip.

Every run must end with exit 0 or 1 and no exception, print no "Traceback",
locate every problem line (`PATH:LINE:COL: ` where a position exists, else at
least `PATH: `), and with `--format json` print valid JSON (no NaN or Infinity)
whenever it exits 0. The counts are printed at the end (pytest -s).

Examples per kind: 5 in the ci profile, 62 under HYPOTHESIS_PROFILE=deep.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from catalog import catalog_dir, demo_workspace
from cli.main import main
from tests.engine.test_fuzz_yaml import Mutation, _mutate, mutations

WORKERS = ("w-001", "w-002", "w-003")
STATIONS = ("ws-palletising", "ws-office-admin", "ws-kitchen")
TOOLS = ("exo-back-passive", "vacuum-tube-lifter")
STAFF_HEAD = ["id", "label", "lifting", "reading", "overhead_work", "avoid_categories", "acceptance:exoskeleton"]
STAFF_ROWS = [["s-1", "Operator A", "1", "2", "", "exoskeleton", ""], ["s-2", "Operator B", "", "1", "3", "", "0.5"],
              ["s-3", "Operator C", "4", "", "0", "", "1"]]

KINDS = ("worker", "workstation", "tool", "settings", "funding", "staff-csv", "staff-xlsx")
TARGET = {"worker": "workers/w-001.yaml", "workstation": "workstations/ws-palletising.yaml",
          "tool": "catalog/tools/vacuum-tube-lifter.yaml", "settings": "werkpost.yaml",
          "funding": "catalog/funding.yaml", "staff-csv": "staff.csv", "staff-xlsx": "staff.xlsx"}
"""The file each kind mutates, relative to the workspace."""

CSV_SNIPPETS: list[bytes] = [
    "²".encode(), "١".encode(), b"9" * 5000, b"x" * 131_073, b'"', b'""', b",,,,,,,,,,", b"\r", b"\r\n", b"\n\n",
    b"=cmd|' /C calc'!A0", b"+1", b"-1", b"@SUM(A1)", b"1e999", b"nan", b"inf", b"-0", b"0x4", b" 3 ", b"4.0",
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b";;;", b"acceptance:exoskeleton", b"id", b"[bold red]x", b"A [/] B",
]

XLSX_VALUES: list[Any] = [
    None, "", 1, 4, 5, -1, 2.5, 1e308, float("inf"), float("-inf"), float("nan"), 10**30, "9" * 5000, "²", "١",
    "x" * 40_000, "\x00", "\x07bell", "\x1b[31m", "A [/] B", "[bold red]x", "=1+1", "=cmd|' /C calc'!A0",
    "exoskeleton;nope", "0.5", "1.5", True, False, "id", "label",
]


def _staff_xlsx(rows: list[list[Any]], chartsheet_first: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if chartsheet_first:
        book.create_chartsheet("chart", 0)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _base(root: Path) -> Path:
    """The small workspace every example starts from (valid: each command exits 0 on it)."""
    demo = demo_workspace()
    for folder in ("workers", "workstations", "catalog/tools"):
        (root / folder).mkdir(parents=True)
    for w in WORKERS:
        shutil.copy(demo / "workers" / f"{w}.yaml", root / "workers")
    for s in STATIONS:
        shutil.copy(demo / "workstations" / f"{s}.yaml", root / "workstations")
    for t in TOOLS:
        shutil.copy(catalog_dir() / "tools" / f"{t}.yaml", root / "catalog" / "tools")
    shutil.copy(demo / "werkpost.yaml", root)
    shutil.copy(catalog_dir() / "funding.yaml", root / "catalog")
    with (root / "staff.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([STAFF_HEAD, *STAFF_ROWS])
    (root / "staff.xlsx").write_bytes(_staff_xlsx([STAFF_HEAD, *STAFF_ROWS]))
    return root


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _base(tmp_path_factory.mktemp("fuzz-base") / "ws")
    for argv in _commands("workstation", root, "json") + _commands("staff-xlsx", root, "json") + _commands(
            "tool", root, "json"):
        code, _, err = _run(argv)
        assert code == 0, (argv, err)  # the unmutated workspace works: a failure later is the mutation's
    return root


def _commands(kind: str, root: Path, fmt: str) -> list[list[str]]:
    ws = ["--workspace", str(root)]
    recommend = ["recommend", *ws, "--worker", "w-001", "--workstation", "ws-palletising", "--format", fmt]
    target = str(root / TARGET[kind])
    if kind in ("staff-csv", "staff-xlsx"):
        return [["match", *ws, "--workers", target, "--format", "json", "--quiet"]]
    runs = [recommend, ["validate", target if kind in ("worker", "workstation", "tool") else str(root)]]
    if kind == "tool":
        runs.append(["catalog", "list", *ws, "--format", "json"])
    if kind == "workstation":
        runs.append(["match", *ws, "--format", "json", "--quiet"])
    return runs


def _run(argv: list[str]) -> tuple[int, str, str]:
    """The real entry point in-process; any exception that escapes it fails the example."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except BaseException as exc:  # anything main lets out is the bug under test
            raise AssertionError(f"{argv[0]} raised {type(exc).__name__}: {exc!r:.300}\n{err.getvalue()[-2000:]}") \
                from exc
    return code, out.getvalue(), err.getvalue()


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


LOCATED = re.compile(r"^(?P<path>[^\s:][^:]*):(?:(?P<line>\d+):(?:(?P<col>\d+):)?)? \S")
"""PATH:LINE:COL: message, PATH:LINE: message (a staff list row the csv module could not split), or PATH: message."""
SUMMARY = re.compile(r"^(werkpost: skipped \d+ files? with problems|\d+ problem\(s\) found$)")


def _check(argv: list[str], code: int, out: str, err: str, root: Path) -> None:
    assert code in (0, 1), (argv, code, err[-2000:])
    assert "Traceback" not in err and "Traceback" not in out, err[-2000:]
    for line in err.splitlines():
        if not line.strip() or SUMMARY.match(line) or line.startswith(" "):
            continue
        where = LOCATED.match(line)
        assert where is not None, f"a problem without a place: {line!r:.300}"
        path = where.group("path")
        if path == "werkpost":
            # A message of the program itself (a write or a read that failed): it must name the file.
            assert str(root) in line, f"unlocated: {line!r:.300}"
            continue
        # A file of this workspace, the workspace itself, or the option that named the thing.
        assert path.startswith((str(root), "--")), f"unlocated: {line!r:.300}"
        if where.group("line"):
            assert int(where.group("line")) >= 1 and int(where.group("col") or 1) >= 1, line
    if "json" in argv and code == 0:
        json.loads(out, parse_constant=_no_constant)
    elif "json" in argv and out.strip():
        json.loads(out, parse_constant=_no_constant)


TALLY: collections.Counter[str] = collections.Counter()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    kinds = ", ".join(f"{k} {TALLY['tried:' + k]}" for k in KINDS)
    print(f"\ncli fuzz: {TALLY['tried']} mutated inputs ({kinds}), {TALLY['runs']} command runs, "
          f"{TALLY['held']} held: {TALLY['exit0']} exit 0, {TALLY['exit1']} exit 1 with "
          f"{TALLY['problem_lines']} located problem lines, {TALLY['json']} JSON outputs parsed; "
          f"{TALLY['shapes']} fixed hostile shapes held")


XlsxChange = tuple[str, int, int, Any, int]
"""(what, row, column, XLSX value, index of the CSV snippet for the same cell)."""


@st.composite
def xlsx_changes(draw: st.DrawFn) -> XlsxChange:
    kind = draw(st.sampled_from(["cell", "cell", "cell", "chartsheet", "bytes"]))
    return (kind, draw(st.integers(0, len(STAFF_ROWS))), draw(st.integers(0, len(STAFF_HEAD))),
            draw(st.sampled_from(XLSX_VALUES)), draw(st.integers(0, len(CSV_SNIPPETS) - 1)))


def _staff_csv(xlsx: list[XlsxChange]) -> bytes:
    """The staff list as CSV with hostile cells: the value of each change taken from CSV_SNIPPETS."""
    rows: list[list[str]] = [list(STAFF_HEAD), *(list(r) for r in STAFF_ROWS)]
    for _, row, col, _, snippet in xlsx:
        while len(rows[row]) <= col:
            rows[row].append("")
        # Raw bytes survive the csv writer as lone surrogates and come back out unchanged (bad encodings too).
        rows[row][col] = CSV_SNIPPETS[snippet].decode("utf-8", "surrogateescape")
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8", "surrogateescape")


def _mutated(kind: str, data: bytes, changes: list[Mutation], xlsx: list[XlsxChange], raw: bool) -> bytes:
    if kind == "staff-csv" and not raw:
        return _staff_csv(xlsx)
    if kind != "staff-xlsx":
        for change in changes:
            data = _mutate(data, change)
        return data
    rows: list[list[Any]] = [list(STAFF_HEAD), *(list(r) for r in STAFF_ROWS)]
    chartsheet, damage = False, False
    for what, row, col, value, _ in xlsx:
        if what == "cell":
            while len(rows[row]) <= col:
                rows[row].append(None)
            rows[row][col] = value
        chartsheet |= what == "chartsheet"
        damage |= what == "bytes"
    try:
        data = _staff_xlsx(rows, chartsheet)
    except (ValueError, TypeError, IllegalCharacterError) as exc:  # openpyxl refuses some values (control chars)
        event(f"openpyxl refused: {type(exc).__name__}")
        data = _staff_xlsx([list(STAFF_HEAD), *STAFF_ROWS], chartsheet)
    if damage or raw:
        for change in changes:
            data = _mutate(data, change)
    return data


EXAMPLES = max(1, settings().max_examples // 8)
"""5 per kind in the ci profile (40 examples), 62 in the deep one (500): each runs two or three commands."""


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(changes=st.lists(mutations(), min_size=1, max_size=4), xlsx=st.lists(xlsx_changes(), min_size=1, max_size=4),
       fmt=st.sampled_from(["json", "json", "text"]), raw=st.booleans())
def test_mutated_inputs_through_the_cli(kind: str, base: Path, tmp_path_factory: pytest.TempPathFactory,
                                        changes: list[Mutation], xlsx: list[XlsxChange], fmt: str,
                                        raw: bool) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "ws"
    shutil.copytree(base, root)
    target = root / TARGET[kind]
    target.write_bytes(_mutated(kind, target.read_bytes(), changes, xlsx, raw))
    TALLY["tried"] += 1
    TALLY["tried:" + kind] += 1
    for argv in _commands(kind, root, fmt):
        code, out, err = _run(argv)
        TALLY["runs"] += 1
        _check(argv, code, out, err, root)
        TALLY["held"] += 1
        TALLY[f"exit{code}"] += 1
        TALLY["problem_lines"] += sum(1 for line in err.splitlines() if LOCATED.match(line))
        TALLY["json"] += "json" in argv and bool(out.strip())
        event(f"{argv[0]} exit {code}")


# ---------------------------------------------------------------- the shapes of the issue, every kind, every run

KEY = {"worker": "lifting", "workstation": "share", "tool": "cost_eur", "settings": "horizon_years",
       "funding": "share"}
"""The key whose value each YAML kind gets replaced (its first occurrence)."""

SHAPES: dict[str, bytes | None] = {
    "nesting": b"[" * 600, "int-tag": b"!!int abc", "float-tag": b"!!float xyz", "bool-tag": b"!!bool maybe",
    "4301-digits": b"9" * 4301, "inf": b".inf", "nan": b".nan", "1e999": b"1e999", "1e30": b"1e30",
    "10**30": b"1" + b"0" * 30, "markup": b'"A [/] B [bold red]x"', "control": b'"a\x07b"', "raw-control": b"a\x1bb",
    "not-utf8": b"\xff\xfe", "merge-key": b"{<<: {a: 1}}", "tagged-key": b"{!foo k: 1}", "date-key": b"{2024-01-01: 1}",
    "empty-file": None, "comment-only": None,
}


def _inject(data: bytes, key: str, value: bytes) -> bytes:
    found = re.search(rb"^(\s*(?:- )?" + key.encode() + rb":)[^\n]*$", data, flags=re.M)
    assert found is not None, key
    return data[:found.end(1)] + b" " + value + data[found.end():]


def _shape_cases() -> list[tuple[str, str]]:
    """Every shape in every kind under the deep profile; in make test every shape once and every kind at least
    three times (the kinds in turn), since the loader's own tests (test_hostile_yaml) cover each shape per parser."""
    cases = [(kind, shape) for shape in sorted(SHAPES) for kind in sorted(KEY)]
    if os.environ.get("HYPOTHESIS_PROFILE") == "deep":
        return cases
    kinds = sorted(KEY)
    return [(kinds[i % len(kinds)], shape) for i, shape in enumerate(sorted(SHAPES))]


@pytest.mark.parametrize(("kind", "shape"), _shape_cases())
def test_hostile_shapes_through_the_cli(kind: str, shape: str, base: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(base, root)
    target = root / TARGET[kind]
    value = SHAPES[shape]
    if value is not None:
        target.write_bytes(_inject(target.read_bytes(), KEY[kind], value))
    else:
        target.write_bytes(b"" if shape == "empty-file" else b"# nothing here yet\n")
    fmt = "text" if shape == "markup" else "json"
    argv = _commands(kind, root, fmt)[0]
    code, out, err = _run(argv)
    _check(argv, code, out, err, root)
    TALLY["shapes"] += 1


XLSX_SHAPES: dict[str, tuple[list[list[Any]], bool]] = {
    "chartsheet-first": ([STAFF_HEAD, *STAFF_ROWS], True),
    "huge-float": ([STAFF_HEAD, ["s-1", "A", 1e308, float("inf"), float("nan"), None, float("-inf")]], False),
    "5000-digits": ([STAFF_HEAD, ["s-1", "A", "9" * 5000, 10**30, "²", "١", "1.5"]], False),
    "formula-and-markup": ([STAFF_HEAD, ["s-1", "=cmd|' /C calc'!A0", "=1+1", "[bold red]x", "A [/] B", "", ""]], False),
    "header-only": ([STAFF_HEAD], False),
    "empty-book": ([], False),
}


@pytest.mark.parametrize("shape", sorted(XLSX_SHAPES))
def test_hostile_xlsx_staff_lists_through_the_cli(shape: str, base: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(base, root)
    rows, chartsheet = XLSX_SHAPES[shape]
    (root / TARGET["staff-xlsx"]).write_bytes(_staff_xlsx([list(r) for r in rows], chartsheet))
    argv = _commands("staff-xlsx", root, "json")[0]
    code, out, err = _run(argv)
    _check(argv, code, out, err, root)
    TALLY["shapes"] += 1
