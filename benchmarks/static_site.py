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
  kept-alive connections each (as a browser does), until the last client has every file. The
  server is Python's threading file server in a process of its own, with a listen queue for a
  class, keep-alive, and files sent by the kernel (sendfile), as web servers send them.
- **Bytes:** the servers send the site's gzip copies to browsers that accept them, as a web
  server set to use them does; the bytes of the same files as stored are counted too (what a
  server that sends no copies sends).
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
from tests.support.static_site import PAGE_DIR, GzipCopiesHandler

# Parts of a page's start, as (name, from mark, to mark); "control" is the first usable control.
PARTS = (
    ("page and its JavaScript", "navigation", "python-start"),
    ("Pyodide start", "python-start", "python-running"),
    ("packages", "python-running", "python-packages"),
    ("imports", "python-packages", "python-imports"),
    ("cells to first control", "python-imports", "control"),
)
BROWSER_CONNECTIONS = 6  # per host, HTTP/1.1


class CountingHandler(GzipCopiesHandler):
    """Python's static file server sending the site's gzip copies as a web server would, noting
    each file it sends: (path, bytes sent, bytes of the file as stored)."""

    sent: list[tuple[str, int, int]]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        handle = super().send_head()
        if handle is not None and hasattr(handle, "fileno"):
            path = urllib.parse.urlsplit(self.path).path
            stored = os.stat(self.translate_path(self.path)).st_size
            self.sent.append((path, os.fstat(handle.fileno()).st_size, stored))
        return handle


@dataclass
class Server:
    origin: str
    sent: list[tuple[str, int, int]]

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
    sent: list[tuple[str, int, int]] = []
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
    downloaded: int  # bytes the server sent for this load (gzip copies where there are)
    stored: int  # the same files' bytes as stored: what a server sending no copies sends
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
        downloaded=sum(size for _, size, _ in sent),
        stored=sum(size for _, _, size in sent),
        files=sorted({path for path, _, _ in sent}),
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
class _Connection(asyncio.Protocol):
    """One kept-alive connection of a browser: GETs the next file from its client's queue as
    soon as the last one has arrived, counting bytes and little else (the clients' own work kept
    small, so the figure is the server's)."""

    def __init__(self, queue: list[str], done: asyncio.Future[None]) -> None:
        self.queue, self.done = queue, done
        self.transport: Any = None
        self.buffer = b""
        self.remaining: int | None = None  # body bytes still to come; None while in headers

    def connection_made(self, transport: Any) -> None:
        self.transport = transport
        self.ask()

    def ask(self) -> None:
        if not self.queue:
            self.transport.close()
            return
        path = self.queue.pop()
        self.transport.write(
            f"GET {path} HTTP/1.1\r\nHost: class\r\nAccept-Encoding: gzip\r\n\r\n".encode()
        )

    def data_received(self, data: bytes) -> None:
        while data:
            if self.remaining is None:
                self.buffer += data
                head, found, data = self.buffer.partition(b"\r\n\r\n")
                if not found:
                    return
                self.buffer = b""
                if b" 200 " not in head[:16]:
                    self.done.set_exception(RuntimeError(head[:60].decode(errors="replace")))
                    self.transport.close()
                    return
                length = next(
                    line.split(b":", 1)[1] for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )  # fmt: skip
                self.remaining = int(length)
            taken = min(len(data), self.remaining)
            self.remaining -= taken
            data = data[taken:]
            if self.remaining == 0:
                self.remaining = None
                self.ask()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            if self.queue or self.remaining is not None:
                self.done.set_exception(exc or RuntimeError("the server closed the connection"))
            else:
                self.done.set_result(None)


async def browser_visit(port: int, files: Sequence[str]) -> None:
    """A browser's first visit: every file, over six kept-alive connections."""
    loop = asyncio.get_running_loop()
    queue = list(files)
    done: list[asyncio.Future[None]] = [loop.create_future() for _ in range(BROWSER_CONNECTIONS)]
    for future in done:
        await loop.create_connection(
            functools.partial(_Connection, queue, future), "127.0.0.1", port
        )
    await asyncio.gather(*done)


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
                await browser_visit(port, files[:1])
                break
            except OSError:
                await asyncio.sleep(0.1)
        started = time.perf_counter()
        await asyncio.gather(*(browser_visit(port, files) for _ in range(clients)))
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SendfileHandler(GzipCopiesHandler):
    """Python's file handler, quiet, sending gzip copies, keeping connections alive and handing
    each file to the kernel to send (sendfile), as web servers do."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and file go out in two writes: without this, each kept-alive response waits
        # for the client's delayed acknowledgement (40 ms), as web servers avoid too.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

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
