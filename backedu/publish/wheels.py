"""The site's Python packages: fetched from PyPI, precompiled, and listed in a rewritten lock.

The browser's Python is Pyodide from npm, which ships only its core (interpreter + standard
library). Every other package comes from here, as a wheel in ``site/pyodide/`` named in
``pyodide-lock.json``, the file Pyodide loads packages by (and checks each file's sha256 against).
The lock keeps npm Pyodide's ``info`` (its ABI must match the interpreter) and lists only what
ships, with dependencies cut to what ships, so nothing can fall back to a CDN.
"""

from __future__ import annotations

import email.parser
import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from backedu.errors import SiteError

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements-browser.txt"
PRECOMPILE = HERE / "node" / "precompile.mjs"
PYTHON_VERSION = "3.13"  # Pyodide 0.29's CPython

# Dependencies declared by shipped wheels that the site leaves out, and why. A dependency that is
# neither shipped nor listed here stops the build: nothing is dropped by accident.
LEFT_OUT = {
    "matplotlib-inline": "only for plots; no page draws with matplotlib",
    "prompt-toolkit": "IPython's terminal only; imported on first use after IPYTHON_PATCH",
    "jupyterlab-widgets": "the widgets' browser side, already in the page's JavaScript",
    "pexpect": "terminal subprocesses; the kernel mocks it",
    "colorama": "Windows terminals only",
}

# IPython imports its terminal (prompt_toolkit, 175 modules) at `import IPython` only to offer
# `IPython.embed`, which a page never calls. Importing it on first call instead saves about
# 0.1 s of every page's start and two wheels. The build stops if the line is not found.
IPYTHON_PATCH = (
    "IPython/__init__.py",
    "from .terminal.embed import embed\n",
    "def embed(**kwargs):  # backedu static site: the terminal is imported on first use\n"
    "    from .terminal.embed import embed as _embed\n\n"
    "    return _embed(**kwargs)\n",
)
PATCHES = {"ipython": IPYTHON_PATCH}

# Files of npm's pyodide package that the site serves.
PYODIDE_CORE_FILES = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "package.json",
)

# The pyodide kernel loads these at start whatever the page needs, and no page uses them, so
# they ship as empty stand-ins: `sqlite3` (IPython's history, switched off in the kernel; not on
# PyPI for Pyodide), `jedi` (code completion: a page has no editor; without it IPython skips
# the import: 5 MB less) and `micropip` (only piplite uses it, and piplite is a stand-in too).
STAND_INS = {"sqlite3": "1.0.0", "jedi": "0.0.0", "micropip": "0.0.0"}

# piplite is the kernel's `%pip`; the worker imports it before anything else, which costs about
# 0.4 s and pulls in micropip. Every package a page needs is already loaded from the site's own
# lock, so the stand-in keeps the two settings the worker writes and refuses to install.
PIPLITE_STAND_IN = """\
\"\"\"Stand-in for piplite on the backedu static site: packages come from its lock only.\"\"\"
import js as _js

_PIPLITE_DISABLE_PYPI = True
_PIPLITE_URLS = []
# The kernel imports this first, right after Pyodide has loaded every package: the boot report
# (backedu_site_boot/startup.py) reads this moment as the end of "packages".
_BACKEDU_IMPORTED_AT = _js.performance.now()


async def install(*args, **kwargs):
    raise RuntimeError("installing packages is switched off on this site")
"""
PIPLITE_STAND_IN_INIT = "from .piplite import install\n"

# From jupyterlite-pyodide-kernel's own bundle: the kernel, its mock ipykernel, and the empty
# widgetsnbextension it uses in place of the real one (the classic notebook's JavaScript).
KERNEL_WHEELS = ("pyodide_kernel", "ipykernel", "widgetsnbextension")

# What every page's kernel loads before running a cell (see jupyterlite-pyodide-kernel's
# worker.ts, initKernel): preloading them all at once lets Pyodide fetch them in parallel. The
# worker skips installing each one it finds in the preload list by these exact spellings.
KERNEL_PACKAGES = (
    "micropip", "piplite", "sqlite3", "ipykernel", "comm", "pyodide_kernel", "jedi", "ipython",
)  # fmt: skip


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str  # canonical (PEP 503)
    version: str
    imports: tuple[str, ...]
    requires: tuple[str, ...]  # canonical names, markers evaluated for Pyodide

    @property
    def file_name(self) -> str:
        return self.path.name


