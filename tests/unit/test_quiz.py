"""The quiz engine: grading rule, scores and pass mark, seeded draws and shuffles, attempts.

Questions are built here, not read from the course, so these tests pin the engine's rules and do
not move when the question bank changes. ``test_quiz_coverage.py`` runs this file under branch
coverage and requires 100%.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence

import pytest

from backedu.content.models import Choice, Question, QuestionType
from backedu.errors import QuizError
from backedu.logic.quiz import (
    DEFAULT_PASS_MARK,
    Quiz,
    Score,
    check_pass_mark,
    draw,
    grade,
    score_message,
    shuffled_choices,
)
from tests.support.models import validated


def make_question(
    qid: str,
    kind: str = "single",
    correct: Sequence[str] = ("a",),
    choices: Sequence[str] = ("a", "b", "c"),
    topic: str = "topic",
    lesson: str = "lesson",
) -> Question:
    if kind == "true-false":
        choices = ("true", "false")
    return validated(
        Question,
        id=qid,
        lesson=lesson,
        topic=topic,
        type=QuestionType(kind),
        prompt=f"Prompt of {qid}?",
        choices=tuple(
            validated(
                Choice, id=c, text=f"Text {c}", correct=c in correct, feedback=f"Why {qid}/{c}."
            )
            for c in choices
        ),
        sources=("source",),
    )


SINGLE = make_question("single")
TRUE_FALSE = make_question("tf", "true-false", correct=("false",))
MULTIPLE = make_question("multi", "multiple", correct=("a", "b"), choices=("a", "b", "c", "d"))


def pool(count: int, topics: int = 1) -> list[Question]:
    return [make_question(f"q{i}", topic=f"t{i % topics}") for i in range(count)]


def run(quiz: Quiz, wrong: Collection[str] = ()) -> None:
    """Answer every question of the attempt: right, except the ids in ``wrong``."""
    while not quiz.finished:
        question = quiz.current
        right = [c.id for c in question.choices if c.correct]
        other = [c.id for c in question.choices if not c.correct]
        quiz.answer(other[:1] if question.id in wrong else right)
        quiz.advance()


# --- grading ---------------------------------------------------------------------------------
GRADES = [
    pytest.param(SINGLE, ["a"], True, (), id="single-right"),
    pytest.param(SINGLE, ["b"], False, ("a",), id="single-wrong"),
    pytest.param(TRUE_FALSE, ["false"], True, (), id="true-false-right"),
    pytest.param(TRUE_FALSE, ["true"], False, ("false",), id="true-false-wrong"),
    pytest.param(MULTIPLE, ["a", "b"], True, (), id="multiple-exact-set"),
    pytest.param(MULTIPLE, ["b", "a", "a"], True, (), id="multiple-order-and-repeats-ignored"),
    pytest.param(MULTIPLE, ["a"], False, ("b",), id="multiple-one-left-out-is-wrong"),
    pytest.param(MULTIPLE, ["a", "b", "c"], False, (), id="multiple-one-extra-is-wrong"),
    pytest.param(MULTIPLE, ["a", "b", "c", "d"], False, (), id="multiple-everything-is-wrong"),
    pytest.param(MULTIPLE, ["c"], False, ("a", "b"), id="multiple-only-wrong"),
]


@pytest.mark.parametrize(("question", "chosen", "correct", "left_out"), GRADES)
def test_grading_rule_all_or_nothing(
    question: Question, chosen: list[str], correct: bool, left_out: tuple[str, ...]
) -> None:
    outcome = grade(question, chosen)
    assert outcome.correct is correct
    assert tuple(c.id for c in outcome.left_out) == left_out
    assert {c.id for c in outcome.chosen} == set(chosen)
    assert all(c.correct for c in outcome.solution)


def test_outcome_keeps_the_questions_choice_order_and_feedback() -> None:
    outcome = grade(MULTIPLE, ["c", "a"])
    assert [c.id for c in outcome.chosen] == ["a", "c"]
    assert [c.feedback for c in outcome.chosen] == ["Why multi/a.", "Why multi/c."]
    assert [c.id for c in outcome.solution] == ["a", "b"]


BAD_ANSWERS = [
    pytest.param(SINGLE, "a", "as a list, like \\['a'\\]", id="bare-string"),
    pytest.param(SINGLE, ["z"], "question 'single' has no choice 'z'", id="unknown-choice"),
    pytest.param(SINGLE, [], "choose at least one answer", id="nothing-chosen"),
    pytest.param(SINGLE, ["a", "b"], "is single: choose exactly one answer, not 2", id="two"),
    pytest.param(TRUE_FALSE, ["true", "false"], "is true-false: choose exactly one", id="tf-both"),
]


@pytest.mark.parametrize(("question", "chosen", "message"), BAD_ANSWERS)
def test_impossible_answers_are_clear_errors(question: Question, chosen, message: str) -> None:
    with pytest.raises(QuizError, match=message):
        grade(question, chosen)


# --- score and pass mark -----------------------------------------------------------------------
SCORES = [
    pytest.param(7, 10, 70, 70, True, id="exactly-the-pass-mark-passes"),
    pytest.param(6, 10, 70, 60, False, id="one-below-fails"),
    pytest.param(2, 3, 67, 67, False, id="two-of-three-is-below-67-percent"),
    pytest.param(2, 3, 66, 67, True, id="two-of-three-passes-66-percent"),
    pytest.param(0, 12, 70, 0, False, id="none-right"),
    pytest.param(12, 12, 100, 100, True, id="all-right-at-100"),
]


@pytest.mark.parametrize(("right", "total", "mark", "percent", "passed"), SCORES)
def test_score_percent_and_pass(
    right: int, total: int, mark: int, percent: int, passed: bool
) -> None:
    score = Score(right, total, mark)
    assert (score.percent, score.passed) == (percent, passed)


MESSAGES = [
    pytest.param(
        Score(12, 12, 70),
        ["12 out of 12", "(100%)", "70%", "Every answer was right"],
        id="all-right",
    ),
    pytest.param(
        Score(9, 12, 70), ["9 out of 12", "(75%)", "you passed", "missed below"], id="passed"
    ),
    pytest.param(
        Score(5, 12, 70), ["5 out of 12", "(42%)", "did not pass", "try again"], id="not-yet"
    ),
]


@pytest.mark.parametrize(("score", "phrases"), MESSAGES)
def test_score_message_is_kind_and_names_the_pass_mark(score: Score, phrases: list[str]) -> None:
    message = score_message(score)
    for phrase in phrases:
        assert phrase in message
    assert "fail" not in message.lower()


@pytest.mark.parametrize("mark", [0, 101, -5, True, 70.0, "70", None], ids=repr)
def test_pass_mark_must_be_a_whole_percent(mark: object) -> None:
    with pytest.raises(QuizError, match="pass_mark is a whole per cent from 1 to 100"):
        check_pass_mark(mark)


def test_pass_mark_defaults_to_70() -> None:
    assert check_pass_mark(70) == DEFAULT_PASS_MARK == Quiz([SINGLE], seed=1).pass_mark


# --- building a quiz -------------------------------------------------------------------------
BAD_QUIZZES = [
    pytest.param({"questions": []}, "non-empty list of Question", id="no-questions"),
    pytest.param({"questions": ["q1"]}, "non-empty list of Question", id="not-questions"),
    pytest.param({"questions": [SINGLE, SINGLE]}, "same question twice", id="duplicate"),
    pytest.param({"size": 0}, "size is how many questions to ask, from 1 to 3", id="size-0"),
    pytest.param({"size": 4}, "from 1 to 3, not 4", id="size-too-big"),
    pytest.param({"size": True}, "not True", id="size-bool"),
    pytest.param({"size": "2"}, "not '2'", id="size-str"),
    pytest.param({"seed": "abc"}, "seed is a whole number", id="seed-str"),
    pytest.param({"seed": False}, "seed is a whole number", id="seed-bool"),
    pytest.param({"pass_mark": 0}, "pass_mark", id="pass-mark"),
]


@pytest.mark.parametrize(("options", "message"), BAD_QUIZZES)
def test_bad_quiz_options_are_clear_errors(options: dict[str, object], message: str) -> None:
    kwargs = {"questions": [SINGLE, TRUE_FALSE, MULTIPLE], **options}
    with pytest.raises(QuizError, match=message):
        Quiz(**kwargs)  # type: ignore[arg-type]


def order(quiz: Quiz) -> list[str]:
    return [q.id for q in quiz.questions]


def test_the_same_seed_gives_the_same_questions_and_choice_order() -> None:
    first, second = Quiz(pool(10), seed=42), Quiz(pool(10), seed=42)
    assert order(first) == order(second)
    assert [c.id for c in first.choices] == [c.id for c in second.choices]


def test_other_seeds_give_other_orders() -> None:
    orders = {tuple(order(Quiz(pool(10), seed=seed))) for seed in range(20)}
    assert len(orders) > 15


def test_no_seed_draws_a_fresh_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(random.SystemRandom, "randrange", lambda self, n: 1234)
    assert order(Quiz(pool(10))) == order(Quiz(pool(10), seed=1234))


def test_choices_are_shuffled_but_true_false_keeps_its_order() -> None:
    rng = random.Random(0)
    wide = make_question("wide", choices=tuple("abcdefgh"))
    orders = {tuple(c.id for c in shuffled_choices(wide, rng)) for _ in range(10)}
    assert len(orders) > 1
    assert all(
        [c.id for c in shuffled_choices(TRUE_FALSE, rng)] == ["true", "false"] for _ in range(10)
    )


@pytest.mark.parametrize(
    ("count", "topics", "size", "expected"),
    [
        pytest.param(12, 3, 3, {"t0": 1, "t1": 1, "t2": 1}, id="one-of-each-topic"),
        pytest.param(12, 3, 5, None, id="uneven-share-differs-by-one"),
        pytest.param(4, 2, 4, {"t0": 2, "t1": 2}, id="all-of-them"),
    ],
)
def test_draw_takes_turns_over_topics(
    count: int, topics: int, size: int, expected: dict[str, int] | None
) -> None:
    taken = draw(pool(count, topics), size, random.Random(3))
    counts: dict[str, int] = {}
    for question in taken:
        counts[question.topic] = counts.get(question.topic, 0) + 1
    assert len(taken) == len({q.id for q in taken}) == size
    if expected is not None:
        assert counts == expected
    else:
        assert max(counts.values()) - min(counts.values()) <= 1


def test_draw_skips_a_topic_that_has_run_out() -> None:
    questions = [*pool(1, 1), *[make_question(f"x{i}", topic="big") for i in range(5)]]
    taken = draw(questions, 4, random.Random(1))
    assert sum(q.topic == "t0" for q in taken) == 1 and len(taken) == 4


def test_draw_cannot_take_more_than_there_are() -> None:
    with pytest.raises(QuizError, match="cannot draw 3 questions from 2"):
        draw(pool(2), 3, random.Random(0))


# --- one attempt -----------------------------------------------------------------------------
def test_an_attempt_walks_question_by_question() -> None:
    quiz = Quiz([SINGLE, TRUE_FALSE, MULTIPLE], seed=7)
    assert (quiz.attempt, quiz.position, quiz.finished, quiz.outcome) == (1, 0, False, None)
    first = quiz.current
    right = [c.id for c in first.choices if c.correct]
    outcome = quiz.answer(right)
    assert quiz.outcome is outcome and outcome.correct
    assert quiz.current is first and quiz.position == 0  # still on it until "Next"
    quiz.advance()
    assert quiz.position == 1 and quiz.outcome is None and quiz.current is not first
    run(quiz)
    assert quiz.finished and quiz.position == 3
    assert quiz.score() == Score(3, 3, 70)
    assert quiz.missed() == ()
    assert quiz.history == (Score(3, 3, 70),)


def test_missed_lists_the_wrong_answers_in_the_order_asked() -> None:
    quiz = Quiz(pool(6), seed=11)
    wrong = {quiz.questions[4].id, quiz.questions[1].id}
    run(quiz, wrong)
    assert [o.question.id for o in quiz.missed()] == [quiz.questions[1].id, quiz.questions[4].id]
    assert all(not o.correct for o in quiz.missed())
    assert quiz.score() == Score(4, 6, 70) and not quiz.score().passed


STATE_ERRORS = [
    pytest.param("advance", "is not checked yet: call answer\\(\\) first", id="next-before-check"),
    pytest.param("answer-twice", "already checked: call advance\\(\\)", id="check-twice"),
    pytest.param("score", "not finished: 3 question\\(s\\) left", id="score-too-early"),
    pytest.param("missed", "not finished", id="missed-too-early"),
    pytest.param("retry", "not finished", id="retry-too-early"),
]


@pytest.mark.parametrize(("action", "message"), STATE_ERRORS)
def test_actions_out_of_turn_are_clear_errors(action: str, message: str) -> None:
    quiz = Quiz([SINGLE, TRUE_FALSE, MULTIPLE], seed=2)
    with pytest.raises(QuizError, match=message):
        if action == "answer-twice":
            quiz.answer([quiz.current.choices[0].id])
            quiz.answer([quiz.current.choices[0].id])
        else:
            getattr(quiz, action)()


@pytest.mark.parametrize("action", ["current", "choices", "answer", "advance"])
def test_a_finished_quiz_has_no_current_question(action: str) -> None:
    quiz = Quiz([SINGLE], seed=2)
    run(quiz)
    with pytest.raises(QuizError, match=r"the quiz is finished: .*retry"):
        value = getattr(quiz, action)
        if callable(value):
            value(["a"]) if action == "answer" else value()


# --- retries ---------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(12))
def test_retry_always_changes_the_order(seed: int) -> None:
    # With two questions half of all shuffles repeat the last order; the engine must not.
    quiz = Quiz(pool(2), seed=seed)
    before = order(quiz)
    run(quiz)
    quiz.retry()
    assert order(quiz) != before
    assert quiz.attempt == 2 and quiz.position == 0 and quiz.outcome is None


def test_retry_with_a_single_question_asks_it_again() -> None:
    quiz = Quiz([SINGLE], seed=0)
    run(quiz, {"single"})
    quiz.retry()
    assert order(quiz) == ["single"] and quiz.history == (Score(0, 1, 70),)


def test_retry_brings_missed_questions_back_and_keeps_history() -> None:
    quiz = Quiz(pool(20, topics=4), size=5, seed=9)
    wrong = {quiz.questions[0].id, quiz.questions[3].id}
    run(quiz, wrong)
    quiz.retry()
    assert wrong <= set(order(quiz)) and len(quiz.questions) == 5
    run(quiz)
    assert quiz.history == (Score(3, 5, 70), Score(5, 5, 70))
    assert quiz.attempt == 2


# --- the pool and the questions of each lesson ---------------------------------------------
def test_a_quiz_keeps_its_whole_pool_while_asking_a_few() -> None:
    questions = pool(6, topics=3)
    quiz = Quiz(questions, size=2, seed=1)
    assert quiz.pool == tuple(questions)
    assert len(quiz.questions) == 2


def test_questions_by_lesson_are_numbered_through_every_lesson() -> None:
    from backedu.content.models import Lesson
    from backedu.logic.quiz import by_lesson

    def lesson(lesson_id: str) -> Lesson:
        return validated(
            Lesson,
            id=lesson_id,
            notebook=f"00-{lesson_id}.ipynb",
            title=lesson_id.title(),
            summary="S",
            minutes=5,
            objectives=("O",),
            reviewed={"last": "2026-01-01", "next": "2027-01-01"},
            sources=("source",),
        )

    lessons = [lesson("first"), lesson("empty"), lesson("last")]
    q1, q2, q3 = (
        make_question(f"q{i}", lesson=where) for i, where in enumerate(["last", "first", "last"])
    )
    grouped = by_lesson(lessons, [q1, q2, q3])
    assert [(number, each.id) for number, each, _ in grouped] == [(0, "first"), (2, "last")]
    assert [[(n, q.id) for n, q in numbered] for _, _, numbered in grouped] == [
        [(1, q2.id)],
        [(2, q1.id), (3, q3.id)],
    ]
