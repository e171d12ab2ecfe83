"""Teacher material as HTML: the course overview, class plans, what to do when a student
describes red-flag symptoms, and the answer key.

The answer key is built here but reaches a page only through ``backedu.widgets.teaching``, which
keeps it behind the teacher PIN when the app is served to a class.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from backedu.content import course
from backedu.content.models import (
    Claim,
    Course,
    Lesson,
    Level,
    Question,
    QuestionType,
)
from backedu.logic.claims import by_section, fitting_ratings, rating_name, verdict_name
from backedu.logic.quiz import by_lesson
from backedu.logic.region import Region, services
from backedu.logic.teaching import PLAN_LENGTHS, Slot, plan
from backedu.logic.triage import warning_signs
from backedu.views import theme
from backedu.views.claims import VERDICT_ICONS
from backedu.views.html import Html, element, icon, join
from backedu.views.pages import sign_lists
from backedu.views.sources import sources_line


def lesson_plans(content: Course | None = None, lengths: Iterable[int] = PLAN_LENGTHS) -> Html:
    """A table for each class length: what to teach when, and which lessons are left for later."""
    lessons = (content or course()).lessons
    numbers = {lesson.id: number for number, lesson in enumerate(lessons)}
    parts = []
    for total in lengths:
        made = plan(lessons, total, priority=(content or course()).class_priority)
        rows = [
            element(
                "tr",
                element("td", f"{_clock(slot.start)} to {_clock(slot.end)}", style=theme.CELL),
                element("td", str(slot.minutes), style=theme.CELL),
                element("td", _slot_cell(slot, numbers), style=theme.CELL),
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
                        *(element("th", h, scope="col", style=theme.CELL) for h in _PLAN_HEADINGS),
                    ),
                ),
                element("tbody", *rows),
                style=theme.TABLE,
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
        f"Lesson {number}: ",
        element("a", lesson.title, href=lesson.notebook, style=theme.LINK_STYLE),
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
            element("td", str(number), style=theme.CELL),
            element(
                "td",
                element("a", lesson.title, href=lesson.notebook, style=theme.LINK_STYLE),
                style=theme.CELL,
            ),
            element("td", str(lesson.minutes), style=theme.CELL),
            element(
                "td",
                element(
                    "ul",
                    *(element("li", goal) for goal in lesson.objectives),
                    style="margin:0;padding-left:1.2em",
                ),
                style=theme.CELL,
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
                        element("th", h, scope="col", style=theme.CELL)
                        for h in ("#", "Lesson", "Minutes", "By the end, students can")
                    ),
                ),
            ),
            element("tbody", *rows),
            style=theme.TABLE,
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
    """Plain steps for a teacher whose student describes a red-flag sign, in the region's words,
    then every emergency and urgent sign (the same lists every page shows)."""
    symptoms = (content or course()).symptoms
    words = services(region)
    emergency = warning_signs(Level.EMERGENCY, region, symptoms=symptoms)
    urgent = warning_signs(Level.URGENT, region, symptoms=symptoms)
    first_aid = [sign for sign in emergency.signs if sign.first_aid]

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
            element("strong", f"{emergency.advice.heading}. "),
            "For an emergency sign, do what its list below says. Stay with the student, send for "
            "your first-aider, and follow your school's first-aid rules. Tell a parent or carer.",
        ),
        *(
            element(
                "li",
                element("strong", f"First aid: {sign.label}. "),
                f"{sign.first_aid} Call {words.emergency_number}.",
            )
            for sign in first_aid
        ),
        element(
            "li",
            element("strong", f"{urgent.advice.heading}. "),
            urgent.advice.action,
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
            f" ({emergency.advice.heading}).",
            style=theme.ALERT,
        ),
        steps,
        element("h3", emergency.advice.heading),
        sign_lists(emergency),
        element("h3", urgent.advice.heading),
        sign_lists(urgent),
        class_="backedu-red-flag-steps",
        aria_label="What to do if a student describes red-flag symptoms",
    )


# --- the answer key -------------------------------------------------------------------------------
_TYPE_HINTS = {
    QuestionType.SINGLE: "One answer is right.",
    QuestionType.MULTIPLE: "Every right answer must be chosen.",
    QuestionType.TRUE_FALSE: "True or false.",
}


def answer_key_html(content: Course | None = None) -> Html:
    """Every quiz question with each choice marked right or wrong and why; every claim of the
    article with the verdict, the reason, the ratings that count as right and the sources."""
    content = content or course()
    parts: list[Html] = [element("h3", "Quiz questions, lesson by lesson")]
    for number, lesson, numbered in by_lesson(content.lessons, content.questions):
        questions = [question for _, question in numbered]
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
                element("ol", *(_question_item(q, content) for q in questions)),
                class_="backedu-answer-key-questions",
            )
        )
    parts.append(element("h3", "The article's claims, in the article's order"))
    for section, numbered_claims in by_section(content.claims):
        claims = [claim for _, claim in numbered_claims]
        parts.append(
            element(
                "details",
                element("summary", element("strong", f"{section} ({_count(claims, 'claim')})")),
                # numbered through, as the activity counts them ("Claim 5 of 37")
                element(
                    "ol",
                    *(_claim_item(claim, content) for claim in claims),
                    start=str(numbered_claims[0][0]),
                ),
                class_="backedu-answer-key-claims",
            )
        )
    return element("section", *parts, class_="backedu-answer-key-content")


def _stop(text: str) -> str:
    """``text`` ending with a full stop (or its own ``?`` or ``!``)."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _count(items: Sequence[object], word: str) -> str:
    return f"{len(items)} {word}{'' if len(items) == 1 else 's'}"


def _question_item(question: Question, content: Course) -> Html:
    choices = [
        element(
            "li",
            icon("✔" if c.correct else "✘"),
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
        sources_line(content.source(s) for s in question.sources),
    )


def _claim_item(claim: Claim, content: Course) -> Html:
    fitting = [rating_name(rating) for rating in fitting_ratings(claim.verdict)]
    return element(
        "li",
        element("p", element("strong", "The article says: "), claim.article_says),
        element(
            "p",
            icon(VERDICT_ICONS[claim.verdict]),
            " ",
            element("strong", f"Verdict: {verdict_name(claim.verdict)}. "),
            "Ratings that count as right: ",
            " or ".join(f"“{label}”" for label in fitting),
            ".",
        ),
        element("p", element("strong", "Why: "), claim.reason),
        sources_line(content.source(s) for s in claim.sources),
    )


# --- the answer key's notes ---------------------------------------------------------------
MAX_PIN_TRIES = 5

NO_PIN_NOTE = (
    "No teacher PIN is set, so the answer key is shown. That is fine on your own computer. When "
    "you serve the app to a class (make class, or make serve HOST=0.0.0.0), the app sets a PIN "
    "and the key stays hidden until you type it here."
)
LOCKED_NOTE = (
    "The answer key is hidden from students. Type the teacher PIN that make class or make serve "
    "printed when it started, then press Show the answer key."
)
WRONG_PIN = "That PIN is not right. Check the PIN the app printed when it started, and try again."
LOCKED_OUT = (
    f"That PIN is not right. After {MAX_PIN_TRIES} tries this box is locked. Reload the page "
    "to try again."
)
OPENED = "The answer key is open. It closes when you leave or reload this page."


def status_html(message: str, *, alert: bool = False) -> Html:
    """A note about the key; a problem is an alert, said in words, never by colour alone."""
    return element(
        "p",
        message,
        role="alert" if alert else "status",
        style=theme.ALERT if alert else theme.BOX,
    )
