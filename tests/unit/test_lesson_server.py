"""The lesson server's own settings, read the way `backedu serve` reads them (no server started)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from backedu.server import LessonServer
from tests.support import run_async

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Unix-socket kernels are for Linux only"
)


def configured(tmp_path: Path, *args: str) -> LessonServer:
    server = LessonServer()
    server.initialize([str(tmp_path), "--no-browser", *args])
    return server


@linux_only
def test_kernels_use_unix_sockets_so_a_class_starting_at_once_cannot_race_for_ports(
    tmp_path: Path,
) -> None:
    server = configured(tmp_path)
    assert server.config.KernelManager.transport == "ipc"
    assert server.config.VoilaConfiguration.preheat_kernel is True  # voila.json is read too


@linux_only
def test_the_command_line_still_chooses_the_transport(tmp_path: Path) -> None:
    server = configured(tmp_path, "--KernelManager.transport=tcp")
    assert server.config.KernelManager.transport == "tcp"


def test_the_culler_counts_only_connections_that_came_up_and_have_not_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jupyter_server.services.kernels.connection.channels import (
        ZMQChannelsWebsocketConnection,
    )

    from backedu.server import CountedConnection, _cull_by_counted_connections

    outcomes = iter(["up", "fails", "up"])

    def connect(self: Any) -> Any:
        return None if next(outcomes) == "fails" else object()

    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", connect)
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "disconnect", lambda self: None)
    monkeypatch.setattr(CountedConnection, "_up", Counter())

    class Manager:
        def __init__(self) -> None:
            # jupyter_server's own count, drifted as it does (a closing it never saw opened)
            self._kernel_connections = {"k": -1}
            self.seen: list[int] = []

        async def cull_kernel_if_idle(self, kernel_id: str) -> None:
            self.seen.append(self._kernel_connections[kernel_id])

    manager = Manager()
    _cull_by_counted_connections(manager)

    class Page(CountedConnection):
        kernel_id = "k"  # type: ignore[assignment]

    pages = [Page.__new__(Page) for _ in range(3)]
    for page in pages:
        page.connect()  # up, fails half-way, up
    run_async(manager.cull_kernel_if_idle("k"))
    pages[0].disconnect()
    pages[1].disconnect()  # the one that never came up: nothing to uncount
    pages[0].disconnect()  # closed twice: counted once
    run_async(manager.cull_kernel_if_idle("k"))
    pages[2].disconnect()
    run_async(manager.cull_kernel_if_idle("k"))
    assert manager.seen == [2, 1, 0], "the culler sees the pages really connected"
