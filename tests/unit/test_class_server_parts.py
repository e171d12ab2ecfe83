"""The class server's parts without a running server: `backedu class` picks the static way when the
site can be built and says why when it cannot; the terminal says only what a teacher acts on; the
header checks of the answer route; the guard that keeps the teacher's pages on this computer."""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path
from typing import Any

import pytest
from tornado import httputil, web

from backedu import cli
from backedu.classroom import config as class_config
from backedu.classserver import site as class_site
from backedu.classserver.api import check_headers, host_is_this_computer, teacher_only
from backedu.classserver.terminal import TeacherTerminal, is_this_computer, request_logger
from backedu.errors import SubmissionRefused
from tests.support import run_async

ROOT = Path(__file__).resolve().parents[2]


# --- backedu class: which way, and why -------------------------------------------------------
@pytest.fixture
def project(class_project: Path) -> Path:
    return class_project


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], dict[str, str]]]:
    calls: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(cli.os, "execve", lambda path, argv, env: calls.append((argv, env)))
    return calls


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[Path, str]]:
    """The static build, faked: it writes an index page and remembers what it was asked."""
    asked: list[tuple[Path, str]] = []

    def prepare(out: Path, *, region: str, log: Path, notebooks: Path | None = None) -> Path:
        asked.append((out, region))
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("<!DOCTYPE html>")
        return out

    monkeypatch.setattr(class_site, "prepare_site", prepare)
    monkeypatch.setattr(class_site, "site_folder", lambda region: tmp_path / f"site-{region}")
    return asked


def test_class_serves_the_static_site_built_for_its_region(
    project: Path, launched, built, capsys
) -> None:
    assert cli.main(["class", "--pin", "482913", "--region", "us"]) == 0
    out, _ = capsys.readouterr()
    argv, env = launched[-1]
    site = built[-1][0]
    assert built == [(site, "us")]
    assert argv[1:3] == ["-m", "backedu.classserver"]
    assert f"--ClassServer.site={site}" in argv and "--Voila.port_retries=0" in argv
    assert env["BACKEDU_REGION"] == "us"
    db = project / "class-results" / "class.sqlite3"
    assert env[class_config.ENV_LOG] == str(db.resolve().parent / cli.CLASS_LOG)
    assert "The lessons run in each student's browser" in out
    assert "http://127.0.0.1:8866/teacher   (on this computer only)" in out
    assert f"Log file:      {db.resolve().parent / cli.CLASS_LOG}" in out
    assert "Students open http://192.168.1.20:8866/" in out


def test_class_says_why_it_runs_the_voila_way(project: Path, launched, monkeypatch, capsys):
    def cannot(out: Path, *, region: str, log: Path, notebooks: Path | None = None) -> Path:
        raise class_site.SiteUnavailable("npm's pyodide package is missing: run npm ci")

    monkeypatch.setattr(class_site, "prepare_site", cannot)
    assert cli.main(["class"]) == 0
    out, _ = capsys.readouterr()
    argv, _env = launched[-1]
    assert not any(arg.startswith("--ClassServer.site") for arg in argv)
    assert (
        "The lessons run on this computer (one Python kernel per student page) because npm's "
        "pyodide package is missing: run npm ci. Each student page costs" in out
    )
    assert "/voila/render/teacher-dashboard.ipynb" in out


def test_class_the_old_way_on_request_builds_nothing(project: Path, launched, built, capsys):
    assert cli.main(["class", "--voila"]) == 0
    assert built == []
    assert "because you asked for it (--voila)." in capsys.readouterr().out


