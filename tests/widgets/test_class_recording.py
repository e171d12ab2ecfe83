"""The lesson widgets in class mode: the quiz records each checked answer and the article check each
rating, anonymously; the symptom checklist and the planner record nothing; nothing is recorded
outside class mode; and a broken database never stops a lesson."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from backedu.classroom import config as class_config
from backedu.classroom import recorder as class_recorder
from backedu.classroom import records as class_records
from backedu.classroom.store import ClassStore
from backedu.classroom.writer import ClassRecorder
from backedu.content import course
from backedu.content.models import AnswerKind
from backedu.widgets.claims import article_check
from backedu.widgets.planner import appointment_planner
from backedu.widgets.quiz import QuizWidget
from backedu.widgets.triage import symptom_checklist
from tests.support import wait_until


@pytest.fixture
def class_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[class_config.ClassConfig]:
    db = tmp_path / "class.sqlite3"
    with ClassStore.create(db) as store:
        session = store.start_session()
    monkeypatch.setenv(class_config.ENV_DB, str(db))
    monkeypatch.setenv(class_config.ENV_SESSION, session)
    config = class_config.ClassConfig.from_env()
    assert config is not None
    yield config
    hook = class_recorder.recorder()
    if isinstance(hook, ClassRecorder):
        hook.close()  # no writer thread retrying after the test


def stored(config: class_config.ClassConfig) -> list[class_records.Response]:
    hook = class_recorder.recorder()
    assert isinstance(hook, ClassRecorder)
    assert hook.flush(10), hook.last_error
    with ClassStore.open(config.db) as store:
        return store.responses(config.session)


def answer_quiz(quiz: QuizWidget, *, wrong: bool) -> list[tuple[str, tuple[str, ...], bool]]:
    """Answer every question (all wrong or all right); return what was sent."""
    sent = []
    while not quiz.finished:
        question = quiz.question
        assert question is not None
        pick = next(c for c in quiz.choices if c.correct is not wrong)
        quiz.choose(pick.id)
        quiz.check()
        sent.append((question.id, (pick.id,), not wrong))
        quiz.next()
    return sent


def test_quiz_answers_are_recorded_once_each_with_retries(class_mode) -> None:
    questions = [q for q in course().questions if q.type != "multiple"][:3]
    quiz = QuizWidget(course(), questions=questions, seed=1)
    first = answer_quiz(quiz, wrong=True)
    quiz.retry()
    second = answer_quiz(quiz, wrong=False)
    rows = stored(class_mode)
    assert [(r.item, r.response, r.correct) for r in rows] == first + second
    assert [r.seq for r in rows] == [1, 1, 1, 2, 2, 2]
    assert len({r.view for r in rows}) == 1
    assert all(r.kind == "answer" for r in rows)


def test_article_ratings_are_recorded(class_mode) -> None:
    widget = article_check()
    claims = course().claims[:3]
    for claim, value in zip(claims, ("true", "false", "not-sure"), strict=True):
        widget.rate(claim.id, value)
        widget.next()
    rows = stored(class_mode)
    assert [(r.kind, r.item, r.response) for r in rows] == [
        ("rating", claims[0].id, ("true",)),
        ("rating", claims[1].id, ("false",)),
        ("rating", claims[2].id, ("not-sure",)),
    ]


def test_symptoms_and_plans_are_never_recorded(class_mode) -> None:
    checklist = symptom_checklist()
    checklist.select([s.id for s in course().symptoms[:4]])
    planner = appointment_planner()
    for question in planner.form.fields:
        if question.kind is AnswerKind.TEXT:
            planner.set_answer(question.id, "Since Monday, low on the left")
    planner.make_notes()
    assert stored(class_mode) == []
    raw = class_mode.db.read_bytes()
    assert b"Monday" not in raw and course().symptoms[0].id.encode() not in raw


def test_outside_class_mode_the_quiz_records_nothing(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(class_config.ENV_DB, raising=False)
    monkeypatch.delenv(class_config.ENV_SESSION, raising=False)
    monkeypatch.chdir(tmp_path)
    quiz = QuizWidget(course(), questions=course().questions[:2], seed=3)
    answer_quiz(quiz, wrong=False)
    assert quiz.score is not None and quiz.score.correct == 2
    assert not class_recorder.recorder().active
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fault", ["locked", "corrupt"])
def test_a_broken_database_never_stops_the_lesson(class_mode, fault: str, capfd) -> None:
    holder = None
    if fault == "locked":
        holder = sqlite3.connect(class_mode.db, isolation_level=None)
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM responses WHERE 0")
    else:
        for extra in class_mode.db.parent.glob("class.sqlite3-*"):
            extra.unlink()
        class_mode.db.write_bytes(b"garbage" * 1000)
    try:
        quiz = QuizWidget(course(), questions=course().questions[:2], seed=5)
        answer_quiz(quiz, wrong=False)  # no exception, full feedback and score
        assert quiz.score is not None and quiz.score.correct == 2
        widget = article_check()
        widget.rate(course().claims[0].id, "true")
        assert widget.judgement is not None
        err = capfd.readouterr().out
        hook = class_recorder.recorder()
        assert isinstance(hook, ClassRecorder)
        assert hook.pending >= 1
        expected = "locked by another program" if fault == "locked" else "damaged"
        # the writer thread reports on the teacher's terminal, not in the page (a locked database
        # answers only after its busy timeout)
        wait_until(lambda: hook.last_error is not None, "the writer reported no error")
        assert hook.last_error is not None and expected in hook.last_error
        assert expected in err + capfd.readouterr().out
    finally:
        if holder is not None:
            holder.execute("ROLLBACK")
            holder.close()
