"""Prepare each notebook for its static page: what can be shown before Python runs in the browser.

Each notebook is run once at build time, in the build's own Python, with the region and the wheels
the site ships (a pure-Python wheel can be imported straight from its file). A code cell whose
outputs are all plain display (HTML, text) needs no kernel to be seen: its output goes into the
page's HTML, so a student reads it (the safety notice above all) while Python is still starting,
or when it cannot start. The kernel still runs the cell later, and its live output replaces the
build-time copy. A cell that shows a widget gets a short placeholder until Python is ready.

A page gets a kernel only if every module its cells import is shipped (or in the standard
library): otherwise it is built read-only, its text and static outputs only, and says so. Its
kernel preloads the packages its cells import and the libraries its backedu calls reach (the
start page draws no widget, so it does not load ipywidgets).
"""

from __future__ import annotations

import ast
import html
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

from backedu.errors import SiteError

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
METADATA_KEY = "backedu_static"  # our notes on a notebook or cell, read by the page template

PENDING_TEXT = "This activity appears here when the page is ready."
READ_ONLY_TEXT = (
    "This activity does not work on the website yet. Your teacher can open it in the class app."
)


@dataclass(frozen=True)
class PreparedPage:
    name: str  # notebook file name
    title: str
    interactive: bool
    packages: tuple[str, ...]  # shipped packages the page's cells import
    missing: tuple[str, ...]  # imported modules no shipped package provides
    prerendered_cells: int
    pending_cells: int


def code_imports(sources: Iterable[str]) -> set[str]:
    """Top-level module names imported by the given code cells (IPython magics skipped)."""
    found: set[str] = set()
    for source in sources:
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError as error:
            raise SiteError(f"a code cell does not parse: {error.msg} in {source[:60]!r}") from None
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def needed_packages(
    imports: Iterable[str], import_index: Mapping[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(shipped packages providing the imports, imports nothing shipped or stdlib provides)."""
    packages, missing = set(), set()
    for module in imports:
        if module in import_index:
            packages.add(import_index[module])
        elif module not in sys.stdlib_module_names:
            missing.add(module)
    return tuple(sorted(packages)), tuple(sorted(missing))


def static_html(outputs: Sequence[Mapping]) -> str | None:
    """The cell's outputs as HTML if none needs a kernel to show, else None."""
    parts = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            parts.append(f"<pre>{html.escape(''.join(output.get('text', '')))}</pre>")
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                return None
            if "text/html" in data:
                parts.append(_text(data["text/html"]))
            elif "text/plain" in data:
                parts.append(f"<pre>{html.escape(_text(data['text/plain']))}</pre>")
            else:
                return None  # images and the like: left to the kernel
        elif kind == "error":
            return None
    return "".join(parts)


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def title_of(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.M)
            if match:
                return match[1].strip()
    return fallback


def execute(notebook: nbformat.NotebookNode, path: Path, env: Mapping[str, str]) -> None:
    """Run the notebook in place, in a fresh kernel of the build's Python, with ``env`` added."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # the kernel inherits the environment it is started with
    try:
        NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # not the TCP warning per kernel
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    except CellExecutionError as error:
        summary = str(error).strip().splitlines()[-1]
        raise SiteError(f"{path.name} failed when run at build time: {summary}") from None
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def prepare(
    path: Path,
    out: Path,
    *,
    import_index: Mapping[str, str],
    libraries: Iterable[str] = (),
    env: Mapping[str, str],
    page_notes: Mapping[str, str] | None = None,
) -> PreparedPage:
    """Write ``out``: the notebook with build-time outputs and notes for the page template.

    ``libraries`` are top-level modules the page's calls import beyond its cells' own imports.
    """
    notebook = nbformat.read(path, as_version=4)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    packages, missing = needed_packages(
        code_imports(cell.source for cell in code_cells) | set(libraries), import_index
    )
    interactive = not missing
    execute(notebook, path, env)

    prerendered = pending = 0
    for cell in code_cells:
        shown = static_html(cell.get("outputs", []))
        note = {}
        if shown:
            note["prerendered"] = shown
            prerendered += 1
        elif shown is None:  # something only a kernel can show
            note["placeholder"] = PENDING_TEXT if interactive else READ_ONLY_TEXT
            pending += 1
        cell.outputs = []
        cell.execution_count = None
        cell.metadata[METADATA_KEY] = note
    title = title_of(notebook, path.stem)
    notebook.metadata["title"] = title
    notebook.metadata[METADATA_KEY] = {
        "interactive": interactive,
        "packages": list(packages),
        **(page_notes or {}),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, out)
    return PreparedPage(
        name=path.name,
        title=title,
        interactive=interactive,
        packages=packages,
        missing=missing,
        prerendered_cells=prerendered,
        pending_cells=pending,
    )
