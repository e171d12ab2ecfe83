"""symptoms.yaml and the symptoms lesson's content: the loader's symptom rules each catch a broken
copy, the checklist covers the article's list and the evidence's red flags, and every text a
student reads is at grade 7 or below."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from backedu.authoring.readability import TARGET_GRADE, grade
from backedu.content import course
from backedu.content.models import Level, SymptomGroup
from backedu.logic.quiz import draw
from backedu.widgets.quiz import LESSON_CHECK_SIZE
from tests.support.content import assert_reported, change_text, load_error


def replace_in_item(text: str, item_id: str, old: str, new: str) -> str:
    """Replace ``old`` with ``new`` inside one item of a YAML list (the item with ``item_id``)."""
    start = text.index(f"  - id: {item_id}\n")
    end = text.find("\n  - id: ", start + 1)
    end = len(text) if end == -1 else end
    block = text[start:end]
    assert old in block, f"{old!r} is not in item {item_id!r}"
    return text[:start] + block.replace(old, new, 1) + text[end:]


BROKEN = [
    pytest.param(
        lambda s: replace_in_item(s, "sudden-tight-pain", "level: self-care", "level: emergency"),
        "sudden-tight-pain",
        "level",
        "a spasm symptom must be 'self-care' or 'gp', not 'emergency'",
        id="spasm-at-emergency",
    ),
    pytest.param(
        lambda s: replace_in_item(s, "foot-drag", "level: gp", "level: self-care"),
        "foot-drag",
        "level",
        "a nerve symptom must be 'gp' or 'urgent', not 'self-care'",
        id="nerve-at-self-care",
    ),
    pytest.param(
        lambda s: replace_in_item(s, "fever", "level: urgent", "level: gp"),
        "fever",
        "level",
        "a red flag must be 'urgent' or 'emergency'",
        id="red-flag-at-gp",
    ),
    pytest.param(
        lambda s: replace_in_item(
            s,
            "between-shoulders",
            "    points_to: a problem in the upper back or chest that a doctor should check\n",
            "",
        ),
        "between-shoulders",
        "points_to",
        "say what a not-back symptom may point to",
        id="not-back-without-points-to",
    ),
    pytest.param(
        lambda s: replace_in_item(
            s,
            "chest-pain",
            "    group: red-flag\n",
            "    group: red-flag\n    points_to: the heart\n",
        ),
        "chest-pain",
        "points_to",
        "only not-back symptoms point elsewhere",
        id="points-to-on-a-red-flag",
    ),
    pytest.param(
        lambda s: replace_in_item(s, "foot-drag", "    escalates_to: urgent\n", ""),
        "foot-drag",
        "escalates_to",
        "'escalates_if' and 'escalates_to' go together; add 'escalates_to'",
        id="escalates-if-alone",
    ),
    pytest.param(
        lambda s: replace_in_item(
            s, "foot-drag", "    escalates_if: The foot or leg gets weaker.\n", ""
        ),
        "foot-drag",
        "escalates_if",
        "'escalates_if' and 'escalates_to' go together; add 'escalates_if'",
        id="escalates-to-alone",
    ),
    pytest.param(
        lambda s: replace_in_item(s, "foot-drag", "escalates_to: urgent", "escalates_to: gp"),
        "foot-drag",
        "escalates_to",
        "'escalates_to' must be more urgent than the level 'gp', not 'gp'",
        id="escalates-to-not-higher",
    ),
    pytest.param(
        lambda s: replace_in_item(s, "foot-drag", "escalates_to: urgent", "escalates_to: soon"),
        "foot-drag",
        "escalates_to",
        "'self-care', 'gp', 'urgent' or 'emergency'",
        id="escalates-to-not-a-level",
    ),
]


@pytest.mark.parametrize(("change", "item", "field", "problem"), BROKEN)
def test_broken_symptom_is_named(
    content_copy: Path, change: Callable[[str], str], item: str, field: str, problem: str
) -> None:
    change_text(content_copy, "symptoms.yaml", change)
    error = load_error(content_copy)
    assert_reported(error, file="symptoms.yaml", item=item, field=field, problem=problem)


# ---- what the checklist must contain --------------------------------------------------------

# The article's list of "lower back spasm signs" and its "seek medical attention" sentence,
# each mapped to the checklist item(s) that teach it.
ARTICLE_SIGNS = {
    "Backache": ["sudden-tight-pain"],
    "Hip or Buttock discomfort": ["buttock-hip-ache"],
    "Muscle strain or weakness": ["strained-muscle", "one-weak-leg"],
    "Spinal curvature": ["back-shape-change"],
    "Drop Foot": ["foot-drag"],
    "Stiffness and pain in the neck area": ["stiff-neck"],
    "Feeling numb or tingling in leg or buttock": ["numb-leg-one-side"],
    "Shoulder or arm discomfort": ["shoulder-arm-ache"],
    "Rigidity in the spine": ["back-stiffness"],
    "headaches (specifically in the rear of the head)": ["back-of-head-headache"],
    "sciatica": ["shooting-leg-pain"],
    "weakness, tingling, or numbness on one side of the body": ["one-sided-weakness"],
    "impaired balance": ["sudden-balance-loss"],
    "loss of bladder control": ["bladder-bowel-change"],
    "any loss of sensation in your arm or legs": ["both-legs"],
}


@pytest.mark.parametrize("phrase", list(ARTICLE_SIGNS))
def test_every_sign_the_article_lists_is_taught(phrase: str) -> None:
    for symptom_id in ARTICLE_SIGNS[phrase]:
        assert course().symptom(symptom_id).from_article, symptom_id


@pytest.mark.parametrize("phrase", list(ARTICLE_SIGNS))
def test_the_article_lists_each_of_those_signs(phrase: str, article: str) -> None:
    assert phrase.lower() in article.lower()


def test_only_article_signs_are_marked_from_the_article() -> None:
    marked = {s.id for s in course().symptoms if s.from_article}
    assert marked == {i for ids in ARTICLE_SIGNS.values() for i in ids}


# The red flags of evidence.md 2a, each needing its own tick.
RED_FLAGS = {
    "saddle-numbness": Level.EMERGENCY,
    "bladder-bowel-change": Level.EMERGENCY,
    "both-legs": Level.EMERGENCY,
    "leg-weakness-worse": Level.EMERGENCY,
    "private-parts-change": Level.EMERGENCY,
    "chest-pain": Level.EMERGENCY,
    "after-accident": Level.EMERGENCY,
    "fever": Level.URGENT,
    "weight-loss": Level.URGENT,
    "back-shape-change": Level.URGENT,
    "rest-night-pain": Level.URGENT,
    "cough-sneeze-pain": Level.URGENT,
    "risky-history": Level.URGENT,
    "weak-immunity-or-drugs": Level.URGENT,  # infection signs (evidence.md 2a, H10)
}


@pytest.mark.parametrize(("symptom_id", "level"), RED_FLAGS.items(), ids=list(RED_FLAGS))
def test_every_red_flag_is_on_the_checklist(symptom_id: str, level: Level) -> None:
    symptom = course().symptom(symptom_id)
    assert symptom.group is SymptomGroup.RED_FLAG
    assert symptom.level is level


@pytest.mark.parametrize(
    ("symptom_id", "points_to", "level"),
    [
        ("one-sided-weakness", "stroke", Level.EMERGENCY),
        ("face-or-speech", "stroke", Level.EMERGENCY),
        ("sudden-balance-loss", "stroke", Level.EMERGENCY),
        ("stiff-neck-fever", "meningitis", Level.EMERGENCY),
        ("sudden-tummy-back-pain", "blood vessel", Level.EMERGENCY),  # aortic aneurysm
        ("between-shoulders", "chest", Level.URGENT),
    ],
)
def test_not_back_signs_say_where_they_point_and_how_urgent(
    symptom_id: str, points_to: str, level: Level
) -> None:
    symptom = course().symptom(symptom_id)
    assert symptom.group is SymptomGroup.NOT_BACK
    assert points_to in (symptom.points_to or "")
    assert symptom.level is level


def test_each_group_and_level_is_on_the_checklist() -> None:
    assert {s.group for s in course().symptoms} == set(SymptomGroup)
    assert {s.level for s in course().symptoms} == set(Level)


# ---- plain words ----------------------------------------------------------------------------


def _student_text(symptom_id: str) -> list[str]:
    symptom = course().symptom(symptom_id)
    parts = [symptom.label, symptom.explanation]
    if symptom.points_to:
        parts.append(f"It may point to {symptom.points_to}.")
    if symptom.escalates_if:
        parts.append(symptom.escalates_if)
    return parts


@pytest.mark.parametrize("symptom_id", [s.id for s in course().symptoms])
def test_each_sign_reads_at_grade_seven_or_below(symptom_id: str) -> None:
    """Graded per sign (label, explanation and notes together): a lone short label is too few
    words for a grade to mean anything."""
    assert grade(_student_text(symptom_id)) <= TARGET_GRADE


def test_all_signs_together_read_at_grade_seven_or_below() -> None:
    everything = [part for s in course().symptoms for part in _student_text(s.id)]
    assert grade(everything) <= TARGET_GRADE


def test_lesson_details_and_questions_read_at_grade_seven_or_below() -> None:
    lesson = course().lesson("symptoms")
    assert grade([lesson.title, lesson.summary, *lesson.objectives, *lesson.key_points]) <= (
        TARGET_GRADE
    )
    questions = [q for q in course().questions if q.lesson == "symptoms"]
    assert 3 <= len(questions) <= 6
    for question in questions:
        texts = [question.prompt]
        for choice in question.choices:
            texts += [choice.text, choice.feedback]
        assert grade(texts) <= TARGET_GRADE, question.id


# ---- lesson 02's check asks about an emergency sign (content review, section 2) -----------------


def test_lesson_check_always_asks_about_an_emergency_sign() -> None:
    """The check draws up to LESSON_CHECK_SIZE questions round robin over topics, so every topic
    is asked when there are no more topics than that. The 'emergency' topic must be one of them,
    and each of its questions must have an emergency sign as its right answer's subject."""
    questions = [q for q in course().questions if q.lesson == "symptoms"]
    topics = {q.topic for q in questions}
    assert "emergency" in topics and len(topics) <= LESSON_CHECK_SIZE
    size = min(LESSON_CHECK_SIZE, len(questions))
    for seed in range(50):
        asked = draw(questions, size, random.Random(seed))
        assert any(q.topic == "emergency" for q in asked), seed
    for question in questions:
        if question.topic == "emergency":
            right = [c for c in question.choices if c.correct]
            assert right and all(
                any(w in c.feedback.lower() for w in ("emergency", "ambulance")) for c in right
            ), question.id
