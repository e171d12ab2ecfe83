"""Build the course as a static website (Voici): every page's Python runs in the student's browser.

    python -m static.build --out site [--region uk|us|eu] [--wheel FILE ...] [--force]

``build_site()`` is the whole pipeline, in the order it runs:

1. Wheels: the pinned browser wheels from PyPI (cached), the pyodide kernel's own, small
   stand-ins for what the kernel insists on but no page uses, and the wheels passed in (the
   course's own package). All precompiled to .pyc by Pyodide itself, then listed in a
   rewritten ``pyodide-lock.json`` beside npm Pyodide's core files in ``site/pyodide/``.
2. Pages: each notebook is run once here, with the region set, so what needs no kernel is put
   into the HTML (static/prerender.py); then Voici renders the pages with our template.
3. Each page's settings: Pyodide from this site only (no PyPI, no CDN), the packages the page
   needs preloaded in one go, and the region in the kernel's environment.

A fingerprint of every input is kept in ``site/.fingerprint``: the same inputs give the same
site, so the build is skipped; any change (a notebook, the content, a wheel) rebuilds it all,
always from a clean folder (a reused JupyterLite cache once served a stale, CDN-bound page).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from static import prerender, wheels
from static.wheels import BuildError

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "static"
TEMPLATES = HERE / "share" / "jupyter"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
DEFAULT_CACHE = ROOT / ".cache" / "static"
PROBE_PROJECT = HERE / "demo" / "probe"
PROBE_NOTEBOOKS = (HERE / "demo" / "notebooks" / "probe.ipynb",)

REGIONS = {"uk": "the United Kingdom", "us": "the United States", "eu": "Europe"}
START_PAGE = "00-start-here"
# Student lessons are named NN-slug.ipynb (docs/DEVELOPING.md). Only those are published: the
# teacher guide (answer key) and the teacher dashboard stay in the served app.
LESSON_NAME = re.compile(r"\d\d-[a-z0-9-]+\.ipynb")
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
PAGE_DIR = Path("voici") / "render"
# Where the boot report lands in the browser's Python (site-packages of Pyodide 0.29).
BOOT_REPORT = "/lib/python3.13/site-packages/backedu_site_boot/report.py"
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
    pages: list[dict] = field(default_factory=list)
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


def lesson_notebooks(notebooks_dir: Path) -> list[Path]:
    """The start page and the student lessons, in order."""
    found = sorted(
        path for path in notebooks_dir.glob("*.ipynb") if LESSON_NAME.fullmatch(path.name)
    )
    if not any(path.stem == START_PAGE for path in found):
        raise BuildError(f"{notebooks_dir}: no {START_PAGE}.ipynb, the site's start page")
    return found


def fingerprint(inputs: Iterable[Path], settings: dict) -> str:
    """One hash over the given files (folders walked) and settings."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
    for top in sorted(set(inputs)):
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top]
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(
                str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode()
            )
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_wheel(project: Path, out_dir: Path) -> Path:
    """``pip wheel`` of a project folder, without its dependencies (they are pinned here)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    before = set(out_dir.glob("*.whl"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out_dir), str(project)],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise BuildError(f"building a wheel of {project} failed: {last}")
    made = set(out_dir.glob("*.whl")) - before or {
        max(out_dir.glob("*.whl"), key=lambda p: p.stat().st_mtime)
    }
    return made.pop()


def boot_wheels(out_dir: Path) -> list[Path]:
    """The kernel's stand-ins and our boot report, as tiny wheels made here."""
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
                "backedu_site_boot/report.py": (HERE / "boot" / "report.py").read_text(),
            },
        )
    )
    return made


def tool_versions() -> dict[str, str]:
    versions = {name: metadata.version(name) for name in TOOL_DISTRIBUTIONS}
    versions["pyodide"] = json.loads((PYODIDE_NPM / "package.json").read_text())["version"]
    return versions


