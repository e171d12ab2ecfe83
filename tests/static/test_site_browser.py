"""The static site in Debian's Chromium, served by a plain file server on loopback.

Every lesson page: its text and safety notice are readable before any script runs, a status with
progress says the activities are loading, Python starts and runs every cell, the page loads no
module it does not use, nothing is requested off the origin (every such request is aborted and
counted), no console error, and axe finds no WCAG 2.1 A/AA problem at desktop or phone width.
Then each widget is used once, as in the app; a browser without WebAssembly gets a plain
message; and the site works from a sub-folder of a web server.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any

import nbformat
import pytest
from playwright.sync_api import expect

from backedu.content import course
from backedu.content.models import Level, Question, SymptomGroup
from backedu.logic.region import Region, services
from backedu.publish import sitewheel
from tests.static.conftest import PHONE, open_site_page
from tests.support.browser import axe_violations, describe
from tests.support.static_site import ROOT, TEST_REGION, TEST_SITE, StaticServer, serving

pytestmark = pytest.mark.browser

LESSONS = sorted(path.stem for path in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
FINAL_STATES = "['ready', 'failed', 'read-only']"
EMERGENCY_NUMBER = services(Region(TEST_REGION)).emergency_number
# Libraries no page may load: the content checker's, the kernel's must-haves that ship as empty
# stand-ins, IPython's terminal, plotting.
NEVER_LOADED = (
    "pydantic", "pydantic_core", "yaml", "sqlite3", "jedi", "micropip", "prompt_toolkit",
    "matplotlib",
)  # fmt: skip


@functools.cache
def reach(lesson: str) -> sitewheel.Reach:
    """The backedu modules and libraries the lesson's calls may import (as the build sees it)."""
    notebook = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
    calls = sitewheel.calls_in(c.source for c in notebook.cells if c.cell_type == "code")
    return sitewheel.reach(calls, where=lesson)


def boot_state(page: Any) -> str:
    return page.locator("#backedu-boot").get_attribute("data-state")


def wait_until_settled(page: Any) -> str:
    page.wait_for_function(
        f"() => {FINAL_STATES}.includes(document.getElementById('backedu-boot').dataset.state)",
        timeout=120_000,
    )
    return boot_state(page)


def open_lesson(page: Any, server: StaticServer, lesson: str) -> None:
    page.goto(server.url(f"{lesson}.html"))
    assert wait_until_settled(page) == "ready"


def assert_clean(page: Any) -> None:
    assert page.off_origin.blocked == [], "requests off the origin"
    assert page.off_origin.seen_elsewhere == [], "requests off the origin (outside routing)"
    assert page.console_log.errors == []
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_reads_at_once_runs_and_is_clean(
    site_page: Any, static_site: StaticServer, lesson: str
) -> None:
    page = site_page
    page.goto(static_site.url(f"{lesson}.html"), wait_until="domcontentloaded")
    # The text and the emergency advice are in the HTML, before Python (or any script) runs.
    expect(page.locator("#rendered_cells h1").first).to_be_visible()
    notice = page.locator(".backedu-safety-notice").first
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(EMERGENCY_NUMBER)
    expect(page.locator(".backedu-site-header")).to_contain_text("United Kingdom")
    expect(page.locator("#backedu-boot[role=status]")).to_be_visible()

    assert wait_until_settled(page) == "ready"
    expect(page.locator("#backedu-boot")).to_contain_text("ready")
    # The live outputs replaced the build-time copies: each shown once, no placeholder left.
    expect(page.locator(".backedu-safety-notice")).to_have_count(1)
    expect(page.locator(".backedu-prerendered")).to_have_count(0)
    expect(page.locator(".backedu-pending")).to_have_count(0)

    # Nothing imported that the page does not use (the page's own sys.modules).
    modules = page.evaluate("backeduBoot.modules()")
    assert "backedu" in modules, "the boot report sent no module list"
    ours = {name for name in modules if name.split(".")[0] == "backedu"}
    assert ours <= reach(lesson).modules, ours - reach(lesson).modules
    assert not [name for name in ours if sitewheel.not_shipped_reason(name)]
    tops = {name.split(".")[0] for name in modules}
    assert not tops & set(NEVER_LOADED), tops & set(NEVER_LOADED)
    assert ("ipywidgets" in tops) == ("ipywidgets" in reach(lesson).libraries)

    assert_clean(page)
    page.set_viewport_size(PHONE)
    assert_clean(page)


# --- each widget once, as in the app -------------------------------------------------------------
def test_checklist_emergency_panel_comes_and_goes_with_a_red_flag(
    site_page: Any, static_site: StaticServer
) -> None:
    red_flag = next(
        s for s in course().symptoms
        if s.level is Level.EMERGENCY and s.group is SymptomGroup.RED_FLAG
    )  # fmt: skip
    open_lesson(site_page, static_site, "02-symptoms")
    checklist = site_page.locator(".backedu-checklist")
    panel = checklist.locator(".backedu-emergency-panel")
    expect(panel).to_have_count(0)
    checklist.get_by_label(red_flag.label, exact=True).check()
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("role", "alert")
    expect(panel).to_contain_text(EMERGENCY_NUMBER)
    expect(panel).to_contain_text(red_flag.label)
    assert_clean(site_page)
    checklist.get_by_label(red_flag.label, exact=True).uncheck()
    expect(panel).to_have_count(0)


def plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def test_quiz_feedback_score_review_and_retry(site_page: Any, static_site: StaticServer) -> None:
    lesson = "01-what-is-a-spasm"
    questions = {plain(q.prompt): q for q in course().questions}
    open_lesson(site_page, static_site, lesson)
    quiz = site_page.locator(".backedu-quiz").first
    progress = quiz.locator(".backedu-quiz-progress")
    feedback = quiz.locator(".backedu-quiz-feedback")
    expect(progress).to_contain_text("Question 1 of ")
    total = int(progress.inner_text().rsplit(" ", 1)[1])

    def on_screen() -> Question:
        return questions[plain(quiz.locator(".backedu-quiz-prompt strong").first.inner_text())]

    missed = on_screen()
    for number in range(1, total + 1):
        question = on_screen()
        wanted = (
            [next(c for c in question.choices if not c.correct)]
            if number == 1
            else [c for c in question.choices if c.correct]
        )
        for choice in wanted:
            quiz.locator(".backedu-quiz-choices").get_by_label(choice.text, exact=True).check()
        quiz.get_by_role("button", name="Check my answer", exact=True).click()
        expect(feedback.locator(".backedu-quiz-verdict")).to_be_visible()
        expect(feedback).to_contain_text(plain(wanted[0].feedback))
        last = number == total
        quiz.get_by_role("button", name="See my score" if last else "Next question").click()
        expect(progress).to_have_text("Your score" if last else f"Question {number + 1} of {total}")

    summary = quiz.locator(".backedu-quiz-summary")
    expect(summary).to_contain_text(f"You got {total - 1} out of {total} right")
    expect(summary.locator("ol > li")).to_contain_text(plain(missed.prompt))  # the review
    assert_clean(site_page)
    quiz.get_by_role("button", name="Try again", exact=True).click()
    expect(progress).to_have_text(f"Question 1 of {total}")


def test_cause_explorer_shows_the_chosen_cause(site_page: Any, static_site: StaticServer) -> None:
    open_lesson(site_page, static_site, "03-causes")
    explorer = site_page.locator(".backedu-explorer")
    card = explorer.locator(".backedu-cause-card")
    causes = explorer.get_by_label("Causes", exact=True)
    shown = card.get_attribute("data-cause")
    names = {plain(c.name): c for c in course().causes}
    listed = [plain(label) for label in causes.locator("option").all_inner_texts()]
    other = next(names[label] for label in listed if names[label].id != shown)
    causes.select_option(label=other.name)
    expect(card).to_have_attribute("data-cause", other.id)
    expect(card).to_contain_text(plain(other.name))
    assert_clean(site_page)


def test_planner_notes_download(site_page: Any, static_site: StaticServer, tmp_path: Path) -> None:
    open_lesson(site_page, static_site, "04-seeing-a-doctor")
    planner = site_page.locator(".backedu-planner")
    planner.get_by_label("When did it start?", exact=True).fill("Last Saturday, at practice")
    planner.get_by_role("button", name="Make my notes", exact=True).click()
    notes = planner.locator(".backedu-planner-notes")
    expect(notes).to_contain_text("Last Saturday, at practice")
    with site_page.expect_download() as download:
        notes.get_by_role("link", name="Download as a text file").click()
    saved = tmp_path / "notes.txt"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "Last Saturday, at practice" in text and EMERGENCY_NUMBER in text
    assert_clean(site_page)


def test_article_check_rating_reveals_the_verdict(
    site_page: Any, static_site: StaticServer
) -> None:
    open_lesson(site_page, static_site, "07-check-the-article")
    check = site_page.locator(".backedu-article-check")
    feedback = check.locator(".backedu-article-check-feedback")
    shown = plain(check.locator(".backedu-article-check-claim").inner_text())
    claim = next(c for c in course().claims if plain(c.article_says) in shown)
    expect(feedback).not_to_contain_text(plain(claim.reason))
    check.get_by_role("button", name="Not sure", exact=True).click()
    expect(feedback).to_contain_text(plain(claim.reason))
    assert_clean(site_page)


# --- when Python cannot run, and where the site is served from -----------------------------------
def test_browser_without_webassembly_gets_a_plain_message(
    site_page: Any, static_site: StaticServer
) -> None:
    page = site_page
    page.add_init_script("delete window.WebAssembly;")
    page.goto(static_site.url("02-symptoms.html"))
    assert wait_until_settled(page) == "failed"
    status = page.locator("#backedu-boot")
    expect(status).to_contain_text("cannot run the activities")
    expect(status).to_contain_text("worksheets")
    expect(page.locator("#rendered_cells h1")).to_be_visible()
    # The emergency advice is there without Python: the build-time copy stays.
    expect(page.locator(".backedu-safety-notice")).to_contain_text(EMERGENCY_NUMBER)
    page.wait_for_timeout(500)
    assert not any("pyodide" in url or "voici.js" in url for url in page.off_origin.served)
    assert_clean(page)


def test_front_door_opens_the_start_page(site_page: Any, static_site: StaticServer) -> None:
    site_page.goto(static_site.home)
    expect(site_page).to_have_url(static_site.url("00-start-here.html"))


def test_site_works_from_a_sub_folder(isolated_browser: Any, static_build: Any) -> None:
    """As on GitHub Pages (/<repository>/): links, Python, and the service worker's heartbeat
    (sent 20 s after the page starts) stay inside the folder; nothing 404s."""
    with serving(TEST_SITE, folder="course") as server:
        context, page = open_site_page(isolated_browser, server)
        missing: list[str] = []
        context.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
        try:
            page.goto(server.home)
            expect(page).to_have_url(server.url("00-start-here.html"))
            assert wait_until_settled(page) == "ready"
            page.get_by_role("link", name=course().lessons[1].title).first.click()
            assert wait_until_settled(page) == "ready"
            with page.expect_response(lambda r: "service-worker-heartbeat" in r.url) as beat:
                pass  # the page asks within 20 s of starting
            assert beat.value.ok and beat.value.url.startswith(server.home)
            assert missing == []
            assert page.off_origin.blocked == [] and page.console_log.errors == []
        finally:
            context.close()
