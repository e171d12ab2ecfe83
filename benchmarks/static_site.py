"""The static site's figures for `make bench`: a page's start in Chromium, cold and warm, part by
part; the bytes a first visit downloads; the site's size; and a class fetching a lesson at once.

The site is the one the tests build (reused while its inputs are unchanged), served by Python's
own static file server on loopback, as the README tells a teacher to try it. Bytes are counted by
that server, so the page's Web Worker and service worker count too.

- **Cold:** a fresh browser profile (empty cache). **Warm:** the same profile, a new tab (its disk
  cache; Playwright's incognito-like contexts have none).
- **First usable control:** from before navigation until a widget's control is visible, timed the
  way the app's page loads are (``bench.py``), so the two compare.
- **Parts:** the page's own marks (``backeduBoot.marks()``, milliseconds from navigation): the page
  and its JavaScript until Python's worker starts; Pyodide's start until Python runs; unpacking
  the packages; the kernel's imports; the cells until the first control.
- **A class:** every file a first visit of the lesson fetched, fetched by N clients at once, six
  connections each (as a browser does), until the last client has every file. The server is
  Python's threading file server in a process of its own, with a listen queue for a class and
  files sent by the kernel (sendfile), as web servers send them.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.static_site import PAGE_DIR

# Parts of a page's start, as (name, from mark, to mark); "control" is the first usable control.
PARTS = (
    ("page and its JavaScript", "navigation", "python-start"),
    ("Pyodide start", "python-start", "python-running"),
    ("packages", "python-running", "python-packages"),
    ("imports", "python-packages", "python-imports"),
    ("cells to first control", "python-imports", "control"),
)
BROWSER_CONNECTIONS = 6  # per host, HTTP/1.1


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Python's static file server, noting each file it sends (path, bytes)."""

    sent: list[tuple[str, int]]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        handle = super().send_head()
        if handle is not None and hasattr(handle, "fileno"):
            path = urllib.parse.urlsplit(self.path).path
            self.sent.append((path, os.fstat(handle.fileno()).st_size))
        return handle


@dataclass
class Server:
    origin: str
    sent: list[tuple[str, int]]

    def url(self, page: str) -> str:
        return f"{self.origin}/{PAGE_DIR}/{page}"


class ClassServer(http.server.ThreadingHTTPServer):
    """Python's threading file server with a listen queue for a class: `python -m http.server`
    queues 5 connections, so a class's browsers (6 connections each) wait for TCP's retries,
    seconds each (10 clients took 28 s here)."""

    request_queue_size = 1024
    daemon_threads = True


@contextmanager
def counted_server(site: Path) -> Iterator[Server]:
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (CountingHandler,), {"sent": sent})
    server = ClassServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_address[1]}", sent)
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageStart:
    control_s: float  # navigation to the first usable control, wall clock
    text_s: float  # navigation to the lesson's text and safety notice in the page
    parts_s: dict[str, float]
    downloaded: int  # bytes the server sent for this load
    files: list[str] = field(default_factory=list)  # paths the server sent


def open_page(context: Any, server: Server, page_name: str, control: str) -> PageStart:
    server.sent.clear()
    tab = context.new_page()
    started = time.perf_counter()
    tab.goto(server.url(page_name))
    tab.wait_for_selector(control, state="visible", timeout=180_000)
    control_s = time.perf_counter() - started
    marks = tab.evaluate("backeduBoot.marks()")
    marks["navigation"] = 0.0
    marks["control"] = control_s * 1000
    tab.wait_for_function("backeduBoot.state() === 'ready'", timeout=180_000)
    parts = {
        name: (marks[end] - marks[start]) / 1000
        for name, start, end in PARTS
        if start in marks and end in marks
    }
    sent = list(server.sent)
    tab.close()
    return PageStart(
        control_s=control_s,
        text_s=marks["text"] / 1000,
        parts_s=parts,
        downloaded=sum(size for _, size in sent),
        files=sorted({path for path, _ in sent}),
    )


def page_starts(
    playwright: Any, site: Path, pages: Sequence[str], runs: int, control: str
) -> dict[str, dict[str, list[PageStart]]]:
    """page -> {"cold": [...], "warm": [...]}: each run a fresh profile, opened twice."""
    results: dict[str, dict[str, list[PageStart]]] = {
        page: {"cold": [], "warm": []} for page in pages
    }
    with counted_server(site) as server:
        for _ in range(runs):
            for page in pages:
                with tempfile.TemporaryDirectory(prefix="backedu-bench-profile-") as profile:
                    context = playwright.chromium.launch_persistent_context(
                        profile,
                        executable_path=chromium_path(),
                        args=CHROMIUM_ARGS,
                        viewport={"width": 1200, "height": 900},
                    )
                    try:
                        for kind in ("cold", "warm"):
                            results[page][kind].append(open_page(context, server, page, control))
                    finally:
                        context.close()
    return results


def site_bytes(site: Path) -> int:
    return sum(path.stat().st_size for path in site.rglob("*") if path.is_file())


# --- a class at once --------------------------------------------------------------------------
class _Fetch(asyncio.Protocol):
    """One GET on its own connection; counts the bytes (the clients' own work kept small, so
    the figure is the server's)."""

    def __init__(self, path: str, done: asyncio.Future[int]) -> None:
        self.path, self.done, self.received = path, done, 0

    def connection_made(self, transport: Any) -> None:
        transport.write(
            f"GET {self.path} HTTP/1.1\r\nHost: class\r\nConnection: close\r\n\r\n".encode()
        )

    def data_received(self, data: bytes) -> None:
        if not self.received and b" 200 " not in data[:16]:
            self.done.set_exception(RuntimeError(f"{self.path}: {data[:40]!r}"))
        self.received += len(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            self.done.set_result(self.received)


async def _get(port: int, path: str) -> int:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[int] = loop.create_future()
    await loop.create_connection(lambda: _Fetch(path, done), "127.0.0.1", port)
    return await done


async def _client(port: int, files: Sequence[str]) -> None:
    queue = list(files)

    async def connection() -> None:
        while queue:
            await _get(port, queue.pop())

    await asyncio.gather(*(connection() for _ in range(BROWSER_CONNECTIONS)))


async def class_fetch(site: Path, files: Sequence[str], clients: int) -> float:
    """Seconds until the last of ``clients`` has fetched every one of ``files``, from the class
    server in a process of its own (run this with ``tests.support.run_async`` beside
    Playwright)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.static_site", str(site), str(port)],
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        for _ in range(100):  # until it listens
            try:
                await _get(port, files[0])
                break
            except OSError:
                await asyncio.sleep(0.1)
        started = time.perf_counter()
        await asyncio.gather(*(_client(port, files) for _ in range(clients)))
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SendfileHandler(http.server.SimpleHTTPRequestHandler):
    """Python's file handler, quiet, handing each file to the kernel to send (sendfile) as web
    servers do, instead of copying it through Python."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        self.wfile.flush()
        self.connection.sendfile(source)


if __name__ == "__main__":  # the class server: python -m benchmarks.static_site SITE PORT
    folder, port_number = sys.argv[1], int(sys.argv[2])
    ClassServer(
        ("127.0.0.1", port_number), functools.partial(SendfileHandler, directory=folder)
    ).serve_forever()
