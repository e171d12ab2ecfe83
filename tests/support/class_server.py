"""Run `backedu class` for real (the command `make class` runs), on loopback, for tests.

It listens on 127.0.0.1 only, so no test traffic leaves the machine; the class database, PIN and
notebooks folder are the test's own.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.server import (
    CULL_IDLE_TIMEOUT,
    CULL_INTERVAL,
    NOTEBOOKS,
    ROOT,
    VoilaServer,
    _wait_until_up,
    free_port,
)

PIN = "482913"
DASHBOARD = "teacher-dashboard.ipynb"


@dataclass
class ClassServer:
    server: VoilaServer
    db: Path
    session: str
    pin: str

    @property
    def dashboard_url(self) -> str:
        return self.server.url(DASHBOARD)


def class_notebooks(folder: Path, *lessons: str) -> Path:
    """A notebooks folder with the dashboard and the given lessons (fewer kernels to preheat)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (DASHBOARD, *lessons):
        shutil.copy(NOTEBOOKS / name, folder / name)
    return folder


@contextmanager
def running_class(
    tmp_dir: Path,
    notebooks: Path,
    *,
    db: Path,
    resume: bool = False,
    startup_timeout: float = 120,
    site: Path | None = None,
    port: int | None = None,
) -> Iterator[ClassServer]:
    """Start `backedu class` on a free port; try again on another if the port was taken between
    choosing it and listening (other servers' kernels take ports on this machine too).

    ``site``: the static way, serving that built site; without it, the Voilà way (``--voila``).
    ``port``: this port and no other (a restart on the address the pages know).
    """
    for attempt in range(3):
        process, server = _start(tmp_dir, notebooks, db, resume, site, port)
        try:
            _wait_until_up(server, startup_timeout)
        except (RuntimeError, OSError, http.client.HTTPException):
            _stop(process)
            if attempt == 2 or port or "in use" not in server.log() + _exit_reason(process):
                raise
            continue
        break
    try:
        found = re.search(r"Session code:\s+([A-Z0-9]{6})", server.log())
        if found is None:
            raise RuntimeError(f"`backedu class` printed no session code:\n{server.log()}")
        yield ClassServer(server, db, found.group(1), PIN)
    finally:
        _stop(process)


def _start(
    tmp_dir: Path, notebooks: Path, db: Path, resume: bool, site: Path | None, port: int | None
) -> tuple[subprocess.Popen[bytes], VoilaServer]:
    port = port or free_port()
    log_path = tmp_dir / f"class-{port}.log"
    command = [
        str(Path(sys.executable).with_name("backedu")),
        "class",
        "--host=127.0.0.1",
        f"--port={port}",
        f"--notebooks={notebooks}",
        f"--db={db}",
        f"--pin={PIN}",
        *(["--resume"] if resume else []),
        *([f"--site={site}"] if site else ["--voila"]),
        "--",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKEDU_CLASS")}
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    return process, VoilaServer(process, port, log_path, notebooks, preheat=True)


def _exit_reason(process: subprocess.Popen[bytes]) -> str:
    return "" if process.poll() is None else f"exit {process.returncode}"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
