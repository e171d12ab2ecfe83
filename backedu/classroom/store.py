"""The class database: a class's anonymous quiz answers and claim ratings, kept in SQLite on the
teacher's machine (stdlib ``sqlite3``).

One file per class (``--db FILE``), one row per answer or rating (see ``records.py``), keyed by
session, page view, kind, item and sequence number, so storing the same answer twice stores it
once. Every sqlite3 error becomes a ``ClassStoreError`` a teacher can act on.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from backedu.classroom.config import DEFAULT_TIMEOUT, check_session_code, new_session_code
from backedu.classroom.records import Response
from backedu.errors import ClassConfigError, ClassInputError, ClassStoreError

SCHEMA_VERSION = 1

_SCHEMA = f"""
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES ({SCHEMA_VERSION});
CREATE TABLE sessions (
    code TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    session TEXT NOT NULL REFERENCES sessions (code),
    view TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('answer', 'rating')),
    item TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    response TEXT NOT NULL,
    correct INTEGER CHECK (correct IN (0, 1)),
    UNIQUE (session, view, kind, item, seq)
);
"""


Stored = Literal["stored", "already", "ended"]  # new row; a retry of a stored one; session over


@dataclass(frozen=True)
class SessionInfo:
    code: str
    started_at: str
    ended_at: str | None

    @property
    def open(self) -> bool:
        return self.ended_at is None


class ClassStore:
    """The class database. ``create`` makes (or opens) one; ``open`` only opens an existing one.

    One connection, in autocommit mode; every write is one statement, so there is no transaction
    to deadlock. Use as a context manager, or call ``close()``.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def create(
        cls, path: Path | str, *, timeout: float = DEFAULT_TIMEOUT, durable: bool = False
    ) -> ClassStore:
        """Open the database at ``path``, creating the file and its folder when missing."""
        target = Path(path).expanduser().resolve()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ClassStoreError(
                target,
                f"cannot create its folder ({exc.strerror or exc})",
                "Choose another place with --db FILE.",
            ) from exc
        return cls._connect(target, "rwc", timeout, create=True, durable=durable)

    @classmethod
    def open(
        cls, path: Path | str, *, timeout: float = DEFAULT_TIMEOUT, durable: bool = False
    ) -> ClassStore:
        """Open an existing database; a missing file is an error, never a fresh empty one.

        ``durable``: every commit waits until it is on disk (``synchronous = FULL``), so what
        the class server acknowledges survives even a power cut. Without it a commit survives a
        crash of the program, not of the computer, and costs less.
        """
        target = Path(path).expanduser().resolve()
        if not target.exists():
            raise ClassStoreError(
                target,
                "the file is missing (moved or deleted?)",
                "Answers cannot be saved. Stop the server and start the class again with "
                "`make class`.",
            )
        return cls._connect(target, "rw", timeout, create=False, durable=durable)

    @classmethod
    def _connect(
        cls, path: Path, mode: str, timeout: float, *, create: bool, durable: bool = False
    ) -> ClassStore:
        with _translated(path):
            connection = sqlite3.connect(
                f"{path.as_uri()}?mode={mode}",
                uri=True,
                timeout=timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        store = cls(path, connection)
        try:
            with _translated(path):
                store._prepare(timeout, create=create, durable=durable)
        except BaseException:
            connection.close()
            raise
        return store

    def _prepare(self, timeout: float, *, create: bool, durable: bool = False) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")  # "clear the session" leaves no trace in the file
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables and not create:
            raise ClassStoreError(
                self.path,
                "the file is empty, not a class database made by `backedu class`",
                "Stop the server and start the class again with `make class`.",
            )
        if not tables:
            # A new file. WAL lets the dashboard read while 40 kernels write; it is persistent.
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("BEGIN IMMEDIATE")
            try:
                if not db.execute("SELECT name FROM sqlite_master").fetchall():
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            db.execute(statement)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            tables = {"schema_version"}
        if "schema_version" not in tables:
            raise ClassStoreError(
                self.path,
                "this is not a backedu class database (it has other tables)",
                "Choose another file with --db FILE.",
            )
        version = db.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise ClassStoreError(
                self.path,
                f"it has schema version {version}, and this backedu reads version {SCHEMA_VERSION}",
                "Use the backedu that made it, or start a new class with another --db FILE.",
            )
        db.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ClassStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- sessions ---------------------------------------------------------------------------
    def start_session(self, code: str | None = None) -> str:
        """Start a new class session and return its code."""
        with _translated(self.path):
            for _ in range(20):
                candidate = check_session_code(code) if code else new_session_code()
                inserted = self._db.execute(
                    "INSERT OR IGNORE INTO sessions (code, started_at) VALUES (?, ?)",
                    (candidate, _now()),
                ).rowcount
                if inserted:
                    return candidate
                if code:
                    raise ClassConfigError(
                        f"session code {candidate} was used before in {self.path}; "
                        "leave the code out to get a new one"
                    )
        raise ClassStoreError(self.path, "no free session code found", "Use another --db FILE.")

    def session(self, code: str) -> SessionInfo | None:
        with _translated(self.path):
            row = self._db.execute(
                "SELECT code, started_at, ended_at FROM sessions WHERE code = ?", (code,)
            ).fetchone()
        return None if row is None else SessionInfo(*row)

    def latest_open_session(self) -> SessionInfo | None:
        with _translated(self.path):
            row = self._db.execute(
                "SELECT code, started_at, ended_at FROM sessions WHERE ended_at IS NULL "
                "ORDER BY started_at DESC, rowid DESC LIMIT 1"
            ).fetchone()
        return None if row is None else SessionInfo(*row)

    def end_session(self, code: str) -> int:
        """End the session and delete its answers for good; return how many were deleted."""
        with _translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                deleted = self._db.execute(
                    "DELETE FROM responses WHERE session = ?", (code,)
                ).rowcount
                self._db.execute(
                    "UPDATE sessions SET ended_at = ? WHERE code = ? AND ended_at IS NULL",
                    (_now(), code),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            # Move the deletions out of the write-ahead log into the (zeroed) main file.
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(deleted)

    # --- answers ----------------------------------------------------------------------------
    def record(self, session: str, response: Response) -> bool:
        """Store one response. ``False`` when it was already stored (a retry) or the session has
        ended; so sending the same response twice stores it once."""
        if not isinstance(response, Response):
            raise ClassInputError(f"record() takes a Response, not {response!r}")
        with _translated(self.path):
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO responses "
                "(session, view, kind, item, seq, response, correct) "
                "SELECT ?, ?, ?, ?, ?, ?, ? "
                "WHERE EXISTS (SELECT 1 FROM sessions WHERE code = ? AND ended_at IS NULL)",
                (*_row(session, response), session),
            )
        return cursor.rowcount == 1

    def record_batch(self, session: str, responses: Sequence[Response]) -> list[Stored]:
        """Store many responses in one transaction (one write to disk for all of them).

        For each, in order: ``"stored"``, ``"already"`` (the same key was stored before: a
        retry), or ``"ended"`` (the session is over or unknown, and nothing was stored).
        """
        for response in responses:
            if not isinstance(response, Response):
                raise ClassInputError(f"record_batch() takes Responses, not {response!r}")
        if not responses:
            return []
        with _translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                open_ = self._db.execute(
                    "SELECT 1 FROM sessions WHERE code = ? AND ended_at IS NULL", (session,)
                ).fetchone()
                if open_ is None:
                    self._db.execute("ROLLBACK")
                    return ["ended"] * len(responses)
                outcomes: list[Stored] = []
                for response in responses:
                    cursor = self._db.execute(
                        "INSERT OR IGNORE INTO responses "
                        "(session, view, kind, item, seq, response, correct) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        _row(session, response),
                    )
                    outcomes.append("stored" if cursor.rowcount == 1 else "already")
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        return outcomes

    def responses(self, session: str) -> list[Response]:
        """Every response of the session, in the order they were stored."""
        with _translated(self.path):
            rows = self._db.execute(
                "SELECT view, kind, item, seq, response, correct FROM responses "
                "WHERE session = ? ORDER BY id",
                (session,),
            ).fetchall()
        return [
            Response(view, kind, item, seq, tuple(text.split()), None if ok is None else bool(ok))
            for view, kind, item, seq, text, ok in rows
        ]

    def revision(self, session: str) -> tuple[int, int]:
        """A cheap fingerprint of the session's answers: it changes whenever they change."""
        with _translated(self.path):
            count, last = self._db.execute(
                "SELECT count(*), coalesce(max(id), 0) FROM responses WHERE session = ?",
                (session,),
            ).fetchone()
        return int(count), int(last)


def _row(session: str, response: Response) -> tuple[object, ...]:
    correct = None if response.correct is None else int(response.correct)
    return (
        session,
        response.view,
        response.kind,
        response.item,
        response.seq,
        " ".join(response.response),
        correct,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Turn sqlite3's terse errors into a ``ClassStoreError`` a teacher can act on."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _store_error(path, exc) from exc


def _store_error(path: Path, exc: sqlite3.Error) -> ClassStoreError:
    message = str(exc)
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        return ClassStoreError(
            path,
            f"it is locked by another program ({message})",
            "Close any other program that has it open (a database viewer, a backup tool); "
            "answers wait in the students' pages and are saved once it is free.",
        )
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return ClassStoreError(
            path,
            f"the file is damaged or is not a database ({message})",
            "Stop the server, move the file aside, and start a new class with `make class`.",
        )
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return ClassStoreError(
            path,
            f"it cannot be opened for writing ({message})",
            "Check that the file and its folder exist and can be written, or use --db FILE.",
        )
    return ClassStoreError(path, f"SQLite error: {message}", "See the server log for more.")
