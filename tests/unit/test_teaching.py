"""Teacher material: class plans computed from lesson minutes, the course overview, the red-flag
steps in the region's words, the answer key's content and the teacher PIN setting."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from backedu.classroom import config as class_config
from backedu.content import course
from backedu.content.models import Choice, Lesson, Level, Question, QuestionType
from backedu.errors import ClassConfigError, PlanError
from backedu.logic import teaching
from backedu.logic.claims import by_section, verdict_name
from backedu.logic.region import Region
from backedu.logic.teaching import Slot, closing_minutes, plan
from backedu.views import teaching as teaching_view
from tests.support.models import validated


def lesson(lesson_id: str, minutes: int, number: int) -> Lesson:
    return validated(
        Lesson,
        id=lesson_id,
        notebook=f"{number:02d}-{lesson_id}.ipynb",
        title=lesson_id.title(),
        summary="s",
        minutes=minutes,
        objectives=("o",),
        reviewed={"last": "2026-01-01", "next": "2027-01-01"},
        sources=("nhs-back-pain",),
    )


# Course order a, b, c, d, e; priority says which a short class keeps first.
LESSONS = [
    lesson("a", 5, 0),
    lesson("b", 15, 1),
    lesson("c", 25, 2),
    lesson("d", 20, 3),
    lesson("e", 30, 4),
]
PRIORITY = ("a", "c", "e", "d", "b")


def timeline(made: teaching.Plan) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.lesson.id if s.lesson else "closing") for s in made.slots]


@pytest.mark.parametrize(
    ("total", "closing", "expected", "later"),
    [
        # 40 free: a (5) + c (25) = 30; e (30) and d (20) do not fit; b (15) does not either.
        (45, 5, [(0, 5, "a"), (5, 30, "c"), (30, 45, "closing")], ["b", "d", "e"]),
        # 80 free: a + c + e = 60, d (20) fits: 80. Course order: a, c, d, e.
        (
            90,
            10,
            [(0, 5, "a"), (5, 30, "c"), (30, 50, "d"), (50, 80, "e"), (80, 90, "closing")],
            ["b"],
        ),
        # Everything fits; the spare time goes to the closing.
        (
            120,
            5,
            [
                (0, 5, "a"),
                (5, 20, "b"),
                (20, 45, "c"),
                (45, 65, "d"),
                (65, 95, "e"),
                (95, 120, "closing"),
            ],
            [],
        ),
        # Only the first lesson fits.
        (12, 5, [(0, 5, "a"), (5, 12, "closing")], ["b", "c", "d", "e"]),
        # 50 free: a + c = 30; e (30) does not fit in 20, so it is skipped and d (20) is taken.
        (55, 5, [(0, 5, "a"), (5, 30, "c"), (30, 50, "d"), (50, 55, "closing")], ["b", "e"]),
    ],
    ids=["45-min", "90-min", "all-fit", "only-first", "skip-and-try-next"],
)
def test_plan_fits_lessons_by_priority_in_course_order(
    total: int, closing: int, expected: list[tuple[int, int, str]], later: list[str]
) -> None:
    made = plan(LESSONS, total, priority=PRIORITY, closing=closing)
    assert timeline(made) == expected
    assert [lesson.id for lesson in made.later] == later
    assert made.minutes == total


def test_lessons_missing_from_the_priority_come_last_in_course_order() -> None:
    made = plan(LESSONS, 40, priority=("c",), closing=0)
    # c (25) first, then a (5), b... course order: a 5 -> 30, b 15 -> no, d no, e no.
    assert [s.lesson.id for s in made.slots if s.lesson] == ["a", "c"]


def test_unknown_ids_in_the_priority_are_ignored() -> None:
    made = plan(LESSONS, 45, priority=("gone", "a", "c"), closing=5)
    assert [s.lesson.id for s in made.slots if s.lesson] == ["a", "c"]


@pytest.mark.parametrize(("total", "closing"), [(30, 5), (45, 5), (60, 5), (90, 10), (120, 10)])
def test_closing_is_about_a_tenth_and_at_least_five_minutes(total: int, closing: int) -> None:
    assert closing_minutes(total) == closing


@pytest.mark.parametrize(
    ("lessons", "total", "closing", "message"),
    [
        ([], 45, 5, "no lessons"),
        (LESSONS, 9, 5, "a class of 9 minutes is too short: 'A' takes 5 minutes"),
        (LESSONS, 45, -1, "cannot take -1 minutes"),
    ],
    ids=["no-lessons", "too-short", "negative-closing"],
)
def test_impossible_plans_are_clear_errors(
    lessons: list[Lesson], total: int, closing: int, message: str
) -> None:
    with pytest.raises(PlanError, match=re.escape(message)):
        plan(lessons, total, priority=PRIORITY, closing=closing)


def test_slot_end_and_title() -> None:
    assert Slot(5, 25, LESSONS[2]).end == 30
    assert Slot(5, 25, LESSONS[2]).title == "C"
    assert Slot(40, 5, None).title == teaching.CLOSING_TITLE


@pytest.mark.parametrize("total", teaching.PLAN_LENGTHS)
def test_plans_for_the_real_course_add_up(total: int) -> None:
    lessons = course().lessons
    made = plan(lessons, total, priority=course().class_priority)
    starts = [s.start for s in made.slots]
    assert starts[0] == 0 and made.slots[-1].end == total
    assert all(a.end == b.start for a, b in zip(made.slots, made.slots[1:], strict=False))
    assert made.slots[-1].lesson is None and made.slots[-1].minutes >= closing_minutes(total)
    assert all(s.minutes == s.lesson.minutes for s in made.slots if s.lesson)
    chosen = list(made.lessons)
    assert chosen == [lesson for lesson in lessons if lesson in chosen], "course order"
    assert set(chosen) | set(made.later) == set(lessons) and not set(chosen) & set(made.later)
    assert chosen[0].id == "start-here" and "symptoms" in {lesson.id for lesson in chosen}


def test_every_course_lesson_has_a_priority() -> None:
    assert sorted(course().class_priority) == sorted(lesson.id for lesson in course().lessons)


def test_lesson_plans_html_has_a_row_per_slot_and_lists_the_rest() -> None:
    page = teaching_view.lesson_plans()
    for total in teaching.PLAN_LENGTHS:
        made = plan(course().lessons, total, priority=course().class_priority)
        assert f"Plan for a {total}-minute class" in page
        for slot in made.slots:
            assert f"{teaching_view._clock(slot.start)} to {teaching_view._clock(slot.end)}" in page
        for lesson in made.later:
            assert f'href="{lesson.notebook}"' in page
    assert page.count("<tbody>") == len(teaching.PLAN_LENGTHS)
    assert "For homework or another class" in page


def test_course_overview_lists_every_objective_and_the_total_time() -> None:
    page = html.unescape(teaching_view.course_overview())
    lessons = course().lessons
    for lesson in lessons:
        assert lesson.title in page
        for goal in lesson.objectives:
            assert goal in page
    assert f"about {sum(lesson.minutes for lesson in lessons)} minutes" in page


@pytest.mark.parametrize(
    ("region", "number"), [(Region.UK, "999"), (Region.US, "911"), (Region.EU, "112")]
)
def test_red_flag_steps_use_the_regions_emergency_number(region: Region, number: str) -> None:
    page = teaching_view.red_flag_steps(region=region)
    assert f"Emergency number in this app&#x27;s region: {number}" in page
    assert f"call {number}" in page
    others = {"999", "911", "112"} - {number}
    assert not any(other in page for other in others)


def test_red_flag_steps_list_every_emergency_and_urgent_sign() -> None:
    page = html.unescape(teaching_view.red_flag_steps(region=Region.UK))
    emergency, urgent = page.split("Urgent: get help today</h3>")
    for symptom in course().symptoms:
        if symptom.level is Level.EMERGENCY:
            assert symptom.label in emergency.split("Emergency: call 999 now</h3>")[-1]
        elif symptom.level is Level.URGENT:
            assert symptom.label in urgent


def test_red_flag_steps_give_first_aid_after_a_bad_fall() -> None:
    """E3: after a bad fall or crash, do not move the person; call for help."""
    page = words(teaching_view.red_flag_steps(region=Region.US))
    accident = course().symptom("after-accident")
    assert f"First aid: {accident.label}. Do not move the person." in page
    assert "Keep them still, and stay with them until help comes. Call 911." in page


def words(page: str) -> str:
    """The page as a reader sees it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_answer_key_has_every_choice_and_every_claim_with_its_verdict_and_reason() -> None:
    page = words(teaching_view.answer_key_html())
    for question in course().questions:
        assert question.prompt in page
        for choice in question.choices:
            mark = "Right" if choice.correct else "Wrong"
            text = choice.text if choice.text.endswith((".", "?", "!")) else f"{choice.text}."
            assert f"{mark}: {text} {choice.feedback}" in page, (question.id, choice.id)
    for claim in course().claims:
        assert claim.article_says in page and claim.reason in page, claim.id
        assert f"Verdict: {verdict_name(claim.verdict)}." in page
    assert teaching_view.answer_key_html().count("<details") == len(
        {q.lesson for q in course().questions}
    ) + len({c.section for c in course().claims})


