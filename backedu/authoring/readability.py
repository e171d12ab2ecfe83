"""How hard the student-facing text is to read: Flesch-Kincaid grade of lessons and content.

The target is grade 7 or lower (patient leaflets aim for 6 to 8; the source article is 8.6).

A lesson's text is what a student reads on its page: the notebook's markdown plus everything each
``backedu`` call in it can show. Each call is made for real: a page part's HTML is read as it is,
and a widget lists every text it can show in any state (``page_texts()``), so there is no second
list here of what each part shows. Lessons are found where the server finds them
(``backedu.content.notebooks``). textstat comes with the ``authoring`` extra.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from backedu.content import course
from backedu.content.models import Lesson
from backedu.content.notebooks import notebooks_dir
from backedu.errors import ReadabilityError

TARGET_GRADE = 7.0
# The source article (outside this repository, ../shared/seed/article.txt): its text up to the
# closing "Makes you think!!", without the page footer (video links, cookie banner, discount
# code), is grade 8.6 by ``grade(plain_text(...))`` with textstat 0.7.4. The whole file with the
# footer is 8.4. Shown beside the lessons' grades for comparison.
ARTICLE_GRADE = 8.6

_CODE_BLOCK = re.compile(r"```.*?```", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"[#*_`>|]")
_LIST_MARK = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")


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


class _TextOfHtml(HTMLParser):
    """The words of an HTML fragment as a reader (or screen reader) meets them: no markup, no
    stylesheets, and each block (paragraph, list item, heading, cell...) its own sentence."""

    BLOCKS = frozenset(
        (
            *("p", "li", "dt", "dd", "td", "th", "tr", "br", "div", "title", "summary"),
            *("h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "blockquote"),
            *("section", "article", "aside"),
        )
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.blocks[-1] += data


def html_text(html: str) -> str:
    """``html`` as plain sentences (text that is not HTML passes through unchanged)."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    blocks = (" ".join(block.split()) for block in parser.blocks)
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
    import textstat  # the authoring extra; see the module docstring

    pieces = [texts] if isinstance(texts, str) else list(texts)
    joined = " ".join(_sentence(p.strip()) for p in pieces if p.strip())
    return float(textstat.flesch_kincaid_grade(joined))


# --- what each lesson shows -----------------------------------------------------------------------
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


def shown_texts(name: str, argument: str | None = None) -> list[str]:
    """Everything ``backedu.<name>(argument)`` can show a student, as plain text.

    The call is made for real: a page part returns its HTML, and a widget lists every text it
    can show in any state (``page_texts()``), so what is measured is what the page shows.
    """
    import backedu

    if name not in backedu.__all__:
        raise ReadabilityError(f"backedu.{name}() is not part of backedu's public API")
    made = getattr(backedu, name)(*([] if argument is None else [argument]))
    if isinstance(made, str):
        pieces = [made]
    elif hasattr(made, "page_texts"):
        pieces = made.page_texts()
    else:
        raise ReadabilityError(
            f"backedu.{name}() makes a {type(made).__name__}, which does not say what it shows: "
            "give it a page_texts() method (see backedu/widgets/base.py)"
        )
    return [text for text in (html_text(piece) for piece in pieces) if text]


def lesson_text(lesson: Lesson, *, notebooks: Path | None = None) -> list[str]:
    """Everything a student reads on the lesson's page: its markdown, then what each call shows."""
    path = (notebooks or notebooks_dir()) / lesson.notebook
    if not path.is_file():
        raise ReadabilityError(f"lesson {lesson.id!r}: no notebook at {path}")
    texts = [plain_text(notebook_markdown(path))]
    for name, argument in notebook_calls(path):
        texts += shown_texts(name, argument)
    return _once(texts)


def sentences(text: str) -> list[str]:
    """``text`` split after each ``.``, ``!``, ``?`` or ``:``."""
    return [piece for piece in _SENTENCE_END.split(text) if piece.strip()]


def _once(texts: Iterable[str]) -> list[str]:
    """Each sentence once, in order: a page part shows some sentences in several of its states
    (the reason under every rating of a claim), and a student reads them once."""
    seen: set[str] = set()
    kept: list[str] = []
    for text in texts:
        fresh = [s for s in sentences(text) if s not in seen]
        seen.update(fresh)
        if fresh:
            kept.append(" ".join(fresh))
    return kept


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


def lesson_readings(*, notebooks: Path | None = None) -> tuple[LessonReading, ...]:
    """The Flesch-Kincaid grade of every lesson's page, in course order (needs textstat)."""
    readings = []
    for number, lesson in enumerate(course().lessons):
        texts = lesson_text(lesson, notebooks=notebooks)
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
