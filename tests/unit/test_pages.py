"""The page parts every lesson shares."""

from __future__ import annotations

import pytest

from backedu.content import course
from backedu.logic.region import Region
from backedu.views import pages
from backedu.views.html import element, text


@pytest.mark.parametrize(
    ("region", "number"), [(Region.UK, "999"), (Region.US, "911"), (Region.EU, "112")]
)
def test_safety_notice_says_it_does_not_diagnose_and_gives_the_number(
    region: Region, number: str
) -> None:
    notice = pages.safety_notice(region=region)
    assert "It does not diagnose." in notice
    assert f"Call {number}" in notice
    assert 'class="backedu-safety-notice"' in notice
    # Not colour alone: an icon and the word "Emergency".
    assert "⚠" in notice and "Emergency:" in notice


def test_notice_renders_as_html_in_jupyter() -> None:
    # What a notebook cell shows for it: IPython's display formatter, as the kernel runs it.
    from IPython.core.formatters import DisplayFormatter

    shown, _ = DisplayFormatter().format(pages.safety_notice())
    assert 'class="backedu-safety-notice"' in shown["text/html"]
    assert "It does not diagnose." in shown["text/html"]


def test_lesson_intro_shows_minutes_and_objectives() -> None:
    lesson = course().lesson("start-here")
    intro = pages.lesson_intro("start-here")
    assert f"about {lesson.minutes} minutes" in intro
    for goal in lesson.objectives:
        assert text(goal) in intro


def test_lesson_end_lists_key_points_and_sources() -> None:
    first = course().lessons[0]
    end = pages.lesson_end(first.id)
    for point in first.key_points:
        assert text(point) in end
    for source_id in first.sources:
        assert str(course().source(source_id).url) in end


def test_unknown_lesson_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="no-such-lesson"):
        pages.lesson_intro("no-such-lesson")


def test_html_escapes_text_and_attributes() -> None:
    built = element("p", "<script>alert(1)</script>", title='"quoted"')
    assert "<script>" not in built
    assert "&lt;script&gt;" in built
    assert 'title="&quot;quoted&quot;"' in built
