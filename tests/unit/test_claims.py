"""The article check's pure logic: which ratings fit which verdict, the score, and the walk."""

from __future__ import annotations

import pytest

from backedu.content.models import Claim, Verdict
from backedu.errors import ClaimCheckError
from backedu.logic.claims import (
    FITTING,
    JUDGE_AN_ARTICLE,
    CheckRun,
    CheckScore,
    Rating,
    judge,
    parse_rating,
    rating_name,
    score,
    verdict_name,
    what_fits,
)
from backedu.views.claims import VERDICT_ICONS
from tests.support.models import validated


def make_claim(claim_id: str = "a-claim", verdict: Verdict = Verdict.PARTLY) -> Claim:
    return validated(
        Claim,
        id=claim_id,
        section="Introduction",
        article_says=f"The article says {claim_id}.",
        verdict=verdict,
        reason="Because of the evidence.",
        sources=("nhs-back-pain",),
    )


# verdict, rating, fits: every pair, so a change to FITTING shows up here as a failing row
FIT_TABLE = [
    (Verdict.CONSISTENT, Rating.TRUE, True),
    (Verdict.CONSISTENT, Rating.PARTLY, False),
    (Verdict.CONSISTENT, Rating.FALSE, False),
    (Verdict.CONSISTENT, Rating.NOT_SURE, False),
    (Verdict.PARTLY, Rating.TRUE, False),
    (Verdict.PARTLY, Rating.PARTLY, True),
    (Verdict.PARTLY, Rating.FALSE, False),
    (Verdict.PARTLY, Rating.NOT_SURE, False),
    (Verdict.NOT_SUPPORTED, Rating.TRUE, False),
    (Verdict.NOT_SUPPORTED, Rating.PARTLY, False),
    (Verdict.NOT_SUPPORTED, Rating.FALSE, True),
    (Verdict.NOT_SUPPORTED, Rating.NOT_SURE, True),
    (Verdict.CONTRADICTED, Rating.TRUE, False),
    (Verdict.CONTRADICTED, Rating.PARTLY, False),
    (Verdict.CONTRADICTED, Rating.FALSE, True),
    (Verdict.CONTRADICTED, Rating.NOT_SURE, False),
    (Verdict.ANECDOTE, Rating.TRUE, False),
    (Verdict.ANECDOTE, Rating.PARTLY, True),
    (Verdict.ANECDOTE, Rating.FALSE, False),
    (Verdict.ANECDOTE, Rating.NOT_SURE, True),
]


@pytest.mark.parametrize(
    ("verdict", "rating", "fits"), FIT_TABLE, ids=lambda v: str(getattr(v, "value", v))
)
def test_which_ratings_fit_which_verdict(verdict: Verdict, rating: Rating, fits: bool) -> None:
    assert judge(make_claim(verdict=verdict), rating).fits is fits


def test_fit_table_covers_every_pair() -> None:
    assert {(v, r) for v, r, _ in FIT_TABLE} == {(v, r) for v in Verdict for r in Rating}


@pytest.mark.parametrize("verdict", list(Verdict), ids=str)
def test_every_verdict_has_words_a_sign_and_an_explanation(verdict: Verdict) -> None:
    assert verdict_name(verdict) and VERDICT_ICONS[verdict] and what_fits(verdict)
    # the explanation names exactly the ratings that fit, so the words and the rule agree
    named = {r for r in Rating if f"“{rating_name(r)}”" in what_fits(verdict)}
    assert named == set(FITTING[verdict])


def test_verdict_signs_differ_so_colour_is_never_needed() -> None:
    assert len(set(VERDICT_ICONS.values())) == len(Verdict)
    assert len({verdict_name(verdict) for verdict in Verdict}) == len(Verdict)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("true", Rating.TRUE),
        ("  Partly ", Rating.PARTLY),
        ("FALSE", Rating.FALSE),
        ("not-sure", Rating.NOT_SURE),
        (Rating.NOT_SURE, Rating.NOT_SURE),
    ],
    ids=["lower", "padded", "upper", "kebab", "enum"],
)
def test_parse_rating_accepts_the_four_ratings(given: object, expected: Rating) -> None:
    assert parse_rating(given) is expected


@pytest.mark.parametrize("bad", ["yes", "", "not sure", 1, None, True], ids=repr)
def test_parse_rating_names_the_ratings_there_are(bad: object) -> None:
    with pytest.raises(ClaimCheckError, match=r"'true', 'partly', 'false', 'not-sure'"):
        parse_rating(bad)


