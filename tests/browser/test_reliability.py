"""When one student's kernel dies, that page says so and how to recover, and the server goes on
serving everyone else."""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest

from tests.support.server import VoilaServer

pytestmark = pytest.mark.browser


def page_kernel_id(page: Any) -> str:
    return str(
        page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
    )


def test_dead_kernel_is_reported_and_others_still_served(
    page: Any, browser: Any, voila: VoilaServer
) -> None:
    page.goto(voila.url("00-start-here.ipynb"))
    page.locator(".backedu-safety-notice").wait_for()
    assert page.locator(".backedu-connection-lost").count() == 0

    pid = voila.kernel_pid(page_kernel_id(page))
    assert pid is not None, "the page's kernel should be running"
    os.kill(pid, signal.SIGKILL)

    banner = page.locator(".backedu-connection-lost")
    banner.wait_for(timeout=30_000)
    assert banner.get_attribute("role") == "alert"
    assert "Reload the page" in banner.inner_text()

    other = browser.new_page()
    other.goto(voila.url("00-start-here.ipynb"))
    other.locator(".backedu-safety-notice").wait_for()
    assert "It does not diagnose." in other.locator(".backedu-safety-notice").inner_text()
    other.wait_for_timeout(6_000)  # one check interval: a healthy page shows no banner
    assert other.locator(".backedu-connection-lost").count() == 0
    other.close()

    page.get_by_role("button", name="Reload this page").click()
    page.locator(".backedu-safety-notice").wait_for()
    assert page.locator(".backedu-connection-lost").count() == 0
