"""causes.yaml: the loader's cause rules each catch a broken file, and the shipped causes say what
the lesson promises (every cause the article names, sourced figures, plain words)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backedu.authoring.readability import TARGET_GRADE, grade
from backedu.content import course
from backedu.content.models import Commonness, Level, Structure, Verdict
from tests.support.content import assert_reported, change_yaml, load_error

Raw = dict[str, Any]


def cause(raw: Raw, cause_id: str) -> Raw:
    return next(item for item in raw["causes"] if item["id"] == cause_id)


def share(raw: Raw, share_id: str) -> Raw:
    return next(item for item in raw["out_of_100"] if item["id"] == share_id)


def _drop(item: Raw, key: str) -> None:
    del item[key]


BREAKAGES = [
    pytest.param(
        lambda raw: _drop(cause(raw, "slipped-disc"), "article_verdict"),
        "'article_says' and 'article_verdict' go together",
        "slipped-disc",
        "article_verdict",
        id="article-says-without-verdict",
    ),
    pytest.param(
        lambda raw: cause(raw, "stress").update(article_verdict="partly"),
        "'article_says' and 'article_verdict' go together",
        "stress",
        "article_says",
        id="verdict-without-article-says",
    ),
    pytest.param(
        lambda raw: cause(raw, "stress").update(article_verdict="wrong-ish"),
        "Input should be",
        "stress",
        "article_verdict",
        id="verdict-not-in-enum",
    ),
    pytest.param(
        lambda raw: cause(raw, "cauda-equina").update(symptoms=["shooting-leg-pain"]),
        "must list at least one symptom at level 'emergency'",
        "cauda-equina",
        "symptoms",
        id="emergency-cause-without-emergency-sign",
    ),
    pytest.param(
        lambda raw: cause(raw, "fracture").update(symptoms=["back-stiffness"]),
        "a cause at level 'urgent' must list at least one symptom at level 'urgent' or higher",
        "fracture",
        "symptoms",
        id="urgent-cause-without-urgent-sign",
    ),
    pytest.param(
        lambda raw: cause(raw, "muscle-strain").update(symptoms=["sore-elbow"]),
        "unknown symptom 'sore-elbow'",
        "muscle-strain",
        "symptoms",
        id="unknown-symptom",
    ),
    pytest.param(
        lambda raw: share(raw, "serious-cause")["causes"].append("broken-leg"),
        "unknown cause 'broken-leg'",
        "serious-cause",
        "causes",
        id="share-names-unknown-cause",
    ),
    pytest.param(
        lambda raw: share(raw, "serious-cause")["causes"].append("slipped-disc"),
        "cause 'slipped-disc' is already in 'nerve-root-or-other'",
        "serious-cause",
        "causes",
        id="cause-in-two-shares",
    ),
    pytest.param(
        lambda raw: share(raw, "serious-cause").update(sources=["my-uncle"]),
        "unknown source 'my-uncle'",
        "serious-cause",
        "sources",
        id="share-unknown-source",
    ),
    pytest.param(
        lambda raw: share(raw, "no-single-cause").update(low=96),
        "low (96) is above high (95)",
        "no-single-cause",
        "low",
        id="low-above-high",
    ),
    pytest.param(
        lambda raw: (
            share(raw, "no-single-cause").update(drawn=85),
            share(raw, "nerve-root-or-other").update(drawn=14),
        ),
        "drawn (85) must lie between low (90) and high (95)",
        "no-single-cause",
        "drawn",
        id="drawn-outside-sourced-range",
    ),
    pytest.param(
        lambda raw: share(raw, "nerve-root-or-other").update(drawn=8),
        "must add up to 100 people, not 99",
        None,
        "out_of_100",
        id="drawn-not-100",
    ),
    pytest.param(
        lambda raw: share(raw, "serious-cause").update(id="no-single-cause"),
        "duplicate id",
        "no-single-cause",
        "id",
        id="duplicate-share-id",
    ),
    pytest.param(
        lambda raw: raw.pop("out_of_100"),
        "required but missing",
        None,
        "out_of_100",
        id="no-out-of-100",
    ),
    pytest.param(
        lambda raw: cause(raw, "posture").update(structure="spine"),
        "Input should be",
        "posture",
        "structure",
        id="structure-not-in-enum",
    ),
]


@pytest.mark.parametrize(("change", "message", "item", "field"), BREAKAGES)
def test_broken_causes_file_names_file_item_and_field(
    content_copy: Path,
    change: Callable[[Raw], None],
    message: str,
    item: str | None,
    field: str | None,
) -> None:
    change_yaml(content_copy, "causes.yaml", change)
    error = load_error(content_copy)
    assert_reported(error, file="causes.yaml", item=item, field=field, problem=message)


# ---- the shipped causes --------------------------------------------------------------------

ARTICLE_CAUSES = [  # what the article names (issue 4): each must be findable, with a verdict
    "muscle-strain",
    "lifting-and-twisting",
    "weak-core",
    "arthritis",
    "slipped-disc",
    "dehydration",
    "low-minerals",
    "posture",
    "high-heels",
]
EVIDENCE_CAUSES = [  # what the evidence adds (evidence.md 4b)
    "non-specific",
    "spinal-stenosis",
    "fracture",
    "infection",
    "cancer",
    "cauda-equina",
    "stress",
]


@pytest.mark.parametrize("cause_id", ARTICLE_CAUSES)
def test_every_cause_the_article_names_is_there_with_a_verdict(cause_id: str) -> None:
    item = course().cause(cause_id)
    assert item.article_says and item.article_verdict is not None


@pytest.mark.parametrize("cause_id", EVIDENCE_CAUSES)
def test_causes_the_evidence_adds_are_there(cause_id: str) -> None:
    assert course().cause(cause_id).sources


@pytest.mark.parametrize(
    "cause_id", ["weak-core", "dehydration", "low-minerals", "posture", "high-heels"]
)
def test_weak_or_unproven_causes_are_marked_so(cause_id: str) -> None:
    item = course().cause(cause_id)
    assert item.how_common is Commonness.UNPROVEN
    assert item.article_verdict is Verdict.NOT_SUPPORTED
    # nothing to highlight and nothing to change: it is not shown to be a cause at all
    assert item.structure is Structure.NONE
    assert item.modifiable.value == "unknown"


@pytest.mark.parametrize(
    ("cause_id", "level"),
    [
        ("cauda-equina", Level.EMERGENCY),
        ("fracture", Level.URGENT),
        ("infection", Level.URGENT),
        ("cancer", Level.URGENT),
        ("slipped-disc", Level.GP),
        ("non-specific", Level.SELF_CARE),
    ],
)
def test_what_to_do_follows_the_guidance(cause_id: str, level: Level) -> None:
    assert course().cause(cause_id).level is level


def test_out_of_100_figures_are_the_sourced_ones() -> None:
    """evidence.md 2c: non-specific 90-95% (R8), serious causes under 1% (H2)."""
    figures = {s.id: (s.low, s.high, s.drawn) for s in course().out_of_100}
    assert figures["no-single-cause"] == (90, 95, 90)
    assert figures["serious-cause"] == (0, 1, 1)
    assert sum(drawn for _, _, drawn in figures.values()) == 100


def test_cause_names_are_unique() -> None:
    """The explorer's list shows names: two alike could not be told apart."""
    names = [item.name for item in course().causes]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("item", course().causes, ids=lambda c: c.id)
def test_each_cause_reads_at_grade_seven_or_below(item: Any) -> None:
    texts = [item.name, item.how_it_hurts, item.at_risk, item.evidence_note]
    texts += [item.article_says] if item.article_says else []
    assert grade(texts) <= TARGET_GRADE


@pytest.mark.parametrize("item", course().out_of_100, ids=lambda s: s.id)
def test_each_out_of_100_group_reads_at_grade_seven_or_below(item: Any) -> None:
    assert grade([item.label, item.note or ""]) <= TARGET_GRADE


@pytest.mark.parametrize(
    "item", [q for q in course().questions if q.lesson == "causes"], ids=lambda q: q.id
)
def test_causes_lesson_questions_read_at_grade_seven_or_below(item: Any) -> None:
    texts = [item.prompt, *(c.text for c in item.choices), *(c.feedback for c in item.choices)]
    assert grade(texts) <= TARGET_GRADE


def test_the_causes_lesson_has_a_short_check() -> None:
    assert 3 <= sum(q.lesson == "causes" for q in course().questions) <= 5
