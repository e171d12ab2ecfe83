"""Start the real Voilà server the way ``make serve`` does, on a free port, for tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"

# Short cull timings so a test can watch culling happen (long enough for a slow page on a busy
# machine to connect to its kernel); everything else comes from backedu/voila.json.
CULL_IDLE_TIMEOUT = 20
CULL_INTERVAL = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def lesson_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(folder.glob("*.ipynb"))


@dataclass
class VoilaServer:
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    notebooks: Path = NOTEBOOKS
    preheat: bool = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook: str) -> str:
        return f"{self.base_url}/voila/render/{notebook}"

    @property
    def pool_size(self) -> int:
        """Kernels kept warm: one per notebook (``default_pool_size`` in backedu/voila.json)."""
        return len(lesson_notebooks(self.notebooks)) if self.preheat else 0

    def kernel_pids(self) -> list[int]:
        return kernel_children(self.process.pid)

    def kernel_pid(self, kernel_id: str) -> int | None:
        """The PID of one kernel: its command line names its connection file."""
        marker = f"kernel-{kernel_id}.json".encode()
        for pid in self.kernel_pids():
            try:
                if marker in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return pid
            except OSError:
                continue
        return None

    def wait_for_kernels(self, count: int, timeout: float) -> int:
        """Wait until exactly ``count`` kernels run; return the last count seen."""
        deadline = time.monotonic() + timeout
        seen = len(self.kernel_pids())
        while seen != count and time.monotonic() < deadline:
            time.sleep(0.25)
            seen = len(self.kernel_pids())
        return seen

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def kernel_children(server_pid: int) -> list[int]:
    """PIDs of the ipykernel processes the server started (read from /proc, Linux only)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server_pid and b"ipykernel" in cmdline:
            pids.append(int(entry.name))
    return pids


@contextmanager
def running_voila(
    tmp_dir: Path,
    *extra_args: str,
    env: dict[str, str] | None = None,
    notebooks: Path = NOTEBOOKS,
    preheat: bool = True,
    short_cull: bool = True,
    startup_timeout: float = 90,
) -> Iterator[VoilaServer]:
    """Run ``backedu serve`` (which applies backedu/voila.json itself) until the block
    ends."""
    port = free_port()
    log_path = tmp_dir / f"voila-{port}.log"
    # The same command `make serve` runs; `backedu serve` execs Voilà, so the PID is Voilà's.
    command = [
        str(Path(sys.executable).with_name("backedu")),
        "serve",
        f"--port={port}",
        f"--notebooks={notebooks}",
        "--",
        *(
            [
                f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT}",
                f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
            ]
            if short_cull
            else []
        ),
        f"--VoilaConfiguration.preheat_kernel={preheat}",
        *extra_args,
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    server = VoilaServer(process, port, log_path, notebooks, preheat)
    try:
        _wait_until_up(server, startup_timeout)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(server: VoilaServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Voilà exited with {server.process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.base_url + "/voila/tree", timeout=2):
                pass
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
            continue
        # Wait for the preheated pool too, so tests start from a steady state.
        if len(server.kernel_pids()) >= server.pool_size:
            return
        time.sleep(0.25)
    raise RuntimeError(f"Voilà did not start within {timeout} s:\n{server.log()}")
