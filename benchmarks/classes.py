"""A class opening the first lesson in the same second, both ways `backedu class` runs one, for
`make bench`. Both start the real server the way the tests do (``tests/support/class_server.py``)
and read the answers back from the class database (``backedu.classroom.store``).

- **The Voilà way** (``backedu class --voila``): each student's page gets a kernel on the laptop.
  A simulated student (``tests/support/students.py``) GETs the page, opens its kernel's websocket,
  asks for the widgets (its page is usable then) and answers the lesson's quiz with the messages
  clicks send; the kernel records each answer off the click path.
- **The static way** (``backedu class`` with the built site): a student's browser fetches every
  file a first visit of the lesson fetched (``static_site.browser_visit``: gzip copies where the
  server has them, six kept-alive connections as a browser opens, a client that does little
  else, so that the figure is the server's) and its page is usable once the last file has
  arrived, as the server sees it;
  then the page asks for the session code and posts a whole quiz, one answer after the other,
  to ``/backedu/class/answers``, which answers once the answer is on disk.

"All answers stored" is the moment the class database holds every answer of every student: for
the static way the last acknowledgement (the server acknowledges once stored), checked against
the database afterwards; for the Voilà way, the database read ten times a second while the class
runs (its kernels store answers off the click path). A student whose page has not come within a
minute gives up, and the rows say so.
"""

from __future__ import annotations

import asyncio
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient

from backedu.classroom.records import new_view_id
from backedu.classroom.store import ClassStore
from backedu.content import course
from benchmarks.static_site import browser_visit
from tests.support import run_async
from tests.support.class_server import ClassServer, class_notebooks, running_class
from tests.support.class_site import FIRST_LESSON, SESSION, Page, quiz_answers
from tests.support.students import Student

GZIP = {"Accept-Encoding": "gzip, deflate"}
STORED_PATIENCE_S = 120.0  # after this, the answers not yet stored count as lost
PAGE_PATIENCE_S = 60.0  # a student whose page has not come by then has given up


@dataclass
class ClassRun:
    """One class of ``students`` opening the first lesson at once and answering its quiz."""

    way: str
    students: int
    slowest_page_s: float  # until the slowest student had a usable page (server side)
    stored_s: float | None  # until every answer was in the database; None: some never were
    answers_sent: int
    answers_stored: int
    memory_mb: float  # the server and its kernels, PSS, with the class in
    errors: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.errors and self.stored_s is not None


def stored_count(db: Path, session: str) -> int:
    with ClassStore.open(db) as store:
        return store.revision(session)[0]


