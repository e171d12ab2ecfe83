"""The quiz widget: one question at a time, checked in the kernel, with feedback after each answer.

Thin on purpose: button clicks call the pure engine in ``backedu.logic.quiz`` and the result is
drawn by ``backedu.views.quiz``. The answer key stays in the kernel: before "Check" the browser
only receives the prompt and the choice texts, never which choice is right or any feedback.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
from ipywidgets.widgets.widget_button import ButtonStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from backedu.classroom.recorder import recorder
from backedu.content import Course, course
from backedu.content.models import Choice, Question, QuestionType
from backedu.errors import QuizError
from backedu.logic.quiz import DEFAULT_PASS_MARK, Outcome, Quiz, Score, grade
from backedu.views import quiz as view
from backedu.views.html import join
from backedu.widgets.base import press, show, widget_texts

LESSON_CHECK_SIZE = 5  # "check your understanding" after a lesson: a few minutes at most
SELF_QUIZ_SIZE = 12  # the self-quiz: about ten minutes, every topic covered
SELF_QUIZ_LESSON = "prevention"
CHOOSE_FIRST = "Choose an answer first, then press Check."
SEE_SCORE = "See my score"
SCORE_HEADING = "Your score"


class QuizWidget(widgets.VBox):
    """A quiz over some of the course's questions: choose, check, read the feedback, go on; then
    score and review.

    ``questions`` is the pool to draw from (all the course's questions by default). Every button
    has a method twin (``choose``, ``check``, ``show_solution``, ``next``, ``retry``) that goes
    through the same handler as a click. ``size``, ``pass_mark`` and ``seed`` are passed to
    :class:`backedu.logic.quiz.Quiz`.
    """

    def __init__(
        self,
        content: Course,
        *,
        questions: Sequence[Question] | None = None,
        title: str = "Check your understanding",
        size: int | None = None,
        pass_mark: int = DEFAULT_PASS_MARK,
        seed: int | None = None,
    ) -> None:
        pool = content.questions if questions is None else questions
        self._quiz = Quiz(pool, size=size, pass_mark=pass_mark, seed=seed)
        # Parts that are never hidden share one layout, and parts of a kind one style: each
        # model costs the kernel and the browser, and a quiz is on nearly every page.
        fixed = widgets.Layout()
        text_style = HTMLStyle()
        button_style = ButtonStyle()

        def html(value: str = "") -> widgets.HTML:
            return widgets.HTML(value, layout=fixed, style=text_style)

        def button(description: str, *, primary: bool = False) -> widgets.Button:
            # its own layout: a button is shown and hidden on its own
            return widgets.Button(
                description=description,
                button_style="primary" if primary else "",
                style=button_style,
                layout=widgets.Layout(width="auto"),  # the default 148px cuts labels off
            )

        self._heading = html(view.heading_html(title))
        # tabbable=False gives tabindex="-1": after "Next", "See my score" or "Try again" focus
        # moves here, so a keyboard user hears "Question 4 of 12" and the next Tab reaches the
        # new choices. (Boxes ignore tabbable, and an HTML widget focuses its inner div.)
        self._progress = widgets.Label(tabbable=False, style={"font_weight": "bold"}, layout=fixed)
        self._prompt = html()
        self._choices = widgets.VBox(layout=fixed)
        self._check = button("Check my answer", primary=True)
        self._solution = button("Show the right answer")
        self._next = button("Next question")
        self._feedback = html()
        self._summary = html()
        self._retry = button("Try again", primary=True)
        self._inputs: list[widgets.Widget] = []
        self._solution_shown = False
        self._question = widgets.VBox([self._prompt, self._choices])
        self._buttons = widgets.HBox([self._check, self._solution, self._next])
        self._result = widgets.VBox([self._summary, self._retry])
        self._result.layout.align_items = "flex-start"  # a button, not a full-width bar
        parts: dict[str, widgets.Widget] = {
            "heading": self._heading,
            "progress": self._progress,
            "question": self._question,
            "prompt": self._prompt,
            "choices": self._choices,
            "buttons": self._buttons,
            "check": self._check,
            "solution": self._solution,
            "next": self._next,
            "feedback": self._feedback,
            "result": self._result,
            "summary": self._summary,
            "retry": self._retry,
        }
        for name, part in parts.items():
            part.add_class(f"backedu-quiz-{name}")
        super().__init__(
            children=[
                self._heading,
                self._progress,
                self._question,
                self._buttons,
                self._feedback,
                self._result,
            ]
        )
        self.add_class("backedu-quiz")
        self._check.on_click(self._on_check)
        self._solution.on_click(self._on_solution)
        self._next.on_click(self._on_next)
        self._retry.on_click(self._on_retry)
        self._show_question()

    # --- read-only state ----------------------------------------------------------------------
    @property
    def attempt(self) -> int:
        return self._quiz.attempt

    @property
    def finished(self) -> bool:
        return self._quiz.finished

    @property
    def question(self) -> Question | None:
        """The question on screen, or ``None`` on the score page."""
        return None if self._quiz.finished else self._quiz.current

    @property
    def questions(self) -> tuple[Question, ...]:
        """This attempt's questions in the order they are asked."""
        return self._quiz.questions

    @property
    def progress(self) -> str:
        """'Question 3 of 12', or 'Your score' on the score page."""
        if self._quiz.finished:
            return SCORE_HEADING
        return _progress(self._quiz.position + 1, len(self._quiz.questions))

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The current question's choices in the order on screen."""
        return () if self._quiz.finished else self._quiz.choices

    @property
    def selected(self) -> tuple[str, ...]:
        """Ids of the choices ticked now, in screen order."""
        if self._quiz.finished:
            return ()
        if isinstance(self._inputs[0], widgets.RadioButtons):
            value = self._inputs[0].value
            return () if value is None else (value,)
        return tuple(
            choice.id for choice, box in zip(self.choices, self._inputs, strict=True) if box.value
        )

    @property
    def outcome(self) -> Outcome | None:
        """The checked answer to the question on screen; ``None`` before "Check"."""
        return None if self._quiz.finished else self._quiz.outcome

    @property
    def solution_shown(self) -> bool:
        return self._solution_shown

    @property
    def score(self) -> Score | None:
        """The score of the finished attempt, ``None`` while questions remain."""
        return self._quiz.score() if self._quiz.finished else None

    @property
    def missed(self) -> tuple[Outcome, ...]:
        """The wrong answers of the finished attempt (empty while questions remain)."""
        return self._quiz.missed() if self._quiz.finished else ()

    @property
    def feedback_html(self) -> str:
        """What the feedback area shows now (empty before "Check")."""
        return self._feedback.value

    @property
    def summary_html(self) -> str:
        """The score and review (empty until the last question is done)."""
        return self._summary.value

    def page_texts(self) -> list[str]:
        """Everything this quiz can show: every question it may ask, the feedback for each
        choice, the right answers, and the score page (passed or not, with a missed question)."""
        total, mark = len(self._quiz.questions), self._quiz.pass_mark
        texts = [*widget_texts(self), view.hint_html(CHOOSE_FIRST), SEE_SCORE, SCORE_HEADING]
        texts += [_progress(number, total) for number in range(1, total + 1)]
        missed: list[Outcome] = []
        for question in self._quiz.pool:
            texts += [view.prompt_html(question), *(choice.text for choice in question.choices)]
            outcomes = [grade(question, [choice.id]) for choice in question.choices]
            texts += [view.feedback_html(outcome) for outcome in outcomes]
            texts.append(view.solution_html(outcomes[0]))
            missed += [outcome for outcome in outcomes if not outcome.correct]
        for right in sorted({0, (mark * total + 99) // 100, total}):
            texts.append(
                view.summary_html(Score(right, total, mark), missed if right < total else ())
            )
        return texts

    # --- actions: the same path as a click ----------------------------------------------------
    def choose(self, *choice_ids: str) -> None:
        """Tick these choices (by id) and untick the others, as a student would."""
        if self._quiz.finished:
            raise QuizError("the quiz is finished: there is nothing to choose (call retry())")
        question = self._quiz.current
        known = [choice.id for choice in self.choices]
        for choice_id in choice_ids:
            if choice_id not in known:
                raise QuizError(
                    f"question '{question.id}' has no choice {choice_id!r} "
                    f"(its choices are {', '.join(map(repr, known))})"
                )
        if self._quiz.outcome is not None:
            raise QuizError(f"question '{question.id}' is already checked: call next()")
        if question.type is not QuestionType.MULTIPLE:
            if len(choice_ids) != 1:
                raise QuizError(
                    f"question '{question.id}' is {question.type}: choose exactly one choice, "
                    f"not {len(choice_ids)}"
                )
            self._inputs[0].value = choice_ids[0]
            return
        for choice, box in zip(self.choices, self._inputs, strict=True):
            box.value = choice.id in choice_ids

    def check(self) -> None:
        """Press "Check my answer". With nothing chosen, the student is asked to choose first."""
        press(self._check, QuizError, "it is there while a question waits for an answer")

    def show_solution(self) -> None:
        press(self._solution, QuizError, "it is there after a wrong answer has been checked")

    def next(self) -> None:
        press(self._next, QuizError, "it works once the answer has been checked")

    def retry(self) -> None:
        press(self._retry, QuizError, "it is there once the last question is done")

    # --- handlers -----------------------------------------------------------------------------
    def _on_check(self, _button: widgets.Button) -> None:
        if self._quiz.finished or self._quiz.outcome is not None:
            return  # a stale click from the page; the button is already gone or disabled
        if not self.selected:
            self._feedback.value = view.hint_html(CHOOSE_FIRST)
            return
        outcome = self._quiz.answer(self.selected)
        # Class mode only, a no-op otherwise: the answer goes to the teacher, without a name.
        recorder().record_answer(
            outcome.question.id, [c.id for c in outcome.chosen], correct=outcome.correct
        )
        for box in self._inputs:
            box.disabled = True
        # Built only now: until "Check" the page holds no feedback and no hint of the key.
        self._feedback.value = view.feedback_html(outcome)
        self._check.disabled = True
        _available(self._solution, not outcome.correct)
        self._next.disabled = False
        if self._quiz.position + 1 == len(self._quiz.questions):
            self._next.description = SEE_SCORE
        self._next.focus()  # the checked button is disabled; keep the keyboard user going

    def _on_solution(self, _button: widgets.Button) -> None:
        outcome = self._quiz.outcome
        if self._quiz.finished or outcome is None:
            return  # a stale click: nothing has been checked, so nothing is revealed
        self._solution_shown = True
        self._feedback.value = join(view.feedback_html(outcome), view.solution_html(outcome))
        _available(self._solution, False)
        self._next.focus()

    def _on_next(self, _button: widgets.Button) -> None:
        if self._quiz.finished or self._quiz.outcome is None:
            return  # a stale click before "Check"
        self._quiz.advance()
        if self._quiz.finished:
            self._show_summary()
        else:
            self._show_question()

    def _on_retry(self, _button: widgets.Button) -> None:
        if not self._quiz.finished:
            return  # a stale click
        self._quiz.retry()
        self._show_question()

    # --- drawing ------------------------------------------------------------------------------
    def _show_question(self) -> None:
        question = self._quiz.current
        self._progress.value = self.progress
        self._prompt.value = view.prompt_html(question)
        self._set_inputs(question, self._quiz.choices)
        self._feedback.value = ""
        self._summary.value = ""
        self._solution_shown = False
        show(self._question, True)
        show(self._buttons, True)
        show(self._result, False)
        _available(self._retry, False)
        _available(self._check, True)
        _available(self._solution, False)
        _available(self._next, True)
        self._next.disabled = True  # shown, so the student sees what comes after "Check"
        self._next.description = "Next question"
        self._progress.focus()

    def _show_summary(self) -> None:
        self._set_inputs(None, ())
        self._progress.value = self.progress
        self._prompt.value = ""
        self._feedback.value = ""
        for button in (self._check, self._solution, self._next):
            _available(button, False)
        show(self._question, False)
        show(self._buttons, False)
        self._summary.value = view.summary_html(self._quiz.score(), self._quiz.missed())
        show(self._result, True)
        _available(self._retry, True)
        self._progress.focus()

    def _set_inputs(self, question: Question | None, choices: tuple[Choice, ...]) -> None:
        for old in self._inputs:
            old.close()  # frees the old controls in the kernel and in the page
        self._inputs = []
        if question is None:
            pass
        elif question.type is QuestionType.MULTIPLE:
            for choice in choices:
                box = widgets.Checkbox(value=False, description=choice.text, indent=False)
                box.layout.width = "auto"
                self._inputs.append(box)
        else:
            # Options are (label, id) pairs: only the labels are sent to the page.
            radio = widgets.RadioButtons(
                options=[(choice.text, choice.id) for choice in choices], value=None
            )
            radio.layout.width = "auto"
            self._inputs.append(radio)
        for control in self._inputs:
            control.add_class("backedu-quiz-choice")
        self._choices.children = self._inputs


def _progress(number: int, total: int) -> str:
    return f"Question {number} of {total}"


def _available(button: widgets.Button, available: bool) -> None:
    """Show and enable, or hide and disable: a hidden button is never pressable from code."""
    show(button, available)
    button.disabled = not available


# --- what the notebooks call ----------------------------------------------------------------------
def lesson_check(lesson_id: str, *, seed: int | None = None) -> QuizWidget:
    """A short "check your understanding" quiz of the questions tagged with this lesson."""
    questions = _questions_for(lesson_id)
    return QuizWidget(
        course(),
        questions=questions,
        title="Check your understanding",
        size=min(LESSON_CHECK_SIZE, len(questions)),
        seed=seed,
    )


def self_quiz(*, seed: int | None = None) -> QuizWidget:
    """The self-quiz at the end of the prevention lesson: every topic, new order each try."""
    questions = _questions_for(SELF_QUIZ_LESSON)
    return QuizWidget(
        course(),
        questions=questions,
        title="Self-quiz: what have you learned?",
        size=min(SELF_QUIZ_SIZE, len(questions)),
        seed=seed,
    )


def _questions_for(lesson_id: str) -> tuple[Question, ...]:
    known = [lesson.id for lesson in course().lessons]
    if lesson_id not in known:
        raise QuizError(
            f"lesson_check: there is no lesson {lesson_id!r} in lessons.yaml "
            f"(lessons: {', '.join(known)})"
        )
    questions = tuple(q for q in course().questions if q.lesson == lesson_id)
    if not questions:
        raise QuizError(
            f"lesson_check: no questions in questions.yaml have 'lesson: {lesson_id}'; add some"
        )
    return questions