def test_answer_key_escapes_every_text() -> None:
    odd = validated(
        Question,
        id="odd",
        lesson="start-here",
        topic="t",
        type=QuestionType.SINGLE,
        prompt="Prompt <odd> & more?",
        choices=(
            validated(Choice, id="a", text="<b>", correct=True, feedback="Yes & why."),
            validated(Choice, id="b", text="B", correct=False, feedback="No."),
        ),
        sources=("nhs-back-pain",),
    )
    content = replace(course(), questions=(odd,))
    page = teaching_view.answer_key_html(content)
    assert "Prompt &lt;odd&gt; &amp; more?" in page and "<odd>" not in page
    assert "Right: &lt;b&gt;. </strong>Yes &amp; why." in page


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"BACKEDU_TEACHER_PIN": "  "}, None),
        ({"BACKEDU_TEACHER_PIN": " 482913 "}, "482913"),
    ],
    ids=["unset", "blank", "set"],
)
def test_teacher_pin_from_the_environment(environ: dict[str, str], expected: str | None) -> None:
    assert class_config.teacher_pin(environ) == expected


def test_a_malformed_teacher_pin_is_an_error_not_no_pin() -> None:
    with pytest.raises(ClassConfigError, match="BACKEDU_TEACHER_PIN"):
        class_config.teacher_pin({"BACKEDU_TEACHER_PIN": "12ab"})


def test_claims_are_numbered_through_as_the_activity_counts_them() -> None:
    page = teaching_view.answer_key_html()
    starts = [int(n) for n in re.findall(r'<ol start="(\d+)">', page)]
    sizes = [len(claims) for _section, claims in by_section(course().claims)]
    assert starts == [1 + sum(sizes[:i]) for i in range(len(sizes))]
    assert starts[-1] + sizes[-1] - 1 == len(course().claims)
