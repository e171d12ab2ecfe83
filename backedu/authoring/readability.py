"""How hard the student-facing text is to read: Flesch-Kincaid grade of lessons and content.

The target is grade 7 or lower (patient leaflets aim for 6 to 8; the source article is 8.6).
textstat is a test tool, not a runtime dependency, so it is imported only when grading.

A lesson's text is what a student reads on its page: the notebook's markdown plus what each
``backedu`` call in it shows. ``SHOWN`` maps each call to the content it puts on the page; it is
the one place to update when a lesson gains a new kind of widget (an unknown call is an error).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from backedu.content import course
from backedu.content.models import Course, Lesson
from backedu.errors import ReadabilityError

TARGET_GRADE = 7.0
# The source article (outside this repository, ../shared/seed/article.txt): its text up to the
# closing "Makes you think!!", without the page footer (video links, cookie banner, discount
# code), is grade 8.6 by ``grade(plain_text(...))`` with textstat 0.7.4. The whole file with the
# footer is 8.4. Shown beside the lessons' grades for comparison.
ARTICLE_GRADE = 8.6
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

_CODE_BLOCK = re.compile(r"```.*?```", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"[#*_`>|]")
_LIST_MARK = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.M)


def plain_text(markdown: str) -> str:
    """Markdown as the reader hears it: no code, link targets, HTML tags or markup.

    Headings, list items and paragraphs each end a sentence, so a list is not graded as one long
    sentence; a paragraph wrapped over several lines stays one paragraph.
    """
    text = _CODE_BLOCK.sub(" ", markdown)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    blocks: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        starts_block = not blocks or not line or line.startswith("#") or bool(_LIST_MARK.match(raw))
        line = _MARKUP.sub("", _LIST_MARK.sub("", line)).strip()
        if starts_block:
            blocks.append(line)
        else:
            blocks[-1] = f"{blocks[-1]} {line}".strip()
    return " ".join(_sentence(block) for block in blocks if block)


def _sentence(block: str) -> str:
    return block if block[-1] in ".!?:" else block + "."


def notebook_markdown(path: Path) -> str:
    """All markdown cells of a notebook, joined."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n\n".join(
        "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"
    )


def grade(texts: str | Iterable[str]) -> float:
    """Flesch-Kincaid grade of the text (pieces are read as separate sentences)."""
    import textstat  # test tool; see module docstring

    pieces = [texts] if isinstance(texts, str) else list(texts)
    joined = " ".join(_sentence(p.strip()) for p in pieces if p.strip())
    return float(textstat.flesch_kincaid_grade(joined))


# --- what each lesson shows -----------------------------------------------------------------------
# The self-quiz asks the questions tagged with this lesson (backedu.widgets.quiz.SELF_QUIZ_LESSON;
# a test keeps the two in step, as this module may not import widgets).
SELF_QUIZ_LESSON = "prevention"


def _questions(content: Course, lesson_id: str) -> list[str]:
    return [
        text
        for q in content.questions
        if q.lesson == lesson_id
        for text in (q.prompt, *(c.text for c in q.choices), *(c.feedback for c in q.choices))
    ]


def _safety_notice(_content: Course, _arg: str | None) -> list[str]:
    from backedu.views.pages import safety_notice

    return [plain_text(safety_notice())]


def _symptoms(content: Course, _arg: str | None) -> list[str]:
    from backedu.content.models import Level
    from backedu.logic.triage import advice_for

    texts = [
        text
        for s in content.symptoms
        for text in (s.label, s.explanation, s.points_to, s.escalates_if)
        if text
    ]
    for level in (None, *Level):
        advice = advice_for(level)
        texts += [advice.heading, advice.action]
    return texts


def _causes(content: Course, _arg: str | None) -> list[str]:
    return [
        text
        for c in content.causes
        for text in (c.name, c.how_it_hurts, c.at_risk, c.evidence_note, c.article_says)
        if text
    ]


def _chart(content: Course, _arg: str | None) -> list[str]:
    from backedu.views.causes import share_sentence

    return [share_sentence(share) for share in content.out_of_100]


def _tips(content: Course, _arg: str | None) -> list[str]:
    return [
        text for t in content.tips for text in (t.name, t.article_says, t.why, t.instead) if text
    ]


def _claims(content: Course, _arg: str | None) -> list[str]:
    from backedu.logic.claims import JUDGE_AN_ARTICLE

    return [text for c in content.claims for text in (c.article_says, c.reason)] + list(
        JUDGE_AN_ARTICLE
    )


