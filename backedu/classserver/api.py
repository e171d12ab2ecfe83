"""The class server's two small routes for lesson pages, and the guard on the teacher's pages.

``GET /backedu/class/session``   the session code, for a page whose file came marked
                                 ``Backedu-Class: on`` (see ``classroom/origin.py``).
``POST /backedu/class/answers``  one quiz answer or claim rating (``classroom/submissions.py``
                                 says which shapes); answered once it is on disk.

The answer route takes requests from the class's own pages only. Before the body is read:
``Sec-Fetch-Site`` (when the browser sends it) is ``same-origin``, ``Origin`` is this server as
the ``Host`` names it, that host is an address of this computer (a name pointed at it by someone
else's DNS is refused), the body is ``application/json`` with a ``Content-Length`` of at most 1 KB.
No CORS header is ever sent, so no other site's script can read an answer. Then the body is
checked against the course, each page view may send 30 at once and then one a second, and the
answer is stored exactly once. Every refusal is a 4xx with ``{"error": "<one line>"}``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tornado import web
from tornado.http1connection import HTTP1Connection

from backedu.classroom.config import ClassConfig
from backedu.classroom.inbox import AnswerInbox
from backedu.classroom.origin import ANSWERS_PATH, SESSION_PATH
from backedu.classroom.store import ClassStore
from backedu.classroom.submissions import (
    MAX_BODY_BYTES,
    AnswerRules,
    RateLimiter,
    parse_json_object,
)
from backedu.classserver.terminal import TeacherTerminal, is_this_computer
from backedu.errors import ClassError, SubmissionRefused

SESSION_ROUTE = SESSION_PATH
ANSWERS_ROUTE = ANSWERS_PATH
JSON_TYPE = "application/json"
SESSION_CHECK_SECONDS = 2.0  # how long "the session is open" is believed before asking again
STORE_RETRY_AFTER = 5  # seconds a page waits before resending when the results file fails


@dataclass
class ClassRoom:
    """What the routes share: the class's settings, its checks and where answers go."""

    config: ClassConfig
    rules: AnswerRules
    inbox: AnswerInbox
    terminal: TeacherTerminal
    limiter: RateLimiter = field(default_factory=RateLimiter)
    _open_until: float = 0.0
    _ended: bool = False

    def session_open(self, clock: Callable[[], float] = time.monotonic) -> bool:
        """Whether the session still runs (the teacher may end it from the dashboard)."""
        if self._ended:
            return False
        now = clock()
        if now < self._open_until:
            return True
        try:
            with ClassStore.open(self.config.db, timeout=0.5) as store:
                info = store.session(self.config.session)
        except ClassError:
            return True  # the results file has a problem; answers wait in the pages
        if info is not None and not info.open:
            self._ended = True
            return False
        self._open_until = now + SESSION_CHECK_SECONDS
        return True

    def ended(self) -> None:
        self._ended = True


class _JsonHandler(web.RequestHandler):
    refusal = ""  # the one-line reason of a 4xx, for the log file

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", f"{JSON_TYPE}; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def refuse(self, status: int, reason: str, *, retry_after: int | None = None) -> None:
        self.refusal = reason
        self.set_status(status)
        if retry_after is not None:
            self.set_header("Retry-After", str(retry_after))
        self.finish(json.dumps({"error": reason}))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code == 405:
            allowed = " or ".join(self.SUPPORTED_METHODS)
            reason = f"{self.request.method} is not accepted here, only {allowed}"
        else:
            reason = self._reason
        self.refusal = reason
        self.finish(json.dumps({"error": reason}))


class SessionHandler(_JsonHandler):
    """``{"session": "K7QM2X"}`` while the class runs; 410 once the teacher has ended it."""

    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, room: ClassRoom) -> None:
        self.room = room

    def get(self) -> None:
        if not self.room.session_open():
            self.refuse(410, "this class session has ended: nothing is recorded")
            return
        self.finish(json.dumps({"session": self.room.config.session}))

    def head(self) -> None:
        self.set_status(200 if self.room.session_open() else 410)
        self.finish()


