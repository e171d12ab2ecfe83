"""Class mode: a class's anonymous quiz answers and claim ratings, kept in SQLite on the teacher's
machine. Pure Python (stdlib ``sqlite3``), no widgets.

What is recorded, and nothing else: which choices a page view picked for a quiz question (and
whether that was right), and how it rated a claim of the article. Each page view gets a random id;
there are no names, no accounts, no times per answer, and never anything about a student's body
(symptoms) or plans. Outside class mode nothing is recorded at all: :func:`recorder` returns a
recorder that does nothing.

Class mode is on when ``backedu class`` started the server: it sets ``BACKEDU_CLASS_DB`` (the
database file) and ``BACKEDU_CLASS_SESSION`` (the session code) for Voilà, and Voilà passes its
environment to every kernel. ``BACKEDU_TEACHER_PIN`` opens the dashboard and ``BACKEDU_CLASS_URL``
is the address students open.

Faults never reach a lesson. The widgets call :func:`recorder` and hand it an answer; a writer
thread stores it, and if the database is locked, damaged or gone it tells the teacher on the
server's terminal (stderr) and tries again later. Each answer is one row with a unique key (session,
page view, kind, item, sequence number), so trying again can never count an answer twice.
"""

from __future__ import annotations

import contextlib
import hmac
import io
import os
import re
import secrets
import sqlite3
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Protocol

from backedu.errors import ClassConfigError, ClassInputError, ClassStoreError
from backedu.logic.claims import Rating

ENV_DB = "BACKEDU_CLASS_DB"
ENV_SESSION = "BACKEDU_CLASS_SESSION"
ENV_PIN = "BACKEDU_TEACHER_PIN"
ENV_URL = "BACKEDU_CLASS_URL"

SCHEMA_VERSION = 1
# Session codes are read aloud and typed from a projector: no I/1, O/0 to mix up.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
PIN_DIGITS = 6
DEFAULT_TIMEOUT = 5.0  # seconds a write waits for a busy database (40 writers need ~0.2 s)

RECORDED = (
    "Class mode is on. Your answers to quiz questions and your ratings of the article's claims "
    "go to your teacher, without your name. Nothing else is recorded: not the symptoms you tick, "
    "not your plan, nothing about you."
)

# The same, told to the teacher (the terminal of `backedu class`, the README).
RECORDED_FOR_TEACHER = (
    "students' answers to quiz questions and their ratings of the article's claims, each with a "
    "random id per page view and never a name. The symptoms they tick and the plans they write "
    "are never recorded."
)

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_VIEW = re.compile(r"[0-9a-f]{16}")
_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
_PIN = re.compile(r"[0-9]{4,12}")
_MAX_ID = 80

Kind = Literal["answer", "rating"]

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


# --- settings -------------------------------------------------------------------------------------
def check_session_code(code: object, *, where: str = "session code") -> str:
    """``code`` upper-cased if it is a session code (6 of ``CODE_ALPHABET``), else an error."""
    if isinstance(code, str) and _CODE.fullmatch(code.strip().upper()):
        return code.strip().upper()
    raise ClassConfigError(
        f"{where}: a session code is {CODE_LENGTH} letters and digits like 'K7QM2X' "
        f"(no I, O, 0 or 1), not {code!r}"
    )


def check_pin(pin: object, *, where: str = "teacher PIN") -> str:
    if isinstance(pin, str) and _PIN.fullmatch(pin.strip()):
        return pin.strip()
    raise ClassConfigError(f"{where}: a PIN is 4 to 12 digits, like '482913', not {pin!r}")


def new_session_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))


def new_view_id() -> str:
    """A random id for one page view: the only thing that groups a student's answers."""
    return secrets.token_hex(8)


def pin_matches(expected: str, given: object) -> bool:
    """Compare PINs in constant time (a wrong guess learns nothing from the timing)."""
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(expected.encode(), given.strip().encode())


@dataclass(frozen=True)
class ClassConfig:
    """Where this class's answers go, read from the environment that ``backedu class`` sets."""

    db: Path
    session: str
    pin: str | None = None
    url: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ClassConfig | None:
        """The class-mode settings, ``None`` outside class mode, or a ``ClassConfigError``."""
        env = os.environ if environ is None else environ
        db = env.get(ENV_DB, "").strip()
        session = env.get(ENV_SESSION, "").strip()
        if not db and not session:
            return None
        if not db or not session:
            missing = ENV_DB if not db else ENV_SESSION
            raise ClassConfigError(
                f"environment variable {missing} is not set: class mode needs both {ENV_DB} and "
                f"{ENV_SESSION}; start a class with `backedu class` (or `make class`)"
            )
        path = Path(db)
        if not path.is_absolute():
            raise ClassConfigError(
                f"environment variable {ENV_DB}: give the database as an absolute path "
                f"(kernels run in the notebooks folder), not {db!r}"
            )
        pin = env.get(ENV_PIN, "").strip() or None
        return cls(
            db=path,
            session=check_session_code(session, where=f"environment variable {ENV_SESSION}"),
            pin=None if pin is None else check_pin(pin, where=f"environment variable {ENV_PIN}"),
            url=env.get(ENV_URL, "").strip() or None,
        )


