"""The class-mode recorder in a student's browser: the twin of ``writer.ClassRecorder`` for the
static site, where the page's Python runs in Pyodide and answers go to the class server over HTTP.

``record_answer``/``record_rating`` check the answer, queue it and return at once. One sender
task posts the queue in order, one answer at a time, to ``/backedu/class/answers``. An answer
leaves the queue only when the server acknowledged it (it is then on disk) or refused it for
good (a 4xx: it could never be stored, so sending it again is pointless). When the laptop does
not answer, is busy (503) or says "slow down" (429), the answers stay here and the sender tries
again after 1, 2, 4 ... 30 s (or the server's Retry-After), so they arrive once the laptop is
back. The store's unique key (page view, item, try) makes a resent answer count once.

Never raises into a lesson and never blocks a click: the quiz and article check call it from
their handlers. Pure standard library plus, in the browser only, Pyodide's bridge to ``fetch``
(``FetchTransport``); tests drive it with a fake transport outside Pyodide.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Any, Protocol

from backedu.classroom.origin import ANSWERS_PATH
from backedu.classroom.records import Outbox, Response, new_view_id
from backedu.classroom.submissions import payload


@dataclass(frozen=True)
class Reply:
    """What the server said: its status (0 when it did not answer), reason, and Retry-After."""

    status: int
    reason: str = ""
    retry_after: float | None = None


class Transport(Protocol):
    """Sends one answer (a JSON text) to the class server."""

    def post(self, body: str) -> Awaitable[Reply]: ...


RETRY_STATUSES = frozenset({0, 408, 425, 429})  # and every 5xx
ENDED = 410  # the class session is over: nothing more will be recorded


class BrowserRecorder:
    """One page view's answers, sent to the class server in order; unsent ones wait here."""

    active = True
    MAX_PENDING = 2000  # a page view gives ~50 answers; more means something is badly wrong
    RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)

    def __init__(
        self,
        session: str,
        transport: Transport,
        *,
        view: str | None = None,
        retry_delays: tuple[float, ...] | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        start: Callable[[Awaitable[None]], Any] | None = None,
        log: Callable[[str], None] = lambda _line: None,
    ) -> None:
        self.session = session
        self.view = view or new_view_id()
        self._transport = transport
        self._delays = retry_delays or self.RETRY_DELAYS
        self._sleep = sleep
        self._start = start or asyncio.ensure_future
        self._log = log
        self._outbox = Outbox(self.view, self.MAX_PENDING)
        self._pending = self._outbox.waiting
        self._sender: Any = None
        self._sending = False
        self.stored = 0  # acknowledged by the server (stored, or found stored already)
        self.refused: list[str] = []  # the server's reasons for answers it will never take
        self.ended = False  # the teacher ended the session: nothing more is sent
        self.last_problem: str | None = None

    # --- what the widgets call ----------------------------------------------------------------
    def record_answer(
        self, question_id: str, chosen_ids: Collection[str], *, correct: bool
    ) -> None:
        try:
            if not self.ended:
                self._outbox.answer(question_id, chosen_ids, correct=correct)
                self._send_soon()
        except Exception as exc:  # a lesson must go on whatever happens here
            self._note(f"could not record an answer to {question_id!r}: {exc}")

    def record_rating(self, claim_id: str, rating_value: object) -> None:
        try:
            if not self.ended:
                self._outbox.rating(claim_id, rating_value)
                self._send_soon()
        except Exception as exc:
            self._note(f"could not record a rating of {claim_id!r}: {exc}")

    @property
    def pending(self) -> int:
        """Answers not acknowledged yet."""
        return len(self._pending)

    @property
    def dropped(self) -> int:
        """Answers given up because too many were waiting."""
        return self._outbox.dropped

    @property
    def sending(self) -> bool:
        return self._sending

    # --- sending ------------------------------------------------------------------------------
    def _send_soon(self) -> None:
        if not self._sending:
            self._sending = True
            self._sender = self._start(self._send_all())

    async def _send_all(self) -> None:
        failures = 0
        try:
            while self._pending and not self.ended:
                response = self._pending[0]
                body = json.dumps(payload(self.session, response), separators=(",", ":"))
                try:
                    reply = await self._transport.post(body)
                except Exception as exc:
                    reply = Reply(0, f"no answer from the class computer ({exc})")
                if 200 <= reply.status < 300:
                    self._done(response)
                    self.stored += 1
                    failures = 0
                    if self.last_problem is not None:
                        self.last_problem = None
                        self._log("answers reach the class computer again")
                elif reply.status == ENDED:
                    self.ended = True
                    self._pending.clear()
                    self._note(
                        f"the class session has ended; nothing more is sent ({reply.reason})"
                    )
                elif reply.status in RETRY_STATUSES or reply.status >= 500:
                    delay = self._delays[min(failures, len(self._delays) - 1)]
                    if reply.retry_after is not None:
                        delay = max(delay, min(reply.retry_after, 60.0))
                    failures += 1
                    self._note(f"answers wait in this page and are sent again: {reply.reason}")
                    await self._sleep(delay)
                else:  # refused for good: sending it again would be refused again
                    self._done(response)
                    self.refused.append(reply.reason)
                    self._log(f"the class computer refused an answer: {reply.reason}")
        except Exception as exc:  # never into the lesson; the next answer starts a new sender
            self._note(f"sending answers stopped: {exc}")
        finally:
            self._sending = False

    def _done(self, response: Response) -> None:
        if self._pending and self._pending[0] is response:
            self._pending.popleft()

    def _note(self, problem: str) -> None:
        if problem != self.last_problem:  # once per problem, not once per try
            self._log(problem)
        self.last_problem = problem


class FetchTransport:
    """Posts with the browser's ``fetch`` to the page's own origin (Pyodide only)."""

    def __init__(self, path: str = ANSWERS_PATH, *, timeout_ms: int = 10_000) -> None:
        self.path = path
        self.timeout_ms = timeout_ms

    async def post(self, body: str) -> Reply:
        js = importlib.import_module("js")
        to_js = importlib.import_module("pyodide.ffi").to_js
        options: dict[str, Any] = {
            "method": "POST",
            "headers": {"Content-Type": "application/json"},
            "body": body,
            "credentials": "same-origin",
            "cache": "no-store",
            "redirect": "error",
        }
        if hasattr(js, "AbortSignal") and hasattr(js.AbortSignal, "timeout"):
            options["signal"] = js.AbortSignal.timeout(self.timeout_ms)
        try:
            response = await js.fetch(
                self.path, to_js(options, dict_converter=js.Object.fromEntries)
            )
            text = str(await response.text())
        except Exception:
            return Reply(0, "no answer from the class computer")
        retry = response.headers.get("Retry-After")
        return Reply(int(response.status), _reason(text), _seconds(retry))


def _reason(text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return text[:200]
    found = data.get("error") if isinstance(data, dict) else None
    return str(found) if found else ""


def _seconds(value: object) -> float | None:
    try:
        return float(str(value)) if value is not None else None
    except ValueError:
        return None


def _console(line: str) -> None:
    """The browser console (never the page: a lesson's output shows stderr)."""
    with contextlib.suppress(Exception):
        importlib.import_module("js").console.info(f"backedu class mode: {line}")


_page: BrowserRecorder | None = None


def page_recorder(session: str) -> BrowserRecorder:
    """This page's recorder (one page view is one Python process in the browser)."""
    global _page
    if _page is None or _page.session != session:
        _page = BrowserRecorder(session, FetchTransport(), log=_console)
    return _page
