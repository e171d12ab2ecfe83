"""HTML for the quiz: a question, the feedback once it is checked, the right answer, and the score
with every missed question explained. Right or wrong is shown in words and an icon, never colour
alone."""

from __future__ import annotations

from collections.abc import Sequence

from backedu.content.models import Choice, Question, QuestionType
from backedu.logic.quiz import Outcome, Score, score_message
from backedu.views import theme
from backedu.views.html import Html, element

RIGHT = theme.flagged(theme.SUCCESS)
WRONG = theme.flagged(theme.DANGER)


def heading_html(title: str) -> Html:
    return element("h3", title, style="margin:0.25em 0")


def prompt_html(question: Question) -> Html:
    hint = {
        QuestionType.MULTIPLE: "Choose every answer that is right, then press Check.",
        QuestionType.SINGLE: "Choose one answer, then press Check.",
        QuestionType.TRUE_FALSE: "Choose True or False, then press Check.",
    }[question.type]
    return element(
        "div",
        element("p", element("strong", question.prompt), style="font-size:1.1em;margin:0.5em 0"),
        element("p", hint, style="margin:0.25em 0"),
    )


def feedback_html(outcome: Outcome) -> Html:
    """Right or not, in words and an icon (never colour alone), and why for each choice made."""
    icon, verdict, style = ("✔", "Right!", RIGHT) if outcome.correct else ("✘", "Not quite.", WRONG)
    items = [
        element("li", element("strong", f"You chose “{choice.text}”. "), choice.feedback)
        for choice in outcome.chosen
    ]
    parts = [
        element("p", element("span", icon, aria_hidden="true"), " ", element("strong", verdict)),
        element("ul", *items),
    ]
    if outcome.left_out and outcome.question.type is QuestionType.MULTIPLE:
        count = len(outcome.left_out)
        parts.append(element("p", f"You left out {count} right answer{'s' if count > 1 else ''}."))
    # role="alert": the page replaces this HTML wholesale, and a live region that is itself
    # new is only reliably read out by screen readers when it is an alert.
    return element("div", *parts, role="alert", class_="backedu-quiz-verdict", style=style)


_VERDICT_OPENERS = ("Yes. ", "Right. ", "Right! ", "Correct. ")


def reason(choice: Choice) -> str:
    """A right choice's feedback without its "Yes." or "Right.": read as the reason why.

    Shown after the answer is already marked right, "Why: Right. Belts are not advised" would
    read oddly; "Why: Belts are not advised" does not.
    """
    for opener in _VERDICT_OPENERS:
        if choice.feedback.startswith(opener):
            return choice.feedback.removeprefix(opener)
    return choice.feedback


def hint_html(message: str) -> Html:
    return element("div", element("p", message), role="alert", class_="backedu-quiz-hint")


def solution_html(outcome: Outcome) -> Html:
    answers = outcome.solution
    label = "The right answer is:" if len(answers) == 1 else "The right answers are:"
    return element(
        "div",
        element("p", element("strong", label)),
        element(
            "ul",
            *(element("li", element("strong", f"{c.text}. "), reason(c)) for c in answers),
        ),
        class_="backedu-quiz-solution",
        style=theme.BOX,
    )


def summary_html(score: Score, missed: Sequence[Outcome]) -> Html:
    """The score with the pass mark in kind words, then every missed question explained."""
    icon = "★" if score.passed else "↻"
    parts = [
        element(
            "div",
            element("p", element("span", icon, aria_hidden="true"), " ", score_message(score)),
            role="alert",
            class_="backedu-quiz-score",
            style=RIGHT if score.passed else theme.BOX,
        )
    ]
    if missed:
        parts.append(element("h4", "Questions to look at again"))
        parts.append(element("ol", *(_review_item(outcome) for outcome in missed)))
    return element("div", *parts, class_="backedu-quiz-review")


def _review_item(outcome: Outcome) -> Html:
    chosen = ", ".join(f"“{c.text}”" for c in outcome.chosen)
    right = ", ".join(f"“{c.text}”" for c in outcome.solution)
    return element(
        "li",
        element("p", element("strong", outcome.question.prompt)),
        element("p", "Your answer: ", chosen, element("span", " ✘", aria_hidden="true")),
        element("p", "Right answer: ", right, element("span", " ✔", aria_hidden="true")),
        element("p", "Why: ", " ".join(reason(c) for c in outcome.solution)),
    )
