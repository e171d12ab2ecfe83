"""What the class server accepts from a page: exactly a quiz answer or a claim rating that fits the
course, with the page view id, a try number and this class's session code; everything else is
refused with its HTTP status and a one-line reason naming the field. And a per-view rate limit."""

from __future__ import annotations

import json
from typing import Any

import pytest

from backedu.classroom.records import answer, rating
from backedu.classroom.submissions import (
    MAX_BODY_BYTES,
    AnswerRules,
    RateLimiter,
    parse_json_object,
    payload,
)
from backedu.content import course
from backedu.content.models import QuestionType
from backedu.errors import SubmissionRefused
from backedu.logic.quiz import grade

SESSION = "K7QM2X"
VIEW = "0123456789abcdef"
COURSE = course()
SINGLE = next(q for q in COURSE.questions if q.type is QuestionType.SINGLE)
MULTIPLE = next(q for q in COURSE.questions if q.type is QuestionType.MULTIPLE)
CLAIM = COURSE.claims[0]


@pytest.fixture
def rules() -> AnswerRules:
    return AnswerRules(COURSE, SESSION)


def body(**fields: Any) -> bytes:
    return json.dumps(fields).encode()


def an_answer(**changes: Any) -> dict[str, Any]:
    right = [c.id for c in SINGLE.choices if c.correct]
    fields = {
        "session": SESSION,
        "view": VIEW,
        "seq": 1,
        "kind": "answer",
        "question": SINGLE.id,
        "chosen": right,
        "correct": True,
    }
    return {**fields, **changes}


def a_rating(**changes: Any) -> dict[str, Any]:
    fields = {"session": SESSION, "view": VIEW, "seq": 1, "kind": "rating", "claim": CLAIM.id}
    return {**fields, "rating": "partly", **changes}


def test_a_right_answer_is_accepted_as_its_record(rules: AnswerRules) -> None:
    record = rules.check(body(**an_answer()))
    right = [c.id for c in SINGLE.choices if c.correct]
    assert record == answer(VIEW, SINGLE.id, right, correct=True, seq=1)


def test_a_wrong_answer_and_a_multiple_select_answer_are_graded_by_the_course(rules) -> None:
    wrong = next(c.id for c in SINGLE.choices if not c.correct)
    record = rules.check(body(**an_answer(chosen=[wrong], correct=False, seq=2)))
    assert record.correct is False and record.seq == 2
    every = [c.id for c in MULTIPLE.choices]
    expected = grade(MULTIPLE, every).correct
    record = rules.check(body(**an_answer(question=MULTIPLE.id, chosen=every, correct=expected)))
    assert record.response == tuple(sorted(every)) and record.correct is expected


def test_a_rating_is_accepted(rules: AnswerRules) -> None:
    assert rules.check(body(**a_rating())) == rating(VIEW, CLAIM.id, "partly")


def test_what_a_page_sends_is_what_the_server_accepts(rules: AnswerRules) -> None:
    for record in (
        answer(VIEW, SINGLE.id, [c.id for c in SINGLE.choices if c.correct], correct=True, seq=3),
        rating(VIEW, CLAIM.id, "not-sure", seq=2),
    ):
        assert rules.check(json.dumps(payload(SESSION, record)).encode()) == record


