"""The self-quiz engine: grading, scoring, a pass mark and seeded shuffling. Pure Python.

Correctness is decided here, in the kernel, never in the browser: the quiz widget asks this module
whether an answer is right only after the student presses "Check", and sends nothing about the
answer key to the page before that.

Grading rule. A question is right only when the student chose *exactly* the correct choices:

- single choice and true/false: exactly one choice is chosen, and it is the correct one;
- multiple select: all or nothing. The chosen set must equal the set of correct choices. Missing a
  correct choice or adding a wrong one makes the whole question wrong; there is no part credit.
  Feedback is still given for every chosen choice, and the correct choices left out are named.

A quiz run (:class:`Quiz`) draws its questions from a pool (round robin over topics, so a short
quiz still covers every topic), shuffles them and their choices from a seed, and walks through
them: ``answer`` -> ``advance`` ... until ``finished``. Then ``score()`` and ``missed()`` give the
result, and ``retry()`` starts a new attempt with the missed questions first in line and a new
order. True/false choices keep their order (True, then False), as readers expect.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from backedu.content.models import Choice, Lesson, Question, QuestionType
from backedu.errors import QuizError

DEFAULT_PASS_MARK = 70  # per cent; H5P's and most schools' default for a formative quiz


@dataclass(frozen=True)
class Outcome:
    """The result of checking one answer: what was chosen, and whether it was right."""

    question: Question
    chosen: tuple[Choice, ...]

    @property
    def correct(self) -> bool:
        return {c.id for c in self.chosen} == {c.id for c in self.solution}

    @property
    def solution(self) -> tuple[Choice, ...]:
        """The correct choices, in the question's own order."""
        return tuple(choice for choice in self.question.choices if choice.correct)

    @property
    def left_out(self) -> tuple[Choice, ...]:
        """Correct choices the student did not choose."""
        chosen = {c.id for c in self.chosen}
        return tuple(choice for choice in self.solution if choice.id not in chosen)


def grade(question: Question, chosen_ids: Collection[str]) -> Outcome:
    """Check an answer given as choice ids. Raises ``QuizError`` for an answer that cannot be."""
    if isinstance(chosen_ids, str):
        # A bare string is a collection of letters: almost certainly a forgotten list.
        raise QuizError(
            f"question '{question.id}': give the chosen choice ids as a list, "
            f"like [{chosen_ids!r}], not a single string"
        )
    by_id = {choice.id: choice for choice in question.choices}
    unknown = [c for c in chosen_ids if c not in by_id]
    if unknown:
        raise QuizError(
            f"question '{question.id}' has no choice {unknown[0]!r} "
            f"(its choices are {', '.join(map(repr, by_id))})"
        )
    wanted = set(chosen_ids)
    if not wanted:
        raise QuizError(f"question '{question.id}': choose at least one answer before checking")
    if question.type is not QuestionType.MULTIPLE and len(wanted) > 1:
        raise QuizError(
            f"question '{question.id}' is {question.type}: choose exactly one "
            f"answer, not {len(wanted)}"
        )
    return Outcome(question, tuple(c for c in question.choices if c.id in wanted))


@dataclass(frozen=True)
class Score:
    """How an attempt went. ``passed`` compares whole numbers, so 7 of 10 passes a 70% mark."""

    correct: int
    total: int
    pass_mark: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total)

    @property
    def passed(self) -> bool:
        return 100 * self.correct >= self.pass_mark * self.total


def score_message(score: Score) -> str:
    """Kind words about a score, for a 12-year-old: what happened, and what to do next."""
    result = (
        f"You got {score.correct} out of {score.total} right ({score.percent}%). "
        f"The pass mark is {score.pass_mark}%."
    )
    if score.correct == score.total:
        return f"{result} Every answer was right. Great work!"
    if score.passed:
        return f"{result} Well done, you passed! Look at the questions you missed below."
    return (
        f"{result} You did not pass this time, and that is fine: mistakes are how we "
        "learn. Read why below, then try again."
    )


def check_pass_mark(pass_mark: object) -> int:
    """``pass_mark`` as a whole per cent from 1 to 100, or a ``QuizError`` saying what is wrong."""
    if isinstance(pass_mark, bool) or not isinstance(pass_mark, int) or not 1 <= pass_mark <= 100:
        raise QuizError(f"pass_mark is a whole per cent from 1 to 100, not {pass_mark!r}")
    return pass_mark


