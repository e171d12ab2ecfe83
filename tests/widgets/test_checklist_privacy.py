"""What a student ticks stays in the kernel: driving the checklist writes no file, logs nothing,
prints nothing, opens no connection and starts no process.

The watcher is a Python audit hook (PEP 578): every file opened for writing, every file renamed
or deleted, every socket, every subprocess in this process raises an audit event, whichever
library does it. Other engineers and tests write to the same disk at the same time, so a
before/after snapshot of folders could not tell their writes from ours; the hook only sees this
process. The first tests show the watcher catches each kind of leak, so the last one can fail.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

import backedu
from backedu.content import course
from backedu.logic.region import Region
from backedu.widgets.triage import SymptomChecklist

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_CHANGES_FILES = {
    "os.rename",
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.truncate",
    "os.chmod",
    "os.chown",
    "os.link",
    "os.symlink",
    "os.utime",
    "shutil.copyfile",
    "shutil.copymode",
    "shutil.copystat",
    "shutil.copytree",
    "shutil.rmtree",
    "shutil.move",
    "shutil.make_archive",
    "sqlite3.connect",
}
_TALKS_OR_RUNS = {
    "socket.connect",
    "socket.sendto",
    "socket.sendmsg",
    "socket.bind",
    "socket.getaddrinfo",
    "urllib.Request",
    "http.client.connect",
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.startfile",
    "webbrowser.open",
}


class _Watch:
    """Audit events seen while ``active``. The hook cannot be removed, so it is switched."""

    active = False
    thread = 0  # the thread that is watching
    seen: list[str] = []  # noqa: RUF012 - one shared list, reset by watching()
    lock = threading.Lock()


def _hook(event: str, args: tuple[Any, ...]) -> None:
    # Only the watching thread: other tests leave threads running (a class database, a server)
    # whose writes are not ours. A thread the checklist starts is reported by watching().
    if not _Watch.active or threading.get_ident() != _Watch.thread:
        return
    if event == "open":
        path, mode, flags = args
        writes = any(c in (mode or "") for c in "wax+") or bool((flags or 0) & _WRITE_FLAGS)
        if writes:
            _Watch.seen.append(f"open for writing: {path!r} (mode {mode!r})")
    elif event in _CHANGES_FILES or event in _TALKS_OR_RUNS:
        _Watch.seen.append(f"{event}: {args!r}"[:300])


sys.addaudithook(_hook)


@contextmanager
def watching(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Collect file writes, connections, processes and log records made inside the block."""
    records: list[str] = []
    handle = logging.Logger.handle

    def recording_handle(self: logging.Logger, record: logging.LogRecord) -> None:
        records.append(f"log {self.name}: {record.getMessage()}")
        handle(self, record)

    monkeypatch.setattr(logging.Logger, "handle", recording_handle)
    start = threading.Thread.start

    def recording_start(self: threading.Thread) -> None:
        # Python 3.11 raises no audit event for a new thread, and the hook only watches this one.
        if _Watch.active and threading.get_ident() == _Watch.thread:
            records.append("started a thread")
        start(self)

    monkeypatch.setattr(threading.Thread, "start", recording_start)
    with _Watch.lock:
        _Watch.seen = records
        _Watch.thread = threading.get_ident()
        _Watch.active = True
        try:
            yield records
        finally:
            _Watch.active = False
            _Watch.seen = []


def drive(checklist: SymptomChecklist) -> None:
    """Everything a student can do, and everything the page reads back."""
    ids = [s.id for s in backedu.course().symptoms]
    for symptom_id in ids:
        checklist.toggle(symptom_id)
        _ = checklist.result, checklist.selected
    checklist.clear()
    checklist.select(["sudden-tight-pain", "saddle-numbness", "one-sided-weakness"])
    checklist.toggle("saddle-numbness")
    checklist.clear()
    checklist._repr_mimebundle_()  # what Jupyter asks for to show the widget


# ---- the watcher sees every kind of leak ---------------------------------------------------


def test_watcher_sees_a_file_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "ticks.txt"
    with watching(monkeypatch) as seen:
        target.write_text("saddle-numbness")
    assert any("ticks.txt" in line for line in seen)


def test_watcher_sees_a_low_level_write(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with watching(monkeypatch) as seen:
        fd = os.open(tmp_path / "raw", os.O_WRONLY | os.O_CREAT)
    os.close(fd)
    assert any("raw" in line for line in seen)


def test_watcher_ignores_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    with watching(monkeypatch) as seen:
        Path(__file__).read_text(encoding="utf-8")
    assert seen == []


def test_watcher_sees_a_log_record(monkeypatch: pytest.MonkeyPatch) -> None:
    with watching(monkeypatch) as seen:
        logging.getLogger("backedu.test").warning("ticked %s", "fever")
    assert seen == ["log backedu.test: ticked fever"]


def test_watcher_sees_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    with watching(monkeypatch) as seen, socket.socket() as sock:
        sock.settimeout(0.01)
        with suppress(OSError):
            sock.connect(("127.0.0.1", 9))  # nothing listens; the attempt is what counts
    assert any(line.startswith("socket.connect") for line in seen)


def test_watcher_sees_a_thread_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """A background thread could leak out of sight of this thread, so starting one counts."""
    with watching(monkeypatch) as seen:
        worker = threading.Thread(target=lambda: None)
        worker.start()
    worker.join()
    assert "started a thread" in seen


def test_watcher_catches_a_leaky_checklist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A checklist that saves ticks is caught: the privacy test below can fail."""

    class LeakyChecklist(SymptomChecklist):
        def _render(self) -> None:
            super()._render()
            (tmp_path / "saved.txt").write_text(",".join(self.selected))

    leaky = LeakyChecklist(course(), region=Region.UK)
    with watching(monkeypatch) as seen:
        drive(leaky)
    assert any("saved.txt" in line for line in seen)


# ---- the checklist -----------------------------------------------------------------------


@pytest.mark.parametrize("region", list(Region), ids=str)
def test_driving_the_checklist_stores_logs_prints_and_sends_nothing(
    region: Region, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    SymptomChecklist(course(), region=region)  # first build outside: imports may write .pyc files
    capfd.readouterr()
    with watching(monkeypatch) as seen:
        checklist = SymptomChecklist(course(), region=region)
        drive(checklist)
        lesson_version = backedu.symptom_checklist(region=region)
        drive(lesson_version)
    assert seen == []
    assert capfd.readouterr() == ("", "")
