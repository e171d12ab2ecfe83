"""The self-quiz in a real browser against the real Voilà: a whole run with one wrong answer,
a retry in a new order, a keyboard-only run, axe-core, and no answer key in the page before the
student answers (neither in the HTML nor in the widget state sent over the websocket)."""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from backedu.content import course
from backedu.content.models import Question
from backedu.views.quiz import reason
from backedu.widgets.quiz import SELF_QUIZ_LESSON, SELF_QUIZ_SIZE
from tests.support import PATIENCE
from tests.support.browser import axe_violations, describe
from tests.support.frames import frame_json
from tests.support.server import VoilaServer

pytestmark = pytest.mark.browser

NOTEBOOK = "06-prevention.ipynb"
QUIZ = ".backedu-quiz"


def bank() -> list[Question]:
    return [q for q in course().questions if q.lesson == SELF_QUIZ_LESSON]


def right_texts(question: Question) -> list[str]:
    return [c.text for c in question.choices if c.correct]


def a_wrong_choice(question: Question) -> Any:
    return next(c for c in question.choices if not c.correct)


# Whether the page shows a whole question, ready to answer, other than the one read before: its
# prompt, exactly its choices, no feedback yet, "Check" ready and "Next" not yet. The kernel
# sends each of these parts as a message of its own, and the page applies them one by one (the
# progress label can show "Question 2" while the prompt still shows question 1): so a test reads
# the question only once all of them show it. Returns the prompt, or false while not ready.
QUESTION_READY = """({previous, choices}) => {
    const quiz = document.querySelector('.backedu-quiz');
    const strong = quiz && quiz.querySelector('.backedu-quiz-prompt strong');
    if (!strong) return false;
    const prompt = strong.innerText.split(/\\s+/).filter(Boolean).join(' ');
    if (prompt === previous || !(prompt in choices)) return false;
    // (a checkbox also has an empty description label, holding a zero-width space)
    const labels = [...quiz.querySelectorAll('.backedu-quiz-choices label')]
        .map(label => label.innerText.replace(/\\u200b/g, '').trim()).filter(Boolean);
    const shown = [...new Set(labels)].sort();
    const button = name => quiz.querySelector(`.backedu-quiz-${name}`);
    const ready = JSON.stringify(shown) === JSON.stringify(choices[prompt])
        && quiz.querySelector('.backedu-quiz-feedback').innerText.trim() === ''
        && !button('check').disabled && button('next').disabled;
    return ready && prompt;
}"""


