"""`backedu class` the static way, on loopback: a page learns it is in class mode only from the
server it came from; 60 students load the first lesson's files and post a whole quiz in the same
second and every answer is stored exactly once; a server killed mid-lesson loses nothing it
acknowledged, and what pages still held lands once after the restart."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import os
import signal
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backedu.classroom.browser import BrowserRecorder, Reply
from backedu.classroom.records import new_view_id
from backedu.classroom.store import ClassStore
from backedu.classserver.api import SESSION_CHECK_SECONDS
from backedu.content import course
from tests.support import run_async
from tests.support.class_server import class_notebooks, running_class
from tests.support.class_site import (
    FIRST_LESSON,
    SESSION,
    Connection,
    Page,
    built_test_site,
    lesson_files,
    quiz_answers,
)
from tests.support.server import kernel_children
from tests.support.static_site import PAGE_DIR, serving

pytestmark = pytest.mark.server

STUDENTS = 60
CONNECTIONS_PER_STUDENT = 4  # a browser opens up to 6 to one server
BROWSER = {"Accept-Encoding": "gzip, deflate"}
FIRST_QUIZ = [q for q in course().questions if q.lesson == "what-is-a-spasm"]


@pytest.fixture(scope="module")
def site() -> Path:
    return built_test_site()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def kernel_script(site: Path) -> str:
    """A script of the Pyodide kernel's extension, where a page's Web Worker comes from: the
    page's Python asks its server for such a file to learn whether it runs a class."""
    found = sorted((site / "extensions").rglob("*.js"))
    return "/" + found[0].relative_to(site).as_posix()


def test_a_page_knows_class_mode_only_from_its_server(tmp_path: Path, site: Path) -> None:
    script = kernel_script(site)
    lesson = f"/{PAGE_DIR}/{FIRST_LESSON}.html"
    notebooks = class_notebooks(tmp_path / "notebooks")
    with running_class(tmp_path, notebooks, db=tmp_path / "class.sqlite3", site=site) as running:
        base = running.server.base_url
        status, body = get(base + SESSION)
        assert status == 200 and json.loads(body) == {"session": running.session}
        status, page = get(base + lesson)
        assert status == 200 and page == (site / lesson[1:]).read_bytes(), "the same site"
        assert get(base + "/")[1] == (site / "index.html").read_bytes()
        # No kernel for students: a lesson's old Voilà address leads to its static page.
        request = urllib.request.Request(base + f"/voila/render/{FIRST_LESSON}.ipynb")
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.url == base + lesson
        assert len(running.server.kernel_pids()) == 1, "only the dashboard's kernel"
        check_gzip(base, site)
        # Every file the class server sends says so: that is how a page's Python knows.
        status, headers, _ = fetch(base + script)
        assert status == 200 and headers["Backedu-Class"] == "on"
        # The teacher ends the session: pages stop being told, answers are refused.
        with ClassStore.open(running.db) as store:
            store.end_session(running.session)
        time.sleep(SESSION_CHECK_SECONDS + 0.5)
        assert "Backedu-Class" not in fetch(base + script)[1]
        assert get(base + SESSION)[0] == 410
    with serving(site) as elsewhere:  # the same site on any other web server
        status, headers, body = fetch(elsewhere.origin + script)
        assert status == 200 and "Backedu-Class" not in headers, "a plain file: no class here"
        assert body == (site / script[1:]).read_bytes()


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check_gzip(base: str, site: Path) -> None:
    """Browsers get the scripts and WebAssembly gzipped (once the server has made the copies);
    the bytes are the site's; a cached copy is answered with 304; a range is served as it is."""
    wasm = "/pyodide/pyodide.asm.wasm"
    original = (site / wasm[1:]).read_bytes()
    deadline = time.monotonic() + 60
    while True:
        status, headers, body = fetch(base + wasm, **BROWSER)
        if headers.get("Content-Encoding") == "gzip" or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert headers["Content-Type"] == "application/wasm" and "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == original and len(body) < len(original) / 2
    status, _, _ = fetch(base + wasm, **BROWSER, **{"If-None-Match": headers["Etag"]})
    assert status == 304
    status, plain, body = fetch(base + wasm)
    assert status == 200 and body == original and "Content-Encoding" not in plain
    assert plain["Etag"] != headers["Etag"]
    status, _, body = fetch(base + wasm, **BROWSER, Range="bytes=0-3")
    assert status == 206 and body == original[:4]
    status, headers, _ = fetch(base + "/pyodide/pyodide-lock.json")
    assert headers["Cache-Control"] == "no-cache", "a rebuilt site is never served stale"
    assert fetch(base + "/.fingerprint")[0] == 404


