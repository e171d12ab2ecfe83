"""Run `backedu class` for real (the command `make class` runs), on loopback, for tests.

It listens on 127.0.0.1 only, so no test traffic leaves the machine; the class database, PIN and
notebooks folder are the test's own.
"""

from __future__ import annotations

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
    tmp_dir: Path, notebooks: Path, *, db: Path, resume: bool = False, startup_timeout: float = 120
) -> Iterator[ClassServer]:
    port = free_port()
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
        "--",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKEDU_CLASS")}
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    server = VoilaServer(process, port, log_path, notebooks, preheat=True)
    try:
        _wait_until_up(server, startup_timeout)
        found = re.search(r"Session code:\s+([A-Z0-9]{6})", server.log())
        if found is None:
            raise RuntimeError(f"`backedu class` printed no session code:\n{server.log()}")
        yield ClassServer(server, db, found.group(1), PIN)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
