"""A class run in Debian's Chromium against `backedu class` the static way: a few students open the
first lesson, whose Python runs in their browsers; each page says it is in the class; their quiz
answers reach the teacher dashboard, which fills in by itself; every page is axe clean and no
request leaves the class server. The same site from a plain web server records nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from backedu.classroom.store import ClassStore
from backedu.content import course
from tests.conftest import ConsoleLog
from tests.support.browser import axe_violations, describe
from tests.support.class_server import ClassServer, class_notebooks, running_class
from tests.support.class_site import FIRST_LESSON, built_test_site
from tests.support.static_site import PAGE_DIR, OffOrigin, serving

pytestmark = pytest.mark.browser

STUDENTS = 3
QUIZ = ".backedu-quiz"
FIRST_QUIZ = {
    " ".join(q.prompt.split()): q for q in course().questions if q.lesson == "what-is-a-spasm"
}
READY = (
    "() => ['ready', 'failed', 'read-only']"
    ".includes(document.getElementById('backedu-boot').dataset.state)"
)


@pytest.fixture(scope="module")
def site() -> Path:
    return built_test_site()


@pytest.fixture(scope="module")
def class_server(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Iterator[ClassServer]:
    tmp = tmp_path_factory.mktemp("class-site")
    notebooks = class_notebooks(tmp / "notebooks")
    with running_class(tmp, notebooks, db=tmp / "class.sqlite3", site=site) as running:
        yield running


def new_page(browser: Any, origin: str) -> Any:
    """A page that may reach ``origin`` only; its console errors and stray requests are kept."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    context.set_default_timeout(120_000)
    off_origin = OffOrigin(origin)
    context.route("**/*", off_origin.route)
    context.on("request", off_origin.on_request)
    page = context.new_page()
    page.console_log = ConsoleLog()
    page.on("console", page.console_log.on_console)
    page.on("pageerror", page.console_log.on_page_error)
    page.off_origin = off_origin
    return page


def open_lesson(page: Any, origin: str) -> None:
    page.goto(f"{origin}/{PAGE_DIR}/{FIRST_LESSON}.html", wait_until="domcontentloaded")
    page.wait_for_function(READY, timeout=180_000)
    state = page.locator("#backedu-boot").get_attribute("data-state")
    if state != "ready":
        pytest.fail(f"the first lesson's Python did not start in the browser (state {state!r})")


def answer_first_question(page: Any) -> None:
    """Answer the question on screen with its right answer, as a student clicks."""
    page.locator(f"{QUIZ} .backedu-quiz-choice").first.wait_for()
    prompt = page.locator(f"{QUIZ} .backedu-quiz-prompt strong").first.inner_text()
    question = FIRST_QUIZ[" ".join(prompt.split())]
    for choice in question.choices:
        if choice.correct:
            page.locator(f"{QUIZ} .backedu-quiz-choices").get_by_label(
                choice.text, exact=True
            ).check()
    page.locator(QUIZ).get_by_role("button", name="Check my answer", exact=True).click()
    expect(page.locator(f"{QUIZ} .backedu-quiz-verdict")).to_be_visible()


def assert_clean(page: Any) -> None:
    assert page.off_origin.blocked == [] and page.off_origin.seen_elsewhere == []
    assert page.console_log.errors == []
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_a_class_in_the_browser_fills_the_dashboard(
    browser: Any, class_server: ClassServer
) -> None:
    origin = class_server.server.base_url
    dashboard = new_page(browser, origin)
    dashboard.goto(f"{origin}/teacher")
    dashboard.locator(".backedu-dashboard-login input[type=password]").fill(class_server.pin)
    dashboard.get_by_role("button", name="Open the class view").click()
    dashboard.get_by_text("No answers yet").wait_for()

    for number in range(1, STUDENTS + 1):  # one page at a time: 2 cores
        page = new_page(browser, origin)
        try:
            open_lesson(page, origin)
            note = page.locator(".backedu-class-mode")
            expect(note).to_contain_text("Class mode is on.")
            expect(note).to_contain_text(f"Class code: {class_server.session}.")
            expect(note).to_contain_text("not the symptoms you tick")
            answer_first_question(page)
            results = dashboard.locator(".backedu-dashboard-results")
            expect(results).to_contain_text(f"{number} student", timeout=30_000)
            assert_clean(page)
        finally:
            page.context.close()

    with ClassStore.open(class_server.db) as store:
        rows = store.responses(class_server.session)
    assert len({r.view for r in rows}) == STUDENTS and all(r.correct for r in rows)
    assert_clean(dashboard)
    dashboard.context.close()


def test_the_same_site_elsewhere_records_nothing(browser: Any, site: Path) -> None:
    with serving(site) as elsewhere:
        page = new_page(browser, elsewhere.origin)
        posted: list[str] = []
        page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
        try:
            open_lesson(page, elsewhere.origin)
            answer_first_question(page)
            page.wait_for_timeout(1000)
            expect(page.locator(".backedu-class-mode")).to_have_count(0)
            assert not any("/backedu/class/" in url for url in posted), posted
        finally:
            page.context.close()
