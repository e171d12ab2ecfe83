"""The numbers on the teacher's dashboard: first tries per question, the most chosen wrong answer,
misconceptions ranked, claim ratings against the evidence, participants, and the CSV export."""

from __future__ import annotations

import csv
import io

import pytest

from backedu.classroom import results
from backedu.classroom.records import Response, answer, rating
from backedu.content import course
from backedu.content.models import Choice, Claim, Question, Verdict
from backedu.logic.claims import Rating
from tests.support.models import validated

A, B, C, D = "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc", "dddddddddddddddd"


def _question(qid: str, correct: set[str], kind: str = "single") -> Question:
    return validated(
        Question,
        id=qid,
        sources=("src",),
        lesson="lesson",
        topic="topic",
        type=kind,
        prompt=f"Prompt of {qid}?",
        choices=tuple(
            validated(Choice, id=c, text=f"Choice {c}", correct=c in correct, feedback="Because.")
            for c in ("x", "y", "z")
        ),
    )


def _claim(cid: str, verdict: Verdict) -> Claim:
    return validated(
        Claim,
        id=cid,
        sources=("src",),
        section="Causes",
        article_says=f"Claim {cid}.",
        verdict=verdict,
        reason="Because.",
    )


Q1 = _question("q-one", {"x"})
Q2 = _question("q-two", {"x", "y"}, "multiple")
QUESTIONS = (Q1, Q2)
C1 = _claim("c-one", Verdict.CONTRADICTED)
C2 = _claim("c-two", Verdict.CONSISTENT)
C3 = _claim("c-three", Verdict.ANECDOTE)
CLAIMS = (C1, C2, C3)


def ans(view: str, qid: str, chosen: list[str], seq: int = 1) -> Response:
    question = next(q for q in QUESTIONS if q.id == qid)
    right = {c.id for c in question.choices if c.correct}
    return answer(view, qid, chosen, correct=set(chosen) == right, seq=seq)


@pytest.mark.parametrize(
    ("responses", "answered", "correct", "wrong"),
    [
        ([], None, None, None),
        ([ans(A, "q-one", ["x"])], 1, 1, ()),
        (
            [ans(A, "q-one", ["y"]), ans(B, "q-one", ["y"]), ans(C, "q-one", ["z"])],
            3,
            0,
            (("y", 2), ("z", 1)),
        ),
        # a retry after feedback does not count: first tries only
        ([ans(A, "q-one", ["y"]), ans(A, "q-one", ["x"], seq=2)], 1, 0, (("y", 1),)),
        # first try found by sequence number, whatever the storage order
        ([ans(A, "q-one", ["x"], seq=2), ans(A, "q-one", ["z"], seq=1)], 1, 0, (("z", 1),)),
        # tie between wrong choices: the question's own order decides
        ([ans(A, "q-one", ["z"]), ans(B, "q-one", ["y"])], 2, 0, (("y", 1), ("z", 1))),
    ],
    ids=["no-answers", "one-right", "most-chosen-wrong", "retry-ignored", "seq-order", "tie"],
)
def test_question_results(responses, answered, correct, wrong) -> None:
    found = results.question_results(responses, QUESTIONS)
    if answered is None:
        assert found == ()
        return
    (result,) = found
    assert (result.answered, result.correct) == (answered, correct)
    assert tuple((choice.id, n) for choice, n in result.wrong_choices) == wrong
    assert result.share_correct == pytest.approx(correct / answered)
    expected_most = wrong[0] if wrong else None
    most = result.most_chosen_wrong
    assert (None if most is None else (most[0].id, most[1])) == expected_most


def test_multiple_select_counts_wrong_ticks_and_all_or_nothing() -> None:
    responses = [
        ans(A, "q-two", ["x", "y"]),  # right
        ans(B, "q-two", ["x"]),  # wrong: left one out, ticked nothing wrong
        ans(C, "q-two", ["x", "y", "z"]),  # wrong: ticked z
    ]
    (result,) = results.question_results(responses, QUESTIONS)
    assert (result.answered, result.correct) == (3, 1)
    assert [(c.id, n) for c, n in result.wrong_choices] == [("z", 1)]


def test_results_keep_course_order_and_skip_unknown_items() -> None:
    responses = [ans(A, "q-two", ["x", "y"]), ans(A, "q-one", ["x"])]
    responses.append(answer(A, "gone-question", ["x"], correct=True))
    summary = results.summarize(responses, QUESTIONS, CLAIMS)
    assert [r.question.id for r in summary.questions] == ["q-one", "q-two"]
    assert summary.unknown == 1


