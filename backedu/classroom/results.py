"""What the class answered, summed up for the teacher's dashboard and the CSV export. Pure Python.

Input is plain data: the stored responses (``backedu.classroom.records.Response``) and the course's
questions and claims. Rules, so the numbers mean one thing:

- A question counts each page view's *first* answer to it. Later tries come after the feedback,
  so they show what the page taught, not what the class believed.
- The most chosen wrong answer of a question is the wrong choice picked most often in those
  first answers (for a multiple-select question, a wrong choice ticked among others counts too).
- A misconception is a belief many held: a wrong choice of a question, or "True" for a claim
  the evidence does not back. They are ranked by the share of the class that held them.
- A claim counts each page view's latest rating; it "fits" when
  ``backedu.logic.claims.FITTING`` says that rating fits the evidence's verdict.
- Taking part means at least one answer or rating from that page view (a student who reloads the
  page counts again: there is nothing else to tell students apart, on purpose).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backedu.classroom.records import Response
from backedu.content.models import Choice, Claim, Question, Verdict
from backedu.logic.claims import FITTING, Rating, rating_name, verdict_name

UNBACKED = frozenset({Verdict.NOT_SUPPORTED, Verdict.CONTRADICTED})


@dataclass(frozen=True)
class QuestionResult:
    """How the class answered one question, first tries only."""

    question: Question
    answered: int
    correct: int
    wrong_choices: tuple[tuple[Choice, int], ...]  # wrong choices picked, most picked first

    @property
    def share_correct(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    @property
    def most_chosen_wrong(self) -> tuple[Choice, int] | None:
        return self.wrong_choices[0] if self.wrong_choices else None


@dataclass(frozen=True)
class ClaimResult:
    """How the class rated one claim of the article, next to what the evidence says."""

    claim: Claim
    counts: tuple[tuple[Rating, int], ...]  # every rating, in Rating order
    fitting: int  # ratings that fit the evidence

    @property
    def rated(self) -> int:
        return sum(count for _, count in self.counts)

    @property
    def share_fitting(self) -> float:
        return self.fitting / self.rated if self.rated else 0.0

    @property
    def verdict_label(self) -> str:
        return verdict_name(self.claim.verdict)

    def count(self, rating: Rating) -> int:
        return dict(self.counts)[rating]


@dataclass(frozen=True)
class Misconception:
    """A wrong belief and how much of the class held it."""

    belief: str  # the wrong choice's text, or the claim the article makes
    about: str  # the question's prompt, or what the evidence says about the claim
    held_by: int
    out_of: int
    source: str  # "quiz" or "article"

    @property
    def share(self) -> float:
        return self.held_by / self.out_of if self.out_of else 0.0


@dataclass(frozen=True)
class ClassSummary:
    participants: int
    answers: int  # every stored answer, retries included
    ratings: int
    questions: tuple[QuestionResult, ...]  # answered questions, in course order
    claims: tuple[ClaimResult, ...]  # rated claims, in article order
    misconceptions: tuple[Misconception, ...]
    unknown: int  # responses naming a question or claim the course no longer has


def participants(responses: Iterable[Response]) -> int:
    return len({response.view for response in responses})


def first_tries(responses: Iterable[Response], kind: str = "answer") -> list[Response]:
    """Each page view's first response of ``kind`` to each item (lowest sequence number)."""
    first: dict[tuple[str, str], Response] = {}
    for response in responses:
        if response.kind != kind:
            continue
        key = (response.view, response.item)
        if key not in first or response.seq < first[key].seq:
            first[key] = response
    return list(first.values())


def latest(responses: Iterable[Response], kind: str = "rating") -> list[Response]:
    """Each page view's last response of ``kind`` to each item (highest sequence number)."""
    last: dict[tuple[str, str], Response] = {}
    for response in responses:
        if response.kind != kind:
            continue
        key = (response.view, response.item)
        if key not in last or response.seq > last[key].seq:
            last[key] = response
    return list(last.values())


def question_results(
    responses: Iterable[Response], questions: Sequence[Question]
) -> tuple[QuestionResult, ...]:
    """One result per question that has answers, in the order of ``questions``."""
    by_question: dict[str, list[Response]] = {}
    for response in first_tries(responses, "answer"):
        by_question.setdefault(response.item, []).append(response)
    results = []
    for question in questions:
        answers = by_question.get(question.id, [])
        if not answers:
            continue
        wrong_ids = {choice.id for choice in question.choices if not choice.correct}
        picked: Counter[str] = Counter(
            choice_id for a in answers for choice_id in a.response if choice_id in wrong_ids
        )
        order = [choice.id for choice in question.choices]
        wrong = sorted(
            ((question_choice(question, cid), n) for cid, n in picked.items()),
            key=lambda pair: (-pair[1], order.index(pair[0].id)),
        )
        results.append(
            QuestionResult(
                question=question,
                answered=len(answers),
                correct=sum(1 for a in answers if a.correct),
                wrong_choices=tuple(wrong),
            )
        )
    return tuple(results)


