"""The class's answers as xAPI 1.0.3 statements: the record format learning record stores (Ralph,
Learning Locker) and school systems read. Pure Python (json, uuid).

One statement per stored response, built from the same rows as the CSV:

- actor: anonymous, the page view's random id as an ``account`` whose ``homePage`` is the class
  server's address (no name, no e-mail: there is none to give);
- verb: ADL's ``answered`` for a quiz answer, ``responded`` for a rating of an article claim;
- object: the question or claim as an activity under the class server's address, with its
  ``cmi.interaction`` definition (a ``choice`` interaction: its choices, and the responses that
  are right, or for a claim the ratings that fit the evidence);
- result: ``success`` (right; for a claim, the rating fits the evidence), ``response`` (the
  chosen ids in the interaction's format) and the try number as an extension;
- context: the class session as ``registration`` (a UUID made from its code) and grouping, and
  the lesson (or the article check) as parent activity.

Statement ids are made from the session, page view, item and try, so exporting twice gives the
same statements and a record store keeps one copy. There is no ``timestamp``: class mode keeps
no times per answer, and a record store then stamps each statement when it stores it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from backedu.classroom.records import Response
from backedu.content.models import Claim, Course, Question
from backedu.logic.claims import Rating, fitting_ratings

XAPI_VERSION = "1.0.3"
LANGUAGE = "en"
ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}}
RESPONDED = {"id": "http://adlnet.gov/expapi/verbs/responded", "display": {"en-US": "responded"}}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
LESSON = "http://adlnet.gov/expapi/activities/lesson"
SESSION = "http://adlnet.gov/expapi/activities/meeting"
PLATFORM = "backedu class mode"
_NAMESPACE = uuid.UUID("6b4a9f0e-3c55-4f8e-9d1a-2f7c1b0e5a11")  # backedu's own, fixed


def statements(
    session: str, responses: Sequence[Response], content: Course, *, base_url: str
) -> list[dict[str, Any]]:
    """One xAPI statement per response (answers and ratings for items the course still has)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    questions = {q.id: q for q in content.questions}
    claims = {c.id: c for c in content.claims}
    lessons = {lesson.id: lesson.title for lesson in content.lessons}
    made = []
    for response in responses:
        if response.kind == "answer" and response.item in questions:
            question = questions[response.item]
            parent = _activity(
                f"{base}xapi/lessons/{question.lesson}",
                LESSON,
                lessons.get(question.lesson, question.lesson),
            )
            made.append(
                _statement(session, response, base, ANSWERED, _question(question, base), parent)
            )
        elif response.kind == "rating" and response.item in claims:
            parent = _activity(f"{base}xapi/article-check", LESSON, "Check the article")
            made.append(
                _statement(
                    session,
                    response,
                    base,
                    RESPONDED,
                    _claim(claims[response.item], base, content),
                    parent,
                )
            )
    return made


def to_json(session: str, responses: Sequence[Response], content: Course, *, base_url: str) -> str:
    """The statements as one JSON array: what a record store's statements resource accepts."""
    return json.dumps(
        statements(session, responses, content, base_url=base_url), indent=1, ensure_ascii=False
    )


def statement_id(base: str, session: str, response: Response) -> str:
    key = f"{base}|{session}|{response.view}|{response.kind}|{response.item}|{response.seq}"
    return str(uuid.uuid5(_NAMESPACE, key))


def _statement(
    session: str,
    response: Response,
    base: str,
    verb: dict[str, Any],
    activity: dict[str, Any],
    parent: dict[str, Any],
) -> dict[str, Any]:
    if response.kind == "answer":
        success = bool(response.correct)
    else:
        claim_fits = activity["definition"]["correctResponsesPattern"]
        success = response.response[0] in claim_fits
    return {
        "id": statement_id(base, session, response),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base, "name": response.view},
        },
        "verb": verb,
        "object": activity,
        "result": {
            "success": success,
            "response": "[,]".join(response.response),
            "extensions": {f"{base}xapi/extensions/try": response.seq},
        },
        "context": {
            "registration": str(uuid.uuid5(_NAMESPACE, f"{base}|{session}")),
            "contextActivities": {
                "parent": [parent],
                "grouping": [
                    _activity(f"{base}xapi/sessions/{session}", SESSION, f"Class {session}")
                ],
            },
            "platform": PLATFORM,
            "language": LANGUAGE,
        },
        "version": XAPI_VERSION,
    }


def _activity(activity_id: str, kind: str, name: str) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": activity_id,
        "definition": {"type": kind, "name": {LANGUAGE: name}},
    }


def _question(question: Question, base: str) -> dict[str, Any]:
    right = [choice.id for choice in question.choices if choice.correct]
    return {
        "objectType": "Activity",
        "id": f"{base}xapi/questions/{question.id}",
        "definition": {
            "type": INTERACTION,
            "name": {LANGUAGE: question.prompt},
            "interactionType": "choice",
            "choices": [
                {"id": choice.id, "description": {LANGUAGE: choice.text}}
                for choice in question.choices
            ],
            "correctResponsesPattern": ["[,]".join(sorted(right))],
        },
    }


def _claim(claim: Claim, base: str, content: Course) -> dict[str, Any]:
    fitting = [rating.value for rating in fitting_ratings(claim.verdict)]
    return {
        "objectType": "Activity",
        "id": f"{base}xapi/claims/{claim.id}",
        "definition": {
            "type": INTERACTION,
            "name": {LANGUAGE: "Is this claim true?"},
            "description": {LANGUAGE: claim.article_says},
            "interactionType": "choice",
            "choices": [
                {"id": rating.value, "description": {LANGUAGE: content.words.rating(rating).name}}
                for rating in Rating
            ],
            "correctResponsesPattern": fitting,
        },
    }
