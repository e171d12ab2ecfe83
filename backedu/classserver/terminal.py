"""The teacher's terminal while a class runs: only what the teacher should act on, in plain words.

``backedu class`` prints the address, QR code, session code and PIN, then starts the server with
standard error going to a log file (start-up logs, Voilà's routine warnings, kernels' chatter,
refused requests) and standard output left to the teacher. On standard output the server says:

- when students can open the lessons;
- how many students have joined: the number of different devices that opened a lesson, counted
  in memory only (no address is written anywhere) and said at most every few seconds;
- a problem with the results file, once, and when it is gone;
- that the class has stopped, and where the answers are.
"""

from __future__ import annotations

import ipaddress
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

# A student's page: a lesson of the static site, or one the Voilà app renders.
LESSON_PAGE = re.compile(
    r"/(?:voici/render/\d\d-[a-z0-9-]+\.html|voila/render/\d\d-[a-z0-9-]+\.ipynb)"
)


class TeacherTerminal:
    """Lines for the teacher, on standard output (the terminal ``backedu class`` runs in)."""

    def __init__(
        self,
        out: TextIO | None = None,
        *,
        every: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._out = out
        self._every = every
        self._clock = clock
        self._lock = threading.Lock()
        self._devices: set[str] = set()
        self._said = 0  # the number of students last said
        self._said_at: float | None = None
        self._problem: str | None = None

    def say(self, line: str) -> None:
        with self._lock:
            out = self._out or sys.stdout
            out.write(line + "\n")
            out.flush()

    def ready(self, url: str) -> None:
        self.say(f"Ready: students can open {url} now.")

    # --- students joining ---------------------------------------------------------------------
    @property
    def joined(self) -> int:
        return len(self._devices)

    def page_opened(self, address: str) -> None:
        """A device opened a lesson page. Said now, or at the next ``tick`` when said lately."""
        self._devices.add(address)
        self.tick()

    def tick(self) -> None:
        """Say the number of students if it changed and the last time was long enough ago."""
        count = len(self._devices)
        now = self._clock()
        if count == self._said:
            return
        if self._said_at is not None and now - self._said_at < self._every:
            return
        self._said, self._said_at = count, now
        self.say(f"Students joined so far: {count}" + (" (one per device)" if count == 1 else ""))

    # --- the results file ----------------------------------------------------------------------
    def results_problem(self, problem: str | None) -> None:
        """A problem with the results file (said once), or ``None`` when saving works again."""
        if problem == self._problem:
            return
        self._problem = problem
        if problem is None:
            self.say("The results file works again: answers are being saved.")
        else:
            self.say(
                f"Problem with the results file: {problem} Students can carry on: their pages "
                "keep their answers and send them again once the file works."
            )

    def stopped(self, db: Path | None) -> None:
        where = f" The answers are kept in {db}." if db else ""
        self.say(
            f"The class has stopped.{where} To carry on the same session, run: "
            "backedu class --resume"
        )


def is_this_computer(address: str) -> bool:
    """True when a request came from this computer itself (the teacher's own browser)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def request_logger(terminal: TeacherTerminal, log: Any) -> Callable[[Any], None]:
    """Tornado's ``log_function``: count students joining; refused and failed requests go to
    the log file (method, path and status: never a body, a query or an address)."""

    def log_request(handler: Any) -> None:
        status = handler.get_status()
        request = handler.request
        if status < 400:
            if request.method == "GET" and LESSON_PAGE.fullmatch(request.path):
                terminal.page_opened(request.remote_ip)
            return
        reason = getattr(handler, "refusal", "")
        line = f"{status} {request.method} {request.path}" + (f": {reason}" if reason else "")
        (log.error if status >= 500 else log.warning)(line)

    return log_request
