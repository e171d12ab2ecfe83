"""Unit tests never start a real server: ``backedu serve`` and ``class`` end by replacing the
process with Voilà (``os.execv``/``execve``), which would replace the test run itself. A test
that wants to see the command line patches these again (its patch wins)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from backedu import cli
from tests.support.server import NOTEBOOKS


@pytest.fixture(autouse=True)
def no_exec(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError(f"a unit test tried to exec a real program: {args[:2]}")

    monkeypatch.setattr(os, "execv", refuse)
    monkeypatch.setattr(os, "execve", refuse)


@pytest.fixture
def class_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the dashboard notebook, as the current directory, on a laptop whose
    network address is 192.168.1.20 and whose every port is free."""
    (tmp_path / "notebooks").mkdir()
    shutil.copy(NOTEBOOKS / cli.DASHBOARD_NOTEBOOK, tmp_path / "notebooks")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "lan_address", lambda: "192.168.1.20")
    monkeypatch.setattr(cli, "port_is_free", lambda host, port: True)
    monkeypatch.delenv("BACKEDU_REGION", raising=False)
    return tmp_path
