"""In a student's browser: is this page part of a class? Ask the server it was loaded from.

A lesson page on the static site runs its Python in the browser (Pyodide), in a Web Worker whose
script the page's own server sent. It is in class mode only when that server runs a class:

1. ``HEAD`` of the worker's own script: ``backedu class`` marks every file of the site with the
   header ``Backedu-Class: on`` while a session runs. Any other web host sends the file without
   it (a 200, so a published site shows no error anywhere, from any folder), and the page
   records nothing and asks nothing more.
2. Only then ``GET /backedu/class/session``: the session code the page shows and sends.

Nothing in the page's address counts: a student cannot edit a link into someone else's class.
The question is asked once per page (a page view is one Python process); a server that does not
answer (unreachable for a moment) is asked again later, at most every ``RETRY_SECONDS``. Light on
purpose: every lesson page imports this.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
import time
from collections.abc import Callable, Mapping

from backedu.classroom.config import check_session_code
from backedu.errors import ClassConfigError

SESSION_PATH = "/backedu/class/session"
ANSWERS_PATH = "/backedu/class/answers"
CLASS_HEADER = "Backedu-Class"  # on every file the class server sends while a session runs
RETRY_SECONDS = 30.0
TIMEOUT_MS = 3000

# A synchronous request from the page's Python: (method, url) -> (status, body, headers), the
# header names in lower case; status 0 when nothing answered.
Fetch = Callable[[str, str], tuple[int, str, Mapping[str, str]]]


def in_browser() -> bool:
    """True inside Pyodide (the static site), where the page's Python runs in the browser."""
    return sys.platform == "emscripten"


class _Asked:
    session: str | None = None
    settled = False  # a definite answer: a session, or "no class here"
    asked_at: float | None = None


_asked = _Asked()


def served_session(
    fetch: Fetch | None = None,
    *,
    script: str | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> str | None:
    """The session code of the class the page's server runs, or ``None`` (no class there).

    ``script`` is the URL of a file that server sent (default: the worker's own script).
    """
    if _asked.settled:
        return _asked.session
    now = clock()
    if _asked.asked_at is not None and now - _asked.asked_at < RETRY_SECONDS:
        return None
    _asked.asked_at = now
    try:
        fetch = fetch or _xhr
        status, _, headers = fetch("HEAD", script or _worker_script())
        if _no_answer(status):
            return None
        if headers.get(CLASS_HEADER.lower(), "").strip().lower() != "on":
            return _settle(None)  # any other web server: no class here, nothing recorded
        status, body, _ = fetch("GET", SESSION_PATH)
    except Exception:  # no answer at all: ask again later
        return None
    if _no_answer(status):
        return None
    return _settle(_session_in(body) if status == 200 else None)


def forget() -> None:
    """Forget the answer (tests; a page is one process, so it never needs to)."""
    _asked.session, _asked.settled, _asked.asked_at = None, False, None


def _no_answer(status: int) -> bool:
    return status == 0 or status >= 500


def _settle(session: str | None) -> str | None:
    _asked.settled, _asked.session = True, session
    return session


def _session_in(body: str) -> str | None:
    try:
        data = json.loads(body)
        code = data.get("session") if isinstance(data, dict) else None
        return check_session_code(code) if code is not None else None
    except (ValueError, ClassConfigError):
        return None


def _worker_script() -> str:
    return str(importlib.import_module("js").location.href)


def _xhr(method: str, url: str) -> tuple[int, str, Mapping[str, str]]:
    """A synchronous request from the page's Python (a Web Worker, where that is allowed)."""
    js = importlib.import_module("js")
    request = js.XMLHttpRequest.new()
    request.open(method, url, False)
    with contextlib.suppress(Exception):  # allowed for synchronous requests in a worker only
        request.timeout = TIMEOUT_MS
    request.setRequestHeader("Cache-Control", "no-cache")
    try:
        request.send()
    except Exception:
        return 0, "", {}
    headers = {}
    for line in str(request.getAllResponseHeaders() or "").splitlines():
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(request.status), str(request.responseText or ""), headers
