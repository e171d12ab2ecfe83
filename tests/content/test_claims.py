"""The article's claims: every substantive claim is there, in article order, with the verdict the
evidence gives it; plain words; and the loader's claim rules, each with a broken copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backedu.authoring.readability import TARGET_GRADE, grade, notebook_markdown
from backedu.content import course
from backedu.content.models import Verdict
from backedu.logic.claims import JUDGE_AN_ARTICLE
from tests.support.content import assert_reported, change_text, load_error

ROOT = Path(__file__).resolve().parents[2]

C, P, NS, X, A = (
    Verdict.CONSISTENT,
    Verdict.PARTLY,
    Verdict.NOT_SUPPORTED,
    Verdict.CONTRADICTED,
    Verdict.ANECDOTE,
)

# The claims table of the evidence reference (section 3): row number -> our claim id and verdict.
# Row 17 (an empty list left over from editing) and row 39 (videos, cookie banner, discount code,
# comment box) are page clutter, not claims. Rows with two verdicts take the stronger one we can
# defend: 12 "A/NS" -> not-supported, 37 "NS/X" -> contradicted (best trials: about 45%, not 90%).
# The clinical review of 2026-11-30 (section 3) re-rated three rows to "partly": 6 (a spasm can
# cause a temporary lean), 19 (the article says "may"; NICE allows imaging for red flags or in a
# specialist setting) and 29 (any exercise plus education, short term only).
EVIDENCE_TABLE: dict[int, tuple[str, Verdict]] = {
    1: ("eighty-percent", P),
    2: ("goes-away-sometimes", P),
    3: ("near-nerve-roots", P),
    4: ("typical-signs", C),
    5: ("muscle-weakness", P),
    6: ("spine-curve", P),
    7: ("drop-foot", X),
    8: ("numb-leg", P),
    9: ("neck-and-head", NS),
    10: ("when-to-get-help", P),
    11: ("lifting-strain", C),
    12: ("sport-and-tummy-muscles", NS),
    13: ("arthritis-burst-disc", P),
    14: ("bulging-disc-pain", X),
    15: ("most-need-treatment", X),
    16: ("spasms-and-water", NS),
    18: ("history-is-enough", C),
    19: ("scan-to-check", P),
    20: ("symptom-notes", C),
    21: ("ice-and-heat", P),
    22: ("nsaids-help", C),
    23: ("muscle-relaxants", P),
    24: ("naproxen-story", A),
    25: ("physio-is-alternative", P),
    26: ("physio-if-muscles-healthy", NS),
    27: ("lose-weight", P),
    28: ("posture-and-heels", NS),
    29: ("strong-back-and-tummy", P),
    30: ("rest-after-sport-injury", X),
    31: ("lie-down-and-breathe", P),
    32: ("stretch-after-doctor-says-yes", P),
    33: ("massage-story", A),
    34: ("top-up-minerals", NS),
    35: ("water-stops-spasms", NS),
    36: ("avoid-bed-and-sitting", C),
    37: ("ninety-percent-avoidable", X),
    38: ("posture-and-workouts", P),
}
CLUTTER = {17, 39}
SECTIONS = [
    "Introduction",
    "Symptoms",
    "Causes",
    "Diagnosis",
    "Treatment",
    "Prevention",
    "Closing words",
]


def test_every_substantive_claim_is_there_in_article_order() -> None:
    assert set(EVIDENCE_TABLE) | CLUTTER == set(range(1, 40))
    expected = [claim_id for _, (claim_id, _) in sorted(EVIDENCE_TABLE.items())]
    assert [claim.id for claim in course().claims] == expected


@pytest.mark.parametrize(
    ("row", "claim_id", "verdict"),
    [(row, claim_id, verdict) for row, (claim_id, verdict) in EVIDENCE_TABLE.items()],
    ids=[f"{row}-{claim_id}" for row, (claim_id, _) in EVIDENCE_TABLE.items()],
)
def test_each_claim_has_the_evidence_tables_verdict(
    row: int, claim_id: str, verdict: Verdict
) -> None:
    assert course().claim(claim_id).verdict is verdict, f"evidence table row {row}"


def test_sections_follow_the_article() -> None:
    seen = list(dict.fromkeys(claim.section for claim in course().claims))
    assert seen == SECTIONS


@pytest.mark.parametrize("claim", course().claims, ids=lambda c: c.id)
def test_claim_reads_at_grade_seven_or_below(claim) -> None:
    assert grade([claim.article_says, claim.reason]) <= TARGET_GRADE


@pytest.mark.parametrize("claim", course().claims, ids=lambda c: c.id)
def test_claim_names_no_emergency_number(claim) -> None:
    # The number depends on the region (999, 911, 112); only the safety notice names it.
    assert not re.search(r"\b(999|911|112|111|A&E)\b", f"{claim.article_says} {claim.reason}")


def test_page_clutter_is_not_a_claim() -> None:
    text = " ".join(f"{c.article_says} {c.reason}" for c in course().claims).lower()
    for clutter in ("backpain10", "cookie", "video", "comment", "discount"):
        assert clutter not in text


def test_lesson_explains_every_question_for_judging_an_article() -> None:
    lesson = notebook_markdown(ROOT / "notebooks" / "07-check-the-article.ipynb")
    for question in JUDGE_AN_ARTICLE:
        assert f"**{question}**" in lesson


# --- the loader's claim rules, each shown failing on a broken copy -----------------------------
def test_the_same_claim_twice_is_refused(content_copy: Path) -> None:
    change_text(
        content_copy,
        "claims.yaml",
        lambda s: s.replace(
            "article_says: Muscle strain or weakness is a sign of a back spasm.",
            "article_says: Straining your muscles, for example by heavy lifting, can cause a "
            "spasm.",
        ).replace(
            "article_says: Straining your muscles, for example by heavy lifting, can cause a "
            "spasm.",
            "article_says: Straining your MUSCLES,  for example by heavy lifting, can cause a "
            "spasm.",
            1,
        ),
    )
    assert_reported(
        load_error(content_copy),
        file="claims.yaml",
        item="lifting-strain",
        field="article_says",
        problem="the same 'article_says' as claim 'muscle-weakness'",
    )


def test_a_section_split_in_two_is_refused(content_copy: Path) -> None:
    change_text(
        content_copy,
        "claims.yaml",
        lambda s: s.replace(
            "  - id: spine-curve\n    section: Symptoms", "  - id: spine-curve\n    section: Causes"
        ),
    )
    assert_reported(
        load_error(content_copy),
        file="claims.yaml",
        item="drop-foot",
        field="section",
        problem="section 'Symptoms' came earlier in the file",
    )
