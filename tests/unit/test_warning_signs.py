"""One source for every safety list (issue 11, point 3): every emergency-level sign appears, in
the region's words, wherever an emergency list is shown (the safety notice on every page, each
worksheet, lessons 02 and 04, the teacher's steps, the planners' results, the checklist's panel),
and lesson 02's text changes with ``BACKEDU_REGION``.

"In the region's words" means: each sign sits in a list headed by its emergency route's words for
that region (``call``: an ambulance, do not make your own way; ``call_or_go``), so a stroke sign
under "or go to A&E" fails as surely as a missing sign.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from backedu.authoring.readability import html_text, lesson_text
from backedu.content import course
from backedu.content.models import EmergencyRoute, Level, Symptom
from backedu.logic import planner
from backedu.logic.region import ENV_VAR, Region, services
from backedu.logic.triage import triage, warning_signs
from backedu.views import pages, teaching, worksheets
from backedu.views import planner as planner_view
from backedu.views.triage import emergency_panel

EMERGENCY = [sign for sign in course().symptoms if sign.level is Level.EMERGENCY]


class _RouteLists(HTMLParser):
    """For each ``<ul data-route=...>``: the text just before it and the text of each item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lists: list[tuple[str, str, list[str]]] = []  # (route, words before, items)
        self._before = ""
        self._route: str | None = None
        self._depth = 0
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        route = dict(attrs).get("data-route")
        if tag == "ul" and route:
            self._route, self._depth = route, 1
            self.lists.append((route, self._before, []))
        elif tag == "ul" and self._route:
            self._depth += 1
        elif tag == "li" and self._route:
            self._item = []
        elif tag == "p" and not self._route:
            self._before = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._item is not None:
            self.lists[-1][2].append(" ".join("".join(self._item).split()))
            self._item = None
        elif tag == "ul" and self._route:
            self._depth -= 1
            if not self._depth:
                self._route = None

    def handle_data(self, data: str) -> None:
        if self._item is not None:
            self._item.append(data)
        elif not self._route:
            self._before += data


def route_lists(html: str) -> dict[EmergencyRoute, tuple[str, list[str]]]:
    parser = _RouteLists()
    parser.feed(html)
    found = {}
    for route, before, items in parser.lists:
        found.setdefault(EmergencyRoute(route), (before, items))
    return found


def assert_every_emergency_sign_in_the_regions_words(html: str, region: Region) -> None:
    words = services(region)
    lists = route_lists(html)
    assert set(lists) == set(EmergencyRoute), "both routes are listed"
    for sign in EMERGENCY:
        assert sign.emergency_route is not None
        before, items = lists[sign.emergency_route]
        wanted = words.call if sign.emergency_route is EmergencyRoute.CALL else words.call_or_go
        assert wanted in before, (sign.id, before)
        assert any(item.startswith(sign.label) for item in items), (sign.id, items)
    listed = sum(len(items) for _, items in lists.values())
    assert listed == len(EMERGENCY), "no sign twice, none from another level"


REGIONS = pytest.mark.parametrize("region", list(Region), ids=str)


@REGIONS
def test_the_safety_notice_on_every_page_lists_every_emergency_sign(region: Region) -> None:
    assert_every_emergency_sign_in_the_regions_words(pages.safety_notice(region=region), region)


@REGIONS
@pytest.mark.parametrize("make", worksheets.SHEETS, ids=lambda make: make.__name__)
def test_every_worksheet_lists_every_emergency_sign(region: Region, make) -> None:
    sheet = make(region=region)
    assert_every_emergency_sign_in_the_regions_words(sheet.html, region)


@REGIONS
def test_the_lessons_emergency_list_lists_every_emergency_sign(region: Region) -> None:
    """Lesson 02 shows it as its own part; lesson 04 points to the safety notice above."""
    html = pages.warning_signs("emergency", region=region)
    assert_every_emergency_sign_in_the_regions_words(html, region)
    assert f"Emergency: call {services(region).emergency_number} now" in html


@REGIONS
def test_the_teachers_steps_list_every_emergency_sign(region: Region) -> None:
    html = teaching.red_flag_steps(region=region)
    assert_every_emergency_sign_in_the_regions_words(html, region)


@REGIONS
@pytest.mark.parametrize("form", course().planners, ids=lambda form: form.id)
def test_every_planners_result_lists_every_emergency_sign(region: Region, form) -> None:
    answer = {form.fields[0].id: form.fields[0].choices[0].id if form.fields[0].choices else "x"}
    html = planner_view.summary_html(form, answer, region=region)
    assert_every_emergency_sign_in_the_regions_words(html, region)
    text = planner.summary_text(form, answer, region=region)
    for sign in EMERGENCY:
        assert f"  - {sign.label}\n" in text


@REGIONS
@pytest.mark.parametrize("sign", EMERGENCY, ids=lambda sign: sign.id)
def test_the_checklists_panel_says_the_signs_route(region: Region, sign: Symptom) -> None:
    words = services(region)
    text = html_text(emergency_panel(triage([sign.id], region=region)))
    wanted = words.call if sign.emergency_route is EmergencyRoute.CALL else words.call_or_go
    assert wanted in text and sign.label in text


def test_the_lists_follow_the_content_not_the_code() -> None:
    """Each list is symptoms.yaml's signs at that level, grouped by route, nothing typed."""
    for level in (Level.EMERGENCY, Level.URGENT, Level.GP):
        listed = warning_signs(level, Region.UK)
        assert set(listed.signs) == {s for s in course().symptoms if s.level is level}
        assert set(listed.changes) == {s for s in course().symptoms if s.escalates_to is level}


def test_first_aid_after_a_bad_fall_is_in_every_emergency_list() -> None:
    """E3: do not move the person."""
    accident = course().symptom("after-accident")
    assert accident.first_aid and "Do not move the person" in accident.first_aid
    for html in (pages.safety_notice(region=Region.UK), teaching.red_flag_steps()):
        assert f"{accident.label}. First aid: {accident.first_aid}" in html_text(html)


# --- lesson 02 follows BACKEDU_REGION ------------------------------------------------------------
@pytest.mark.parametrize(
    ("region", "number", "absent"),
    [
        ("uk", "999", ("911", "112")),
        ("us", "911", ("999", "A&E", "NHS 111", "112")),
        ("eu", "112", ("999", "A&E", "NHS 111", "911")),
    ],
)
def test_lesson_two_says_the_regions_numbers_and_no_others(
    monkeypatch: pytest.MonkeyPatch, region: str, number: str, absent: tuple[str, ...]
) -> None:
    """The whole page as a student reads it: its markdown and everything each call shows."""
    monkeypatch.setenv(ENV_VAR, region)
    page = " ".join(lesson_text(course().lesson("symptoms")))
    assert f"Emergency: call {number} now" in page
    for sign in EMERGENCY:
        assert sign.label in page
    for word in absent:
        assert word not in page, f"{word!r} on lesson 02 with {ENV_VAR}={region}"
