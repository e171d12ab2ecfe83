"""The answer key in the teacher guide, behind the teacher PIN when the app is served to a class.

With no PIN set (a teacher running the app on their own computer) the key shows at once. With a
PIN set (``backedu class``, or ``backedu serve`` beyond this computer) the page shows only a PIN
box: the key is not even built until the right PIN is entered, so nothing of it reaches a
student's browser. The PIN is checked in the kernel (``backedu.classroom.config.pin_matches``).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from backedu.classroom.config import pin_matches, teacher_pin
from backedu.content import Course, course
from backedu.errors import AnswerKeyError, ClassConfigError
from backedu.views.teaching import (
    LOCKED_NOTE,
    LOCKED_OUT,
    MAX_PIN_TRIES,
    NO_PIN_NOTE,
    OPENED,
    WRONG_PIN,
    answer_key_html,
    status_html,
)
from backedu.widgets.base import show


class AnswerKey(widgets.VBox):
    """The answer key, shown at once (``pin=None``) or after the right PIN.

    ``enter_pin(pin)`` types the PIN and presses the button, through the same handler as a click.
    ``problem`` (a message) keeps the key closed with no way to open it: used when the PIN
    setting itself is broken, so a typo in the setting never shows the key to a class.
    """

    def __init__(
        self,
        content: Course,
        *,
        pin: str | None,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self._content = content
        self._expected = pin
        self._tries = 0
        self._unlocked = False
        self._status = widgets.HTML()
        self._pin = widgets.Password(
            description="Teacher PIN", style={"description_width": "initial"}
        )
        self._show = widgets.Button(description="Show the answer key", button_style="primary")
        self._show.layout.width = "auto"
        self._login = widgets.HBox([self._pin, self._show])
        self._key = widgets.HTML()
        parts: dict[str, widgets.Widget] = {
            "status": self._status,
            "login": self._login,
            "key": self._key,
        }
        for name, part in parts.items():
            part.add_class(f"backedu-answer-key-{name}")
        self.children = list(parts.values())
        self.add_class("backedu-answer-key")
        self._show.on_click(self._on_show)
        self._pin.observe(self._on_typed, names="value")

        if problem is not None:
            self._set_status(problem, alert=True)
            show(self._login, False)
        elif pin is None:
            self._set_status(NO_PIN_NOTE)
            show(self._login, False)
            self._open()
        else:
            self._set_status(LOCKED_NOTE)

    # --- read-only state ------------------------------------------------------------------------
    @property
    def unlocked(self) -> bool:
        return self._unlocked

    @property
    def locked_out(self) -> bool:
        return self._show.disabled

    @property
    def status_html(self) -> str:
        return str(self._status.value)

    @property
    def key_html(self) -> str:
        """The answer key as the page holds it now: empty until it is open."""
        return str(self._key.value)

    # --- actions: the same path as a click ------------------------------------------------------
    def enter_pin(self, pin: str) -> None:
        """Type ``pin`` in the PIN box and press "Show the answer key"."""
        if self._unlocked or self._expected is None or self._show.disabled:
            raise AnswerKeyError(
                "the PIN box is not there now: the key is open, the box is locked, or no PIN is set"
            )
        self._pin.value = pin
        self._show.click()

    # --- handlers ---------------------------------------------------------------------------------
    def _on_typed(self, _change: dict[str, Any]) -> None:
        # A new attempt clears the last "not right" message (but not the locked-out one).
        if self._tries and not self._show.disabled and self._pin.value:
            self._set_status(LOCKED_NOTE)

    def _on_show(self, _button: widgets.Button) -> None:
        if self._unlocked or self._expected is None or self._show.disabled:
            return
        given = self._pin.value
        self._pin.value = ""  # never leave the PIN in the page
        if not pin_matches(self._expected, given):
            self._tries += 1
            if self._tries >= MAX_PIN_TRIES:
                self._pin.disabled = self._show.disabled = True
                self._set_status(LOCKED_OUT, alert=True)
            else:
                self._set_status(WRONG_PIN, alert=True)
            return
        show(self._login, False)
        self._set_status(OPENED)
        self._open()

    def _open(self) -> None:
        self._unlocked = True
        self._key.value = answer_key_html(self._content)

    def _set_status(self, message: str, *, alert: bool = False) -> None:
        self._status.value = status_html(message, alert=alert)


def answer_key() -> AnswerKey:
    """The answer key for the teacher guide, behind the PIN when one is set (see module doc)."""
    try:
        pin = teacher_pin()
    except ClassConfigError as exc:
        return AnswerKey(
            course(),
            pin=None,
            problem=f"The answer key stays hidden because the PIN setting is wrong: {exc}. "
            "Restart the app with make class or make serve.",
        )
    return AnswerKey(course(), pin=pin)