def pinned(requirements: Path = REQUIREMENTS) -> list[tuple[str, str]]:
    """(canonical name, version) for each ``name==version`` line."""
    pins: list[tuple[str, str]] = []
    for number, raw in enumerate(requirements.read_text().splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.+!\-]+)", line)
        if not match:
            raise SiteError(
                f"{requirements.name}, line {number}: expected name==version, got {line!r}"
            )
        pins.append((canonicalize_name(match[1]), match[2]))
    return pins


def download(requirements: Path, cache: Path) -> list[Path]:
    """The pinned wheels, from the cache or else from PyPI with pip."""
    cache.mkdir(parents=True, exist_ok=True)
    pins = pinned(requirements)

    def cached() -> dict[tuple[str, str], Path]:
        found = {}
        for path in cache.glob("*.whl"):
            name, version, _, tags = parse_wheel_filename(path.name)
            if all(tag.platform == "any" and tag.abi == "none" for tag in tags):
                found[(str(name), str(version))] = path
        return found

    missing = [pin for pin in pins if pin not in cached()]
    if missing:
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", "--python-version", PYTHON_VERSION,
            "--platform", "any", "--implementation", "py", "--abi", "none",
            "--dest", str(cache),
            *(f"{name}=={version}" for name, version in missing),
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise SiteError(f"pip download of the browser wheels failed: {last}")
    have = cached()
    lost = [f"{name}=={version}" for name, version in pins if (name, version) not in have]
    if lost:
        raise SiteError(f"no pure-Python wheel on PyPI for: {', '.join(lost)}")
    return [have[pin] for pin in pins]


def kernel_wheels() -> list[Path]:
    """The kernel's own wheels, shipped inside jupyterlite-pyodide-kernel."""
    from jupyter_core.paths import jupyter_path

    for root in jupyter_path("labextensions"):
        pypi = Path(root) / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
        if pypi.is_dir():
            break
    else:
        raise SiteError(
            "jupyterlite-pyodide-kernel is not installed: run `make static` to set it up"
        )
    found = []
    for name in KERNEL_WHEELS:
        candidates = sorted(pypi.glob(f"{name}-*.whl"))
        if name == "widgetsnbextension":
            candidates = [c for c in candidates if c.name.startswith("widgetsnbextension-4.")]
        if len(candidates) != 1:
            raise SiteError(f"expected one {name} wheel in {pypi}, found {len(candidates)}")
        found.append(candidates[0])
    return found


