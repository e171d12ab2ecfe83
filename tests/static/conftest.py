"""The static site, built once (or reused while its inputs are unchanged) and served on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ARTIFACTS, ConsoleLog
from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.static_site import (
    RESOLVE_NOTHING_ELSE,
    ROOT,
    TEST_REGION,
    TEST_SITE,
    OffOrigin,
    StaticServer,
    serving,
)

DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def static_build() -> Any:
    """The report of building the site from the repository's notebooks and content: the same
    build as `make static`, in a folder of its own (reused while nothing it is built from
    changed)."""
    from backedu.publish.build import build_site

    return build_site(
        TEST_SITE, region=TEST_REGION, notebooks=ROOT / "notebooks", log=lambda _: None
    )


@pytest.fixture(scope="session")
def static_site(static_build: Any) -> Iterator[StaticServer]:
    with serving(TEST_SITE) as server:
        yield server


@pytest.fixture(scope="session")
def isolated_browser(playwright: Any) -> Iterator[Any]:
    """Chromium that resolves no host name but 127.0.0.1 (from the session's one Playwright)."""
    browser = playwright.chromium.launch(
        executable_path=chromium_path(), args=[*CHROMIUM_ARGS, RESOLVE_NOTHING_ELSE]
    )
    yield browser
    browser.close()


def open_site_page(browser: Any, server: StaticServer) -> tuple[Any, Any]:
    """A fresh context and page on ``server``'s site: ``page.off_origin.blocked`` lists what
    tried to leave the origin (every such request is aborted), ``page.console_log.errors`` the
    console errors."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", accept_downloads=True)
    context.set_default_timeout(90_000)
    off_origin = OffOrigin(server.origin)
    context.route("**/*", off_origin.route)
    context.on("request", off_origin.on_request)
    page = context.new_page()
    log = ConsoleLog()
    page.on("console", log.on_console)
    page.on("pageerror", log.on_page_error)
    page.console_log = log
    page.off_origin = off_origin
    return context, page


@pytest.fixture
def site_page(
    isolated_browser: Any, static_site: StaticServer, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """A fresh page on the site (see ``open_site_page``); a screenshot in test-artifacts/ if the
    test fails."""
    context, page = open_site_page(isolated_browser, static_site)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
