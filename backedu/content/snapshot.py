"""The checked snapshot: the course after a full check, as JSON, stamped with what it was checked
from. Standard library only: this is how a lesson kernel (or Python in a browser) gets the course
without pydantic or a YAML parser.

The stamp (``fingerprint``) is a SHA-256 of the schema version, the snapshot format, every YAML
file's name and bytes, and the source of the modules that define the schema and the rules. So a
snapshot is used only while nothing it was checked against has changed; any edit to a content file
or a rule makes the loader run the full check again (``backedu.content.loader``).

Where it lives: ``checked.json`` next to the YAML files when that folder can be written (a
checkout; the wheel ships one built by the build hook), else in a per-user cache folder. A
*sealed* data folder holds only ``checked.json`` and no YAML: that is what a static site ships,
and its snapshot is trusted as it is.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import os
import sys
import types
import typing
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import IO, Any, TypeVar

from backedu.content import models
from backedu.content.models import SCHEMA_VERSION, Course

SNAPSHOT_NAME = "checked.json"
MODEL_KEY = "@model"  # names the model of each object in the snapshot
FORMAT = 3  # of the snapshot file (a stamp line, then the course); part of the fingerprint
# The modules whose source decides what "checked" means: the models and their constraints, the
# check with its cross-checks, and this file (how the course becomes JSON and back).
RULE_MODULES = ("models.py", "constraints.py", "check.py", "snapshot.py")

_T = TypeVar("_T")
# Every model the snapshot may name, by class name.
_MODELS: dict[str, type] = {
    name: kind
    for name, kind in vars(models).items()
    if isinstance(kind, type) and dataclasses.is_dataclass(kind)
}


# --- the stamp ----------------------------------------------------------------------------------
def content_files(directory: Path) -> list[Path]:
    """The YAML files in ``directory``, by name."""
    return sorted(path for path in directory.iterdir() if path.suffix == ".yaml")


def fingerprint(directory: Path) -> str:
    """What a snapshot of ``directory`` must be stamped with to be used."""
    digest = hashlib.sha256(f"backedu schema {SCHEMA_VERSION} snapshot {FORMAT}\n".encode())
    for path in content_files(directory):
        with path.open("rb") as stream:
            _add(digest, path.name, stream)
    rules = resources.files("backedu.content")
    for name in RULE_MODULES:
        with (rules / name).open("rb") as stream:
            _add(digest, name, stream)
    return digest.hexdigest()


def _add(digest: Any, name: str, stream: IO[bytes]) -> None:
    # In small pieces: a kernel should not hold a whole file's bytes just to stamp it.
    digest.update(f"{name}\n".encode())
    size = 0
    for piece in iter(lambda: stream.read(1 << 15), b""):
        digest.update(piece)
        size += len(piece)
    digest.update(f"\n{size}\n".encode())


# --- where snapshots live -----------------------------------------------------------------------
def locations(directory: Path) -> list[Path]:
    """Where the snapshot of ``directory`` may be, in the order the loader looks."""
    key = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:16]
    return [directory / SNAPSHOT_NAME, cache_dir() / f"checked-{key}.json"]


def cache_dir() -> Path:
    """The per-user cache folder (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on
    Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "backedu"


def is_sealed(directory: Path) -> bool:
    """A folder with a snapshot and no YAML: checked elsewhere, shipped as it is."""
    return (directory / SNAPSHOT_NAME).is_file() and not content_files(directory)


# --- reading and writing ------------------------------------------------------------------------
def read(path: Path, *, expected: str | None) -> Course | None:
    """The course in the snapshot at ``path`` if it is stamped ``expected`` (any stamp when
    ``expected`` is None: a sealed folder), else None. A missing or unreadable file is None."""
    try:
        with path.open(encoding="utf-8") as stream:
            head = stream.readline()  # the stamp, on a line of its own
            stamp = json.loads(head)
            if not isinstance(stamp, dict) or stamp.get("format") != FORMAT:
                return None
            if expected is not None and stamp.get("fingerprint") != expected:
                return None
            # Each item becomes its model as soon as it is parsed, so a kernel never holds the
            # whole course twice (as JSON objects and as models).
            course = json.loads(stream.read(), object_hook=_from_json)
    except (OSError, ValueError):
        return None
    return course if isinstance(course, Course) else None


def write(directory: Path, course: Course, *, to: Path | None = None) -> Path | None:
    """Store ``course`` as the snapshot of ``directory``: at ``to`` if given, else in the first
    of ``locations`` that can be written. Returns where, or None if nowhere could take it."""
    stamp = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "fingerprint": fingerprint(directory),
    }
    text = (
        json.dumps(stamp)
        + "\n"
        + json.dumps(dump(course), ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )
    for target in [to] if to is not None else locations(directory):
        try:
            _replace(target, text)
        except OSError:
            if to is not None:
                raise
            continue
        return target
    return None


def _replace(target: Path, text: str) -> None:
    """Write ``target`` whole or not at all: many kernels may start at once."""
    import tempfile  # only when writing, which a served lesson kernel never does

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".checked-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; other users' kernels read it too
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- the course as JSON and back ----------------------------------------------------------------
def dump(value: object) -> Any:
    """Dataclasses as objects named by a ``MODEL_KEY`` entry, tuples as lists, enums as their
    values, dates as ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            field.name: dump(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
        return {MODEL_KEY: type(value).__name__, **fields}
    if isinstance(value, tuple | list):
        return [dump(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def build(kind: type[_T], data: Any) -> _T:
    """``data`` (from ``dump``) as an instance of ``kind``, read from the models' type hints.

    No validation: the data was validated before it was written. Unknown kinds of hint fail
    loudly, so a model can never gain a field type the snapshot silently mangles.
    """
    return typing.cast(_T, _build(kind, data))


def _from_json(parsed: dict[str, Any]) -> Any:
    """``json`` calls this for every object it parses, innermost first: a named one becomes its
    model at once (its items are already models)."""
    name = parsed.pop(MODEL_KEY, None)
    return parsed if name is None else _build(_MODELS[name], parsed)


def _build(hint: Any, data: Any) -> Any:
    if isinstance(hint, type) and isinstance(data, hint) and not isinstance(data, str | Enum):
        return data  # built already, while parsing
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:  # constraints mean nothing here: the data was checked
        return _build(hint.__origin__, data)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_build(item, each) for each in data)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if data is None:
            return None
        if len(options) != 1:
            raise TypeError(f"the snapshot cannot build a value of {hint}")
        return _build(options[0], data)
    if origin is typing.Literal:
        return data
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return hint(**{name: _build(field, data[name]) for name, field in _fields(hint)})
        if issubclass(hint, Enum):
            return hint(data)
        if hint is float:
            return float(data)
        if hint is datetime.date:
            return datetime.date.fromisoformat(data)
        if hint in (str, int, bool):
            return data
    raise TypeError(f"the snapshot cannot build a value of {hint}")


@functools.cache
def _fields(kind: type) -> tuple[tuple[str, Any], ...]:
    # The models' annotations are objects, not strings (models.py has no __future__ import).
    fields = dataclasses.fields(kind)
    if any(isinstance(field.type, str) for field in fields):
        raise TypeError(f"{kind.__name__}: the snapshot needs annotations that are not strings")
    return tuple((field.name, field.type) for field in fields)
