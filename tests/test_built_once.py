"""tests.built_once: one strategy object per distinct arguments, and the same draws as Hypothesis's own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as hypothesis_strategies

from tests.built_once import _key, st


def test_the_same_arguments_give_the_same_object_and_equal_but_different_values_do_not() -> None:
    assert st.sampled_from([1, 2]) is st.sampled_from([1, 2])
    assert st.lists(st.integers(0, 3), max_size=2) is st.lists(st.integers(0, 3), max_size=2)
    assert st.sampled_from([0, 1]) is not st.sampled_from([False, True])
    assert st.sampled_from([1]) is not st.sampled_from([1.0])
    assert _key((0, (1, 2))) != _key((False, (1, 2.0)))


def test_mutable_values_and_unhashable_arguments_build_anew() -> None:
    assert st.sampled_from([[1], [2]]) is not st.sampled_from([[1], [2]])  # lists handed out as they are
    assert st.sampled_from([(1,), (2,)]) is st.sampled_from([(1,), (2,)])
    assert st.lists(st.integers(), unique_by=lambda v: v) is not st.lists(st.integers(), unique_by=lambda v: v)


def test_composites_are_built_once_per_argument() -> None:
    @st.composite
    def pairs(draw: st.DrawFn, top: int) -> tuple[int, int]:
        return (draw(st.integers(0, top)), top)

    assert pairs(3) is pairs(3) and pairs(3) is not pairs(4)


def _collect(strategy: object) -> list[object]:
    seen: list[object] = []

    @settings(max_examples=30, derandomize=True, database=None, deadline=None)
    @given(strategy)
    def record(value: object) -> None:
        seen.append(value)

    record()
    return seen


def test_draws_equal_those_of_hypothesis_itself() -> None:
    def build(s: object) -> object:
        return s.lists(s.tuples(s.sampled_from(["a", "b"]), s.integers(0, 9)), max_size=4)  # type: ignore[attr-defined]

    assert _collect(build(st)) == _collect(build(hypothesis_strategies))
