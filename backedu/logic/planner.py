"""Planners: a student's answers become something to take away (notes for a doctor, a plan for the
first week). Pure Python; the forms themselves are content (planners.yaml).

Privacy is the point of this module's shape: it only checks answers and turns them into text.
Nothing here writes a file, logs or sends anything; ``backedu.views.planner`` puts the result on
the page and into a ``data:`` download link, so it exists only in the page and in this kernel's
memory, and is gone when the page closes.

Answers are untrusted text. They are cleaned (control characters dropped, line ends made plain),
limited to ``MAX_LENGTH`` characters with a clear message when longer, and escaped wherever they
become HTML, so ``<script>`` typed in a box shows up as those characters, never as markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from backedu.content import Course, course
from backedu.content.models import AnswerKind, Level, PlanField, Planner
from backedu.errors import PlannerError
from backedu.logic.region import Region
from backedu.logic.triage import SignList, warning_signs

__all__ = [
    "APPOINTMENT",
    "DO_NOT_WAIT",
    "FIRST_WEEK",
    "MAX_LENGTH",
    "TICKED",
    "Problem",
    "Row",
    "answered",
    "check_choice",
    "clean",
    "field",
    "planner",
    "problems",
    "rows",
    "summary_text",
    "warning",
]

MAX_LENGTH = 300  # characters per answer: a few sentences, enough for a doctor's visit
APPOINTMENT = "appointment"  # the planners the lessons use (planners.yaml)
FIRST_WEEK = "first-week"
TICKED = "yes"  # the answer of a ticked box


def planner(planner_id: str = APPOINTMENT, content: Course | None = None) -> Planner:
    """The planner with this id, or a ``PlannerError`` naming those there are."""
    forms = (content or course()).planners
    for form in forms:
        if form.id == planner_id:
            return form
    known = ", ".join(repr(form.id) for form in forms)
    raise PlannerError(f"there is no planner {planner_id!r} (there are {known})")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one answer, worded for the student: which question, and what to do."""

    field: PlanField
    message: str


@dataclass(frozen=True)
class Row:
    """One line of the result: a question and its answer, or a plan's line to tick."""

    field: PlanField
    text: str  # the answer as the student reads it, or the line with the answer put in

    @property
    def is_line(self) -> bool:
        return self.field.line is not None


def field(form: Planner, field_id: str) -> PlanField:
    """The question with this id, or a ``PlannerError`` listing the ids there are."""
    for question in form.fields:
        if question.id == field_id:
            return question
    known = ", ".join(repr(f.id) for f in form.fields)
    raise PlannerError(f"the planner has no question {field_id!r} (it has {known})")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: object) -> str:
    """A typed answer made plain: Unicode normalised, line ends made ``\\n``, other control
    characters dropped, spaces at both ends removed."""
    if not isinstance(text, str):
        raise PlannerError(f"an answer is text, not {type(text).__name__} ({text!r})")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).replace("\t", " ")
    return text.strip()


def check_choice(question: PlanField, value: str) -> None:
    """Raise a ``PlannerError`` unless ``value`` is empty or one the question offers (a choice's
    id, or ``TICKED`` for a box)."""
    offered = [c.id for c in question.choices] if question.kind is AnswerKind.CHOICE else [TICKED]
    if value and value not in offered:
        listed = ", ".join(repr(each) for each in offered)
        raise PlannerError(
            f"question '{question.id}' ({question.label}) has no choice {value!r}; "
            f"its choices are {listed}"
        )


def problems(form: Planner, answers: Mapping[str, str]) -> tuple[Problem, ...]:
    """What the student must fix before a result is made, in question order.

    Unknown question ids and impossible choices are programming errors (``PlannerError``);
    too-long answers and an empty form are the student's to fix, so they come back as messages.
    """
    for field_id in answers:
        field(form, field_id)
    found: list[Problem] = []
    for question in form.fields:
        value = clean(answers.get(question.id, ""))
        if question.kind is not AnswerKind.TEXT:
            check_choice(question, value)
        elif len(value) > MAX_LENGTH:
            found.append(
                Problem(
                    question,
                    f"Your answer to “{question.label}” is {len(value)} characters long. "
                    f"Please make it shorter: {MAX_LENGTH} characters at most.",
                )
            )
    if not found and not any(clean(answers.get(q.id, "")) for q in form.fields):
        found.append(
            Problem(
                form.fields[0], f"Answer at least one question first, then press “{form.make}”."
            )
        )
    return tuple(found)


def answered(form: Planner, answers: Mapping[str, str]) -> tuple[tuple[PlanField, str], ...]:
    """(question, answer as the student would read it) for each answered question, in order.

    Raises ``PlannerError`` if ``problems(form, answers)`` is not empty: a result is only made
    from answers that passed the checks.
    """
    found = problems(form, answers)
    if found:
        raise PlannerError("; ".join(p.message for p in found))
    result = []
    for question in form.fields:
        value = clean(answers.get(question.id, ""))
        if value:
            if question.kind is AnswerKind.CHOICE:
                value = next(c.label for c in question.choices if c.id == value)
            result.append((question, value))
    return tuple(result)


def rows(form: Planner, answers: Mapping[str, str]) -> tuple[Row, ...]:
    """The result line by line: each answer, or its line with the answer put in."""
    return tuple(
        Row(question, question.line.format(answer=value) if question.line else value)
        for question, value in answered(form, answers)
    )


def warning(region: Region | None) -> SignList:
    """The emergency signs under every result: do not wait for an appointment or a plan."""
    return warning_signs(Level.EMERGENCY, region)


DO_NOT_WAIT = "Do not wait if you get any of these signs."


def summary_text(form: Planner, answers: Mapping[str, str], *, region: Region | None = None) -> str:
    """The result as plain text, for the download."""
    lines = [form.title, "=" * len(form.title), ""]
    for row in rows(form, answers):
        if row.is_line:
            lines += [f"[ ] {row.text}", ""]
        else:
            lines.append(row.field.label)
            lines.extend(f"  {line}" for line in row.text.split("\n"))
            lines.append("")
    signs = warning(region)
    lines += [form.footer, "", f"{signs.advice.heading}. {DO_NOT_WAIT}"]
    for group in signs.groups:
        lines.append(f"{group.action} Do this if you have any of these:")
        lines.extend(f"  - {sign.label}" for sign in group.signs)
    return "\n".join(lines) + "\n"
