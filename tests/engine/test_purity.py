"""The engine and the catalogue import no UI and no PDF code (checked in a fresh interpreter)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import engine

FORBIDDEN = ("textual", "fpdf", "tui", "sheets", "rich", "pypdf")


def test_engine_and_catalog_are_headless() -> None:
    modules = ["catalog"] + [f"engine.{m.name}" for m in pkgutil.iter_modules(engine.__path__)]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"engine imports {out.stdout.strip()}"
    assert len(modules) > 8