class QuizPage:
    """The quiz as a student sees it: found by our CSS classes and the visible text."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.root = page.locator(QUIZ)
        self.progress = page.locator(f"{QUIZ} .backedu-quiz-progress")
        self.prompt = page.locator(f"{QUIZ} .backedu-quiz-prompt strong")
        self.feedback = page.locator(f"{QUIZ} .backedu-quiz-feedback")
        self.summary = page.locator(f"{QUIZ} .backedu-quiz-summary")
        self._prompts = {" ".join(q.prompt.split()): q for q in bank()}
        self._choices = {p: sorted({c.text for c in q.choices}) for p, q in self._prompts.items()}
        self._shown: str | None = None  # the prompt of the question read last

    def open(self, voila: VoilaServer) -> None:
        self.page.goto(voila.url(NOTEBOOK))
        # Generous: once the preheated kernel is used, the next page view waits for a fresh
        # kernel to start and run the lesson, which is slow on a busy 2-core machine.
        self.page.locator(f"{QUIZ} .backedu-quiz-choice").first.wait_for(timeout=PATIENCE * 1000)

    def question(self) -> Question:
        """The question on screen, once the page shows all of it (``QUESTION_READY``)."""
        ready = self.page.wait_for_function(
            QUESTION_READY, arg={"previous": self._shown, "choices": self._choices}
        )
        self._shown = str(ready.json_value())
        return self._prompts[self._shown]

    def choice(self, text: str) -> Any:
        return self.page.locator(f"{QUIZ} .backedu-quiz-choices").get_by_label(text, exact=True)

    def button(self, name: str) -> Any:
        return self.root.get_by_role("button", name=name, exact=True)

    def answer(self, texts: list[str]) -> None:
        for text in texts:
            self.choice(text).check()
        self.button("Check my answer").click()
        expect(self.feedback.locator(".backedu-quiz-verdict")).to_be_visible()

    def go_on(self, number: int) -> None:
        """Press Next (or See my score after the last question) and wait for the next view."""
        last = number == SELF_QUIZ_SIZE
        self.button("See my score" if last else "Next question").click()
        expect(self.progress).to_have_text("Your score" if last else self.counter(number + 1))
        if last:  # the score replaces the question; a new attempt may start with the same one
            expect(self.prompt).to_have_count(0)
            self._shown = None

    @staticmethod
    def counter(number: int) -> str:
        return f"Question {number} of {SELF_QUIZ_SIZE}"

    def take(self, wrong_at: Collection[int] = ()) -> list[Question]:
        """Answer the whole attempt, right except at the given question numbers."""
        asked = []
        for number in range(1, SELF_QUIZ_SIZE + 1):
            expect(self.progress).to_have_text(self.counter(number))
            question = self.question()
            asked.append(question)
            if number in wrong_at:
                self.answer([a_wrong_choice(question).text])
            else:
                self.answer(right_texts(question))
            self.go_on(number)
        return asked


@pytest.fixture
def quiz(page: Any, voila: VoilaServer) -> Iterator[QuizPage]:
    opened = QuizPage(page)
    opened.open(voila)
    yield opened
    assert page.console_log.errors == []


def test_whole_quiz_with_one_wrong_answer_scores_and_reviews(quiz: QuizPage) -> None:
    asked: list[Question] = []
    for number in range(1, SELF_QUIZ_SIZE + 1):
        expect(quiz.progress).to_have_text(quiz.counter(number))
        question = quiz.question()
        asked.append(question)
        if number == 3:
            wrong = a_wrong_choice(question)
            quiz.answer([wrong.text])
            expect(quiz.feedback).to_contain_text("Not quite.")
            expect(quiz.feedback).to_contain_text(wrong.feedback)
            quiz.button("Show the right answer").click()
            for choice in question.choices:
                if choice.correct:
                    expect(quiz.feedback.locator(".backedu-quiz-solution")).to_contain_text(
                        reason(choice)
                    )
        else:
            quiz.answer(right_texts(question))
            expect(quiz.feedback).to_contain_text("Right!")
            first_right = next(c for c in question.choices if c.correct)
            expect(quiz.feedback).to_contain_text(first_right.feedback)
        quiz.go_on(number)

    assert len({q.id for q in asked}) == SELF_QUIZ_SIZE
    expect(quiz.summary).to_contain_text(
        f"You got {SELF_QUIZ_SIZE - 1} out of {SELF_QUIZ_SIZE} right (92%). The pass mark is 70%."
    )
    expect(quiz.summary).to_contain_text("Well done, you passed!")
    review = quiz.summary.locator("ol > li")
    expect(review).to_have_count(1)
    missed = asked[2]
    expect(review).to_contain_text(" ".join(missed.prompt.split()))
    expect(review).to_contain_text(f"Your answer: “{a_wrong_choice(missed).text}”")
    expect(review).to_contain_text(
        "Right answer: " + ", ".join(f"“{t}”" for t in right_texts(missed))
    )
    for choice in missed.choices:
        if choice.correct:
            expect(review).to_contain_text(reason(choice))
    violations = axe_violations(quiz.page)
    assert not violations, describe(violations)


def test_retry_reshuffles_and_brings_the_missed_question_back(quiz: QuizPage) -> None:
    first = quiz.take(wrong_at={1})
    expect(quiz.summary).to_contain_text("Questions to look at again")
    quiz.button("Try again").click()
    expect(quiz.progress).to_have_text(quiz.counter(1))
    expect(quiz.summary).to_have_text("")
    second = quiz.take()
    assert [q.id for q in second] != [q.id for q in first]
    assert first[0] in second, "the missed question comes back in the next attempt"
    expect(quiz.summary).to_contain_text("Every answer was right")


def focused(page: Any) -> str:
    """What keyboard focus is on: a button's or label's text, or the focused element's text."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = el.closest('label');
            return ((label || el).innerText || '').trim();
        }"""
    )


def tab_to(page: Any, text: str, *, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == text:
            return
    raise AssertionError(f"Tab never reached {text!r}; focus is on {focused(page)!r}")


def test_keyboard_only_run(quiz: QuizPage) -> None:
    page = quiz.page
    for number in range(1, SELF_QUIZ_SIZE + 1):
        question = quiz.question()
        wrong = number == 2
        texts = [a_wrong_choice(question).text] if wrong else right_texts(question)
        on_screen = page.locator(f"{QUIZ} .backedu-quiz-choices label").all_inner_texts()
        texts.sort(key=lambda text: [t.strip() for t in on_screen].index(text))
        if number == 1:
            # Find the quiz from the top of the page, the way a keyboard user would.
            page.keyboard.press("Tab")
        for text in texts:
            tab_to(page, text)
            page.keyboard.press("Space")
            expect(quiz.choice(text)).to_be_checked()
        tab_to(page, "Check my answer")
        page.keyboard.press("Enter")
        expect(quiz.feedback).to_contain_text("Not quite." if wrong else "Right!")
        last = number == SELF_QUIZ_SIZE
        next_label = "See my score" if last else "Next question"
        _wait_focus(page, next_label)  # focus moves on by itself, so Enter again continues
        if wrong:
            page.keyboard.press("Shift+Tab")
            assert focused(page) == "Show the right answer"
            page.keyboard.press("Enter")
            expect(quiz.feedback.locator(".backedu-quiz-solution")).to_be_visible()
            _wait_focus(page, next_label)
        page.keyboard.press("Enter")
        after = "Your score" if last else quiz.counter(number + 1)
        expect(quiz.progress).to_have_text(after)
        _wait_focus(page, after)  # focus lands on the new "Question N of M"

    expect(quiz.summary).to_contain_text(f"You got {SELF_QUIZ_SIZE - 1} out of {SELF_QUIZ_SIZE}")
    tab_to(page, "Try again")
    page.keyboard.press("Enter")
    expect(quiz.progress).to_have_text(quiz.counter(1))


def _wait_focus(page: Any, text: str) -> None:
    page.wait_for_function(
        """(text) => {
            const el = document.activeElement;
            const label = el.closest('label');
            return ((label || el).innerText || '').trim() === text;
        }""",
        arg=text,
    )


def test_quiz_page_passes_axe_before_and_after_answering(quiz: QuizPage) -> None:
    violations = axe_violations(quiz.page)
    assert not violations, describe(violations)
    question = quiz.question()
    quiz.answer([a_wrong_choice(question).text])
    quiz.button("Show the right answer").click()
    expect(quiz.feedback.locator(".backedu-quiz-solution")).to_be_visible()
    violations = axe_violations(quiz.page)
    assert not violations, describe(violations)


# --- the answer key stays in the kernel ----------------------------------------------------------
def _strings_and_keys(value: Any, strings: list[str], keys: set[str]) -> None:
    if isinstance(value, dict):
        keys.update(value)
        for item in value.values():
            _strings_and_keys(item, strings, keys)
    elif isinstance(value, list):
        for item in value:
            _strings_and_keys(item, strings, keys)
    elif isinstance(value, str):
        strings.append(html.unescape(value))


def _sent(frames: list[str | bytes]) -> tuple[str, set[str]]:
    strings: list[str] = []
    keys: set[str] = set()
    for frame in frames:
        for part in frame_json(frame):
            _strings_and_keys(part, strings, keys)
    return "\n".join(strings), keys


def _leaks(text: str, questions: list[Question]) -> list[str]:
    # reason() is the feedback minus a leading "Yes."/"Right.", so this finds either form.
    return [c.feedback for q in questions for c in q.choices if reason(c) in text]


def test_no_answer_key_reaches_the_page_before_answering(page: Any, voila: VoilaServer) -> None:
    frames: list[str | bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
    quiz = QuizPage(page)
    quiz.open(voila)
    question = quiz.question()

    sent, keys = _sent(frames)
    page_html = html.unescape(page.evaluate("() => document.documentElement.outerHTML"))
    # The checks look in the right place: the question on screen came through both.
    assert " ".join(question.prompt.split()) in " ".join(sent.split())
    assert question.choices[0].text in page_html
    for where, text in (("widget state", sent), ("page HTML", page_html)):
        assert _leaks(text, bank()) == [], f"feedback in the {where} before any answer"
    assert "correct" not in keys and not re.search(r"""["']correct["']\s*:""", page_html)

    # After "Check", this question's feedback arrives, and still nothing about the others.
    wrong = a_wrong_choice(question)
    quiz.answer([wrong.text])
    expect(quiz.feedback).to_contain_text(wrong.feedback)
    sent, keys = _sent(frames)
    assert wrong.feedback in sent
    others = [q for q in bank() if q.id != question.id]
    assert _leaks(sent, others) == [] and "correct" not in keys
    assert page.console_log.errors == []
