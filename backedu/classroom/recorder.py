"""The recording hook the quiz and article-check widgets call: records in class mode, does
nothing otherwise. Never raises into a lesson, never blocks a click.

Faults never reach a lesson. The widgets call :func:`recorder` and hand it an answer; a writer
thread stores it, and if the database is locked, damaged or gone it tells the teacher on the
server's terminal (stderr) and tries again later. Each answer is one row with a unique key (session,
page view, kind, item, sequence number), so trying again can never count an answer twice.

Outside class mode a lesson kernel loads only this module: the writer (``writer.py``: its
queue, thread and records) and the store (sqlite3) come in when class mode is on.

In a student's browser (the static site, Pyodide) there is no kernel on the laptop: the page asks
the server it came from whether it runs a class (``origin.py``) and, if so, records through
``browser.py``, which posts each answer to the class server.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Collection
from typing import TYPE_CHECKING, Protocol

from backedu.classroom.config import ClassConfig
from backedu.errors import ClassConfigError

if TYPE_CHECKING:
    from backedu.classroom.writer import ClassRecorder


class Recorder(Protocol):
    """What a widget calls after "Check" or a rating. Never raises, never blocks."""

    @property
    def active(self) -> bool: ...

    def record_answer(
        self, question_id: str, chosen_ids: Collection[str], *, correct: bool
    ) -> None: ...

    def record_rating(self, claim_id: str, rating: object) -> None: ...


class NoRecorder:
    """Outside class mode: records nothing, anywhere."""

    active = False

    def record_answer(
        self, question_id: str, chosen_ids: Collection[str], *, correct: bool
    ) -> None:
        return None

    def record_rating(self, claim_id: str, rating: object) -> None:
        return None


def teacher_log(message: str) -> None:
    """Write one line to the teacher's terminal, never into a student's page.

    The terminal is standard output: ``backedu class`` sends standard error (start-up logs,
    routine warnings) to its log file and keeps standard output for what the teacher should
    act on. In a kernel ``sys.stdout`` is forwarded to the page; its ``fileno()`` is the
    kernel's original standard output, which it shares with the server.
    """
    line = f"backedu class mode: {message}\n".encode(errors="replace")
    for stream in (sys.stdout, sys.__stdout__):
        try:
            if stream is not None:
                os.write(stream.fileno(), line)
                return
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            continue


_recorders: dict[tuple[str, str], ClassRecorder] = {}  # one per class session
_recorders_lock = threading.Lock()
_NO_RECORDER = NoRecorder()
_config_problems: set[str] = set()


def recorder() -> Recorder:
    """The recorder for this page view: records in class mode, does nothing otherwise.

    Voilà gives each page view its own kernel, so one recorder (one random id) per process and
    class session is one per page view. In the browser a page is a process too.
    """
    if sys.platform == "emscripten":
        return _browser_recorder()
    try:
        config = ClassConfig.from_env()
    except ClassConfigError as exc:
        if str(exc) not in _config_problems:
            _config_problems.add(str(exc))
            teacher_log(f"nothing is recorded: {exc}")
        return _NO_RECORDER
    if config is None:
        return _NO_RECORDER
    from backedu.classroom.writer import ClassRecorder  # class mode only: threads, records, store

    key = (str(config.db), config.session)
    with _recorders_lock:
        if key not in _recorders:
            _recorders[key] = ClassRecorder(config)
        return _recorders[key]


def _browser_recorder() -> Recorder:
    from backedu.classroom.origin import served_session  # light: asks the page's own server

    session = served_session()
    if session is None:
        return _NO_RECORDER
    from backedu.classroom.browser import page_recorder  # class mode only

    return page_recorder(session)
