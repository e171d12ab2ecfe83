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
  connections each (as a browser does), until the last client has every file.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import os
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

    request_queue_size = 128


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
async def _get(host: str, port: int, path: str) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(f"{path}: {status.decode().strip()}")
    received = 0
    while chunk := await reader.read(1 << 16):
        received += len(chunk)
    writer.close()
    return received


async def _client(host: str, port: int, files: Sequence[str]) -> float:
    queue = list(files)
    started = time.perf_counter()

    async def connection() -> None:
        while queue:
            await _get(host, port, queue.pop())

    await asyncio.gather(*(connection() for _ in range(BROWSER_CONNECTIONS)))
    return time.perf_counter() - started


async def class_fetch(site: Path, files: Sequence[str], clients: int) -> float:
    """Seconds until the last of ``clients`` has fetched every one of ``files`` (run it with
    ``tests.support.run_async`` beside Playwright)."""
    with counted_server(site) as server:
        parts = urllib.parse.urlsplit(server.origin)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        started = time.perf_counter()
        await asyncio.gather(*(_client(host, port, files) for _ in range(clients)))
        return time.perf_counter() - started
