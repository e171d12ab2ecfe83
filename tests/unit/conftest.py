"""Unit tests never start a real server: ``backedu serve`` and ``class`` end by replacing the
process with Voilà (``os.execv``/``execve``), which would replace the test run itself. A test
that wants to see the command line patches these again (its patch wins)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def no_exec(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError(f"a unit test tried to exec a real program: {args[:2]}")

    monkeypatch.setattr(os, "execv", refuse)
    monkeypatch.setattr(os, "execve", refuse)
