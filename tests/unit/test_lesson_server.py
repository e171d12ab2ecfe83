"""The lesson server's own settings, read the way `backedu serve` reads them (no server started)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backedu.server import LessonServer

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


def test_a_page_gone_before_its_connection_was_set_up_leaves_its_kernel_cullable() -> None:
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    from backedu.server import count_no_connection_below_zero

    manager = MappingKernelManager()
    manager._kernel_connections["k"] = 0
    count_no_connection_below_zero(manager)
    manager.notify_disconnect("k")  # the socket closed while the connection was being prepared
    assert manager._kernel_connections["k"] == 0, "culling takes only kernels with 0"
    manager.notify_connect("k")
    manager.notify_connect("k")
    manager.notify_disconnect("k")
    assert manager._kernel_connections["k"] == 1, "real connections still count down"
