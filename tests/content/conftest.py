"""Fixtures for the content suites: a writable copy of the shipped content to break (with
``tests.support.content.change_yaml`` or ``change_text``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.content import copy_of_content


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content files (YAML only: no snapshot yet)."""
    return copy_of_content(tmp_path)
