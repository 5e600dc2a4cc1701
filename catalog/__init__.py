"""Provides the location of the bundled catalogue and demo workspace (data only)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def catalog_dir() -> Path:
    """The folder holding dimensions.yaml, vocabulary.yaml and tools/."""
    return Path(str(files(__name__)))


def demo_workspace() -> Path:
    """The bundled demo workspace (a maatwerkbedrijf), used when none is given."""
    return catalog_dir() / "demo"
