"""Provides usage errors in the user's language: argparse's own messages and werkpost's argument types.

A usage error is printed before any command runs, so its language comes from
the command line itself (`usage_lang`): --lang, else the `lang` setting of
the workspace the command names (--workspace DIR, or a folder given as an
argument, as `tui` and `validate` take), else English.

argparse words its messages through a module-level gettext function `_`
(its documented hook for translations, normally fed by compiled .mo files).
`speaking(lang)` points that hook at the i18n catalogue while the command
line is parsed, so "usage:", "invalid choice" and "the following arguments
are required" come out in Dutch with the same catalogue as the rest of the
CLI. The `-h` help page speaks it too: the parser is built inside `speaking`,
so the help texts (`helped`) and argparse's own words ("options:", "show this
help message and exit", which argparse words when a parser is made) come from
the catalogue in the command line's language.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from engine.models import LANGS
from engine.persist import SETTINGS_FILE, is_bundled, load_settings
from i18n import text

ARGPARSE_MESSAGES: dict[str, tuple[str, dict[str, str]]] = {
    "usage: ": ("cli.usage.prefix", {}),
    "%(prog)s: error: %(message)s\n": ("cli.usage.error", {"prog": "%(prog)s", "message": "%(message)s"}),
    "argument %(argument_name)s: %(message)s": (
        "cli.usage.argument", {"argument": "%(argument_name)s", "message": "%(message)s"}),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "cli.usage.invalid_choice", {"value": "%(value)r", "choices": "%(choices)s"}),
    "invalid %(type)s value: %(value)r": ("cli.usage.invalid_value", {"value": "%(value)r"}),
    "the following arguments are required: %s": ("cli.usage.required", {"names": "%s"}),
    "unrecognized arguments: %s": ("cli.usage.unrecognized", {"args": "%s"}),
    "expected one argument": ("cli.usage.expected_one", {}),
    "expected at most one argument": ("cli.usage.expected_at_most_one", {}),
    "expected at least one argument": ("cli.usage.expected_at_least_one", {}),
    "ignored explicit argument %r": ("cli.usage.ignored_explicit", {"value": "%r"}),
    "not allowed with argument %s": ("cli.usage.not_allowed_with", {"other": "%s"}),
    "one of the arguments %s is required": ("cli.usage.one_of_required", {"names": "%s"}),
    "ambiguous option: %(option)s could match %(matches)s": (
        "cli.usage.ambiguous", {"option": "%(option)s", "matches": "%(matches)s"}),
    "unexpected option string: %s": ("cli.usage.unexpected_option", {"option": "%s"}),
    "show this help message and exit": ("help.argparse.help", {}),
    "options": ("help.argparse.options", {}),
    "positional arguments": ("help.argparse.positional", {}),
}
"""argparse's English templates (Python 3.11+) -> the catalogue key and the %-spec that fills each field.

The catalogue words a message with `str.format` fields like every other
message; filling each field with argparse's own %-spec gives back a template
argparse can fill. Templates not listed (programming errors such as a
conflicting option string) stay English: a user never sees them.
"""

_lang = "en"
"""The language usage errors are said in; set only by `speaking` (a CLI parses one command line at a time)."""


def say(key: str, **values: object) -> str:
    """The usage message `key` in the language of the command line being parsed."""
    return text(key, _lang, **values)


def helped(key: str, **values: object) -> str:
    """The help text `key` (an option's or a command's) in the language of the command line, ready for argparse.

    argparse fills a help text with `%`: a literal % (as in "60%") is doubled.
    """
    return text(key, _lang, **values).replace("%", "%%")


def _translate(message: str) -> str:
    known = ARGPARSE_MESSAGES.get(message)
    if known is None or _lang == "en":
        return message
    key, specs = known
    # A literal % in the Dutch wording would be read by argparse's `%` as a spec: double it first.
    return text(key, _lang).replace("%", "%%").format(**specs)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """While inside, argparse's messages and werkpost's argument types speak `lang`."""
    global _lang
    hook: Callable[[str], str] = argparse._  # type: ignore[attr-defined]
    before = _lang
    _lang = lang if lang in LANGS else "en"
    argparse._ = _translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = hook  # type: ignore[attr-defined]
        _lang = before


def _option_value(argv: Sequence[str], option: str) -> str | None:
    """The value of `option` written as `--opt VALUE` or `--opt=VALUE`; the last one wins, as in argparse."""
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == option and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith(option + "="):
            found = arg[len(option) + 1:]
    return found


def usage_lang(argv: Sequence[str]) -> str:
    """The language of the command line's usage errors: --lang, else the named workspace's setting, else en."""
    chosen = _option_value(argv, "--lang")
    if chosen in LANGS:
        return chosen
    named = _option_value(argv, "--workspace")
    # `tui WORKSPACE` and `validate PATH...` name their folder as an argument: any folder holding settings counts.
    folders = [named] if named else [arg for arg in argv if not arg.startswith("-")]
    for folder in folders:
        path = Path(folder)
        try:
            # The bundled demo's output follows its packaged settings (no lang), as the loader reads them.
            if is_bundled(path) or not (path / SETTINGS_FILE).is_file():
                continue
        except OSError:  # a name too long or unreadable is the command's problem, reported when it runs
            continue
        settings, _ = load_settings(path)
        return settings.lang or "en"
    return "en"
