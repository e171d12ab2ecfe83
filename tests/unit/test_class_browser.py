"""Class mode in a student's browser, driven outside Pyodide: the page asks its own server whether
it runs a class (a plain file from any other server means no class, nothing recorded); the
recorder posts answers in order, keeps the unsent ones and sends them again with back-off until
the laptop answers, drops what the server refuses for good, stops when the session has ended, and
never raises into a lesson."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from backedu.classroom import browser, origin
from backedu.classroom import config as class_config
from backedu.classroom import recorder as class_recorder
from backedu.classroom.browser import BrowserRecorder, Reply
from backedu.classroom.recorder import NoRecorder
from backedu.classroom.submissions import AnswerRules
from backedu.content import course
from tests.support import run_async

SESSION = "K7QM2X"
QUESTION = course().questions[0]
RIGHT = [c.id for c in QUESTION.choices if c.correct]
WRONG = [next(c.id for c in QUESTION.choices if not c.correct)]
CLAIM = course().claims[0]


class FakeServer:
    """Answers each post from a script (then 200), and keeps what it acknowledged by the store's
    key, as the class server does."""

    def __init__(self, *script: Reply | Exception) -> None:
        self.script = list(script)
        self.bodies: list[dict[str, Any]] = []
        self.kept: dict[tuple[Any, ...], dict[str, Any]] = {}

    async def post(self, body: str) -> Reply:
        fields = json.loads(body)
        self.bodies.append(fields)
        reply = self.script.pop(0) if self.script else Reply(200)
        if isinstance(reply, Exception):
            raise reply
        if reply.status == 200:
            key = (fields["view"], fields["kind"], fields.get("question", fields.get("claim")))
            self.kept.setdefault((*key, fields["seq"]), fields)
        return reply


def run(
    server: FakeServer, steps: Callable[[BrowserRecorder], None], **options: Any
) -> tuple[BrowserRecorder, list[float]]:
    """Make a recorder on a fresh event loop, call ``steps``, wait until it has nothing to send."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        await asyncio.sleep(0)

    async def main() -> BrowserRecorder:
        page = BrowserRecorder(SESSION, server, sleep=sleep, **options)
        steps(page)
        for _ in range(10_000):
            if not page.sending:
                break
            await asyncio.sleep(0)
        return page

    return run_async(main()), slept


def test_answers_go_in_order_in_the_shape_the_server_accepts() -> None:
    server = FakeServer()

    def steps(page: BrowserRecorder) -> None:
        page.record_answer(QUESTION.id, WRONG, correct=False)
        page.record_answer(QUESTION.id, RIGHT, correct=True)  # a second try
        page.record_rating(CLAIM.id, "partly")

    page, slept = run(server, steps)
    assert page.pending == 0 and page.stored == 3 and slept == []
    assert [(b["kind"], b["seq"]) for b in server.bodies] == [
        ("answer", 1),
        ("answer", 2),
        ("rating", 1),
    ]
    rules = AnswerRules(course(), SESSION)
    for sent in server.bodies:
        assert rules.check(json.dumps(sent).encode()).view == page.view
        assert sent["session"] == SESSION


def test_unsent_answers_wait_and_go_when_the_laptop_answers_again() -> None:
    down = Reply(0, "no answer from the class computer")
    server = FakeServer(down, down, Reply(503, "busy", 5.0), ConnectionError("reset"), Reply(200))
    logged: list[str] = []

    def steps(page: BrowserRecorder) -> None:
        page.record_answer(QUESTION.id, RIGHT, correct=True)
        page.record_rating(CLAIM.id, "true")

    page, slept = run(server, steps, log=logged.append)
    assert slept == [1.0, 2.0, 5.0, 8.0], "back-off, and the server's Retry-After"
    assert page.pending == 0 and page.stored == 2
    assert len(server.kept) == 2, "each answer acknowledged once"
    assert sum("wait in this page" in line for line in logged) >= 1
    assert logged[-1] == "answers reach the class computer again"


def test_a_resent_answer_after_a_lost_acknowledgement_counts_once() -> None:
    """The server stored it but its answer never arrived: the page sends it again."""
    stored: dict[tuple[Any, ...], int] = {}

    class LostReply(FakeServer):
        async def post(self, body: str) -> Reply:
            fields = json.loads(body)
            key = (fields["view"], fields["question"], fields["seq"])
            stored[key] = stored.get(key, 0) + 1
            return Reply(0) if stored[key] == 1 else Reply(200, "already stored")

    page, _ = run(LostReply(), lambda p: p.record_answer(QUESTION.id, RIGHT, correct=True))
    assert list(stored.values()) == [2], "sent twice with the same key: the store keeps one"
    assert page.pending == 0


def test_an_answer_refused_for_good_is_dropped_and_the_rest_go_on() -> None:
    server = FakeServer(Reply(422, "no question 'gone' in this course"))
    logged: list[str] = []

    def steps(page: BrowserRecorder) -> None:
        page.record_answer(QUESTION.id, RIGHT, correct=True)
        page.record_rating(CLAIM.id, "false")

    page, slept = run(server, steps, log=logged.append)
    assert page.refused == ["no question 'gone' in this course"] and page.stored == 1
    assert slept == [] and page.pending == 0
    assert "refused an answer" in logged[0]


