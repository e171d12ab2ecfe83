"""Run the real server for tests the way ``make serve`` and ``make class`` do, on a free port, and
stop it with its kernels when the test is done. Every server a test starts goes through
``running_server``: one way to start, wait until it is ready, and stop."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support import PATIENCE, wait_until

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BACKEDU = Path(sys.executable).with_name("backedu")

# Short cull timings so a test can watch culling happen (long enough for a slow page on a busy
# machine to connect to its kernel); everything else comes from backedu/voila.json.
CULL_IDLE_TIMEOUT = 20
CULL_INTERVAL = 2
SHORT_CULL = (
    f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT}",
    f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
)
NO_CULL = ("--MappingKernelManager.cull_idle_timeout=0",)  # 0: idle kernels are never culled

_CONNECTION_FILE = re.compile(rb"kernel-([0-9a-f-]{36})\.json")


@dataclass(frozen=True)
class Fetched:
    url: str  # where the request ended, after redirects
    status: int
    body: str


def fetch(url: str) -> Fetched:
    """GET ``url`` as a browser would (following redirects). An error status raises
    ``urllib.error.HTTPError``."""
    with urllib.request.urlopen(url, timeout=PATIENCE) as response:
        return Fetched(response.url, response.status, response.read().decode("utf-8"))


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

    def kernel_ids(self) -> set[str]:
        """The ids of the kernels running now (each kernel's command line names its connection
        file, ``kernel-<id>.json``)."""
        found = set()
        for pid in self.kernel_pids():
            try:
                named = _CONNECTION_FILE.search(Path(f"/proc/{pid}/cmdline").read_bytes())
            except OSError:
                continue
            if named:
                found.add(named.group(1).decode())
        return found

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

    def wait_for_kernels(self, count: int, timeout: float = PATIENCE) -> int:
        """Wait until exactly ``count`` kernels run; return the last count seen."""
        deadline = time.monotonic() + timeout
        seen = len(self.kernel_pids())
        while seen != count and time.monotonic() < deadline:
            time.sleep(0.25)
            seen = len(self.kernel_pids())
        return seen

    def wait_until_gone(self, kernel_ids: Sequence[str], timeout: float = PATIENCE) -> None:
        """Wait until none of these kernels runs any more (the test fails if one still does)."""
        wanted = set(kernel_ids)
        wait_until(
            lambda: not (wanted & self.kernel_ids()),
            lambda: f"{len(wanted & self.kernel_ids())} of {len(wanted)} kernels still run",
            timeout=timeout,
        )

    def wait_for_the_pool(self, timeout: float = PATIENCE) -> None:
        """Wait until the server runs exactly its preheated pool, no kernel more or less."""
        wait_until(
            lambda: len(self.kernel_pids()) == self.pool_size,
            lambda: f"{len(self.kernel_pids())} kernels run, not the pool of {self.pool_size}",
            timeout=timeout,
        )

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


def server_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This environment without any ``BACKEDU_`` setting of the developer's own shell (a region,
    a class, a PIN would change what the pages say), plus the test's own ``extra``."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith("BACKEDU_")}
    return {**kept, **(extra or {})}


@contextmanager
def running_server(
    command: Callable[[int], list[str]],
    log_dir: Path,
    *,
    name: str = "voila",
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    notebooks: Path = NOTEBOOKS,
    preheat: bool = True,
    startup_timeout: float = PATIENCE,
    port: int | None = None,
) -> Iterator[VoilaServer]:
    """Run ``command(port)`` on a free port until the block ends; ready once it answers and its
    preheated pool is up. If the port was taken between choosing it and listening (other
    servers' kernels take ports on this machine too), try another.

    ``port``: this port and no other (a restart on the address the pages already know); its log
    is appended to, so the first run's lines stay readable.
    """
    for attempt in range(3):
        chosen = port or free_port()
        log_path = log_dir / f"{name}-{chosen}.log"
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                command(chosen),
                cwd=cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=server_environment(env),
                start_new_session=True,  # its kernels too can be stopped as one group
            )
        server = VoilaServer(process, chosen, log_path, notebooks, preheat)
        try:
            _wait_until_up(server, startup_timeout)
        except RuntimeError:
            _stop(process)
            if attempt == 2 or port or "in use" not in server.log():
                raise
            continue
        break
    try:
        yield server
    finally:
        _stop(process)


@contextmanager
def running_voila(
    tmp_dir: Path,
    *extra_args: str,
    env: dict[str, str] | None = None,
    notebooks: Path = NOTEBOOKS,
    preheat: bool = True,
    short_cull: bool = True,
    culling: bool = True,
    startup_timeout: float = PATIENCE,
) -> Iterator[VoilaServer]:
    """Run ``backedu serve`` (which applies backedu/voila.json itself) until the block ends.

    ``short_cull`` culls idle kernels after seconds, not minutes; ``culling=False`` never culls
    them, so only a page's own shutdown request can stop its kernel.
    """
    cull = (SHORT_CULL if short_cull else ()) if culling else NO_CULL

    def command(port: int) -> list[str]:
        # The same command `make serve` runs; `backedu serve` execs Voilà, so the PID is Voilà's.
        return [
            str(BACKEDU),
            "serve",
            f"--port={port}",
            f"--notebooks={notebooks}",
            "--",
            *cull,
            f"--VoilaConfiguration.preheat_kernel={preheat}",
            *extra_args,
        ]

    with running_server(
        command,
        tmp_dir,
        env=env,
        notebooks=notebooks,
        preheat=preheat,
        startup_timeout=startup_timeout,
    ) as server:
        yield server


def _wait_until_up(server: VoilaServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Voilà exited with {server.process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.base_url + "/voila/tree", timeout=5):
                pass
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
            continue
        # Wait for the preheated pool too, so tests start from a steady state.
        if len(server.kernel_pids()) >= server.pool_size:
            return
        time.sleep(0.25)
    raise RuntimeError(f"Voilà did not start within {timeout} s:\n{server.log()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM: the server shuts its kernels down itself. If it hangs, kill it and its kernels."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # any kernel left behind
