"""Where the lesson notebooks are: inside the installed package, or in the checkout.

The wheel ships the repository's ``notebooks/`` folder as ``backedu/notebooks`` (the build hook,
``hatch_build.py``), found here through ``importlib.resources``, so ``backedu serve`` works from
any folder. In an editable checkout there is no such folder in the package, and the checkout's own
``notebooks/`` beside the package is used instead: ``make serve`` serves the files you edit.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from backedu.errors import UsageError

PACKAGED = "notebooks"  # the folder inside the installed package
LANDING = "00-start-here.ipynb"


def notebooks_dir() -> Path:
    """The folder of lesson notebooks this backedu serves."""
    package = Path(str(resources.files("backedu")))
    for candidate in (package / PACKAGED, package.parent / "notebooks"):
        if (candidate / LANDING).is_file():
            return candidate
    raise UsageError(
        f"no lesson notebooks found: neither {package / PACKAGED} (an installed backedu) nor "
        f"{package.parent / 'notebooks'} (a checkout) has {LANDING}; reinstall backedu"
    )


def lesson_notebooks(folder: Path | None = None) -> list[Path]:
    """Every notebook in the folder (the served one by default), by name."""
    return sorted((folder or notebooks_dir()).glob("*.ipynb"))


def copy_notebooks(target: Path) -> list[Path]:
    """Copy every notebook into ``target`` (made if missing) for people who open them in Jupyter.

    Nothing is overwritten: if any notebook is already there, nothing is copied and
    ``UsageError`` names what is in the way.
    """
    sources = lesson_notebooks()
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder")
    clashes = [target / source.name for source in sources if (target / source.name).exists()]
    if clashes:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise UsageError(
            f"{clashes[0]} already exists{more}; nothing was copied. Choose another folder, or "
            "move those files away first"
        )
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(source, target / source.name)) for source in sources]
