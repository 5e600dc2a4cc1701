"""Benchmarks of the terminal UI (make bench): cold start to first paint, and edit to updated set-ups.

Both drive the real app headless through Textual's Pilot. The edit benchmark
keeps one app running in an event loop of its own and times, per round, one
level change on the comparison chart (the action its key runs) until the
set-ups table holds the recomputed recommendation, thread worker included.
The time until the screen has also been repainted is kept in extra_info.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from typing import Any

from pytest_benchmark.fixture import BenchmarkFixture
from textual.pilot import Pilot

from tui.app import make_app
from tui.screens.match import MatchScreen
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.levels import ComparisonChart
from tui.widgets.setups import SetupTable

FIRST_PAINT = """
import asyncio, time
t0 = time.perf_counter()
from tui.app import make_app
async def main():
    app = make_app(blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#workers").row_count
        print(time.perf_counter() - t0)
asyncio.run(main())
"""


async def _first_paint() -> int:
    app = make_app(blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        return int(app.screen.query_one("#workers").row_count)  # type: ignore[attr-defined]


def test_cold_start_to_first_paint(benchmark: BenchmarkFixture) -> None:
    """Loading the demo workspace and painting the workspace view (imports warm)."""
    rows = benchmark.pedantic(lambda: asyncio.run(_first_paint()), rounds=5, iterations=1, warmup_rounds=1)
    assert rows == 18
    # Truly cold, in a fresh interpreter (imports included); recorded, not timed by the benchmark.
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT], capture_output=True, text=True, check=True)
    benchmark.extra_info["fresh_interpreter_s"] = round(float(out.stdout.strip().splitlines()[-1]), 3)


class MatchDriver:
    """Runs the app in a thread of its own and performs one edit per request.

    Textual keeps its active app in context variables, so the key presses
    must come from a task that lives inside `run_test`; the benchmark thread
    only hands over requests through a queue.
    """

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.requests: asyncio.Queue[tuple[str, Future[None]] | None] | None = None
        self.ready = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)
        self.setups = 0
        self.painted: list[float] = []
        """Seconds from the edit until the screen was repainted, per round."""

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.requests = asyncio.Queue()
        app = make_app(blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = MatchScreen("w-017", "ws-lamp-assembly")
            await app.push_screen(screen)
            await self._wait_for(pilot, screen, 1)
            screen.query_one("#chart", ComparisonChart).focus()
            level = 1
            self.ready.set()
            chart = screen.query_one("#chart", ComparisonChart)
            start = time.perf_counter()
            while (request := await self.requests.get()) is not None:
                kind, done = request
                if kind == "settle":  # untimed: let the last edit's repaint finish
                    await pilot.pause()
                    self.painted.append(time.perf_counter() - start)
                    done.set_result(None)
                    continue
                level = 2 if level == 1 else 1
                start = time.perf_counter()
                chart.action_step(1 if level == 2 else -1)
                while screen.rec is None or screen.rec.worker.capacity("lifting") != level:
                    await asyncio.sleep(0.0002)
                self.setups = screen.query_one("#setups", SetupTable).row_count
                done.set_result(None)

    @staticmethod
    async def _wait_for(pilot: Pilot[Any], screen: MatchScreen, level: int) -> None:
        while screen.rec is None or screen.rec.worker.capacity("lifting") != level:
            await asyncio.sleep(0.0005)
        await pilot.pause()

    def start(self) -> None:
        self.thread.start()
        assert self.ready.wait(30)

    def _send(self, request: tuple[str, Future[None]] | None) -> None:
        assert self.loop is not None and self.requests is not None
        self.loop.call_soon_threadsafe(self.requests.put_nowait, request)

    def _ask(self, kind: str) -> None:
        done: Future[None] = Future()
        self._send((kind, done))
        done.result(timeout=10)

    def edit(self) -> None:
        """One level change, returning once the set-ups table holds the new result."""
        self._ask("edit")

    def settle(self) -> None:
        """Wait until the screen is repainted (between timed rounds)."""
        self._ask("settle")

    def stop(self) -> None:
        self._send(None)
        self.thread.join(10)


def test_edit_to_updated_setups(benchmark: BenchmarkFixture) -> None:
    """One level change on a demo pair (w-017 x ws-lamp-assembly) until the set-ups are redrawn."""
    driver = MatchDriver()
    driver.start()
    try:
        benchmark.pedantic(driver.edit, setup=driver.settle, rounds=30, iterations=1, warmup_rounds=2)
        assert driver.setups > 0
        painted = sorted(driver.painted[1:])
        benchmark.extra_info["edit_to_repaint_median_ms"] = round(1000 * painted[len(painted) // 2], 1)
    finally:
        driver.stop()