class Quiz:
    """One student's run through a set of questions, attempt after attempt.

    ``size`` questions (default: all of them) are drawn for each attempt. ``seed`` makes the draw
    and every shuffle repeatable; ``None`` picks a fresh seed, so each student sees another order.
    """

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        size: int | None = None,
        pass_mark: int = DEFAULT_PASS_MARK,
        seed: int | None = None,
    ) -> None:
        pool = tuple(questions)
        if not pool or not all(isinstance(q, Question) for q in pool):
            raise QuizError(
                "Quiz needs a non-empty list of Question items "
                f"(from backedu.course().questions), got {questions!r}"
            )
        if len({q.id for q in pool}) != len(pool):
            raise QuizError("Quiz got the same question twice: question ids must be unique")
        if size is None:
            size = len(pool)
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= len(pool):
            raise QuizError(
                f"size is how many questions to ask, from 1 to {len(pool)}, not {size!r}"
            )
        if seed is None:
            seed = random.SystemRandom().randrange(2**32)
        elif isinstance(seed, bool) or not isinstance(seed, int):
            raise QuizError(f"seed is a whole number (or None), not {seed!r}")
        self._pool = pool
        self._size = size
        self._pass_mark = check_pass_mark(pass_mark)
        self._seed = seed
        self._attempt = 0
        self._history: list[Score] = []
        self._start((), ())

    # --- state ------------------------------------------------------------------------------
    @property
    def attempt(self) -> int:
        """1 for the first attempt, 2 after the first retry, and so on."""
        return self._attempt

    @property
    def pool(self) -> tuple[Question, ...]:
        """Every question an attempt may draw from, in the order given."""
        return self._pool

    @property
    def questions(self) -> tuple[Question, ...]:
        """This attempt's questions, in the order they are asked."""
        return self._order

    @property
    def position(self) -> int:
        """Index of the current question in ``questions`` (== len(questions) when finished)."""
        return len(self._outcomes) - (1 if self._checked else 0)

    @property
    def finished(self) -> bool:
        return self.position == len(self._order)

    @property
    def current(self) -> Question:
        if self.finished:
            raise QuizError(
                "the quiz is finished: there is no current question (call retry() to start again)"
            )
        return self._order[self.position]

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The current question's choices in the order shown to the student."""
        return self._choice_order[self.current.id]

    @property
    def outcome(self) -> Outcome | None:
        """The checked answer to the current question, or ``None`` before "Check"."""
        return self._outcomes[-1] if self._checked else None

    @property
    def pass_mark(self) -> int:
        return self._pass_mark

    @property
    def history(self) -> tuple[Score, ...]:
        """Scores of the attempts finished so far, oldest first."""
        return tuple(self._history)

    # --- actions ----------------------------------------------------------------------------
    def answer(self, chosen_ids: Collection[str]) -> Outcome:
        """Check the answer to the current question (the "Check" button)."""
        question = self.current
        if self._checked:
            raise QuizError(
                f"question '{question.id}' is already checked: call advance() "
                "to go to the next question"
            )
        outcome = grade(question, chosen_ids)
        self._outcomes.append(outcome)
        self._checked = True
        return outcome

    def advance(self) -> None:
        """Go on to the next question (the "Next" button); after the last one, finish."""
        if not self._checked:
            question = self.current  # raises when finished
            raise QuizError(f"question '{question.id}' is not checked yet: call answer() first")
        self._checked = False
        if self.finished:
            self._history.append(self.score())

    def score(self) -> Score:
        """The result of this attempt. Only when it is finished, so a score is never partial."""
        if not self.finished:
            raise QuizError(
                f"the quiz is not finished: {len(self._order) - self.position} question(s) left"
            )
        correct = sum(outcome.correct for outcome in self._outcomes)
        return Score(correct, len(self._order), self._pass_mark)

    def missed(self) -> tuple[Outcome, ...]:
        """The wrong answers of this finished attempt, in the order they were asked."""
        self.score()  # same precondition, same message
        return tuple(outcome for outcome in self._outcomes if not outcome.correct)

    def retry(self) -> None:
        """Start a new attempt: missed questions come back first in line, all in a new order."""
        missed = tuple(outcome.question for outcome in self.missed())
        self._start(missed, self._order)

    # --- internals --------------------------------------------------------------------------
    def _start(self, first: tuple[Question, ...], previous: tuple[Question, ...]) -> None:
        self._attempt += 1
        # A string seed is hashed with SHA-512 by `random`, so it is stable across processes.
        rng = random.Random(f"{self._seed}:{self._attempt}")
        chosen = list(first[: self._size])
        rest = [q for q in self._pool if q not in chosen]
        chosen += draw(rest, self._size - len(chosen), rng)
        rng.shuffle(chosen)
        if len(chosen) > 1 and [q.id for q in chosen] == [q.id for q in previous]:
            # Same questions came out in the same order: a retry must look different.
            chosen = chosen[1:] + chosen[:1]
        self._order = tuple(chosen)
        self._choice_order = {q.id: shuffled_choices(q, rng) for q in self._order}
        self._outcomes: list[Outcome] = []
        self._checked = False


def draw(questions: Sequence[Question], count: int, rng: random.Random) -> list[Question]:
    """``count`` questions, taken in turn from each topic so that every topic gets a share."""
    if count > len(questions):
        raise QuizError(f"cannot draw {count} questions from {len(questions)}")
    by_topic: dict[str, list[Question]] = {}
    for question in questions:
        by_topic.setdefault(question.topic, []).append(question)
    queues = list(by_topic.values())
    for queue in queues:
        rng.shuffle(queue)
    rng.shuffle(queues)
    taken: list[Question] = []
    while len(taken) < count:
        for queue in queues:
            if queue and len(taken) < count:
                taken.append(queue.pop())
    return taken


def shuffled_choices(question: Question, rng: random.Random) -> tuple[Choice, ...]:
    """The choices in a random order; true/false keeps its natural order."""
    choices = list(question.choices)
    if question.type is not QuestionType.TRUE_FALSE:
        rng.shuffle(choices)
    return tuple(choices)


def by_lesson(
    lessons: Sequence[Lesson], questions: Sequence[Question]
) -> list[tuple[int, Lesson, list[tuple[int, Question]]]]:
    """(lesson number, lesson, its questions) for each lesson that has questions, in course order;
    the questions numbered from 1 through every lesson, as a printed quiz counts them."""
    grouped: list[tuple[int, Lesson, list[tuple[int, Question]]]] = []
    count = 0
    for number, lesson in enumerate(lessons):
        numbered = []
        for question in questions:
            if question.lesson == lesson.id:
                count += 1
                numbered.append((count, question))
        if numbered:
            grouped.append((number, lesson, numbered))
    return grouped
