"""The teacher dashboard, driven through its public twins without a browser: a wrong PIN shows
nothing, the right PIN shows the class; live updates; CSV and xAPI; end and clear; a locked or
damaged database gives a clear error."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import threading
from pathlib import Path

import pytest

from backedu.classroom import config as class_config
from backedu.classroom.config import ClassConfig
from backedu.classroom.records import answer, rating
from backedu.classroom.store import ClassStore
from backedu.content import course
from backedu.errors import ClassError
from backedu.logic.claims import verdict_name
from backedu.views.html import text
from backedu.widgets.dashboard import MAX_PIN_TRIES, TeacherDashboard, teacher_dashboard
from tests.support import PATIENCE, wait_until

PIN = "482913"
URL = "http://192.168.1.20:8866/"
VIEWS = ["0123456789abcdef", "fedcba9876543210", "00000000000000aa"]


@pytest.fixture
def config(tmp_path: Path) -> ClassConfig:
    db = tmp_path / "class.sqlite3"
    with ClassStore.create(db) as store:
        session = store.start_session()
    return ClassConfig(db=db, session=session, pin=PIN, url=URL)


def add_answers(config: ClassConfig) -> None:
    """Three students: two choose the same wrong answer to the first question."""
    question = course().questions[0]
    right = next(c for c in question.choices if c.correct)
    wrong = next(c for c in question.choices if not c.correct)
    claim = course().claims[0]
    with ClassStore.open(config.db) as store:
        store.record(config.session, answer(VIEWS[0], question.id, [wrong.id], correct=False))
        store.record(config.session, answer(VIEWS[1], question.id, [wrong.id], correct=False))
        store.record(config.session, answer(VIEWS[2], question.id, [right.id], correct=True))
        store.record(config.session, rating(VIEWS[0], claim.id, "true"))


@pytest.fixture
def dashboard(config: ClassConfig):
    widget = TeacherDashboard(course(), config=config, poll_seconds=None)
    yield widget
    widget.close()


def test_outside_class_mode_it_says_how_to_start_a_class(monkeypatch) -> None:
    monkeypatch.delenv(class_config.ENV_DB, raising=False)
    monkeypatch.delenv(class_config.ENV_SESSION, raising=False)
    widget = teacher_dashboard()
    assert not widget.class_mode
    assert "Class mode is off" in widget.page_html and "make class" in widget.page_html
    assert "backedu-dashboard" in widget._dom_classes
    with pytest.raises(ClassError, match="cannot be pressed now"):
        widget.enter_pin(PIN)


def test_bad_class_settings_are_shown_to_the_teacher(monkeypatch) -> None:
    monkeypatch.setenv(class_config.ENV_DB, "relative.sqlite3")
    monkeypatch.setenv(class_config.ENV_SESSION, "K7QM2X")
    widget = TeacherDashboard(course(), poll_seconds=None)
    assert "BACKEDU_CLASS_DB: give the database as an absolute path" in widget.page_html


def test_wrong_pin_shows_nothing(dashboard: TeacherDashboard, config: ClassConfig, capfd) -> None:
    add_answers(config)
    dashboard.enter_pin("000000")
    assert not dashboard.unlocked and dashboard.summary is None
    page = dashboard.page_html
    assert "That PIN is not right" in page
    for secret in (config.session, URL, "<svg", "took part", course().questions[0].prompt):
        assert secret not in page
    assert "a wrong PIN was entered on the teacher dashboard" in capfd.readouterr().out


def test_too_many_wrong_pins_lock_the_page(dashboard: TeacherDashboard) -> None:
    for _ in range(MAX_PIN_TRIES):
        dashboard.enter_pin("111111")
    assert "this page is locked" in dashboard.page_html
    with pytest.raises(ClassError, match="cannot be pressed now"):
        dashboard.enter_pin(PIN)
    assert not dashboard.unlocked


def test_no_pin_set_keeps_the_view_closed(config: ClassConfig) -> None:
    widget = TeacherDashboard(
        course(), config=ClassConfig(config.db, config.session, None, URL), poll_seconds=None
    )
    widget.enter_pin("")
    assert not widget.unlocked and "No teacher PIN is set" in widget.page_html


def test_right_pin_shows_the_class(dashboard: TeacherDashboard, config: ClassConfig) -> None:
    add_answers(config)
    dashboard.enter_pin(PIN)
    assert dashboard.unlocked
    page = dashboard.page_html
    # how to join: QR code, address, session code, and what is recorded
    assert "<svg" in page and f'aria-label="QR code for {URL}"' in page
    assert config.session in page and URL in page
    assert text("not the symptoms you tick") in page
    # the numbers
    summary = dashboard.summary
    assert summary is not None and summary.participants == 3
    question = course().questions[0]
    wrong = next(c for c in question.choices if not c.correct)
    assert "3 students" in page
    assert text(question.prompt) in page
    assert "1 of 3 right first time (33%)" in page
    assert f"Most chosen wrong answer: <strong>{text('“' + wrong.text + '”')}</strong>" in page
    assert 'aria-label="1 of 3 right first time (33%)"' in page, "bars say their numbers"
    claim = course().claims[0]
    assert text(claim.article_says) in page
    assert text(verdict_name(claim.verdict)) in page
    assert "Misconceptions, most common first" in page
    assert PIN not in page, "the PIN never reaches the page"


def test_refresh_shows_new_answers(dashboard: TeacherDashboard, config: ClassConfig) -> None:
    dashboard.enter_pin(PIN)
    assert "No answers yet" in dashboard.page_html
    add_answers(config)
    dashboard.refresh()
    assert dashboard.summary is not None and dashboard.summary.answers == 3


def test_live_updates_without_a_click(config: ClassConfig) -> None:
    widget = TeacherDashboard(course(), config=config, poll_seconds=0.1)
    try:
        before = set(threading.enumerate())
        widget.enter_pin(PIN)
        assert widget.live
        (poller,) = [
            t for t in set(threading.enumerate()) - before if t.name == "backedu-dashboard"
        ]
        add_answers(config)
        wait_until(
            lambda: widget.summary is not None and widget.summary.answers == 3,
            lambda: f"the dashboard shows {widget.summary}, not the 3 answers",
            interval=0.05,
        )
    finally:
        widget.close()
    poller.join(timeout=PATIENCE)  # closing stops the live updates: their thread ends
    assert not poller.is_alive() and not widget.live


def test_csv_export_is_a_link_built_in_the_page(
    dashboard: TeacherDashboard, config: ClassConfig
) -> None:
    add_answers(config)
    dashboard.enter_pin(PIN)
    csv_text = dashboard.prepare_csv()
    assert csv_text.count("\r\n") == 1 + 4
    page = dashboard.page_html
    link = re.search(r'href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', page)
    assert link is not None and base64.b64decode(link.group(1)).decode() == csv_text
    assert f'download="class-results-{config.session}.csv"' in page


def test_xapi_export_is_a_link_built_in_the_page(
    dashboard: TeacherDashboard, config: ClassConfig
) -> None:
    from ralph.models.xapi.base.statements import BaseXapiStatement

    add_answers(config)
    with pytest.raises(ClassError, match="open the class view with the PIN first"):
        dashboard.prepare_xapi()
    dashboard.enter_pin(PIN)
    statements = json.loads(dashboard.prepare_xapi())
    assert len(statements) == 4
    for statement in statements:
        BaseXapiStatement.model_validate(statement)
        assert statement["actor"]["account"]["homePage"] == URL
        assert statement["object"]["id"].startswith(URL + "xapi/")
    page = dashboard.page_html
    link = re.search(r'href="data:application/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', page)
    assert link is not None and json.loads(base64.b64decode(link.group(1))) == statements
    assert f'download="class-results-{config.session}.xapi.json"' in page


def test_end_and_clear_deletes_everything_after_a_confirm(
    dashboard: TeacherDashboard, config: ClassConfig
) -> None:
    add_answers(config)
    dashboard.enter_pin(PIN)
    dashboard.end_session()
    assert "deletes every answer in it for good" in dashboard.page_html
    dashboard.cancel_end()
    assert not dashboard.ended
    dashboard.end_session()
    dashboard.confirm_end()
    assert dashboard.ended and "This class session has ended" in dashboard.page_html
    assert "took part" not in dashboard.page_html
    with ClassStore.open(config.db) as store:
        assert store.responses(config.session) == []
        info = store.session(config.session)
        assert info is not None and not info.open
    with pytest.raises(ClassError, match="cannot be pressed now"):
        dashboard.refresh()


def test_locked_database_shows_a_clear_error_then_recovers(
    dashboard: TeacherDashboard, config: ClassConfig, capfd
) -> None:
    add_answers(config)
    dashboard.enter_pin(PIN)
    holder = sqlite3.connect(config.db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM responses WHERE 0")
    try:
        dashboard.refresh()
        assert dashboard.error is not None and "locked by another program" in dashboard.error
        page = dashboard.page_html
        assert 'role="alert"' in page and "locked by another program" in page
        assert "Students can go on with their lessons" in page
        assert "the dashboard cannot read the class database" in capfd.readouterr().out
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    dashboard.refresh()
    assert dashboard.error is None and "locked by another program" not in dashboard.page_html


def test_corrupt_database_shows_a_clear_error(
    dashboard: TeacherDashboard, config: ClassConfig
) -> None:
    dashboard.enter_pin(PIN)
    for extra in config.db.parent.glob("class.sqlite3-*"):
        extra.unlink()
    config.db.write_bytes(b"\x00not a database\xff" * 256)
    dashboard.refresh()
    assert dashboard.error is not None and "damaged or is not a database" in dashboard.error
    assert "move the file aside" in dashboard.page_html