@pytest.mark.parametrize(
    ("verdict", "rating", "words"),
    [
        (Verdict.PARTLY, Rating.PARTLY, "That fits the evidence."),
        (Verdict.PARTLY, Rating.NOT_SURE, "It is fine to be unsure."),
        (Verdict.CONSISTENT, Rating.FALSE, "That does not fit the evidence."),
    ],
    ids=["fits", "unsure", "different"],
)
def test_judgement_message(verdict: Verdict, rating: Rating, words: str) -> None:
    message = judge(make_claim(verdict=verdict), rating).message
    assert message.startswith(f"You said “{rating_name(rating)}”.")
    assert words in message


def test_score_counts_fits_unsure_and_unbacked_beliefs() -> None:
    judgements = [
        judge(make_claim("one", Verdict.CONSISTENT), "true"),  # fits
        judge(make_claim("two", Verdict.CONTRADICTED), "true"),  # believed, unbacked
        judge(make_claim("three", Verdict.NOT_SUPPORTED), "true"),  # believed, unbacked
        judge(make_claim("four", Verdict.NOT_SUPPORTED), "not-sure"),  # fits, unsure
        judge(make_claim("five", Verdict.PARTLY), "not-sure"),  # unsure
    ]
    assert score(judgements) == CheckScore(fitted=2, total=5, believed_unbacked=2, unsure=2)


@pytest.mark.parametrize(
    ("fitted", "believed", "words"),
    [
        (10, 0, "Every one!"),
        (6, 0, "Well done"),
        (2, 0, "That is normal for a first try"),
        (6, 1, "You believed 1 claim that"),
        (6, 3, "You believed 3 claims that"),
    ],
    ids=["all", "half-or-more", "few", "one-belief", "beliefs"],
)
def test_score_message(fitted: int, believed: int, words: str) -> None:
    message = CheckScore(fitted, 10, believed, 0).message
    assert message.startswith(f"Your answers fit the evidence on {fitted} of 10 claims.")
    assert words in message


def test_a_run_walks_claims_in_order_and_scores_at_the_end() -> None:
    claims = [make_claim("one", Verdict.CONSISTENT), make_claim("two", Verdict.CONTRADICTED)]
    run = CheckRun(claims)
    assert run.current.id == "one" and run.judgement is None
    assert run.rate("one", "true").fits
    assert run.judgement is not None
    run.advance()
    assert run.current.id == "two"
    run.rate("two", Rating.TRUE)
    run.advance()
    assert run.finished and run.judgement is None
    assert run.score() == CheckScore(fitted=1, total=2, believed_unbacked=1, unsure=0)
    run.restart()
    assert run.position == 0 and run.judgements == ()


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (lambda run: run.rate("two", "true"), "the claim on screen is 'one', not 'two'"),
        (lambda run: (run.rate("one", "true"), run.rate("one", "false")), "already rated"),
        (lambda run: run.advance(), "claim 'one' is not rated yet"),
        (lambda run: run.score(), r"not finished: 2 claim\(s\) left"),
        (lambda run: run.rate("one", "maybe"), "a rating is one of"),
    ],
    ids=["out-of-order", "twice", "advance-unrated", "score-early", "bad-rating"],
)
def test_a_run_refuses_what_a_student_could_not_do(steps, message: str) -> None:
    run = CheckRun([make_claim("one"), make_claim("two")])
    with pytest.raises(ClaimCheckError, match=message):
        steps(run)


def test_a_finished_run_has_no_current_claim() -> None:
    run = CheckRun([make_claim("one")])
    run.rate("one", "partly")
    run.advance()
    with pytest.raises(ClaimCheckError, match="every claim is done"):
        _ = run.current


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ([], "non-empty list of Claim items"),
        (["not a claim"], "non-empty list of Claim items"),
        ([make_claim("one"), make_claim("one")], "the same claim twice"),
    ],
    ids=["empty", "not-claims", "duplicate"],
)
def test_a_run_needs_distinct_claims(claims: list, message: str) -> None:
    with pytest.raises(ClaimCheckError, match=message):
        CheckRun(claims)


def test_judging_questions_are_questions() -> None:
    assert len(JUDGE_AN_ARTICLE) == 6
    assert all(question.endswith("?") for question in JUDGE_AN_ARTICLE)
