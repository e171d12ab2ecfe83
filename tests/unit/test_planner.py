"""The planners' pure logic: checks with clear messages, notes (and the first-week plan) as text
and HTML, the emergency signs under every result, and typed text that can never become markup."""

from __future__ import annotations

import base64
import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from backedu.content import course
from backedu.content.models import Level
from backedu.errors import PlannerError
from backedu.logic import planner
from backedu.logic.planner import (
    APPOINTMENT,
    FIRST_WEEK,
    MAX_LENGTH,
    TICKED,
    clean,
    rows,
)
from backedu.logic.region import Region, services
from backedu.views import planner as view
from backedu.views.html import data_url

FORM = planner.planner(APPOINTMENT)
PLAN = planner.planner(FIRST_WEEK)
FIELDS = FORM.fields
TEXT_FILE, PAGE_FILE = f"{FORM.file_name}.txt", f"{FORM.file_name}.html"


def problems(answers: dict) -> tuple[planner.Problem, ...]:
    return planner.problems(FORM, answers)


def answered(answers: dict) -> tuple:
    return planner.answered(FORM, answers)


def field(field_id: str) -> object:
    return planner.field(FORM, field_id)


def summary_text(answers: dict, *, region: Region | None = None) -> str:
    return planner.summary_text(FORM, answers, region=region)


def summary_html(answers: dict, *, region: Region | None = None) -> str:
    return view.summary_html(FORM, answers, region=region)


def summary_document(answers: dict, *, region: Region | None = None) -> str:
    return view.summary_document(FORM, answers, region=region)


XSS = [
    "<img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=1</script>",
    '"><svg onload=window.__pwned=1>',
    "<a href='javascript:window.__pwned=1'>click</a>",
    "</dd></dl><iframe src=javascript:alert(1)>",
]
XSS_IDS = ["img-onerror", "script", "svg-onload", "javascript-link", "break-out"]