async def a_class(port: int, session: str, files: list[str]) -> dict[str, Any]:
    """60 students: each loads every file of the first lesson, then, once all have, each posts
    its whole quiz at the same moment, one answer after the other as a page does; then each
    sends the whole quiz again, as a page that never heard back would."""
    loaded = asyncio.Event()
    ready: list[int] = []
    report: dict[str, Any] = {
        "errors": [], "files": 0, "bytes": 0, "gzipped": 0, "acks": Counter(), "views": []
    }  # fmt: skip

    async def student() -> None:
        connections = [Connection("127.0.0.1", port) for _ in range(CONNECTIONS_PER_STUDENT)]

        async def fetch_some(connection: Connection, paths: list[str]) -> None:
            for path in paths:
                reply = await connection.request("GET", path, BROWSER)
                body = reply.body
                if reply.headers.get("content-encoding") == "gzip":
                    body = gzip.decompress(body)
                    report["gzipped"] += 1
                if reply.status != 200 or body != EXPECTED[path]:
                    report["errors"].append(f"{path}: {reply.status}, {len(body)} bytes")
                report["files"] += 1
                report["bytes"] += len(reply.body)

        try:
            shares = [files[n::CONNECTIONS_PER_STUDENT] for n in range(CONNECTIONS_PER_STUDENT)]
            await asyncio.gather(
                *(fetch_some(c, s) for c, s in zip(connections, shares, strict=True))
            )
            asked = (await connections[0].request("GET", SESSION)).json()
            ready.append(1)
            if len(ready) == STUDENTS:
                loaded.set()
            await loaded.wait()
            page = Page("127.0.0.1", port)
            view = new_view_id()
            report["views"].append(view)
            for _pass in ("first", "again"):
                for fields in quiz_answers(asked["session"], view, FIRST_QUIZ):
                    reply = await page.post(fields)
                    report["acks"][reply.status, reply.body.decode()] += 1
            page.connection.close()
        except Exception as exc:
            report["errors"].append(f"{type(exc).__name__}: {exc}")
            ready.append(1)
            if len(ready) == STUDENTS:
                loaded.set()
        finally:
            for connection in connections:
                connection.close()

    started = time.monotonic()
    await asyncio.gather(*(student() for _ in range(STUDENTS)))
    report["seconds"] = time.monotonic() - started
    return report


EXPECTED: dict[str, bytes] = {}


def test_sixty_students_load_the_first_lesson_and_post_a_whole_quiz(
    tmp_path: Path, site: Path
) -> None:
    files = lesson_files(site)
    EXPECTED.update({path: (site / path[1:]).read_bytes() for path in files})
    assert f"/{PAGE_DIR}/{FIRST_LESSON}.html" in files and "/pyodide/pyodide.asm.wasm" in files
    db = tmp_path / "class.sqlite3"
    notebooks = class_notebooks(tmp_path / "notebooks")
    with running_class(tmp_path, notebooks, db=db, site=site) as running:
        report = run_async(a_class(running.server.port, running.session, files))
        session = running.session
        assert running.server.process.poll() is None, "still serving"

    assert report["errors"] == []
    assert report["files"] == STUDENTS * len(files), "every file, intact, to every student"
    per_student = len(FIRST_QUIZ) * 2  # each question wrong, then right
    assert report["acks"] == {
        (200, '{"stored": true}'): STUDENTS * per_student,
        (200, '{"stored": false}'): STUDENTS * per_student,  # the resent copies: counted once
    }
    with ClassStore.open(db) as store:
        rows = store.responses(session)
    assert len(rows) == STUDENTS * per_student, "every answer recorded, none lost"
    assert set(Counter((r.view, r.kind, r.item, r.seq) for r in rows).values()) == {1}
    assert {r.view for r in rows} == set(report["views"])
    assert sum(r.correct for r in rows) == STUDENTS * len(FIRST_QUIZ)


