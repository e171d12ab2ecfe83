"""The class-mode recorder: one page view's answers, queued and written to the class database by
a thread of its own, off the click path. ``backedu.classroom.recorder.recorder()`` makes one when
class mode is on; outside class mode this module is never imported.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Collection
from typing import TYPE_CHECKING

from backedu.classroom.config import DEFAULT_TIMEOUT, ClassConfig
from backedu.classroom.recorder import teacher_log
from backedu.classroom.records import Outbox, Response, new_view_id
from backedu.errors import ClassStoreError

if TYPE_CHECKING:
    from backedu.classroom.store import ClassStore


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
        self._outbox = Outbox(self.view, self.MAX_PENDING)
        self._pending = self._outbox.waiting
        self._busy = False  # the writer holds an item it has not finished with
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._store: ClassStore | None = None
        self._closed = False
        self.stored = 0  # responses confirmed in the database (or found there already)
        self.last_error: str | None = None

    def record_answer(
        self, question_id: str, chosen_ids: Collection[str], *, correct: bool
    ) -> None:
        try:
            with self._cond:
                if not self._closed:
                    self._outbox.answer(question_id, chosen_ids, correct=correct)
                    self._wake_writer()
        except Exception as exc:  # a lesson must go on whatever happens here
            self._report(f"could not record an answer to {question_id!r}: {exc}")

    def record_rating(self, claim_id: str, rating_value: object) -> None:
        try:
            with self._cond:
                if not self._closed:
                    self._outbox.rating(claim_id, rating_value)
                    self._wake_writer()
        except Exception as exc:
            self._report(f"could not record a rating of {claim_id!r}: {exc}")

    @property
    def dropped(self) -> int:
        """Responses given up because too many were waiting."""
        return self._outbox.dropped

    def _wake_writer(self) -> None:
        # Called with self._cond held.
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
