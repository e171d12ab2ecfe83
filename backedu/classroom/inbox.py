"""The class server's side of storing answers: everything that arrives together is written in one
transaction, and each sender hears back only once its answer is on disk.

Sixty students answering in the same second would otherwise cost sixty separate writes to disk,
one after the other. Here one thread owns the database: it takes every answer waiting, stores
them with ``ClassStore.record_batch`` (one commit, ``durable``: on disk before it returns), and
then settles each answer's future. The class server answers the page from that future, so an
acknowledged answer is never lost, and a page whose answer failed sends it again (the store's
unique key makes the second copy count once).

When the database fails (locked, damaged, deleted), every answer of that batch fails with the
``ClassStoreError``; ``on_problem`` hears the problem once, and ``None`` when writing works again.
Nothing is retried here: the pages keep their answers and send them again.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from backedu.classroom.config import DEFAULT_TIMEOUT
from backedu.classroom.records import Response
from backedu.classroom.store import ClassStore, Stored
from backedu.errors import ClassError, ClassStoreError

MAX_BATCH = 500


class AnswerInbox:
    """Answers for one class session, stored in batches by a thread of its own."""

    def __init__(
        self,
        db: Path,
        session: str,
        *,
        on_problem: Callable[[str | None], None] = lambda _problem: None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.db = db
        self.session = session
        self._on_problem = on_problem
        self._timeout = timeout
        self._waiting: deque[tuple[Response, Future[Stored]]] = deque()
        self._cond = threading.Condition()
        self._closed = False
        self._problem: str | None = None
        self._store: ClassStore | None = None
        self.batches = 0  # transactions written (a batch that failed counts too)
        self._thread = threading.Thread(target=self._run, name="backedu-class-inbox", daemon=True)
        self._thread.start()

    def submit(self, response: Response) -> Future[Stored]:
        """Queue ``response``; the future gives "stored", "already" or "ended" once it is on
        disk, or raises the ``ClassStoreError`` that kept it off."""
        future: Future[Stored] = Future()
        with self._cond:
            if self._closed:
                future.set_exception(ClassError("the class server is stopping"))
                return future
            self._waiting.append((response, future))
            self._cond.notify()
        return future

    @property
    def problem(self) -> str | None:
        """What is wrong with the database now, or ``None`` when writing works."""
        return self._problem

    def close(self, timeout: float = 10.0) -> None:
        """Store what is waiting, then stop the thread."""
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._waiting and not self._closed:
                    self._cond.wait()
                if not self._waiting:
                    break  # closed and drained
                batch = [self._waiting.popleft() for _ in range(min(MAX_BATCH, len(self._waiting)))]
            self._write(batch)
        self._close_store()

    def _write(self, batch: list[tuple[Response, Future[Stored]]]) -> None:
        self.batches += 1
        try:
            store = self._open()
            outcomes = store.record_batch(self.session, [response for response, _ in batch])
        except Exception as exc:
            self._close_store()
            error = exc if isinstance(exc, ClassError) else ClassError(f"saving failed: {exc}")
            self._report(str(error))
            for _, future in batch:
                future.set_exception(error)
            return
        self._report(None)
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            future.set_result(outcome)

    def _open(self) -> ClassStore:
        if self._store is None:
            store = ClassStore.open(self.db, timeout=self._timeout, durable=True)
            if store.session(self.session) is None:
                store.close()
                raise ClassStoreError(
                    store.path,
                    f"class session {self.session} is not in it (was the file replaced?)",
                    "Stop the class and start it again with `make class`.",
                )
            self._store = store
        return self._store

    def _close_store(self) -> None:
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._store.close()
            self._store = None

    def _report(self, problem: str | None) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        with contextlib.suppress(Exception):
            self._on_problem(problem)
