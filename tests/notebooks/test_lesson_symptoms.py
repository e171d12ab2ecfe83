"""Lesson 02 (what a spasm feels like): plain words, and the order the issue asks for: what a spasm
feels like, nerve signs, when to get help, then the checklist, then the check and the ending."""

from __future__ import annotations

from pathlib import Path

import nbformat

from backedu.authoring.readability import TARGET_GRADE, grade, notebook_markdown, plain_text

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "02-symptoms.ipynb"


def test_each_section_reads_at_grade_seven_or_below() -> None:
    for section in notebook_markdown(NOTEBOOK).split("\n## "):
        assert grade(plain_text(section)) <= TARGET_GRADE, section.splitlines()[0]


def test_sections_come_in_the_teaching_order() -> None:
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    order = []
    for cell in cells:
        if cell.cell_type == "code":
            order.append(cell.source.strip())
        else:
            order += [line for line in cell.source.splitlines() if line.startswith("## ")]
    expected = [
        'backedu.lesson_intro("symptoms")',
        "## What a spasm feels like",
        "## When a nerve is involved",
        "## When to get help",
        'backedu.warning_signs("emergency")',
        'backedu.warning_signs("urgent")',
        "backedu.symptom_checklist()",
        'backedu.lesson_check("symptoms")',
        'backedu.lesson_end("symptoms")',
    ]
    positions = [order.index(item) for item in expected]
    assert positions == sorted(positions), order


def test_medical_words_are_explained() -> None:
    text = notebook_markdown(NOTEBOOK)
    for term, meaning in [
        ("**spasm**", "tightens by itself"),
        ("**nerve**", "thin cord"),
        ("**Sciatica**", "down one leg"),
        ("**red flags**", "warning signs"),
        ("**genitals**", "private parts"),
        ("**cauda equina syndrome**", "bundle of nerves"),
        ("**stroke**", "blood stops reaching"),
        ("**meningitis**", "infection of the"),
        ("**fever**", "high temperature"),
    ]:
        assert term in text, term
        assert meaning in text, meaning
