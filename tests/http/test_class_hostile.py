"""The answer endpoint under attack, on loopback: more than 50 malformed or hostile requests (wrong
types, unknown ids and fields, oversized bodies, injection strings, wrong or missing session code,
wrong content type, another origin, a flood from one page view) each get a 4xx with a one-line
reason, store nothing and leave the server serving: afterwards it hands out a lesson file and
takes a good answer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backedu.classroom.store import ClassStore
from backedu.content import course
from backedu.content.models import QuestionType
from tests.support.class_server import ClassServer, class_notebooks, running_class
from tests.support.class_site import (
    ANSWERS,
    FIRST_LESSON,
    SESSION,
    Connection,
    Reply,
    built_test_site,
)
from tests.support.static_site import PAGE_DIR

pytestmark = pytest.mark.server

VIEW = "0123456789abcdef"
QUESTION = next(q for q in course().questions if q.type is QuestionType.SINGLE)
RIGHT = [c.id for c in QUESTION.choices if c.correct]
WRONG = [next(c.id for c in QUESTION.choices if not c.correct)]
CLAIM = course().claims[0]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClassServer]:
    tmp = tmp_path_factory.mktemp("hostile")
    notebooks = class_notebooks(tmp / "notebooks")
    with running_class(tmp, notebooks, db=tmp / "class.sqlite3", site=built_test_site()) as server:
        yield server


def good(session: str, **changes: Any) -> dict[str, Any]:
    fields = {"session": session, "view": VIEW, "seq": 1, "kind": "answer",
              "question": QUESTION.id, "chosen": RIGHT, "correct": True}  # fmt: skip
    return {**fields, **changes}


def without(fields: dict[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if key != name}


# Each case: (fields or raw body, extra or changed headers, method). ``None`` drops a header.
S = "<session>"  # replaced by the running class's code
CASES: dict[str, tuple[Any, dict[str, str | None], str]] = {
    # wrong types and values
    "view-number": (good(S, view=1234), {}, "POST"),
    "view-short": (good(S, view="0123"), {}, "POST"),
    "view-upper": (good(S, view=VIEW.upper()), {}, "POST"),
    "view-missing": (without(good(S), "view"), {}, "POST"),
    "seq-text": (good(S, seq="1"), {}, "POST"),
    "seq-zero": (good(S, seq=0), {}, "POST"),
    "seq-negative": (good(S, seq=-3), {}, "POST"),
    "seq-float": (good(S, seq=1.5), {}, "POST"),
    "seq-bool": (good(S, seq=True), {}, "POST"),
    "seq-huge": (good(S, seq=10**12), {}, "POST"),
    "kind-unknown": (good(S, kind="symptom"), {}, "POST"),
    "kind-null": (good(S, kind=None), {}, "POST"),
    "kind-missing": (without(good(S), "kind"), {}, "POST"),
    "question-number": (good(S, question=7), {}, "POST"),
    "question-unknown": (good(S, question="no-such-question"), {}, "POST"),
    "chosen-string": (good(S, chosen=RIGHT[0]), {}, "POST"),
    "chosen-numbers": (good(S, chosen=[1, 2]), {}, "POST"),
    "chosen-empty": (good(S, chosen=[]), {}, "POST"),
    "chosen-twice": (good(S, chosen=WRONG * 2, correct=False), {}, "POST"),
    "chosen-unknown": (good(S, chosen=["made-up"], correct=False), {}, "POST"),
    "chosen-two-for-single": (good(S, chosen=[c.id for c in QUESTION.choices][:2]), {}, "POST"),
    "correct-text": (good(S, correct="true"), {}, "POST"),
    "correct-lie": (good(S, chosen=WRONG, correct=True), {}, "POST"),
    "correct-missing": (without(good(S), "correct"), {}, "POST"),
    "claim-unknown": ({**without(without(without(good(S), "question"), "chosen"), "correct"),
                       "kind": "rating", "claim": "no-such-claim", "rating": "true"}, {}, "POST"),
    "rating-unknown": ({**without(without(without(good(S), "question"), "chosen"), "correct"),
                        "kind": "rating", "claim": CLAIM.id, "rating": "maybe"}, {}, "POST"),
    # unknown fields: nothing about a student can arrive
    "field-name": (good(S, name="Sam Smith"), {}, "POST"),
    "field-symptoms": (good(S, symptoms=["numb-bottom", "leg-weakness"]), {}, "POST"),
    "field-note": (good(S, note="my back hurts at night"), {}, "POST"),
    "field-plan": (good(S, planner={"pain": 7}), {}, "POST"),
    "field-proto": (good(S, __proto__={"admin": True}), {}, "POST"),
    # injection strings
    "sql-question": (good(S, question="x'; DROP TABLE responses;--"), {}, "POST"),
    "sql-session": (good("K7QM2X' OR '1'='1"), {}, "POST"),
    "script-view": (good(S, view="<script>alert(1)</script>"), {}, "POST"),
    "path-claim": ({"session": S, "view": VIEW, "seq": 1, "kind": "rating",
                    "claim": "../../etc/passwd", "rating": "true"}, {}, "POST"),
    "nul-choice": (good(S, chosen=["a\u0000b"]), {}, "POST"),
    "rtl-rating": ({"session": S, "view": VIEW, "seq": 1, "kind": "rating", "claim": CLAIM.id,
                    "rating": "tr\u202eue"}, {}, "POST"),
    "formula-question": (good(S, question="=HYPERLINK(\"http://x\")"), {}, "POST"),
    # bodies that are not one small JSON object
    "not-json": (b"question=rest&chosen=a", {}, "POST"),
    "json-list": (b"[1, 2, 3]", {}, "POST"),
    "json-nan": (b'{"seq": NaN}', {}, "POST"),
    "json-twice": (b'{"kind": "answer", "kind": "rating"}', {}, "POST"),
    "json-deep": (b"[" * 400 + b"]" * 400, {}, "POST"),
    "bad-utf8": (b'{"view": "\xff\xfe"}', {}, "POST"),
    "empty-body": (b"", {}, "POST"),
    "oversized-2k": (good(S, chosen=RIGHT, pad="x" * 2000), {}, "POST"),
    "oversized-200k": (b"{" + b" " * 200_000 + b"}", {}, "POST"),
    "chunked-no-length": (good(S), {"Transfer-Encoding": "chunked"}, "CHUNKED"),
    # the session code
    "session-other": (good("ABCDEF"), {}, "POST"),
    "session-lower": (good("<lower>"), {}, "POST"),
    "session-missing": (without(good(S), "session"), {}, "POST"),
    "session-null": (good(None), {}, "POST"),
    # content type
    "type-text": (good(S), {"Content-Type": "text/plain"}, "POST"),
    "type-form": (good(S), {"Content-Type": "application/x-www-form-urlencoded"}, "POST"),
    "type-multipart": (good(S), {"Content-Type": "multipart/form-data; boundary=x"}, "POST"),
    "type-missing": (good(S), {"Content-Type": None}, "POST"),
    "type-latin1": (good(S), {"Content-Type": "application/json; charset=latin-1"}, "POST"),
    # another origin
    "origin-other": (good(S), {"Origin": "http://evil.example"}, "POST"),
    "origin-null": (good(S), {"Origin": "null"}, "POST"),
    "origin-missing": (good(S), {"Origin": None}, "POST"),
    "origin-https": (good(S), {"Origin": "<https-self>"}, "POST"),
    "fetch-cross-site": (good(S), {"Sec-Fetch-Site": "cross-site"}, "POST"),
    "fetch-same-site": (good(S), {"Sec-Fetch-Site": "same-site"}, "POST"),
    "dns-rebinding": (good(S), {"Host": "<evil-host>", "Origin": "<evil-origin>"}, "POST"),
    # methods
    "get-answers": (b"", {}, "GET"),
    "put-answers": (good(S), {}, "PUT"),
    "delete-answers": (b"", {}, "DELETE"),
    "preflight": (b"", {"Access-Control-Request-Method": "POST",
                        "Access-Control-Request-Headers": "content-type"}, "OPTIONS"),
    "post-session": (good(S), {}, "POST-SESSION"),
}  # fmt: skip


async def send(running: ClassServer, name: str) -> Reply:
    raw, changes, method = CASES[name]
    port, session = running.server.port, running.session
    origin = f"http://127.0.0.1:{port}"
    swaps = {
        S: session,
        "<lower>": session.lower(),
        "<https-self>": f"https://127.0.0.1:{port}",
        "<evil-host>": f"evil.example:{port}",
        "<evil-origin>": f"http://evil.example:{port}",
    }
    if isinstance(raw, dict):
        # Each case its own page view, so the rate limit (tested by the flood) stays out of it.
        swaps[VIEW] = f"{list(CASES).index(name) + 1:016x}"
        fields = {
            key: swaps.get(value, value) if isinstance(value, str) else value
            for key, value in raw.items()
        }
        body = json.dumps(fields).encode()
    else:
        body = raw
    headers: dict[str, str] = {
        "Origin": origin,
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/json",
    }
    for header, value in changes.items():
        if value is None:
            headers.pop(header, None)
        else:
            headers[header] = swaps.get(value, value)
    connection = Connection("127.0.0.1", port)
    try:
        if method == "CHUNKED":
            return await chunked(connection, headers, body)
        if method == "POST-SESSION":
            return await connection.request("POST", SESSION, headers, body)
        if "Host" in headers:
            return await with_host(connection, method, headers, body)
        return await connection.request(method, ANSWERS, headers, body)
    finally:
        connection.close()


async def chunked(connection: Connection, headers: dict[str, str], body: bytes) -> Reply:
    reader, writer = await asyncio.open_connection(connection.host, connection.port)
    connection.reader, connection.writer = reader, writer
    lines = [f"POST {ANSWERS} HTTP/1.1", f"Host: 127.0.0.1:{connection.port}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    writer.write(f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n")
    await writer.drain()
    return await connection._read()


async def with_host(
    connection: Connection, method: str, headers: dict[str, str], body: bytes
) -> Reply:
    reader, writer = await asyncio.open_connection(connection.host, connection.port)
    connection.reader, connection.writer = reader, writer
    lines = [f"{method} {ANSWERS} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    lines.append(f"Content-Length: {len(body)}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    await writer.drain()
    return await connection._read()


def stored(running: ClassServer) -> int:
    with ClassStore.open(running.db) as store:
        return len(store.responses(running.session))


def assert_refused(reply: Reply) -> str:
    assert 400 <= reply.status < 500, (reply.status, reply.body[:200])
    reason = reply.json()["error"]
    assert isinstance(reason, str) and reason and "\n" not in reason, "one line"
    assert not any(h.startswith("access-control-") for h in reply.headers), "no CORS, ever"
    return reason


def test_there_are_at_least_fifty_kinds_of_attack() -> None:
    assert len(CASES) + 1 >= 50  # and the flood below


@pytest.mark.parametrize("name", list(CASES))
def test_each_hostile_request_is_refused_and_stores_nothing(running: ClassServer, name: str):
    from tests.support import run_async

    reply = run_async(send(running, name))
    reason = assert_refused(reply)
    expected = {
        "oversized": 413,
        "type-": 415,
        "origin-": 403,
        "fetch-": 403,
        "dns-": 403,
        "session-other": 403,
        "session-lower": 403,
        "chunked": 411,
        "get-": 405,
        "put-": 405,
        "delete-": 405,
        "preflight": 405,
        "post-session": 405,
    }
    for prefix, status in expected.items():
        if name.startswith(prefix):
            assert reply.status == status, reason
    assert stored(running) == 0


def test_a_flood_from_one_page_view_is_slowed_and_stores_nothing(running: ClassServer) -> None:
    from tests.support import run_async
    from tests.support.class_site import Page

    async def flood() -> list[Reply]:
        page = Page("127.0.0.1", running.server.port)
        replies = [
            await page.post(
                good(running.session, question="no-such-question", view="00000000000000ff")
            )
            for _ in range(80)
        ]
        page.connection.close()
        return replies

    replies = run_async(flood())
    for reply in replies:
        assert_refused(reply)
    limited = [reply for reply in replies if reply.status == 429]
    assert len(limited) >= 45, "30 at once, then one a second"
    assert all(reply.headers.get("retry-after") == "1" for reply in limited)
    assert "sends too fast" in limited[0].json()["error"]
    assert stored(running) == 0


def test_after_all_that_the_server_still_serves_and_records(running: ClassServer, tmp_path):
    from tests.support import run_async
    from tests.support.class_site import Page

    async def visit() -> tuple[Reply, Reply, Reply]:
        connection = Connection("127.0.0.1", running.server.port)
        lesson = await connection.request("GET", f"/{PAGE_DIR}/{FIRST_LESSON}.html")
        connection.close()
        page = Page("127.0.0.1", running.server.port)
        answer = await page.post(good(running.session, view="0000000000000abc"))
        again = await page.post(good(running.session, view="0000000000000abc"))
        page.connection.close()
        return lesson, answer, again

    lesson, answer, again = run_async(visit())
    assert lesson.status == 200 and b"backedu-safety-notice" in lesson.body
    assert answer.status == 200 and answer.json() == {"stored": True}
    assert again.status == 200 and again.json() == {"stored": False}
    assert stored(running) == 1
    assert running.server.process.poll() is None
    log = (Path(running.db).parent / "class-server.log").read_text()
    assert "403 POST /backedu/class/answers: Origin 'http://evil.example'" in log
    for secret in ("Sam Smith", "my back hurts", "numb-bottom"):
        assert secret not in log, "what a hostile body held is not written anywhere"
