"""The static site in Debian's Chromium, served by a plain file server on loopback.

Each page: nothing requested off the origin, the text readable before Python, axe clean, no
console errors. The probe page's widgets (the route the real lessons will take) are used once.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations, describe
from tests.support.static_site import ROOT, StaticServer

pytestmark = pytest.mark.browser

LESSONS = sorted(path.stem for path in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
FINAL_STATES = "['ready', 'failed', 'read-only']"


def boot_state(page: Any) -> str:
    return page.locator("#backedu-boot").get_attribute("data-state")


def wait_until_settled(page: Any) -> str:
    page.wait_for_function(
        f"() => {FINAL_STATES}.includes(document.getElementById('backedu-boot').dataset.state)",
        timeout=120_000,
    )
    return boot_state(page)


def assert_clean(page: Any) -> None:
    assert page.off_origin.blocked == [], "requests off the origin"
    assert page.off_origin.seen_elsewhere == [], "requests off the origin (outside routing)"
    assert page.console_log.errors == []
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_page_reads_at_once_and_is_clean(
    site_page: Any, static_site: StaticServer, lesson: str
) -> None:
    site_page.goto(static_site.url(f"{lesson}.html"), wait_until="domcontentloaded")
    # Text and the emergency advice are there in the HTML, before any script has run.
    expect(site_page.locator("#rendered_cells h1").first).to_be_visible()
    expect(site_page.locator(".backedu-safety-notice").first).to_be_visible()
    expect(site_page.locator(".backedu-safety-notice").first).to_contain_text("999")
    expect(site_page.locator("[role=status]#backedu-boot")).to_be_visible()
    state = wait_until_settled(site_page)
    assert state in ("ready", "read-only")
    assert_clean(site_page)


def test_probe_page_boots_python_and_its_widgets_work(
    site_page: Any, static_site: StaticServer
) -> None:
    page = site_page
    page.goto(static_site.url("probe.html"), wait_until="domcontentloaded")
    # Before Python: the build-time notice and a placeholder, and a status with progress.
    expect(page.locator(".backedu-prerendered .backedu-probe-notice")).to_be_visible()
    expect(page.locator(".backedu-pending")).to_be_visible()
    expect(page.locator("#backedu-boot progress")).to_be_attached()

    assert wait_until_settled(page) == "ready"
    expect(page.locator("#backedu-boot")).to_contain_text("ready")
    # The live output replaced the build-time copy: shown once, placeholder gone.
    expect(page.locator(".backedu-probe-notice")).to_have_count(1)
    expect(page.locator(".backedu-prerendered")).to_have_count(0)
    expect(page.locator(".backedu-pending")).to_have_count(0)

    probe = page.locator(".backedu-probe")
    probe.get_by_label("I have read the notice").check()
    expect(probe.get_by_role("status").first).to_have_text("Ticked.")
    probe.get_by_role("button", name="Count").click()
    expect(probe.get_by_text("Pressed 1 times.")).to_be_visible()
    link = probe.get_by_role("link", name="Download my note")
    href = link.get_attribute("href")
    assert href.startswith("data:text/plain")
    assert "is ticked" in base64.b64decode(href.split(",", 1)[1]).decode()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "probe-note.txt"

    marks = page.evaluate("backeduBoot.marks()")
    order = ["text", "python-start", "python-packages", "python-imports", "cells-start", "ready"]
    assert all(name in marks for name in order), marks
    assert [marks[name] for name in order] == sorted(marks[name] for name in order), marks
    assert_clean(page)


def test_browser_without_webassembly_gets_a_plain_message(
    site_page: Any, static_site: StaticServer
) -> None:
    page = site_page
    page.add_init_script("delete window.WebAssembly;")
    page.goto(static_site.url("probe.html"))
    assert wait_until_settled(page) == "failed"
    expect(page.locator("#backedu-boot")).to_contain_text("cannot run the activities")
    expect(page.locator("#backedu-boot")).to_contain_text("worksheets")
    expect(page.locator("#rendered_cells h1")).to_be_visible()
    expect(page.locator(".backedu-probe-notice")).to_be_visible()  # the build-time copy stays
    page.wait_for_timeout(500)
    assert not any("pyodide" in url or "voici.js" in url for url in page.off_origin.served)
    assert_clean(page)


def test_front_door_opens_the_start_page(site_page: Any, static_site: StaticServer) -> None:
    site_page.goto(static_site.origin + "/")
    expect(site_page).to_have_url(static_site.url("00-start-here.html"))
