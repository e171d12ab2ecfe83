"""The appointment planner widget: a few questions, then notes to print or download.

Thin on purpose: the questions and the checks come from ``backedu.logic.planner``, the notes' HTML
from ``backedu.views.planner``. This file only lays out the form and turns presses into calls.
Nothing the student types is stored, logged or sent anywhere by this code: the answers live in the
form's controls, and the download is a ``data:`` link that carries the notes inside the page.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from backedu.content import Course, course
from backedu.errors import PlannerError
from backedu.logic.planner import FIELDS, MAX_LENGTH, Field, Problem, check_choice, field, problems
from backedu.logic.region import Region
from backedu.views import planner as view
from backedu.widgets.base import widget_texts


class AppointmentPlanner(widgets.VBox):
    """A form of planner questions, a "Make my notes" button and the notes it makes.

    Every action has a method twin that takes the same path as the student: ``set_answer`` (typing
    or choosing), ``make_notes`` (the button) and ``clear`` ("Clear my answers").
    """

    def __init__(self, content: Course, *, region: Region | None = None) -> None:
        # The questions are the planner's own (backedu.logic.planner); the course is taken like
        # every widget's, for what the planner says about it.
        self._content = content
        self._region = region
        self._controls: dict[str, widgets.ValueWidget] = {}
        for question in FIELDS:
            control = _control_for(question)
            control.observe(self._on_change, names="value")
            self._controls[question.id] = control
        self._intro = widgets.HTML(view.intro_html())
        self._make = widgets.Button(description="Make my notes", button_style="primary")
        self._clear = widgets.Button(description="Clear my answers")
        for button in (self._make, self._clear):
            button.layout.width = "auto"
        self._status = widgets.HTML()
        self._summary = widgets.HTML()
        parts: dict[str, widgets.Widget] = {
            "intro": self._intro,
            "form": widgets.VBox(list(self._controls.values())),
            "buttons": widgets.HBox([self._make, self._clear]),
            "status": self._status,
            "summary": self._summary,
        }
        for name, part in parts.items():
            part.add_class(f"backedu-planner-{name}")
        super().__init__(children=list(parts.values()))
        self.add_class("backedu-planner")
        self._make.on_click(self._on_make)
        self._clear.on_click(self._on_clear)

    # --- read-only state ----------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, str]:
        """The answers as they stand in the form, by question id (blank ones included)."""
        return {question_id: control.value for question_id, control in self._controls.items()}

    @property
    def problems(self) -> tuple[Problem, ...]:
        """What must be fixed before notes can be made (empty when all is well)."""
        return problems(self.answers)

    @property
    def notes_ready(self) -> bool:
        return bool(self._summary.value)

    @property
    def status_html(self) -> str:
        return self._status.value

    @property
    def summary_html(self) -> str:
        """The notes and their download links; empty until made, or after a change."""
        return self._summary.value

    def page_texts(self) -> list[str]:
        """Everything the planner can show: the form, and each message it may give."""
        too_long = {FIELDS[0].id: "x" * (MAX_LENGTH + 1)}
        return [
            *widget_texts(self),
            view.STALE,
            view.CLEARED,
            view.READY,
            view.problems_html(problems(too_long) + problems({})),
            # the notes around the student's own words (an answer stands in for theirs)
            view.summary_html({FIELDS[0].id: "Last week."}, region=self._region),
        ]

    # --- actions: the same path as the student ------------------------------------------------
    def set_answer(self, field_id: str, value: str) -> None:
        """Type ``value`` into a text question, or choose the choice with id ``value``."""
        question = field(field_id)
        if not isinstance(value, str):
            raise PlannerError(
                f"an answer to '{field_id}' is text, not {type(value).__name__} ({value!r})"
            )
        if question.is_choice:
            check_choice(question, value)
        self._controls[field_id].value = value

    def make_notes(self) -> None:
        self._make.click()

    def clear(self) -> None:
        self._clear.click()

    # --- handlers -----------------------------------------------------------------------------
    def _on_change(self, _change: dict[str, Any]) -> None:
        # Notes that no longer match the answers must not be printed or downloaded by mistake.
        if self._summary.value:
            self._summary.value = ""
            self._status.value = view.STALE

    def _on_make(self, _button: widgets.Button) -> None:
        found = self.problems
        if found:
            self._summary.value = ""
            self._status.value = view.problems_alert(found)
            return
        self._status.value = view.READY
        self._summary.value = view.summary_html(self.answers, region=self._region)

    def _on_clear(self, _button: widgets.Button) -> None:
        for control in self._controls.values():
            control.value = ""
        self._summary.value = ""
        self._status.value = view.CLEARED


def _control_for(question: Field) -> widgets.ValueWidget:
    control: widgets.ValueWidget
    if question.is_choice:
        control = widgets.Dropdown(
            options=[("Choose one", ""), *((label, cid) for cid, label in question.choices)],
            value="",
            description=question.label,
            description_allow_html=False,
        )
    else:
        # A box sends its text once, when the student leaves it (pressing a button leaves it),
        # not at every keystroke. Keystrokes typed while the kernel is still busy with an earlier
        # one wait in the page until it answers, and a press is never held back like that: it
        # would reach the kernel before the last words typed, and the notes would be made
        # without them. Sent on leaving, the text always arrives before the press.
        control = widgets.Textarea(
            value="",
            description=question.label,
            placeholder=question.hint,
            rows=2,
            continuous_update=False,
        )
    control.style.description_width = "initial"
    control.add_class("backedu-planner-answer")
    control.add_class(f"backedu-planner-{question.id}")
    return control


# --- what the notebooks call ----------------------------------------------------------------------
def appointment_planner(*, region: Region | None = None) -> AppointmentPlanner:
    """The appointment planner of the "Seeing a doctor" lesson."""
    return AppointmentPlanner(course(), region=region)