# --- records --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Response:
    """One stored row: a page view's answer to a question, or its rating of a claim."""

    view: str
    kind: Kind
    item: str  # question id or claim id
    seq: int  # 1 for the page view's first answer to this item, 2 after a retry, ...
    response: tuple[str, ...]  # chosen choice ids (sorted), or the one rating
    correct: bool | None = None  # answers only; decided in the kernel by backedu.logic.quiz

    def __post_init__(self) -> None:
        if self.kind not in ("answer", "rating"):
            raise ClassInputError(f"kind is 'answer' or 'rating', not {self.kind!r}")
        _check_id(self.item, "question id" if self.kind == "answer" else "claim id")
        if not isinstance(self.view, str) or not _VIEW.fullmatch(self.view):
            raise ClassInputError(f"page view id is 16 hex digits, not {self.view!r}")
        if isinstance(self.seq, bool) or not isinstance(self.seq, int) or self.seq < 1:
            raise ClassInputError(f"sequence number is a whole number from 1, not {self.seq!r}")
        if self.kind == "answer":
            if not self.response:
                raise ClassInputError(f"answer to '{self.item}': no choice was chosen")
            for choice in self.response:
                _check_id(choice, f"choice id in the answer to '{self.item}'")
            if not isinstance(self.correct, bool):
                raise ClassInputError(
                    f"answer to '{self.item}': correct is True or False, not {self.correct!r}"
                )
        else:
            if len(self.response) != 1 or self.response[0] not in {r.value for r in Rating}:
                choices = ", ".join(repr(r.value) for r in Rating)
                raise ClassInputError(
                    f"rating of '{self.item}' is one of {choices}, not {self.response!r}"
                )
            if self.correct is not None:
                raise ClassInputError(f"rating of '{self.item}': ratings carry no 'correct'")


def answer(
    view: str, question_id: str, chosen_ids: Collection[str], *, correct: bool, seq: int = 1
) -> Response:
    """A quiz answer as a record. ``chosen_ids`` is a list of choice ids, not one string."""
    if isinstance(chosen_ids, str):
        raise ClassInputError(
            f"answer to {question_id!r}: give the chosen choice ids as a list, like "
            f"[{chosen_ids!r}], not a single string"
        )
    return Response(view, "answer", question_id, seq, tuple(sorted(set(chosen_ids))), correct)


def rating(view: str, claim_id: str, value: object, *, seq: int = 1) -> Response:
    """A claim rating as a record; ``value`` is a ``backedu.logic.claims.Rating`` or its text."""
    text = value.value if isinstance(value, Rating) else value
    if not isinstance(text, str):
        raise ClassInputError(f"rating of {claim_id!r} is text like 'true', not {value!r}")
    return Response(view, "rating", claim_id, seq, (text.strip().lower(),))


def _check_id(value: object, what: str) -> None:
    if not isinstance(value, str) or len(value) > _MAX_ID or not _ID.fullmatch(value):
        raise ClassInputError(f"{what} is a kebab-case id like 'drop-foot', not {value!r}")


@dataclass(frozen=True)
class SessionInfo:
    code: str
    started_at: str
    ended_at: str | None

    @property
    def open(self) -> bool:
        return self.ended_at is None


# --- the store ------------------------------------------------------------------------------------
class ClassStore:
    """The class database. ``create`` makes (or opens) one; ``open`` only opens an existing one.

    One connection, in autocommit mode; every write is one statement, so there is no transaction
    to deadlock. Use as a context manager, or call ``close()``.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def create(cls, path: Path | str, *, timeout: float = DEFAULT_TIMEOUT) -> ClassStore:
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
        return cls._connect(target, "rwc", timeout, create=True)

    @classmethod
    def open(cls, path: Path | str, *, timeout: float = DEFAULT_TIMEOUT) -> ClassStore:
        """Open an existing database; a missing file is an error, never a fresh empty one."""
        target = Path(path).expanduser().resolve()
        if not target.exists():
            raise ClassStoreError(
                target,
                "the file is missing (moved or deleted?)",
                "Answers cannot be saved. Stop the server and start the class again with "
                "`make class`.",
            )
        return cls._connect(target, "rw", timeout, create=False)

    @classmethod
    def _connect(cls, path: Path, mode: str, timeout: float, *, create: bool) -> ClassStore:
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
                store._prepare(timeout, create=create)
        except BaseException:
            connection.close()
            raise
        return store

    def _prepare(self, timeout: float, *, create: bool) -> None:
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
        db.execute("PRAGMA synchronous = NORMAL")

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
        correct = None if response.correct is None else int(response.correct)
        with _translated(self.path):
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO responses "
                "(session, view, kind, item, seq, response, correct) "
                "SELECT ?, ?, ?, ?, ?, ?, ? "
                "WHERE EXISTS (SELECT 1 FROM sessions WHERE code = ? AND ended_at IS NULL)",
                (
                    session,
                    response.view,
                    response.kind,
                    response.item,
                    response.seq,
                    " ".join(response.response),
                    correct,
                    session,
                ),
            )
        return cursor.rowcount == 1

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


# --- the recording hook the widgets call ----------------------------------------------------------
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


def qr_terminal(url: str) -> str:
    """A QR code of ``url`` drawn with block characters, for the teacher's terminal."""
    import segno  # only `backedu class` and the dashboard draw QR codes

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def qr_svg(url: str, *, scale: int = 5) -> str:
    """A QR code of ``url`` as inline SVG (black on white, so phones read it off a projector)."""
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=scale, dark="#000", light="#fff"))


def class_mode_note() -> str:
    """What the page says about recording, or ``""`` outside class mode."""
    try:
        config = ClassConfig.from_env()
    except ClassConfigError:
        return ""
    return "" if config is None else f"{RECORDED} Class code: {config.session}."
