"""Reading level of every lesson page (issue 6): its markdown plus the content its widgets show,
Flesch-Kincaid grade 7 or lower with textstat 0.7.4. The source article scores 8.6."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backedu.authoring.readability import (
    ARTICLE_GRADE,
    TARGET_GRADE,
    LessonReading,
    grade,
    html_text,
    lesson_readings,
    lesson_text,
    notebook_calls,
    notebook_markdown,
    plain_text,
    readings_table,
    sentences,
    shown_texts,
)
from backedu.content import course
from backedu.content.models import Lesson
from backedu.errors import ReadabilityError

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="module")
def readings() -> tuple[LessonReading, ...]:
    return lesson_readings(notebooks=NOTEBOOKS)


def test_every_lesson_page_reads_at_grade_seven_or_below(
    readings: tuple[LessonReading, ...],
) -> None:
    assert [r.lesson.id for r in readings] == [lesson.id for lesson in course().lessons]
    over = {r.lesson.id: r.grade for r in readings if r.grade > TARGET_GRADE}
    assert not over, f"above grade {TARGET_GRADE}: {over}"
    assert all(r.ok for r in readings)


@pytest.mark.parametrize("lesson", course().lessons, ids=lambda lesson: lesson.id)
def test_each_lessons_own_words_read_at_grade_seven_or_below(lesson: Lesson) -> None:
    """Apart from the widgets' words (measured with them above): the lesson's markdown, and what
    its intro and ending say about it. The one place these grades are asserted."""
    assert grade(plain_text(notebook_markdown(NOTEBOOKS / lesson.notebook))) <= TARGET_GRADE
    assert grade([lesson.summary, *lesson.objectives, *lesson.key_points]) <= TARGET_GRADE


def test_lessons_read_more_plainly_than_the_article(readings: tuple[LessonReading, ...]) -> None:
    assert max(r.grade for r in readings) < ARTICLE_GRADE


def test_the_article_grade_shown_for_comparison_is_measured(article: str) -> None:
    # ARTICLE_GRADE is the article up to its closing words, without the page footer.
    end = article.index("Makes you think!!") + len("Makes you think!!")
    assert round(grade(plain_text(article[:end])), 1) == ARTICLE_GRADE


def test_every_call_in_a_lesson_is_measured() -> None:
    for lesson in course().lessons:
        for name, argument in notebook_calls(NOTEBOOKS / lesson.notebook):
            assert shown_texts(name, argument), f"{lesson.notebook}: backedu.{name}() shows nothing"


def lesson_words(lesson_id: str) -> str:
    return " ".join(lesson_text(course().lesson(lesson_id), notebooks=NOTEBOOKS))


@pytest.mark.parametrize(
    ("lesson_id", "shown"),
    [
        ("symptoms", lambda c: [s.explanation for s in c.symptoms]),
        ("causes", lambda c: [x.how_it_hurts for x in c.causes]),
        ("prevention", lambda c: [t.why for t in c.tips]),
        ("check-the-article", lambda c: [claim.reason for claim in c.claims]),
        ("treatment", lambda c: [q.prompt for q in c.questions if q.lesson == "treatment"]),
        ("prevention", lambda c: [q.prompt for q in c.questions if q.lesson == "prevention"]),
        ("seeing-a-doctor", lambda c: [course().lesson("seeing-a-doctor").summary]),
        ("what-is-a-spasm", lambda c: list(c.lesson("what-is-a-spasm").key_points)),
    ],
    ids=["checklist", "explorer", "tips", "claims", "lesson-check", "self-quiz", "intro", "end"],
)
def test_a_lesson_is_measured_with_the_content_its_page_shows(lesson_id: str, shown) -> None:
    words = lesson_words(lesson_id)
    for text in shown(course()):
        for sentence in sentences(text):  # each sentence is measured once per page
            assert sentence in words, text


def test_content_shown_elsewhere_is_not_counted() -> None:
    words = lesson_words("treatment")
    assert course().claims[0].reason not in words
    assert course().symptoms[0].explanation not in words


def test_widget_chrome_and_later_states_are_measured() -> None:
    words = lesson_words("symptoms")
    assert "Untick all" in words  # a button
    assert "Choose an answer first, then press Check." in words  # the quiz's hint
    assert "Do not finish the lesson first." in words  # only once a red flag is ticked


def test_html_text_reads_words_not_markup() -> None:
    html = "<style>p { color: red }</style><p>One <strong>two</strong></p><ul><li>Three</li></ul>"
    assert html_text(html) == "One two. Three."


def write_notebook(folder: Path, name: str, *code: str) -> None:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# A lesson\n", "Short words."]}]
    cells += [
        {
            "cell_type": "code",
            "metadata": {},
            "source": [line],
            "outputs": [],
            "execution_count": None,
        }
        for line in code
    ]
    (folder / name).write_text(json.dumps({"cells": cells}), encoding="utf-8")


def test_notebook_calls_reads_names_and_text_arguments(tmp_path: Path) -> None:
    write_notebook(
        tmp_path,
        "x.ipynb",
        "import backedu\n\nbackedu.safety_notice()",
        'backedu.lesson_intro("causes")',
        "print(1)",
    )
    assert notebook_calls(tmp_path / "x.ipynb") == [
        ("safety_notice", None),
        ("lesson_intro", "causes"),
    ]


def test_a_call_outside_the_public_api_is_a_clear_error(tmp_path: Path) -> None:
    lesson = course().lesson("causes")
    write_notebook(tmp_path, lesson.notebook, "backedu.new_widget()")
    with pytest.raises(ReadabilityError, match=r"backedu\.new_widget\(\) is not part of"):
        lesson_text(lesson, notebooks=tmp_path)


def test_a_part_that_cannot_say_what_it_shows_is_a_clear_error(tmp_path: Path) -> None:
    lesson = course().lesson("causes")
    write_notebook(tmp_path, lesson.notebook, "backedu.course()")
    with pytest.raises(ReadabilityError, match=r"give it a page_texts\(\) method"):
        lesson_text(lesson, notebooks=tmp_path)


def test_a_missing_notebook_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReadabilityError, match="no notebook at"):
        lesson_text(course().lesson("causes"), notebooks=tmp_path)


def test_table_has_a_row_per_lesson_and_marks_the_ones_over() -> None:
    lessons = course().lessons[:2]
    table = readings_table(
        [LessonReading(0, lessons[0], 5.04, 120), LessonReading(1, lessons[1], 7.31, 900)]
    ).splitlines()
    assert "target: 7 or lower" in table[0]
    rows = [line for line in table if line.strip()[:1].isdigit()]
    assert len(rows) == 2
    assert rows[0].split()[-3:] == ["5.0", "120", "ok"]
    assert rows[1].split()[-4:] == ["7.3", "900", "OVER", "7"]
    assert table[-1].split()[-1] == "8.6" and "source article" in table[-1]
