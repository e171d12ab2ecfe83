"""The class server's store of answers: what arrives together is written in one transaction, each
answer settles once it is on disk, a retry counts once, an ended session stores nothing, and a
broken results file fails the batch (the pages send again) and is reported once."""

from __future__ import annotations

import sqlite3
from concurrent.futures import wait
from pathlib import Path

import pytest

from backedu.classroom.inbox import AnswerInbox
from backedu.classroom.records import answer, rating
from backedu.classroom.store import ClassStore
from backedu.errors import ClassError, ClassStoreError


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "class.sqlite3"


@pytest.fixture
def session(db: Path) -> str:
    with ClassStore.create(db) as store:
        return store.start_session()


def answers(count: int, view: str = "0123456789abcdef") -> list:
    return [answer(view, f"q-{n}", ["a"], correct=n % 2 == 0) for n in range(count)]


def test_a_burst_is_stored_in_few_transactions_each_once(db: Path, session: str) -> None:
    problems: list[str | None] = []
    inbox = AnswerInbox(db, session, on_problem=problems.append)
    try:
        futures = [inbox.submit(r) for r in answers(300)]
        futures += [inbox.submit(r) for r in answers(300)[:50]]  # the same again: retries
        done, _ = wait(futures, timeout=60)
        assert len(done) == 350
        outcomes = [f.result() for f in futures]
        assert outcomes[:300] == ["stored"] * 300 and outcomes[300:] == ["already"] * 50
        assert inbox.batches < 350, "answers that arrive together share a transaction"
    finally:
        inbox.close()
    with ClassStore.open(db) as store:
        assert len(store.responses(session)) == 300
    assert problems == []


def test_the_server_store_waits_for_the_disk(db: Path, session: str) -> None:
    with ClassStore.open(db, durable=True) as store:
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with ClassStore.open(db) as store:
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_an_ended_session_stores_nothing(db: Path, session: str) -> None:
    with ClassStore.open(db) as store:
        store.end_session(session)
    inbox = AnswerInbox(db, session)
    try:
        assert inbox.submit(rating("0123456789abcdef", "c-one", "true")).result(10) == "ended"
    finally:
        inbox.close()
    with ClassStore.open(db) as store:
        assert store.responses(session) == []


def test_a_broken_file_fails_the_batch_once_reported_then_recovers(db: Path, session: str) -> None:
    problems: list[str | None] = []
    inbox = AnswerInbox(db, session, on_problem=problems.append, timeout=0.2)
    holder = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another program holds the file
        failed = [inbox.submit(r) for r in answers(3)]
        for future in failed:
            with pytest.raises(ClassStoreError, match="locked by another program"):
                future.result(10)
        with pytest.raises(ClassStoreError):
            inbox.submit(answers(1)[0]).result(10)
        assert len([p for p in problems if p]) == 1, "said once, not once per answer"
        holder.execute("ROLLBACK")
        # The pages send the same answers again: stored now, once each.
        assert [inbox.submit(r).result(10) for r in answers(3)] == ["stored"] * 3
        assert problems[-1] is None and inbox.problem is None
    finally:
        holder.close()
        inbox.close()


def test_a_replaced_file_is_a_problem_not_a_new_class(db: Path, session: str, tmp_path) -> None:
    other = tmp_path / "other.sqlite3"
    with ClassStore.create(other) as store:
        store.start_session()
    inbox = AnswerInbox(other, session)
    try:
        with pytest.raises(ClassStoreError, match=f"class session {session} is not in it"):
            inbox.submit(answers(1)[0]).result(10)
    finally:
        inbox.close()


def test_closing_stores_what_waits_and_takes_nothing_more(db: Path, session: str) -> None:
    inbox = AnswerInbox(db, session)
    futures = [inbox.submit(r) for r in answers(20)]
    inbox.close()
    assert all(f.result(0) == "stored" for f in futures)
    with pytest.raises(ClassError, match="stopping"):
        inbox.submit(answers(1)[0]).result(1)
