"""The landing lesson in a real browser: it renders, is accessible, and its links work."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.browser import axe_violations, describe
from tests.support.server import VoilaServer

pytestmark = pytest.mark.browser


def test_landing_shows_the_notice_first_and_passes_axe(page: Any, voila: VoilaServer) -> None:
    page.goto(voila.url("00-start-here.ipynb"))
    notice = page.locator(".backedu-safety-notice")
    notice.wait_for()
    assert "It does not diagnose." in notice.inner_text()
    assert "999" in notice.inner_text()
    assert page.locator("html").get_attribute("lang")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert page.console_log.errors == []


def test_landing_links_open_each_lesson(page: Any, voila: VoilaServer) -> None:
    from backedu.content import course

    page.goto(voila.url("00-start-here.ipynb"))
    page.locator(".backedu-safety-notice").wait_for()
    for lesson in course().lessons[1:]:
        link = page.locator(f"#rendered_cells a[href='{lesson.notebook}']").first
        link.click()
        page.wait_for_url(f"**/voila/render/{lesson.notebook}")
        page.locator(".backedu-safety-notice").wait_for()
        page.go_back()
        page.locator(".backedu-safety-notice").wait_for()
    assert page.console_log.errors == []


def test_leaving_a_page_returns_its_kernel(page: Any, voila: VoilaServer) -> None:
    """20 page views opened and closed: the server is back to its preheated pool.

    Leaving a page sends a shutdown request (needs disable_check_xsrf, see README); culling is the
    backstop, so the deadline is one idle timeout plus one cull interval, with room for the
    preheated pool to refill.
    """
    from tests.support.server import CULL_IDLE_TIMEOUT, CULL_INTERVAL

    assert voila.wait_for_kernels(voila.pool_size, timeout=60) == voila.pool_size
    for _ in range(20):
        page.goto(voila.url("00-start-here.ipynb"))
        page.locator(".backedu-safety-notice").wait_for()
        page.goto("about:blank")  # leaving fires beforeunload, like closing the tab
    # One idle timeout and one cull pass, plus time for the pool to refill on a busy machine.
    deadline = CULL_IDLE_TIMEOUT + CULL_INTERVAL + 20
    assert voila.wait_for_kernels(voila.pool_size, timeout=deadline) == voila.pool_size
