"""The appointment planner: a student's answers become notes to take to a doctor. Pure Python.

Privacy is the point of this module's shape: it only checks answers and turns them into text.
Nothing here writes a file, logs or sends anything; ``backedu.views.planner`` puts the notes on
the page and into a ``data:`` download link, so they exist only in the page and in this kernel's
memory, and are gone when the page closes.

Answers are untrusted text. They are cleaned (control characters dropped, line ends made plain),
limited to ``MAX_LENGTH`` characters with a clear message when longer, and escaped wherever they
become HTML, so ``<script>`` typed in a box shows up as those characters, never as markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from backedu.errors import PlannerError
from backedu.logic.region import Region, services

MAX_LENGTH = 300  # characters per answer: a few sentences, enough for a doctor's visit

TITLE = "My back pain: notes for my appointment"
TEXT_FILE = "back-pain-notes.txt"
PAGE_FILE = "back-pain-notes.html"


@dataclass(frozen=True)
class Field:
    """One question of the planner. ``choices`` are (id, label) pairs; empty means free text."""

    id: str
    label: str
    hint: str
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    def choice_label(self, choice_id: str) -> str:
        return dict(self.choices)[choice_id]


_PAIN_WORDS = {0: ": no pain", 10: ": the worst pain you can think of"}

FIELDS: tuple[Field, ...] = (
    Field(
        "started",
        "When did it start?",
        "For example: last Monday, after I lifted a heavy box.",
    ),
    Field(
        "where",
        "Where does it hurt?",
        "For example: low on the left side. Does the pain spread to your bottom or a leg?",
    ),
    Field(
        "how-bad",
        "How bad is it?",
        "0 means no pain and 10 means the worst pain you can think of.",
        choices=tuple((str(n), f"{n} out of 10{_PAIN_WORDS.get(n, '')}") for n in range(11)),
    ),
    Field(
        "how-often",
        "How often does it happen?",
        "Pick the one that fits best.",
        choices=(
            ("first-time", "This is the first time"),
            ("now-and-then", "Now and then"),
            ("weekly", "About once a week"),
            ("daily", "Most days"),
            ("all-the-time", "It does not go away"),
        ),
    ),
    Field(
        "helps",
        "What makes it better?",
        "For example: a warm pack, walking, lying on my side.",
    ),
    Field(
        "worse",
        "What makes it worse?",
        "For example: sitting for a long time, bending, sport.",
    ),
    Field(
        "tried",
        "What have you tried so far?",
        "For example: heat, gentle walks, a medicine a pharmacist said was fine.",
    ),
    Field(
        "stops-me",
        "What does it stop you doing?",
        "For example: I cannot do PE, or I wake up at night.",
    ),
    Field(
        "questions",
        "What do you want to ask?",
        "For example: which exercises are safe for me?",
    ),
)

_BY_ID = {field.id: field for field in FIELDS}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one answer, worded for the student: which question, and what to do."""

    field: Field
    message: str


def field(field_id: str) -> Field:
    """The question with this id, or a ``PlannerError`` listing the ids there are."""
    try:
        return _BY_ID[field_id]
    except (KeyError, TypeError):
        known = ", ".join(repr(f.id) for f in FIELDS)
        raise PlannerError(f"the planner has no question {field_id!r} (it has {known})") from None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: object) -> str:
    """A typed answer made plain: Unicode normalised, line ends made ``\\n``, other control
    characters dropped, spaces at both ends removed."""
    if not isinstance(text, str):
        raise PlannerError(f"an answer is text, not {type(text).__name__} ({text!r})")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).replace("\t", " ")
    return text.strip()


def check_choice(question: Field, value: str) -> None:
    """Raise a ``PlannerError`` unless ``value`` is empty or one of the question's choices."""
    if value and value not in dict(question.choices):
        offered = ", ".join(repr(choice_id) for choice_id, _ in question.choices)
        raise PlannerError(
            f"question '{question.id}' ({question.label}) has no choice {value!r}; "
            f"its choices are {offered}"
        )


def problems(answers: Mapping[str, str]) -> tuple[Problem, ...]:
    """What the student must fix before a summary is made, in question order.

    Unknown question ids and impossible choices are programming errors (``PlannerError``);
    too-long answers and an empty form are the student's to fix, so they come back as messages.
    """
    for field_id in answers:
        field(field_id)
    found: list[Problem] = []
    for question in FIELDS:
        value = clean(answers.get(question.id, ""))
        if question.is_choice:
            check_choice(question, value)
        elif len(value) > MAX_LENGTH:
            found.append(
                Problem(
                    question,
                    f"Your answer to “{question.label}” is {len(value)} characters long. "
                    f"Please make it shorter: {MAX_LENGTH} characters at most.",
                )
            )
    if not found and not any(clean(answers.get(q.id, "")) for q in FIELDS):
        found.append(
            Problem(FIELDS[0], "Answer at least one question first, then make your notes.")
        )
    return tuple(found)


def answered(answers: Mapping[str, str]) -> tuple[tuple[Field, str], ...]:
    """(question, answer as the student would read it) for each answered question, in order.

    Raises ``PlannerError`` if ``problems(answers)`` is not empty: a summary is only made from
    answers that passed the checks.
    """
    found = problems(answers)
    if found:
        raise PlannerError("; ".join(p.message for p in found))
    rows = []
    for question in FIELDS:
        value = clean(answers.get(question.id, ""))
        if value:
            rows.append((question, question.choice_label(value) if question.is_choice else value))
    return tuple(rows)


def footer(region: Region | None) -> tuple[str, str]:
    """The two lines under the notes: not a diagnosis, and when not to wait."""
    return (
        "This is not a diagnosis. It is a list of things to tell your doctor.",
        "If you get numb skin around your bottom or genitals, new trouble peeing or pooing, or "
        f"weakness in both legs, do not wait for the appointment: {services(region).call_or_go}",
    )


def summary_text(answers: Mapping[str, str], *, region: Region | None = None) -> str:
    """The notes as plain text, for the download."""
    lines = [TITLE, "=" * len(TITLE), ""]
    for question, value in answered(answers):
        lines.append(question.label)
        lines.extend(f"  {line}" for line in value.split("\n"))
        lines.append("")
    lines.extend(footer(region))
    return "\n".join(lines) + "\n"