def test_class_serves_a_given_site_as_it_is(project: Path, launched, built, tmp_path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("<!DOCTYPE html>")
    assert cli.main(["class", "--site", str(mine)]) == 0
    assert built == [] and f"--ClassServer.site={mine}" in launched[-1][0]


def test_class_refuses_a_site_folder_without_a_site(project: Path, launched, tmp_path, capsys):
    assert cli.main(["class", "--site", str(tmp_path / "nothing")]) == 2
    assert "no index.html there; build one with make static" in capsys.readouterr().err
    assert launched == []


def test_class_refuses_an_unknown_region(project: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["class", "--region", "mars"])
    assert "region is one of uk, us, eu, not 'mars'" in capsys.readouterr().err


# --- building the site ------------------------------------------------------------------------
def fake_build(monkeypatch, script: str) -> list[list[str]]:
    """``backedu static`` replaced by ``script`` (given the --out folder as its argument)."""
    real_run = class_site.subprocess.run
    commands: list[list[str]] = []

    def run(command: list[str], **options: Any) -> Any:
        commands.append(command)
        out = command[command.index("--out") + 1]
        return real_run([sys.executable, "-c", script, out], **options)

    monkeypatch.setattr(class_site.subprocess, "run", run)
    return commands


def test_a_failing_build_gives_its_last_line(monkeypatch, tmp_path: Path) -> None:
    fake_build(
        monkeypatch,
        "import sys; print('wheels...'); sys.exit(\"backedu static: npm's pyodide package is "
        'missing: run `npm ci`")',
    )
    log = tmp_path / "class-server.log"
    with pytest.raises(class_site.SiteUnavailable) as failed:
        class_site.prepare_site(tmp_path / "site", region="uk", log=log)
    assert str(failed.value) == (
        "their build for students' browsers failed: npm's pyodide package is missing: run `npm ci`"
    )
    assert "wheels..." in log.read_text(), "the build's own output goes to the log file"


def test_a_build_that_works_gives_the_site(monkeypatch, tmp_path: Path) -> None:
    commands = fake_build(
        monkeypatch,
        "import sys, pathlib; p = pathlib.Path(sys.argv[1]); p.mkdir(parents=True); "
        "(p / 'index.html').write_text('ok')",
    )
    out = tmp_path / "site"
    lessons = tmp_path / "lessons"
    assert class_site.prepare_site(out, region="eu", log=tmp_path / "log", notebooks=lessons) == out
    assert commands == [
        [sys.executable, "-m", "backedu", "static", "--out", str(out), "--region", "eu",
         "--notebooks", str(lessons)]
    ], "the same build as make static"  # fmt: skip


def test_the_site_lives_in_the_user_cache(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert class_site.site_folder("eu") == tmp_path / "backedu" / "class-site-eu"


# --- the teacher's terminal ---------------------------------------------------------------------
def test_the_terminal_counts_devices_and_says_so_at_most_every_few_seconds() -> None:
    out, now = io.StringIO(), [0.0]
    terminal = TeacherTerminal(out, every=5.0, clock=lambda: now[0])
    terminal.page_opened("192.168.1.31")
    terminal.page_opened("192.168.1.31")  # the same device, another lesson
    terminal.page_opened("192.168.1.32")
    now[0] = 6.0
    terminal.tick()
    terminal.tick()
    assert out.getvalue().splitlines() == [
        "Students joined so far: 1 (one per device)",
        "Students joined so far: 2",
    ]


def test_the_terminal_says_a_results_problem_once_and_when_it_is_gone() -> None:
    out = io.StringIO()
    terminal = TeacherTerminal(out)
    for _ in range(3):
        terminal.results_problem("class database /x: it is locked by another program.")
    terminal.results_problem(None)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Problem with the results file: class database /x: it is locked")
    assert "their pages keep their answers" in lines[0]
    assert lines[1] == "The results file works again: answers are being saved."


class FakeRequest:
    def __init__(self, method: str, path: str, ip: str) -> None:
        self.method, self.path, self.remote_ip = method, path, ip


class FakeHandler:
    def __init__(self, status: int, request: FakeRequest, refusal: str = "") -> None:
        self.status, self.request, self.refusal = status, request, refusal

    def get_status(self) -> int:
        return self.status


class FakeLog:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def warning(self, line: str) -> None:
        self.lines.append(line)

    error = warning


def test_the_request_log_counts_lesson_pages_and_logs_only_refusals() -> None:
    out, log = io.StringIO(), FakeLog()
    logger = request_logger(TeacherTerminal(out, every=0), log)
    for path in ("/voici/render/01-what-is-a-spasm.html", "/voila/render/02-symptoms.ipynb"):
        logger(FakeHandler(200, FakeRequest("GET", path, "192.168.1.31")))
    logger(FakeHandler(304, FakeRequest("GET", "/voici/render/03-causes.html", "192.168.1.32")))
    logger(FakeHandler(200, FakeRequest("GET", "/pyodide/pyodide.js", "192.168.1.33")))
    logger(FakeHandler(200, FakeRequest("GET", "/voila/render/teacher-dashboard.ipynb", "::1")))
    refused = FakeRequest("POST", "/backedu/class/answers", "192.168.1.34")
    logger(FakeHandler(403, refused, "Origin 'http://evil' is not this class server"))
    assert out.getvalue().splitlines()[-1] == "Students joined so far: 2"
    assert log.lines == [
        "403 POST /backedu/class/answers: Origin 'http://evil' is not this class server"
    ]
    assert "192.168" not in "".join(log.lines), "no address in the log"


# --- the answer route's headers -----------------------------------------------------------------
GOOD = {
    "Host": "192.168.1.20:8866",
    "Origin": "http://192.168.1.20:8866",
    "Sec-Fetch-Site": "same-origin",
    "Content-Type": "application/json",
    "Content-Length": "120",
}


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"Sec-Fetch-Site": "cross-site"}, 403, "Sec-Fetch-Site is 'cross-site'"),
        ({"Sec-Fetch-Site": "same-site"}, 403, "Sec-Fetch-Site"),
        ({"Origin": None}, 403, "the Origin header is missing"),
        ({"Origin": "http://evil.example"}, 403, "is not this class server"),
        ({"Origin": "null"}, 403, "is not this class server"),
        ({"Origin": "https://192.168.1.20:8866"}, 403, "is not this class server"),
        ({"Host": "evil.example:8866", "Origin": "http://evil.example:8866"}, 403, "this computer"),
        ({"Content-Type": "text/plain"}, 415, "Content-Type is 'text/plain'"),
        ({"Content-Type": None}, 415, "Content-Type is ''"),
        ({"Content-Type": "application/json; charset=latin-1"}, 415, "send application/json"),
        ({"Content-Length": None}, 411, "Content-Length header is missing"),
        ({"Content-Length": "-1"}, 400, "is not a number"),
        ({"Content-Length": "4096"}, 413, "at most 1024"),
    ],
)
def test_only_this_class_pages_may_post(change, status, words) -> None:
    headers = httputil.HTTPHeaders({k: v for k, v in {**GOOD, **change}.items() if v})
    with pytest.raises(SubmissionRefused) as refused:
        check_headers(headers, "http")
    assert refused.value.status == status and words in str(refused.value)


