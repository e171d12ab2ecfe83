"""Dated, reviewable content (issue 11, point 8): every lesson page ends with "Last reviewed" and
"Next review due" dates taken from the content (lessons.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backedu.authoring.readability import html_text, notebook_calls
from backedu.content import course
from backedu.content.models import Lesson
from backedu.views.pages import lesson_end
from tests.support.course_copy import course_from

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
MONTHS = "January February March April May June July August September October November December"


def long_date(day: object) -> str:
    return f"{day.day} {MONTHS.split()[day.month - 1]} {day.year}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("lesson", course().lessons, ids=lambda lesson: lesson.id)
def test_every_lesson_page_ends_with_its_review_dates(lesson: Lesson) -> None:
    words = html_text(lesson_end(lesson.id))
    assert words.endswith(
        f"Page last reviewed: {long_date(lesson.reviewed.last)}. "
        f"Next review due: {long_date(lesson.reviewed.next)}."
    )
    # ...and lesson_end is the last thing the page shows (only a markdown link follows it)
    calls = notebook_calls(NOTEBOOKS / lesson.notebook)
    assert calls[-1] == ("lesson_end", lesson.id)
    cells = json.loads((NOTEBOOKS / lesson.notebook).read_text(encoding="utf-8"))["cells"]
    assert [cell["cell_type"] for cell in cells[-2:]] == ["code", "markdown"]


def test_the_dates_come_from_the_content(tmp_path: Path) -> None:
    def review_on_leap_day(data: dict) -> None:
        for lesson in data["lessons"]:
            lesson["reviewed"] = {"last": "2024-02-29", "next": "2025-02-28"}

    with course_from(tmp_path, {"lessons.yaml": review_on_leap_day}):
        for lesson in course().lessons:
            assert html_text(lesson_end(lesson.id)).endswith(
                "Page last reviewed: 29 February 2024. Next review due: 28 February 2025."
            )
