"""The static site a class is served: built for the class's region when missing or out of date,
and handed out as plain files.

``prepare_site`` is the one place that calls the static build. The build keeps a fingerprint of
its inputs, so a site that is up to date is reused in about a second. When the site cannot be
built here (the static tools are not installed, npm's Pyodide is missing, the build fails),
``SiteUnavailable`` says why in plain words and ``backedu class`` falls back to the Voilà way.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tornado import web

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
CHECKOUT = Path(__file__).resolve().parents[2]  # the repository, when backedu runs from one


class SiteUnavailable(BackeduError):
    """The static site cannot be built on this computer; ``str()`` says why, in plain words
    (it completes "The lessons run on this computer because ...")."""


def site_folder(region: str) -> Path:
    """Where ``backedu class`` keeps the site it built for ``region`` (the user cache)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "backedu" / f"class-site-{region}"


def prepare_site(out: Path, *, region: str, log: Path) -> Path:
    """The static site in ``out`` for ``region``, built first when missing or out of date.

    The build's own output goes to ``log``. Raises ``SiteUnavailable`` with the reason.
    """
    if importlib.util.find_spec("voici_core") is None:
        raise SiteUnavailable(
            "the tools that build them for students' browsers are not installed (make class "
            "installs them, or: pip install 'backedu[static]')"
        )
    command = _build_command(out, region, log)
    with log.open("a", encoding="utf-8") as sink:
        sink.write(f"\n--- building the lessons for students' browsers: {' '.join(command)}\n")
        sink.flush()
        result = subprocess.run(
            command, cwd=CHECKOUT, stdout=sink, stderr=subprocess.PIPE, text=True, check=False
        )
        sink.write(result.stderr)
    if result.returncode != 0:
        last = [line for line in result.stderr.splitlines() if line.strip()] or ["no reason given"]
        reason = last[-1].removeprefix("make static: ").removeprefix("backedu static: ")
        raise SiteUnavailable(f"their build for students' browsers failed: {reason}")
    if not (out / "index.html").is_file():
        raise SiteUnavailable(f"the build wrote no index.html in {out}")
    return out


def _build_command(out: Path, region: str, log: Path) -> list[str]:
    """The static build (issue 13). Today it lives in the checkout's ``static/`` and is handed
    the course's wheel; once it moves into the package this is ``backedu static``."""
    if not (CHECKOUT / "static" / "build.py").is_file():
        raise SiteUnavailable(
            "this backedu has no static build (it is not run from the project folder)"
        )
    wheel = _course_wheel(out.parent / "wheel", log)
    return [
        *(sys.executable, "-m", "static.build"),
        *("--out", str(out), "--region", region, "--wheel", str(wheel)),
    ]


def _course_wheel(folder: Path, log: Path) -> Path:
    """The course's own wheel (the lessons' Python), built from the checkout."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.whl"):
        old.unlink()
    with log.open("a", encoding="utf-8") as sink:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
             "--no-build-isolation", "--wheel-dir", str(folder), str(CHECKOUT)],
            stdout=sink, stderr=subprocess.STDOUT, check=False,
        )  # fmt: skip
    wheels = sorted(folder.glob("backedu-*.whl"))
    if result.returncode != 0 or not wheels:
        raise SiteUnavailable("the course's package could not be built (see the log file)")
    return wheels[-1]


class SiteHandler(web.StaticFileHandler):
    """The site's files, as any static web server would hand them out. Every answer says
    ``no-cache`` (the browser checks its copy with the ETag, a cheap 304), so a rebuilt site is
    never served stale. Hidden files (the build's fingerprint and report) are not served."""

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

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: no such page in the lessons. Open the address on the board.\n")
