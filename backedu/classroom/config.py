"""Class-mode settings: read from the environment that ``backedu class`` sets, and checked.

Class mode is on when ``backedu class`` started the server: it sets ``BACKEDU_CLASS_DB`` (the
database file) and ``BACKEDU_CLASS_SESSION`` (the session code) for Voilà, and Voilà passes its
environment to every kernel. ``BACKEDU_TEACHER_PIN`` opens the dashboard and the answer key, and
``BACKEDU_CLASS_URL`` is the address students open. Light on purpose (no sqlite3, no threads):
every lesson page asks :func:`class_mode_note` whether class mode is on.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backedu.errors import ClassConfigError

ENV_DB = "BACKEDU_CLASS_DB"
ENV_SESSION = "BACKEDU_CLASS_SESSION"
ENV_PIN = "BACKEDU_TEACHER_PIN"
ENV_URL = "BACKEDU_CLASS_URL"
ENV_LOG = "BACKEDU_CLASS_LOG"  # the class server's log file (its standard error)

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

_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
_PIN = re.compile(r"[0-9]{4,12}")


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


def teacher_pin(environ: Mapping[str, str] | None = None) -> str | None:
    """The teacher PIN that ``backedu class`` (or ``backedu serve`` beyond this computer) set.

    ``None`` when no PIN is set: the app runs on the teacher's own computer. A set but malformed
    PIN raises ``ClassConfigError`` (the answer key then stays closed: it fails safe).
    """
    env = os.environ if environ is None else environ
    raw = env.get(ENV_PIN, "").strip()
    return check_pin(raw, where=f"environment variable {ENV_PIN}") if raw else None


def class_mode_note() -> str:
    """What the page says about recording, or ``""`` outside class mode.

    In the browser (the static site) the page's own server says whether it runs a class; a
    kernel on the laptop (the Voilà app) reads the environment ``backedu class`` set.
    """
    if sys.platform == "emscripten":
        from backedu.classroom.origin import served_session

        session = served_session()
    else:
        try:
            config = ClassConfig.from_env()
        except ClassConfigError:
            return ""
        session = None if config is None else config.session
    return "" if session is None else f"{RECORDED} Class code: {session}."
