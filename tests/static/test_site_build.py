"""What `make static` puts in site/: the right pages, a consistent lock, the course's site wheel
with only what the lessons run, and nothing from elsewhere."""

from __future__ import annotations

import email.parser
import hashlib
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import nbformat
import pytest

from backedu.publish import sitewheel
from tests.support.static_site import PAGE_DIR, ROOT, TEST_SITE

pytestmark = pytest.mark.slow_build

PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
LESSONS = sorted(path.stem for path in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def pages() -> list[Path]:
    return sorted((TEST_SITE / PAGE_DIR).glob("*.html"))


def config_of(page: str) -> dict[str, Any]:
    html = (TEST_SITE / PAGE_DIR / f"{page}.html").read_text()
    match = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, page
    return dict(json.loads(match[1]))


def kernel_settings(page: str) -> dict[str, Any]:
    return dict(
        config_of(page)["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    )


def site_wheel() -> zipfile.ZipFile:
    (path,) = (TEST_SITE / "pyodide").glob("backedu-*.whl")
    return zipfile.ZipFile(path)


def test_every_student_lesson_is_a_page_and_no_teacher_page_is(static_build: Any) -> None:
    assert LESSONS, "no lessons found"
    assert {path.stem for path in pages()} == set(LESSONS)
    every_file = "\n".join(str(p) for p in TEST_SITE.rglob("*"))
    assert "teacher-guide" not in every_file and "teacher-dashboard" not in every_file
    assert all(page["interactive"] for page in static_build.pages)


def test_no_page_links_or_loads_anything_from_another_site(static_build: Any) -> None:
    for path in [*pages(), TEST_SITE / "index.html"]:
        html = path.read_text()
        external = re.findall(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(https?:)?//', html)
        assert not external, f"{path.name} loads from another site"
        assert "cdn.jsdelivr" not in html and "cdnjs" not in html, path.name


def test_links_between_pages_resolve_and_missing_ones_are_unlinked(static_build: Any) -> None:
    start = (TEST_SITE / PAGE_DIR / "00-start-here.html").read_text()
    assert "teacher guide (in the class app)" in start
    for path in pages():
        for target in re.findall(r'<a href="([^":#?]+\.html)', path.read_text()):
            assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def test_lock_lists_exactly_the_shipped_wheels_with_their_hashes(static_build: Any) -> None:
    bundle = TEST_SITE / "pyodide"
    lock = json.loads((bundle / "pyodide-lock.json").read_text())
    npm_lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text())
    assert lock["info"] == npm_lock["info"]
    wheels = {path.name for path in bundle.glob("*.whl")}
    assert {entry["file_name"] for entry in lock["packages"].values()} == wheels
    for name, entry in lock["packages"].items():
        data = (bundle / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert set(entry["depends"]) <= set(lock["packages"]), name
    # The kernel's must-haves are there; what no page uses is not (or is an empty stand-in).
    assert {"ipython", "ipywidgets", "pyodide-kernel", "backedu"} <= set(lock["packages"])
    assert "matplotlib-inline" not in lock["packages"]
    assert lock["packages"]["jedi"]["imports"] == []
    # Each page preloads what its calls need: the lock does not pull ipywidgets in for backedu.
    assert lock["packages"]["backedu"]["depends"] == []


def test_shipped_modules_are_precompiled_for_the_browser_python(static_build: Any) -> None:
    for pattern, module in (("ipython-*.whl", "IPython/core/interactiveshell"),
                            ("backedu-*.whl", "backedu/widgets/triage")):  # fmt: skip
        (wheel,) = (TEST_SITE / "pyodide").glob(pattern)
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            assert f"{module}.pyc" in names and f"{module}.py" not in names
            magic = archive.read(f"{module}.pyc")[:4]
        assert magic == b"\xf3\r\r\n", "not CPython 3.13 bytecode (Pyodide 0.29)"


def test_each_page_preloads_what_it_needs_from_this_site_only(static_build: Any) -> None:
    for lesson in LESSONS:
        kernel = kernel_settings(lesson)
        assert kernel["disablePyPIFallback"] is True and kernel["pipliteUrls"] == []
        assert kernel["pyodideUrl"] == "../../pyodide/pyodide.js"
        assert kernel["loadPyodideOptions"]["env"]["BACKEDU_REGION"] == "uk"
        assert "backedu" in kernel["loadPyodideOptions"]["packages"]
        cells = config_of(lesson)["notebookSrc"]["cells"]
        assert not any("backedu_static" in cell.get("metadata", {}) for cell in cells)
    # The start page draws no widget; the symptoms page does.
    assert "ipywidgets" not in kernel_settings("00-start-here")["loadPyodideOptions"]["packages"]
    assert "ipywidgets" in kernel_settings("02-symptoms")["loadPyodideOptions"]["packages"]


@pytest.mark.parametrize("page", ["00-start-here", "02-symptoms", "07-check-the-article"])
def test_safety_notice_is_in_the_html_before_any_python_runs(static_build: Any, page: str) -> None:
    html = (TEST_SITE / PAGE_DIR / f"{page}.html").read_text()
    notice = html.index("backedu-safety-notice")
    assert "backedu-prerendered" in html[:notice]
    assert "Call 999" in html[notice : notice + 2000]  # the region the test site is built for
    assert "advice is for the United Kingdom" in html


# --- the course's own wheel ----------------------------------------------------------------------
def test_site_wheel_carries_the_lessons_code_and_nothing_the_site_must_not(
    static_build: Any,
) -> None:
    with site_wheel() as wheel:
        names = wheel.namelist()
    modules = {
        name.removesuffix(".pyc").removesuffix("/__init__").replace("/", ".")
        for name in names
        if name.startswith("backedu/") and name.endswith(".pyc")
    }
    assert not [m for m in modules if sitewheel.not_shipped_reason(m)]
    for module in ("backedu.widgets.teaching", "backedu.views.teaching", "backedu.views.dashboard",
                   "backedu.widgets.dashboard", "backedu.classroom.store",
                   "backedu.classroom.writer", "backedu.server", "backedu.cli",
                   "backedu.printing", "backedu.authoring", "backedu.content.check"):  # fmt: skip
        assert module not in modules
    notebooks = {}
    for lesson in LESSONS:
        notebook = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
        notebooks[lesson] = sitewheel.calls_in(
            c.source for c in notebook.cells if c.cell_type == "code"
        )
    reached = set().union(*(sitewheel.reach(c, where=n).modules for n, c in notebooks.items()))
    assert modules == reached  # exactly what the lessons' calls reach
    assert not [name for name in names if name.endswith((".yaml", ".ipynb", "voila.json"))]


def test_site_wheel_content_is_a_sealed_snapshot(static_build: Any, tmp_path: Path) -> None:
    with site_wheel() as wheel:
        wheel.extractall(tmp_path)
    data = tmp_path / "backedu" / "content" / "data"
    assert sorted(p.name for p in data.iterdir()) == ["checked.json"]
    from backedu.content import snapshot

    assert snapshot.is_sealed(data)
    assert snapshot.read(data / "checked.json", expected=None) is not None


def test_site_wheel_requires_only_what_runs_in_the_browser(static_build: Any) -> None:
    with site_wheel() as wheel:
        (meta,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        message = email.parser.Parser().parsestr(wheel.read(meta).decode())
    assert message["Version"].endswith("+site")
    assert message.get_all("Requires-Dist") == list(sitewheel.SITE_REQUIRES.values())
