"""The landing lesson in a real browser: it renders, is accessible, and its links work."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.browser import axe_violations, describe, page_kernel_id
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


def test_leaving_a_page_stops_its_kernel(page: Any, voila_without_culling: VoilaServer) -> None:
    """The page's own shutdown request on leaving stops its kernel, ten times in a row.

    The server never culls (``voila_without_culling``): the request is the only way these kernels
    can stop, so a broken request fails here instead of being rescued by the culler a minute
    later. (It needs ``disable_check_xsrf``, see README; culling has its own test in
    tests/http/test_kernels.py.)
    """
    server = voila_without_culling
    server.wait_for_the_pool()
    for _ in range(10):
        page.goto(server.url("00-start-here.ipynb"))
        page.locator(".backedu-safety-notice").wait_for()
        kernel_id = page_kernel_id(page)
        assert kernel_id in server.kernel_ids(), "the page has a kernel of its own"
        page.goto("about:blank")  # leaving fires beforeunload, like closing the tab
        server.wait_until_gone([kernel_id])
    server.wait_for_the_pool()  # and a fresh kernel waits for the next student
    assert "Culling" not in server.log()  # jupyter_server's word when it culls a kernel
