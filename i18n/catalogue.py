"""Provides the message catalogues: one YAML file per language (plus topic files), read once at import.

A catalogue is a nested mapping; a message's key is its path joined with dots
(`tui.best_workstations`, `sheet.title`). A message is a string with
`str.format` fields, or for a count a mapping of CLDR plural categories
(`one`, `other`) chosen with Babel's plural rules of the language.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from typing import Any

import yaml
from babel import Locale

from engine.models import LANGS

Message = str | dict[str, str]
"""A plain message, or its forms by plural category."""

LANGUAGES: tuple[str, ...] = LANGS
"""The languages of werkpost, defined once by the domain (texts in the catalogue carry them too)."""


def _flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Message]:
    out: dict[str, Message] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and not _is_plural(value):
            out.update(_flatten(value, path + "."))
        elif isinstance(value, Mapping):
            out[path] = {str(k): str(v) for k, v in value.items()}
        else:
            out[path] = str(value)
    return out


def _is_plural(value: Mapping[str, Any]) -> bool:
    # "other" is the one category every CLDR language has: it marks a plural message.
    return "other" in value and all(isinstance(v, str) for v in value.values())


# libyaml's loader when it is there: the catalogues are read at every start-up, and the
# pure-Python parser made that a third of `werkpost recommend`'s run time.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a safe loader, C or Python: never the full one


def _load(lang: str) -> tuple[dict[str, Message], dict[str, str]]:
    # One main file per language, plus any number of topic files in `messages/<lang>/`
    # (one per feature, so that features do not all edit one long file). A key
    # defined twice is a mistake that must not pass silently.
    messages = files("i18n").joinpath("messages")
    raw = _read(messages.joinpath(f"{lang}.yaml").read_text(encoding="utf-8"))
    meta = raw.pop("language")
    flat = _flatten(raw)
    topics = messages.joinpath(lang)
    if topics.is_dir():
        for topic in sorted(topics.iterdir(), key=lambda t: t.name):
            if not topic.name.endswith(".yaml"):
                continue
            extra = _flatten(_read(topic.read_text(encoding="utf-8")) or {})
            twice = sorted(set(extra) & set(flat))
            if twice:
                raise ValueError(f"i18n/messages/{lang}/{topic.name} defines keys again: {', '.join(twice)}")
            flat.update(extra)
    return flat, {"name": str(meta["name"]), "locale": str(meta["locale"])}


_CATALOGUES: dict[str, dict[str, Message]] = {}
_META: dict[str, dict[str, str]] = {}
for _lang in LANGUAGES:
    _CATALOGUES[_lang], _META[_lang] = _load(_lang)

LANG_NAMES: dict[str, str] = {lang: _META[lang]["name"] for lang in LANGUAGES}
"""Each language in its own words, for the language pickers."""


def locale_of(lang: str) -> str:
    """The Babel locale of a language (English for an unknown one)."""
    return _META.get(lang, _META["en"])["locale"]


def message_keys(lang: str) -> set[str]:
    """Every key of a language's catalogue (for the completeness tests)."""
    return set(_CATALOGUES[lang])


def _lookup(key: str, lang: str) -> Message:
    # A key missing in Dutch falls back to English (a test keeps that from shipping);
    # a key missing everywhere is a programming error and raises KeyError.
    catalogue = _CATALOGUES.get(lang, _CATALOGUES["en"])
    return catalogue[key] if key in catalogue else _CATALOGUES["en"][key]


def text(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang`, with `values` filled in."""
    message = _lookup(key, lang)
    if isinstance(message, dict):
        raise TypeError(f"{key} is a plural message: use plural()")
    return message.format(**values) if values else message


def plural(key: str, count: int, lang: str, **values: object) -> str:
    """The plural message `key` for `count` in `lang`; `{n}` is the count."""
    message = _lookup(key, lang)
    if isinstance(message, str):
        raise TypeError(f"{key} is not a plural message: use text()")
    category = Locale.parse(locale_of(lang)).plural_form(count)
    form = message.get(category, message["other"])
    return form.format(n=count, **values)
