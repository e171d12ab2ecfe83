"""Printable worksheets for a class without devices: whole HTML pages (A4 print CSS) built from
the course content. The answer key is its own sheet and the only one that says which answers are
right: the student sheets carry questions and boxes only. ``backedu.printing.worksheets`` writes
them to files and prints them to PDF."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from backedu.content import Course, course
from backedu.content.models import Drawing, Level, QuestionType, SymptomGroup
from backedu.logic.claims import JUDGE_AN_ARTICLE, Rating, by_section, rating_name, verdict_name
from backedu.logic.quiz import by_lesson
from backedu.logic.region import Region
from backedu.logic.triage import advice_for, warning_signs
from backedu.views import theme
from backedu.views.html import Html, element, join
from backedu.views.pages import sign_lists
from backedu.views.pictures import picture

TITLE = "Lower back spasms: what is true and what is not"

_TYPE_HINTS: dict[QuestionType, str] = {
    QuestionType.SINGLE: "Tick one answer.",
    QuestionType.MULTIPLE: "Tick every answer that is right.",
    QuestionType.TRUE_FALSE: "Tick True or False.",
}


@dataclass(frozen=True)
class Sheet:
    """One printable sheet: its file name (without extension), title and whole HTML page."""

    name: str
    title: str
    html: str


# --- the sheets -----------------------------------------------------------------------------------
def symptom_sorting_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """Every symptom in a mixed order, with one box per group to tick."""
    content = content or course()
    symptoms = list(content.symptoms)
    random.Random("symptom-sorting").shuffle(symptoms)  # same order every print, groups mixed
    groups = [content.words.group(group) for group in SymptomGroup]
    head = element(
        "tr",
        element("th", "#"),
        element("th", "Symptom"),
        *(element("th", group.name, class_="tick") for group in groups),
    )
    rows = [
        element(
            "tr",
            element("td", str(number)),
            element("td", symptom.label),
            *(
                element(
                    "td",
                    element("span", "", class_="box", aria_label=f"{group.name}: {symptom.label}"),
                    class_="tick",
                )
                for group in groups
            ),
        )
        for number, symptom in enumerate(symptoms, start=1)
    ]
    meanings = element(
        "ul",
        *(element("li", element("strong", f"{group.name}: "), group.meaning) for group in groups),
    )
    body = join(
        element(
            "p",
            "Read each symptom. Tick one box to say which group it belongs to. "
            "Then talk about your answers with a partner.",
            class_="how",
        ),
        meanings,
        element("table", element("thead", head), element("tbody", *rows)),
        # the sign most easily missed, drawn: what "the saddle area" means
        picture(Drawing.SADDLE_AREA.value, uid="sheet", sources=False),
        element(
            "p",
            element("strong", "Remember: "),
            "a red flag with back pain means get help fast. The box at the top of this sheet "
            "says what to do.",
        ),
    )
    return _sheet("symptom-sorting", "Sort the symptoms", body, region=region)


def cause_cards_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """One card per cause, to cut out and sort."""
    content = content or course()
    cards = [
        element(
            "div",
            element("h3", cause.name),
            element(
                "dl",
                element("dt", "How it hurts"),
                element("dd", cause.how_it_hurts),
                element("dt", "Who gets it"),
                element("dd", cause.at_risk),
                element("dt", "Can you change it?"),
                element("dd", content.words.modifiable_of(cause.modifiable).name),
                element("dt", "What to do"),
                element("dd", advice_for(cause.level, region).name),
                element("dt", "How common (check after sorting)"),
                element("dd", content.words.commonness_of(cause.how_common).name),
            ),
            class_="card",
        )
        for cause in content.causes
    ]
    body = join(
        element(
            "p",
            "Cut out the cards. In a group, put them in order from the most common cause to the "
            "rarest, and put the myths to one side. Then check the last line of each card.",
            class_="how",
        ),
        element("div", *cards, class_="cards"),
    )
    return _sheet("cause-cards", "Cause cards", body, region=region)


def quiz_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """Every quiz question with empty boxes: nothing says which answer is right."""
    content = content or course()
    parts: list[str] = [
        element(
            "p",
            "Answer every question on your own. Your teacher has the answers.",
            class_="how",
        )
    ]
    for _, lesson, numbered in by_lesson(content.lessons, content.questions):
        parts.append(element("h2", lesson.title))
        for number, question in numbered:
            choices = [
                element(
                    "li",
                    element("span", "", class_="box"),
                    element("span", f"{_letter(index)}", class_="letter"),
                    choice.text,
                )
                for index, choice in enumerate(question.choices)
            ]
            parts.append(
                element(
                    "div",
                    element("h3", f"{number}. ", question.prompt),
                    element("p", _TYPE_HINTS[question.type]),
                    element("ol", *choices),
                    class_="item",
                )
            )
    return _sheet("quiz", "Quiz", join(*parts), region=region)


def article_check_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """Each claim of the article with the four ratings to tick and a line for why."""
    content = content or course()
    ratings = element(
        "p",
        *(
            element("span", element("span", "", class_="box"), rating_name(rating), class_="rating")
            for rating in Rating
        ),
    )
    parts: list[str] = [
        element(
            "p",
            "A web article about back spasms makes these claims. For each one, tick what you "
            "think: true, partly true, false, or not sure. Then write why.",
            class_="how",
        )
    ]
    for section, numbered in by_section(content.claims):
        parts.append(element("h2", f"The article: {section}"))
        for number, claim in numbered:
            parts.append(
                element(
                    "div",
                    element("h3", f"{number}. “", claim.article_says, "”"),
                    ratings,
                    element("p", "Why do you think so?"),
                    element("div", "", class_="lines"),
                    class_="item",
                )
            )
    parts.append(element("h2", "Questions to ask of any health article"))
    parts.append(
        element(
            "ul",
            *(element("li", ask) for ask in JUDGE_AN_ARTICLE),
        )
    )
    return _sheet("article-check", "Check the article", join(*parts), region=region)


def answer_key_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """For the teacher: the quiz answers with why, the symptom groups and the claims' verdicts."""
    content = content or course()
    parts: list[str] = [
        element("p", "Teacher's copy. Do not hand out.", class_="teacher"),
        element("h2", "Quiz"),
    ]
    for _, lesson, numbered in by_lesson(content.lessons, content.questions):
        parts.append(element("h3", lesson.title, style="margin-top:3mm"))
        rows = []
        for number, question in numbered:
            right = [
                (index, choice) for index, choice in enumerate(question.choices) if choice.correct
            ]
            rows.append(
                element(
                    "tr",
                    element("td", str(number)),
                    element("td", question.prompt),
                    element(
                        "td",
                        element(
                            "span",
                            ", ".join(f"{_letter(i)} {c.text}" for i, c in right),
                            class_="key-answer",
                        ),
                        " ".join(c.feedback for _, c in right),
                    ),
                )
            )
        parts.append(_key_table(("#", "Question", "Answer and why"), rows))
    parts.append(element("h2", "Sort the symptoms"))
    symptoms = list(content.symptoms)
    random.Random("symptom-sorting").shuffle(symptoms)  # the same numbers as the student sheet
    parts.append(
        _key_table(
            ("#", "Symptom", "Group"),
            [
                element(
                    "tr",
                    element("td", str(number)),
                    element("td", symptom.label),
                    element(
                        "td",
                        element(
                            "span", content.words.group(symptom.group).name, class_="key-answer"
                        ),
                        advice_for(symptom.level, region).name,
                    ),
                )
                for number, symptom in enumerate(symptoms, start=1)
            ],
        )
    )
    parts.append(element("h2", "Check the article"))
    rows = []
    for _section, numbered_claims in by_section(content.claims):
        for number, claim in numbered_claims:
            rows.append(
                element(
                    "tr",
                    element("td", str(number)),
                    element("td", claim.article_says),
                    element(
                        "td",
                        element("span", verdict_name(claim.verdict), class_="key-answer"),
                        claim.reason,
                    ),
                )
            )
    parts.append(_key_table(("#", "The article says", "What the evidence says"), rows))
    return _sheet("answer-key", "Answer key", join(*parts), region=region, name_line=False)


