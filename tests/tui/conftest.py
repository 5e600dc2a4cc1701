"""Shared fixtures of the TUI tests: a writable copy of the demo workspace and a quiet config home."""

from __future__ import annotations

import asyncio
import functools
import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

import tui.app
from catalog import demo_workspace
from engine.loader import Catalog, load_workspace
from tui.app import WerkpostApp


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (Pilot needs one; no asyncio plugin required)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings of the bundled demo go to a temporary folder, never to the tester's home."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    yield home


@pytest.fixture(autouse=True)
def shared_catalog(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app in the tests uses one loaded catalogue: loading it takes ~0.4 s a time."""
    monkeypatch.setattr(tui.app, "load_workspace", functools.partial(load_workspace, catalog=catalog))


@pytest.fixture
def ws_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo workspace."""
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    return root


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their messages land."""
    app = pilot.app
    assert isinstance(app, WerkpostApp)
    for _ in range(4):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue  # an exclusive worker that a newer edit replaced
        await pilot.pause()
