"""The build keeps a site while its inputs are unchanged, and rebuilds it on any change."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from static.build import build_site, fingerprint, lesson_notebooks
from static.wheels import BuildError

pytestmark = pytest.mark.slow_build


def write_start_page(folder: Path, text: str) -> None:
    notebook = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    notebook.cells = [new_markdown_cell(f"# Start\n\n{text}"), new_code_cell("print('static')")]
    nbformat.write(notebook, folder / "00-start-here.ipynb")


def test_a_content_change_shows_up_in_the_next_build(tmp_path: Path) -> None:
    notebooks, site = tmp_path / "notebooks", tmp_path / "site"
    notebooks.mkdir()
    write_start_page(notebooks, "First words.")
    options = {
        "extra_notebooks": (),
        "extra_projects": (),
        "content_sources": (),
        "log": lambda _: None,
    }

    first = build_site(notebooks, site, **options)
    page = site / "voici" / "render" / "00-start-here.html"
    assert first.built and "First words." in page.read_text()
    assert "<pre>static\n</pre>" in page.read_text()  # a print() rendered at build time

    again = build_site(notebooks, site, **options)
    assert not again.built, "unchanged inputs rebuilt the site"

    write_start_page(notebooks, "Second words.")
    changed = build_site(notebooks, site, **options)
    assert changed.built
    assert "Second words." in page.read_text() and "First words." not in page.read_text()


def test_fingerprint_follows_files_and_settings(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("one")
    base = fingerprint([source], {"region": "uk"})
    assert fingerprint([source], {"region": "us"}) != base
    source.write_text("two")
    assert fingerprint([source], {"region": "uk"}) != base


def test_only_numbered_lessons_are_published(tmp_path: Path) -> None:
    for name in ("00-start-here", "01-a", "teacher-guide", "teacher-dashboard", "scratch"):
        (tmp_path / f"{name}.ipynb").write_text("{}")
    assert [p.stem for p in lesson_notebooks(tmp_path)] == ["00-start-here", "01-a"]
    (tmp_path / "00-start-here.ipynb").unlink()
    with pytest.raises(BuildError, match="start page"):
        lesson_notebooks(tmp_path)


def test_an_unknown_region_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="region 'fr' is not one of: uk, us, eu"):
        build_site(tmp_path, tmp_path / "site", region="fr")
