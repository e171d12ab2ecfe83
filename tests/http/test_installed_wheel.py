"""The package runs anywhere: the built wheel, installed into a fresh virtual environment, serves
the whole course from an empty folder, ships a checked content snapshot its lesson pages use
without pydantic, copies its notebooks out, and cannot be built from broken content.

Slow by nature (a wheel build, a fresh venv, a server): one module-wide install serves every test.
pip takes the dependencies from the package index (its cache makes later runs quick).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.server import fetch, running_server

pytestmark = [pytest.mark.wheel, pytest.mark.server]

ROOT = Path(__file__).resolve().parents[2]
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "test-artifacts", "dist", "build", "__pycache__", "*.egg-info"
)


def run(*command: str | Path, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def build_wheel(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Build the wheel the way a user would: pip, with build isolation."""
    return run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, source, cwd=out.parent)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (no system site-packages) with the built wheel installed; its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    built = build_wheel(ROOT, work / "dist")
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-3000:]
    (wheel,) = (work / "dist").glob("backedu-*.whl")
    venv = work / "venv"
    made = run(sys.executable, "-m", "venv", venv, cwd=work)
    assert made.returncode == 0, made.stderr
    pip = run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=work)
    assert pip.returncode == 0, pip.stderr[-3000:]
    return venv / "bin"


@pytest.fixture
def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def served(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``backedu serve`` of the installed wheel, started in an empty folder; its base URL."""
    folder = tmp_path_factory.mktemp("empty-serve")
    (shipped,) = installed.parent.glob("lib/python*/site-packages/backedu/notebooks")
    with running_server(
        lambda port: [str(installed / "backedu"), "serve", "--port", str(port)],
        folder.parent,
        name="serve",
        cwd=folder,
        notebooks=shipped,
    ) as server:
        assert list(folder.iterdir()) == [], "serving wrote nothing into the working folder"
        yield server.base_url


def test_the_start_page_opens_from_an_empty_folder(served: str) -> None:
    page = fetch(served + "/")
    landed, body = page.url, page.body
    assert landed == served + "/voila/render/00-start-here.ipynb"
    assert "It does not diagnose." in body


def test_a_lesson_renders_with_its_widgets(served: str) -> None:
    body = fetch(served + "/voila/render/02-symptoms.ipynb").body
    assert "It does not diagnose." in body
    assert "backedu-emergency" in body, "the checklist was built in the kernel"
    assert "Traceback" not in body and "import backedu" not in body


def test_the_shipped_snapshot_is_fresh_and_pages_load_without_pydantic(
    installed: Path, empty_folder: Path
) -> None:
    probe = (
        "import json, sys\n"
        "import backedu\n"
        "from backedu.content import data_dir, snapshot\n"
        "stamp = snapshot.fingerprint(data_dir())\n"
        "fresh = snapshot.read(data_dir() / 'checked.json', expected=stamp)\n"
        "backedu.symptom_checklist(); backedu.lesson_check('symptoms')\n"
        "print(json.dumps({'fresh': fresh is not None, 'package': str(data_dir()),\n"
        "                  'heavy': sorted({'pydantic', 'yaml'} & set(sys.modules))}))\n"
    )
    result = run(installed / "python", "-c", probe, cwd=empty_folder)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert str(installed.parent) in report["package"], "the installed package, not the checkout"
    assert report["fresh"] and report["heavy"] == []


def test_notebooks_are_copied_out_for_jupyter(installed: Path, empty_folder: Path) -> None:
    result = run(installed / "backedu", "notebooks", "lessons", cwd=empty_folder)
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in (empty_folder / "lessons").iterdir())
    assert names == sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
    again = run(installed / "backedu", "notebooks", "lessons", cwd=empty_folder)
    assert again.returncode == 1 and "nothing was copied" in again.stderr


def test_broken_content_fails_the_build_with_one_line(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_COPIED)
    (source / "backedu" / "content" / "data" / "checked.json").unlink(missing_ok=True)
    lessons = source / "backedu" / "content" / "data" / "lessons.yaml"
    text = lessons.read_text(encoding="utf-8")
    lessons.write_text(text.replace("minutes:", "minutes: -1 #", 1), encoding="utf-8")
    (tmp_path / "dist").mkdir()
    result = build_wheel(source, tmp_path / "dist")
    assert result.returncode != 0
    assert not list((tmp_path / "dist").glob("*.whl"))
    lines = [
        line for line in (result.stdout + result.stderr).splitlines() if "backedu build" in line
    ]
    assert lines, result.stdout[-2000:] + result.stderr[-2000:]
    assert "lessons.yaml, item" in lines[0] and "field 'minutes'" in lines[0]
