"""Cheap checks over HTTP against the real Voilà server: every lesson renders and hides code."""

from __future__ import annotations

import urllib.request

import pytest

from tests.support.server import VoilaServer, lesson_notebooks

pytestmark = pytest.mark.server

NOTEBOOKS = [path.name for path in lesson_notebooks()]


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.read().decode("utf-8")


def test_front_door_opens_the_landing_lesson(voila: VoilaServer) -> None:
    with urllib.request.urlopen(voila.base_url + "/", timeout=60) as response:
        assert response.status == 200
        assert response.url == voila.url("00-start-here.ipynb")
        assert "Back spasms: what is true and what is not" in response.read().decode()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_lesson_renders_with_notice_and_without_code(voila: VoilaServer, notebook: str) -> None:
    status, body = fetch(voila.url(notebook))
    assert status == 200
    assert "It does not diagnose." in body
    assert "import backedu" not in body, "code cells must be stripped from the page"
    assert "Traceback" not in body


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_lesson_page_names_no_outside_host(voila: VoilaServer, notebook: str) -> None:
    # Links to sources are fine (a student chooses to follow them); the page must not *load*
    # anything from elsewhere: no CDN stylesheet, script or font.
    _, body = fetch(voila.url(notebook))
    for tag in ("<link", "<script"):
        for chunk in body.split(tag)[1:]:
            head = chunk.split(">", 1)[0]
            assert "http://" not in head and "https://" not in head, f"{tag}{head}>"
