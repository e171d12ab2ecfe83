"""No answer-key text is anywhere in site/: not in a page, not in a script, not inside a wheel.

The needles are the answer key's own rendered texts (``views/teaching``: every question with its
choices marked right or wrong and why, every claim with its verdict and the ratings that count as
right) and the key's notes to the teacher. Each is looked for as it is and as HTML or JSON would
escape it, in every file of the site and in every file inside every zip (wheels, the standard
library). The control puts the rendered key and the key's compiled module in a wheel-like zip and
checks that the same search finds them.

What the site does carry, on purpose: each quiz question's choices and feedback and each claim's
verdict (the page's Python grades in the student's browser; see the README).
"""

from __future__ import annotations

import html
import io
import json
import py_compile
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from backedu.content import course
from backedu.views import teaching
from tests.support.static_site import TEST_SITE

pytestmark = pytest.mark.slow_build

# The answer key's notes to the teacher, written as plain strings in the module (so a compiled
# copy of it holds each whole).
TEACHER_NOTES = (teaching.NO_PIN_NOTE, teaching.LOCKED_NOTE, teaching.WRONG_PIN, teaching.OPENED)


class _Texts(HTMLParser):
    """The text of each paragraph, heading, summary and list item without a nested list."""

    BLOCKS = ("p", "li", "h3", "summary")

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._open.append((tag, []))
        elif tag in ("ul", "ol") and self._open and self._open[-1][0] == "li":
            self._open[-1] = ("li-with-list", self._open[-1][1])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS and self._open:
            kind, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if kind != "li-with-list" and len(text) >= 20:
                self.found.append(text)

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)


def answer_key_needles() -> list[str]:
    parser = _Texts()
    parser.feed(str(teaching.answer_key_html(course())))
    # Source lines name the same pages the lessons cite: they are not the key's own words.
    rendered = [text for text in parser.found if not text.startswith("Sources:")]
    return sorted(set(rendered) | set(TEACHER_NOTES))


def spellings(text: str) -> set[bytes]:
    """The needle as it is, HTML-escaped, and JSON-escaped (ASCII or not)."""
    forms = {
        text,
        html.escape(text),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
    }
    return {form.encode() for form in forms}


JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
TAG = re.compile(r"<[^>]*>")


def readings(data: bytes) -> list[bytes]:
    """The file as it is and, if it is text, as a reader would see it: JSON escapes undone,
    tags dropped, entities decoded, spaces collapsed (a key rendered into a page is found
    even where tags split its sentences)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [data]
    text = JSON_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    text = html.unescape(TAG.sub("", text.replace('\\"', '"').replace("\\n", " ")))
    return [data, " ".join(text.split()).encode(errors="replace")]


def every_file(root: Path) -> Iterator[tuple[str, bytes]]:
    """Each file under ``root`` and each file inside each zip among them (wheels included)."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        name = str(path.relative_to(root))
        yield name, data
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    yield f"{name}!{member}", archive.read(member)


def found_in(root: Path, needles: list[str]) -> dict[str, list[str]]:
    """Needle -> where it is (file, or archive!member)."""
    files = [(name, readings(data)) for name, data in every_file(root)]
    hits: dict[str, list[str]] = {}
    for needle in needles:
        forms = spellings(needle)
        where = [
            name for name, views in files if any(form in view for view in views for form in forms)
        ]
        if where:
            hits[needle] = where
    return hits


def test_the_needles_are_the_key_itself() -> None:
    needles = answer_key_needles()
    questions = course().questions
    claims = course().claims
    # A needle per choice of every question, per claim's verdict line, and more.
    assert len(needles) > sum(len(q.choices) for q in questions) + len(claims)
    assert any(needle.startswith("✔ Right: ") for needle in needles)
    assert any("Ratings that count as right" in needle for needle in needles)


def test_the_search_finds_a_needle_that_is_there(tmp_path: Path) -> None:
    """Control: the rendered key and the key's compiled module, deflated inside a wheel."""
    compiled = tmp_path / "teaching.pyc"
    py_compile.compile(teaching.__file__, cfile=str(compiled), doraise=True)
    planted = tmp_path / "site"
    planted.mkdir()
    with zipfile.ZipFile(
        planted / "planted-0.0.0-py3-none-any.whl", "w", zipfile.ZIP_DEFLATED
    ) as z:
        z.writestr("planted/key.html", str(teaching.answer_key_html(course())))
        z.write(compiled, "planted/teaching.pyc")
    needles = answer_key_needles()
    hits = found_in(planted, needles)
    assert set(hits) == set(needles), sorted(set(needles) - set(hits))[:3]
    assert not found_in(planted, ["A sentence that is in no file of this folder at all."])


def test_no_answer_key_text_is_anywhere_in_the_site(static_build: Any) -> None:
    hits = found_in(TEST_SITE, answer_key_needles())
    assert hits == {}, {needle[:60]: where[:3] for needle, where in list(hits.items())[:5]}
