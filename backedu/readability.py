"""How hard the student-facing text is to read: Flesch-Kincaid grade of lessons and content.

The target is grade 7 or lower (patient leaflets aim for 6 to 8; the source article is 8.6).
textstat is a test tool, not a runtime dependency, so it is imported only when grading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

TARGET_GRADE = 7.0

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
