"""Run `backedu class` for real (the command `make class` runs), on loopback, for tests.

It listens on 127.0.0.1 only, so no test traffic leaves the machine; the class database, PIN and
notebooks folder are the test's own.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.server import BACKEDU, NOTEBOOKS, SHORT_CULL, VoilaServer, running_server

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
    site: Path | None = None,
    port: int | None = None,
) -> Iterator[ClassServer]:
    """Start `backedu class` on a free port with the test's database and PIN.

    ``site``: the static way, serving that built site; without it, the Voilà way (``--voila``).
    ``port``: this port and no other (a restart on the address the pages know).
    """

    def command(port: int) -> list[str]:
        return [
            str(BACKEDU),
            "class",
            "--host=127.0.0.1",
            f"--port={port}",
            f"--notebooks={notebooks}",
            f"--db={db}",
            f"--pin={PIN}",
            *(["--resume"] if resume else []),
            *([f"--site={site}"] if site else ["--voila"]),
            "--",
            *SHORT_CULL,
        ]

    with running_server(command, tmp_dir, name="class", notebooks=notebooks, port=port) as server:
        found = re.search(r"Session code:\s+([A-Z0-9]{6})", server.log())
        if found is None:
            raise RuntimeError(f"`backedu class` printed no session code:\n{server.log()}")
        yield ClassServer(server, db, found.group(1), PIN)
