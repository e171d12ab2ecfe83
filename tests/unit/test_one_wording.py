"""One source for every word (issue 12, part 2): each level, verdict, group, rating and the other
fixed choices is shown with the same words on every page that shows it.

Driven from the content: a copy of words.yaml renames every one of them to a marker no page could
type (like ``⟦levels.urgent.name⟧``), and every page part is drawn from that copy: the checklist,
the cause explorer, the article check, the prevention tips, the quiz, the lists of warning signs,
the safety notice, the lessons' "who to see" parts, the planners, every worksheet and the teacher
guide. Each page must then show the marker of every choice its items have, and none of the shipped
words: a page that words a level or a verdict its own way fails either way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from backedu.authoring.readability import html_text
from backedu.content import course
from backedu.content.models import WORD_LISTS, Level, Rating, Structure, SymptomGroup, Verdict
from backedu.logic.claims import FITTING
from backedu.logic.region import Region, say
from backedu.views import pages, prevention, teaching, worksheets
from backedu.views import planner as planner_view
from backedu.widgets.causes import CauseExplorer
from backedu.widgets.claims import ArticleCheck
from backedu.widgets.planner import PlannerForm
from backedu.widgets.quiz import QuizWidget
from backedu.widgets.triage import SymptomChecklist
from tests.support.course_copy import course_from

# The text fields of each list's entries that pages show (regions are words for services, tested
# in test_warning_signs.py).
FIELDS = {
    "levels": ("name", "headline"),
    "groups": ("name", "heading", "intro", "meaning"),
    "verdicts": ("name",),
    "ratings": ("name",),
    "tip_verdicts": ("name", "heading"),
    "commonness": ("name", "in_count"),
    "modifiable": ("name",),
    "structures": ("name", "what"),
    "cause_filters": ("name",),
}


def marker(key: str, choice: str, field: str) -> str:
    return f"⟦{key}.{choice}.{field}⟧"


def prose(value: object) -> Iterator[str]:
    """Every text in a content item, nested items included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for each in value:
            yield from prose(each)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from prose(getattr(value, field.name))


def shipped_words() -> list[str]:
    """The words the shipped content gives, as pages would show them (region words put in), that
    a page can only show by naming the choice: two words or more ("Rare" is also just a word),
    and found in no prose of the course (a claim's reason may well say "One person's story")."""
    c = course()
    texts = [
        text
        for key in (
            "symptoms",
            "causes",
            "questions",
            "claims",
            "tips",
            "lessons",
            "planners",
            "out_of_100",
        )
        for text in prose(getattr(c, key))
    ]
    texts += [say(level.advice, Region.UK) for level in c.words.levels]
    texts += [text for region in c.words.regions for text in prose(region)]
    found = []
    for key, fields in FIELDS.items():
        for entry in getattr(c.words, key):
            for field in fields:
                words = say(getattr(entry, field), Region.UK)
                if len(words.split()) >= 2 and not any(words in text for text in texts):
                    found.append(words)
    return found


def rename_everything(data: dict[str, Any]) -> None:
    for key, fields in FIELDS.items():
        for entry in data[key]:
            for field in fields:
                entry[field] = marker(key, str(entry["id"]).lower(), field)


