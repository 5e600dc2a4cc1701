"""Fuzzing: mutated demo files end in located problems or a record, never another exception (issue 15).

Each example takes one bundled worker, workstation or tool file, applies a few
random mutations at the byte level (insertions, deletions, hostile snippets,
bytes that are not UTF-8, emptying the file) and loads it through the same
entry points the loader and `werkpost validate` use: `engine.records.load_record` for
workers, workstations and tools. Every outcome must be a
record with no problems, or problems that each carry a line and a column.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from catalog import catalog_dir, demo_workspace
from engine.errors import Problem
from engine.loader import Catalog
from engine.records import KINDS, TOOL, load_record
from engine.yamlio import MAX_FILE_BYTES

SOURCES: dict[str, tuple[str, bytes]] = {
    f"{folder.name}/{path.name}": (kind, path.read_bytes())
    for kind, folder in (("worker", demo_workspace() / "workers"), ("workstation", demo_workspace() / "workstations"),
                         ("tool", catalog_dir() / "tools"))
    for path in sorted(folder.glob("*.yaml"))
}
"""The demo files by a short name, so a failing example prints the name, not the file."""

SNIPPETS: list[bytes] = [
    b"[" * 600, b"{a: " * 300, b"- " * 200, b"".join(b"  " * i + b"k:\n" for i in range(100)),
    b"!!int abc", b"!!float xyz", b"!!bool maybe", b"!!map x", b"!!int [1]", b"!!binary aGk=", b"!!set {a: ~}",
    b"!!python/object/apply:os.system ['echo hi']", b"!foo ", b"!<tag:x> y", b"!!str ",
    b"9" * 4301, b"0x" + b"f" * 4000, b"1_0" * 50, b".inf", b"-.inf", b".nan", b"1e999", b"1.0e+999", b"'1e999'",
    b"\"[/]\"", b"\"[bold red]x\"", b"[/]", b"[bold red]x", b"'[link=file:///etc/passwd]x[/link]'",
    b"\x00", b"\x07", b"\x1b[31m", b"\x1b]8;;http://x\x1b\\", b"\x7f", b"\xc2\x85", b"\xe2\x80\xa8", b"\xef\xbb\xbf",
    b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80", b"\xfe\xff",
    b"&a ", b"*a", b"<<: {a: 1}\n", b"<<: *a\n", b"---\n", b"...\n", b"%YAML 1.1\n", b"%TAG ! tag:x,\n",
    b"? ", b"? [a]\n: b\n", b"2024-01-01: x\n", b"2024-13-45", b"1: x\n", b"yes: x\n", b"~: x\n", b"'': x\n",
    b"\t", b"\r", b"\r\n", b":", b"- ", b"#", b"'", b"\"", b"|\n", b">-\n", b"{", b"}", b"]", b",",
    b"id: dup\n", b"capacities:\n  lifting: 9\n", b"share: 0\n", b"x" * 2000,
]

Mutation = tuple[str, int, int, bytes]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(["insert", "insert", "snippet", "snippet", "value", "delete", "replace-all"]))
    at = draw(st.integers(0, 1 << 20))
    if kind == "insert":
        payload = draw(st.binary(min_size=1, max_size=8)) if draw(st.booleans()) else draw(
            st.text(min_size=1, max_size=8)).encode("utf-8", "surrogatepass")
        return (kind, at, 0, payload)
    if kind in ("snippet", "value"):
        return (kind, at, 0, draw(st.sampled_from(SNIPPETS)))
    if kind == "delete":
        return (kind, at, draw(st.integers(1, 64)), b"")
    return (kind, 0, 0, draw(st.sampled_from([b"", b"\n", b"   \n", b"# just a comment\n", b"---\n",
                                                b"x" * (MAX_FILE_BYTES + 1), b"~\n", b"[]\n", b"42\n"])))


def _mutate(data: bytes, mutation: Mutation) -> bytes:
    kind, at, length, payload = mutation
    if kind == "replace-all":
        return payload
    if kind == "value":
        # Swap the value after one of the colons: keeps the file's shape, reaches validation.
        colons = [i for i, b in enumerate(data) if b == ord(":")]
        if colons:
            start = colons[at % len(colons)] + 1
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            return data[:start] + b" " + payload + data[end:]
    at = at % (len(data) + 1)
    if kind == "delete":
        return data[:at] + data[at + length:]
    return data[:at] + payload + data[at:]


TALLY: collections.Counter[str] = collections.Counter()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    """Print how many cases were tried and how they ended (visible with -s)."""
    yield
    print(f"\nfuzz: {TALLY['tried']} cases tried, {TALLY['held']} held: {TALLY['record']} loaded as records, "
          f"{TALLY['refused']} refused with {TALLY['problems']} located problems")


def _load(kind: str, path: Path, catalog: Catalog) -> list[Problem]:
    if kind == "tool":
        return load_record(path, TOOL, catalog)[1]
    return load_record(path, KINDS[kind], catalog)[1]


# Half the active profile's budget (50 under Hypothesis' default profile): each
# example writes and loads a file, and a CI profile that asks for more gets more.
FUZZ = settings(max_examples=max(1, settings().max_examples // 2), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(source=st.sampled_from(sorted(SOURCES)), changes=st.lists(mutations(), min_size=1, max_size=4))
def test_mutated_files_end_in_located_problems(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, source: str, changes: list[Mutation],
) -> None:
    kind, data = SOURCES[source]
    for change in changes:
        data = _mutate(data, change)
    path = tmp_path_factory.mktemp("fuzz") / f"{kind}.yaml"
    path.write_bytes(data)
    TALLY["tried"] += 1
    problems = _load(kind, path, catalog)  # anything but problem rows fails the test right here
    for problem in problems:
        assert problem.path == str(path)
        assert problem.line is not None and problem.column is not None, problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert len(problem.message) < 400, problem
        assert problem.message.isprintable(), problem
    TALLY["held"] += 1
    outcome = "refused" if problems else "record"
    TALLY[outcome] += 1
    TALLY["problems"] += len(problems)
    event(outcome)
