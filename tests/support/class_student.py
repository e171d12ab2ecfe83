"""One simulated student for the class-mode load test, in a module light enough to start 40 times.

It records through ``backedu.classroom.recorder.recorder()``, the hook the quiz and article-check
widgets call, with the class-mode environment a kernel gets from the server.
"""

from __future__ import annotations

import os
import time
from typing import Any

from backedu.classroom import config as class_config
from backedu.classroom import recorder as class_recorder
from backedu.classroom import records as class_records
from backedu.classroom.store import ClassStore

QUESTIONS = [f"question-{n}" for n in range(12)]
CLAIMS = [f"claim-{n}" for n in range(6)]
RETRIED = QUESTIONS[:3]  # each student answers these twice (a retry after feedback)
PER_STUDENT = len(QUESTIONS) + len(RETRIED) + len(CLAIMS)


def student(db: str, session: str, start: Any, results: Any) -> None:
    """One page view: wait for the bell, answer everything at once, report back."""
    # What `backedu class` gives Voilà and Voilà gives every kernel.
    os.environ[class_config.ENV_DB] = db
    os.environ[class_config.ENV_SESSION] = session
    hook = class_recorder.recorder()
    assert isinstance(hook, class_recorder.ClassRecorder), "class mode is not on in this process"
    start.wait()
    began = time.monotonic()
    for question in QUESTIONS:
        hook.record_answer(question, ["a"], correct=False)
    for question in RETRIED:
        hook.record_answer(question, ["b"], correct=True)
    for claim in CLAIMS:
        hook.record_rating(claim, "not-sure")
    saved = hook.flush(120)
    seconds = time.monotonic() - began
    # The same submission sent again (a page re-sending after a hiccup) must not count twice.
    with ClassStore.open(hook.config.db) as store:
        duplicate = store.record(
            hook.config.session,
            class_records.answer(hook.view, QUESTIONS[0], ["a"], correct=False, seq=1),
        )
    results.put((hook.view, saved, hook.stored, hook.last_error, duplicate, seconds))
