"""The article check widget without a browser: rate claims through ``rate``, go on with ``next``,
start over with ``restart``; and before a rating, nothing of the verdict is in the widget."""

from __future__ import annotations

from html import escape

import pytest

import backedu
from backedu.content import course
from backedu.content.models import Claim, Verdict
from backedu.errors import ClaimCheckError
from backedu.logic.claims import FITTING, JUDGE_AN_ARTICLE, Rating, verdict_name
from backedu.widgets.claims import ArticleCheck, article_check
from tests.support.models import validated
from tests.support.widgets import page_text


def fitting(claim: Claim) -> Rating:
    return sorted(FITTING[claim.verdict])[0]


def test_public_factory_walks_every_claim_of_the_course() -> None:
    check = backedu.article_check()
    assert isinstance(check, ArticleCheck)
    assert "backedu-article-check" in check._dom_classes
    assert check.claim == course().claims[0]
    assert check.progress == f"Claim 1 of {len(course().claims)}"


@pytest.mark.parametrize("position", [0, 8, 23], ids=lambda p: f"claim-{p + 1}")
def test_before_rating_the_widget_holds_no_verdict_reason_or_source(position: int) -> None:
    check = article_check()
    for claim in course().claims[:position]:
        check.rate(claim.id, "not-sure")
        check.next()
    claim = check.claim
    assert claim is not None and check.feedback_html == ""
    shown = page_text(check)
    assert escape(claim.article_says, quote=True) in shown
    assert escape(claim.reason, quote=True) not in shown
    assert "What we found:" not in shown and "backedu-article-check-verdict" not in shown
    for verdict in Verdict:
        assert f"What we found: {escape(verdict_name(verdict), quote=True)}" not in shown
    for source_id in claim.sources:
        assert str(course().source(source_id).url) not in shown


def test_rating_shows_the_verdict_reason_and_sources() -> None:
    check = article_check()
    claim = course().claims[0]
    check.rate(claim.id, "partly")
    feedback = check.feedback_html
    assert 'role="alert"' in feedback
    assert escape(verdict_name(claim.verdict), quote=True) in feedback
    assert escape(claim.reason, quote=True) in feedback
    for source_id in claim.sources:
        assert f'href="{course().source(source_id).url}"' in feedback
    assert check.judgement is not None and check.judgement.rating is Rating.PARTLY
    assert "You said “Partly true”." in feedback


def test_a_claim_can_be_rated_only_once_and_in_order() -> None:
    check = article_check()
    first, second = course().claims[:2]
    with pytest.raises(ClaimCheckError, match=f"the claim on screen is '{first.id}'"):
        check.rate(second.id, "true")
    with pytest.raises(ClaimCheckError, match="'Next claim' cannot be pressed now"):
        check.next()
    check.rate(first.id, "true")
    with pytest.raises(ClaimCheckError, match="cannot be pressed now"):
        check.rate(first.id, "false")
    with pytest.raises(ClaimCheckError, match="a rating is one of"):
        article_check().rate(first.id, "maybe")


def test_whole_walk_scores_and_ends_with_how_to_judge_an_article() -> None:
    check = article_check()
    claims = course().claims
    for index, claim in enumerate(claims):
        # every fifth claim rated "true" whatever the evidence says, the rest as the evidence does
        rating = Rating.TRUE if index % 5 == 0 else fitting(claim)
        check.rate(claim.id, rating)
        check.next()
    assert check.finished and check.claim is None and check.progress == "Finished"
    score = check.score
    assert score is not None and score.total == len(claims)
    wrong = [c for i, c in enumerate(claims) if i % 5 == 0 and c.verdict is not Verdict.CONSISTENT]
    assert score.fitted == len(claims) - len(wrong)
    summary = check.summary_html
    assert f"Your answers fit the evidence on {score.fitted} of {len(claims)} claims." in summary
    for question in JUDGE_AN_ARTICLE:
        assert escape(question, quote=True) in summary
    assert summary.count("<li><p><strong>") == len(claims)  # every answer to look back at
    with pytest.raises(ClaimCheckError, match="every claim is done"):
        check.rate(claims[0].id, "true")
    check.restart()
    assert check.claim == claims[0] and check.summary_html == "" and check.judgements == ()


def test_restart_is_only_offered_at_the_end() -> None:
    with pytest.raises(ClaimCheckError, match="'Start again' cannot be pressed now"):
        article_check().restart()


def test_claim_text_is_escaped() -> None:
    claim = validated(
        Claim,
        id="markup",
        section="Test",
        article_says="<img src=x onerror=alert(1)> says the page",
        verdict=Verdict.PARTLY,
        reason="<script>alert(1)</script> is text here",
        sources=("nhs-back-pain",),
    )
    check = ArticleCheck(course(), claims=[claim])
    assert "<img" not in check.claim_html and "&lt;img" in check.claim_html
    check.rate("markup", "partly")
    assert "<script>" not in check.feedback_html and "&lt;script&gt;" in check.feedback_html


def test_unknown_source_is_refused_up_front() -> None:
    claim = validated(
        Claim,
        id="lost",
        section="Test",
        article_says="Something.",
        verdict=Verdict.PARTLY,
        reason="Why.",
        sources=("nowhere",),
    )
    with pytest.raises(ClaimCheckError, match="claim 'lost' cites unknown source 'nowhere'"):
        ArticleCheck(course(), claims=[claim])
