"""The static way of running a class, for tests: the test site, the files a first visit of a lesson
fetches, a small HTTP/1.1 client that keeps its connections open (as a browser does), and posting
answers as a lesson page does."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.static_site import PAGE_DIR, ROOT, TEST_REGION, TEST_SITE

FIRST_LESSON = "01-what-is-a-spasm"
ANSWERS = "/backedu/class/answers"
SESSION = "/backedu/class/session"
CONFIG = re.compile(
    r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S
)


def built_test_site() -> Path:
    """The site tests/static builds (reused while its inputs are unchanged)."""
    from backedu.publish.build import build_site

    build_site(TEST_SITE, region=TEST_REGION, notebooks=ROOT / "notebooks", log=lambda _: None)
    return TEST_SITE


def lesson_files(site: Path, page: str = FIRST_LESSON) -> list[str]:
    """The paths a first visit of ``page`` fetches: the page, the app's scripts and settings,
    Pyodide's core files and the wheels the page preloads. (The app's scripts are all of them:
    a browser loads only the chunks it needs, so this is a little more than a real visit.)"""
    html = site / PAGE_DIR / f"{page}.html"
    config = json.loads(CONFIG.search(html.read_text(encoding="utf-8"))[1])
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    lock = json.loads((site / "pyodide" / "pyodide-lock.json").read_text())
    wheels = [
        lock["packages"][name.replace("_", "-").lower()]["file_name"]
        for name in kernel["loadPyodideOptions"]["packages"]
        if name.replace("_", "-").lower() in lock["packages"]
    ]
    core = ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
            "pyodide-lock.json"]  # fmt: skip
    app = [
        path
        for top in ("voici/build", "extensions", "api")
        for path in sorted((site / top).rglob("*"))
        if path.is_file() and path.suffix in (".js", ".json", ".css")
    ]
    files = [html, *app, *(site / name for name in ("service-worker.js", "config-utils.js"))]
    files += [site / "pyodide" / name for name in [*core, *wheels]]
    return ["/" + path.relative_to(site).as_posix() for path in files if path.is_file()]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Connection:
    """One keep-alive HTTP/1.1 connection to the server on loopback."""

    host: str
    port: int
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    opened: int = 0

    async def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> Reply:
        for attempt in range(2):  # a kept-alive connection the server closed: open a new one
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                self.opened += 1
            lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
            lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
            if body or method == "POST":
                lines.append(f"Content-Length: {len(body)}")
            try:
                assert self.reader is not None
                self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
                await self.writer.drain()
                return await self._read()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("not reached")

    async def _read(self) -> Reply:
        assert self.reader is not None
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {}
        for line in head[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        body = await self.reader.readexactly(length) if length else b""
        if headers.get("connection", "").lower() == "close":
            self.close()
        return Reply(status, headers, body)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclass
class Page:
    """What a lesson page of the class sends: its origin's headers, answers as JSON."""

    host: str
    port: int
    connection: Connection = field(init=False)

    def __post_init__(self) -> None:
        self.connection = Connection(self.host, self.port)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def post(self, fields: dict[str, Any], **headers: str) -> Reply:
        sent = {
            "Origin": self.origin,
            "Sec-Fetch-Site": "same-origin",
            "Content-Type": "application/json",
            **headers,
        }
        body = json.dumps(fields).encode()
        return await self.connection.request("POST", ANSWERS, sent, body)


def quiz_answers(session: str, view: str, questions: list[Any]) -> list[dict[str, Any]]:
    """A whole quiz from one page view: each question answered wrong first, then right."""
    made = []
    for question in questions:
        right = [c.id for c in question.choices if c.correct]
        wrong = [next(c.id for c in question.choices if not c.correct)]
        for seq, (chosen, correct) in enumerate(((wrong, False), (right, True)), start=1):
            made.append(
                {
                    "session": session,
                    "view": view,
                    "seq": seq,
                    "kind": "answer",
                    "question": question.id,
                    "chosen": chosen,
                    "correct": correct,
                }
            )
    return made