def pss_mb(pids: Sequence[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        line = next(line for line in text.splitlines() if line.startswith("Pss:"))
        total += int(line.split()[1]) / 1024
    return total


def _server_memory(running: ClassServer) -> float:
    return pss_mb([running.server.process.pid, *running.server.kernel_pids()])


class StoredCounts:
    """The class database's answer count, read ten times a second on a thread of its own while
    the class runs: when it reached the total is known even if a student is still stuck."""

    def __init__(self, db: Path, session: str, started: float) -> None:
        self.db, self.session, self.started = db, session, started
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            count = stored_count(self.db, self.session)
            self.samples.append((time.monotonic() - self.started, count))
            self._stop.wait(0.1)

    def reached(self, expected: int) -> float | None:
        """Seconds from the start until ``expected`` answers were stored; None: not within
        STORED_PATIENCE_S more. Stops the sampling."""
        deadline = time.monotonic() + STORED_PATIENCE_S
        while time.monotonic() < deadline and not any(n >= expected for _, n in self.samples):
            time.sleep(0.1)
        self._stop.set()
        self._thread.join()
        return next((t for t, n in self.samples if n >= expected), None)


# --- the Voilà way ---------------------------------------------------------------------------


async def _voila_class(running: ClassServer, students: int) -> ClassRun:
    AsyncHTTPClient.configure(None, max_clients=students)
    before = stored_count(running.db, running.session)
    class_ = [Student(running.server.base_url) for _ in range(students)]
    pages: list[float] = []
    errors: list[str] = []

    async def one(student: Student) -> None:
        try:
            page = student.open_page(f"{FIRST_LESSON}.ipynb")
            await asyncio.wait_for(page, timeout=PAGE_PATIENCE_S)
            pages.append(time.monotonic() - started)
            await student.answer_quiz()
        except TimeoutError:
            errors.append(f"no page within {PAGE_PATIENCE_S:.0f} s")
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")

    started = time.monotonic()
    counts = StoredCounts(running.db, running.session, started)
    await asyncio.gather(*(one(student) for student in class_))
    sent = sum(student.answered for student in class_)
    stored_s = await asyncio.to_thread(counts.reached, before + sent)
    memory = _server_memory(running)
    await asyncio.gather(*(student.leave() for student in class_ if student.kernel_id))
    await asyncio.to_thread(running.server.wait_for_kernels, running.server.pool_size, 120)
    return ClassRun(
        way="Voilà",
        students=students,
        slowest_page_s=max(pages) if pages else float("inf"),
        stored_s=stored_s,
        answers_sent=sent,
        answers_stored=stored_count(running.db, running.session) - before,
        memory_mb=memory,
        errors=errors,
    )


def voila_classes(tmp: Path, sizes: Sequence[int], repeats: int) -> dict[int, list[ClassRun]]:
    notebooks = class_notebooks(tmp / "voila-class-notebooks", f"{FIRST_LESSON}.ipynb")
    runs: dict[int, list[ClassRun]] = {size: [] for size in sizes}
    with running_class(tmp, notebooks, db=tmp / "voila-class.sqlite3") as running:
        for _ in range(repeats):
            for size in sizes:
                runs[size].append(run_async(_voila_class(running, size)))
    return runs


# --- the static way --------------------------------------------------------------------------


async def _static_class(running: ClassServer, students: int, files: Sequence[str]) -> ClassRun:
    port = running.server.port
    questions = [q for q in course().questions if q.lesson == FIRST_LESSON.split("-", 1)[1]]
    before = stored_count(running.db, running.session)
    pages: list[float] = []
    acked: list[float] = []
    errors: list[str] = []
    sent = 0

    async def student() -> None:
        nonlocal sent
        page = Page("127.0.0.1", port)
        try:
            await browser_visit(port, files)
            pages.append(time.monotonic() - started)
            session = (await page.connection.request("GET", SESSION)).json()["session"]
            for fields in quiz_answers(session, new_view_id(), questions):
                reply = await page.post(fields)
                sent += 1
                if reply.status != 200:
                    raise RuntimeError(f"answer refused: {reply.status} {reply.body[:80]!r}")
            acked.append(time.monotonic() - started)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            page.connection.close()

    started = time.monotonic()
    await asyncio.gather(*(student() for _ in range(students)))
    stored = stored_count(running.db, running.session) - before
    all_stored = len(acked) == students and stored == sent
    return ClassRun(
        way="static",
        students=students,
        slowest_page_s=max(pages) if len(pages) == students else float("inf"),
        stored_s=max(acked) if all_stored else None,
        answers_sent=sent,
        answers_stored=stored,
        memory_mb=_server_memory(running),
        errors=errors,
    )


def _wait_for_gzip_copies(base: str, last: str) -> None:
    """The server gzips the site once, on a thread, when it starts; a class starts later."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        request = urllib.request.Request(base + last, headers=GZIP)
        with urllib.request.urlopen(request, timeout=60) as response:
            if response.headers.get("Content-Encoding") == "gzip":
                return
        time.sleep(0.5)


def static_classes(
    tmp: Path, site: Path, files: Sequence[str], sizes: Sequence[int], repeats: int
) -> dict[int, list[ClassRun]]:
    notebooks = class_notebooks(tmp / "static-class-notebooks")
    runs: dict[int, list[ClassRun]] = {size: [] for size in sizes}
    with running_class(tmp, notebooks, db=tmp / "static-class.sqlite3", site=site) as running:
        _wait_for_gzip_copies(running.server.base_url, max(files))
        for _ in range(repeats):
            for size in sizes:
                runs[size].append(run_async(_static_class(running, size, files)))
    return runs