def question_choice(question: Question, choice_id: str) -> Choice:
    return next(choice for choice in question.choices if choice.id == choice_id)


def claim_results(
    responses: Iterable[Response], claims: Sequence[Claim]
) -> tuple[ClaimResult, ...]:
    """One result per claim that has ratings, in the order of ``claims`` (the article's)."""
    by_claim: dict[str, Counter[Rating]] = {}
    for response in latest(responses, "rating"):
        by_claim.setdefault(response.item, Counter())[Rating(response.response[0])] += 1
    results = []
    for claim in claims:
        counts = by_claim.get(claim.id)
        if not counts:
            continue
        results.append(
            ClaimResult(
                claim=claim,
                counts=tuple((r, counts[r]) for r in Rating),
                fitting=sum(n for r, n in counts.items() if r in FITTING[claim.verdict]),
            )
        )
    return tuple(results)


def misconceptions(
    questions: Iterable[QuestionResult], claims: Iterable[ClaimResult], *, limit: int = 8
) -> tuple[Misconception, ...]:
    """Wrong beliefs, the most widely held first (ties: the larger count, then course order)."""
    found: list[Misconception] = []
    for result in questions:
        for choice, count in result.wrong_choices:
            found.append(
                Misconception(choice.text, result.question.prompt, count, result.answered, "quiz")
            )
    for rated in claims:
        believed = rated.count(Rating.TRUE)
        if rated.claim.verdict in UNBACKED and believed:
            found.append(
                Misconception(
                    rated.claim.article_says,
                    rated.verdict_label,
                    believed,
                    rated.rated,
                    "article",
                )
            )
    ranked = sorted(enumerate(found), key=lambda pair: (-pair[1].share, -pair[1].held_by, pair[0]))
    return tuple(m for _, m in ranked[:limit])


def summarize(
    responses: Sequence[Response], questions: Sequence[Question], claims: Sequence[Claim]
) -> ClassSummary:
    known_questions = {q.id for q in questions}
    known_claims = {c.id for c in claims}
    unknown = sum(
        1
        for r in responses
        if (r.kind == "answer" and r.item not in known_questions)
        or (r.kind == "rating" and r.item not in known_claims)
    )
    question_part = question_results(responses, questions)
    claim_part = claim_results(responses, claims)
    return ClassSummary(
        participants=participants(responses),
        answers=sum(1 for r in responses if r.kind == "answer"),
        ratings=sum(1 for r in responses if r.kind == "rating"),
        questions=question_part,
        claims=claim_part,
        misconceptions=misconceptions(question_part, claim_part),
        unknown=unknown,
    )


# --- export ---------------------------------------------------------------------------------------
CSV_COLUMNS = (
    "session",
    "page_view",
    "kind",
    "item_id",
    "try",
    "response",
    "correct_or_fits",
    "item_text",
    "response_text",
)


def to_csv(
    session: str,
    responses: Sequence[Response],
    questions: Sequence[Question],
    claims: Sequence[Claim],
) -> str:
    """Every stored response as CSV, with the question and answer texts beside the ids."""
    by_question = {q.id: q for q in questions}
    by_claim = {c.id: c for c in claims}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in responses:
        if r.kind == "answer":
            question = by_question.get(r.item)
            item_text = question.prompt if question else ""
            texts = [
                question_choice(question, cid).text
                for cid in r.response
                if question and any(c.id == cid for c in question.choices)
            ]
            verdict = "yes" if r.correct else "no"
        else:
            claim = by_claim.get(r.item)
            item_text = claim.article_says if claim else ""
            value = Rating(r.response[0])
            texts = [rating_name(value)]
            verdict = "" if claim is None else ("yes" if value in FITTING[claim.verdict] else "no")
        writer.writerow(
            _safe_cells(
                [
                    session,
                    r.view,
                    r.kind,
                    r.item,
                    r.seq,
                    " ".join(r.response),
                    verdict,
                    item_text,
                    "; ".join(texts),
                ]
            )
        )
    return out.getvalue()


def _safe_cells(cells: Sequence[object]) -> list[str]:
    """Spreadsheets run a cell starting with = + - @ as a formula; a leading ' keeps it text."""
    safe = []
    for cell in cells:
        value = str(cell)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            value = "'" + value
        safe.append(value)
    return safe
