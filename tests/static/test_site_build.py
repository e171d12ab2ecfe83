"""What `make static` puts in site/: the right pages, a consistent lock, nothing from elsewhere."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.static_site import PAGE_DIR, ROOT, TEST_SITE

PYODIDE_NPM = ROOT / "node_modules" / "pyodide"


def pages() -> list[Path]:
    return sorted((TEST_SITE / PAGE_DIR).glob("*.html"))


def test_every_student_lesson_and_the_probe_and_no_teacher_page(static_build: Any) -> None:
    built = {path.stem for path in pages()}
    lessons = {path.stem for path in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")}
    assert lessons, "no lessons found"
    assert built == lessons | {"probe"}
    assert not any("teacher" in name for name in built)
    every_file = "\n".join(str(p) for p in TEST_SITE.rglob("*"))
    assert "teacher-guide" not in every_file and "teacher-dashboard" not in every_file


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
    assert {"ipython", "ipywidgets", "pyodide-kernel", "backedu-probe"} <= set(lock["packages"])
    assert "matplotlib-inline" not in lock["packages"]
    assert lock["packages"]["jedi"]["imports"] == []


def test_shipped_modules_are_precompiled_for_the_browser_python(static_build: Any) -> None:
    import zipfile

    wheel = next((TEST_SITE / "pyodide").glob("ipython-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "IPython/core/interactiveshell.pyc" in names
    assert not any(name.endswith(".py") and name.startswith("IPython/core/") for name in names)
    magic = zipfile.ZipFile(wheel).read("IPython/core/interactiveshell.pyc")[:4]
    assert magic == b"\xf3\r\r\n", "not CPython 3.13 bytecode (Pyodide 0.29)"


def test_pages_ship_only_their_kernel_settings(static_build: Any) -> None:
    probe = config_of("probe")
    kernel = probe["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"] == "../../pyodide/pyodide.js"
    assert "backedu-probe" in kernel["loadPyodideOptions"]["packages"]
    assert kernel["loadPyodideOptions"]["env"]["BACKEDU_REGION"] == "uk"
    cells = probe["notebookSrc"]["cells"]
    assert not any("backedu_static" in cell.get("metadata", {}) for cell in cells)


def config_of(page: str) -> dict:
    html = (TEST_SITE / PAGE_DIR / f"{page}.html").read_text()
    match = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, page
    return json.loads(match[1])


@pytest.mark.parametrize("page", ["00-start-here", "02-symptoms", "07-check-the-article"])
def test_safety_notice_is_in_the_html_before_any_python_runs(static_build: Any, page: str) -> None:
    html = (TEST_SITE / PAGE_DIR / f"{page}.html").read_text()
    notice = html.index("backedu-safety-notice")
    assert "backedu-prerendered" in html[:notice]
    assert "Call 999" in html[notice : notice + 2000]  # the region the test site is built for


def test_lessons_that_cannot_run_in_the_browser_yet_say_so(static_build: Any) -> None:
    by_name = {page["name"]: page for page in static_build.pages}
    assert by_name["probe.ipynb"]["interactive"] is True
    lesson = by_name["02-symptoms.ipynb"]
    if not lesson["interactive"]:  # until backedu ships as a wheel that runs in Pyodide
        assert lesson["missing"] == ["backedu"]
        html = (TEST_SITE / PAGE_DIR / "02-symptoms.html").read_text()
        assert "This page is for reading." in html
        assert "voici.js" not in html
