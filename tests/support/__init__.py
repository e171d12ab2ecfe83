"""Helpers shared by the test suites: a real Voilà server, kernel counting, axe-core, and the two
ways a test waits: for a coroutine to finish, or for a state to come about."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

_T = TypeVar("_T")

# How long a test waits for a state before it calls it "never". Patience, not a promise of
# speed: a healthy run reaches each state long before, a busy machine may take a while, and a
# broken feature never gets there. Speed has its own promises, in `make bench`.
PATIENCE = 180.0  # seconds


def wait_until(
    condition: Callable[[], _T],
    what: str | Callable[[], str],
    *,
    timeout: float = PATIENCE,
    interval: float = 0.25,
) -> _T:
    """Call ``condition`` until it returns something true, and return that.

    After ``timeout`` seconds the test fails with ``what`` (a description, or a function that
    describes the state as it is then).
    """
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            description = what() if callable(what) else what
            raise AssertionError(f"not within {timeout:g} s: {description}")
        time.sleep(interval)


def run_async(coroutine: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coroutine`` to the end on a thread of its own.

    Playwright's sync API keeps an event loop running on the test thread once a browser is up,
    and ``asyncio.run`` refuses to start inside a running loop.
    """
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # handed back to the caller below
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]  # type: ignore[no-any-return]
