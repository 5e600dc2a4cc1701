"""The parse memory of engine.yamlio: answers equal a fresh parse, belong to the caller, and never hide a change."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

import engine.models
from engine import yamlio
from engine.errors import InputError
from engine.yamlio import parse_yaml, read_yaml

TEXT = "id: w-1\ncapacities:\n  lifting: 2\n  vision: 3\ntags: [a, b]\n"


def test_a_remembered_parse_equals_a_fresh_one_and_belongs_to_the_caller() -> None:
    first, first_map = parse_yaml(TEXT, "a.yaml")
    first["capacities"]["lifting"] = 99  # the caller's own copy
    first["tags"].append("c")
    first_map.values[("id",)] = (50, 50)
    again, again_map = parse_yaml(TEXT, "a.yaml")
    fresh, fresh_map = yamlio._parse(TEXT, "a.yaml", allow_empty=False)
    assert again == fresh == {"id": "w-1", "capacities": {"lifting": 2, "vision": 3}, "tags": ["a", "b"]}
    assert again_map.values == fresh_map.values and again_map.keys == fresh_map.keys
    assert again_map.values[("capacities", "vision")] == (4, 11)
    assert again is not first and again["capacities"] is not first["capacities"]


def test_the_path_names_the_file_and_allow_empty_is_part_of_the_question() -> None:
    _, a = parse_yaml(TEXT, "a.yaml")
    _, b = parse_yaml(TEXT, "b.yaml")  # the same text in another file: remembered, under its own name
    assert (a.path, b.path) == ("a.yaml", "b.yaml") and a.values == b.values
    assert str(b.problem(("capacities", "vision"), "x")) == "b.yaml:4:11: x"
    assert parse_yaml("", "e.yaml", allow_empty=True)[0] is None
    with pytest.raises(InputError, match="empty"):
        parse_yaml("", "e.yaml")


def test_a_broken_document_is_parsed_again_every_time() -> None:
    broken = "id: w-1\nid: w-2\n"
    problems = []
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            parse_yaml(broken, "x.yaml")
        problems.append(caught.value.problems)
    assert [str(p) for p in problems[0]] == [str(p) for p in problems[1]] == ["x.yaml:2:1: duplicate key 'id'"]
    assert problems[0][0] is not problems[1][0]


def test_a_changed_file_is_read_anew(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert read_yaml(path)[0]["capacities"]["lifting"] == 2
    path.write_text(TEXT.replace("lifting: 2", "lifting: 4"), encoding="utf-8")
    assert read_yaml(path)[0]["capacities"]["lifting"] == 4


def test_the_memory_keeps_at_most_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "PARSED_KEPT", 3)
    monkeypatch.setattr(yamlio, "_parsed", type(yamlio._parsed)())
    for i in range(5):
        parse_yaml(f"n: {i}\n", "n.yaml")
    assert [key[0] for key in yamlio._parsed] == ["n: 2\n", "n: 3\n", "n: 4\n"]  # the oldest went
    parse_yaml("n: 2\n", "n.yaml")  # used again: now the newest
    parse_yaml("n: 5\n", "n.yaml")
    assert [key[0] for key in yamlio._parsed] == ["n: 4\n", "n: 2\n", "n: 5\n"]  # n: 3 was the oldest


def _records(cls: type[BaseModel]) -> list[type[BaseModel]]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in _records(child))]


def test_every_record_kind_refuses_infinity_and_nan() -> None:
    kinds = _records(engine.models.Record)
    assert len(kinds) > 10
    assert all(kind.model_config.get("allow_inf_nan") is False for kind in kinds)


def test_what_is_kept_reads_back_equal_and_what_marshal_cannot_hold_is_not_kept() -> None:
    import datetime

    data = {"a": [1, 2.5, None, True, "x" * 10], "b": {"c": 10**40}}
    kept = yamlio._kept(data)
    assert kept is not None
    copy = yamlio.marshal.loads(kept)
    assert copy == data and copy is not data and copy["b"] is not data["b"]
    assert [type(v) for v in copy["a"]] == [int, float, type(None), bool, str]
    assert yamlio._kept({"when": datetime.date(2026, 1, 1)}) is None  # answered by parsing again, never wrongly
