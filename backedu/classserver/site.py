"""The static site a class is served: built for the class's region when missing or out of date,
and handed out as plain files.

``prepare_site`` is the one place that calls the static build (``backedu static``). The build
keeps a fingerprint of its inputs, so a site that is up to date is reused in about a second. When
the site cannot be built here (the static tools are not installed, npm's Pyodide is missing, the
build fails), ``SiteUnavailable`` says why in plain words and ``backedu class`` falls back to the
Voilà way.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tornado import web

from backedu.classroom.origin import CLASS_HEADER
from backedu.errors import BackeduError

# Types a browser insists on (a worker script or WebAssembly served as octet-stream is refused).
CONTENT_TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


class SiteUnavailable(BackeduError):
    """The static site cannot be built on this computer; ``str()`` says why, in plain words
    (it completes "The lessons run on this computer because ...")."""


def site_folder(region: str) -> Path:
    """Where ``backedu class`` keeps the site it built for ``region`` (the user cache)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "backedu" / f"class-site-{region}"


def prepare_site(out: Path, *, region: str, log: Path, notebooks: Path | None = None) -> Path:
    """The static site in ``out`` for ``region``, built first when missing or out of date.

    The build (``backedu static``, in a process of its own) writes its output to ``log``.
    Raises ``SiteUnavailable`` with the reason, in words that finish "The lessons run on this
    computer because ...".
    """
    command = [sys.executable, "-m", "backedu", "static", "--out", str(out), "--region", region]
    if notebooks is not None:
        command += ["--notebooks", str(notebooks)]
    with log.open("a", encoding="utf-8") as sink:
        sink.write(f"\n--- building the lessons for students' browsers: {' '.join(command)}\n")
        sink.flush()
        result = subprocess.run(
            command, stdout=sink, stderr=subprocess.PIPE, text=True, check=False
        )
        sink.write(result.stderr)
    if result.returncode != 0:
        last = [line for line in result.stderr.splitlines() if line.strip()] or ["no reason given"]
        reason = last[-1].removeprefix("backedu static: ")
        raise SiteUnavailable(f"their build for students' browsers failed: {reason}")
    if not (out / "index.html").is_file():
        raise SiteUnavailable(f"their build wrote no index.html in {out}")
    return out


class Compressed:
    """The site's text-like files (scripts, WebAssembly, pages), gzipped once and kept in memory.

    A first visit of a lesson is about 23 MB; gzip makes it about 11 MB, which is what a class on
    one Wi-Fi network waits for. Compressing while serving would cost the laptop the same work for
    every student, so it is done once, on a thread, when the server starts; until a file is ready
    it goes out as it is.
    """

    SUFFIXES = frozenset({".js", ".mjs", ".css", ".html", ".json", ".wasm", ".svg", ".txt", ".map"})
    WORTH = 0.9  # keep the gzipped copy only when it is at most 90 % of the file

    def __init__(self) -> None:
        self._copies: dict[str, tuple[tuple[float, int], bytes | None]] = {}

    def start(self, root: Path) -> threading.Thread:
        thread = threading.Thread(target=self.fill, args=(root,), name="backedu-gzip", daemon=True)
        thread.start()
        return thread

    def fill(self, root: Path) -> None:
        for path in sorted(root.rglob("*")):
            if path.suffix in self.SUFFIXES and path.is_file() and not _hidden(root, path):
                with contextlib.suppress(OSError):
                    self._add(path)

    def get(self, path: str) -> bytes | None:
        """The gzipped copy of ``path`` when it is ready, worth it and still current."""
        found = self._copies.get(path)
        if found is None:
            return None
        stamp, copy = found
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return copy if stamp == (stat.st_mtime, stat.st_size) else None

    def _add(self, path: Path) -> None:
        stat = path.stat()
        raw = path.read_bytes()
        copy = gzip.compress(raw, compresslevel=6, mtime=0)
        worth = copy if len(copy) <= self.WORTH * len(raw) else None
        self._copies[str(path)] = ((stat.st_mtime, stat.st_size), worth)


def _hidden(root: Path, path: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


class SiteHandler(web.StaticFileHandler):
    """The site's files, as any static web server would hand them out, gzipped to browsers that
    take it (``Compressed``), each marked ``Backedu-Class: on`` while the session runs. Every
    answer says ``no-cache`` (the browser checks its copy with the ETag, a cheap 304), so a
    rebuilt site is never served stale. Hidden files (the build's fingerprint and report) are
    not served."""

    def initialize(  # type: ignore[override]
        self,
        path: str,
        default_filename: str | None = None,
        compressed: Compressed | None = None,
        session_open: Callable[[], bool] | None = None,
    ) -> None:
        super().initialize(path, default_filename)
        self.compressed = compressed
        self.session_open = session_open

    async def get(self, path: str, include_body: bool = True) -> None:
        accepts = self.request.headers.get("Accept-Encoding", "")
        if self.compressed is None or "gzip" not in accepts or "Range" in self.request.headers:
            await super().get(path, include_body)
            return
        self.path = self.parse_url_path(path)
        absolute = self.validate_absolute_path(
            self.root, self.get_absolute_path(self.root, self.path)
        )
        if absolute is None:
            return  # redirected (a folder without its slash)
        copy = self.compressed.get(absolute)
        if copy is None:
            await super().get(path, include_body)
            return
        self.absolute_path = absolute
        self.modified = self.get_modified_time()
        self.set_headers()
        self.clear_header("Accept-Ranges")
        self.set_header("Etag", f'"{self._get_cached_version(absolute)}-gzip"')
        self.set_header("Content-Encoding", "gzip")
        self.set_header("Vary", "Accept-Encoding")
        if self.should_return_304():
            self.set_status(304)
            return
        self.set_header("Content-Length", len(copy))
        if include_body:
            self.write(copy)

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        relative = os.path.relpath(absolute_path, root)
        if any(part.startswith(".") for part in Path(relative).parts):
            raise web.HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    def get_content_type(self) -> str:
        assert self.absolute_path is not None
        return CONTENT_TYPES.get(Path(self.absolute_path).suffix) or super().get_content_type()

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Content-Type-Options", "nosniff")
        if self.session_open is not None and self.session_open():
            # How a lesson page learns that its own server runs a class (classroom/origin.py).
            self.set_header(CLASS_HEADER, "on")
        if self.compressed is not None:
            self.set_header("Vary", "Accept-Encoding")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: no such page in the lessons. Open the address on the board.\n")
