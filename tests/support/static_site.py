"""Build the static site once for the tests, serve it with a plain static file server, and open
it in a browser that can reach nothing but that server."""

from __future__ import annotations

import functools
import http.server
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# Its own folder, so `make static REGION=us` and the tests never overwrite each other's site.
TEST_SITE = ROOT / ".cache" / "static" / "test-site"
TEST_REGION = "uk"
PAGE_DIR = "voici/render"

# Every host name but the test server's fails to resolve: a request that slipped past the
# browser's routing (a worker's, a service worker's) still cannot leave the machine. SCHOOL_HOST
# is the test server too, under a name: a plain-HTTP origin that is not the browser's own
# machine, like a school intranet or a class laptop (no "secure context", so no service worker).
SCHOOL_HOST = "intranet.school.test"
RESOLVE_NOTHING_ELSE = (
    f"--host-resolver-rules=MAP {SCHOOL_HOST} 127.0.0.1 , MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
)


class GzipCopiesHandler(http.server.SimpleHTTPRequestHandler):
    """Python's static file handler that, like a web server with nginx's ``gzip_static``, sends a
    file's ``.gz`` copy (the build writes them) to a browser that accepts gzip."""

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        copy = path + ".gz"
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and os.path.isfile(path) and os.path.isfile(copy)):
            return super().send_head()
        handle = open(copy, "rb")  # noqa: SIM115 (the server closes it once sent)
        size = os.fstat(handle.fileno()).st_size
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(size))
        self.send_header("Last-Modified", self.date_time_string(os.stat(path).st_mtime))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return handle


class _QuietHandler(GzipCopiesHandler):
    not_found: list[str]  # paths asked for and missing (the browser's own favicon request too)
    gzip_copies = False

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        if self.gzip_copies:
            return super().send_head()
        return http.server.SimpleHTTPRequestHandler.send_head(self)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404:
            self.not_found.append(self.path)
        super().send_error(code, message, explain)


class _Server(http.server.ThreadingHTTPServer):
    # `python -m http.server` queues 5 connections; a page opens more at once, and on a busy
    # machine the rest would wait for TCP's retries (a second or more), slowing every test.
    request_queue_size = 64
    daemon_threads = True


@dataclass
class StaticServer:
    root: Path
    port: int
    folder: str = ""  # the site's sub-folder on the server ("" at the top)
    host: str = "127.0.0.1"  # the name the browser uses for it
    not_found: list[str] = field(default_factory=list)  # paths the server did not have

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def home(self) -> str:
        return f"{self.origin}/{self.folder + '/' if self.folder else ''}"

    def url(self, page: str) -> str:
        return f"{self.home}{PAGE_DIR}/{page}"


@contextmanager
def serving(
    root: Path, *, folder: str = "", host: str = "127.0.0.1", gzip_copies: bool = False
) -> Iterator[StaticServer]:
    """``python -m http.server`` in a thread: what a teacher or any web host would do. With a
    ``folder``, the site is served in that sub-folder (as on GitHub Pages, /<repository>/);
    ``host`` is the name the browser is to use (see SCHOOL_HOST); with ``gzip_copies`` the
    files' .gz copies are sent to browsers that accept them (GzipCopiesHandler)."""
    with tempfile.TemporaryDirectory(prefix="backedu-served-") as tmp:
        top = root
        if folder:
            top = Path(tmp)
            (top / folder).symlink_to(root.resolve(), target_is_directory=True)
        not_found: list[str] = []
        quiet = type(
            "Handler", (_QuietHandler,), {"not_found": not_found, "gzip_copies": gzip_copies}
        )
        server = _Server(("127.0.0.1", 0), functools.partial(quiet, directory=str(top)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield StaticServer(
                root=root,
                port=server.server_address[1],
                folder=folder,
                host=host,
                not_found=not_found,
            )
        finally:
            server.shutdown()
            server.server_close()


@dataclass
class OffOrigin:
    """Requests the page tried to make anywhere but the site's origin (all aborted)."""

    origin: str
    blocked: list[str] = field(default_factory=list)
    served: list[str] = field(default_factory=list)
    seen_elsewhere: list[str] = field(default_factory=list)  # from any source, service worker too

    def on_request(self, request: Any) -> None:
        if not self.is_local(request.url):
            self.seen_elsewhere.append(request.url)

    def is_local(self, url: str) -> bool:
        return url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))

    def route(self, route: Any) -> None:
        url = route.request.url
        if self.is_local(url):
            self.served.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()