def _planner(_content: Course, _arg: str | None) -> list[str]:
    from backedu.logic.planner import FIELDS

    return [text for f in FIELDS for text in (f.label, f.hint)]


def _intro(content: Course, lesson_id: str | None) -> list[str]:
    lesson = content.lesson(str(lesson_id))
    return [lesson.summary, *lesson.objectives]


def _end(content: Course, lesson_id: str | None) -> list[str]:
    # Key points; the source titles listed below them are citations, not our writing.
    return list(content.lesson(str(lesson_id)).key_points)


# backedu call in a lesson notebook -> the student-facing texts it puts on the page. Widget
# chrome (button labels, hints like "Choose one answer") is left out: short, and the same on
# every page. A call not listed here makes lesson_text() fail, so a new widget cannot slip by.
SHOWN: dict[str, Callable[[Course, str | None], list[str]]] = {
    "safety_notice": _safety_notice,
    "lesson_intro": _intro,
    "lesson_end": _end,
    "lesson_check": lambda content, lesson_id: _questions(content, str(lesson_id)),
    "self_quiz": lambda content, _arg: _questions(content, SELF_QUIZ_LESSON),
    "symptom_checklist": _symptoms,
    "cause_explorer": _causes,
    "how_common_chart": _chart,
    "prevention_tips": _tips,
    "article_check": _claims,
    "appointment_planner": _planner,
}


def notebook_calls(path: Path) -> list[tuple[str, str | None]]:
    """The ``backedu.<name>(...)`` calls in a notebook's code cells, with their text argument."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    calls: list[tuple[str, str | None]] = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "backedu"
            ):
                arg = node.args[0] if node.args else None
                text = arg.value if isinstance(arg, ast.Constant) else None
                calls.append((node.func.attr, text if isinstance(text, str) else None))
    return calls


def lesson_text(
    lesson: Lesson, *, content: Course | None = None, notebooks: Path = NOTEBOOKS
) -> list[str]:
    """Everything a student reads on the lesson's page: its markdown, then what each call shows."""
    content = content or course()
    path = notebooks / lesson.notebook
    if not path.is_file():
        raise ReadabilityError(f"lesson {lesson.id!r}: no notebook at {path}")
    texts = [plain_text(notebook_markdown(path))]
    for name, arg in notebook_calls(path):
        if name not in SHOWN:
            raise ReadabilityError(
                f"{lesson.notebook}: backedu.{name}() shows text we do not measure yet; add it to "
                "SHOWN in backedu/readability.py"
            )
        texts += SHOWN[name](content, arg)
    return texts


@dataclass(frozen=True)
class LessonReading:
    """The reading level of one lesson's page."""

    number: int
    lesson: Lesson
    grade: float
    words: int

    @property
    def ok(self) -> bool:
        return self.grade <= TARGET_GRADE


def lesson_readings(
    content: Course | None = None, *, notebooks: Path = NOTEBOOKS
) -> tuple[LessonReading, ...]:
    """The Flesch-Kincaid grade of every lesson's page, in course order (needs textstat)."""
    content = content or course()
    readings = []
    for number, lesson in enumerate(content.lessons):
        texts = lesson_text(lesson, content=content, notebooks=notebooks)
        words = sum(len(text.split()) for text in texts)
        readings.append(LessonReading(number, lesson, grade(texts), words))
    return tuple(readings)


def readings_table(readings: Iterable[LessonReading], *, article: float = ARTICLE_GRADE) -> str:
    """The grades as a plain-text table, one row per lesson, then the article for comparison."""
    readings = list(readings)
    comparison = "The source article, for comparison"
    width = max([len(comparison), *(len(r.lesson.title) for r in readings)])
    lines = [
        f"Reading level: Flesch-Kincaid grade of each lesson page (target: {TARGET_GRADE:g} or "
        "lower)",
        "",
        f"{'#':>2}  {'Lesson':<{width}}  {'Grade':>5}  {'Words':>5}",
    ]
    for r in readings:
        mark = "ok" if r.ok else f"OVER {TARGET_GRADE:g}"
        lines.append(
            f"{r.number:>2}  {r.lesson.title:<{width}}  {r.grade:>5.1f}  {r.words:>5}  {mark}"
        )
    lines.append(f"{'':>2}  {comparison:<{width}}  {article:>5.1f}")
    return "\n".join(lines)
