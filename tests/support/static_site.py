"""Build the static site once for the tests, serve it with a plain static file server, and open
it in a browser that can reach nothing but that server."""

from __future__ import annotations

import functools
import http.server
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
# browser's routing (a worker's, a service worker's) still cannot leave the machine.
RESOLVE_NOTHING_ELSE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class StaticServer:
    root: Path
    port: int
    folder: str = ""  # the site's sub-folder on the server ("" at the top)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def home(self) -> str:
        return f"{self.origin}/{self.folder + '/' if self.folder else ''}"

    def url(self, page: str) -> str:
        return f"{self.home}{PAGE_DIR}/{page}"


@contextmanager
def serving(root: Path, *, folder: str = "") -> Iterator[StaticServer]:
    """``python -m http.server`` in a thread: what a teacher or any web host would do. With a
    ``folder``, the site is served in that sub-folder (as on GitHub Pages, /<repository>/)."""
    with tempfile.TemporaryDirectory(prefix="backedu-served-") as tmp:
        top = root
        if folder:
            top = Path(tmp)
            (top / folder).symlink_to(root.resolve(), target_is_directory=True)
        handler = functools.partial(_QuietHandler, directory=str(top))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield StaticServer(root=root, port=server.server_address[1], folder=folder)
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
