"""The lesson server's own settings, read the way `backedu serve` reads them (no server started)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backedu.server import LessonServer

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Unix-socket kernels are for Linux only"
)


def configured(tmp_path: Path, *args: str) -> LessonServer:
    server = LessonServer()
    server.initialize([str(tmp_path), "--no-browser", *args])
    return server


def test_kernels_use_unix_sockets_so_a_class_starting_at_once_cannot_race_for_ports(
    tmp_path: Path,
) -> None:
    server = configured(tmp_path)
    assert server.config.KernelManager.transport == "ipc"
    assert server.config.VoilaConfiguration.preheat_kernel is True  # voila.json is read too


def test_the_command_line_still_chooses_the_transport(tmp_path: Path) -> None:
    server = configured(tmp_path, "--KernelManager.transport=tcp")
    assert server.config.KernelManager.transport == "tcp"
