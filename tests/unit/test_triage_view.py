"""The checklist's HTML: the emergency panel only for emergencies, with the region's number, an
icon and words; a live advice region; "why" explanations that teach; everything escaped."""

from __future__ import annotations

import re
from html import unescape

import pytest

from backedu.content import course
from backedu.content.models import Level, Symptom, SymptomGroup
from backedu.logic.region import Region
from backedu.logic.triage import triage
from backedu.views.triage import (
    advice_panel,
    checklist_intro,
    emergency_panel,
    group_heading,
    tick_note,
    why,
)
from tests.support.models import validated

NUMBERS = {Region.UK: "999", Region.US: "911", Region.EU: "112"}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize(
    "ticked", [[], ["sudden-tight-pain"], ["worried"], ["fever"], ["between-shoulders"]]
)
def test_no_emergency_panel_below_emergency(ticked: list[str]) -> None:
    assert emergency_panel(triage(ticked, region=Region.UK)) == ""


@pytest.mark.parametrize("region", list(Region), ids=str)
def test_emergency_panel_says_what_to_do_where_and_why(region: Region) -> None:
    result = triage(["sudden-tight-pain", "one-sided-weakness"], region=region)
    html = emergency_panel(result)
    words = text_of(html)
    assert 'role="alert"' in html
    assert f"Emergency: call {NUMBERS[region]} now" in words
    assert result.advice.action.split(" Do not wait")[0] in words.replace("&amp;", "&")
    assert "Sudden weakness or numbness on one side of the body (this may be a stroke)" in words
    assert "Sudden tight" not in words, "only the signs that make it an emergency are listed"
    assert "It does not diagnose." in words
    # marked by an icon and by words, not by colour alone
    assert '<span aria-hidden="true"' in html and "⚠" in html


def test_advice_panel_is_a_polite_live_region_for_every_level() -> None:
    for ticked in ([], ["back-stiffness"], ["worried"], ["fever"], ["chest-pain"]):
        html = advice_panel(triage(ticked, region=Region.UK))
        assert 'role="status"' in html and 'aria-live="polite"' in html
        assert 'aria-atomic="true"' in html


@pytest.mark.parametrize(
    ("ticked", "heading", "icon"),
    [
        ([], "Nothing ticked yet", "☐"),
        (["back-stiffness"], "Self-care: you can look after this at home", "✔"),
        (["worried"], "See a GP: it is not urgent", "☎"),
        (["fever"], "Urgent: get help today", "⚑"),
        (["chest-pain"], "Emergency: call 999 now", "⚠"),
    ],
    ids=["none", "self-care", "gp", "urgent", "emergency"],
)
def test_advice_panel_names_the_level_in_words_with_an_icon(
    ticked: list[str], heading: str, icon: str
) -> None:
    html = advice_panel(triage(ticked, region=Region.UK))
    assert heading in text_of(html)
    assert icon in html


def test_advice_panel_says_why_and_what_to_watch_for() -> None:
    words = text_of(advice_panel(triage(["sudden-tight-pain", "shooting-leg-pain"])))
    assert "Why: the most urgent sign you ticked" in words
    assert "Shooting pain or tingling down one leg" in words
    assert "Watch for changes:" in words
    assert "if it spreads to both legs, this changes to Emergency: call 999 now." in words


def test_advice_panel_points_to_the_red_box_in_an_emergency() -> None:
    words = text_of(advice_panel(triage(["saddle-numbness"], region=Region.UK)))
    assert "The red box above says what to do." in words


def test_why_teaches_level_reason_destination_and_source() -> None:
    stroke = course().symptom("face-or-speech")
    words = text_of(why(stroke, Region.US))
    assert words.startswith("Why? About: A face that droops on one side, or slurred speech")
    assert "Emergency: call 911 now" in words
    assert "Think FAST" in words
    assert "It may point to a stroke ." in words
    assert "Stroke: symptoms" in words  # the source title, from sources.yaml
    assert "<details" in why(stroke)


def test_why_says_what_the_article_got_right_or_wrong() -> None:
    assert "That is right." in text_of(why(course().symptom("back-stiffness")))
    assert "does not come from the lower back" in text_of(why(course().symptom("stiff-neck")))
    assert "does not say how fast" in text_of(why(course().symptom("bladder-bowel-change")))
    assert "The article" not in text_of(why(course().symptom("chest-pain")))


def test_tick_note_points_to_the_panel_for_emergency_signs_only() -> None:
    assert "red box at the top" in tick_note(course().symptom("both-legs"))
    assert "red box" not in tick_note(course().symptom("fever"))
    assert "Urgent: get help today" in text_of(tick_note(course().symptom("fever")))


def test_every_text_is_escaped() -> None:
    nasty = validated(
        Symptom,
        id="nasty",
        label="<script>alert(1)</script>",
        explanation="Tom & Jerry <b>bold</b>",
        group=SymptomGroup.NOT_BACK,
        level=Level.EMERGENCY,
        points_to="<img src=x onerror=alert(1)>",
        sources=("nhs-stroke",),
    )
    result = triage(["nasty"], symptoms=[nasty], region=Region.UK)
    for html in (emergency_panel(result), advice_panel(result), why(nasty), tick_note(nasty)):
        assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in emergency_panel(result)


def test_intro_says_it_teaches_and_does_not_diagnose() -> None:
    words = text_of(checklist_intro())
    assert "This checklist teaches. It does not diagnose." in words
    assert "Nothing you tick is saved or sent anywhere." in words


def heading_parts(html: str) -> tuple[str, str]:
    """The words of a group heading's title (its h3) and of its intro (the text after it)."""
    found = re.fullmatch(r"<div [^>]*><h3[^>]*>([^<]+)</h3><p[^>]*>([^<]+)</p></div>", html)
    assert found, html
    return unescape(found.group(1)).strip(), unescape(found.group(2)).strip()


def test_each_group_has_a_heading_of_its_own_that_says_what_it_means() -> None:
    parts = {group: heading_parts(group_heading(group)) for group in SymptomGroup}
    for group, (title, intro) in parts.items():
        words = course().words.group(group)
        assert (title, intro) == (words.heading.strip(), words.intro.strip())
        assert f"backedu-group-{group}" in group_heading(group)
    titles = [title for title, _ in parts.values()]
    intros = [intro for _, intro in parts.values()]
    assert all(titles) and len(set(titles)) == len(SymptomGroup), "a title per group"
    assert all(intros) and len(set(intros)) == len(SymptomGroup), "an intro per group"
    # The red-flag heading explains the term it uses.
    title, intro = parts[SymptomGroup.RED_FLAG]
    assert "red flag" in title.lower() and "red flag" in intro.lower()
