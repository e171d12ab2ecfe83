"""The shape of the package: pure logic stays free of widget libraries, the public API is small,
sorted and real, and environment.yml mirrors pyproject's runtime dependencies."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import backedu

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "backedu"
UI_MODULES = ("ipywidgets", "IPython", "traitlets")
# Modules that exist to talk to Voilà or to widgets; everything else must be pure.
NOT_PURE = {"backedu.server"}


def pure_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        if (
            module.startswith("backedu.widgets")
            or module in NOT_PURE
            or module.endswith("__main__")
        ):
            continue
        names.append(module)
    return names


@pytest.mark.parametrize("module", pure_modules())
def test_pure_module_imports_no_widget_library(module: str) -> None:
    code = f"import sys, {module}; print([m for m in {UI_MODULES!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]", f"{module} pulls in {result.stdout.strip()}"


def test_import_backedu_loads_nothing_heavy() -> None:
    heavy = ("pydantic", "yaml", "ipywidgets")
    code = f"import sys, backedu; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_public_api_is_sorted_and_resolves() -> None:
    assert backedu.__all__ == sorted(backedu.__all__)
    for name in backedu.__all__:
        assert getattr(backedu, name) is not None, name
    public = {name for name in dir(backedu) if not name.startswith("_")}
    submodules = {
        path.stem
        for path in PACKAGE.iterdir()
        if path.suffix == ".py" or (path / "__init__.py").exists()
    }
    assert public - submodules - {"annotations", "importlib", "Any"} <= set(backedu.__all__)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        backedu.nothing_here  # noqa: B018


def _requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower()


def test_environment_yml_mirrors_pyproject() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pip_deps = {
        _requirement_name(d): d.replace(" ", "") for d in pyproject["project"]["dependencies"]
    }
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_deps = {
        _requirement_name(d): d.replace(" ", "")
        for d in env["dependencies"]
        if isinstance(d, str) and _requirement_name(d) not in {"python", "pip"}
    }
    assert conda_deps == pip_deps
    python = next(d for d in env["dependencies"] if _requirement_name(d) == "python")
    assert python.replace(" ", "") == "python" + pyproject["project"]["requires-python"]


def test_test_tools_are_not_runtime_dependencies() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = {_requirement_name(d) for d in pyproject["project"]["dependencies"]}
    for tool in ("pytest", "nbval", "playwright", "textstat", "hypothesis"):
        assert tool not in runtime
        assert any(
            _requirement_name(d) == tool
            for d in pyproject["project"]["optional-dependencies"]["test"]
        )
