"""One source for every safety list (issue 11, point 3): every emergency-level sign appears, in
the region's words, wherever an emergency list is shown (the safety notice on every page, each
worksheet, lessons 02 and 04, the teacher's steps, the planners' results, the checklist's panel),
and lesson 02's text changes with ``BACKEDU_REGION``.

The lessons' markdown types no service word and no "same day": every notebook is scanned for
every region's words, and each lesson page, read as a student reads it, follows the region. The
signs that need a doctor sooner under 16 come from symptoms.yaml the same way.

"In the region's words" means: each sign sits in a list headed by its emergency route's words for
that region (``call``: an ambulance, do not make your own way; ``call_or_go``), so a stroke sign
under "or go to A&E" fails as surely as a missing sign.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from backedu.authoring.readability import html_text, lesson_text, notebook_markdown
from backedu.content import course
from backedu.content.models import EmergencyRoute, Level, Symptom, SymptomGroup
from backedu.errors import UnknownGroupError
from backedu.logic import planner
from backedu.logic.region import ENV_VAR, Region, services
from backedu.logic.triage import advice_for, triage, warning_signs
from backedu.views import pages, teaching, worksheets
from backedu.views import planner as planner_view
from backedu.views.triage import emergency_panel

EMERGENCY = [sign for sign in course().symptoms if sign.level is Level.EMERGENCY]
NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


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


# --- every lesson, lesson 02 among them, follows BACKEDU_REGION -------------------------------
@pytest.mark.parametrize("lesson", course().lessons, ids=lambda lesson: lesson.id)
@REGIONS
def test_every_lesson_says_its_regions_words_and_no_others(
    monkeypatch: pytest.MonkeyPatch, lesson, region: Region
) -> None:
    """Every page, markdown and calls: the region's emergency number, and no word that only
    another region uses (the notice, lists, glossary and "see a doctor" boxes all follow)."""
    monkeypatch.setenv(ENV_VAR, region.value)
    page = " ".join(lesson_text(lesson))
    assert f"Emergency: call {services(region).emergency_number} now" in page
    for sign in EMERGENCY:
        assert sign.label in page
    own = set(service_words(region))
    for other in Region:
        for word in set(service_words(other)) - own:
            assert not typed_in(page, word), f"{word!r} on {lesson.id} with {ENV_VAR}={region}"


# --- the lessons' markdown types no service word and no urgency ----------------------------------
# Besides each region's own words: how soon, said in words only a level may say.
URGENCY = ("same day", "same-day", "family doctor")


def service_words(region: Region) -> list[str]:
    """What names a region's services: its terms, its number, and its word for a doctor."""
    words = services(region)
    named = [*words.terms, words.emergency_number]
    return named + ([words.doctor_word] if words.doctor_word != "doctor" else [])


def typed_in(text: str, word: str) -> bool:
    """``word`` as a word of ``text`` (GP, not GPS; case kept, so "ER" is not "er")."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def typed_urgency(markdown: str) -> list[str]:
    found = [
        word for region in Region for word in service_words(region) if typed_in(markdown, word)
    ]
    found += [phrase for phrase in URGENCY if typed_in(markdown.lower(), phrase)]
    return sorted(set(found))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_no_notebooks_markdown_types_a_service_word_or_how_soon(path: Path) -> None:
    """Those come from the content in the region's words, by a call (get_help, what_to_do,
    young_people_signs, service_words, physio_help, warning_signs); markdown says "a doctor"."""
    found = typed_urgency(notebook_markdown(path))
    assert not found, f"{path.name} types {found} in its markdown: call backedu for them"


@pytest.mark.parametrize(
    ("markdown", "found"),
    [
        ("See a GP if it lasts.", ["GP"]),
        ("Go to A&E or call 112.", ["112", "A&E"]),
        ("Get help the same day.", ["same day"]),
        ("Ask your Family Doctor.", ["family doctor"]),
        ("The ER, or urgent care.", ["ER", "urgent care"]),
        ("See a doctor. Your GPS works. Her eyes.", []),
    ],
)
def test_the_scan_finds_what_a_lesson_might_type(markdown: str, found: list[str]) -> None:
    assert typed_urgency(markdown) == found


# --- under 16: the signs that need a doctor sooner, from symptoms.yaml ---------------------------
@REGIONS
def test_the_under_16_list_is_the_contents_signs_in_the_regions_words(region: Region) -> None:
    text = html_text(pages.young_people_signs(region=region))
    for level in (Level.GP, Level.URGENT):
        advice = advice_for(level, region)
        assert advice.heading in text and advice.action in text
    for sign in course().under_16:
        assert sign.label in text and (sign.why or "") in text
        # under the advice of its own level: after that level's action, before a later level's
        after = text.index(advice_for(sign.level, region).action)
        assert text.index(sign.label) > after
        if sign.level is Level.GP:
            assert text.index(sign.label) < text.index(advice_for(Level.URGENT, region).action)


def test_a_levels_under_16_list_leaves_out_what_the_checklists_list_shows() -> None:
    """Lesson 04 shows it right under warning_signs(level), which lists the checklist's signs."""
    gp_text = html_text(pages.young_people_signs("gp", region=Region.UK))
    for sign in course().under_16:
        shown = sign.label in gp_text
        assert shown is (sign.level is Level.GP and sign.symptom is None), sign.id
        if sign.symptom:
            checklist = html_text(pages.warning_signs(sign.level, region=Region.UK))
            assert course().symptom(sign.symptom).label in checklist


# --- the short "who to see" parts lessons call -------------------------------------------------
@REGIONS
@pytest.mark.parametrize("level", [Level.GP, Level.URGENT, Level.EMERGENCY], ids=str)
def test_get_help_says_the_levels_advice_in_the_regions_words(region: Region, level: Level) -> None:
    advice = advice_for(level, region)
    assert html_text(pages.get_help(level.value, region=region)).endswith(advice.action)


@REGIONS
def test_what_to_do_gives_each_nerve_sign_its_level_and_change(region: Region) -> None:
    text = html_text(pages.what_to_do("nerve", region=region))
    nerve = [s for s in course().symptoms if s.group is SymptomGroup.NERVE]
    assert nerve
    for sign in nerve:
        assert f"{sign.label}: {advice_for(sign.level, region).heading}." in text
        if sign.escalates_to:
            assert f"this changes to {advice_for(sign.escalates_to, region).heading}." in text
    with pytest.raises(UnknownGroupError, match="no group of signs 'nerves'"):
        pages.what_to_do("nerves")


@REGIONS
def test_the_glossary_and_the_physio_words_are_the_regions(region: Region) -> None:
    words = services(region)
    text = html_text(pages.service_words(region=region))
    for entry in words.glossary:
        assert f"{entry.term}: {entry.meaning}" in text
    assert html_text(pages.physio_help(region=region)) == words.physio
    others = {w for r in Region if r is not region for w in service_words(r)} - set(
        service_words(region)
    )
    assert not [w for w in others if typed_in(text, w)]
