"""`backedu class` end to end, on loopback: simulated students answer the self-quiz through their
kernels; every answer lands in the class database once; the pages say what is recorded; the
answers survive a restart of the server (`--resume`); a database that breaks mid-lesson is
reported on the server's terminal while students carry on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from backedu.classroom.store import ClassStore
from tests.support import run_async, wait_until
from tests.support.class_server import class_notebooks, running_class
from tests.support.server import fetch
from tests.support.students import simulate_class

pytestmark = pytest.mark.server

STUDENTS = 5
QUIZ = "06-prevention.ipynb"


def test_a_class_answers_and_the_answers_survive_a_restart(tmp_path: Path) -> None:
    notebooks = class_notebooks(tmp_path / "notebooks", QUIZ)
    db = tmp_path / "results" / "class.sqlite3"

    with running_class(tmp_path, notebooks, db=db) as running:
        page = fetch(running.server.url(QUIZ)).body
        assert "Class mode is on." in page and "not the symptoms you tick" in page
        assert f"Class code: {running.session}." in page
        outcome = run_async(simulate_class(running.server, STUDENTS, QUIZ))
        assert outcome.errors == [] and outcome.served == STUDENTS
        session = running.session

    with ClassStore.open(db) as store:
        rows = store.responses(session)
    assert len(rows) == outcome.answers, "every answer recorded, none twice"
    assert len(Counter((r.view, r.item, r.seq) for r in rows)) == len(rows)
    assert len({r.view for r in rows}) == STUDENTS
    assert {r.kind for r in rows} == {"answer"}

    with running_class(tmp_path, notebooks, db=db, resume=True) as again:
        assert again.session == session, "--resume carries on the same session"
        with ClassStore.open(db) as store:
            assert store.responses(session) == rows
        assert again.session in fetch(again.server.url(QUIZ)).body

        # The database breaks mid-lesson: students carry on, the teacher's terminal says why.
        for extra in db.parent.glob("class.sqlite3-*"):
            extra.unlink()
        db.write_bytes(b"garbage, not a database" * 200)
        broken = run_async(simulate_class(again.server, 1, QUIZ))
        assert broken.errors == [] and broken.answers > 0
        wait_until(
            lambda: "backedu class mode: could not save" in again.server.log(),
            lambda: f"no report on the teacher's terminal:\n{again.server.log()[-2000:]}",
        )
        assert "the file is damaged or is not a database" in again.server.log()
    assert "carried on from" in again.server.log()
