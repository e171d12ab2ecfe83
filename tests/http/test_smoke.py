"""Cheap checks over HTTP against the real Voilà server: every lesson renders and hides code."""

from __future__ import annotations

import pytest

from tests.support.server import VoilaServer, fetch, lesson_notebooks

pytestmark = pytest.mark.server

NOTEBOOKS = [path.name for path in lesson_notebooks()]


def test_front_door_opens_the_landing_lesson(voila: VoilaServer) -> None:
    page = fetch(voila.base_url + "/")
    assert page.status == 200
    assert page.url == voila.url("00-start-here.ipynb")
    assert "Back spasms: what is true and what is not" in page.body


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_lesson_renders_with_notice_and_without_code(voila: VoilaServer, notebook: str) -> None:
    page = fetch(voila.url(notebook))
    status, body = page.status, page.body
    assert status == 200
    assert "It does not diagnose." in body
    assert "import backedu" not in body, "code cells must be stripped from the page"
    assert "Traceback" not in body


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_lesson_page_names_no_outside_host(voila: VoilaServer, notebook: str) -> None:
    # Links to sources are fine (a student chooses to follow them); the page must not *load*
    # anything from elsewhere: no CDN stylesheet, script or font.
    body = fetch(voila.url(notebook)).body
    for tag in ("<link", "<script"):
        for chunk in body.split(tag)[1:]:
            head = chunk.split(">", 1)[0]
            assert "http://" not in head and "https://" not in head, f"{tag}{head}>"
