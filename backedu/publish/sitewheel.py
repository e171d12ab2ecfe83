"""The course's own wheel for the static site: the part of backedu that a student's page runs.

Made here from the package's source (a checkout or an installed backedu), module by module:

- **Modules:** the ones the student lessons' calls reach (``backedu.symptom_checklist`` ->
  ``backedu.widgets.triage`` -> ...), read from every ``import`` in the source, function-local
  ones too, with their packages' ``__init__``. What the site must never carry is in
  ``NOT_SHIPPED`` with the reason: the walk stops there, a lesson calling into it stops the build,
  and so does a shipped module importing it at module level (its page would fail).
- **Content:** a *sealed* snapshot (``content/data/checked.json`` and no YAML): the loader trusts
  it as it is and never imports the checker (pydantic, PyYAML), which is not in the wheel.
- **Metadata:** ``Requires-Dist`` is what runs in the browser (``SITE_REQUIRES``); the build stops
  if a shipped module imports anything else outside the standard library.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import re
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import backedu
from backedu.content import snapshot
from backedu.errors import SiteError

PACKAGE = Path(backedu.__file__).resolve().parent
DATA = "backedu/content/data"

# Never on the static site, and why. A prefix covers a package and everything in it.
NOT_SHIPPED: dict[str, str] = {
    "backedu.content.check": "the content checker (pydantic, PyYAML): the site's content is a "
    "sealed snapshot, checked when the site was built",
    "backedu.widgets.teaching": "the teacher guide's answer key (served app only)",
    "backedu.views.teaching": "the teacher guide: answer key and class plans (served app only)",
    "backedu.widgets.dashboard": "the teacher dashboard (served app only)",
    "backedu.views.dashboard": "the teacher dashboard (served app only)",
    "backedu.views.qr": "the class server's QR code (served app only)",
    "backedu.views.worksheets": "printable worksheets (made by `backedu worksheets`)",
    "backedu.classroom.writer": "class mode's recording thread (served app only)",
    "backedu.classroom.store": "class mode's SQLite store (served app only)",
    "backedu.classroom.results": "the dashboard's summaries (served app only)",
    "backedu.printing": "worksheets to PDF (the command line)",
    "backedu.authoring": "readability tools for authors",
    "backedu.publish": "this site builder",
    "backedu.server": "the Voilà server",
    "backedu.cli": "the command line",
    "backedu.__main__": "the command line",
}
# Package files that are not modules and stay out: the lessons (pages carry their own cells, and
# the teacher guide is among them), the server's settings, and the content's YAML (the sealed
# snapshot replaces it) with any snapshot checked for a checkout.
LEFT_OUT_FILES = re.compile(
    r"backedu/(notebooks/.*|voila\.json|content/data/(.*\.yaml|checked\.json))"
)

# What the site's backedu needs besides the standard library; the pages preload these by name.
SITE_REQUIRES = {"ipywidgets": "ipywidgets>=8.1,<9"}  # top-level import -> requirement
# Libraries a shipped module names only inside a function that never runs on the site, and why.
# (The browser tests read each page's sys.modules: none of these is ever loaded.)
NEVER_CALLED_ON_THE_SITE = {
    "pydantic_core": "content/constraints.py's narrow() is called by pydantic, at check time only",
}
SITE_VERSION_LABEL = "site"  # 0.1.0+site: the local version says which build this is


@dataclass(frozen=True)
class SiteWheel:
    path: Path
    modules: frozenset[str]  # every backedu module in it


def not_shipped_reason(module: str) -> str | None:
    for prefix, reason in NOT_SHIPPED.items():
        if module == prefix or module.startswith(prefix + "."):
            return reason
    return None


# --- what a page's calls reach -------------------------------------------------------------------
def package_modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every backedu module -> its source file."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


@dataclass(frozen=True)
class Imports:
    at_load: frozenset[str]  # run when the module is imported
    on_call: frozenset[str]  # inside a function: run only if that function is called


def imports_of(path: Path, known: Mapping[str, Path]) -> Imports:
    """The modules ``path`` imports (``if TYPE_CHECKING:`` blocks skipped), by when they run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    at_load: set[str] = set()
    on_call: set[str] = set()

    def names(node: ast.Import | ast.ImportFrom) -> set[str]:
        if isinstance(node, ast.Import):
            return {alias.name for alias in node.names}
        if node.module is None or node.level:
            return set()
        # `from backedu.content import check` imports the submodule when there is one
        found = {node.module}
        found.update(
            f"{node.module}.{alias.name}" for alias in node.names
            if f"{node.module}.{alias.name}" in known
        )  # fmt: skip
        return found

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                (on_call if in_function else at_load).update(names(child))
            walk(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    walk(tree, False)
    return Imports(frozenset(at_load), frozenset(on_call))


def with_parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts) + 1)]


def lazy_modules() -> dict[str, str]:
    """The public API: name -> module that defines it (``backedu.__init__``, PEP 562)."""
    return dict(backedu._LAZY)


def calls_in(sources: Iterable[str]) -> set[str]:
    """The public names a lesson's code cells use (``backedu.lesson_check(...)``)."""
    found: set[str] = set()
    for source in sources:
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        for node in ast.walk(ast.parse("\n".join(lines))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "backedu"
            ):
                found.add(node.attr)
    return found


@dataclass(frozen=True)
class Reach:
    modules: frozenset[str]  # backedu modules a page may import
    libraries: frozenset[str]  # top-level imports outside backedu and the standard library


