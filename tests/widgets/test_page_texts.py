"""Each widget says itself everything it can show (``page_texts()``), which the reading-level check
measures. Driven through its states, a widget never shows a sentence it did not list."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from backedu.authoring.readability import html_text, sentences
from backedu.content import course
from backedu.widgets.base import widget_texts
from backedu.widgets.causes import CauseExplorer
from backedu.widgets.claims import ArticleCheck
from backedu.widgets.planner import PlannerForm
from backedu.widgets.quiz import QuizWidget
from backedu.widgets.triage import SymptomChecklist


def sentences_of(pieces: list[str]) -> set[str]:
    """Every sentence, with numbers as N: a score or a count reads the same whatever it is."""
    return {
        re.sub(r"\d+", "N", sentence)
        for piece in pieces
        for sentence in sentences(html_text(piece))
    }


def drive_checklist(widget: Any, look: Callable[[], None]) -> None:
    for symptom in course().symptoms:
        widget.toggle(symptom.id)
        look()
        widget.clear()


def drive_quiz(widget: Any, look: Callable[[], None]) -> None:
    while not widget.finished:
        wrong = [c.id for c in widget.choices if not c.correct][:1]
        widget.choose(*(wrong or [widget.choices[0].id]))
        widget.check()
        look()
        if widget.outcome is not None and not widget.outcome.correct:
            widget.show_solution()
            look()
        widget.next()
    look()


def drive_article_check(widget: Any, look: Callable[[], None]) -> None:
    ratings = ["true", "partly", "false", "not-sure"]
    for index, claim in enumerate(course().claims):
        widget.rate(claim.id, ratings[index % len(ratings)])
        look()
        widget.next()
    look()


def drive_explorer(widget: Any, look: Callable[[], None]) -> None:
    for show in ("all", "myths", "rare", "can-change"):
        widget.filter_by(show)
        look()
    widget.filter_by("all")
    for cause in course().causes:
        widget.choose(cause.id)
        look()


def drive_planner(widget: Any, look: Callable[[], None]) -> None:
    widget.make_notes()  # nothing answered yet
    look()
    widget.set_answer("started", "Last week.")
    widget.make_notes()
    look()
    widget.set_answer("where", "Low on the left.")  # the notes are now out of date
    look()
    widget.clear()
    look()


CASES = [
    pytest.param(lambda: SymptomChecklist(course()), drive_checklist, id="checklist"),
    pytest.param(
        lambda: QuizWidget(course(), questions=course().questions[:6], seed=3),
        drive_quiz,
        id="quiz",
    ),
    pytest.param(lambda: ArticleCheck(course()), drive_article_check, id="article-check"),
    pytest.param(lambda: CauseExplorer(course()), drive_explorer, id="explorer"),
    pytest.param(lambda: PlannerForm(course()), drive_planner, id="planner"),
]


@pytest.mark.parametrize(("make", "drive"), CASES)
def test_a_widget_shows_nothing_it_did_not_list(make, drive) -> None:
    widget = make()
    listed = sentences_of(widget.page_texts())
    shown: set[str] = set()

    def look() -> None:
        shown.update(sentences_of(widget_texts(widget)))

    look()
    drive(widget, look)
    # Words the student typed and the seat of their answers differ per page; the rest must match.
    unlisted = {s for s in shown - listed if "Low on the left" not in s}
    assert not unlisted, "\n".join(sorted(unlisted))
