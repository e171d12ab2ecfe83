"""40 students submit at once, each from its own process as each student has its own kernel, through
the hook the quiz and article-check widgets call: every answer is recorded exactly once."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from pathlib import Path

from backedu.classroom.store import ClassStore
from tests.support.class_student import PER_STUDENT, student

STUDENTS = 40


def test_forty_students_at_once_every_answer_recorded_exactly_once(tmp_path: Path) -> None:
    db = tmp_path / "class.sqlite3"
    with ClassStore.create(db) as store:
        session = store.start_session()

    # Separate processes, like kernels. The fork server imports backedu once and forks each
    # student from that single-threaded process, so 40 start in a few seconds on 2 cores.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.support.class_student"])
    start = context.Barrier(STUDENTS)
    results = context.Queue()
    processes = [
        context.Process(target=student, args=(str(db), session, start, results))
        for _ in range(STUDENTS)
    ]
    for process in processes:
        process.start()
    try:
        reports = [results.get(timeout=200) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0] * STUDENTS

    views = {view for view, *_ in reports}
    assert len(views) == STUDENTS, "every page view has its own random id"
    for _view, saved, stored, error, duplicate, _seconds in reports:
        assert saved and stored == PER_STUDENT and error is None
        assert duplicate is False
    slowest = max(seconds for *_, seconds in reports)
    assert slowest < 60, f"the slowest student waited {slowest:.1f} s for its answers to be saved"

    with ClassStore.open(db) as store:
        rows = store.responses(session)
    keys = Counter((r.view, r.kind, r.item, r.seq) for r in rows)
    assert len(rows) == STUDENTS * PER_STUDENT
    assert set(keys.values()) == {1}
    assert {r.view for r in rows} == views
    assert set(Counter(r.view for r in rows).values()) == {PER_STUDENT}
