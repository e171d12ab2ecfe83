"""What the class server accepts from a lesson page, checked before anything is stored.

A page in a student's browser sends one small JSON object per quiz answer or claim rating:

    {"session": "K7QM2X", "view": "0123456789abcdef", "seq": 1, "kind": "answer",
     "question": "rest-or-move", "chosen": ["keep-moving"], "correct": true}
    {"session": "K7QM2X", "view": "0123456789abcdef", "seq": 1, "kind": "rating",
     "claim": "stretching-fixes-it", "rating": "partly"}

Those are the only two shapes. Every field is checked against the course: the question, its
choices and the claim must exist, the chosen ids must be allowed for that kind of question, and
``correct`` must be what ``backedu.logic.quiz.grade`` says (the page computes it too, but the
server does not take its word). An unknown field is refused rather than ignored, so there is no
field through which a symptom, a note or a name could ever arrive. Anything that does not fit
raises ``SubmissionRefused`` with the HTTP status to answer and a one-line reason naming the
field; nothing is stored.

Pure Python (json, no server): the class server's handler calls :meth:`AnswerRules.check` with
the request body, and :class:`RateLimiter` decides whether a page view is sending too fast.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from backedu.classroom.records import Response, answer, rating
from backedu.content.models import Course, Question, QuestionType
from backedu.errors import ClassInputError, SubmissionRefused
from backedu.logic.claims import Rating
from backedu.logic.quiz import grade

MAX_BODY_BYTES = 1024  # a real answer is under 300 bytes
MAX_SEQ = 999  # tries of one item by one page view; a page that gets here is not a student
COMMON_FIELDS = ("session", "view", "seq", "kind")
FIELDS: Mapping[str, frozenset[str]] = {
    "answer": frozenset({*COMMON_FIELDS, "question", "chosen", "correct"}),
    "rating": frozenset({*COMMON_FIELDS, "claim", "rating"}),
}
_VIEW = re.compile(r"[0-9a-f]{16}")
_SHOWN = 40  # characters of a refused value echoed in the reason

# HTTP statuses the rules answer with (the class server adds 403/405/413/415/429 for headers).
BAD_REQUEST = 400  # not JSON, wrong types, missing or unknown fields
FORBIDDEN = 403  # another class's session code
UNPROCESSABLE = 422  # well formed, but the course has no such question, choice or claim


def shown(value: object) -> str:
    """A refused value as the reason shows it: its repr, cut short (it is the sender's own)."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _refuse(reason: str, status: int = BAD_REQUEST) -> SubmissionRefused:
    return SubmissionRefused(status, reason)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise _refuse(f"field {shown(key)} is given twice")
    return dict(pairs)


def _no_constants(name: str) -> None:
    raise _refuse(f"{name} is not a JSON number")


def parse_json_object(body: bytes) -> dict[str, Any]:
    """The body as one JSON object: UTF-8, no repeated keys, no NaN, at most ``MAX_BODY_BYTES``."""
    if len(body) > MAX_BODY_BYTES:
        raise _refuse(f"the body is {len(body)} bytes; at most {MAX_BODY_BYTES} are accepted", 413)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse("the body is not UTF-8 text") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except SubmissionRefused:
        raise
    except json.JSONDecodeError as exc:
        raise _refuse(
            f"the body is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except (ValueError, RecursionError):
        raise _refuse("the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise _refuse(f"the body is a JSON {type(data).__name__}, not an object")
    return data


class AnswerRules:
    """The checks for one class session, against one course (built once per server)."""

    def __init__(self, content: Course, session: str) -> None:
        self.session = session
        self._questions: dict[str, Question] = {q.id: q for q in content.questions}
        self._claims = frozenset(claim.id for claim in content.claims)

    def check(self, body: bytes) -> Response:
        """The record to store for ``body``, or ``SubmissionRefused`` saying what is wrong."""
        return self.check_fields(parse_json_object(body))

    def view_of(self, fields: Mapping[str, Any]) -> str:
        """The page view id, checked first: the rate limit counts per view."""
        view = fields.get("view")
        if view is None:
            raise _refuse("missing field 'view' (the page view's random id)")
        if not isinstance(view, str) or not _VIEW.fullmatch(view):
            raise _refuse(f"field 'view' is 16 lower-case hex digits, not {shown(view)}")
        return view

    def check_fields(self, fields: Mapping[str, Any]) -> Response:
        kind = fields.get("kind")
        if kind is None:
            raise _refuse("missing field 'kind' ('answer' or 'rating')")
        if not isinstance(kind, str) or kind not in FIELDS:
            raise _refuse(f"field 'kind' is 'answer' or 'rating', not {shown(kind)}")
        allowed = FIELDS[kind]
        unknown = sorted(set(fields) - allowed, key=str)
        if unknown:
            raise _refuse(
                f"unknown field {shown(unknown[0])}: an {kind} has only "
                f"{', '.join(sorted(allowed))}"
            )
        missing = sorted(allowed - set(fields))
        if missing:
            raise _refuse(f"missing field {shown(missing[0])} in an {kind}")
        self._check_session(fields["session"])
        view = self.view_of(fields)
        seq = fields["seq"]
        if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= MAX_SEQ:
            raise _refuse(f"field 'seq' is a whole number from 1 to {MAX_SEQ}, not {shown(seq)}")
        try:
            if kind == "answer":
                return self._answer(view, seq, fields)
            return self._rating(view, seq, fields)
        except ClassInputError as exc:
            if isinstance(exc, SubmissionRefused):
                raise
            raise _refuse(str(exc), UNPROCESSABLE) from None

    def _check_session(self, session: object) -> None:
        if not isinstance(session, str):
            raise _refuse(f"field 'session' is a session code like 'K7QM2X', not {shown(session)}")
        if session != self.session:
            raise _refuse(
                f"session code {shown(session)} is not this class's: nothing is recorded",
                FORBIDDEN,
            )

    def _answer(self, view: str, seq: int, fields: Mapping[str, Any]) -> Response:
        question_id = fields["question"]
        if not isinstance(question_id, str):
            raise _refuse(f"field 'question' is a question id (text), not {shown(question_id)}")
        question = self._questions.get(question_id)
        if question is None:
            raise _refuse(f"no question {shown(question_id)} in this course", UNPROCESSABLE)
        chosen = fields["chosen"]
        if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
            raise _refuse(f"field 'chosen' is a list of choice ids (text), not {shown(chosen)}")
        allowed = [choice.id for choice in question.choices]
        if not chosen:
            raise _refuse(f"field 'chosen' is empty: an answer to '{question.id}' chose nothing")
        if len(set(chosen)) != len(chosen):
            raise _refuse(f"field 'chosen' names a choice twice: {shown(chosen)}")
        strange = [c for c in chosen if c not in allowed]
        if strange:
            raise _refuse(
                f"question '{question.id}' has no choice {shown(strange[0])}", UNPROCESSABLE
            )
        if question.type is not QuestionType.MULTIPLE and len(chosen) != 1:
            raise _refuse(
                f"question '{question.id}' takes one choice, not {len(chosen)}", UNPROCESSABLE
            )
        correct = fields["correct"]
        if not isinstance(correct, bool):
            raise _refuse(f"field 'correct' is true or false, not {shown(correct)}")
        right = grade(question, chosen).correct
        if correct != right:
            raise _refuse(
                f"field 'correct' is {str(correct).lower()}, but by the course that answer to "
                f"'{question.id}' is {'right' if right else 'wrong'}",
                UNPROCESSABLE,
            )
        return answer(view, question.id, chosen, correct=right, seq=seq)

    def _rating(self, view: str, seq: int, fields: Mapping[str, Any]) -> Response:
        claim_id = fields["claim"]
        if not isinstance(claim_id, str):
            raise _refuse(f"field 'claim' is a claim id (text), not {shown(claim_id)}")
        if claim_id not in self._claims:
            raise _refuse(f"no claim {shown(claim_id)} in this course", UNPROCESSABLE)
        value = fields["rating"]
        ratings = [r.value for r in Rating]
        if not isinstance(value, str) or value not in ratings:
            raise _refuse(
                f"field 'rating' is one of {', '.join(map(repr, ratings))}, not {shown(value)}"
            )
        return rating(view, claim_id, value, seq=seq)


class RateLimiter:
    """How fast one page view may send: a bucket of ``burst`` requests that refills at
    ``per_second``. A class reading and answering never gets near it; a script does.

    It keeps at most ``max_views`` buckets (the least recently used go first), so a flood of
    made-up page view ids costs a bounded amount of memory.
    """

    def __init__(
        self,
        *,
        burst: int = 30,
        per_second: float = 1.0,
        max_views: int = 20_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self.max_views = max_views
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, when

    def wait(self, view: str) -> float:
        """0 when ``view`` may send now (and counts it), else the seconds until it may."""
        now = self._clock()
        tokens, then = self._buckets.pop(view, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.per_second)
        if tokens >= 1:
            tokens -= 1
            wait = 0.0
        else:
            wait = (1 - tokens) / self.per_second
        self._buckets[view] = (tokens, now)
        while len(self._buckets) > self.max_views:
            self._buckets.popitem(last=False)
        return wait

    def check(self, view: str) -> None:
        """Raise ``SubmissionRefused`` (429) when ``view`` sends too fast."""
        wait = self.wait(view)
        if wait > 0:
            raise SubmissionRefused(
                429,
                f"page view {view} sends too fast (more than {self.burst} at once, then "
                f"{self.per_second:g} a second): try again in {math.ceil(wait)} s",
            )


def payload(session: str, response: Response) -> dict[str, object]:
    """What a page sends for ``response``: the one shape :meth:`AnswerRules.check` accepts."""
    common: dict[str, object] = {
        "session": session,
        "view": response.view,
        "seq": response.seq,
        "kind": response.kind,
    }
    if response.kind == "answer":
        return {
            **common,
            "question": response.item,
            "chosen": list(response.response),
            "correct": response.correct,
        }
    return {**common, "claim": response.item, "rating": response.response[0]}
