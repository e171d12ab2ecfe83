"""The appointment planner: a student's answers become notes to take to a doctor. Pure Python.

Privacy is the point of this module's shape: it only turns answers into text and HTML. Nothing
here writes a file, logs or sends anything. The download is a ``data:`` URL that carries the
notes inside the link itself, so the summary exists only in the page and in this kernel's memory,
and is gone when the page closes.

Answers are untrusted text. They are cleaned (control characters dropped, line ends made plain),
limited to ``MAX_LENGTH`` characters with a clear message when longer, and escaped wherever they
become HTML, so ``<script>`` typed in a box shows up as those characters, never as markup.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from backedu.errors import PlannerError
from backedu.logic.region import Region, services
from backedu.views.html import Html, element, join
from backedu.views.pages import LINK_STYLE

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


def _footer(region: Region | None) -> tuple[str, str]:
    return (
        "This is not a diagnosis. It is a list of things to tell your doctor.",
        "If you get numb skin around your bottom or genitals, new trouble peeing or pooing, or "
        f"weakness in both legs, do not wait for the appointment: {services(region).emergency}",
    )


def summary_text(answers: Mapping[str, str], *, region: Region | None = None) -> str:
    """The notes as plain text, for the download."""
    lines = [TITLE, "=" * len(TITLE), ""]
    for question, value in answered(answers):
        lines.append(question.label)
        lines.extend(f"  {line}" for line in value.split("\n"))
        lines.append("")
    lines.extend(_footer(region))
    return "\n".join(lines) + "\n"


def _answer_html(value: str) -> Html:
    """Each typed line escaped on its own; only our ``<br>`` joins them."""
    parts: list[str] = []
    for index, line in enumerate(value.split("\n")):
        if index:
            parts.append(Html("<br>"))
        parts.append(line)
    return join(*parts)


def notes_html(answers: Mapping[str, str], *, region: Region | None = None) -> Html:
    """The notes as an HTML fragment: a heading, then each question and its answer."""
    rows = answered(answers)
    dl = element(
        "dl",
        *(
            join(
                element("dt", question.label, style="font-weight:bold;margin-top:0.5em"),
                element("dd", _answer_html(value), style="margin-left:1.5em"),
            )
            for question, value in rows
        ),
    )
    first, second = _footer(region)
    return join(
        element("h3", TITLE, style="margin:0.25em 0"),
        dl,
        element("p", element("strong", first)),
        element("p", second),
    )


def summary_document(answers: Mapping[str, str], *, region: Region | None = None) -> str:
    """A whole web page of the notes, to open and print. It runs no scripts and loads nothing."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        # The page may not load or run anything: even a mistake in escaping could do no harm.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{join(TITLE)}</title></head>"
        '<body style="font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.5">'
        f"{notes_html(answers, region=region)}</body></html>\n"
    )


def data_url(content: str, media_type: str) -> str:
    """``content`` packed into a ``data:`` URL: the link itself carries the file."""
    payload = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return f"data:{media_type};charset=utf-8;base64,{payload}"


def summary_html(answers: Mapping[str, str], *, region: Region | None = None) -> Html:
    """What the page shows: the notes, two download links, and how to print."""
    text_link = element(
        "a",
        "Download as a text file",
        href=data_url(summary_text(answers, region=region), "text/plain"),
        download=TEXT_FILE,
        style=LINK_STYLE,
    )
    page_link = element(
        "a",
        "Download as a page to print",
        href=data_url(summary_document(answers, region=region), "text/html"),
        download=PAGE_FILE,
        style=LINK_STYLE,
    )
    return element(
        "section",
        notes_html(answers, region=region),
        element("p", text_link, " · ", page_link),
        element(
            "p",
            "To print: download the page, open it, then press Ctrl and P "
            "(on a Mac, Command and P). Nothing is saved here: when you close this page, "
            "your notes are gone.",
        ),
        class_="backedu-planner-notes",
        aria_label="Your notes for the doctor",
        style="border:2px solid #1b5e20;border-radius:6px;background:#ffffff;color:#1a1a1a;"
        "padding:0.75em 1em;margin:0.5em 0",
    )


def problems_html(found: tuple[Problem, ...]) -> Html:
    """The problems as a list the student can act on, each naming its question."""
    return element(
        "div",
        element(
            "p",
            element("span", "⚠", aria_hidden="true"),
            " ",
            element("strong", "Please fix this first:"),
        ),
        element("ul", *(element("li", problem.message) for problem in found)),
        class_="backedu-planner-problems",
        style="border-left:6px solid #8a1c1c;background:#fdecea;color:#1a1a1a;padding:0.5em 1em",
    )
