"""Printable worksheets: every sheet is a whole A4 page built from the content; the answers are in
the answer key and nowhere else; the PDFs that Chromium prints have pages and the same rule."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from backedu.content import course
from backedu.logic.region import Region
from backedu.printing.worksheets import build_worksheets
from backedu.views import worksheets
from backedu.views.html import text
from tests.support.browser import chromium_path

STUDENT_SHEETS = ("symptom-sorting", "cause-cards", "quiz", "article-check")


def normalise(text: str) -> str:
    """Compare words, not layout: undo ligatures (ﬀ), curly quotes stay, whitespace collapses."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def answer_texts() -> list[str]:
    """What only the answer key may say: why each right answer is right, what the evidence says."""
    content = course()
    texts = [c.feedback for q in content.questions for c in q.choices if c.correct]
    texts += [claim.reason for claim in content.claims]
    return sorted({normalise(t) for t in texts if len(t) > 25})


@pytest.fixture(scope="module")
def sheets() -> dict[str, worksheets.Sheet]:
    return {sheet.name: sheet for sheet in worksheets.all_sheets()}


def test_five_sheets_each_a_whole_printable_page(sheets) -> None:
    assert list(sheets) == [*STUDENT_SHEETS, "answer-key"]
    for sheet in sheets.values():
        assert sheet.html.startswith("<!DOCTYPE html>")
        assert '<html lang="en-GB">' in sheet.html
        assert "@page { size: A4;" in sheet.html
        assert "It does not diagnose." in sheet.html and "Call 999" in sheet.html
        # nothing to load: no address but the SVG namespace, which names and fetches nothing
        html = sheet.html.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http://" not in html and "https://" not in html, "loads nothing"


def test_every_item_of_the_content_is_on_its_sheet(sheets) -> None:
    content = course()
    page = {name: normalise(sheet.html) for name, sheet in sheets.items()}
    for symptom in content.symptoms:
        assert normalise(text(symptom.label)) in page["symptom-sorting"]
    for cause in content.causes:
        assert normalise(text(cause.name)) in page["cause-cards"]
    for question in content.questions:
        assert normalise(text(question.prompt)) in page["quiz"]
        for choice in question.choices:
            assert normalise(text(choice.text)) in page["quiz"]
    for claim in content.claims:
        assert normalise(text(claim.article_says)) in page["article-check"]


def test_answers_only_in_the_answer_key(sheets) -> None:
    key = normalise(sheets["answer-key"].html)
    for answer in answer_texts():
        assert normalise(text(answer)) in key
        for name in STUDENT_SHEETS:
            assert normalise(text(answer)) not in normalise(sheets[name].html), (
                f"{name} gives away: {answer}"
            )
    assert text("Teacher's copy") in key
    for name in STUDENT_SHEETS:
        assert text("Teacher's copy") not in sheets[name].html
        assert 'class="key-answer"' not in sheets[name].html


def test_quiz_sheet_shows_no_feedback_at_all(sheets) -> None:
    quiz = normalise(sheets["quiz"].html)
    for question in course().questions:
        for choice in question.choices:
            assert normalise(text(choice.feedback)) not in quiz


def test_sheets_follow_the_region() -> None:
    sheet = worksheets.quiz_sheet(region=Region.US)
    assert "Call 911" in sheet.html and "Call 999" not in sheet.html


def test_symptom_numbers_match_between_sheet_and_key(sheets) -> None:
    def numbered(html: str) -> list[str]:
        return re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td>", html)

    student = numbered(sheets["symptom-sorting"].html)
    key = numbered(sheets["answer-key"].html.split("Sort the symptoms", 1)[1])
    assert student and student == key[: len(student)]


def test_text_is_escaped() -> None:
    content = course()
    question = replace(content.questions[0], prompt="<script>alert(1)</script>")
    broken = replace(content, questions=(question,))
    html = worksheets.quiz_sheet(broken).html
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.browser
def test_pdfs_have_a4_pages_and_answers_only_in_the_key(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    browser = chromium_path()
    if browser is None:
        pytest.skip("no Chromium found: run `make browser`, or set BACKEDU_CHROMIUM")
    written = build_worksheets(tmp_path, chromium=browser)
    pdfs = {p.stem: p for p in written if p.suffix == ".pdf"}
    assert set(pdfs) == {*STUDENT_SHEETS, "answer-key"}
    texts = {}
    for name, path in pdfs.items():
        reader = pypdf.PdfReader(path)
        assert len(reader.pages) > 0, name
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(width - 595) < 2 and abs(height - 842) < 2, f"{name} is not A4"
        texts[name] = normalise(" ".join(page.extract_text() for page in reader.pages))
    assert "Teacher's copy" in texts["answer-key"]
    answers = answer_texts()
    missing = [a for a in answers if a not in texts["answer-key"]]
    assert missing == [], f"the answer key's PDF lacks: {missing[:2]}"
    for name in STUDENT_SHEETS:
        assert "Teacher's copy" not in texts[name]
        leaked = [a for a in answers if a in texts[name]]
        assert leaked == [], f"{name}.pdf gives away answers: {leaked[:2]}"
    for question in course().questions:
        assert normalise(question.prompt) in texts["quiz"]
