"""The course at run time: from the checked snapshot, with the standard library only.

A lesson kernel calls :func:`course`. When the snapshot's stamp matches the YAML files and rules
as they are now, the course is built from it without pydantic or a YAML parser (about 8 MB less
per kernel). When anything changed since the last check (an author edited a file and opened the
notebook in Jupyter), the full check runs here instead, rewrites the snapshot, and a broken file
raises the same one-line ``ContentError`` as ``backedu check``. A sealed folder (a snapshot and no
YAML, as a static site ships it) is trusted as it is.

Files are found through ``importlib.resources``: Voilà starts each kernel in the notebook's
folder, so the working directory means nothing here.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from backedu.content import snapshot
from backedu.content.models import Course
from backedu.errors import ContentError
from backedu.heap import return_freed_memory


def data_dir() -> Path:
    """The content files shipped inside the package."""
    return Path(str(resources.files("backedu.content") / "data"))


@functools.cache
def course() -> Course:
    """The course shipped with the package, loaded once per process."""
    loaded = load_course(data_dir())
    return_freed_memory()
    return loaded


def load_course(directory: Path) -> Course:
    """The course in ``directory``: its snapshot if it is fresh, else the full check (which
    writes a fresh one). Raises ``ContentError`` naming file, item and field."""
    if snapshot.is_sealed(directory):
        sealed = snapshot.read(directory / snapshot.SNAPSHOT_NAME, expected=None)
        if sealed is None:
            raise ContentError(
                snapshot.SNAPSHOT_NAME,
                f"the checked snapshot in {directory} cannot be read; build it again with "
                "`backedu check --snapshot FILE`",
            )
        return sealed
    expected = snapshot.fingerprint(directory)
    for place in snapshot.locations(directory):
        found = snapshot.read(place, expected=expected)
        if found is not None:
            return found
    try:
        from backedu.content import check  # pydantic and yaml: only when the content changed
    except ImportError as exc:
        raise ContentError(
            snapshot.SNAPSHOT_NAME,
            f"the content in {directory} changed since it was checked, and this Python cannot "
            f"check it ({exc.name} is missing): run `backedu check` where backedu is installed "
            "in full",
        ) from None
    return check.refresh(directory)