def stand_in(name: str, version: str, out_dir: Path, files: dict[str, str] | None = None) -> Path:
    """A small wheel made here; with no ``files``, `import name` still fails cleanly."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = name.replace("-", "_")
    dist_info = f"{stem}-{version}.dist-info"
    path = out_dir / f"{stem}-{version}-py3-none-any.whl"
    files = {
        **(files or {}),
        f"{dist_info}/METADATA": (
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
            "Summary: Empty stand-in for the backedu static site (see backedu/publish/wheels.py)\n"
        ),
        f"{dist_info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: backedu-static\n"
            "Root-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    files[f"{dist_info}/RECORD"] = "".join(f"{f},,\n" for f in [*files, f"{dist_info}/RECORD"])
    _write_zip(path, files)
    return path


def _write_zip(path: Path, files: Mapping[str, str | bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data)


def read_wheel(path: Path) -> Wheel:
    """Name, version, top-level import names and Pyodide-relevant requirements of a wheel."""
    name, version, _, _ = parse_wheel_filename(path.name)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode())
        top_level_txt = next((n for n in names if n.endswith(".dist-info/top_level.txt")), None)
        if top_level_txt:
            imports = [line.strip() for line in archive.read(top_level_txt).decode().splitlines()]
        else:
            imports = _top_level_modules(names)
    environment = {
        "python_version": PYTHON_VERSION,
        "python_full_version": PYTHON_VERSION + ".2",
        "sys_platform": "emscripten",
        "platform_system": "Emscripten",
        "os_name": "posix",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "extra": "",
    }
    requires = []
    for line in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or Marker(str(requirement.marker)).evaluate(environment):
            requires.append(canonicalize_name(requirement.name))
    return Wheel(
        path=path,
        name=canonicalize_name(str(name)),
        version=str(version),
        imports=tuple(sorted({i for i in imports if i and not i.startswith("_")})),
        requires=tuple(requires),
    )


def _top_level_modules(names: Iterable[str]) -> list[str]:
    found = set()
    for name in names:
        first = name.split("/", 1)[0]
        if first.endswith((".dist-info", ".data")):
            continue
        if "/" in name:
            if re.fullmatch(r"[^/]+/__init__\.pyc?", name):
                found.add(first)
        elif name.endswith((".py", ".pyc")):
            found.add(first.rsplit(".", 1)[0])
    return sorted(found)


def patched(wheels: Sequence[Path], out_dir: Path) -> list[Path]:
    """The wheels, with the ones named in PATCHES rewritten into ``out_dir``."""
    result = []
    for path in wheels:
        name = canonicalize_name(str(parse_wheel_filename(path.name)[0]))
        if name not in PATCHES:
            result.append(path)
            continue
        member, old, new = PATCHES[name]
        target = out_dir / path.name
        out_dir.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path) as source:
            files = {info.filename: source.read(info) for info in source.infolist()}
        text = files[member].decode()
        if text.count(old) != 1:
            raise SiteError(f"{path.name}: {member} no longer has the line the build patches")
        files[member] = text.replace(old, new).encode()
        _write_zip(target, files)
        result.append(target)
    return result


def precompile(wheels: Sequence[Path], pyodide_dir: Path, cache: Path) -> list[Path]:
    """Each wheel with its modules compiled to .pyc by the site's own Python (cached by content)."""
    out = {}
    todo = []
    for wheel in wheels:
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:16]
        target = cache / digest / wheel.name
        out[wheel] = target
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            todo.append(wheel)
    if todo:
        # One Node process for all: starting Pyodide costs about a second each time.
        staging = cache / "staging"
        staging.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["node", str(PRECOMPILE), str(pyodide_dir), str(staging), *map(str, todo)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise SiteError(f"precompiling wheels in Pyodide failed: {last}")
        for wheel in todo:
            shutil.move(staging / wheel.name, out[wheel])
    return [out[wheel] for wheel in wheels]


def lock_entries(
    wheels: Sequence[Wheel], preloaded_by_page: Collection[str] = ()
) -> dict[str, dict]:
    """Lock entries for the shipped wheels, dependencies cut to what ships.

    A package in ``preloaded_by_page`` gets no dependencies in the lock: each page preloads what
    its own calls import (the start page, which draws no widget, does not load ipywidgets).
    """
    shipped = {wheel.name for wheel in wheels}
    entries = {}
    for wheel in wheels:
        depends = []
        for requirement in () if wheel.name in preloaded_by_page else wheel.requires:
            if requirement in shipped:
                depends.append(requirement)
            elif requirement not in LEFT_OUT:
                raise SiteError(
                    f"{wheel.file_name} needs {requirement}, which is neither shipped nor in "
                    "LEFT_OUT (backedu/publish/wheels.py): add it to requirements-browser.txt there"
                )
        entries[wheel.name] = {
            "name": wheel.name,
            "version": wheel.version,
            "file_name": wheel.file_name,
            "install_dir": "site",
            "sha256": hashlib.sha256(wheel.path.read_bytes()).hexdigest(),
            "package_type": "package",
            "imports": list(wheel.imports),
            "depends": sorted(set(depends)),
            "unvendored_tests": False,
        }
    return entries


def bundle_lock(
    pyodide_npm: Path, wheels: Sequence[Wheel], preloaded_by_page: Collection[str] = ()
) -> dict:
    """npm Pyodide's lock rewritten: its ``info``, and the shipped wheels only."""
    original = json.loads((pyodide_npm / "pyodide-lock.json").read_text())
    return {"info": original["info"], "packages": lock_entries(wheels, preloaded_by_page)}


def write_bundle(pyodide_npm: Path, wheels: Sequence[Wheel], lock: dict, out: Path) -> None:
    """``out`` becomes Pyodide's folder: core files, wheels and the rewritten lock."""
    out.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_CORE_FILES:
        shutil.copy2(pyodide_npm / name, out / name)
    for wheel in wheels:
        shutil.copy2(wheel.path, out / wheel.file_name)
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")


def closure(lock: dict, roots: Iterable[str]) -> list[str]:
    """Every package name the roots need, through the lock's dependencies, sorted."""
    packages = lock["packages"]
    seen: set[str] = set()
    todo = [canonicalize_name(root) for root in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise SiteError(f"package {name!r} is not in the site's lock")
        seen.add(name)
        todo.extend(packages[name]["depends"])
    return sorted(seen)


def preload_list(lock: dict, roots: Iterable[str]) -> list[str]:
    """The packages a page's kernel loads at start: the kernel's own, spelled as the kernel
    spells them, then everything else the roots need."""
    spelled = {canonicalize_name(name): name for name in KERNEL_PACKAGES}
    names = closure(lock, [*KERNEL_PACKAGES, *roots])
    return [*KERNEL_PACKAGES, *(name for name in names if name not in spelled)]


def import_index(lock: dict) -> dict[str, str]:
    """Top-level import name -> package name, for every shipped package."""
    return {module: name for name, entry in lock["packages"].items() for module in entry["imports"]}
