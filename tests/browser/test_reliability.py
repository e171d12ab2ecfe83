"""When one student's kernel dies, that page says so and how to recover, and the server goes on
serving everyone else."""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support import PATIENCE
from tests.support.browser import page_kernel_id
from tests.support.server import VoilaServer

pytestmark = pytest.mark.browser


def assert_found_alive(page: Any) -> None:
    """Wait for the page's own check (every few seconds) to find its kernel alive; then no banner
    may show."""
    alive = f"/backedu/api/alive/{page_kernel_id(page)}"
    with page.expect_response(lambda r: alive in r.url, timeout=PATIENCE * 1000) as check:
        pass
    assert check.value.status == 200
    assert page.locator(".backedu-connection-lost").count() == 0


def test_dead_kernel_is_reported_and_others_still_served(
    page: Any, browser: Any, voila: VoilaServer
) -> None:
    page.goto(voila.url("00-start-here.ipynb"))
    page.locator(".backedu-safety-notice").wait_for()

    pid = voila.kernel_pid(page_kernel_id(page))
    assert pid is not None, "the page's kernel should be running"
    os.kill(pid, signal.SIGKILL)

    banner = page.locator(".backedu-connection-lost")
    expect(banner).to_have_attribute("role", "alert", timeout=PATIENCE * 1000)
    expect(banner).to_contain_text("Reload the page")

    other = browser.new_page()
    other.goto(voila.url("00-start-here.ipynb"))
    expect(other.locator(".backedu-safety-notice")).to_contain_text("It does not diagnose.")
    assert_found_alive(other)
    other.close()

    page.get_by_role("button", name="Reload this page").click()
    expect(page.locator(".backedu-connection-lost")).to_have_count(0)  # a new page
    assert_found_alive(page)
