"""The xAPI export: every statement fits the xAPI 1.0.3 statement structure, checked with Ralph's
models (PyPI ralph-malph, the record store's own pydantic models, extra fields forbidden), and
says what the CSV says: an anonymous actor per page view, ADL verbs, the question or claim as a
cmi.interaction activity under the class server's address, the result with its success flag."""

from __future__ import annotations

import json
import uuid

import pytest
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

from backedu.classroom import xapi
from backedu.classroom.records import Response, answer, rating
from backedu.classroom.results import to_csv
from backedu.content import course
from backedu.content.models import QuestionType
from backedu.logic.claims import FITTING, Rating

BASE = "http://192.168.1.20:8866/"
SESSION = "K7QM2X"
COURSE = course()
VIEWS = ("0123456789abcdef", "fedcba9876543210")


def class_answers() -> list[Response]:
    """Every question answered right by one page view and wrong by the other (with a second
    try), every claim rated with every rating."""
    made: list[Response] = []
    for question in COURSE.questions:
        right = [c.id for c in question.choices if c.correct]
        wrong = [next(c.id for c in question.choices if not c.correct)]
        made.append(answer(VIEWS[0], question.id, right, correct=True))
        made.append(answer(VIEWS[1], question.id, wrong, correct=False))
        made.append(answer(VIEWS[1], question.id, right, correct=True, seq=2))
    for n, claim in enumerate(COURSE.claims):
        made.append(rating(VIEWS[n % 2], claim.id, list(Rating)[n % len(Rating)]))
    return made


RESPONSES = class_answers()
STATEMENTS = xapi.statements(SESSION, RESPONSES, COURSE, base_url=BASE)


def test_every_statement_fits_xapi_1_0_3() -> None:
    assert len(STATEMENTS) == len(RESPONSES)
    for statement in STATEMENTS:
        BaseXapiStatement.model_validate(statement)  # raises on any structural fault
    assert {s["version"] for s in STATEMENTS} == {"1.0.3"}


@pytest.mark.parametrize(
    ("break_it", "where"),
    [
        (lambda s: s.pop("actor"), "actor"),
        (lambda s: s["verb"].update(id="answered"), "verb.id"),
        (lambda s: s["actor"]["account"].update(name=""), "actor"),
        (lambda s: s["result"].update(success="yes"), "result.success"),
        (lambda s: s.update(person="Sam"), "person"),
    ],
    ids=["no-actor", "verb-not-an-iri", "empty-name", "success-text", "extra-field"],
)
def test_the_validator_catches_broken_statements(break_it, where) -> None:
    """The control: Ralph's models do refuse what is not xAPI."""
    broken = json.loads(json.dumps(STATEMENTS[0]))
    break_it(broken)
    with pytest.raises(ValidationError):
        BaseXapiStatement.model_validate(broken)


def test_actors_are_anonymous_page_views_under_the_class_address() -> None:
    for statement, response in zip(STATEMENTS, RESPONSES, strict=True):
        assert statement["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": BASE, "name": response.view},
        }
    assert len({s["actor"]["account"]["name"] for s in STATEMENTS}) == len(VIEWS)


def test_verbs_objects_and_results_say_what_the_csv_says() -> None:
    csv_rows = to_csv(SESSION, RESPONSES, COURSE.questions, COURSE.claims).splitlines()[1:]
    for statement, response, row in zip(STATEMENTS, RESPONSES, csv_rows, strict=True):
        verb = statement["verb"]["id"]
        activity = statement["object"]
        definition = activity["definition"]
        assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert definition["interactionType"] == "choice"
        choice_ids = {choice["id"] for choice in definition["choices"]}
        chosen = statement["result"]["response"].split("[,]")
        assert set(chosen) <= choice_ids and chosen == list(response.response)
        assert statement["result"]["extensions"][f"{BASE}xapi/extensions/try"] == response.seq
        yes_no = row.split(",")[6]
        assert statement["result"]["success"] is (yes_no == "yes")
        if response.kind == "answer":
            question = COURSE.question(response.item)
            assert verb == "http://adlnet.gov/expapi/verbs/answered"
            assert activity["id"] == f"{BASE}xapi/questions/{question.id}"
            assert definition["name"]["en"] == question.prompt
            right = sorted(c.id for c in question.choices if c.correct)
            assert definition["correctResponsesPattern"] == ["[,]".join(right)]
            if question.type is not QuestionType.MULTIPLE:
                assert len(chosen) == 1
            parent = statement["context"]["contextActivities"]["parent"][0]["id"]
            assert parent == f"{BASE}xapi/lessons/{question.lesson}"
        else:
            claim = COURSE.claim(response.item)
            assert verb == "http://adlnet.gov/expapi/verbs/responded"
            assert activity["id"] == f"{BASE}xapi/claims/{claim.id}"
            assert definition["description"]["en"] == claim.article_says
            fitting = {r.value for r in FITTING[claim.verdict]}
            assert set(definition["correctResponsesPattern"]) == fitting


def test_one_session_one_registration_and_ids_that_do_not_change() -> None:
    registrations = {s["context"]["registration"] for s in STATEMENTS}
    assert len(registrations) == 1 and uuid.UUID(registrations.pop())
    ids = [s["id"] for s in STATEMENTS]
    assert len(set(ids)) == len(ids), "one statement per stored response"
    again = xapi.statements(SESSION, RESPONSES, COURSE, base_url=BASE.rstrip("/"))
    assert [s["id"] for s in again] == ids, "exporting twice gives the same statements"
    assert all("timestamp" not in s for s in STATEMENTS), "class mode keeps no times"


def test_items_the_course_no_longer_has_are_left_out() -> None:
    gone = [
        answer(VIEWS[0], "gone-question", ["a"], correct=True),
        rating(VIEWS[0], "gone", "true"),
    ]
    assert xapi.statements(SESSION, gone, COURSE, base_url=BASE) == []


def test_the_file_is_one_json_array() -> None:
    text = xapi.to_json(SESSION, RESPONSES[:3], COURSE, base_url=BASE)
    assert [s["id"] for s in json.loads(text)] == [s["id"] for s in STATEMENTS[:3]]
