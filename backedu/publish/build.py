"""Build the course as a static website (Voici): every page's Python runs in the student's browser.

    backedu static --out site [--region uk|us|eu] [--force]

``build_site()`` is the whole pipeline, in the order it runs:

1. Wheels: the course's own site wheel (``sitewheel.py``: the student lessons' code and a sealed
   content snapshot), the pinned browser wheels from PyPI (cached), the pyodide kernel's own, and
   small stand-ins for what the kernel insists on but no page uses. All precompiled to .pyc by
   Pyodide itself (cached), then listed in a rewritten ``pyodide-lock.json`` beside npm Pyodide's
   core files in ``site/pyodide/``.
2. Pages: each student lesson is run once here, on the site wheel, with the region set, so what
   needs no kernel is in the HTML (``prerender.py``); then Voici renders them with our template.
3. Each page's settings: Pyodide from this site only (no PyPI, no CDN), the packages that page
   needs preloaded in one go, and the region in the kernel's environment.

A fingerprint of every input is kept in ``site/.fingerprint``: the same inputs give the same
site, so the build is skipped; any change (a notebook, the content, the code, a tool) rebuilds it
all, always from a clean folder (a reused JupyterLite cache once served a stale, CDN-bound page).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from backedu.content.notebooks import notebooks_dir
from backedu.content.snapshot import cache_dir as user_cache_dir
from backedu.errors import SiteError
from backedu.publish import prerender, sitewheel, wheels

HERE = Path(__file__).resolve().parent
PACKAGE = sitewheel.PACKAGE
CHECKOUT = PACKAGE.parent if (PACKAGE.parent / "pyproject.toml").is_file() else None
TEMPLATE = HERE / "template"
TEMPLATE_NAME = "backedu-static"
PYODIDE_VERSION = "0.29.0"  # what jupyterlite-pyodide-kernel 0.7.0 expects (package.json pins it)

REGIONS = {"uk": "the United Kingdom", "us": "the United States", "eu": "Europe"}
START_PAGE = "00-start-here"
# Student lessons are named NN-slug.ipynb (docs/DEVELOPING.md). Only those are published: the
# teacher guide (answer key) and the teacher dashboard stay in the served app.
LESSON_NAME = re.compile(r"\d\d-[a-z0-9-]+\.ipynb")
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
PAGE_DIR = Path("voici") / "render"
# What the browser's Python runs as its kernel starts (site_startup.py), where the wheel puts it
# (site-packages of Pyodide 0.29).
STARTUP = "/lib/python3.13/site-packages/backedu_site_boot/startup.py"
# Versions that work together (see the project's Voici notes); part of the fingerprint.
TOOL_DISTRIBUTIONS = ("voici-core", "jupyterlite-core", "jupyterlite-pyodide-kernel", "voila")
# Parts of a Voici output that no lesson page requests (tests/static checks the pages work
# without them): JupyterLab's own app, the notebook list (Font Awesome from a CDN), copies of
# the notebooks, and piplite's index (packages come from the lock only).
UNUSED_OUTPUT = (
    "build", "doc", "files", "voici/tree", "voici/index.html", "jupyter-lite.ipynb",
    "api/translations", "icon-120x120.png", "icon-512x512.png", "manifest.webmanifest",
    "extensions/@jupyterlite/pyodide-kernel-extension/static/pypi",
)  # fmt: skip


@dataclass
class BuildReport:
    out: str
    region: str
    built: bool  # False when an up-to-date site was reused
    seconds: float
    fingerprint: str
    pages: list[dict[str, Any]] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    bytes_total: int = 0

    def summary(self) -> str:
        if not self.built:
            return f"{self.out} is up to date ({len(self.pages)} pages, region {self.region})"
        interactive = sum(1 for page in self.pages if page["interactive"])
        return (
            f"built {self.out} in {self.seconds:.0f} s: {len(self.pages)} pages "
            f"({interactive} interactive), region {self.region}, "
            f"{self.bytes_total / 1e6:.1f} MB on disk"
        )


# --- what it needs -------------------------------------------------------------------------------
def default_cache() -> Path:
    """Downloaded and precompiled wheels: the checkout's .cache/static, else the user cache."""
    return CHECKOUT / ".cache" / "static" if CHECKOUT else user_cache_dir() / "static"


def default_pyodide() -> Path:
    """npm's pyodide package: the checkout's node_modules, else the current folder's."""
    base = CHECKOUT if CHECKOUT else Path.cwd()
    return base / "node_modules" / "pyodide"


