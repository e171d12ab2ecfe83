"""Fixtures shared by every suite. Servers and browsers start once per test session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.server import NOTEBOOKS, VoilaServer, running_voila

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
BROWSER_PATIENCE_MS = 60_000  # how long a page may take to show what a test waits for


def pytest_configure(config: pytest.Config) -> None:
    # On a busy 2-core machine a kernel can take seconds to answer a click; Playwright's 5 s
    # default for `expect` fails tests a patient student would pass. A timeout is patience, not
    # a promise of speed (that is `make bench`): assertions stay the same, and a page that shows
    # the awaited state passes at once.
    from playwright.sync_api import expect

    expect.set_options(timeout=BROWSER_PATIENCE_MS)


@pytest.fixture(scope="session")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """The real Voilà server with backedu/voila.json, on a free port."""
    with running_voila(tmp_path_factory.mktemp("voila")) as server:
        yield server


@pytest.fixture(scope="session")
def voila_without_culling(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """The real server serving the landing lesson alone, with culling off: a kernel stops only
    when its page asks (the shutdown request a page sends on leaving), never because it was idle,
    so a test of that request cannot be rescued by the culler."""
    folder = tmp_path_factory.mktemp("voila-no-cull")
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    shutil.copy(NOTEBOOKS / "00-start-here.ipynb", notebooks)
    with running_voila(folder, notebooks=notebooks, culling=False) as server:
        yield server


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright for the whole test session: its sync API runs an event loop on the test
    thread, and a second one started beside it refuses to run. Every browser comes from here."""
    if chromium_path() is None:
        pytest.skip("no Chromium found: run `make browser`, or set BACKEDU_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


class ConsoleLog:
    """Errors the page printed to the browser console, or threw."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def on_page_error(self, error: Any) -> None:
        self.errors.append(str(error))


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser page; its console errors are in ``page.console_log.errors``.

    On failure a screenshot is saved in test-artifacts/ to look at.
    """
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    context.set_default_timeout(BROWSER_PATIENCE_MS)
    new_page = context.new_page()
    log = ConsoleLog()
    new_page.on("console", log.on_console)
    new_page.on("pageerror", log.on_page_error)
    new_page.console_log = log
    yield new_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        new_page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
