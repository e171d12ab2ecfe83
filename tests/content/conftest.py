"""Fixtures for the content suites: a writable copy of the shipped content to break (with
``tests.support.content.change_yaml`` or ``change_text``), and the source article."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.content import copy_of_content

# The article the course teaches from is not part of the repository (it is someone else's
# text); on the team's machines it sits beside the checkout.
ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content files (YAML only: no snapshot yet)."""
    return copy_of_content(tmp_path)


@pytest.fixture(scope="session")
def article() -> str:
    """The source article's text; tests that read it are skipped where it is not."""
    if not ARTICLE.is_file():
        pytest.skip(f"the source article is not at {ARTICLE} (it is not in the repository)")
    return ARTICLE.read_text(encoding="utf-8")
