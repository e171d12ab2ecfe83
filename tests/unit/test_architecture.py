"""The architecture, by folder: content <- logic <- views <- widgets <- tools <- cli/server.

(Tools: printing and publish, the static website's build, beside the public API; authoring above.)

Every ``import`` in the package (top-level or inside a function) is read from the source, and a
module may import only from its own layer or the layers below. On top of that, fresh interpreters
import each layer and look at ``sys.modules``: logic loads no widget library, views load no
ipywidgets, and nothing but the content check loads pydantic or yaml. The public API is small,
sorted and lazy.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import backedu

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "backedu"

# Layer of each part of the package, lowest first. A module may import its own layer or lower.
LAYERS: dict[str, int] = {
    "backedu.errors": 0,  # imports nothing: every layer may raise these
    "backedu.heap": 0,  # imports nothing of ours: any layer may give freed memory back
    "backedu.content": 1,  # the course as data
    "backedu.logic": 2,  # pure logic
    "backedu.classroom": 2,  # class mode: logic with a store, no HTML
    "backedu.views": 3,  # HTML
    "backedu.widgets": 4,  # ipywidgets: event wiring
    "backedu": 5,  # the public API (__init__), lazy: names widgets by string only
    "backedu.printing": 5,  # worksheets to files and PDF
    "backedu.publish": 5,  # the static website: the site wheel, the pages, the bundle
    "backedu.authoring": 6,  # readability: renders pages through the public API
    "backedu.server": 7,
    "backedu.classserver": 7,  # the class server: a Voilà app with the static site's routes
    "backedu.cli": 7,
    "backedu.__main__": 7,
}
UI = ("ipywidgets", "IPython", "traitlets")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    """The layer of the longest matching entry in LAYERS."""
    owner = max(
        (name for name in LAYERS if module == name or module.startswith(name + ".")), key=len
    )
    return LAYERS[owner]


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from backedu.content import check` imports the submodule
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def backedu_imports(module: str) -> set[str]:
    return {name for name in imports_of(MODULES[module]) if name in MODULES}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        assert layer_of(module) >= 0


def test_imports_are_read_wherever_they_are() -> None:
    """The control for the rules below: a function-local import is seen too."""
    assert "backedu.content.check" in backedu_imports("backedu.content.loader")
    assert layer_of("backedu.views.theme") == 3 and layer_of("backedu.widgets.base") == 4


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_imports_upward(module: str) -> None:
    upward = {name for name in backedu_imports(module) if layer_of(name) > layer_of(module)}
    assert not upward, f"{module} (layer {layer_of(module)}) imports a higher layer: {upward}"


def folder(prefix: str) -> list[str]:
    return [module for module in MODULES if module.startswith(prefix + ".")]


@pytest.mark.parametrize(
    ("prefix", "forbidden"),
    [
        ("backedu.content", ("backedu.logic", "backedu.views", "backedu.widgets", *UI)),
        ("backedu.logic", ("backedu.views", "backedu.widgets", *UI)),
        ("backedu.classroom", ("backedu.views", "backedu.widgets", *UI)),
        ("backedu.views", ("backedu.widgets", "ipywidgets")),
    ],
    ids=["content", "logic", "classroom", "views"],
)
def test_a_folder_never_names_what_it_must_not_import(prefix: str, forbidden: tuple[str, ...]):
    for module in folder(prefix):
        bad = {
            name
            for name in imports_of(MODULES[module])
            if any(name == f or name.startswith(f + ".") for f in forbidden)
        }
        assert not bad, f"{module} imports {bad}"


def test_only_the_content_check_imports_pydantic_or_yaml() -> None:
    users = {
        module
        for module, path in MODULES.items()
        if {name.split(".")[0] for name in imports_of(path)} & {"pydantic", "pydantic_core", "yaml"}
    }
    # constraints.py only names pydantic-core inside the method pydantic itself calls
    assert users <= {"backedu.content.check", "backedu.content.constraints"}, users
    assert "backedu.content.check" in users


def loaded_after_importing(modules: list[str], watched: tuple[str, ...]) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({watched!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return list(eval(result.stdout))  # a printed list of names


@pytest.mark.parametrize(
    ("prefix", "watched"),
    [
        ("backedu.content", ("pydantic", "yaml", *UI)),
        ("backedu.logic", (*UI, "pydantic", "yaml")),
        ("backedu.classroom", (*UI, "pydantic", "yaml")),
        ("backedu.views", ("ipywidgets", "pydantic", "yaml")),
    ],
    ids=["content", "logic", "classroom", "views"],
)
def test_a_layer_loads_no_library_it_must_not(prefix: str, watched: tuple[str, ...]) -> None:
    modules = [m for m in folder(prefix) if m != "backedu.content.check"]
    assert modules
    assert loaded_after_importing(modules, watched) == []


def test_the_probe_sees_a_library_when_it_is_loaded() -> None:
    """The control for the test above: widgets do load ipywidgets, the check loads pydantic."""
    assert loaded_after_importing(["backedu.widgets.quiz"], ("ipywidgets",)) == ["ipywidgets"]
    assert loaded_after_importing(["backedu.content.check"], ("pydantic",)) == ["pydantic"]


# --- the public API -------------------------------------------------------------------------------
PUBLIC_API = [
    "ContentError",
    "Region",
    "answer_key",
    "appointment_planner",
    "article_check",
    "cause_explorer",
    "course",
    "course_overview",
    "current_region",
    "get_help",
    "how_common_chart",
    "lesson_check",
    "lesson_end",
    "lesson_intro",
    "lesson_plans",
    "physio_help",
    "picture",
    "prevention_tips",
    "red_flag_steps",
    "safety_notice",
    "self_care_plan",
    "self_quiz",
    "service_words",
    "symptom_checklist",
    "teacher_dashboard",
    "warning_signs",
    "what_to_do",
    "young_people_signs",
]


def test_public_api_is_this_small_sorted_list() -> None:
    """Adding a public name is a decision: update this list with it."""
    assert backedu.__all__ == sorted(backedu.__all__) == PUBLIC_API


def test_public_api_resolves_and_is_lazy() -> None:
    code = (
        "import sys, backedu\n"
        "print(sorted(m for m in sys.modules if m.startswith('backedu.')))\n"
        "print(all(getattr(backedu, name) is not None for name in backedu.__all__))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded, resolved = result.stdout.splitlines()
    assert loaded == "[]", "import backedu loads no submodule until a name is used"
    assert resolved == "True"


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        backedu.nothing_here  # noqa: B018