def build_site(
    notebooks_dir: Path,
    out_dir: Path,
    *,
    region: str = "uk",
    wheel_files: Sequence[Path] = (),
    extra_notebooks: Sequence[Path] = PROBE_NOTEBOOKS,
    extra_projects: Sequence[Path] = (PROBE_PROJECT,),
    content_sources: Sequence[Path] = (ROOT / "backedu",),
    cache_dir: Path = DEFAULT_CACHE,
    force: bool = False,
    log=print,
) -> BuildReport:
    """Build the site in ``out_dir`` (replaced whole), or keep it if its inputs are unchanged.

    ``wheel_files`` are the course's own wheels, shipped and importable by the pages (the
    backedu wheel, with its sealed content snapshot); ``extra_projects`` are project folders
    built into wheels here first. ``content_sources`` are folders whose change must rebuild
    the site even when no wheel is passed, because the build-time run of the notebooks reads
    them (today: the installed backedu package and its content).
    """
    started = time.monotonic()
    region = region.strip().lower()
    if region not in REGIONS:
        raise BuildError(f"region {region!r} is not one of: {', '.join(REGIONS)}")
    if not PYODIDE_NPM.joinpath("pyodide.asm.wasm").exists():
        raise BuildError("npm's pyodide package is missing: run `npm ci` (make static does)")
    notebooks = [*lesson_notebooks(notebooks_dir), *extra_notebooks]
    out_dir = out_dir.resolve()

    inputs = [*notebooks, *wheel_files, *extra_projects, *content_sources, HERE]
    settings = {"region": region, "tools": tool_versions(), "python": sys.version.split()[0]}
    print_ = fingerprint(inputs, settings)
    stamp = out_dir / ".fingerprint"
    if not force and stamp.exists() and stamp.read_text().strip() == print_:
        report = json.loads((out_dir / ".build-report.json").read_text())
        report.update(built=False, seconds=time.monotonic() - started)
        return BuildReport(**report)

    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="backedu-static-") as tmp:
        work = Path(tmp)
        log("wheels: PyPI (cached), the kernel's, stand-ins, the course's")
        made = [build_wheel(project, work / "built") for project in extra_projects]
        sources = [
            *wheels.download(wheels.REQUIREMENTS, cache_dir / "pypi"),
            *wheels.kernel_wheels(),
            *wheel_files,
            *made,
        ]
        sources = wheels.patched(sources, work / "patched")
        compiled = wheels.precompile(sources, PYODIDE_NPM, cache_dir / "pyc")
        shipped = [wheels.read_wheel(path) for path in [*compiled, *boot_wheels(work / "boot")]]
        stage = work / "site"
        lock = wheels.bundle_lock(PYODIDE_NPM, shipped)

        log(f"pages: running {len(notebooks)} notebooks once to render what needs no kernel")
        index = wheels.import_index(lock)
        course_paths = os.pathsep.join(str(path) for path in [*wheel_files, *made])
        env = {"BACKEDU_REGION": region}
        if course_paths:
            env["PYTHONPATH"] = course_paths + os.pathsep + os.environ.get("PYTHONPATH", "")
        contents = work / "lite" / "contents"
        pages = [
            prerender.prepare(
                path,
                contents / path.name,
                import_index=index,
                env=env,
                page_notes={"region_label": REGIONS[region]},
            )
            for path in notebooks
        ]
        for page in pages:
            note = (
                "interactive"
                if page.interactive
                else f"read-only (needs {', '.join(page.missing)})"
            )
            log(f"  {page.name}: {note}")

        log("voici: rendering the pages")
        run_voici(work / "lite", contents, stage)
        wheels.write_bundle(PYODIDE_NPM, shipped, lock, stage / "pyodide")
        for page in pages:
            finish_page(
                stage / PAGE_DIR / (Path(page.name).stem + ".html"),
                page=page,
                site=stage,
                packages=wheels.preload_list(lock, ["backedu-site-boot", *page.packages]),
                region=region,
                built_pages={Path(p.name).stem for p in pages},
            )
        write_index(stage)
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
            fingerprint=print_,
            pages=json.loads(json.dumps([asdict(page) for page in pages])),  # as when reused
            packages=sorted(lock["packages"]),
            bytes_total=sum(p.stat().st_size for p in stage.rglob("*") if p.is_file()),
        )
        (stage / ".build-report.json").write_text(json.dumps(asdict(report), indent=1) + "\n")
        (stage / ".fingerprint").write_text(print_ + "\n")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(stage), str(out_dir))
    report.seconds = time.monotonic() - started
    return report


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
            raise BuildError(
                f"lab extension {name} is not installed: run `make static` to set it up"
            )
        extensions.append(f"--LiteBuildConfig.federated_extensions={found[0]}")
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(TEMPLATES), env.get("JUPYTER_PATH")]))
    command = [
        sys.executable, "-c", "from voici_core.app import main; main()", "build",
        "--lite-dir", str(lite_dir), "--contents", str(contents), "--output-dir", str(out),
        "--template", "backedu-static", "--strip_sources", "True", "--show_tracebacks", "False",
        "--no-sourcemaps", "--no-unused-shared-packages", "--ignore-sys-prefix",
        f"--LiteBuildConfig.cache_dir={lite_dir / '.cache'}",
        *extensions,
    ]  # fmt: skip
    result = subprocess.run(command, cwd=lite_dir, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise BuildError(f"voici build failed: {(lines or ['no output'])[-1]}")


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
        raise BuildError(f"{path.name}: no jupyter-config-data in the rendered page")
    config = json.loads(match[2])
    to_site = os.path.relpath(site, path.parent).replace(os.sep, "/")
    config["litePluginSettings"] = {
        KERNEL_PLUGIN: {
            "pyodideUrl": f"{to_site}/pyodide/pyodide.js",
            "disablePyPIFallback": True,
            "pipliteUrls": [],
            "loadPyodideOptions": {
                "packages": list(packages),
                "env": {"BACKEDU_REGION": region, "PYTHONSTARTUP": BOOT_REPORT},
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

    def unlink(link: re.Match) -> str:
        if link[1] in built_pages:
            return link[0]
        return f"{link[3]} (in the class app)"

    text = PAGE_LINK.sub(unlink, text)
    path.write_text(text)


def write_index(site: Path) -> None:
    """The site's front door opens the start page (relative, so any folder on any host works)."""
    target = f"{PAGE_DIR.as_posix()}/{START_PAGE}.html"
    (site / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "<title>Back spasms: what is true and what is not</title>\n</head>\n<body>\n"
        f'<p><a href="{target}">Open the course</a></p>\n</body>\n</html>\n'
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m static.build", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--region", default=os.environ.get("BACKEDU_REGION", "uk"))
    parser.add_argument("--wheel", type=Path, action="append", default=[], help="a wheel to ship")
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(argv)
    try:
        report = build_site(
            args.notebooks, args.out, region=args.region, wheel_files=args.wheel, force=args.force
        )
    except BuildError as error:
        print(f"make static: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
