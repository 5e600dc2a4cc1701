"""Shared fixtures of the TUI tests: apps built by make_app on one loaded catalogue, a writable demo copy, a quiet config home.

Sizes: the behaviour tests run at 80 x 24, the smallest terminal the app supports, where its layout is
tightest (a key or a panel that only works with room to spare fails there). The wide layout (120 x 40)
is covered by the snapshots of every view and by the coach's day in Dutch, which goes wide through the
workspace, a new workstation, a new worker, the match and the export. A wide frame costs Textual about
a sixth more to render.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from catalog import demo_workspace
from engine.loader import Catalog
from tui.app import WerkpostApp, make_app
from tui.screens.export import ExportDialog


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


AppFactory = Callable[..., WerkpostApp]
"""make_app(workspace=None, *, lang=None) with the shared catalogue and no cursor blink."""


@pytest.fixture
def new_app(catalog: Catalog) -> AppFactory:
    """Apps built the way the CLI builds them, on the session's one catalogue (loading it takes ~0.4 s)."""
    return functools.partial(make_app, catalog=catalog, blink=False)


@pytest.fixture
def ws_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo workspace."""
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    return root


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their messages land.

    Rounds of "wait for every worker, then pause" (a worker's result can start another worker),
    until two rounds in a row end with no worker left, at most four. Four rounds always cost 10 s
    of the TUI tests' time in pauses after which nothing was left to wait for.
    """
    app = pilot.app
    assert isinstance(app, WerkpostApp)
    quiet = 0
    for _ in range(4):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            quiet = 0
            continue  # an exclusive worker that a newer edit replaced
        await pilot.pause()
        quiet = quiet + 1 if not app.workers else 0
        if quiet == 2:
            return


async def until(pilot: Pilot[None], condition: Callable[[], bool], tries: int = 200) -> bool:
    """Pause until `condition()` holds (at most `tries` short pauses); whether it holds.

    A notification or a screen that follows a thread worker arrives as a message after the
    worker ends; under load `settle`'s pauses were not always enough for it.
    """
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


async def export_dialog(pilot: Pilot[None], fmt: str) -> ExportDialog:
    """Press `e` on a view that exports and choose the format `fmt` in its dialog."""
    from textual.widgets import Select

    await pilot.press("e")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#format", Select).value = fmt
    await pilot.pause()
    return dialog


async def open_first_worker(pilot: Pilot[None]) -> None:
    """Press enter on the workspace view and wait until the worker view has its level table focused.

    Keys pressed before that land wherever focus happens to be (under load, the
    label field got the "2" meant for a level), so the tests wait for it.
    """
    from textual.widgets import Input

    from tui.screens.worker import WorkerScreen

    await pilot.press("enter")
    for _ in range(200):
        await pilot.pause()
        focused = pilot.app.focused
        if isinstance(pilot.app.screen, WorkerScreen) and focused is not None and not isinstance(focused, Input):
            break
    await settle(pilot)