def test_a_page_of_the_class_may_post() -> None:
    check_headers(httputil.HTTPHeaders(GOOD), "http")
    no_fetch_metadata = {k: v for k, v in GOOD.items() if k != "Sec-Fetch-Site"}
    check_headers(httputil.HTTPHeaders(no_fetch_metadata), "http")  # an older browser
    utf8 = {**GOOD, "Content-Type": "application/json; charset=UTF-8"}
    check_headers(httputil.HTTPHeaders(utf8), "http")


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("192.168.1.20:8866", True),
        ("[::1]:8866", True),
        ("localhost:8866", True),
        ("127.0.0.1", True),
        ("evil.example:8866", False),
        ("", False),
    ],
)
def test_host_names_this_computer(host: str, ok: bool) -> None:
    assert host_is_this_computer(host) is ok


@pytest.mark.parametrize(
    ("address", "mine"),
    [("127.0.0.1", True), ("::1", True), ("::ffff:127.0.0.1", True), ("192.168.1.31", False),
     ("10.0.0.5", False), ("not an address", False)],
)  # fmt: skip
def test_is_this_computer(address: str, mine: bool) -> None:
    assert is_this_computer(address) is mine


# --- the teacher-only guard ----------------------------------------------------------------------
class FakeConnection:
    def __init__(self, ip: str) -> None:
        self.context = type("Context", (), {"remote_ip": ip, "protocol": "http"})()
        self.written: list[bytes] = []

    def set_close_callback(self, callback: Any) -> None:
        pass

    def write_headers(self, start_line: Any, headers: Any, chunk: bytes = b"") -> Any:
        self.written.append(chunk)
        return _done()

    def write(self, chunk: bytes) -> Any:
        self.written.append(chunk)
        return _done()

    def finish(self) -> None:
        pass


def _done() -> Any:
    future: asyncio.Future[None] = asyncio.get_event_loop().create_future()
    future.set_result(None)
    return future


class Kernelish(web.RequestHandler):
    prepared = False

    def prepare(self) -> None:
        Kernelish.prepared = True


@pytest.mark.parametrize(("ip", "allowed"), [("192.168.1.31", False), ("127.0.0.1", True)])
def test_teacher_pages_open_on_this_computer_only(ip: str, allowed: bool) -> None:
    async def visit() -> tuple[int, bytes]:
        Kernelish.prepared = False
        connection = FakeConnection(ip)
        start = httputil.RequestStartLine(
            "GET", "/voila/render/teacher-dashboard.ipynb", "HTTP/1.1"
        )
        request = httputil.HTTPServerRequest(
            connection=connection,
            start_line=start,
            headers=httputil.HTTPHeaders({"Host": "192.168.1.20:8866"}),
        )
        handler = teacher_only(Kernelish)(web.Application(), request)
        handler._transforms = []  # what tornado sets before it runs a handler
        await handler.prepare()
        return handler.get_status(), b"".join(connection.written)

    status, body = run_async(visit())
    assert Kernelish.prepared is allowed
    if not allowed:
        assert status == 403 and b"open only on the computer that runs the class" in body
