"""Broken copies of the course content, for tests of what a broken file does.

``copy_of_content`` copies the shipped YAML (no checked snapshot, so a load runs the full check);
``change_yaml`` and ``change_text`` break one file of a copy; ``load_error`` and ``assert_reported``
check what loading it says. Prefer ``change_yaml``: it edits the
parsed data, so the test survives rewording. ``change_text`` is for what parsed data cannot show
(a misspelt key, a file that is not YAML at all). Both refuse an edit that changes nothing, so a
test whose target was reworded fails loudly instead of passing on unbroken content.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backedu.content import data_dir, load_course
from backedu.content.snapshot import SNAPSHOT_NAME
from backedu.errors import ContentError


def copy_of_content(folder: Path) -> Path:
    """A writable copy of the shipped content files in ``folder``/data (YAML only)."""
    target = folder / "data"
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


def change_text(folder: Path, name: str, change: Callable[[str], str]) -> None:
    """Let ``change`` rewrite the text of ``name`` and write it back."""
    path = folder / name
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the edit must change the file"
    path.write_text(after, encoding="utf-8")


def load_error(folder: Path) -> ContentError:
    """The ``ContentError`` that loading the content in ``folder`` raises (the test fails if the
    content loads)."""
    with pytest.raises(ContentError) as caught:
        load_course(folder)
    return caught.value


def assert_reported(
    error: ContentError, *, file: str, item: str | None, field: str | None, problem: str
) -> None:
    """The error is one line that starts with the file, names the item and field it holds (and no
    other), and says what is wrong."""
    message = str(error)
    assert (error.file, error.item, error.field) == (file, item, field), message
    assert message.startswith(file) and "\n" not in message, message
    assert problem in message, message
    for kind, name in (("item", item), ("field", field)):
        assert (f"{kind} '" in message) is (name is not None), message
        assert name is None or f"{kind} '{name}'" in message, message
