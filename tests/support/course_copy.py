"""Serve a changed copy of the content as ``backedu.course()`` for one test: every page reads the
course through ``course()``, so a page that words something its own way shows up as a page that
does not follow the copy."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from backedu.content import data_dir, loader
from backedu.content.snapshot import SNAPSHOT_NAME


@contextmanager
def course_from(
    folder: Path, changes: dict[str, Callable[[dict[str, Any]], object]]
) -> Iterator[None]:
    """``course()`` is a copy of the shipped content in ``folder``, with each file's parsed YAML
    changed by its function, until the block ends."""
    target = folder / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns(SNAPSHOT_NAME, ".*"))
    for name, change in changes.items():
        path = target / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    loader.course.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(loader, "data_dir", lambda: target)
            yield
    finally:
        loader.course.cache_clear()
