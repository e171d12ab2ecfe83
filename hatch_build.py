"""Build hook for the wheel: ship the lesson notebooks and the checked content snapshot.

- ``notebooks/`` becomes ``backedu/notebooks`` inside the wheel, so an installed backedu serves
  the whole course from any folder (``backedu.content.notebooks``).
- The content is checked in full (``backedu.content.check``), and the checked snapshot is shipped
  as ``backedu/content/data/checked.json``: lesson kernels of an installed backedu load it without
  pydantic. A broken content file fails the build with the same one-line error as
  ``backedu check``.

Editable installs (``pip install -e .``, what ``make serve`` does) skip both: they serve the
checkout's own notebooks, and the snapshot is written beside the YAML on the first check.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CourseBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        build_data["force_include"][str(root / "notebooks")] = "backedu/notebooks"
        self._scratch = Path(tempfile.mkdtemp(prefix="backedu-build-"))
        snapshot = self._scratch / "checked.json"
        check, content_error = _checker(root)
        try:
            check.refresh(root / "backedu" / "content" / "data", snapshot_to=snapshot)
        except content_error as exc:
            raise SystemExit(f"backedu build: the content is broken, fix it first: {exc}") from None
        build_data["force_include"][str(snapshot)] = "backedu/content/data/checked.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _checker(root: Path) -> tuple[Any, type[Exception]]:
    """The content check from the source tree being built (not an installed backedu)."""
    sys.path.insert(0, str(root))
    try:
        from backedu.content import check
        from backedu.errors import ContentError
    finally:
        sys.path.remove(str(root))
    return check, ContentError
