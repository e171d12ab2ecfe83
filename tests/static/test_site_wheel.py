"""The course's own wheel for the static site: what the lessons reach, nothing the site must not
carry, and it runs with no content checker at all."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from backedu.errors import SiteError
from backedu.publish import sitewheel
from tests.support.static_site import ROOT

LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_calls_are_read_as_a_lesson_may_write_them() -> None:
    cells = [
        "import backedu\n\nbackedu.safety_notice()",
        "from backedu import self_quiz\nself_quiz()",
    ]
    assert sitewheel.calls_in(cells) == {"safety_notice", "self_quiz"}


def test_a_lesson_calling_teacher_material_stops_the_build() -> None:
    with pytest.raises(SiteError, match=r"calls backedu\.answer_key, which the static site"):
        sitewheel.reach({"lesson_intro", "answer_key"}, where="09-x.ipynb")
    with pytest.raises(SiteError, match=r"calls backedu\.no_such_thing, which backedu does not"):
        sitewheel.reach({"no_such_thing"}, where="09-x.ipynb")


def test_a_shipped_module_importing_what_must_not_ship_stops_the_build(tmp_path: Path) -> None:
    package = tmp_path / "backedu"
    shutil.copytree(sitewheel.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    pages = package / "views" / "pages.py"
    pages.write_text(pages.read_text().replace(
        "from backedu.views import theme\n",
        "from backedu.views import theme\nfrom backedu.views import teaching\n",
    ))  # fmt: skip
    assert sitewheel.reach({"safety_notice"}, where="00.ipynb").modules  # the real one is fine
    with pytest.raises(SiteError, match=r"backedu\.views\.pages imports backedu\.views\.teaching"):
        sitewheel.reach({"safety_notice"}, where="00.ipynb", package=package)


def test_the_walk_reads_function_local_imports_and_stops_where_it_must() -> None:
    reached = sitewheel.reach({"lesson_check"}, where="01.ipynb")
    # classroom.recorder imports the writer only inside a function, in class mode: not shipped
    assert "backedu.classroom.recorder" in reached.modules
    assert "backedu.classroom.writer" not in reached.modules
    # loader imports the checker only when the content changed: a sealed snapshot never does
    assert "backedu.content.loader" in reached.modules
    assert "backedu.content.check" not in reached.modules
    assert reached.libraries == {"ipywidgets"}
    assert sitewheel.reach({"safety_notice"}, where="00.ipynb").libraries == set()


def test_the_wheel_runs_every_lesson_call_without_the_checker(tmp_path: Path) -> None:
    """In a fresh Python where pydantic, PyYAML and sqlite3 cannot be imported at all."""
    calls = sitewheel.student_lesson_calls(LESSONS)
    wheel = sitewheel.build(calls, tmp_path / "wheel")
    unpacked = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel.path) as archive:
        archive.extractall(unpacked)
    sources = [
        cell
        for path in LESSONS
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "code"
    ]
    code = "\n".join(cell.source for cell in sources)
    script = f"""
import sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pydantic", "pydantic_core", "yaml", "sqlite3"):
            raise ImportError(f"{{name}} is not in the browser")
sys.meta_path.insert(0, Refuse())
try:
    import yaml
except ImportError:
    pass
else:
    raise SystemExit("the refusal does not work")
{code}
import backedu, backedu.content.loader as loader
assert backedu.__file__.startswith({str(unpacked)!r}), backedu.__file__
assert loader.snapshot.is_sealed(loader.data_dir())
print("ran", len(backedu.course().lessons), "lessons")
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(unpacked), "BACKEDU_REGION": "us", "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ran ")
