"""The lesson notebooks: stored clean, thin (one backedu call per code cell), in the order of
lessons.yaml, linked from the landing page, and readable."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from backedu.authoring.readability import notebook_markdown
from backedu.content import course

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LESSON_NOTEBOOKS = [p for p in NOTEBOOKS if re.match(r"\d\d-", p.name)]
CALL = re.compile(r"^backedu\.[a-z_]+\((\"[a-z0-9-]+\")?\)$")
FIRST_CELL = "import backedu\n\nbackedu.safety_notice()"


def lesson_id(path: Path) -> str:
    return next(lesson.id for lesson in course().lessons if lesson.notebook == path.name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_one_line_backedu_calls(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    code = [cell.source.strip() for cell in notebook.cells if cell.cell_type == "code"]
    assert code[0] == FIRST_CELL, "every page opens with the safety notice"
    for source in code[1:]:
        assert CALL.match(source), f"not a one-line backedu call: {source!r}"


def test_every_lesson_notebook_is_in_lessons_yaml_in_order() -> None:
    assert [lesson.notebook for lesson in course().lessons] == [p.name for p in LESSON_NOTEBOOKS]


@pytest.mark.parametrize("path", LESSON_NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_opens_and_ends_with_its_own_parts(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    code = [cell.source.strip() for cell in notebook.cells if cell.cell_type == "code"]
    own_id = lesson_id(path)
    assert f'backedu.lesson_intro("{own_id}")' in code
    assert code[-1] == f'backedu.lesson_end("{own_id}")'
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")


@pytest.mark.parametrize("path", LESSON_NOTEBOOKS, ids=lambda p: p.name)
def test_last_cell_links_to_the_next_lesson(path: Path) -> None:
    """In markdown, so the link opens in the same tab in Voilà and reads well in Jupyter."""
    lessons = course().lessons
    position = [lesson.notebook for lesson in lessons].index(path.name)
    last = nbformat.read(path, as_version=4).cells[-1]
    assert last.cell_type == "markdown"
    if position + 1 < len(lessons):
        following = lessons[position + 1]
        assert last.source == f"**Next:** [{following.title}]({following.notebook})"
    else:
        assert "[Back to the start](00-start-here.ipynb)" in last.source


def test_landing_links_every_lesson_in_order() -> None:
    landing = notebook_markdown(ROOT / "notebooks" / "00-start-here.ipynb")
    section = landing.split("## The lessons", 1)[1].split("\n## ", 1)[0]
    linked = re.findall(r"\]\((\d\d-[a-z0-9-]+\.ipynb)\)", section)
    assert linked == [lesson.notebook for lesson in course().lessons[1:]]


@pytest.mark.parametrize("path", LESSON_NOTEBOOKS, ids=lambda p: p.name)
def test_relative_links_point_at_existing_notebooks(path: Path) -> None:
    for target in re.findall(r"\]\(([^)#]+\.ipynb)\)", notebook_markdown(path)):
        assert (path.parent / target).is_file(), f"{path.name} links to missing {target}"
