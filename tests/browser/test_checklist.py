"""The symptoms lesson in a real browser: tick a self-care sign, add a red flag and see the
emergency panel appear first with the emergency number, untick it and see it go; the same
journey with the keyboard alone; axe-core finds no WCAG 2.1 A/AA problem before or after."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from backedu.content import course
from tests.support.browser import axe_violations, describe
from tests.support.server import VoilaServer

pytestmark = pytest.mark.browser

SELF_CARE = "Sudden tight or cramping pain low in the back"
RED_FLAG = (
    "Numb or tingling skin around the bottom, genitals or inner thighs (you may notice it when you "
    "wipe)"
)


def open_checklist(page: Any, voila: VoilaServer) -> Any:
    page.goto(voila.url("02-symptoms.ipynb"))
    checklist = page.locator(".backedu-checklist")
    expect(checklist.locator(".backedu-advice")).to_contain_text("Nothing ticked yet")
    # Every sign's box is there too (each part of the widget arrives on its own).
    expect(checklist.locator("input[type=checkbox]")).to_have_count(len(course().symptoms))
    return checklist


def assert_emergency_first_and_in_view(page: Any, checklist: Any) -> None:
    panel = checklist.locator(".backedu-emergency-panel")
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("role", "alert")
    expect(panel).to_contain_text("Emergency: call 999 now")
    expect(panel).to_contain_text("Call 999 or go to A&E")
    expect(panel).to_contain_text(RED_FLAG)
    # In view: it sticks to the top of the window while the student is down at the red flag.
    viewport = page.viewport_size
    box = panel.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box
    # First: the checklist's first child is the panel, above the intro and every sign.
    first = checklist.locator(":scope > :first-child")
    assert "backedu-emergency" in (first.get_attribute("class") or "")
    checklist.evaluate("element => element.scrollIntoView()")
    top = panel.bounding_box()["y"]
    assert top < checklist.locator(".backedu-checklist-intro").bounding_box()["y"]
    assert top < checklist.locator(".backedu-symptom").first.bounding_box()["y"]


def assert_no_axe_violations(page: Any) -> None:
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_tick_and_untick_with_the_mouse(page: Any, voila: VoilaServer) -> None:
    checklist = open_checklist(page, voila)
    assert_no_axe_violations(page)
    advice = checklist.locator(".backedu-advice")

    checklist.get_by_label(SELF_CARE).check()
    expect(advice).to_contain_text("Self-care: you can look after this at home")
    expect(checklist.locator(".backedu-emergency-panel")).to_have_count(0)

    checklist.get_by_label(RED_FLAG).check()
    assert_emergency_first_and_in_view(page, checklist)
    expect(advice).to_contain_text("Emergency: call 999 now")
    # Each sign's note is in the page; only a ticked sign's shows.
    shown_note = checklist.locator(".backedu-tick-note.backedu-level-emergency:visible")
    expect(shown_note).to_have_count(1)
    expect(shown_note).to_contain_text("red box at the top")
    assert_no_axe_violations(page)

    checklist.get_by_label(RED_FLAG).uncheck()
    expect(shown_note).to_have_count(0)
    expect(checklist.locator(".backedu-emergency-panel")).to_have_count(0)
    expect(checklist.locator(".backedu-emergency")).to_be_hidden()
    expect(advice).to_contain_text("Self-care: you can look after this at home")
    assert page.console_log.errors == []


def tab_to(page: Any, css: str, limit: int = 300) -> None:
    """Press Tab until the focused element is inside ``css``: what a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(css) => !!document.activeElement.closest(css)", css):
            return
    raise AssertionError(f"Tab never reached {css}")


def test_the_same_journey_with_the_keyboard_alone(page: Any, voila: VoilaServer) -> None:
    checklist = open_checklist(page, voila)
    advice = checklist.locator(".backedu-advice")

    tab_to(page, ".backedu-symptom-sudden-tight-pain")
    page.keyboard.press("Space")
    expect(checklist.get_by_label(SELF_CARE)).to_be_checked()
    expect(advice).to_contain_text("Self-care: you can look after this at home")

    # The sign's "Why?" opens from the keyboard too.
    tab_to(page, ".backedu-why")
    page.keyboard.press("Enter")
    expect(checklist.locator("details.backedu-why").first).to_have_attribute("open", "")

    tab_to(page, ".backedu-symptom-saddle-numbness")
    page.keyboard.press("Space")
    expect(checklist.get_by_label(RED_FLAG)).to_be_checked()
    assert_emergency_first_and_in_view(page, checklist)
    assert_no_axe_violations(page)

    page.keyboard.press("Space")  # focus stays on the red flag: untick it
    expect(checklist.get_by_label(RED_FLAG)).not_to_be_checked()
    expect(checklist.locator(".backedu-emergency-panel")).to_have_count(0)
    expect(advice).to_contain_text("Self-care: you can look after this at home")

    tab_to(page, ".backedu-checklist-clear")
    page.keyboard.press("Enter")
    expect(checklist.get_by_label(SELF_CARE)).not_to_be_checked()
    expect(advice).to_contain_text("Nothing ticked yet")
    assert page.console_log.errors == []
