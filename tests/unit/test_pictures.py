"""The lessons' pictures (issue 11, point 6): our own inline SVG, each with a visible title and
caption and a text alternative, at the reading level of the rest, and used where the PEMAT
scores said a picture would help."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backedu.authoring.readability import TARGET_GRADE, grade, html_text, notebook_calls
from backedu.content import course
from backedu.content.models import Drawing, Picture
from backedu.errors import PictureError
from backedu.views.pictures import DRAWINGS, picture
from backedu.views.triage import why

SVG = "{http://www.w3.org/2000/svg}"
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PICTURES = course().pictures


def test_every_drawing_has_its_words_and_every_word_a_drawing() -> None:
    assert set(DRAWINGS) == set(Drawing)
    assert [p.id for p in PICTURES] == [d.value for d in Drawing]


@pytest.mark.parametrize("words", PICTURES, ids=lambda p: p.id)
def test_a_picture_has_a_caption_and_a_text_alternative(words: Picture) -> None:
    html = picture(words.id)
    figure = ET.fromstring(re.sub(r"&(?!amp;|lt;|gt;|quot;|#)", "&amp;", html))
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    assert svg.get("aria-label") == words.alt
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == words.alt
    # the drawing's own labels are for the eye only: the alt text says it all
    assert all(g.get("aria-hidden") == "true" for g in svg.findall(f"{SVG}g"))
    caption = html_text(ET.tostring(figure.find("figcaption"), encoding="unicode"))
    assert caption.startswith(f"{words.title}. {words.caption}")
    for source_id in words.sources:
        assert course().source(source_id).url in html


@pytest.mark.parametrize("words", PICTURES, ids=lambda p: p.id)
def test_a_pictures_words_read_at_grade_seven_or_below(words: Picture) -> None:
    assert grade([words.title, words.caption, words.alt]) <= TARGET_GRADE


def test_the_saddle_area_is_striped_and_outlined_not_only_coloured() -> None:
    html = picture("saddle-area", uid="t")
    assert 'id="backedu-saddle-saddle-area-t"' in html
    assert 'fill="url(#backedu-saddle-saddle-area-t)"' in html


def test_an_unknown_picture_names_the_pictures() -> None:
    with pytest.raises(PictureError, match="no picture 'x-ray'; the pictures are saddle-area"):
        picture("x-ray")


# Where each picture goes: the lessons whose PEMAT items 15 and 26 wanted it (docs/PEMAT.md).
WHERE = {
    "01-what-is-a-spasm.ipynb": {"spine-side", "knee-rolls"},
    "02-symptoms.ipynb": {"saddle-area"},
    "05-treatment.ipynb": {"knee-rolls", "bottom-to-heels", "pelvic-tilts", "sleep-positions"},
}


@pytest.mark.parametrize(("notebook", "wanted"), WHERE.items(), ids=list(WHERE))
def test_the_lessons_show_their_pictures(notebook: str, wanted: set[str]) -> None:
    shown = {arg for name, arg in notebook_calls(NOTEBOOKS / notebook) if name == "picture"}
    assert shown == wanted


def test_every_picture_is_in_a_lesson() -> None:
    assert set().union(*WHERE.values()) == {p.id for p in PICTURES}


def test_the_checklist_shows_the_saddle_area_under_its_sign() -> None:
    sign = course().symptom("saddle-numbness")
    assert sign.picture == "saddle-area"
    html = why(sign)
    assert 'data-picture="saddle-area"' in html
    # its own pattern id, so it can share lesson 02's page with the lesson's copy
    assert 'id="backedu-saddle-saddle-area-why-saddle-numbness"' in html


def test_the_symptom_sorting_sheet_shows_the_saddle_area() -> None:
    from backedu.views.worksheets import symptom_sorting_sheet

    assert 'data-picture="saddle-area"' in symptom_sorting_sheet().html
