"""Teacher material computed from the course: class plans that fit a lesson period, the answer key,
and what to do when a student describes red-flag symptoms.

Pure: content in, data or escaped HTML out (no widgets). The plans come from each lesson's
``minutes`` in lessons.yaml, so they stay right when a lesson is added, dropped or re-timed. The
answer key is built here but reaches a page only through ``backedu.widgets.teaching``, which keeps
it behind the teacher PIN when the app is served to a class.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from backedu.classroom.store import ENV_PIN, check_pin
from backedu.content import course
from backedu.content.models import (
    Claim,
    Course,
    Lesson,
    Level,
    Question,
    QuestionType,
    Source,
    SymptomGroup,
)
from backedu.errors import PlanError
from backedu.logic.claims import FITTING, VERDICT_ICONS, VERDICT_LABELS, Rating
from backedu.logic.region import Region, services
from backedu.logic.triage import advice_for
from backedu.views.html import Html, element, join
from backedu.views.pages import LINK_STYLE

# Which lessons a short class keeps, most important first. Safety first: the landing page and the
# symptoms lesson (the red flags and the checklist). Then the article check, the point of the
# module. Then self-care, then the rest. Lessons missing here come last, in course order.
PRIORITY: tuple[str, ...] = (
    "start-here",
    "symptoms",
    "check-the-article",
    "treatment",
    "what-is-a-spasm",
    "seeing-a-doctor",
    "causes",
    "prevention",
)
PLAN_LENGTHS: tuple[int, ...] = (45, 90)
MIN_CLOSING = 5  # minutes: even a short class ends with questions and what to do next
CLOSING_TITLE = "Closing: discussion, questions and what to do next"

_BOX_STYLE = (
    "border:1px solid #7a7a7a;border-radius:6px;background:#f6f8fa;color:#1a1a1a;"
    "padding:0.75em 1em;margin:0.5em 0"
)
_ALERT_STYLE = (
    "border:3px solid #8a1c1c;border-radius:6px;background:#fdecea;color:#1a1a1a;"
    "padding:0.75em 1em;margin:0.5em 0"
)
_CELL = "border-top:1px solid #bbb;padding:0.3em 0.6em;vertical-align:top;text-align:left"
_TABLE = "border-collapse:collapse;margin:0.5em 0"


# --- class plans ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    """One part of a class: a lesson, or the closing discussion (``lesson`` is None)."""

    start: int  # minutes from the start of the class
    minutes: int
    lesson: Lesson | None

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def title(self) -> str:
        return CLOSING_TITLE if self.lesson is None else self.lesson.title


@dataclass(frozen=True)
class Plan:
    """A class of ``minutes``: lessons in course order, then the closing; the rest for later."""

    minutes: int
    slots: tuple[Slot, ...]
    later: tuple[Lesson, ...]  # lessons that did not fit: homework or another class

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        return tuple(slot.lesson for slot in self.slots if slot.lesson is not None)


def closing_minutes(total: int) -> int:
    """About a tenth of the class, in whole 5 minutes, and never under ``MIN_CLOSING``."""
    return max(MIN_CLOSING, 5 * round(total / 50))


def plan(
    lessons: Sequence[Lesson],
    total: int,
    *,
    priority: Sequence[str] = PRIORITY,
    closing: int | None = None,
) -> Plan:
    """The lessons that fit a class of ``total`` minutes, with start times.

    Lessons are taken in ``priority`` order (then any others in course order); one that does not
    fit in the time still free is left for later and the next one is tried. The chosen lessons run
    in course order, each for its full ``minutes``, and the time left at the end is the closing
    (at least ``closing`` minutes, by default :func:`closing_minutes`).
    """
    if not lessons:
        raise PlanError("the course has no lessons to plan")
    closing = closing_minutes(total) if closing is None else closing
    if closing < 0:
        raise PlanError(f"the closing cannot take {closing} minutes")
    rank = {lesson_id: position for position, lesson_id in enumerate(priority)}
    order = sorted(range(len(lessons)), key=lambda i: (rank.get(lessons[i].id, len(rank)), i))
    first = lessons[order[0]]
    if first.minutes + closing > total:
        raise PlanError(
            f"a class of {total} minutes is too short: '{first.title}' takes {first.minutes} "
            f"minutes and the closing {closing}"
        )
    free = total - closing
    chosen: set[int] = set()
    for index in order:
        if lessons[index].minutes <= free:
            chosen.add(index)
            free -= lessons[index].minutes
    slots: list[Slot] = []
    clock = 0
    for index in sorted(chosen):
        slots.append(Slot(clock, lessons[index].minutes, lessons[index]))
        clock += lessons[index].minutes
    slots.append(Slot(clock, total - clock, None))
    later = tuple(lesson for i, lesson in enumerate(lessons) if i not in chosen)
    return Plan(total, tuple(slots), later)


def lesson_plans(content: Course | None = None, lengths: Iterable[int] = PLAN_LENGTHS) -> Html:
    """A table for each class length: what to teach when, and which lessons are left for later."""
    lessons = (content or course()).lessons
    numbers = {lesson.id: number for number, lesson in enumerate(lessons)}
    parts = []
    for total in lengths:
        made = plan(lessons, total)
        rows = [
            element(
                "tr",
                element("td", f"{_clock(slot.start)} to {_clock(slot.end)}", style=_CELL),
                element("td", str(slot.minutes), style=_CELL),
                element("td", _slot_cell(slot, numbers), style=_CELL),
            )
            for slot in made.slots
        ]
        parts.append(element("h3", f"A {total}-minute class"))
        parts.append(
            element(
                "table",
                element("caption", f"Plan for a {total}-minute class", style="text-align:left"),
                element(
                    "thead",
                    element(
                        "tr",
                        *(element("th", h, scope="col", style=_CELL) for h in _PLAN_HEADINGS),
                    ),
                ),
                element("tbody", *rows),
                style=_TABLE,
            )
        )
        if made.later:
            parts.append(
                element(
                    "p",
                    element("strong", "For homework or another class: "),
                    join(
                        *_commas(_lesson_link(lesson, numbers[lesson.id]) for lesson in made.later)
                    ),
                    ".",
                )
            )
    return element("section", *parts, class_="backedu-lesson-plans", aria_label="Class plans")


_PLAN_HEADINGS = ("Time (h:mm)", "Minutes", "What to do")


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _slot_cell(slot: Slot, numbers: Mapping[str, int]) -> Html:
    if slot.lesson is None:
        return element("strong", slot.title)
    return _lesson_link(slot.lesson, numbers[slot.lesson.id])


def _lesson_link(lesson: Lesson, number: int) -> Html:
    return join(
        f"Lesson {number}: ", element("a", lesson.title, href=lesson.notebook, style=LINK_STYLE)
    )


def _commas(parts: Iterable[Html]) -> list[Html]:
    out: list[Html] = []
    for part in parts:
        if out:
            out.append(Html(", "))
        out.append(part)
    return out


# --- course overview ------------------------------------------------------------------------------
def course_overview(content: Course | None = None) -> Html:
    """Every lesson with its minutes and learning objectives, and the time for the whole course."""
    lessons = (content or course()).lessons
    rows = [
        element(
            "tr",
            element("td", str(number), style=_CELL),
            element(
                "td",
                element("a", lesson.title, href=lesson.notebook, style=LINK_STYLE),
                style=_CELL,
            ),
            element("td", str(lesson.minutes), style=_CELL),
            element(
                "td",
                element(
                    "ul",
                    *(element("li", goal) for goal in lesson.objectives),
                    style="margin:0;padding-left:1.2em",
                ),
                style=_CELL,
            ),
        )
        for number, lesson in enumerate(lessons)
    ]
    total = sum(lesson.minutes for lesson in lessons)
    return element(
        "section",
        element(
            "table",
            element("caption", "The lessons and what students learn", style="text-align:left"),
            element(
                "thead",
                element(
                    "tr",
                    *(
                        element("th", h, scope="col", style=_CELL)
                        for h in ("#", "Lesson", "Minutes", "By the end, students can")
                    ),
                ),
            ),
            element("tbody", *rows),
            style=_TABLE,
        ),
        element(
            "p",
            element("strong", "The whole course: "),
            f"about {total} minutes ({_clock(total)}) over {len(lessons)} lessons.",
        ),
        class_="backedu-course-overview",
        aria_label="The lessons and their learning objectives",
    )


# --- what to do about red flags -------------------------------------------------------------------
def red_flag_steps(content: Course | None = None, *, region: Region | None = None) -> Html:
    """Plain steps for a teacher whose student describes a red-flag sign, in the region's words."""
    symptoms = (content or course()).symptoms
    words = services(region)
    emergency = advice_for(Level.EMERGENCY, region)
    urgent = advice_for(Level.URGENT, region)

    def signs(level: Level) -> Html:
        return element(
            "ul",
            *(
                element("li", s.label)
                for s in symptoms
                if s.level is level and s.group in (SymptomGroup.RED_FLAG, SymptomGroup.NOT_BACK)
            ),
        )

    steps = element(
        "ol",
        element(
            "li",
            element("strong", "Stay calm and listen. "),
            "Talk with the student away from the class. You do not need to work out what is "
            "wrong, and you should not try. Your job is to get them to the right help.",
        ),
        element(
            "li",
            element("strong", f"Emergency signs now: call {words.emergency_number}. "),
            emergency.action,
            " Stay with the student, send for your first-aider, and follow your school's "
            "first-aid rules. Tell a parent or carer.",
        ),
        element(
            "li",
            element("strong", "Urgent signs: help today. "),
            urgent.action,
            " Tell a parent or carer today, so that they can take the student.",
        ),
        element(
            "li",
            element("strong", "No red flags, but still worried: "),
            f"{words.doctor} Suggest they talk to a parent, carer or the school nurse.",
        ),
        element(
            "li",
            element("strong", "Afterwards: "),
            "check in with the student, and write down what happened only as your school's "
            "rules ask. The module itself saves nothing a student ticks or types about their "
            "body.",
        ),
    )
    return element(
        "section",
        element(
            "p",
            element("strong", f"Emergency number in this app's region: {words.emergency_number}"),
            f" ({emergency.heading}).",
            style=_ALERT_STYLE,
        ),
        steps,
        element(
            "h3",
            f"Emergency signs: call {words.emergency_number} or go to the emergency department",
        ),
        signs(Level.EMERGENCY),
        element("h3", "Urgent signs: get help the same day"),
        signs(Level.URGENT),
        class_="backedu-red-flag-steps",
        aria_label="What to do if a student describes red-flag symptoms",
    )