# --- a restart mid-lesson ----------------------------------------------------------------------
class LoopbackTransport:
    """The page recorder's transport over real HTTP, to a port that may be down for a while."""

    def __init__(self, port: int, acked: list[dict[str, Any]]) -> None:
        self.page = Page("127.0.0.1", port)
        self.acked = acked

    async def post(self, body: str) -> Reply:
        fields = json.loads(body)
        try:
            reply = await asyncio.wait_for(self.page.post(fields), timeout=20)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
            self.page.connection.close()
            return Reply(0, str(exc))
        if reply.status == 200:
            self.acked.append(fields)
        retry = reply.headers.get("retry-after")
        return Reply(reply.status, reply.body.decode(), float(retry) if retry else None)


@pytest.fixture
def leftovers() -> Iterator[list[int]]:
    """Kernels of a server this test killed: ended here by their ids if they outlive it."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def test_a_restart_mid_lesson_loses_nothing_acknowledged(
    tmp_path: Path, site: Path, leftovers: list[int]
) -> None:
    """12 pages answer, the server is killed (SIGKILL) mid-lesson, the pages go on answering
    while it is down, it comes back on the same address with --resume: every answer it had
    acknowledged was on disk, and the pages' unsent answers land, each once."""
    db = tmp_path / "class.sqlite3"
    notebooks = class_notebooks(tmp_path / "notebooks")
    acked: list[dict[str, Any]] = []
    pages, answers_each = 12, 8  # half before the server dies, half while it is down
    questions = FIRST_QUIZ * 2

    async def lesson(recorders: list[BrowserRecorder], halfway: asyncio.Event) -> None:
        for n in range(answers_each):
            question = questions[n]
            right = [c.id for c in question.choices if c.correct]
            for page in recorders:
                page.record_answer(question.id, right, correct=True)
            await asyncio.sleep(0.3)
            if n == answers_each // 2 - 1:
                halfway.set()

    async def story() -> tuple[list[BrowserRecorder], str, list[dict[str, Any]]]:
        first_run = running_class(tmp_path, notebooks, db=db, site=site)
        first = await asyncio.to_thread(first_run.__enter__)
        port, session = first.server.port, first.session
        transports = [LoopbackTransport(port, acked) for _ in range(pages)]
        recorders = [
            BrowserRecorder(session, transport, retry_delays=(0.2, 0.5, 1.0))
            for transport in transports
        ]
        halfway = asyncio.Event()
        answering = asyncio.ensure_future(lesson(recorders, halfway))
        try:
            await halfway.wait()
            leftovers.extend(kernel_children(first.server.process.pid))
            first.server.process.send_signal(signal.SIGKILL)  # no goodbye, maybe mid-write
            await asyncio.to_thread(first.server.process.wait)
            acked_before_the_crash = list(acked)
        finally:
            await asyncio.to_thread(first_run.__exit__, None, None, None)
        await answering  # the pages go on while the laptop is down
        assert sum(page.pending for page in recorders) > 0, "pages hold answers meanwhile"
        second_run = running_class(tmp_path, notebooks, db=db, site=site, resume=True, port=port)
        again = await asyncio.to_thread(second_run.__enter__)
        try:
            assert again.session == session
            deadline = time.monotonic() + 90
            while any(page.pending for page in recorders) and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
        finally:
            for transport in transports:
                transport.page.connection.close()
            await asyncio.to_thread(second_run.__exit__, None, None, None)
        return recorders, session, acked_before_the_crash

    recorders, session, acked_before_the_crash = run_async(story())
    assert all(page.pending == 0 and page.refused == [] for page in recorders)
    with ClassStore.open(db) as store:
        rows = store.responses(session)
    keys = Counter((r.view, r.item, r.seq) for r in rows)
    assert set(keys.values()) == {1}, "each answer once"
    assert len(rows) == pages * answers_each, "nothing lost"
    stored = set(keys)
    assert acked_before_the_crash, "some answers were acknowledged before the crash"
    assert {(a["view"], a["question"], a["seq"]) for a in acked_before_the_crash} <= stored
    assert {(a["view"], a["question"], a["seq"]) for a in acked} == stored
