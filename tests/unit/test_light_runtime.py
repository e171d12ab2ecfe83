"""A lesson kernel stays light: after the content is checked (as `backedu serve` does at start),
running every lesson's code loads neither pydantic nor a YAML parser nor class mode's sqlite3, and
the teacher pages and every public page or widget factory add no pydantic or YAML either."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from backedu.content import data_dir
from backedu.content.check import refresh

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
HEAVY = ("pydantic", "pydantic_core", "yaml", "sqlite3")

# Runs in a fresh interpreter: every code cell of the numbered lessons, then of the other notebooks
# (the teacher's), then every public callable that needs no argument; it reports which of the
# heavy modules were imported after the lessons and at the end.
SCRIPT = """
import inspect, json, sys
from pathlib import Path

import backedu

def heavy():
    return sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2].split(",")))

ran, after_lessons = [], None
paths = sorted(Path(sys.argv[1]).glob("*.ipynb"), key=lambda p: (not p.name[:2].isdigit(), p.name))
for path in paths:
    if after_lessons is None and not path.name[:2].isdigit():
        after_lessons = heavy()
    namespace = {}  # one per notebook, like a kernel's
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            exec("".join(cell["source"]), namespace)
            ran.append(path.name)
for name in backedu.__all__:
    value = getattr(backedu, name)
    if callable(value) and not isinstance(value, type) and all(
        p.default is not p.empty or p.kind is p.VAR_KEYWORD
        for p in inspect.signature(value).parameters.values()
    ):
        value()
        ran.append(name)
print(json.dumps({"ran": ran, "after_lessons": after_lessons, "at_the_end": heavy()}))
"""


def test_lessons_and_public_factories_run_without_pydantic_or_yaml() -> None:
    refresh(data_dir())  # what `backedu serve` and `backedu check` do: a fresh snapshot
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(NOTEBOOKS), ",".join(HEAVY)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    notebooks = {path.name for path in NOTEBOOKS.glob("*.ipynb")}
    assert set(report["ran"]) >= notebooks | {"symptom_checklist", "self_quiz", "course"}
    assert report["after_lessons"] == []
    # The teacher dashboard reads the class database, so it may load sqlite3; nothing else.
    assert set(report["at_the_end"]) <= {"sqlite3"}


def test_the_check_is_what_brings_pydantic_in() -> None:
    """The control: the same probe sees pydantic when the check runs, so it can fail."""
    code = (
        "import sys; from backedu.content import check, data_dir; check.check_course(data_dir());"
        "print('pydantic' in sys.modules and 'yaml' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "True"
