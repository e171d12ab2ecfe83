"""The appointment planner widget without a browser: fill it in through ``set_answer``, press its
buttons through ``make_notes`` and ``clear``, and read what it shows. Also: it keeps nothing."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

import backedu
from backedu.errors import PlannerError
from backedu.logic.planner import APPOINTMENT, MAX_LENGTH
from backedu.logic.planner import planner as form_of
from backedu.logic.region import Region
from backedu.widgets.planner import PlannerForm, appointment_planner
from tests.support.widgets import descendants, page_text

PAYLOAD = "<img src=x onerror=window.__pwned=1>"


def controls(planner: PlannerForm) -> list[Any]:
    return [w for w in descendants(planner) if isinstance(w, widgets.Textarea | widgets.Dropdown)]


def test_public_factory_builds_the_planner() -> None:
    planner = backedu.appointment_planner()
    assert isinstance(planner, PlannerForm)
    assert "backedu-planner" in planner._dom_classes
    assert planner.status_html == "" and planner.summary_html == ""
    assert not planner.notes_ready


def test_every_question_has_a_visible_label() -> None:
    shown = controls(appointment_planner())
    assert [c.description for c in shown] == [f.label for f in form_of(APPOINTMENT).fields]
    assert all(c.style.description_width == "initial" for c in shown)  # never cut off


def test_make_notes_shows_the_notes_with_downloads() -> None:
    planner = appointment_planner()
    planner.set_answer("started", "Last Monday, after PE")
    planner.set_answer("how-bad", "4")
    planner.set_answer("how-often", "first-time")
    planner.make_notes()
    assert planner.notes_ready
    assert "Your notes are ready" in planner.status_html
    assert 'role="alert"' in planner.status_html
    assert "Last Monday, after PE" in planner.summary_html
    assert "4 out of 10" in planner.summary_html
    assert "This is the first time" in planner.summary_html
    assert 'download="back-pain-notes.txt"' in planner.summary_html
    assert 'download="back-pain-notes.html"' in planner.summary_html


def test_typed_markup_is_shown_as_text() -> None:
    planner = appointment_planner()
    planner.set_answer("questions", PAYLOAD)
    planner.make_notes()
    assert escape(PAYLOAD) in planner.summary_html
    assert PAYLOAD not in planner.summary_html


def test_too_long_answer_gets_a_clear_message_and_no_notes() -> None:
    planner = appointment_planner()
    planner.set_answer("helps", "warm " * 100)
    planner.set_answer("started", "today")
    planner.make_notes()
    assert not planner.notes_ready
    assert "Please fix this first" in planner.status_html
    assert "Your answer to “What makes it better?” is 499 characters long." in planner.status_html
    assert f"{MAX_LENGTH} characters at most" in planner.status_html
    planner.set_answer("helps", "warm pack")  # fixed: now it works
    planner.make_notes()
    assert planner.notes_ready


def test_empty_form_asks_for_an_answer() -> None:
    planner = appointment_planner()
    planner.make_notes()
    assert "Answer at least one question first" in planner.status_html
    assert not planner.notes_ready


def test_changing_an_answer_withdraws_old_notes() -> None:
    planner = appointment_planner()
    planner.set_answer("started", "Monday")
    planner.make_notes()
    planner.set_answer("started", "Tuesday")
    assert not planner.notes_ready
    assert "Press “Make my notes” again" in planner.status_html


def test_clear_forgets_every_answer() -> None:
    planner = appointment_planner()
    planner.set_answer("started", "a secret about my back")
    planner.set_answer("how-bad", "7")
    planner.make_notes()
    planner.clear()
    assert set(planner.answers.values()) == {""}
    assert planner.summary_html == "" and "cleared" in planner.status_html
    assert "a secret about my back" not in page_text(planner)
    assert "a secret about my back" not in repr(vars(planner))


def test_region_sets_the_emergency_number() -> None:
    planner = appointment_planner(region=Region.US)
    planner.set_answer("started", "today")
    planner.make_notes()
    assert "Call 911" in planner.summary_html and "999" not in planner.summary_html


@pytest.mark.parametrize(
    ("field_id", "value", "message"),
    [
        ("mood", "fine", "the planner has no question 'mood'"),
        ("how-bad", "eleven", "has no choice 'eleven'"),
        ("started", None, "an answer to 'started' is text, not NoneType"),
    ],
    ids=["unknown-field", "bad-choice", "not-text"],
)
def test_set_answer_refuses_what_the_form_cannot_hold(
    field_id: str, value: Any, message: str
) -> None:
    with pytest.raises(PlannerError, match=message):
        appointment_planner().set_answer(field_id, value)


def test_making_notes_writes_no_file_and_logs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG)
    planner = appointment_planner()
    planner.set_answer("started", "my private answer")
    planner.make_notes()
    planner.clear()
    assert list(tmp_path.iterdir()) == []
    assert "my private answer" not in caplog.text
