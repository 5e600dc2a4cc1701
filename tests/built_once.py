"""Provides `st`: Hypothesis's strategies, each built once per distinct arguments and reused.

Hypothesis works out a strategy object's properties (is it empty, can its values be reused,
is it valid) the first time it is drawn from, walking the whole strategy tree. Composite
strategies that call `st.sampled_from(...)`, `st.lists(...)` or another composite inside
every draw made a new tree each time: in the engine's property tests that cost more than
the tests themselves (10.8 of 12 s in one search property). Built once, the same strategies
draw exactly the same values: a strategy's draws depend on its arguments, not on which
object it is.

Use it in place of `from hypothesis import strategies as st`. Arguments that cannot be a
dictionary key (a fresh lambda is, but never equal to the next one) simply build anew.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as _hypothesis_strategies

_NOT_BUILT = ("data", "DrawFn", "SearchStrategy", "register_type_strategy", "runner", "shared", "just")
"""Names passed through untouched: not strategy factories, meant to differ per call, or (`just`) handing
out the very object it was given."""


def _key(value: Any, top: bool = True) -> Any:
    """A key for one argument that tells 0 from False and 1 from 1.0 (equal in Python, different draws).

    An argument's own list (`sampled_from([...])`) is read by content. A mutable value inside it
    raises TypeError: Hypothesis hands such values out as they are, and two call sites with equal
    lists must not come to share (and mutate) one object.
    """
    if isinstance(value, tuple) or (top and isinstance(value, list)):
        return (type(value), tuple(_key(item, False) for item in value))
    if isinstance(value, frozenset):
        return (frozenset, frozenset(_key(item, False) for item in value))
    if isinstance(value, (list, dict, set, bytearray)):
        raise TypeError("a mutable value")
    hash(value)  # TypeError for anything else that is no key
    return (type(value), value)


def _once(factory: Callable[..., Any]) -> Callable[..., Any]:
    """`factory`, remembering what it built for each distinct set of arguments."""
    built: dict[Any, Any] = {}

    def build(*args: Any, **kwargs: Any) -> Any:
        try:
            key = (tuple(_key(arg) for arg in args), tuple((name, _key(arg)) for name, arg in sorted(kwargs.items())))
            return built[key]
        except KeyError:
            made = built[key] = factory(*args, **kwargs)
            return made
        except TypeError:  # an argument that is no key
            return factory(*args, **kwargs)

    build.__name__ = getattr(factory, "__name__", "strategy")
    build.__doc__ = factory.__doc__
    return build


class _BuiltOnce:
    """The strategies module, with factories (and the composites made by `composite`) built once."""

    def __getattr__(self, name: str) -> Any:
        real = getattr(_hypothesis_strategies, name)
        if name == "composite":
            made: Any = lambda fn: _once(real(fn))  # noqa: E731
        elif name in _NOT_BUILT or not callable(real):
            made = real
        else:
            made = _once(real)
        setattr(self, name, made)  # looked up once per name
        return made


st: Any = _BuiltOnce()
