"""Fixtures for the content suites: a writable copy of the shipped content to break, and two ways
to break it (by text, or by changing the parsed YAML so the edit survives rewording)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backedu.content import data_dir
from backedu.content.snapshot import SNAPSHOT_NAME


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content files (YAML only: no snapshot yet)."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns(SNAPSHOT_NAME, ".*"))
    return target


def change_yaml(folder: Path, name: str, change: Callable[[dict[str, Any]], object]) -> None:
    """Parse ``name``, let ``change`` edit the data in place, and write it back."""
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    before = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    change(data)
    after = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    assert after != before, "the edit must change the file"
    path.write_text(after, encoding="utf-8")