@web.stream_request_body
class AnswerHandler(_JsonHandler):
    """One answer or rating from a page of this class; 200 once it is on disk."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, room: ClassRoom) -> None:
        self.room = room
        self._body = bytearray()
        self._too_big = False

    def prepare(self) -> None:
        # Tornado reads no more than this, whatever the headers say (chunked bodies too).
        connection = self.request.connection
        if isinstance(connection, HTTP1Connection):
            connection.set_max_body_size(MAX_BODY_BYTES)
        try:
            check_headers(self.request.headers, self.request.protocol)
        except SubmissionRefused as refused:
            self.refuse(refused.status, str(refused))

    def data_received(self, chunk: bytes) -> None:
        if len(self._body) + len(chunk) > MAX_BODY_BYTES:
            self._too_big = True
            return
        self._body.extend(chunk)

    async def post(self) -> None:
        room = self.room
        try:
            if self._too_big:
                raise SubmissionRefused(413, f"the body is over {MAX_BODY_BYTES} bytes")
            fields = parse_json_object(bytes(self._body))
            room.limiter.check(room.rules.view_of(fields))
            response = room.rules.check_fields(fields)
        except SubmissionRefused as refused:
            retry = 1 if refused.status == 429 else None
            self.refuse(refused.status, str(refused), retry_after=retry)
            return
        try:
            outcome = await asyncio.wrap_future(room.inbox.submit(response))
        except ClassError:
            self.refuse(
                503,
                "the results file cannot be written just now; the page keeps the answer and "
                "sends it again",
                retry_after=STORE_RETRY_AFTER,
            )
            return
        if outcome == "ended":
            room.ended()
            self.refuse(410, "this class session has ended: nothing more is recorded")
            return
        self.finish(json.dumps({"stored": outcome == "stored"}))


def check_headers(headers: Any, scheme: str) -> None:
    """Refuse a request that is not from this class's own pages, before its body is read."""
    fetch_site = headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        raise SubmissionRefused(
            403, f"Sec-Fetch-Site is {fetch_site!r}: answers come only from this class's pages"
        )
    host = headers.get("Host", "")
    origin = headers.get("Origin")
    if origin is None:
        raise SubmissionRefused(
            403, "the Origin header is missing: answers come only from this class's pages"
        )
    if origin != f"{scheme}://{host}":
        raise SubmissionRefused(
            403, f"Origin {origin[:60]!r} is not this class server: nothing is recorded"
        )
    if not host_is_this_computer(host):
        raise SubmissionRefused(403, f"Host {host[:60]!r} does not name this computer")
    kind = headers.get("Content-Type", "")
    media, _, params = kind.partition(";")
    charset = params.strip().lower().replace(" ", "")
    if media.strip().lower() != JSON_TYPE or charset not in ("", "charset=utf-8"):
        raise SubmissionRefused(415, f"Content-Type is {kind[:60]!r}; send {JSON_TYPE} (UTF-8)")
    length = headers.get("Content-Length")
    if length is None:
        raise SubmissionRefused(411, "the Content-Length header is missing")
    if not length.isdigit():
        raise SubmissionRefused(400, f"Content-Length {length[:20]!r} is not a number")
    if int(length) > MAX_BODY_BYTES:
        raise SubmissionRefused(
            413, f"the body is {int(length)} bytes; at most {MAX_BODY_BYTES} are accepted"
        )


def host_is_this_computer(host: str) -> bool:
    """``host`` (from the Host header) is an IP address, ``localhost`` or this computer's name.

    A page on another site can point a name of its own at this computer (DNS rebinding) and then
    post as if it were "same origin"; its Host header still carries that foreign name.
    """
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.strip("[]").lower().rstrip(".")
    if not name:
        return False
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    return name in _own_names()


@cache
def _own_names() -> frozenset[str]:
    names = {"localhost"}
    for found in (socket.gethostname(), socket.getfqdn()):
        found = found.lower().rstrip(".")
        if found:
            names |= {found, found.split(".")[0], found.split(".")[0] + ".local"}
    return frozenset(names)


class TeacherOnlyMixin(web.RequestHandler):
    """Refuses any request that does not come from this computer: the teacher's pages (the
    dashboard, a Voilà kernel) are for the teacher's own browser, and no student's device can
    make the laptop start a kernel."""

    async def prepare(self) -> None:
        if not is_this_computer(self.request.remote_ip or ""):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(
                "The teacher's pages open only on the computer that runs the class. Students: "
                "open the address on the board.\n"
            )
            return
        result = super().prepare()
        if result is not None:
            await result


def teacher_only(handler: type) -> type:
    """``handler`` for requests from this computer only."""
    return type(f"TeacherOnly{handler.__name__}", (TeacherOnlyMixin, handler), {})


def class_room(config: ClassConfig, rules: AnswerRules, terminal: TeacherTerminal) -> ClassRoom:
    inbox = AnswerInbox(Path(config.db), config.session, on_problem=terminal.results_problem)
    return ClassRoom(config=config, rules=rules, inbox=inbox, terminal=terminal)
