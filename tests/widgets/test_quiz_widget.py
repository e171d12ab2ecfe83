"""The quiz widget without a browser or kernel: build it, press its buttons through the public
twins (``choose``, ``check``, ``show_solution``, ``next``, ``retry``) and read its state."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Any

import pytest

import backedu
from backedu.content import course
from backedu.content.models import Choice, Question, QuestionType
from backedu.errors import QuizError
from backedu.views.html import text
from backedu.views.quiz import reason
from backedu.widgets import quiz as quiz_module
from backedu.widgets.quiz import QuizWidget, lesson_check, self_quiz
from tests.support.models import validated
from tests.support.widgets import page_json


def make_question(qid: str, kind: str = "single", correct: tuple[str, ...] = ("a",)) -> Question:
    ids = ("true", "false") if kind == "true-false" else ("a", "b", "c")
    return validated(
        Question,
        id=qid,
        lesson="start-here",
        topic=f"topic-{kind}",
        type=QuestionType(kind),
        prompt=f"Prompt <{qid}> & more?",
        choices=tuple(
            validated(
                Choice,
                id=c,
                text=f"{qid} text {c}",
                correct=c in correct,
                feedback=f"Why {qid} {c}.",
            )
            for c in ids
        ),
        sources=("nhs-back-pain",),
    )


QUESTIONS = [
    make_question("one"),
    make_question("two", "true-false", correct=("false",)),
    make_question("three", "multiple", correct=("a", "b")),
]


def right(quiz: QuizWidget) -> list[str]:
    assert quiz.question is not None
    return [c.id for c in quiz.question.choices if c.correct]


def wrong(quiz: QuizWidget) -> str:
    assert quiz.question is not None
    return next(c.id for c in quiz.question.choices if not c.correct)


def finish(quiz: QuizWidget, wrong_ids: Collection[str] = ()) -> None:
    while not quiz.finished:
        assert quiz.question is not None
        if quiz.question.id in wrong_ids:
            quiz.choose(wrong(quiz))
        else:
            quiz.choose(*right(quiz))
        quiz.check()
        quiz.next()


@pytest.fixture
def quiz() -> QuizWidget:
    return QuizWidget(course(), questions=QUESTIONS, title="Test quiz", seed=4)


def test_starts_on_question_one_with_nothing_revealed(quiz: QuizWidget) -> None:
    assert "backedu-quiz" in quiz._dom_classes
    assert "Test quiz" in quiz._heading.value
    assert quiz.progress == "Question 1 of 3"
    assert quiz.question is quiz.questions[0]
    assert quiz.selected == () and quiz.outcome is None
    assert quiz.feedback_html == "" and quiz.summary_html == "" and quiz.score is None


def test_no_answer_key_in_the_state_sent_to_the_page(quiz: QuizWidget) -> None:
    for _ in QUESTIONS:
        sent = page_json(quiz)
        assert '"correct"' not in sent
        for question in QUESTIONS:
            for choice in question.choices:
                assert choice.feedback not in sent
        assert quiz.question is not None
        assert text(quiz.question.prompt) in sent  # the check looks in the right place
        quiz.choose(*right(quiz))
        quiz.check()
        quiz.next()


def test_text_is_escaped(quiz: QuizWidget) -> None:
    assert "&lt;" in page_json(quiz) and "<one>" not in page_json(quiz)


def test_check_with_nothing_chosen_asks_for_a_choice(quiz: QuizWidget) -> None:
    quiz.check()
    assert "Choose an answer first" in quiz.feedback_html and 'role="alert"' in quiz.feedback_html
    assert quiz.outcome is None and quiz.progress == "Question 1 of 3"


def test_a_right_answer_says_so_in_words_and_icon(quiz: QuizWidget) -> None:
    quiz.choose(*right(quiz))
    quiz.check()
    assert quiz.outcome is not None and quiz.outcome.correct
    html = quiz.feedback_html
    assert "Right!" in html and "✔" in html and 'role="alert"' in html
    assert "Why one a." in html
    with pytest.raises(QuizError, match="'Show the right answer' cannot be pressed now"):
        quiz.show_solution()


def test_a_wrong_answer_explains_and_can_show_the_solution(quiz: QuizWidget) -> None:
    quiz.choose(wrong(quiz))
    quiz.check()
    assert quiz.outcome is not None and not quiz.outcome.correct
    assert "Not quite." in quiz.feedback_html and "✘" in quiz.feedback_html
    assert "Why one b." in quiz.feedback_html and "Why one a." not in quiz.feedback_html
    assert "left out" not in quiz.feedback_html  # only said for multiple select
    quiz.show_solution()
    assert quiz.solution_shown
    assert "The right answer is:" in quiz.feedback_html and "Why one a." in quiz.feedback_html
    with pytest.raises(QuizError, match="cannot be pressed now"):
        quiz.show_solution()


def test_multiple_select_names_what_was_left_out() -> None:
    quiz = QuizWidget(course(), questions=[QUESTIONS[2]], seed=1)
    quiz.choose("a")
    assert quiz.selected == ("a",)
    quiz.check()
    assert "Not quite." in quiz.feedback_html
    assert "You left out 1 right answer." in quiz.feedback_html
    quiz.show_solution()
    assert "The right answers are:" in quiz.feedback_html


def test_choosing_again_replaces_the_choice(quiz: QuizWidget) -> None:
    quiz.choose(wrong(quiz))
    quiz.choose(*right(quiz))
    assert quiz.selected == tuple(right(quiz))


CHOOSE_ERRORS = [
    pytest.param(("zzz",), "has no choice 'zzz'", id="unknown-id"),
    pytest.param(("a", "b"), "choose exactly one choice, not 2", id="two-for-single"),
    pytest.param((), "choose exactly one choice, not 0", id="none-for-single"),
]


@pytest.mark.parametrize(("ids", "message"), CHOOSE_ERRORS)
def test_bad_choices_are_clear_errors(quiz: QuizWidget, ids: tuple[str, ...], message: str) -> None:
    with pytest.raises(QuizError, match=message):
        quiz.choose(*ids)


def test_buttons_out_of_turn_are_clear_errors(quiz: QuizWidget) -> None:
    with pytest.raises(QuizError, match="'Next question' cannot be pressed now"):
        quiz.next()
    with pytest.raises(QuizError, match="'Try again' cannot be pressed now"):
        quiz.retry()
    quiz.choose(*right(quiz))
    quiz.check()
    with pytest.raises(QuizError, match="'Check my answer' cannot be pressed now"):
        quiz.check()
    with pytest.raises(QuizError, match="already checked: call next"):
        quiz.choose(*right(quiz))


def test_the_last_next_button_leads_to_the_score(quiz: QuizWidget) -> None:
    finish_all_but_last = QUESTIONS[:-1]
    for _ in finish_all_but_last:
        quiz.choose(*right(quiz))
        quiz.check()
        assert quiz._next.description == "Next question"
        quiz.next()
    assert quiz.progress == "Question 3 of 3"
    quiz.choose(*right(quiz))
    quiz.check()
    assert quiz._next.description == "See my score"


def test_score_and_review_after_one_wrong_answer(quiz: QuizWidget) -> None:
    missed = quiz.questions[1]
    finish(quiz, {missed.id})
    assert quiz.finished and quiz.progress == "Your score" and quiz.question is None
    assert quiz.score is not None and (quiz.score.correct, quiz.score.total) == (2, 3)
    assert [o.question.id for o in quiz.missed] == [missed.id]
    summary = quiz.summary_html
    assert "You got 2 out of 3 right (67%). The pass mark is 70%." in summary
    assert "You did not pass this time" in summary
    assert "Questions to look at again" in summary
    solution = next(c for c in missed.choices if c.correct)
    assert f"Why: {solution.feedback}" in summary and f"“{solution.text}”" in summary
    assert quiz.choices == () and quiz.selected == ()
    with pytest.raises(QuizError, match="the quiz is finished"):
        quiz.choose("a")
    with pytest.raises(QuizError, match="'Check my answer' cannot be pressed now"):
        quiz.check()


def test_all_right_has_no_review(quiz: QuizWidget) -> None:
    finish(quiz)
    assert "Every answer was right" in quiz.summary_html
    assert "look at again" not in quiz.summary_html and quiz.missed == ()


def test_retry_starts_again_in_a_new_order(quiz: QuizWidget) -> None:
    before = [q.id for q in quiz.questions]
    finish(quiz, {before[0]})
    quiz.retry()
    assert quiz.attempt == 2 and quiz.progress == "Question 1 of 3"
    assert [q.id for q in quiz.questions] != before
    assert quiz.summary_html == "" and quiz.feedback_html == "" and quiz.outcome is None
    finish(quiz)
    assert quiz.score is not None and quiz.score.correct == 3


def test_old_choice_controls_are_closed(quiz: QuizWidget) -> None:
    old = list(quiz._choices.children)
    quiz.choose(*right(quiz))
    quiz.check()
    quiz.next()
    assert all(control.comm is None for control in old)  # closed: nothing left in the page
    assert all(control.comm is not None for control in quiz._choices.children)


def test_stale_clicks_from_the_page_change_nothing(quiz: QuizWidget) -> None:
    # A page can send a click for a button the kernel has already disabled.
    quiz._next.click()
    quiz._solution.click()
    quiz._retry.click()
    assert quiz.progress == "Question 1 of 3" and quiz.feedback_html == ""
    finish(quiz)
    quiz._check.click()
    quiz._next.click()
    assert quiz.progress == "Your score"


def test_bad_quiz_options_are_clear_errors() -> None:
    with pytest.raises(QuizError, match="non-empty list of Question"):
        QuizWidget(course(), questions=[])
    with pytest.raises(QuizError, match="pass_mark"):
        QuizWidget(course(), questions=QUESTIONS, pass_mark=150)


# --- what the notebooks call -----------------------------------------------------------------
def test_lesson_check_asks_only_that_lessons_questions() -> None:
    check = lesson_check("start-here", seed=1)
    own = [q for q in course().questions if q.lesson == "start-here"]
    assert {q.id for q in check.questions} <= {q.id for q in own}
    assert len(check.questions) == min(quiz_module.LESSON_CHECK_SIZE, len(own))
    assert backedu.lesson_check is lesson_check


@pytest.mark.parametrize("lesson_id", [lesson.id for lesson in course().lessons])
def test_every_lesson_with_questions_gets_a_short_check(lesson_id: str) -> None:
    own = [q for q in course().questions if q.lesson == lesson_id]
    if not own:
        pytest.skip(f"lesson {lesson_id!r} has no questions yet")
    assert 1 <= len(lesson_check(lesson_id, seed=0).questions) <= quiz_module.LESSON_CHECK_SIZE


def test_lesson_check_names_an_unknown_lesson() -> None:
    with pytest.raises(QuizError, match=r"no lesson .nope. in lessons\.yaml \(lessons: start-here"):
        lesson_check("nope")


def test_lesson_check_says_when_a_lesson_has_no_questions(monkeypatch: Any) -> None:
    empty = replace(course(), questions=())
    monkeypatch.setattr(quiz_module, "course", lambda: empty)
    with pytest.raises(
        QuizError, match=r"no questions in questions\.yaml have .lesson: start-here"
    ):
        lesson_check("start-here")


def test_self_quiz_covers_every_topic_of_the_prevention_bank() -> None:
    quiz = self_quiz(seed=3)
    bank = [q for q in course().questions if q.lesson == "prevention"]
    assert len(quiz.questions) == quiz_module.SELF_QUIZ_SIZE
    assert {q.topic for q in quiz.questions} == {q.topic for q in bank}
    assert quiz.progress == f"Question 1 of {quiz_module.SELF_QUIZ_SIZE}"
    assert backedu.self_quiz is self_quiz


@pytest.mark.parametrize(
    ("feedback", "expected"),
    [
        pytest.param("Yes. Smoking hurts.", "Smoking hurts.", id="yes"),
        pytest.param("Right. Belts are not advised.", "Belts are not advised.", id="right"),
        pytest.param("Correct. It is rare.", "It is rare.", id="correct"),
        pytest.param("Some causes are rare.", "Some causes are rare.", id="no-opener-kept"),
        pytest.param("Yesterday it hurt.", "Yesterday it hurt.", id="only-whole-words"),
    ],
)
def test_reason_drops_the_verdict_word(feedback: str, expected: str) -> None:
    choice = validated(Choice, id="c", text="Text", correct=True, feedback=feedback)
    assert reason(choice) == expected


def test_taking_the_quiz_prints_logs_and_writes_nothing(
    tmp_path: Any, monkeypatch: Any, capsys: Any, caplog: Any
) -> None:
    monkeypatch.chdir(tmp_path)  # Voilà runs kernels in the notebook's folder
    caplog.set_level("DEBUG")
    quiz = QuizWidget(course(), questions=QUESTIONS, seed=8)
    quiz.check()  # with nothing chosen
    finish(quiz, {quiz.questions[0].id})
    quiz.retry()
    finish(quiz)
    assert capsys.readouterr() == ("", "")
    assert caplog.records == []
    assert list(tmp_path.iterdir()) == []