class _Tags(HTMLParser):
    """Every tag and attribute name in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def tags_in(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def decode(url: str) -> str:
    head, payload = url.split(",", 1)
    assert head.endswith(";base64")
    return base64.b64decode(unquote(payload)).decode("utf-8")


def test_fields_have_unique_ids_and_questions() -> None:
    assert len({f.id for f in FIELDS}) == len(FIELDS)
    assert all(f.label.endswith("?") for f in FIELDS)
    # What the lesson says to tell a doctor: when, how bad, how often, what helps, what was tried.
    assert {"started", "how-bad", "how-often", "helps", "tried"} <= {f.id for f in FIELDS}


def test_unknown_field_lists_the_fields() -> None:
    with pytest.raises(PlannerError, match=r"no question 'mood' \(it has 'started', 'where'"):
        field("mood")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  Tuesday  ", "Tuesday"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("bell\x07 and null\x00 gone", "bell and null gone"),
        ("tab\there", "tab here"),
        ("e\u0301", "\u00e9"),  # NFC: one character, as the student sees it
    ],
    ids=["spaces", "line-ends", "control-chars", "tab", "unicode"],
)
def test_clean(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_clean_refuses_non_text() -> None:
    with pytest.raises(PlannerError, match="an answer is text, not int"):
        clean(5)


def test_empty_form_asks_for_one_answer() -> None:
    (problem,) = problems({})
    assert problem.message == "Answer at least one question first, then press “Make my notes”."
    assert problems({"started": "   "})  # spaces only is still empty


def test_too_long_answer_names_the_question_and_the_limit() -> None:
    found = problems({"started": "a" * (MAX_LENGTH + 1), "helps": "ok"})
    assert [p.field.id for p in found] == ["started"]
    assert found[0].message == (
        f"Your answer to “When did it start?” is {MAX_LENGTH + 1} characters long. "
        f"Please make it shorter: {MAX_LENGTH} characters at most."
    )
    assert problems({"started": "a" * MAX_LENGTH}) == ()  # the limit itself is fine


def test_length_is_counted_after_cleaning() -> None:
    assert problems({"started": " " * 50 + "a" * MAX_LENGTH + "\x00" * 10}) == ()


def test_every_too_long_answer_is_listed_in_form_order() -> None:
    long = "b" * (MAX_LENGTH + 5)
    found = problems({"questions": long, "started": long})
    assert [p.field.id for p in found] == ["started", "questions"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"mood": "fine"}, "no question 'mood'"),
        ({"how-bad": "11"}, r"question 'how-bad' \(How bad is it\?\) has no choice '11'"),
        ({"how-often": "yearly"}, "has no choice 'yearly'; its choices are 'first-time'"),
        ({"started": 3}, "an answer is text, not int"),
    ],
    ids=["unknown-field", "bad-scale", "bad-choice", "not-text"],
)
def test_impossible_answers_are_programming_errors(answers: dict, message: str) -> None:
    with pytest.raises(PlannerError, match=message):
        problems(answers)


def test_answered_keeps_form_order_and_shows_choice_labels() -> None:
    rows = answered({"helps": "a warm pack", "how-bad": "6", "how-often": "weekly"})
    assert [(q.id, value) for q, value in rows] == [
        ("how-bad", "6 out of 10"),
        ("how-often", "About once a week"),
        ("helps", "a warm pack"),
    ]


def test_answered_refuses_answers_with_problems() -> None:
    with pytest.raises(PlannerError, match="Please make it shorter"):
        answered({"started": "x" * (MAX_LENGTH + 1)})


def test_summary_text() -> None:
    text = summary_text(
        {"started": "Last Monday\nafter football", "how-bad": "0"}, region=Region.UK
    )
    assert text.startswith("My back pain: notes for my appointment\n====")
    assert "When did it start?\n  Last Monday\n  after football\n" in text
    assert "How bad is it?\n  0 out of 10: no pain\n" in text
    assert "This is not a diagnosis." in text
    assert "Call 999" in text


@pytest.mark.parametrize(
    ("region", "number"), [(Region.UK, "999"), (Region.US, "911"), (Region.EU, "112")], ids=str
)
def test_notes_name_the_regions_emergency_number(region: Region, number: str) -> None:
    assert f"Call {number}" in summary_text({"started": "today"}, region=region)
    assert f"Call {number}" in summary_html({"started": "today"}, region=region)


@pytest.mark.parametrize("payload", XSS, ids=XSS_IDS)
def test_typed_markup_is_shown_as_text_in_the_page(payload: str) -> None:
    html = summary_html({"started": payload, "questions": payload})
    parsed = tags_in(html)
    assert not {"img", "script", "svg", "iframe"} & set(parsed.tags)
    assert not [a for a in parsed.attributes if a.startswith("on")]
    assert html.count(escape(payload, quote=True)) == 2  # shown, as the characters typed


@pytest.mark.parametrize("payload", XSS, ids=XSS_IDS)
def test_typed_markup_is_text_in_the_printable_page_too(payload: str) -> None:
    document = summary_document({"started": payload})
    parsed = tags_in(document)
    assert not {"img", "script", "svg", "iframe"} & set(parsed.tags)
    assert not [a for a in parsed.attributes if a.startswith("on")]
    assert "default-src 'none'" in document  # and the page could run nothing anyway


def test_downloads_carry_the_notes_in_the_link() -> None:
    answers = {"started": "Tuesday <b>", "helps": "heat"}
    html = summary_html(answers)
    links = {
        name: url for url, name in re.findall(r'<a href="(data:[^"]+)" download="([^"]+)"', html)
    }
    assert set(links) == {TEXT_FILE, PAGE_FILE}
    assert links[TEXT_FILE].startswith("data:text/plain;charset=utf-8;base64,")
    assert decode(links[TEXT_FILE]) == summary_text(answers)
    assert links[PAGE_FILE].startswith("data:text/html;charset=utf-8;base64,")
    assert decode(links[PAGE_FILE]) == summary_document(answers)


def test_data_url_round_trips_unicode() -> None:
    assert decode(data_url("Schmerz ✔ 痛み", "text/plain")) == "Schmerz ✔ 痛み"


def test_notes_say_they_are_not_a_diagnosis_and_are_not_saved() -> None:
    html = summary_html({"started": "today"})
    assert "This is not a diagnosis." in html
    assert "Nothing is saved here" in html


# --- every result ends with the emergency signs --------------------------------------------
@pytest.mark.parametrize("region", list(Region), ids=str)
def test_every_emergency_sign_is_under_the_notes_in_the_regions_words(region: Region) -> None:
    text = summary_text({"started": "today"}, region=region)
    html = summary_html({"started": "today"}, region=region)
    words = services(region)
    for sign in (s for s in course().symptoms if s.level is Level.EMERGENCY):
        assert sign.label in text and escape(sign.label, quote=False) in html
    assert words.call in text and words.call_or_go in text


def test_the_plan_and_its_lines() -> None:
    answers = {
        "walk": "10",
        "knee-rolls": TICKED,
        "pelvic-tilts": "",
        "back-to": "on Monday, for the morning only.",
        "painkillers": "pharmacist",
    }
    assert [row.text for row in rows(PLAN, answers)] == [
        "I will walk for 10 minutes, a few times each day, and a bit further each day.",
        "I will do knee rolls 8 to 10 times, each morning and each evening.",
        "I will go back to school or work: on Monday, for the morning only.",
        "I will ask a pharmacist before I take any painkiller.",
    ]
    text = planner.summary_text(PLAN, answers, region=Region.UK)
    assert text.startswith("My plan for the first week\n====")
    assert "[ ] I will walk for 10 minutes" in text
    html = view.summary_html(PLAN, answers, region=Region.UK)
    assert "☐" in html and "pelvic tilts" not in html.lower().split("<ul")[0]
    assert f'download="{PLAN.file_name}.txt"' in html


def test_a_box_can_only_be_ticked_or_not() -> None:
    with pytest.raises(PlannerError, match=r"question 'heat' .* has no choice 'maybe'"):
        planner.problems(PLAN, {"heat": "maybe"})


def test_an_empty_plan_asks_for_one_answer() -> None:
    (problem,) = planner.problems(PLAN, {"heat": ""})
    assert problem.message == "Answer at least one question first, then press “Make my plan”."


def test_an_unknown_planner_names_the_planners() -> None:
    with pytest.raises(PlannerError, match=r"no planner 'diary' .*'appointment', 'first-week'"):
        planner.planner("diary")
