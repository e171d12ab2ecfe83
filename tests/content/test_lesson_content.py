"""Lessons 1, 4, 5 and 7 (what a spasm is, seeing a doctor, treatment, checking the article):
plain words everywhere a student reads, medical words defined, the topics the course promises,
and in the treatment lesson no doses, only "ask a pharmacist or doctor"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backedu.authoring.readability import TARGET_GRADE, grade, notebook_markdown
from backedu.content import course
from backedu.content.models import Planner, Verdict
from backedu.logic import planner
from backedu.logic.claims import (
    JUDGE_AN_ARTICLE,
    CheckScore,
    Rating,
    rating_name,
    verdict_name,
    what_fits,
)

ROOT = Path(__file__).resolve().parents[2]
LESSONS = {
    "what-is-a-spasm": "01-what-is-a-spasm.ipynb",
    "seeing-a-doctor": "04-seeing-a-doctor.ipynb",
    "treatment": "05-treatment.ipynb",
    "check-the-article": "07-check-the-article.ipynb",
}


def markdown(lesson_id: str) -> str:
    return notebook_markdown(ROOT / "notebooks" / LESSONS[lesson_id])


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_lesson_is_in_the_course_with_its_notebook(lesson_id: str) -> None:
    assert course().lesson(lesson_id).notebook == LESSONS[lesson_id]


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_lesson_ends_with_a_check_of_three_plain_questions(lesson_id: str) -> None:
    questions = [q for q in course().questions if q.lesson == lesson_id]
    assert len(questions) >= 3
    for question in questions:
        texts = [question.prompt, *(c.text for c in question.choices)]
        texts += [c.feedback for c in question.choices]
        assert grade(texts) <= TARGET_GRADE, question.id


# Words a 12-year-old may not know: each is written in bold where it is explained.
DEFINED_TERMS = {
    "what-is-a-spasm": [
        "spasm",
        "Spine",
        "Vertebrae",
        "Discs",
        "Spinal cord",
        "Nerves",
        "strained",
        "non-specific",
        "sciatica",
    ],
    # The services (GP, NHS 111...) are the region's: backedu.service_words() defines them.
    "seeing-a-doctor": ["physiotherapist", "X-ray", "MRI scan"],
    "treatment": [
        "NSAIDs",
        "Muscle relaxants",
        "opioids",
        "physiotherapist",
        "Manual therapy",
        "TENS machines",
    ],
    "check-the-article": ["claim", "Guidelines"],
}


@pytest.mark.parametrize(
    ("lesson_id", "term"),
    [(lesson, term) for lesson, terms in DEFINED_TERMS.items() for term in terms],
    ids=lambda v: v,
)
def test_medical_words_are_defined_where_they_first_appear(lesson_id: str, term: str) -> None:
    bold = rf"\*\*{re.escape(term)}\*\*"
    explained = re.compile(
        # "**term** is ...", "**term** (say ...) are ...", "**term**: ..." or "called **term**"
        rf"{bold}(\s*\([^)]*\))?(:| is | are | means | uses | \(|,)"
        rf"|(called|call this)( an?)? {bold}",
        re.IGNORECASE,
    )
    text = " ".join(markdown(lesson_id).split())
    assert explained.search(text), f"define **{term}** in {LESSONS[lesson_id]}"


# What the issue asks each lesson to teach, as phrases the lesson must contain.
TOPICS = {
    "what-is-a-spasm": [
        "tightens by itself and will not let go",  # what happens in the muscle
        "6 to 8 in every 10 people",  # how common
        "within a few weeks",  # most episodes get better
    ],
    "seeing-a-doctor": [
        "how bad",
        "how often",
        "what helps",
        "when",
        "Why most people do not need a scan",
    ],
    "treatment": [
        "Heat and ice",
        "Keep moving",
        "NSAIDs",
        "lowest dose that works, for the shortest time",
        "paracetamol **on its own** is not a good choice",
        "The experts do not agree",  # muscle relaxants
        "only **along with exercise**",  # manual therapy
        "ask a pharmacist or doctor",
    ],
    "check-the-article": [
        "**True**, **Partly true**, **False** or **Not sure**",
        "Who wrote it?",
        "Is someone selling something?",
        "discount code",
    ],
}


@pytest.mark.parametrize(
    ("lesson_id", "phrase"),
    [(lesson, phrase) for lesson, phrases in TOPICS.items() for phrase in phrases],
    ids=lambda v: v[:30],
)
def test_lesson_teaches_what_the_course_promises(lesson_id: str, phrase: str) -> None:
    assert phrase.lower() in " ".join(markdown(lesson_id).split()).lower()


# A dose is a number with a unit or a "how often": none may appear in the treatment lesson, its
# key points or its questions.
DOSE = re.compile(
    r"\b\d+(\.\d+)?\s*(mg|milligrams?|g|grams?|ml|tablets?|pills?|capsules?|doses?)\b"
    r"|\b(once|twice|(\d+|two|three|four) times) (a|per) day\b|\bevery \d+ hours\b",
    re.IGNORECASE,
)


def test_treatment_gives_no_doses() -> None:
    lesson = course().lesson("treatment")
    texts = [markdown("treatment"), lesson.summary, *lesson.objectives, *lesson.key_points]
    for question in course().questions:
        if question.lesson == "treatment":
            texts += [question.prompt, *(c.text + " " + c.feedback for c in question.choices)]
    for claim in course().claims:
        if claim.section == "Treatment":
            texts.append(claim.reason)
    for text in texts:
        assert not DOSE.search(text), DOSE.search(text)


def test_dose_pattern_catches_doses() -> None:  # so the test above can fail
    for dose in ("take 400 mg", "2 tablets", "three times a day", "every 8 hours"):
        assert DOSE.search(dose), dose


def test_treatment_sends_every_medicine_question_to_a_pharmacist_or_doctor() -> None:
    text = markdown("treatment")
    assert "**Before you take any medicine, ask a pharmacist or doctor.**" in text
    assert "This lesson never gives doses." in text


# --- words the widgets show ------------------------------------------------------------------
@pytest.mark.parametrize("form", course().planners, ids=lambda form: form.id)
def test_planner_words_are_plain(form: Planner) -> None:
    texts = [f"{field.label} {field.hint or ''}" for field in form.fields]
    texts += [field.line for field in form.fields if field.line]
    texts += [form.heading, form.intro, form.title, form.footer, form.ready]
    texts.append(planner.problems(form, {})[0].message)
    assert grade(texts) <= TARGET_GRADE


def test_article_check_words_are_plain() -> None:
    texts = [*map(verdict_name, Verdict), *map(what_fits, Verdict), *JUDGE_AN_ARTICLE]
    texts += [rating_name(rating) for rating in Rating]
    texts += [CheckScore(f, 37, b, 0).message for f, b in ((37, 0), (20, 2), (5, 9))]
    assert grade(texts) <= TARGET_GRADE
