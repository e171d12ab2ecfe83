"""The causes lesson in a real browser: filter the causes, choose one by mouse and by keyboard,
see its card and the highlighted diagram, compare two, and pass axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from backedu.content import course
from tests.support.browser import axe_violations, describe
from tests.support.server import VoilaServer

pytestmark = pytest.mark.browser


def open_lesson(page: Any, voila: VoilaServer) -> Any:
    page.goto(voila.url("03-causes.ipynb"))
    explorer = page.locator(".backedu-explorer")
    expect(explorer.locator(".backedu-cause-card")).to_have_attribute("data-cause", "non-specific")
    return explorer


def test_filter_choose_and_compare_causes(page: Any, voila: VoilaServer) -> None:
    explorer = open_lesson(page, voila)
    card = explorer.locator(".backedu-cause-card")
    causes = explorer.get_by_label("Causes", exact=True)

    # Filter: only the article's weak or unproven ideas are listed; the card follows.
    explorer.get_by_label("Show", exact=True).select_option(label="Myths and weak ideas")
    expect(causes.locator("option")).to_have_count(5)
    expect(card).to_have_attribute("data-cause", "weak-core")
    expect(explorer.locator(".backedu-explorer-status")).to_contain_text(
        f"Showing 5 of {len(course().causes)} causes"
    )
    expect(card.locator(".backedu-article-vs-evidence")).to_contain_text(
        "The article and the evidence do not agree"
    )

    # Choose a cause: its card, and the diagram with its part highlighted and named.
    explorer.get_by_label("Show", exact=True).select_option(label="Needs a doctor")
    causes.select_option(label="Squashed nerve bundle (cauda equina syndrome)")
    expect(card).to_have_attribute("data-cause", "cauda-equina")
    diagram = card.locator("svg.backedu-spine-diagram")
    expect(diagram).to_have_attribute("data-highlight", "nerve-bundle")
    expect(diagram.locator("[data-highlighted='true']")).to_have_attribute(
        "data-part", "nerve-bundle"
    )
    expect(card.locator("figcaption")).to_have_text(
        "Highlighted: Nerve bundle. This is the bundle of nerves at the bottom of the spine "
        "(the cauda equina)."
    )
    expect(card.locator(".backedu-cause-advice")).to_contain_text("Call 999")
    assert diagram.bounding_box()["width"] > 200  # drawn, not collapsed

    # Compare two causes side by side.
    explorer.get_by_label("Compare", exact=True).select_option(label="Muscle strain or overload")
    explorer.get_by_label("with", exact=True).select_option(
        label="Slipped or bulging disc, with sciatica"
    )
    table = explorer.locator("table.backedu-cause-comparison")
    expect(table).to_have_attribute("data-causes", "muscle-strain slipped-disc")
    expect(table.locator("thead th")).to_have_text(
        ["Muscle strain or overload", "Slipped or bulging disc, with sciatica"]
    )
    highlights = table.locator("svg.backedu-spine-diagram")
    expect(highlights).to_have_count(2)
    assert [highlights.nth(i).get_attribute("data-highlight") for i in range(2)] == [
        "muscle",
        "disc",
    ]

    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert page.console_log.errors == []


def test_the_list_works_from_the_keyboard(page: Any, voila: VoilaServer) -> None:
    explorer = open_lesson(page, voila)
    card = explorer.locator(".backedu-cause-card")
    causes = explorer.get_by_label("Causes", exact=True)
    causes.focus()
    page.keyboard.press("ArrowDown")
    expect(card).to_have_attribute("data-cause", "muscle-strain")
    page.keyboard.press("End")
    expect(card).to_have_attribute("data-cause", "low-minerals")
    expect(card.locator("svg.backedu-spine-diagram")).to_have_attribute("data-highlight", "none")
    assert page.console_log.errors == []


def test_how_common_chart_gives_the_numbers_in_words(page: Any, voila: VoilaServer) -> None:
    open_lesson(page, voila)
    chart = page.locator(".backedu-how-common")
    expect(chart.locator("li")).to_have_count(3)
    expect(chart.locator("li").first).to_contain_text("About 90 to 95 out of 100")
    expect(chart.locator("svg[role='img']")).to_have_attribute(
        "aria-label", re.compile(r"^100 people with low back pain\. About 90 to 95 out of 100")
    )