def test_an_ended_session_stops_sending() -> None:
    server = FakeServer(Reply(410, "this class session has ended"))

    def steps(page: BrowserRecorder) -> None:
        page.record_answer(QUESTION.id, RIGHT, correct=True)
        page.record_rating(CLAIM.id, "false")

    page, _ = run(server, steps)
    assert page.ended and page.pending == 0 and len(server.bodies) == 1
    page.record_rating(CLAIM.id, "true")
    assert page.pending == 0, "nothing is queued once the session is over"


def test_bad_input_never_raises_into_the_lesson() -> None:
    logged: list[str] = []
    server = FakeServer()

    def steps(page: BrowserRecorder) -> None:
        page.record_answer(QUESTION.id, RIGHT[0], correct=True)  # a string, not a list
        page.record_rating(CLAIM.id, "maybe")
        page.record_answer("Not An Id!", ["a"], correct=True)

    page, _ = run(server, steps, log=logged.append)
    assert server.bodies == [] and page.pending == 0
    assert len(logged) == 3 and "could not record a rating" in logged[1]


def test_too_many_waiting_drops_the_oldest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BrowserRecorder, "MAX_PENDING", 3)
    never: list[Awaitable[None]] = []
    page = BrowserRecorder(SESSION, FakeServer(), start=never.append)  # the sender never runs
    for n in range(5):
        page.record_rating(CLAIM.id, "true" if n % 2 else "false")
    assert page.pending == 3 and page.dropped == 2
    for coroutine in never:
        coroutine.close()  # type: ignore[attr-defined]


# --- is this page in class mode? --------------------------------------------------------------
SCRIPT = "http://192.168.1.20:8866/extensions/@jupyterlite/pyodide-kernel-extension/static/352.js"


@pytest.fixture
def in_the_browser(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Pretend to be Pyodide; the page's own server is a fake that logs what it was asked."""
    monkeypatch.setattr(sys, "platform", "emscripten")
    for name in (class_config.ENV_DB, class_config.ENV_SESSION):
        monkeypatch.delenv(name, raising=False)
    origin.forget()
    monkeypatch.setattr(browser, "_page", None)
    monkeypatch.setattr(origin, "_worker_script", lambda: SCRIPT)
    asked: list[tuple[str, str]] = []
    yield asked
    origin.forget()


def serve(
    monkeypatch, asked: list[tuple[str, str]], marked: bool, status: int = 200, body: str = ""
) -> None:
    """The page's server: its files marked as a class server's (or not), and its session route."""

    def fetch(method: str, url: str) -> tuple[int, str, dict[str, str]]:
        asked.append((method, url))
        if method == "HEAD":
            return (
                200,
                "",
                {"content-type": "text/javascript"} | ({"backedu-class": "on"} if marked else {}),
            )
        return status, body, {}

    monkeypatch.setattr(origin, "_xhr", fetch)


def test_a_page_from_the_class_server_records_and_says_so(monkeypatch, in_the_browser) -> None:
    serve(monkeypatch, in_the_browser, True, 200, json.dumps({"session": SESSION}))
    hook = class_recorder.recorder()
    assert isinstance(hook, BrowserRecorder) and hook.session == SESSION
    assert class_recorder.recorder() is hook, "one recorder (one page view id) per page"
    note = class_config.class_mode_note()
    assert note.startswith("Class mode is on.") and f"Class code: {SESSION}." in note
    assert in_the_browser == [("HEAD", SCRIPT), ("GET", origin.SESSION_PATH)], "once per page"


def test_a_page_from_any_other_web_server_asks_nothing_more(monkeypatch, in_the_browser):
    serve(monkeypatch, in_the_browser, False)
    assert isinstance(class_recorder.recorder(), NoRecorder)
    assert class_config.class_mode_note() == ""
    assert in_the_browser == [("HEAD", SCRIPT)], "a plain 200: no error in any console"


@pytest.mark.parametrize(
    ("status", "body"),
    [(410, '{"error": "ended"}'), (404, "Not Found"), (200, "<html>"), (200, '{"session": "x"}')],
    ids=["ended", "no-route", "not-json", "bad-code"],
)
def test_a_session_that_cannot_be_had_records_nothing(monkeypatch, in_the_browser, status, body):
    serve(monkeypatch, in_the_browser, True, status, body)
    assert isinstance(class_recorder.recorder(), NoRecorder)
    assert class_config.class_mode_note() == ""
    assert len(in_the_browser) == 2, "a definite answer is not asked again"


def test_a_laptop_that_does_not_answer_is_asked_again_later(monkeypatch, in_the_browser) -> None:
    asked: list[str] = []

    def down(method: str, url: str) -> tuple[int, str, dict[str, str]]:
        asked.append(method)
        return 0, "", {}

    now = [0.0]
    assert origin.served_session(down, clock=lambda: now[0]) is None
    assert origin.served_session(down, clock=lambda: now[0]) is None
    assert asked == ["HEAD"], "not on every click"
    now[0] += origin.RETRY_SECONDS
    serve(monkeypatch, in_the_browser, True, 200, json.dumps({"session": SESSION}))
    assert origin.served_session(clock=lambda: now[0]) == SESSION


def test_no_address_or_setting_can_switch_class_mode_on(monkeypatch, in_the_browser) -> None:
    """Only the page's server counts: the environment a kernel would read is ignored here."""
    monkeypatch.setenv(class_config.ENV_DB, "/tmp/x.sqlite3")
    monkeypatch.setenv(class_config.ENV_SESSION, SESSION)
    serve(monkeypatch, in_the_browser, False)
    assert isinstance(class_recorder.recorder(), NoRecorder)
