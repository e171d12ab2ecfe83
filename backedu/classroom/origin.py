"""In a student's browser: is this page part of a class? Ask the server it was loaded from.

A lesson page on the static site runs its Python in the browser (Pyodide). It is in class mode
only when the server that sent it runs a class: ``backedu class`` answers ``GET
/backedu/class/session`` with the session code, and any other web host answers 404, so the same
site published elsewhere records nothing. Nothing in the page's address counts: a student cannot
edit a link into someone else's class.

The question is asked once per page (a page view is one Python process) and only in the browser;
a server that does not answer (unreachable for a moment) is asked again later, at most every
``RETRY_SECONDS``. Light on purpose: every lesson page imports this.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
import time
from collections.abc import Callable

from backedu.classroom.config import check_session_code
from backedu.errors import ClassConfigError

SESSION_PATH = "/backedu/class/session"
ANSWERS_PATH = "/backedu/class/answers"
RETRY_SECONDS = 30.0
TIMEOUT_MS = 3000

Getter = Callable[[str], tuple[int, str]]  # GET a path on the page's origin: (status, body)


def in_browser() -> bool:
    """True inside Pyodide (the static site), where the page's Python runs in the browser."""
    return sys.platform == "emscripten"


class _Asked:
    session: str | None = None
    settled = False  # a definite answer: a session, or "no class here"
    asked_at: float | None = None


_asked = _Asked()


def served_session(
    get: Getter | None = None, *, clock: Callable[[], float] = time.monotonic
) -> str | None:
    """The session code of the class the page's server runs, or ``None`` (no class there)."""
    if _asked.settled:
        return _asked.session
    now = clock()
    if _asked.asked_at is not None and now - _asked.asked_at < RETRY_SECONDS:
        return None
    _asked.asked_at = now
    try:
        status, body = (get or _xhr_get)(SESSION_PATH)
    except Exception:  # no answer at all: ask again later
        return None
    if status == 0 or status >= 500:
        return None
    _asked.settled = True
    _asked.session = _session_in(body) if status == 200 else None
    return _asked.session


def forget() -> None:
    """Forget the answer (tests; a page is one process, so it never needs to)."""
    _asked.session, _asked.settled, _asked.asked_at = None, False, None


def _session_in(body: str) -> str | None:
    try:
        data = json.loads(body)
        code = data.get("session") if isinstance(data, dict) else None
        return check_session_code(code) if code is not None else None
    except (ValueError, ClassConfigError):
        return None


def _xhr_get(path: str) -> tuple[int, str]:
    """A synchronous GET from the page's Python (a Web Worker, where that is allowed)."""
    js = importlib.import_module("js")
    request = js.XMLHttpRequest.new()
    request.open("GET", path, False)
    with contextlib.suppress(Exception):  # allowed for synchronous requests in a worker only
        request.timeout = TIMEOUT_MS
    request.setRequestHeader("Accept", "application/json")
    try:
        request.send()
    except Exception:
        return 0, ""
    return int(request.status), str(request.responseText)