def check_tools(pyodide: Path) -> None:
    """Stop in one line if a build tool is missing, saying how to get it."""
    missing = [
        name
        for name in ("voici_core", "jupyterlite_core", "jupyterlite_pyodide_kernel", "nbclient")
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise SiteError(
            f"the static-site tools are not installed ({', '.join(missing)}): "
            "pip install 'backedu[static]' (make static does it)"
        )
    if shutil.which("node") is None:
        raise SiteError("Node.js is not installed: the build runs Pyodide in node to precompile")
    package = pyodide / "package.json"
    if not (pyodide / "pyodide.asm.wasm").is_file() or not package.is_file():
        raise SiteError(
            f"npm's pyodide {PYODIDE_VERSION} is not in {pyodide}: run `npm ci` in the "
            "checkout (make static does it), or pass --pyodide DIR"
        )
    version = json.loads(package.read_text())["version"]
    if version != PYODIDE_VERSION:
        raise SiteError(
            f"{pyodide} is pyodide {version}; the site needs {PYODIDE_VERSION} (npm ci)"
        )


def lesson_notebooks(folder: Path) -> list[Path]:
    """The start page and the student lessons, in order."""
    found = sorted(path for path in folder.glob("*.ipynb") if LESSON_NAME.fullmatch(path.name))
    if not any(path.stem == START_PAGE for path in found):
        raise SiteError(f"{folder}: no {START_PAGE}.ipynb, the site's start page")
    return found


def fingerprint(inputs: Iterable[Path], settings: dict[str, Any]) -> str:
    """One hash over the given files (folders walked) and settings."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
    for top in sorted(set(inputs)):
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top]
        for path in files:
            if "__pycache__" in path.parts or path.name == "checked.json":
                continue  # checked.json is written from the YAML, which is hashed already
            digest.update(path.relative_to(top.parent).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def tool_versions(pyodide: Path) -> dict[str, str]:
    versions = {name: metadata.version(name) for name in TOOL_DISTRIBUTIONS}
    versions["pyodide"] = json.loads((pyodide / "package.json").read_text())["version"]
    return versions


# --- the pipeline --------------------------------------------------------------------------------
def build_site(
    out_dir: Path,
    *,
    region: str = "uk",
    notebooks: Path | None = None,
    package: Path = PACKAGE,
    pyodide: Path | None = None,
    cache_dir: Path | None = None,
    force: bool = False,
    log: Callable[[str], None] = print,
) -> BuildReport:
    """Build the site in ``out_dir`` (replaced whole), or keep it if its inputs are unchanged.

    ``notebooks`` defaults to the lessons this backedu serves, ``package`` to this backedu's
    source: the site is a second build of the same notebooks and content, never a fork.
    """
    started = time.monotonic()
    region = region.strip().lower()
    if region not in REGIONS:
        raise SiteError(f"region {region!r} is not one of: {', '.join(REGIONS)}")
    pyodide = (pyodide or default_pyodide()).resolve()
    cache_dir = cache_dir or default_cache()
    check_tools(pyodide)
    lessons = lesson_notebooks(notebooks or notebooks_dir())
    out_dir = out_dir.resolve()

    settings = {"region": region, "tools": tool_versions(pyodide), "python": sys.version.split()[0]}
    stamp = fingerprint([*lessons, package, HERE], settings)
    if not force and _up_to_date(out_dir, stamp):
        report = json.loads((out_dir / ".build-report.json").read_text())
        report.update(built=False, seconds=time.monotonic() - started)
        return BuildReport(**report)

    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="backedu-static-") as tmp:
        work = Path(tmp)
        log("wheels: the course's site wheel, PyPI's (cached), the kernel's, stand-ins")
        calls = sitewheel.student_lesson_calls(lessons)
        course = sitewheel.build(calls, work / "course", package=package)
        sources = [
            course.path,
            *wheels.download(wheels.REQUIREMENTS, cache_dir / "pypi"),
            *wheels.kernel_wheels(),
        ]
        sources = wheels.patched(sources, work / "patched")
        compiled = wheels.precompile(sources, pyodide, cache_dir / "pyc")
        shipped = [wheels.read_wheel(path) for path in [*compiled, *boot_wheels(work / "boot")]]
        lock = wheels.bundle_lock(pyodide, shipped, preloaded_by_page={"backedu"})
        index = wheels.import_index(lock)

        log(f"pages: running {len(lessons)} lessons on the site wheel, for what needs no kernel")
        unpacked = work / "site-packages"
        with zipfile.ZipFile(course.path) as archive:
            archive.extractall(unpacked)
        env = {
            "BACKEDU_REGION": region,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(unpacked), os.environ.get("PYTHONPATH")])
            ),
        }
        contents = work / "lite" / "contents"
        pages = []
        for path in lessons:
            libraries = sitewheel.reach(
                calls[path.name], where=path.name, package=package
            ).libraries
            page = prerender.prepare(
                path,
                contents / path.name,
                import_index=index,
                libraries=libraries,
                env=env,
                page_notes={"region_label": REGIONS[region]},
            )
            note = (
                "interactive"
                if page.interactive
                else f"read-only (needs {', '.join(page.missing)})"
            )
            log(f"  {page.name}: {note}")
            pages.append(page)

        log("voici: rendering the pages")
        stage = work / "site"
        run_voici(work / "lite", contents, stage)
        wheels.write_bundle(pyodide, shipped, lock, stage / "pyodide")
        built_pages = {Path(p.name).stem for p in pages}
        for page in pages:
            finish_page(
                stage / PAGE_DIR / (Path(page.name).stem + ".html"),
                page=page,
                site=stage,
                packages=wheels.preload_list(lock, ["backedu-site-boot", *page.packages]),
                region=region,
                built_pages=built_pages,
            )
        write_index(stage)
        patch_heartbeat(stage)
        for unused in UNUSED_OUTPUT:
            target = stage / unused
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()

        report = BuildReport(
            out=str(out_dir),
            region=region,
            built=True,
            seconds=0.0,
            fingerprint=stamp,
            pages=json.loads(json.dumps([asdict(page) for page in pages])),  # as when reused
            packages=sorted(lock["packages"]),
            bytes_total=sum(p.stat().st_size for p in stage.rglob("*") if p.is_file()),
        )
        (stage / ".build-report.json").write_text(json.dumps(asdict(report), indent=1) + "\n")
        (stage / ".fingerprint").write_text(stamp + "\n")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(stage), str(out_dir))
    report.seconds = time.monotonic() - started
    return report


def _up_to_date(out_dir: Path, stamp: str) -> bool:
    done = out_dir / ".fingerprint"
    return (
        done.is_file()
        and done.read_text().strip() == stamp
        and (out_dir / ".build-report.json").is_file()
    )


def boot_wheels(out_dir: Path) -> list[Path]:
    """The kernel's stand-ins and our start-up file, as tiny wheels made here."""
    made = [wheels.stand_in(name, version, out_dir) for name, version in wheels.STAND_INS.items()]
    made.append(
        wheels.stand_in(
            "piplite",
            "0.7.0",
            out_dir,
            files={
                "piplite/__init__.py": wheels.PIPLITE_STAND_IN_INIT,
                "piplite/piplite.py": wheels.PIPLITE_STAND_IN,
            },
        )
    )
    made.append(
        wheels.stand_in(
            "backedu-site-boot",
            "1.0.0",
            out_dir,
            files={
                "backedu_site_boot/__init__.py": "",
                "backedu_site_boot/startup.py": (HERE / "site_startup.py").read_text(),
            },
        )
    )
    return made


def run_voici(lite_dir: Path, contents: Path, out: Path) -> None:
    """Voici's build, from a clean lite folder, with the one lab extension pages need.

    Voici's own bundle has the widget manager; other installed extensions (the notebook's, for
    one) would only add requests and console errors.
    """
    from jupyter_core.paths import jupyter_path

    extensions = []
    for name in ("@jupyterlite/pyodide-kernel-extension",):
        found = [
            Path(root) / name
            for root in jupyter_path("labextensions")
            if (Path(root) / name).is_dir()
        ]
        if not found:
            raise SiteError(f"lab extension {name} is not installed: pip install 'backedu[static]'")
        extensions.append(f"--LiteBuildConfig.federated_extensions={found[0]}")
    # Our page template, where Voilà looks for templates; it extends the app's own (`backedu`).
    templates = lite_dir / "jupyter"
    ours = templates / "voila" / "templates" / TEMPLATE_NAME
    shutil.copytree(TEMPLATE, ours)
    (ours / "boot.css").write_text(page_css((TEMPLATE / "boot.css").read_text()))
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(templates), env.get("JUPYTER_PATH")]))
    command = [
        sys.executable, "-c", "from voici_core.app import main; main()", "build",
        "--lite-dir", str(lite_dir), "--contents", str(contents), "--output-dir", str(out),
        "--template", TEMPLATE_NAME, "--strip_sources", "True", "--show_tracebacks", "False",
        "--no-sourcemaps", "--no-unused-shared-packages", "--ignore-sys-prefix",
        f"--LiteBuildConfig.cache_dir={lite_dir / '.cache'}",
        *extensions,
    ]  # fmt: skip
    result = subprocess.run(command, cwd=lite_dir, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise SiteError(f"voici build failed: {(lines or ['no output'])[-1]}")


def page_css(template: str) -> str:
    """The static page's stylesheet, its $colours taken from the theme (the one home of colour)."""
    from string import Template

    from backedu.views import theme

    colours = {"ink": theme.INK, "paper": theme.PAPER, "line": theme.LINE}
    for name, tone in (("info", theme.INFO), ("success", theme.SUCCESS), ("urgent", theme.URGENT)):
        colours[f"{name}_edge"], colours[f"{name}_fill"] = tone.edge, tone.fill
    return Template(template).substitute(colours)


CONFIG_SCRIPT = re.compile(
    r'(<script id="jupyter-config-data" type="application/json">)(.*?)(</script>)', re.S
)
PAGE_LINK = re.compile(r'<a href="([A-Za-z0-9_.-]+)\.html(#[^"]*)?">(.*?)</a>', re.S)


def finish_page(
    path: Path,
    *,
    page: prerender.PreparedPage,
    site: Path,
    packages: Sequence[str],
    region: str,
    built_pages: set[str],
) -> None:
    """Set the page's kernel settings, and unlink lessons that are not on the site."""
    text = path.read_text()
    match = CONFIG_SCRIPT.search(text)
    if not match:
        raise SiteError(f"{path.name}: no jupyter-config-data in the rendered page")
    config = json.loads(match[2])
    to_site = os.path.relpath(site, path.parent).replace(os.sep, "/")
    config["litePluginSettings"] = {
        KERNEL_PLUGIN: {
            "pyodideUrl": f"{to_site}/pyodide/pyodide.js",
            "disablePyPIFallback": True,
            "pipliteUrls": [],
            "loadPyodideOptions": {
                "packages": list(packages),
                "env": {"BACKEDU_REGION": region, "PYTHONSTARTUP": STARTUP},
            },
        }
    }
    # The kernel runs notebookSrc: it needs no build-time notes or outputs.
    for cell in config["notebookSrc"]["cells"]:
        cell.get("metadata", {}).pop(prerender.METADATA_KEY, None)
    config["notebookSrc"]["metadata"].pop(prerender.METADATA_KEY, None)
    config.pop("fileTypes", None)
    encoded = json.dumps(config, separators=(",", ":"), ensure_ascii=False)
    encoded = encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text[: match.start(2)] + encoded + text[match.end(2) :]

    def unlink(link: re.Match[str]) -> str:
        if link[1] in built_pages:
            return link[0]
        return f"{link[3]} (in the class app)"

    text = PAGE_LINK.sub(unlink, text)
    path.write_text(text)


# JupyterLite's service worker answers a heartbeat the page sends every 20 s, but both sides spell
# it from the server's root ("/api/service-worker-heartbeat"): a site in a sub-folder (GitHub
# Pages, a school intranet) sends it outside the worker's scope and gets a 404. Both become
# relative to the site: the page asks next to itself, the worker answers any path ending so.
HEARTBEAT_ASK = 'fetch("/api/service-worker-heartbeat")'
HEARTBEAT_ASK_RELATIVE = 'fetch("api/service-worker-heartbeat")'
HEARTBEAT_ANSWER = re.compile(r'"/api/service-worker-heartbeat"===(\w+)\.pathname')


def patch_heartbeat(site: Path) -> None:
    asked = answered = 0
    for path in site.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        if "/api/service-worker-heartbeat" not in text:
            continue
        asked += text.count(HEARTBEAT_ASK)
        text = text.replace(HEARTBEAT_ASK, HEARTBEAT_ASK_RELATIVE)
        text, count = HEARTBEAT_ANSWER.subn(
            r'\1.pathname.endsWith("/api/service-worker-heartbeat")', text
        )
        answered += count
        if "/api/service-worker-heartbeat" in text.replace('endsWith("/api/service', ""):
            raise SiteError(f"{path.name}: a service-worker heartbeat the build cannot patch")
        path.write_text(text, encoding="utf-8")
    if not asked or not answered:
        raise SiteError(
            "the service-worker heartbeat changed in this JupyterLite: update patch_heartbeat"
        )


def write_index(site: Path) -> None:
    """The site's front door opens the start page (relative, so any folder on any host works)."""
    target = f"{PAGE_DIR.as_posix()}/{START_PAGE}.html"
    (site / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "<title>Back spasms: what is true and what is not</title>\n</head>\n<body>\n"
        f'<p><a href="{target}">Open the course</a></p>\n</body>\n</html>\n'
    )