# --- the answer key -------------------------------------------------------------------------------
def teacher_pin(environ: Mapping[str, str] | None = None) -> str | None:
    """The teacher PIN that ``backedu class`` (or ``backedu serve`` beyond this computer) set.

    ``None`` when no PIN is set: the app runs on the teacher's own computer. A set but malformed
    PIN raises ``ClassConfigError`` (the answer key then stays closed: it fails safe).
    """
    env = os.environ if environ is None else environ
    raw = env.get(ENV_PIN, "").strip()
    return check_pin(raw, where=f"environment variable {ENV_PIN}") if raw else None


_TYPE_HINTS = {
    QuestionType.SINGLE: "One answer is right.",
    QuestionType.MULTIPLE: "Every right answer must be chosen.",
    QuestionType.TRUE_FALSE: "True or false.",
}


def answer_key_html(content: Course | None = None) -> Html:
    """Every quiz question with each choice marked right or wrong and why; every claim of the
    article with the verdict, the reason, the ratings that count as right and the sources."""
    content = content or course()
    sources = {source.id: source for source in content.sources}
    parts: list[Html] = [element("h3", "Quiz questions, lesson by lesson")]
    for number, lesson in enumerate(content.lessons):
        questions = [q for q in content.questions if q.lesson == lesson.id]
        if not questions:
            continue
        parts.append(
            element(
                "details",
                element(
                    "summary",
                    element(
                        "strong",
                        f"Lesson {number}: {lesson.title} ({_count(questions, 'question')})",
                    ),
                ),
                element("ol", *(_question_item(q, sources) for q in questions)),
                class_="backedu-answer-key-questions",
            )
        )
    parts.append(element("h3", "The article's claims, in the article's order"))
    number = 1  # numbered through, as the activity counts them ("Claim 5 of 37")
    for section, claims in _by_section(content.claims):
        parts.append(
            element(
                "details",
                element("summary", element("strong", f"{section} ({_count(claims, 'claim')})")),
                element("ol", *(_claim_item(c, sources) for c in claims), start=str(number)),
                class_="backedu-answer-key-claims",
            )
        )
        number += len(claims)
    return element("section", *parts, class_="backedu-answer-key-content")