def reach(calls: Iterable[str], *, where: str, package: Path = PACKAGE) -> Reach:
    """Every backedu module, and every other library, that these public calls may import."""
    known = package_modules(package)
    lazy = lazy_modules()
    roots = ["backedu"]
    for name in sorted(calls):
        if name not in lazy:
            raise SiteError(f"{where} calls backedu.{name}, which backedu does not have")
        reason = not_shipped_reason(lazy[name])
        if reason:
            raise SiteError(
                f"{where} calls backedu.{name}, which the static site does not carry: {reason}"
            )
        roots.append(lazy[name])
    modules: set[str] = set()
    libraries: set[str] = set()
    todo = [parent for root in roots for parent in with_parents(root)]
    while todo:
        module = todo.pop()
        if module in modules or not_shipped_reason(module):
            continue
        modules.add(module)
        imports = imports_of(known[module], known)
        for name in imports.at_load:
            reason = not_shipped_reason(name)
            if reason and name in known:
                raise SiteError(
                    f"{module} imports {name} when it loads, and the static site does not carry "
                    f"it ({reason}): import it inside the function that needs it"
                )
        for name in imports.at_load | imports.on_call:
            top = name.split(".")[0]
            if top == "backedu":
                todo.extend(parent for parent in with_parents(name) if parent in known)
            elif top in sys.stdlib_module_names or top == "__future__":
                continue
            elif name in imports.at_load or top not in NEVER_CALLED_ON_THE_SITE:
                libraries.add(top)
    return Reach(frozenset(modules), frozenset(libraries))


# --- the wheel ---------------------------------------------------------------------------------
def student_lesson_calls(notebooks: Iterable[Path]) -> dict[str, set[str]]:
    """Public calls per lesson notebook."""
    import nbformat

    calls = {}
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        calls[path.name] = calls_in(
            cell.source for cell in notebook.cells if cell.cell_type == "code"
        )
    return calls


def build(
    pages: Mapping[str, Iterable[str]], out_dir: Path, *, package: Path = PACKAGE
) -> SiteWheel:
    """The site wheel for these pages (page name -> its public calls) in ``out_dir``."""
    modules: set[str] = set()
    for page, calls in pages.items():
        reached = reach(calls, where=page, package=package)
        unknown = reached.libraries - set(SITE_REQUIRES)
        if unknown:
            raise SiteError(
                f"{page} needs {', '.join(sorted(unknown))} in the browser, which the site's "
                "backedu does not require: add it to SITE_REQUIRES (backedu/publish/sitewheel.py) "
                "if it is a pure-Python wheel"
            )
        modules |= reached.modules
    known = package_modules(package)
    files: dict[str, bytes] = {}
    for module in sorted(modules):
        source = known[module]
        files[source.relative_to(package.parent).as_posix()] = source.read_bytes()
    # Data beside the shipped modules (pictures, say), but not the lessons or the YAML.
    folders = {known[module].parent for module in modules}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(package.parent).as_posix()
            if (
                path.is_file()
                and path.suffix not in (".py", ".pyc")
                and "__pycache__" not in path.parts
                and not LEFT_OUT_FILES.fullmatch(name)
                and not _inside_a_package(path, folder)
            ):
                files[name] = path.read_bytes()
    files[f"{DATA}/{snapshot.SNAPSHOT_NAME}"] = sealed_snapshot(package)
    return SiteWheel(_write_wheel(files, out_dir), frozenset(modules))


def _inside_a_package(path: Path, folder: Path) -> bool:
    """A file in a sub-package of ``folder`` (it ships only with that package's modules)."""
    here = path.parent
    while here != folder:
        if (here / "__init__.py").exists():
            return True
        here = here.parent
    return False


def sealed_snapshot(package: Path = PACKAGE) -> bytes:
    """The content, fully checked now, as the snapshot a sealed data folder holds."""
    from backedu.content import check  # pydantic and PyYAML: at build time only

    with tempfile.TemporaryDirectory(prefix="backedu-snapshot-") as tmp:
        target = Path(tmp) / snapshot.SNAPSHOT_NAME
        check.refresh(package / "content" / "data", snapshot_to=target)
        return target.read_bytes()


def _write_wheel(files: Mapping[str, bytes], out_dir: Path) -> Path:
    version = f"{metadata.version('backedu')}+{SITE_VERSION_LABEL}"
    dist_info = f"backedu-{version}.dist-info"
    requires = "".join(f"Requires-Dist: {spec}\n" for spec in SITE_REQUIRES.values())
    every = {
        **files,
        f"{dist_info}/METADATA": (
            "Metadata-Version: 2.1\nName: backedu\n"
            f"Version: {version}\n"
            "Summary: backedu for its static website: the student lessons' code and a sealed "
            "content snapshot (no answer key, no teacher dashboard, no content checker)\n"
            f"Requires-Python: >=3.11\n{requires}"
        ).encode(),
        f"{dist_info}/WHEEL": (
            b"Wheel-Version: 1.0\nGenerator: backedu.publish\nRoot-Is-Purelib: true\n"
            b"Tag: py3-none-any\n"
        ),
        f"{dist_info}/top_level.txt": b"backedu\n",
    }
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in every.items())
    every[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"backedu-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in every.items():  # fixed times: the same source gives the same bytes
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED
            )
    return path


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
