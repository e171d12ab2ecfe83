"""The teacher guide's answer key without a browser or kernel: with no PIN it shows at once; with a
PIN, nothing of the key is built or sent to the page until the right PIN is entered."""

from __future__ import annotations

import json
from typing import Any

import pytest

import backedu
from backedu.content import course
from backedu.errors import AnswerKeyError
from backedu.views.teaching import LOCKED_OUT, MAX_PIN_TRIES, NO_PIN_NOTE, OPENED, WRONG_PIN
from backedu.widgets import teaching as answer_key_module
from backedu.widgets.teaching import AnswerKey, answer_key
from tests.support.widgets import page_json

PIN = "482913"


def key_texts() -> list[str]:
    """Texts that only the answer key holds: choice feedback and claim reasons (JSON-escaped as
    the page would receive them, and HTML-escaped as the key writes them)."""
    from backedu.views.html import text

    found = [c.feedback for q in course().questions for c in q.choices]
    found += [claim.reason for claim in course().claims]
    return [json.dumps(str(text(s)), ensure_ascii=False)[1:-1] for s in found]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how often the key's HTML is built: it must not be, before the right PIN."""
    calls: list[int] = []
    real = answer_key_module.answer_key_html

    def counting(*args: Any, **kwargs: Any) -> str:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(answer_key_module, "answer_key_html", counting)
    return calls


def assert_nothing_of_the_key_in(state: str) -> None:
    leaked = [s for s in key_texts() if s in state]
    assert not leaked, f"{len(leaked)} answer-key texts reached the page, e.g. {leaked[0]!r}"
    assert "backedu-answer-key-content" not in state


def test_without_a_pin_the_key_shows_at_once(built: list[int]) -> None:
    key = AnswerKey(course(), pin=None)
    assert key.unlocked and built == [1]
    assert "backedu-answer-key-content" in key.key_html
    assert "No teacher PIN is set" in key.status_html and 'role="status"' in key.status_html
    with pytest.raises(AnswerKeyError, match="no PIN is set"):
        key.enter_pin(PIN)


def test_with_a_pin_the_page_holds_only_a_pin_box(built: list[int]) -> None:
    key = AnswerKey(course(), pin=PIN)
    assert not key.unlocked and key.key_html == "" and built == []
    assert "Type the teacher PIN" in key.status_html
    assert_nothing_of_the_key_in(page_json(key))


@pytest.mark.parametrize("wrong", ["000000", "", "48291", "4829130", " 48 2913", "abc"])
def test_a_wrong_pin_shows_a_kind_message_and_nothing_else(built: list[int], wrong: str) -> None:
    key = AnswerKey(course(), pin=PIN)
    key.enter_pin(wrong)
    assert not key.unlocked and key.key_html == "" and built == []
    assert WRONG_PIN.split(".")[0] in key.status_html and 'role="alert"' in key.status_html
    state = page_json(key)
    assert_nothing_of_the_key_in(state)
    assert wrong == "" or f'"value": "{wrong}"' not in state, "the PIN box is emptied"


def test_the_right_pin_opens_the_key(built: list[int]) -> None:
    key = AnswerKey(course(), pin=PIN)
    key.enter_pin("000000")
    key.enter_pin(f" {PIN} ")  # spaces around a pasted PIN are forgiven
    assert key.unlocked and built == [1]
    assert OPENED in key.status_html
    state = page_json(key)
    assert "backedu-answer-key-content" in state
    assert key_texts()[0] in state
    assert PIN not in state, "the PIN itself is never left in the page"
    with pytest.raises(AnswerKeyError, match="the key is open"):
        key.enter_pin(PIN)


def test_the_pin_box_locks_after_too_many_wrong_tries(built: list[int]) -> None:
    key = AnswerKey(course(), pin=PIN)
    for _ in range(MAX_PIN_TRIES):
        key.enter_pin("111111")
    assert key.locked_out and not key.unlocked and built == []
    assert LOCKED_OUT.split(".")[0] in key.status_html
    with pytest.raises(AnswerKeyError, match="locked"):
        key.enter_pin(PIN)
    assert_nothing_of_the_key_in(page_json(key))


def test_typing_again_clears_the_wrong_pin_message() -> None:
    key = AnswerKey(course(), pin=PIN)
    key.enter_pin("000000")
    key._pin.value = "4"  # what typing in the box does in the browser: the old message goes
    assert "Type the teacher PIN" in key.status_html


def test_factory_reads_the_pin_that_class_mode_sets(
    monkeypatch: pytest.MonkeyPatch, built: list[int]
) -> None:
    monkeypatch.setenv("BACKEDU_TEACHER_PIN", PIN)
    key = backedu.answer_key()
    assert isinstance(key, AnswerKey) and not key.unlocked and built == []
    key.enter_pin(PIN)
    assert key.unlocked


def test_factory_without_a_pin_shows_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKEDU_TEACHER_PIN", raising=False)
    key = answer_key()
    assert key.unlocked and NO_PIN_NOTE.split(",")[0] in key.status_html


def test_a_broken_pin_setting_keeps_the_key_closed(
    monkeypatch: pytest.MonkeyPatch, built: list[int]
) -> None:
    monkeypatch.setenv("BACKEDU_TEACHER_PIN", "not-a-pin")
    key = answer_key()
    assert not key.unlocked and built == []
    assert (
        "the PIN setting is wrong" in key.status_html and "BACKEDU_TEACHER_PIN" in key.status_html
    )
    with pytest.raises(AnswerKeyError):
        key.enter_pin("not-a-pin")
    assert_nothing_of_the_key_in(page_json(key))


def test_pin_box_and_button_are_labelled() -> None:
    state = page_json(AnswerKey(course(), pin=PIN))
    assert '"description": "Teacher PIN"' in state
    assert '"description": "Show the answer key"' in state
    assert '"backedu-answer-key"' in state and '"backedu-answer-key-login"' in state