WRONG = next(c.id for c in SINGLE.choices if not c.correct)
REFUSED = [
    # (fields, status, words in the reason)
    (an_answer(kind="essay"), 400, "field 'kind' is 'answer' or 'rating'"),
    ({k: v for k, v in an_answer().items() if k != "kind"}, 400, "missing field 'kind'"),
    (an_answer(name="Sam"), 400, "unknown field 'name'"),
    (an_answer(symptoms=["numb-legs"]), 400, "unknown field 'symptoms'"),
    (a_rating(note="my back hurts"), 400, "unknown field 'note'"),
    (a_rating(chosen=["true"]), 400, "unknown field 'chosen'"),
    ({k: v for k, v in an_answer().items() if k != "correct"}, 400, "missing field 'correct'"),
    (an_answer(session="ABCDEF"), 403, "session code 'ABCDEF' is not this class's"),
    (an_answer(session=SESSION.lower()), 403, "is not this class's"),
    (an_answer(session=7), 400, "field 'session' is a session code"),
    (an_answer(view="0123"), 400, "field 'view' is 16 lower-case hex digits"),
    (an_answer(view=VIEW.upper()), 400, "field 'view'"),
    (an_answer(seq="1"), 400, "field 'seq' is a whole number"),
    (an_answer(seq=True), 400, "field 'seq'"),
    (an_answer(seq=0), 400, "field 'seq'"),
    (an_answer(seq=1.5), 400, "field 'seq'"),
    (an_answer(seq=10**6), 400, "field 'seq'"),
    (an_answer(question="no-such-question"), 422, "no question 'no-such-question'"),
    (an_answer(question=12), 400, "field 'question' is a question id"),
    (an_answer(chosen=WRONG), 400, "field 'chosen' is a list of choice ids"),
    (an_answer(chosen=[1]), 400, "field 'chosen' is a list"),
    (an_answer(chosen=[]), 400, "field 'chosen' is empty"),
    (an_answer(chosen=[WRONG, WRONG]), 400, "names a choice twice"),
    (an_answer(chosen=["made-up"], correct=False), 422, "has no choice 'made-up'"),
    (an_answer(chosen=[c.id for c in SINGLE.choices][:2]), 422, "takes one choice, not 2"),
    (an_answer(correct="yes"), 400, "field 'correct' is true or false"),
    (an_answer(chosen=[WRONG], correct=True), 422, "by the course that answer"),
    (a_rating(claim="no-such-claim"), 422, "no claim 'no-such-claim'"),
    (a_rating(rating="maybe"), 400, "field 'rating' is one of 'true', 'partly'"),
    (a_rating(rating=1), 400, "field 'rating'"),
    (an_answer(question="'; DROP TABLE responses;--"), 422, "no question"),
]


@pytest.mark.parametrize(("fields", "status", "words"), REFUSED)
def test_anything_else_is_refused_naming_the_field(rules, fields, status, words) -> None:
    with pytest.raises(SubmissionRefused) as refused:
        rules.check(body(**fields))
    assert refused.value.status == status
    assert words in str(refused.value)
    assert "\n" not in str(refused.value), "one line"


@pytest.mark.parametrize(
    ("raw", "status", "words"),
    [
        (b"", 400, "not valid JSON"),
        (b"not json", 400, "not valid JSON (line 1, column 1)"),
        (b"[1, 2]", 400, "a JSON list, not an object"),
        (b'"answer"', 400, "a JSON str, not an object"),
        (b'{"seq": NaN}', 400, "NaN is not a JSON number"),
        (b'{"kind": "answer", "kind": "rating"}', 400, "field 'kind' is given twice"),
        (b"\xff\xfe{}", 400, "not UTF-8"),
        (b"[" * 600 + b"]" * 600, 413, "at most 1024"),
        (b"[" * 500 + b"]" * 500, 400, "a JSON list"),
        (b" " * (MAX_BODY_BYTES + 1), 413, "at most 1024 are accepted"),
    ],
    ids=["empty", "text", "list", "string", "nan", "twice", "utf8", "deep-big", "deep", "big"],
)
def test_bodies_that_are_not_one_json_object_are_refused(raw, status, words) -> None:
    with pytest.raises(SubmissionRefused) as refused:
        parse_json_object(raw)
    assert refused.value.status == status and words in str(refused.value)


def test_a_refused_value_is_shown_short(rules: AnswerRules) -> None:
    with pytest.raises(SubmissionRefused) as refused:
        rules.check(body(**an_answer(question="x" * 500)))
    assert len(str(refused.value)) < 120


def test_rate_limit_lets_a_burst_through_then_one_a_second() -> None:
    now = [100.0]
    limiter = RateLimiter(burst=3, per_second=1.0, clock=lambda: now[0])
    assert [limiter.wait(VIEW) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.wait(VIEW) == pytest.approx(1.0)
    assert limiter.wait("fedcba9876543210") == 0.0, "each page view has its own bucket"
    now[0] += 1.0
    assert limiter.wait(VIEW) == 0.0
    with pytest.raises(SubmissionRefused) as refused:
        limiter.check(VIEW)
    assert refused.value.status == 429 and "try again in 1 s" in str(refused.value)


def test_rate_limit_keeps_a_bounded_number_of_page_views() -> None:
    limiter = RateLimiter(burst=1, max_views=100)
    for n in range(1000):
        limiter.wait(f"{n:016x}")
    assert len(limiter._buckets) == 100
