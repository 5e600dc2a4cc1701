"""Hostile YAML ends in located problems (PATH:LINE:COLUMN), never in a traceback (issue 15).

Unit tests on the yamlio API pin each kind of broken input; a Hypothesis fuzz
test then mutates the demo files and reads them through the loader's own entry
point (read the file, validate the record) to check that nothing else escapes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from engine.errors import InputError, Problem
from engine.loader import Catalog
from engine.records import KINDS, load_record
from engine.yamlio import EXCERPT_CHARS, MAX_DEPTH, MAX_FILE_BYTES, excerpt, parse_yaml, read_yaml


@pytest.fixture(autouse=True, params=["libyaml", "pure-python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with libyaml and with PyYAML's own parser (used where libyaml is missing)."""
    if request.param == "pure-python":
        monkeypatch.setattr(yaml, "__with_libyaml__", False)
    elif not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML built without libyaml")
    return str(request.param)


def _problems(text: str) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(InputError) as info:
        parse_yaml(text, "f.yaml")
    return [(p.line, p.column, p.message) for p in info.value.problems]


def _one(text: str) -> tuple[int | None, int | None, str]:
    found = _problems(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- nesting


@pytest.mark.parametrize("text", [
    "a: " + "[" * 600 + "]" * 600,
    "a: " + "{b: " * 600 + "}" * 600,
    "[" * 500_000,  # half a megabyte of brackets: no C stack overflow either
    "".join("  " * i + f"k{i}:\n" for i in range(300)),
    "".join("  " * i + "-\n" for i in range(300)),
], ids=["flow-seq", "flow-map", "half-a-megabyte", "block-map", "block-seq"])
def test_deep_nesting_is_refused_at_the_level_too_deep(text: str) -> None:
    line, column, message = _one(text)
    # libyaml's scanner looks far ahead in flow context and may stop first, at its own limit.
    assert message in (f"nested deeper than {MAX_DEPTH} levels",
                       "while increasing flow level exceeded maximum nesting depth"), message
    assert line is not None and column is not None


def test_nesting_at_the_limit_is_read() -> None:
    at_limit = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)  # the mapping is a level too
    data, _ = parse_yaml(at_limit, "f.yaml")
    lists, node = 0, data["a"]
    while isinstance(node, list):
        lists, node = lists + 1, node[0] if node else None
    assert lists == MAX_DEPTH - 1
    assert _one("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH) == (1, 4 + MAX_DEPTH - 1, f"nested deeper than {MAX_DEPTH} levels")


# ---------------------------------------------------------------- tags and scalars


@pytest.mark.parametrize(("text", "message"), [
    ("label: !!int abc\n", "'abc' is not a valid int"),
    ("label: !!float xyz\n", "'xyz' is not a valid float"),
    ("label: !!bool maybe\n", "'maybe' is not a valid bool"),
    ("label: !!map abc\n", "the tag 'tag:yaml.org,2002:map' is not allowed"),
    ("label: !!int [1]\n", "the tag 'tag:yaml.org,2002:int' is not allowed here"),
    ("label: !!binary aGk=\n", "the tag 'tag:yaml.org,2002:binary' is not allowed"),
    ("label: !!set {a: ~}\n", "the tag 'tag:yaml.org,2002:set' is not allowed here"),
    ("label: 2024-13-45\n", "'2024-13-45' reads as a date; put it in quotes"),
    ("label: !!python/object/apply:os.system ['echo hi']\n", "is not allowed here"),
])
def test_bad_tagged_scalars_are_located_at_the_value(text: str, message: str) -> None:
    line, column, got = _one(text)
    assert (line, column) == (1, 8)
    assert message in got


def test_explicit_tags_with_good_content_are_read() -> None:
    data, _ = parse_yaml("a: !!int 3\nb: !!float 1.5\nc: !!bool true\nd: !!str 12\ne: !!null ~\n", "f.yaml")
    assert data == {"a": 3, "b": 1.5, "c": True, "d": "12", "e": None}


@pytest.mark.parametrize("literal", ["9" * 4301, "9" * 101, "0x" + "f" * 5000, "1" + "_0" * 60, "1." + "5" * 200])
def test_numbers_too_long_are_refused(literal: str) -> None:
    line, column, message = _one(f"n: {literal}\n")
    assert (line, column) == (1, 4)
    assert message.startswith("number too long")
    assert literal[:50] not in message


def test_a_long_number_in_quotes_is_text() -> None:
    data, _ = parse_yaml(f"n: '{'9' * 5000}'\n", "f.yaml")
    assert data["n"] == "9" * 5000


@pytest.mark.parametrize("literal", [".inf", "-.inf", "+.INF", ".nan", ".NaN", "1.0e+999", "-1.0e+999", "!!float 1e999"])
def test_non_finite_numbers_are_refused(literal: str) -> None:
    line, column, message = _one(f"share: {literal}\n")
    assert (line, column) == (1, 8)
    assert message.startswith("must be a finite number")


# ---------------------------------------------------------------- keys


@pytest.mark.parametrize(("text", "where", "message"), [
    ("a: 1\n<<: {b: 2}\n", (2, 1), "merge keys (<<) are not allowed"),
    ("!foo k: 1\n", (1, 1), "a key cannot have a tag ('!foo')"),
    ("!!str k: 1\n", (1, 1), "a key cannot have a tag"),
    ("2024-01-01: x\n", (1, 1), "the key '2024-01-01' reads as a date, not as text; put it in quotes"),
    ("2024-13-45: x\n", (1, 1), "reads as a date"),
    ("capacities:\n  1: 2\n", (2, 3), "the key '1' reads as a whole number"),
    ("yes: 1\n", (1, 1), "the key 'yes' reads as true or false"),
    ("~: 1\n", (1, 1), "reads as null"),
    ("1.5: 1\n", (1, 1), "reads as a number"),
    ("[a, b]: 1\n", (1, 1), "a key must be a plain value"),
    ("? {a: 1}\n: 1\n", (1, 3), "a key must be a plain value"),
    ("a: 1\na: 2\n", (2, 1), "duplicate key 'a'"),
])
def test_keys_that_are_not_plain_text_are_refused(text: str, where: tuple[int, int], message: str) -> None:
    line, column, got = _one(text)
    assert (line, column) == where
    assert message in got


def test_a_merge_of_an_anchor_is_refused_twice() -> None:
    found = _problems("a: &x {b: 1}\nc:\n  <<: *x\n")
    assert [(line, col) for line, col, _ in found] == [(1, 4), (3, 3)]
    assert "anchors and aliases" in found[0][2] and "merge keys" in found[1][2]


def test_quoted_keys_are_text() -> None:
    data, smap = parse_yaml("'2024-01-01': x\n'1': y\n'yes': z\n", "f.yaml")
    assert data == {"2024-01-01": "x", "1": "y", "yes": "z"}
    assert smap.keys[("1",)] == (2, 1)


def test_every_problem_is_reported_not_only_the_first() -> None:
    found = _problems("a: !!int x\nb: .inf\n1: c\nd: 2024-01-01\n")
    assert [(line, col) for line, col, _ in found] == [(1, 4), (2, 4), (3, 1), (4, 4)]


# ---------------------------------------------------------------- characters and encodings


@pytest.mark.parametrize(("text", "where", "char"), [
    ("a: b\nc: d\x00e\n", (2, 5), "'\\x00' (U+0000)"),
    ("a: é\nc: dé\x07e\n", (2, 6), "'\\x07' (U+0007)"),
    ("a: b\r\nc: \x1b[31m\n", (2, 4), "'\\x1b' (U+001B)"),
    ("\ufeffa: \x7f\n", (1, 4), "'\\x7f' (U+007F)"),
    ("a: '\ud800'\n", (1, 5), "'\\ud800' (U+D800)"),
])
def test_control_characters_are_located(text: str, where: tuple[int, int], char: str) -> None:
    line, column, message = _one(text)
    assert (line, column) == where
    assert message == f"the character {char} is not allowed in a YAML file"


@pytest.mark.parametrize(("text", "where", "char"), [
    ('label: "x\\x1b[2Jy"\n', (1, 8), "'\\x1b' (U+001B)"),
    ('label: "\\0"\n', (1, 8), "'\\x00' (U+0000)"),
    ('label: "\\x9b"\n', (1, 8), "'\\x9b' (U+009B)"),
    ('"k\\a": 1\n', (1, 1), "'\\x07' (U+0007)"),
])
def test_control_characters_written_as_escapes_are_refused(text: str, where: tuple[int, int], char: str) -> None:
    line, column, message = _one(text)
    assert (line, column) == where
    assert message == f"the control character {char} is not allowed in a value"


def test_tabs_and_line_breaks_in_values_are_kept() -> None:
    assert parse_yaml('notes: "a\\tb\\nc\\r"\n', "f.yaml")[0] == {"notes": "a\tb\nc\r"}


def test_a_byte_order_mark_is_not_a_column(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: w\nlabel: [\n")
    with pytest.raises(InputError) as info:
        read_yaml(path)
    assert info.value.problems[0].line == 3


@pytest.mark.parametrize(("raw", "where"), [
    (b"\xffid: w\n", (1, 1)),
    (b"id: w\nlabel: caf\xe9 secret\n", (2, 11)),
    ("id: w\nlabel: é".encode() + b"\x80\n", (2, 9)),
    (b"id: w\r\nlabel: \xc3\n", (2, 8)),
])
def test_bytes_that_are_not_utf8_are_located_and_not_echoed(tmp_path: Path, raw: bytes, where: tuple[int, int]) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_yaml(path)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == where
    assert problem.message.startswith("not UTF-8 text: the byte 0x")
    assert "secret" not in problem.message and "label" not in problem.message


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes("id: w\n".encode("utf-16"))
    with pytest.raises(InputError) as info:
        read_yaml(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:1:1: the file is UTF-16 text; save it as UTF-8"]


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# only a comment\n", "---\n", "--- \n...\n", "\ufeff"])
def test_empty_files_are_a_problem_at_line_one(text: str) -> None:
    assert _one(text) == (1, 1, "the file is empty")


def test_an_empty_file_may_be_allowed() -> None:
    assert parse_yaml("# nothing yet\n", "settings.yaml", allow_empty=True)[0] is None


def test_an_explicit_null_document_is_not_empty() -> None:
    assert parse_yaml("~\n", "f.yaml")[0] is None


def test_oversized_files_are_refused_at_line_one(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"id: w\nnotes: '" + b"x" * MAX_FILE_BYTES + b"'\n")
    with pytest.raises(InputError) as info:
        read_yaml(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:1:1: the file is larger than {MAX_FILE_BYTES} bytes"]
    assert _one("x" * (MAX_FILE_BYTES + 1))[:2] == (1, 1)


def test_multiple_documents_are_refused_at_the_second() -> None:
    assert _one("a: 1\n---\nb: 2\n")[:2] == (2, 1)


def test_a_file_that_is_not_yaml_is_never_echoed() -> None:
    secret = "password=hunter2 " * 200
    for text in (f"{secret}: [\n", f"key: {secret}\n  bad: indent\n", f"%{secret}\n", f"!{'a' * 500}! x\n",
                 f"a: '{secret}\n", f"- {secret}\nb: 1\n"):
        for line, column, message in _problems(text):
            assert line is not None and column is not None
            assert "hunter2" not in message, message
            assert len(message) < 250, message


def test_excerpt_is_short_and_escaped() -> None:
    assert excerpt("abc") == "'abc'"
    assert excerpt("\x1b[31mred\x07") == "'\\x1b[31mred\\x07'"
    cut = excerpt("x" * 1000)
    assert cut == repr("x" * EXCERPT_CHARS) + "..."
    assert excerpt(1.5) == "1.5"


# ---------------------------------------------------------------- files on disk


def test_a_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("secret: hunter2\n")
    root = tmp_path / "ws"
    (root / "workers").mkdir(parents=True)
    link = root / "workers" / "w.yaml"
    link.symlink_to(outside)
    with pytest.raises(InputError) as info:
        read_yaml(link, within=root)
    [problem] = info.value.problems
    assert (problem.path, problem.line, problem.column) == (str(link), 1, 1)
    assert "outside" in problem.message and "hunter2" not in problem.message
    assert read_yaml(link)[0] == {"secret": "hunter2"}  # without a root, as before


def test_a_symlink_inside_the_root_is_read(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "real.yaml").write_text("id: w\n")
    (root / "link.yaml").symlink_to(root / "real.yaml")
    assert read_yaml(root / "link.yaml", within=root)[0] == {"id": "w"}
    assert read_yaml(root / "real.yaml", within=root)[0] == {"id": "w"}


def test_the_root_may_itself_be_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "w.yaml").write_text("id: w\n")
    (tmp_path / "ws").symlink_to(real)
    assert read_yaml(tmp_path / "ws" / "w.yaml", within=tmp_path / "ws")[0] == {"id": "w"}


def test_a_symlink_loop_is_a_problem(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    for within in (None, tmp_path):
        with pytest.raises(InputError) as info:
            read_yaml(loop, within=within)
        assert info.value.problems[0].line == 1


def _unreadable(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        read_yaml(path)
    return info.value.problems


def test_folders_pipes_and_missing_files_are_problems_not_tracebacks(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    os.mkfifo(tmp_path / "pipe.yaml")  # opening it must not hang
    for name in ("dir.yaml", "pipe.yaml", "missing.yaml"):
        [problem] = _unreadable(tmp_path / name)
        assert (problem.line, problem.column) == (1, 1), problem


def test_an_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("id: w\n")

    def denied(*args: object, **kwargs: object) -> int:  # chmod 0 does not stop root, who runs CI here
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    [problem] = _unreadable(path)
    assert str(problem) == f"{path}:1:1: cannot read: Permission denied"


# ---------------------------------------------------------------- records (validation)

STATION = "id: ws-1\nlabel: S\ntasks:\n  - name: t\n    share: {share}\n"


@pytest.mark.parametrize("share", ["'1e999'", "'inf'", "'-Infinity'", "'nan'", "1e999"])
def test_non_finite_text_in_a_number_field_is_refused(tmp_path: Path, catalog: Catalog, share: str) -> None:
    path = tmp_path / "ws.yaml"
    path.write_text(STATION.format(share=share))
    record, problems = load_record(path, KINDS["workstation"], catalog)
    assert record is None
    [problem] = problems
    assert (problem.line, problem.column) == (5, 12)
    assert problem.message.startswith("tasks[0].share: must be a finite number, not ")


def test_non_finite_acceptance_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("id: w-1\nacceptance:\n  cobot: 'nan'\n")
    _, problems = load_record(path, KINDS["worker"], catalog)
    assert [str(p) for p in problems] == [f"{path}:3:10: acceptance.cobot: must be a finite number, not 'nan'"]


def test_long_values_are_quoted_short_in_record_messages(tmp_path: Path, catalog: Catalog) -> None:
    long = "x" * 1000  # YAML's longest plain key is 1024 characters
    path = tmp_path / "w.yaml"
    path.write_text(f"id: w-1\n{long}: 1\ncapacities:\n  {long}: 2\navoid_categories: [{long}]\n")
    _, problems = load_record(path, KINDS["worker"], catalog)
    assert problems
    for problem in problems:
        assert problem.line is not None and problem.column is not None
        assert len(problem.message) < 200, problem.message


def test_long_unknown_ids_are_quoted_short(tmp_path: Path, catalog: Catalog) -> None:
    long = "y" * 1000
    path = tmp_path / "w.yaml"
    path.write_text(f"id: w-1\ncapacities:\n  {long}: 2\navoid_categories: [{long}]\n")
    _, problems = load_record(path, KINDS["worker"], catalog)
    assert [(p.line, p.column) for p in problems] == [(3, 3), (4, 20)]
    for problem in problems:
        assert len(problem.message) < 200, problem.message


def test_a_model_that_refuses_infinity_itself_gets_the_same_message() -> None:
    from pydantic import BaseModel, ConfigDict

    from engine.validation import validate_record

    class Strict(BaseModel):
        model_config = ConfigDict(allow_inf_nan=False)
        share: float

    data, smap = parse_yaml("share: '1e999'\n", "f.yaml")
    record, problems = validate_record(Strict, data, smap)
    assert record is None
    assert [str(p) for p in problems] == ["f.yaml:1:8: share: must be a finite number, not '1e999'"]