@pytest.mark.parametrize(
    ("ratings", "claim", "counts", "fitting"),
    [
        ([rating(A, "c-one", "false"), rating(B, "c-one", "true")], C1, (1, 0, 1, 0), 1),
        ([rating(A, "c-two", "true"), rating(B, "c-two", "true")], C2, (2, 0, 0, 0), 2),
        (
            [
                rating(A, "c-three", "not-sure"),
                rating(B, "c-three", "partly"),
                rating(C, "c-three", "false"),
            ],
            C3,
            (0, 1, 1, 1),
            2,
        ),
        # the latest rating of a page view counts (after a restart of the activity)
        ([rating(A, "c-one", "true"), rating(A, "c-one", "false", seq=2)], C1, (0, 0, 1, 0), 1),
    ],
    ids=["contradicted", "consistent", "anecdote-two-fit", "latest-counts"],
)
def test_claim_results(ratings, claim, counts, fitting) -> None:
    (result,) = results.claim_results(ratings, CLAIMS)
    assert result.claim == claim
    assert tuple(result.count(r) for r in Rating) == counts
    assert result.fitting == fitting
    assert result.rated == sum(counts)


def test_misconceptions_are_ranked_by_share() -> None:
    responses = [
        # q-one: 2 of 4 chose y, 1 of 4 chose z
        ans(A, "q-one", ["y"]),
        ans(B, "q-one", ["y"]),
        ans(C, "q-one", ["z"]),
        ans(D, "q-one", ["x"]),
        # q-two: 1 of 1 ticked z
        ans(A, "q-two", ["x", "y", "z"]),
        # c-one (contradicted): 3 of 4 believed it
        rating(A, "c-one", "true"),
        rating(B, "c-one", "true"),
        rating(C, "c-one", "true"),
        rating(D, "c-one", "false"),
        # c-two is backed by evidence: believing it is no misconception
        rating(A, "c-two", "true"),
    ]
    summary = results.summarize(responses, QUESTIONS, CLAIMS)
    ranked = [(m.source, m.belief, m.held_by, m.out_of) for m in summary.misconceptions]
    assert ranked == [
        ("quiz", "Choice z", 1, 1),
        ("article", "Claim c-one.", 3, 4),
        ("quiz", "Choice y", 2, 4),
        ("quiz", "Choice z", 1, 4),
    ]
    assert summary.misconceptions[1].about == "The evidence says otherwise"
    assert len(results.misconceptions(summary.questions, summary.claims, limit=2)) == 2


def test_participants_are_distinct_page_views() -> None:
    responses = [ans(A, "q-one", ["x"]), ans(A, "q-two", ["x"]), rating(B, "c-one", "true")]
    summary = results.summarize(responses, QUESTIONS, CLAIMS)
    assert (summary.participants, summary.answers, summary.ratings) == (2, 2, 1)


def test_csv_export_has_one_row_per_response_and_no_names() -> None:
    responses = [ans(A, "q-one", ["y"]), rating(B, "c-one", "false")]
    text = results.to_csv("K7QM2X", responses, QUESTIONS, CLAIMS)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(results.CSV_COLUMNS)
    assert rows[1] == [
        "K7QM2X",
        A,
        "answer",
        "q-one",
        "1",
        "y",
        "no",
        "Prompt of q-one?",
        "Choice y",
    ]
    assert rows[2] == [
        "K7QM2X",
        B,
        "rating",
        "c-one",
        "1",
        "false",
        "yes",
        "Claim c-one.",
        "False",
    ]


def test_csv_cells_that_look_like_formulas_are_kept_as_text() -> None:
    tricky = validated(
        Question,
        id="q-one",
        sources=("src",),
        lesson="lesson",
        topic="topic",
        type="single",
        prompt='=HYPERLINK("http://example.invalid")',
        choices=(
            validated(Choice, id="x", text="+1", correct=True, feedback="f"),
            validated(Choice, id="y", text="@home", correct=False, feedback="f"),
        ),
    )
    text = results.to_csv("K7QM2X", [answer(A, "q-one", ["x"], correct=True)], (tricky,), ())
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[-2].startswith("'=") and row[-1] == "'+1"


def test_summary_over_the_shipped_course() -> None:
    content = course()
    question = content.questions[0]
    wrong = next(c for c in question.choices if not c.correct)
    responses = [answer(A, question.id, [wrong.id], correct=False)]
    responses += [rating(A, claim.id, "true") for claim in content.claims]
    summary = results.summarize(responses, content.questions, content.claims)
    assert summary.questions[0].most_chosen_wrong == (wrong, 1)
    assert len(summary.claims) == len(content.claims)
    assert summary.unknown == 0
