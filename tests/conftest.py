"""Shared fixtures: the bundled catalogue and demo workspace, loaded once."""

from __future__ import annotations

import pytest

from engine.loader import Catalog, Workspace, load_catalog, load_workspace


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled catalogue."""
    return load_catalog()


@pytest.fixture(scope="session")
def demo(catalog: Catalog) -> Workspace:
    """The bundled demo workspace."""
    return load_workspace(catalog=catalog)
