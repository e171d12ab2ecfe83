"""The prevention lesson's content: the article's tips with verdicts, the self-quiz bank, and the
reading level of all of it. Broken copies of the files show each new loader rule at work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from backedu.authoring.readability import TARGET_GRADE, grade, notebook_markdown
from backedu.content import course
from backedu.content.models import Question, QuestionType, TipVerdict
from backedu.views.prevention import prevention_tips
from backedu.views.quiz import reason
from tests.support.content import assert_reported, change_text, load_error

ROOT = Path(__file__).resolve().parents[2]
LESSON = "prevention"
TOPICS = {"prevention", "self-care", "red-flags", "causes", "myths"}
RIGHT_WORDS = ("Yes.", "Right.", "Right!", "Correct.")


def bank() -> list[Question]:
    return [q for q in course().questions if q.lesson == LESSON]


# --- the question bank -------------------------------------------------------------------------
def test_bank_is_big_enough_and_covers_every_topic_and_type() -> None:
    questions = bank()
    assert len(questions) >= 24
    topics = Counter(q.topic for q in questions)
    assert set(topics) == TOPICS and min(topics.values()) >= 4, topics
    assert {q.type for q in questions} == set(QuestionType)


@pytest.mark.parametrize("question", bank(), ids=lambda q: q.id)
def test_every_choice_explains_itself_and_agrees_with_the_key(question: Question) -> None:
    for choice in question.choices:
        assert len(choice.feedback.split()) >= 6, f"{choice.id}: say why, not just yes or no"
        # The feedback must not contradict the key: only right choices open with "Yes"/"Right".
        assert choice.feedback.startswith(RIGHT_WORDS) is choice.correct, choice.id
        assert choice.feedback not in (question.prompt, choice.text)


@pytest.mark.parametrize("question", bank(), ids=lambda q: q.id)
def test_question_reads_at_grade_seven_or_below(question: Question) -> None:
    pieces = [question.prompt, *(c.text for c in question.choices)]
    pieces += [c.feedback for c in question.choices]
    assert grade(pieces) <= TARGET_GRADE
    for choice in question.choices:
        assert grade(choice.feedback) <= TARGET_GRADE, choice.feedback


def test_no_feedback_is_already_on_the_page_before_answering() -> None:
    # The browser test looks for feedback text to prove the key is not sent; that only works if
    # the same words are not also part of the lesson itself.
    page = prevention_tips() + notebook_markdown(ROOT / "notebooks" / "06-prevention.ipynb")
    for question in bank():
        for choice in question.choices:
            assert reason(choice) not in page, f"{question.id}/{choice.id}"


# --- the prevention tips -----------------------------------------------------------------------
# The verdicts that the evidence pins down (evidence.md 2b and claims 29-36): a change here must
# be a deliberate change of the evidence, not an editing slip.
PINNED_VERDICTS = {
    "strengthen-back-and-tummy": TipVerdict.HELPS,
    "avoid-bed-and-long-sitting": TipVerdict.HELPS,
    "rest-after-sports-injury": TipVerdict.NOT_RECOMMENDED,
    "top-up-minerals": TipVerdict.NOT_RECOMMENDED,
    "drink-water": TipVerdict.UNPROVEN,
    "stand-up-straight": TipVerdict.UNPROVEN,
    "lower-heels": TipVerdict.UNPROVEN,
}


@pytest.mark.parametrize(("tip_id", "verdict"), PINNED_VERDICTS.items())
def test_tip_verdicts_follow_the_evidence(tip_id: str, verdict: TipVerdict) -> None:
    assert course().tip(tip_id).verdict is verdict


def test_tips_read_at_grade_seven_or_below() -> None:
    for tip in course().tips:
        pieces = [tip.name, tip.article_says, tip.why, *([tip.instead] if tip.instead else [])]
        assert grade(pieces) <= TARGET_GRADE, tip.id


def test_tips_page_shows_every_tip_with_its_verdict_in_words() -> None:
    html = prevention_tips()
    assert html.count('class="backedu-tip"') == len(course().tips)
    for label in ("Evidence: Helps", "Evidence: Unproven", "Evidence: Not advised"):
        assert label in html
    assert html.index("Tips that help") < html.index("Tips with no good proof")
    assert html.index("Tips with no good proof") < html.index("Tips to skip")
    assert "Do this instead: " in html


# --- broken files ----------------------------------------------------------------------------
def _drop_instead(text: str) -> str:
    head, tail = text.split("  - id: rest-after-sports-injury\n", 1)
    block, rest = tail.split("    instead: >-\n", 1)
    rest = rest.split("    sources:", 1)[1]
    return f"{head}  - id: rest-after-sports-injury\n{block}    sources:{rest}"


BROKEN = [
    pytest.param(
        "prevention.yaml", _drop_instead, "must say what to do instead",
        "rest-after-sports-injury", "instead", id="not-recommended-without-instead",
    ),
    pytest.param(
        "prevention.yaml", lambda s: s.replace("    verdict: helps\n", "    verdict: great\n", 1),
        "'helps', 'unproven' or 'not-recommended'", "strengthen-back-and-tummy", "verdict",
        id="unknown-verdict",
    ),
    pytest.param(
        "prevention.yaml", lambda s: s.replace("[magnesium-cramps]", "[no-such-source]", 1),
        "unknown source 'no-such-source'", "top-up-minerals", "sources", id="unknown-source",
    ),
    pytest.param(
        "prevention.yaml", lambda s: s.replace("    why: >-\n", "    because: >-\n", 1),
        "required but missing (and 1 more problem", "strengthen-back-and-tummy", "why",
        id="misspelt-field",
    ),
    pytest.param(
        "questions.yaml",
        lambda s: s.replace("text: Wearing a back belt", "text: Special insoles in your shoes", 1),
        "two choices read the same: 'Special insoles in your shoes'", "best-proof-prevention",
        "choices", id="two-choices-read-the-same",
    ),
    pytest.param(
        "questions.yaml", lambda s: s.replace("lesson: prevention", "lesson: prevent", 1),
        "unknown lesson 'prevent'", "best-proof-prevention", "lesson", id="unknown-lesson",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "change", "problem", "item", "field"), BROKEN)
def test_broken_file_names_file_item_and_field(
    content_copy: Path,
    name: str,
    change: Callable[[str], str],
    problem: str,
    item: str,
    field: str,
) -> None:
    change_text(content_copy, name, change)
    error = load_error(content_copy)
    assert_reported(error, file=name, item=item, field=field, problem=problem)


def test_missing_prevention_file_is_named(content_copy: Path) -> None:
    (content_copy / "prevention.yaml").unlink()
    error = load_error(content_copy)
    assert_reported(error, file="prevention.yaml", item=None, field=None, problem="file not found")
