"""The article check in a real browser against the real Voilà: no verdict reaches the page before
the student rates (neither the HTML nor the websocket), a whole run to the score and how to judge
an article, keyboard only, and axe-core before and after rating."""

from __future__ import annotations

import html
from typing import Any

import pytest
from playwright.sync_api import expect

from backedu.content import course
from backedu.content.models import Claim
from backedu.logic.claims import FITTING, JUDGE_AN_ARTICLE, Rating, rating_name, verdict_name
from tests.support import PATIENCE
from tests.support.browser import axe_violations, describe
from tests.support.frames import sent_text
from tests.support.server import VoilaServer

pytestmark = pytest.mark.browser

NOTEBOOK = "07-check-the-article.ipynb"
CHECK = ".backedu-article-check"


def plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


class CheckPage:
    """The article check as a student sees it: found by our CSS classes and visible text."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.root = page.locator(CHECK)
        self.heading = page.locator(f"{CHECK} .backedu-article-check-heading")
        self.claim = page.locator(f"{CHECK} .backedu-article-check-claim")
        self.feedback = page.locator(f"{CHECK} .backedu-article-check-feedback")
        self.summary = page.locator(f"{CHECK} .backedu-article-check-summary")

    def open(self, voila: VoilaServer) -> None:
        self.page.goto(voila.url(NOTEBOOK))
        # Generous: a busy 2-core machine may need a while to start a fresh kernel.
        self.button("Not sure").wait_for(timeout=PATIENCE * 1000)

    def button(self, name: str) -> Any:
        return self.root.get_by_role("button", name=name, exact=True)

    def rate(self, claim: Claim, rating: Rating) -> None:
        expect(self.claim).to_contain_text(plain(claim.article_says))
        self.button(rating_name(rating)).click()
        expect(self.feedback).to_contain_text(plain(claim.reason))

    def go_on(self, number: int, total: int) -> None:
        last = number == total
        self.button("See my score" if last else "Next claim").click()
        expect(self.heading).to_contain_text("Your score" if last else f"Claim {number + 1} of")


@pytest.fixture
def check(page: Any, voila: VoilaServer) -> CheckPage:
    opened = CheckPage(page)
    opened.open(voila)
    return opened


def test_no_verdict_reaches_the_page_before_rating(page: Any, voila: VoilaServer) -> None:
    frames: list[str | bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
    check = CheckPage(page)
    check.open(voila)
    claims = course().claims
    first = claims[0]
    expect(check.claim).to_contain_text(plain(first.article_says))  # the claim part came too

    sent = plain(sent_text(frames))
    page_text = plain(page.evaluate("() => document.documentElement.outerHTML"))
    # The checks look in the right place: the claim on screen came through both.
    assert plain(first.article_says) in sent and plain(first.article_says) in page_text
    for where, text in (("widget state", sent), ("page HTML", page_text)):
        leaked = [c.id for c in claims if plain(c.reason) in text]
        assert leaked == [], f"reasons in the {where} before any rating: {leaked}"
        assert "What we found:" not in text, f"a verdict in the {where} before any rating"
        assert "backedu-article-check-verdict" not in text

    # After rating, this claim's verdict, reason and sources arrive, and nothing of the others.
    check.rate(first, Rating.FALSE)
    expect(check.feedback).to_contain_text(f"What we found: {verdict_name(first.verdict)}.")
    for source_id in first.sources:
        link = check.feedback.get_by_role("link", name=course().source(source_id).title, exact=True)
        expect(link).to_have_attribute("href", str(course().source(source_id).url))
    sent = plain(sent_text(frames))
    assert plain(first.reason) in sent
    assert [c.id for c in claims[1:] if plain(c.reason) in sent] == []
    assert page.console_log.errors == []


def test_whole_run_ends_with_the_score_and_how_to_judge_an_article(check: CheckPage) -> None:
    claims = course().claims
    total = len(claims)
    expect(check.heading).to_contain_text(f"Claim 1 of {total}")
    expect(check.heading).to_contain_text(f"From the part of the article on: {claims[0].section}")
    for number, claim in enumerate(claims, start=1):
        # the first claim rated "True" whatever the evidence says; every other one as it says
        rating = Rating.TRUE if number == 1 else sorted(FITTING[claim.verdict])[0]
        check.rate(claim, rating)
        check.go_on(number, total)
    fitted = total - (0 if Rating.TRUE in FITTING[claims[0].verdict] else 1)
    expect(check.summary).to_contain_text(
        f"Your answers fit the evidence on {fitted} of {total} claims."
    )
    expect(check.summary).to_contain_text("How to judge a health article")
    for question in JUDGE_AN_ARTICLE:
        expect(check.summary).to_contain_text(question)
    check.summary.get_by_text("See all your answers").click()
    expect(check.summary.locator("details li")).to_have_count(total)
    violations = axe_violations(check.page)
    assert not violations, describe(violations)

    check.button("Start again").click()
    expect(check.heading).to_contain_text(f"Claim 1 of {total}")
    expect(check.feedback).to_have_text("")
    assert check.page.console_log.errors == []


def test_rating_works_from_the_keyboard(check: CheckPage) -> None:
    page = check.page
    first, second = course().claims[:2]
    check.button("Partly true").focus()
    page.keyboard.press("Enter")
    expect(check.feedback).to_contain_text(plain(first.reason))
    expect(check.feedback).to_contain_text("You said “Partly true”.")
    expect(check.button("✓ Partly true")).to_be_disabled()  # the choice, in words
    expect(check.button("Next claim")).to_be_enabled()
    check.button("Next claim").focus()
    page.keyboard.press("Space")
    expect(check.claim).to_contain_text(plain(second.article_says))
    expect(check.button("Not sure")).to_be_enabled()


def whole_page_in_view(page: Any) -> None:
    """Make the window as tall as the lesson: axe only judges colours of what is on screen."""
    height = page.evaluate("() => document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": 1200, "height": height + 100})


def test_article_check_passes_axe_before_and_after_rating(check: CheckPage) -> None:
    whole_page_in_view(check.page)
    violations = axe_violations(check.page)
    assert not violations, describe(violations)
    check.rate(course().claims[0], Rating.NOT_SURE)
    whole_page_in_view(check.page)
    violations = axe_violations(check.page)
    assert not violations, describe(violations)