SHEETS: tuple[Callable[..., Sheet], ...] = (
    symptom_sorting_sheet,
    cause_cards_sheet,
    quiz_sheet,
    article_check_sheet,
    answer_key_sheet,
)


def all_sheets(content: Course | None = None, *, region: Region | None = None) -> list[Sheet]:
    return [make(content, region=region) for make in SHEETS]


# --- shared parts ---------------------------------------------------------------------------------
def _sheet(
    name: str, title: str, body: str, *, region: Region | None, name_line: bool = True
) -> Sheet:
    emergency = warning_signs(Level.EMERGENCY, region)
    page = join(
        Html("<!DOCTYPE html>\n"),
        element(
            "html",
            element(
                "head",
                Html('<meta charset="utf-8">'),
                element("title", f"{title}: {TITLE}"),
                element("style", Html(theme.PRINT_CSS)),
            ),
            element(
                "body",
                element(
                    "header",
                    element("h1", title),
                    element("p", TITLE, class_="subtitle"),
                    element(
                        "p", "Name: ______________________   Date: ____________", class_="name-line"
                    )
                    if name_line
                    else "",
                    element(
                        "div",
                        element(
                            "p",
                            element("strong", "This sheet teaches. It does not diagnose. "),
                            element("strong", f"{emergency.advice.heading}."),
                        ),
                        sign_lists(emergency, changes=False),
                        class_="safety",
                    ),
                ),
                element("main", Html(body)),
                element(
                    "footer",
                    "backedu classroom module. Facts are checked against the NHS, NICE and "
                    "research; the sources are listed in the lessons.",
                ),
            ),
            lang="en-GB",
        ),
    )
    return Sheet(name, title, str(page))


def _key_table(headers: Sequence[str], rows: Sequence[str]) -> Html:
    return element(
        "table",
        element("thead", element("tr", *(element("th", h) for h in headers))),
        element("tbody", *rows),
        class_="key",
    )


def _letter(index: int) -> str:
    return "ABCDEFGHIJ"[index]
