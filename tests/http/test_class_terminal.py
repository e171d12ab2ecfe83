"""The terminal of a real `backedu class`, read through a pseudo-terminal as a teacher would see it:
the address, QR code, session code, PIN and log file, then only what a teacher acts on (ready,
students joining, a problem with the results file, the class stopping). Start-up logs and routine
warnings (Voilà's "not trusted", its kernels' start-up lines) are in the log file instead. (The
kernels' "running over TCP without encryption" warning is gone: they use Unix sockets on Linux.)"""

from __future__ import annotations

import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.class_server import PIN, class_notebooks
from tests.support.class_site import ANSWERS, FIRST_LESSON, built_test_site
from tests.support.server import ROOT, free_port
from tests.support.static_site import PAGE_DIR

pytestmark = pytest.mark.server


class Terminal:
    """A pseudo-terminal: the program's standard output and error both go to it, as in a shell."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        main, secondary = pty.openpty()
        self.process = subprocess.Popen(
            command, stdin=secondary, stdout=secondary, stderr=secondary, cwd=ROOT, env=env
        )
        os.close(secondary)
        self._main = main
        self._screen = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._main, 4096)
            except OSError:
                return
            if not chunk:
                return
            self._screen.extend(chunk)

    @property
    def screen(self) -> str:
        return self._screen.decode(errors="replace").replace("\r\n", "\n")

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared on the terminal:\n{self.screen}")
            time.sleep(0.1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)
        os.close(self._main)


def wait_for_in(path: Path, text: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not (path.exists() and text in path.read_text(errors="replace")):
        assert time.monotonic() < deadline, f"{text!r} never appeared in {path}"
        time.sleep(0.25)


def post_answer(base: str, session: str) -> int:
    from backedu.content import course

    question = course().questions[0]
    right = [c.id for c in question.choices if c.correct]
    body = (
        f'{{"session": "{session}", "view": "0123456789abcdef", "seq": 1, "kind": "answer", '
        f'"question": "{question.id}", "chosen": ["{right[0]}"], "correct": true}}'
    ).encode()
    request = urllib.request.Request(
        base + ANSWERS,
        data=body,
        headers={"Content-Type": "application/json", "Origin": base},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_the_terminal_says_only_what_a_teacher_acts_on(tmp_path: Path) -> None:
    site = built_test_site()
    port = free_port()
    db = tmp_path / "results" / "class.sqlite3"
    notebooks = class_notebooks(tmp_path / "notebooks")
    command = [
        str(Path(sys.executable).with_name("backedu")), "class", "--host=127.0.0.1",
        f"--port={port}", f"--notebooks={notebooks}", f"--db={db}", f"--pin={PIN}",
        f"--site={site}",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKEDU_CLASS")}
    terminal = Terminal(command, env)
    base = f"http://127.0.0.1:{port}"
    try:
        terminal.wait_for(f"Ready: students can open {base}/ now.")
        wait_for_in(db.parent / "class-server.log", "Kernel started:")  # dashboard kernel up
        session = re.search(r"Session code:\s+([A-Z0-9]{6})", terminal.screen)[1]
        with urllib.request.urlopen(f"{base}/{PAGE_DIR}/{FIRST_LESSON}.html", timeout=60):
            pass
        terminal.wait_for("Students joined so far: 1 (one per device)")

        # The results file breaks mid-lesson: said once, in plain words; the page is told to wait.
        for extra in db.parent.glob("class.sqlite3-*"):
            extra.unlink()
        db.write_bytes(b"not a database " * 100)
        assert post_answer(base, session) == 503
        assert post_answer(base, session) == 503
        terminal.wait_for("Problem with the results file:")
        terminal.process.send_signal(signal.SIGINT)  # Ctrl+C
        terminal.wait_for("The class has stopped.")
        assert terminal.process.wait(timeout=30) == 0
    finally:
        terminal.close()

    screen = terminal.screen
    log_file = db.parent / "class-server.log"
    for line in (
        f"Students open {base}/  or scan this QR code:",
        f"Session code:  {session}",
        f"Teacher PIN:   {PIN}",
        f"Dashboard:     {base}/teacher   (on this computer only)",
        f"Log file:      {log_file}   (start-up messages and warnings go there)",
        "What is recorded: students' answers to quiz questions",
    ):
        assert line in screen
    assert "█" in screen, "the QR code"
    assert screen.count(str(log_file)) == 1, "the log file's path is printed once"
    after_banner = screen.split("Press Ctrl+C to stop the class.\n", 1)[1]
    lines = [line for line in after_banner.splitlines() if line.strip()]
    assert lines[0] == f"Ready: students can open {base}/ now."
    assert lines[1] == "Students joined so far: 1 (one per device)"
    assert lines[2].startswith(
        f"Problem with the results file: class database {db.resolve()}: the file is damaged"
    )
    assert "Students can carry on" in lines[2]
    assert lines[3].startswith(f"The class has stopped. The answers are kept in {db.resolve()}")
    assert len(lines) == 4, "nothing else: " + "\n".join(lines)
    for noise in ("not trusted", "without encryption", "Traceback", "WARNING |", "Kernel"):
        assert noise not in screen
    log = log_file.read_text()
    assert "is not trusted" in log and "Kernel started:" in log, "moved, not lost"
    assert "503 POST /backedu/class/answers" in log
