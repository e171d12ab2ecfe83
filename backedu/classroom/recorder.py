"""The recording hook the quiz and article-check widgets call: records in class mode, does
nothing otherwise. Never raises into a lesson, never blocks a click.

Faults never reach a lesson. The widgets call :func:`recorder` and hand it an answer; a writer
thread stores it, and if the database is locked, damaged or gone it tells the teacher on the
server's terminal (stderr) and tries again later. Each answer is one row with a unique key (session,
page view, kind, item, sequence number), so trying again can never count an answer twice.

The store (and so sqlite3) is imported only once a class-mode answer is written: outside class
mode a lesson kernel never loads it.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Collection
from typing import TYPE_CHECKING, Protocol

from backedu.classroom.config import DEFAULT_TIMEOUT, ClassConfig
from backedu.classroom.records import Response, answer, new_view_id, rating
from backedu.errors import ClassConfigError, ClassStoreError

if TYPE_CHECKING:
    from backedu.classroom.store import ClassStore


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
    """Write one line to the server's terminal (stderr), never into a student's page.

    In a kernel ``sys.stderr`` is forwarded to the page; its ``fileno()`` is the kernel's
    original stderr, which it shares with the Voilà server.
    """
    line = f"backedu class mode: {message}\n".encode(errors="replace")
    for stream in (sys.stderr, sys.__stderr__):
        try:
            if stream is not None:
                os.write(stream.fileno(), line)
                return
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            continue


class ClassRecorder:
    """Records one page view's answers into the class database, off the click path.

    ``record_*`` checks the answer, queues it and returns at once. A writer thread stores the
    queue; when the database fails it reports once on stderr, keeps the answers and tries again
    (1 s, 2 s, 4 s ... up to 30 s apart), so a lock that clears loses nothing.
    """

    active = True
    MAX_PENDING = 2000  # a page view gives ~50 answers; more means something is badly wrong
    RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)

    def __init__(
        self,
        config: ClassConfig,
        *,
        view: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retry_delays: tuple[float, ...] | None = None,
    ) -> None:
        self.config = config
        self.view = view or new_view_id()
        self._timeout = timeout
        self._delays = retry_delays or self.RETRY_DELAYS
        self._seq: Counter[tuple[str, str]] = Counter()
        self._pending: deque[Response] = deque()
        self._busy = False  # the writer holds an item it has not finished with
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._store: ClassStore | None = None
        self._closed = False
        self.stored = 0  # responses confirmed in the database (or found there already)
        self.dropped = 0  # responses given up because too many were waiting
        self.last_error: str | None = None

    def record_answer(
        self, question_id: str, chosen_ids: Collection[str], *, correct: bool
    ) -> None:
        try:
            with self._cond:
                seq = self._seq["answer", str(question_id)] + 1
                self._enqueue(answer(self.view, question_id, chosen_ids, correct=correct, seq=seq))
        except Exception as exc:  # a lesson must go on whatever happens here
            self._report(f"could not record an answer to {question_id!r}: {exc}")

    def record_rating(self, claim_id: str, rating_value: object) -> None:
        try:
            with self._cond:
                seq = self._seq["rating", str(claim_id)] + 1
                self._enqueue(rating(self.view, claim_id, rating_value, seq=seq))
        except Exception as exc:
            self._report(f"could not record a rating of {claim_id!r}: {exc}")

    def _enqueue(self, response: Response) -> None:
        # Called with self._cond held.
        if self._closed:
            return
        self._seq[response.kind, response.item] = response.seq
        if len(self._pending) >= self.MAX_PENDING:
            self._pending.popleft()
            self.dropped += 1
        self._pending.append(response)
        self._cond.notify_all()
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(
                target=self._write_loop, name="backedu-class-recorder", daemon=True
            )
            self._thread.start()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued is stored; ``False`` if that did not happen in time."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self) -> None:
        """Stop recording: drop what waits and end the writer thread (tests; kernel shutdown)."""
        with self._cond:
            self._closed = True
            self._pending.clear()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def pending(self) -> int:
        """Answers queued but not stored yet."""
        with self._cond:
            return len(self._pending)

    def _write_loop(self) -> None:
        failures = 0
        while True:
            with self._cond:
                if not self._pending or self._closed:
                    self._close_store()
                    return  # the thread ends when idle; the next answer starts a new one
                response = self._pending[0]
                self._busy = True
            try:
                self._store_one(response)
            except Exception as exc:
                self._close_store()
                delay = self._delays[min(failures, len(self._delays) - 1)]
                failures += 1
                self._report(f"could not save answers (will try again): {exc}")
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
                    self._cond.wait(delay)
                continue
            with self._cond:
                if self._pending:
                    self._pending.popleft()
                self._busy = False
                self.stored += 1
                self._cond.notify_all()
            if failures:
                failures = 0
                self.last_error = None
                teacher_log("saving answers works again")

    def _store_one(self, response: Response) -> None:
        if self._store is None:
            from backedu.classroom.store import ClassStore  # class mode only: loads sqlite3

            store = ClassStore.open(self.config.db, timeout=self._timeout)
            if store.session(self.config.session) is None:
                store.close()
                raise ClassStoreError(
                    store.path,
                    f"class session {self.config.session} is not in it (was the file replaced?)",
                    "Stop the server and start the class again with `make class`.",
                )
            self._store = store
        self._store.record(self.config.session, response)

    def _close_store(self) -> None:
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._store.close()
            self._store = None

    def _report(self, message: str) -> None:
        if message != self.last_error:  # once per problem, not once per answer
            teacher_log(message)
        self.last_error = message


_recorders: dict[tuple[str, str], ClassRecorder] = {}
_recorders_lock = threading.Lock()
_NO_RECORDER = NoRecorder()
_config_problems: set[str] = set()


def recorder() -> Recorder:
    """The recorder for this page view: records in class mode, does nothing otherwise.

    Voilà gives each page view its own kernel, so one recorder (one random id) per process and
    class session is one per page view.
    """
    try:
        config = ClassConfig.from_env()
    except ClassConfigError as exc:
        if str(exc) not in _config_problems:
            _config_problems.add(str(exc))
            teacher_log(f"nothing is recorded: {exc}")
        return _NO_RECORDER
    if config is None:
        return _NO_RECORDER
    key = (str(config.db), config.session)
    with _recorders_lock:
        if key not in _recorders:
            _recorders[key] = ClassRecorder(config)
        return _recorders[key]
