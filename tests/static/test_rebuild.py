"""The build keeps a site while its inputs are unchanged, and rebuilds it on any change; the
region it is built for is in every page."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from backedu.errors import SiteError
from backedu.publish.build import build_site, fingerprint, lesson_notebooks
from tests.support.static_site import PAGE_DIR

pytestmark = pytest.mark.slow_build


def write_start_page(folder: Path, text: str) -> None:
    notebook = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    notebook.cells = [
        new_markdown_cell(f"# Start\n\n{text}"),
        new_code_cell("import backedu\n\nbackedu.safety_notice()"),
        new_code_cell("print('static')"),
    ]
    nbformat.write(notebook, folder / "00-start-here.ipynb")


def test_a_change_shows_up_in_the_next_build_and_the_region_in_the_page(tmp_path: Path) -> None:
    notebooks, site = tmp_path / "notebooks", tmp_path / "site"
    notebooks.mkdir()
    write_start_page(notebooks, "First words.")
    options = {"notebooks": notebooks, "region": "us", "log": lambda _: None}

    first = build_site(site, **options)
    page = site / PAGE_DIR / "00-start-here.html"
    assert first.built and "First words." in page.read_text()
    assert "<pre>static\n</pre>" in page.read_text()  # a print() rendered at build time
    assert "Call 911" in page.read_text() and "Call 999" not in page.read_text()
    assert "advice is for the United States" in page.read_text()
    assert '"BACKEDU_REGION":"us"' in page.read_text()  # and the browser's Python is told so

    again = build_site(site, **options)
    assert not again.built, "unchanged inputs rebuilt the site"

    write_start_page(notebooks, "Second words.")
    changed = build_site(site, **options)
    assert changed.built
    assert "Second words." in page.read_text() and "First words." not in page.read_text()


def test_fingerprint_follows_files_and_settings(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("one")
    base = fingerprint([source], {"region": "uk"})
    assert fingerprint([source], {"region": "us"}) != base
    source.write_text("two")
    assert fingerprint([source], {"region": "uk"}) != base


def test_a_content_change_changes_the_fingerprint(tmp_path: Path) -> None:
    """The package folder is an input: editing a content file rebuilds the site."""
    package = tmp_path / "backedu"
    (package / "content" / "data").mkdir(parents=True)
    content = package / "content" / "data" / "lessons.yaml"
    content.write_text("schema_version: 1\n")
    base = fingerprint([package], {})
    content.write_text("schema_version: 1\nlessons: []\n")
    changed = fingerprint([package], {})
    assert changed != base
    (package / "content" / "data" / "checked.json").write_text("{}")  # written, not an input
    assert fingerprint([package], {}) == changed


def test_only_numbered_lessons_are_published(tmp_path: Path) -> None:
    for name in ("00-start-here", "01-a", "teacher-guide", "teacher-dashboard", "scratch"):
        (tmp_path / f"{name}.ipynb").write_text("{}")
    assert [p.stem for p in lesson_notebooks(tmp_path)] == ["00-start-here", "01-a"]
    (tmp_path / "00-start-here.ipynb").unlink()
    with pytest.raises(SiteError, match="start page"):
        lesson_notebooks(tmp_path)


def test_an_unknown_region_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="region 'fr' is not one of: uk, us, eu"):
        build_site(tmp_path / "site", region="fr", notebooks=tmp_path)


def test_missing_tools_are_named_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match=r"npm's pyodide 0\.29\.0 is not in .*npm ci"):
        build_site(tmp_path / "site", notebooks=tmp_path, pyodide=tmp_path / "nowhere")


def test_missing_build_tools_are_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "voici_core" else real(name)
    )
    with pytest.raises(SiteError, match=r"tools are not installed \(voici_core\): pip install"):
        build_site(tmp_path / "site", notebooks=tmp_path)
