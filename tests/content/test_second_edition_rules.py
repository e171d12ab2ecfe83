"""The content rules of the second edition (issues 11 and 12): each broken copy is refused with one
line naming file, item and field. Edits go through the parsed YAML (``change_yaml``), so these
tests survive rewording."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backedu.content import data_dir, load_course
from backedu.content.check import check_course, overdue_reviews
from backedu.errors import ContentError
from tests.support.content import change_yaml


def refused(folder: Path, name: str, change: Callable[[dict[str, Any]], object]) -> ContentError:
    change_yaml(folder, name, change)
    with pytest.raises(ContentError) as caught:
        load_course(folder)
    message = str(caught.value)
    assert caught.value.file == name and message.startswith(name)
    assert "\n" not in message, "one line"
    return caught.value


def item(data: dict[str, Any], key: str, item_id: str) -> dict[str, Any]:
    return next(entry for entry in data[key] if entry["id"] == item_id)


# --- A1: who may be cited --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://redflagsymptoms.co.uk/back-pain", "'redflagsymptoms.co.uk' is not an allowed"),
        ("https://beta.nhs.uk/medicines/naproxen/", "'beta.nhs.uk' is not an allowed publisher"),
        ("http://www.nhs.uk/conditions/back-pain/", "is not https"),
        ("https://www.ncbi.nlm.nih.gov/pubmed/elsewhere", "'www.ncbi.nlm.nih.gov' is not an"),
        ("https://nhs.uk.example.com/back-pain", "'nhs.uk.example.com' is not an allowed"),
    ],
    ids=["third-party", "beta-nhs", "http", "ncbi-outside-books-and-pmc", "look-alike-host"],
)
def test_a_source_outside_the_allowed_publishers_is_refused(
    content_copy: Path, url: str, problem: str
) -> None:
    error = refused(
        content_copy,
        "sources.yaml",
        lambda data: item(data, "sources", "nhs-back-pain").update(url=url),
    )
    assert (error.item, error.field) == ("nhs-back-pain", "url")
    assert problem in str(error)
    if "allowed" in problem:
        assert str(error).endswith("cite the NHS, NICE, WHO, a DOI or PubMed page instead")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nhs.uk/conditions/back-pain/",
        "https://www.esht.nhs.uk/service/paediatrics/",  # an NHS trust
        "https://children.movebettergwent.nhs.wales/back-pain/",
        "https://doi.org/10.1136/bmj.i6748",
        "https://www.ncbi.nlm.nih.gov/books/NBK599210/",
    ],
)
def test_the_nhs_guideline_bodies_and_papers_are_allowed(content_copy: Path, url: str) -> None:
    change_yaml(
        content_copy,
        "sources.yaml",
        lambda data: item(data, "sources", "nhs-sciatica").update(url=url),
    )
    assert load_course(content_copy).source("nhs-sciatica").url == url


# --- R1: review dates ------------------------------------------------------------------------
def test_a_next_review_before_the_last_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "lessons.yaml",
        lambda data: item(data, "lessons", "symptoms")["reviewed"].update(next="2026-01-01"),
    )
    assert (error.item, error.field) == ("symptoms", "reviewed.next")
    assert "must come after the last one" in str(error)


def test_a_last_review_in_the_future_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "words.yaml",
        lambda data: data["reviewed"].update(last="2999-01-01", next="3000-01-01"),
    )
    assert (error.item, error.field) == (None, "reviewed.last")
    assert "in the future" in str(error)


def test_every_file_and_lesson_needs_its_review_dates(content_copy: Path) -> None:
    error = refused(content_copy, "claims.yaml", lambda data: data.pop("reviewed"))
    assert error.field == "reviewed" and "required" in str(error)
    error = refused(content_copy, "lessons.yaml", lambda data: data["lessons"][2].pop("reviewed"))
    assert (error.item, error.field) == ("symptoms", "reviewed")


def test_a_date_that_is_not_a_date_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "lessons.yaml",
        lambda data: data["lessons"][0]["reviewed"].update(last="30 November 2026"),
    )
    assert (error.item, error.field) == ("start-here", "reviewed.last")


def test_a_passed_review_date_is_a_warning_not_an_error() -> None:
    later = datetime.date(2031, 1, 1)
    late = overdue_reviews(data_dir(), today=later)
    assert check_course(data_dir(), today=later)  # still loads
    assert "lessons.yaml, item 'symptoms': the next review was due on" in "\n".join(late)
    assert any(line.startswith("words.yaml: the next review was due on") for line in late)
    assert overdue_reviews(data_dir(), today=datetime.date(2026, 11, 30)) == []


# --- E1: how to get emergency help -----------------------------------------------------------
def test_an_emergency_sign_without_a_route_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "symptoms", "chest-pain").pop("emergency_route"),
    )
    assert (error.item, error.field) == ("chest-pain", "emergency_route")


def test_a_sign_that_can_become_an_emergency_needs_a_route(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "symptoms", "stiff-neck").pop("emergency_route"),
    )
    assert (error.item, error.field) == ("stiff-neck", "emergency_route")


def test_a_route_on_a_sign_that_is_never_an_emergency_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "symptoms", "fever").update(emergency_route="call"),
    )
    assert (error.item, error.field) == ("fever", "emergency_route")


def test_an_unknown_route_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "symptoms", "chest-pain").update(emergency_route="drive"),
    )
    assert (error.item, error.field) == ("chest-pain", "emergency_route")
    assert "'call' or 'call-or-go'" in str(error)


# --- S1: another back problem, and ages ------------------------------------------------------
def test_an_other_back_problem_is_never_an_emergency(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "symptoms", "first-pain-age").update(
            level="emergency", emergency_route="call"
        ),
    )
    assert (error.item, error.field) == ("first-pain-age", "level")
    assert "'gp' or 'urgent'" in str(error)


@pytest.mark.parametrize(
    "ages", [{}, {"under": 10, "over": 12}, {"under": 0}], ids=["empty", "crossed", "zero"]
)
def test_ages_must_make_sense(content_copy: Path, ages: dict[str, int]) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "symptoms", "bending-back-sport").update(ages=ages),
    )
    assert error.item == "bending-back-sport" and (error.field or "").startswith("ages")


# --- S2: signs that need a doctor sooner under 16 (symptoms.yaml under_16) --------------------
def test_a_sign_for_under_16s_is_never_an_emergency(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "under_16", "night-pain-young").update(level="emergency"),
    )
    assert (error.item, error.field) == ("night-pain-young", "under_16.level")
    assert "must be 'gp' or 'urgent'" in str(error)


def test_a_sign_for_under_16s_has_its_checklist_signs_level(content_copy: Path) -> None:
    """One urgency for one sign: the under-16 list and the checklist agree."""
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "under_16", "bending-back-young").update(level="urgent"),
    )
    assert (error.item, error.field) == ("bending-back-young", "under_16.level")
    assert "the checklist's 'bending-back-sport' is 'gp'" in str(error)


def test_a_sign_for_under_16s_names_a_real_checklist_sign(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "under_16", "curve-young").update(symptom="no-such-sign"),
    )
    assert (error.item, error.field) == ("curve-young", "under_16.symptom")


def test_a_sign_for_under_16s_cites_a_real_source(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "under_16", "curve-young").update(sources=["no-such-source"]),
    )
    assert (error.item, error.field) == ("curve-young", "under_16.sources")


def test_a_service_word_in_a_sign_for_under_16s_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "under_16", "unwell-young").update(label="Call NHS 111 if unwell"),
    )
    assert (error.item, error.field) == ("unwell-young", "under_16.label")


# --- issue 12 part 2: words.yaml -------------------------------------------------------------
def test_a_missing_level_word_is_refused(content_copy: Path) -> None:
    error = refused(content_copy, "words.yaml", lambda data: data["levels"].pop(2))
    assert error.field == "levels"
    assert "no entry for 'urgent'" in str(error)


def test_an_unknown_choice_in_the_words_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "words.yaml",
        lambda data: data["verdicts"].append({"id": "maybe", "name": "Maybe", "fits_because": "x"}),
    )
    assert error.field == "verdicts" and "'maybe' is not a choice here" in str(error)


def test_words_in_the_wrong_order_are_refused(content_copy: Path) -> None:
    error = refused(content_copy, "words.yaml", lambda data: data["ratings"].reverse())
    assert error.field == "ratings" and "wrong order" in str(error)


def test_an_unquoted_yes_is_refused_not_read_as_true(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "words.yaml",
        lambda data: data["modifiable"][0].update(id=True),
    )
    assert (error.item, error.field) == ("True", "modifiable.id")
    assert "valid string" in str(error)


def test_an_unknown_placeholder_in_a_level_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "words.yaml",
        lambda data: item(data, "levels", "emergency").update(headline="call {emergency_nmber}"),
    )
    assert (error.item, error.field) == ("emergency", "levels.headline")
    assert "unknown placeholder {emergency_nmber}" in str(error)


@pytest.mark.parametrize(
    ("name", "key", "item_id", "field", "text", "term"),
    [
        ("symptoms.yaml", "symptoms", "chest-pain", "explanation", "Call 999 at once.", "999"),
        ("questions.yaml", "questions", None, "prompt", "Should you call NHS 111?", "NHS 111"),
        ("causes.yaml", "causes", "cauda-equina", "evidence_note", "Go to the ER.", "ER"),
        ("lessons.yaml", "lessons", "symptoms", "summary", "See a GP first.", "GP"),
    ],
    ids=["999", "nhs-111", "er", "gp"],
)
def test_a_service_word_outside_the_regions_is_refused(
    content_copy: Path, name: str, key: str, item_id: str | None, field: str, text: str, term: str
) -> None:
    def change(data: dict[str, Any]) -> None:
        target = data[key][0] if item_id is None else item(data, key, item_id)
        target[field] = text

    error = refused(content_copy, name, change)
    assert error.field == field
    assert f"'{term}' is a service word of one region" in str(error)


def test_a_service_word_typed_into_a_level_is_refused(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "words.yaml",
        lambda data: item(data, "levels", "urgent").update(advice="Call NHS 111 today."),
    )
    assert (error.item, error.field) == ("urgent", "levels.advice")


def test_class_priority_names_real_lessons_once(content_copy: Path) -> None:
    error = refused(
        content_copy, "lessons.yaml", lambda data: data["class_priority"].append("no-such-lesson")
    )
    assert error.field == "class_priority" and "unknown lesson 'no-such-lesson'" in str(error)
    change_yaml(content_copy, "lessons.yaml", lambda data: data["class_priority"].pop())
    error = refused(
        content_copy, "lessons.yaml", lambda data: data["class_priority"].append("symptoms")
    )
    assert error.field == "class_priority" and "listed twice" in str(error)


# --- P1-P5: pictures -------------------------------------------------------------------------
def test_words_for_a_drawing_that_does_not_exist_are_refused(content_copy: Path) -> None:
    error = refused(
        content_copy, "pictures.yaml", lambda data: data["pictures"][0].update(id="x-ray")
    )
    assert (error.item, error.field) == ("x-ray", "id")
    assert "there is no drawing 'x-ray'" in str(error)


def test_a_drawing_without_words_is_refused(content_copy: Path) -> None:
    error = refused(content_copy, "pictures.yaml", lambda data: data["pictures"].pop())
    assert error.field == "pictures" and "no words for the drawing 'sleep-positions'" in str(error)


def test_a_picture_needs_a_text_alternative(content_copy: Path) -> None:
    error = refused(content_copy, "pictures.yaml", lambda data: data["pictures"][1].pop("alt"))
    assert (error.item, error.field) == ("spine-side", "alt")


def test_a_sign_can_only_show_a_real_picture(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "symptoms.yaml",
        lambda data: item(data, "symptoms", "chest-pain").update(picture="heart"),
    )
    assert (error.item, error.field) == ("chest-pain", "picture")


# --- T1 and planner fields ------------------------------------------------------------------
def test_a_choice_field_needs_choices(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "planners.yaml",
        lambda data: item(data, "planners", "first-week")["fields"][0].pop("choices"),
    )
    assert (error.item, error.field) == ("first-week", "fields[1].choices")


def test_a_tick_box_needs_its_line(content_copy: Path) -> None:
    error = refused(
        content_copy,
        "planners.yaml",
        lambda data: item(data, "planners", "first-week")["fields"][1].pop("line"),
    )
    assert (error.item, error.field) == ("first-week", "fields[2].line")


def test_a_line_must_put_in_the_answer(content_copy: Path) -> None:
    def drop_answer(data: dict[str, Any]) -> None:
        item(data, "planners", "first-week")["fields"][0]["line"] = "I will walk for {minutes}."

    error = refused(content_copy, "planners.yaml", drop_answer)
    assert (error.item, error.field) == ("first-week", "fields[1].line")
    assert "{answer}" in str(error) and "not {minutes}" in str(error)


def test_two_fields_with_one_id_are_refused(content_copy: Path) -> None:
    def twice(data: dict[str, Any]) -> None:
        fields = item(data, "planners", "appointment")["fields"]
        fields[1]["id"] = fields[0]["id"]

    error = refused(content_copy, "planners.yaml", twice)
    assert (error.item, error.field) == ("appointment", "fields")
    assert "duplicate field id 'started'" in str(error)
