"""Lesson 03 'What causes it?': plain words, the main message, and the cells the lesson needs."""

from __future__ import annotations

from pathlib import Path

import nbformat

from backedu.authoring.readability import notebook_markdown, plain_text

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "03-causes.ipynb"


def test_lesson_says_most_back_pain_has_no_single_cause() -> None:
    text = plain_text(notebook_markdown(NOTEBOOK))
    assert "Most back pain has no single cause" in text
    assert "It cannot tell you what is causing your own pain." in text


def test_lesson_shows_the_chart_the_explorer_and_a_check_in_that_order() -> None:
    code = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    calls = [
        "backedu.how_common_chart()",
        "backedu.cause_explorer()",
        'backedu.lesson_check("causes")',
        'backedu.lesson_end("causes")',
    ]
    assert [source for source in code if source in calls] == calls


def test_lesson_defines_the_medical_words_it_uses() -> None:
    text = notebook_markdown(NOTEBOOK)
    for term in ("Vertebra", "Disc", "Joint", "Nerve root", "Nerve bundle", "Sciatica"):
        assert f"**{term}**:" in text, term