@pytest.fixture(scope="module")
def shipped() -> list[str]:
    return shipped_words()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every page part that names a fixed choice, drawn from the renamed copy, as plain text."""
    folder = tmp_path_factory.mktemp("renamed")
    with course_from(folder, {"words.yaml": rename_everything}):
        content = course()
        parts: dict[str, list[str]] = {
            "checklist": SymptomChecklist(content, region=Region.UK).page_texts(),
            "explorer": CauseExplorer(content, region=Region.UK).page_texts(),
            "article check": ArticleCheck(content).page_texts(),
            "prevention": [prevention.prevention_tips()],
            "quiz": QuizWidget(content, questions=content.questions, seed=1).page_texts(),
            "warning signs": [
                pages.warning_signs(level, region=Region.UK)
                for level in (Level.EMERGENCY, Level.URGENT, Level.GP)
            ],
            "safety notice": [pages.safety_notice(region=Region.UK)],
            "lessons' help parts": [
                *(pages.get_help(level, region=Region.UK) for level in Level),
                *(pages.what_to_do(group, region=Region.UK) for group in SymptomGroup),
                pages.young_people_signs(region=Region.UK),
            ],
            "planners": [
                text
                for form in content.planners
                for text in PlannerForm(content, planner=form.id, region=Region.UK).page_texts()
            ],
            "worksheets": [sheet.html for sheet in worksheets.all_sheets(region=Region.UK)],
            "teacher guide": [
                teaching.red_flag_steps(region=Region.UK),
                teaching.answer_key_html(),
                teaching.lesson_plans(),
            ],
        }
        parts["planners"].append(
            planner_view.summary_html(content.planners[0], {"started": "x"}, region=Region.UK)
        )
        drawn = {name: " ".join(html_text(text) for text in texts) for name, texts in parts.items()}
    return drawn  # the shipped course is back for the tests


def expected() -> dict[str, set[str]]:
    """The markers each page must show, from what its items are (the shipped content)."""
    c = course()

    def level(each: Level) -> set[str]:  # a heading: the level's name and headline
        return {marker("levels", each.value, "name"), marker("levels", each.value, "headline")}

    def level_name(each: Level) -> set[str]:  # a badge or a table cell: the name
        return {marker("levels", each.value, "name")}

    def group(each: SymptomGroup) -> set[str]:
        return {marker("groups", each.value, "heading")}

    def verdict(each: Verdict) -> set[str]:
        return {marker("verdicts", each.value, "name")}

    signs_levels = {s.level for s in c.symptoms} | {
        s.escalates_to for s in c.symptoms if s.escalates_to
    }
    cause_levels = {x.level for x in c.causes}
    cause_verdicts = {x.article_verdict for x in c.causes if x.article_verdict}
    want: dict[str, set[str]] = {
        "checklist": set().union(
            *map(level, signs_levels), *map(group, {s.group for s in c.symptoms})
        ),
        "explorer": set().union(
            *map(level_name, cause_levels),
            *map(verdict, cause_verdicts),
            {marker("commonness", x.how_common.value, "name") for x in c.causes},
            {marker("commonness", x.how_common.value, "in_count") for x in c.causes},
            {marker("modifiable", x.modifiable.value, "name") for x in c.causes},
            {
                marker("structures", x.structure.value, "name")
                for x in c.causes
                if x.structure not in (Structure.NONE, Structure.OUTSIDE)
            },
            {marker("cause_filters", each.id, "name") for each in c.words.cause_filters},
        ),
        "article check": set().union(
            *map(verdict, {claim.verdict for claim in c.claims}),
            {marker("ratings", r.value, "name") for r in Rating},
        ),
        "quiz": set(),  # it names no fixed choice, and must not type one either
        "prevention": {
            marker("tip_verdicts", tip.verdict.value, field)
            for tip in c.tips
            for field in ("name", "heading")
        },
        "warning signs": set().union(*map(level, (Level.EMERGENCY, Level.URGENT, Level.GP))),
        "safety notice": level(Level.EMERGENCY),
        "lessons' help parts": set().union(
            *map(level_name, Level),  # get_help: each level's name
            *map(level, signs_levels),  # what_to_do: each sign's level, and what it becomes
            *map(level, {sign.level for sign in c.under_16}),
        ),
        "planners": level(Level.EMERGENCY),
        "worksheets": set().union(
            *map(level_name, signs_levels | cause_levels),
            *map(verdict, {claim.verdict for claim in c.claims}),
            {marker("groups", s.group.value, "name") for s in c.symptoms},
            {marker("groups", s.group.value, "meaning") for s in c.symptoms},
            {marker("ratings", r.value, "name") for r in Rating},
            {marker("modifiable", x.modifiable.value, "name") for x in c.causes},
            {marker("commonness", x.how_common.value, "name") for x in c.causes},
        ),
        "teacher guide": set().union(
            *map(level, (Level.EMERGENCY, Level.URGENT)),
            *map(verdict, {claim.verdict for claim in c.claims}),
            {marker("ratings", r.value, "name") for v in FITTING for r in FITTING[v]},
        ),
    }
    return want


PAGES = list(expected())


def test_every_list_of_words_is_renamed() -> None:
    assert set(FIELDS) == set(WORD_LISTS) - {"regions"}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_each_choice_in_the_contents_words(
    rendered: dict[str, str], page: str
) -> None:
    missing = sorted(m for m in expected()[page] if m not in rendered[page])
    assert not missing, f"{page} does not show {missing}: it words them its own way"


@pytest.mark.parametrize("page", PAGES)
def test_no_page_words_a_choice_its_own_way(
    rendered: dict[str, str], shipped: list[str], page: str
) -> None:
    typed = sorted({words for words in shipped if words in rendered[page]})
    assert not typed, f"{page} still shows {typed} when the content words them otherwise"


def test_the_markers_reach_every_page_at_all(rendered: dict[str, str]) -> None:
    """The control: the copy really is what the pages drew (else both tests above are empty).
    The quiz names no fixed choice (its feedback is each question's own), so it has none."""
    for page, text in rendered.items():
        assert ("⟦" in text) is (page != "quiz"), page


def test_the_shipped_words_are_what_the_pages_show_today() -> None:
    """And the other way round: with the shipped content, the pages show the shipped words."""
    page = html_text(pages.warning_signs("urgent", region=Region.UK))
    words = course().words.level(Level.URGENT)
    assert f"{words.name}: {words.headline}" in page
