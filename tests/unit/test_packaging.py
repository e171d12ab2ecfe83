"""How backedu is packaged and run: environment.yml mirrors pyproject's runtime dependencies, test
and authoring tools stay out of the runtime, and `make` takes HOST and PORT only from its own
command line (the installed wheel is tested in tests/http/test_installed_wheel.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower()


def test_environment_yml_mirrors_pyproject() -> None:
    pip_deps = {
        _requirement_name(d): d.replace(" ", "") for d in PYPROJECT["project"]["dependencies"]
    }
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_deps = {
        _requirement_name(d): d.replace(" ", "")
        for d in env["dependencies"]
        if isinstance(d, str) and _requirement_name(d) not in {"python", "pip"}
    }
    assert conda_deps == pip_deps
    python = next(d for d in env["dependencies"] if _requirement_name(d) == "python")
    assert python.replace(" ", "") == "python" + PYPROJECT["project"]["requires-python"]


def test_pyproject_names_only_files_that_exist() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for named in re.findall(r"\b(?:tests|backedu|scripts)/[\w/.-]+\.py\b", text):
        assert (ROOT / named).is_file(), f"pyproject.toml names {named}, which does not exist"


@pytest.mark.parametrize(
    ("extra", "tools"),
    [
        ("test", ("pytest", "nbval", "playwright", "hypothesis", "mypy", "ruff")),
        ("authoring", ("textstat",)),
    ],
)
def test_tools_are_extras_not_runtime_dependencies(extra: str, tools: tuple[str, ...]) -> None:
    runtime = {_requirement_name(d) for d in PYPROJECT["project"]["dependencies"]}
    listed = {_requirement_name(d) for d in PYPROJECT["project"]["optional-dependencies"][extra]}
    for tool in tools:
        assert tool not in runtime
        assert tool in listed


def test_the_test_extra_brings_the_authoring_tools() -> None:
    assert "backedu[authoring]" in PYPROJECT["project"]["optional-dependencies"]["test"]


def make_dry_run(target: str, *args: str, **environ: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", target, *args],
        cwd=ROOT,
        env={**os.environ, **environ},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return next(line for line in result.stdout.splitlines() if "backedu " in line)


def test_make_ignores_host_and_port_from_the_environment() -> None:
    line = make_dry_run("serve", HOST="0.0.0.0", PORT="9999")  # as zsh sets HOST
    assert line.endswith("backedu serve --host 127.0.0.1 --port 8866")
    line = make_dry_run("class", HOST="myhost")
    assert "backedu class --region uk" in line and line.endswith("--host 0.0.0.0 --port 8866")


def test_make_takes_host_and_port_from_its_command_line() -> None:
    line = make_dry_run("serve", "HOST=0.0.0.0", "PORT=8870")
    assert line.endswith("backedu serve --host 0.0.0.0 --port 8870")
    assert make_dry_run("class", "HOST=10.0.0.5").endswith("--host 10.0.0.5 --port 8866")