def _stop(text: str) -> str:
    """``text`` ending with a full stop (or its own ``?`` or ``!``)."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _count(items: Sequence[object], word: str) -> str:
    return f"{len(items)} {word}{'' if len(items) == 1 else 's'}"


def _question_item(question: Question, sources: Mapping[str, Source]) -> Html:
    choices = [
        element(
            "li",
            element("span", "✔" if c.correct else "✘", aria_hidden="true"),
            " ",
            element("strong", f"{'Right' if c.correct else 'Wrong'}: {_stop(c.text)} "),
            c.feedback,
        )
        for c in question.choices
    ]
    return element(
        "li",
        element("p", element("strong", question.prompt), " ", _TYPE_HINTS[question.type]),
        element("ul", *choices),
        _sources_line(question.sources, sources),
    )


def _claim_item(claim: Claim, sources: Mapping[str, Source]) -> Html:
    fitting = [rating.label for rating in Rating if rating in FITTING[claim.verdict]]
    return element(
        "li",
        element("p", element("strong", "The article says: "), claim.article_says),
        element(
            "p",
            element("span", VERDICT_ICONS[claim.verdict], aria_hidden="true"),
            " ",
            element("strong", f"Verdict: {VERDICT_LABELS[claim.verdict]}. "),
            "Ratings that count as right: ",
            " or ".join(f"“{label}”" for label in fitting),
            ".",
        ),
        element("p", element("strong", "Why: "), claim.reason),
        _sources_line(claim.sources, sources),
    )


def _sources_line(source_ids: Sequence[str], sources: Mapping[str, Source]) -> Html:
    links = [
        element("a", sources[s].title, href=str(sources[s].url), style=LINK_STYLE)
        for s in source_ids
    ]
    return element("p", element("strong", "Sources: "), join(*_commas(links)))


def _by_section(claims: Sequence[Claim]) -> list[tuple[str, list[Claim]]]:
    """Claims grouped by the article's section, sections in the order they first appear."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.section, []).append(claim)
    return list(groups.items())
