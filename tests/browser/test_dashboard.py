"""The teacher dashboard in a real browser, served by `backedu class` on loopback: a wrong PIN shows
nothing, the right one shows the QR code and the session; answers arriving in the database appear
on the page by themselves; the page passes axe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from backedu.classroom.records import answer, rating
from backedu.classroom.store import ClassStore
from backedu.content import course
from tests.support import PATIENCE
from tests.support.browser import axe_violations, describe
from tests.support.class_server import ClassServer, class_notebooks, running_class

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def class_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClassServer]:
    tmp = tmp_path_factory.mktemp("class")
    notebooks = class_notebooks(tmp / "notebooks")
    with running_class(tmp, notebooks, db=tmp / "class.sqlite3") as running:
        yield running


def open_with(page: Any, pin: str) -> None:
    page.locator(".backedu-dashboard-login input[type=password]").fill(pin)
    page.get_by_role("button", name="Open the class view").click()


def test_dashboard_opens_with_the_pin_and_updates_live(
    page: Any, class_server: ClassServer
) -> None:
    page.goto(class_server.dashboard_url)
    page.locator(".backedu-dashboard").wait_for()

    open_with(page, "000000")
    expect(page.get_by_text("That PIN is not right")).to_be_visible()
    assert page.locator(".backedu-dashboard-join svg").count() == 0
    assert not page.locator(".backedu-dashboard-results").is_visible()

    open_with(page, class_server.pin)
    join = page.locator(".backedu-dashboard-join")
    expect(join).to_contain_text(class_server.session)
    expect(join.locator("svg")).to_have_count(1)  # the QR code for students
    expect(page.get_by_text("No answers yet")).to_be_visible()

    question = course().questions[0]
    wrong = next(c for c in question.choices if not c.correct)
    with ClassStore.open(class_server.db) as store:
        for view in ("0123456789abcdef", "fedcba9876543210"):
            store.record(class_server.session, answer(view, question.id, [wrong.id], correct=False))
        store.record(
            class_server.session, rating("0123456789abcdef", course().claims[0].id, "true")
        )
    results = page.locator(".backedu-dashboard-results")
    # The page redraws by itself when it next reads the database (every few seconds).
    expect(results).to_contain_text("0 of 2 right first time (0%)", timeout=PATIENCE * 1000)
    expect(results).to_contain_text("2 students")
    expect(results).to_contain_text(wrong.text)

    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert page.console_log.errors == []
