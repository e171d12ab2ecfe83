"""The teacher guide in a real browser against the real Voilà, served with a teacher PIN (as
``make class`` and ``make serve HOST=0.0.0.0`` do): the page shows the plans and the red-flag steps,
no answer-key text reaches the page (HTML or websocket) before the right PIN, a wrong PIN shows only
a kind message, the right one opens the key, and axe-core finds nothing before or after."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from backedu.content import course
from tests.support import PATIENCE, wait_until
from tests.support.browser import axe_violations, describe
from tests.support.frames import sent_text
from tests.support.server import VoilaServer, running_voila

pytestmark = pytest.mark.browser

PIN = "482913"
NOTEBOOK = "teacher-guide.ipynb"
KEY = ".backedu-answer-key"


def plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def key_texts() -> list[str]:
    """Texts only the answer key holds: feedback on wrong choices and the claims' reasons."""
    texts = [c.feedback for q in course().questions for c in q.choices if not c.correct]
    return [plain(t) for t in texts + [claim.reason for claim in course().claims]]


@pytest.fixture(scope="module")
def voila_with_pin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    # Its own server: the session-wide one has no PIN. No preheating: one page is all we open.
    folder: Path = tmp_path_factory.mktemp("voila-pin")
    with running_voila(folder, env={"BACKEDU_TEACHER_PIN": PIN}, preheat=False) as server:
        yield server


def test_answer_key_opens_only_with_the_right_pin(voila_with_pin: VoilaServer, page: Any) -> None:
    frames: list[str | bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
    page.goto(voila_with_pin.url(NOTEBOOK))
    pin_box = page.get_by_label("Teacher PIN")
    pin_box.wait_for(timeout=PATIENCE * 1000)
    expect(page.locator(".backedu-lesson-plans")).to_contain_text("A 45-minute class")
    expect(page.locator(".backedu-red-flag-steps")).to_contain_text("call 999")

    def leaked() -> list[str]:
        seen = plain(page.content()) + "\n" + plain(sent_text(frames))
        return [text for text in key_texts() if text in seen]

    assert leaked() == []
    found = axe_violations(page)
    assert not found, describe(found)

    show = page.locator(KEY).get_by_role("button", name="Show the answer key")
    pin_box.fill("000000")
    show.click()
    expect(page.locator(f"{KEY} [role=alert]")).to_contain_text("That PIN is not right")
    assert leaked() == []

    pin_box.fill(PIN)
    show.click()
    content = page.locator(f"{KEY} .backedu-answer-key-content")
    expect(content).to_be_attached()
    expect(page.locator(f"{KEY} [role=status]")).to_contain_text("The answer key is open")
    content.locator("details").first.click()
    expect(content).to_contain_text("Right:")
    # The checks look in the right place: once open, every answer is in the page.
    wait_until(lambda: len(leaked()) == len(key_texts()), "the open key lacks answers")
    found = axe_violations(page)
    assert not found, describe(found)
    assert page.console_log.errors == []
