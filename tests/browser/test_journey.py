"""The whole course as a student takes it, in one browser tab.

From the front door, follow the links through every lesson to the end, use each lesson's widget
once, and on every page check: the safety notice, no WCAG A/AA problem before and after using
the widget, no error in the browser console, no request to any host but this machine. Then check
that nothing the student typed was written anywhere on disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from backedu.content import course
from tests.support import PATIENCE
from tests.support.browser import axe_violations, describe
from tests.support.server import ROOT, VoilaServer

pytestmark = pytest.mark.browser

# A string no lesson contains: if it turns up in a file, the app wrote down what a student typed.
MARKER = "zebra-privacy-7341"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def use_quiz(page: Any) -> None:
    quiz = page.locator(".backedu-quiz").first
    quiz.locator(".backedu-quiz-choice input").first.check()
    quiz.get_by_role("button", name="Check my answer", exact=True).click()
    expect(quiz.locator(".backedu-quiz-verdict")).to_be_visible()


def use_checklist(page: Any) -> None:
    checklist = page.locator(".backedu-checklist")
    checklist.get_by_label("Sudden tight or cramping pain low in the back").check()
    expect(checklist.locator(".backedu-advice")).to_contain_text("Self-care")
    use_quiz(page)


def use_explorer(page: Any) -> None:
    explorer = page.locator(".backedu-explorer")
    explorer.get_by_label("Show", exact=True).select_option(label="Needs a doctor")
    expect(explorer.locator(".backedu-explorer-status")).to_contain_text("Showing")
    use_quiz(page)


def use_planner(page: Any) -> None:
    planner = page.locator(".backedu-planner")
    planner.locator("textarea").first.wait_for()  # `all()` does not wait for the widgets
    boxes = planner.locator("textarea").all()
    for box in boxes:
        box.fill(f"It hurts when I bend {MARKER}")
    planner.get_by_role("button", name="Make my notes").click()  # straight on, no pause
    expect(planner.locator(".backedu-planner-notes")).to_contain_text(MARKER)
    use_quiz(page)


def use_article_check(page: Any) -> None:
    check = page.locator(".backedu-article-check")
    check.locator(".backedu-rating").first.click()
    expect(check.get_by_role("button", name="Next claim")).to_be_visible()
    use_quiz(page)


# What a student does on each lesson page; every lesson has at least its end-of-lesson check.
ACTIONS: dict[str, Callable[[Any], None]] = {
    "02-symptoms.ipynb": use_checklist,
    "03-causes.ipynb": use_explorer,
    "04-seeing-a-doctor.ipynb": use_planner,
    "07-check-the-article.ipynb": use_article_check,
}


def snapshot(folders: list[Path]) -> dict[Path, float]:
    """Every file under ``folders`` with its modification time."""
    files: dict[Path, float] = {}
    for folder in folders:
        for base, dirs, names in os.walk(folder):
            # The browser's own profile is the student's browser, not this app.
            dirs[:] = [d for d in dirs if "playwright" not in d and "chromium" not in d.lower()]
            for name in names:
                path = Path(base, name)
                try:
                    files[path] = path.stat().st_mtime
                except OSError:
                    continue
    return files


def written_since(before: dict[Path, float], after: dict[Path, float]) -> list[Path]:
    return [path for path, mtime in after.items() if before.get(path) != mtime]


@pytest.fixture
def watched_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    folders = [ROOT, Path.home(), Path("/tmp"), Path("/var/tmp")]
    yield [folder for folder in folders if folder.is_dir()]


def test_whole_course_journey(page: Any, voila: VoilaServer, watched_folders: list[Path]) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    before = snapshot(watched_folders)

    page.goto(voila.base_url + "/")
    lessons = course().lessons
    visited = []
    for index, lesson in enumerate(lessons):
        # Generous: on a busy 2-core machine a lesson's kernel may still be starting.
        page.wait_for_url(f"**/voila/render/{lesson.notebook}", timeout=PATIENCE * 1000)
        notice = page.locator(".backedu-safety-notice")
        expect(notice).to_contain_text("It does not diagnose.")
        page.locator(".backedu-lesson-end").wait_for()
        violations = axe_violations(page)
        assert not violations, f"{lesson.notebook} before use:\n{describe(violations)}"

        action = ACTIONS.get(lesson.notebook, use_quiz if index else None)
        if action is not None:
            action(page)
            violations = axe_violations(page)
            assert not violations, f"{lesson.notebook} after use:\n{describe(violations)}"
        visited.append(lesson.notebook)

        if index + 1 < len(lessons):  # the "Next:" link at the end of the page
            page.locator(f"#rendered_cells a[href='{lessons[index + 1].notebook}']").last.click()
        else:
            expect(page.locator("#rendered_cells")).to_contain_text("You have finished the course")

    assert visited == [lesson.notebook for lesson in lessons]
    assert page.console_log.errors == []
    outside = [
        url
        for url in requests
        if urlparse(url).scheme in ("http", "https", "ws", "wss")
        and urlparse(url).hostname not in LOCAL_HOSTS
    ]
    assert outside == [], f"requests left this machine: {outside[:5]}"

    page.goto("about:blank")  # leave, so the last kernel shuts down too
    after = snapshot(watched_folders)
    changed = written_since(before, after)
    leaked = []
    for path in changed:
        try:
            if path.stat().st_size < 50_000_000 and MARKER.encode() in path.read_bytes():
                leaked.append(path)
        except OSError:
            continue
    assert leaked == [], f"a student's words were written to disk: {leaked}"
    # Kernels run in the notebooks folder: nothing new may appear there (a log, a cache, a save).
    notebooks = ROOT / "notebooks"
    appeared = [path for path in after if path not in before and notebooks in path.parents]
    assert appeared == [], f"files appeared where the kernels run: {appeared}"
