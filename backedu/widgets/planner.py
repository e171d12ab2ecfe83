"""The planner widget: a few questions, then notes (or a plan) to print or download.

Thin on purpose: the questions are content (planners.yaml), the checks come from
``backedu.logic.planner``, the result's HTML from ``backedu.views.planner``. This file only lays out
the form and turns presses into calls. Nothing the student types is stored, logged or sent anywhere
by this code: the answers live in the form's controls, and the download is a ``data:`` link that
carries the result inside the page. Two planners use it: the appointment planner (lesson 04) and
the first-week plan (lesson 05).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from backedu.content import Course, course
from backedu.content.models import AnswerKind, PlanField, Planner
from backedu.errors import PlannerError
from backedu.logic.planner import (
    APPOINTMENT,
    FIRST_WEEK,
    MAX_LENGTH,
    TICKED,
    Problem,
    check_choice,
    field,
    planner,
    problems,
)
from backedu.logic.region import Region
from backedu.views import planner as view
from backedu.widgets.base import widget_texts


class PlannerForm(widgets.VBox):
    """A planner's questions, its "Make my notes" (or "Make my plan") button and what it makes.

    Every action has a method twin that takes the same path as the student: ``set_answer`` (typing
    or choosing), ``make_notes`` (the button) and ``clear`` ("Clear my answers").
    """

    def __init__(
        self, content: Course, *, planner: str = APPOINTMENT, region: Region | None = None
    ) -> None:
        self._content = content
        self._form: Planner = _planner(planner, content)
        self._region = region
        self._controls: dict[str, widgets.ValueWidget] = {}
        for question in self._form.fields:
            control = _control_for(question)
            control.observe(self._on_change, names="value")
            self._controls[question.id] = control
        self._intro = widgets.HTML(view.intro_html(self._form))
        self._make = widgets.Button(description=self._form.make, button_style="primary")
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
    def form(self) -> Planner:
        """The planner's questions and words (planners.yaml)."""
        return self._form

    @property
    def answers(self) -> dict[str, str]:
        """The answers as they stand in the form, by question id (blank ones included); a ticked
        box answers ``TICKED``."""
        return {
            question_id: (TICKED if control.value else "")
            if isinstance(control, widgets.Checkbox)
            else control.value
            for question_id, control in self._controls.items()
        }

    @property
    def problems(self) -> tuple[Problem, ...]:
        """What must be fixed before notes can be made (empty when all is well)."""
        return problems(self._form, self.answers)

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
        form = self._form
        text = next((q for q in form.fields if q.kind is AnswerKind.TEXT), None)
        too_long = problems(form, {text.id: "x" * (MAX_LENGTH + 1)}) if text else ()
        # every answer given (a text answer stands in for the student's own words)
        full = {q.id: _example_answer(q) for q in form.fields}
        return [
            *widget_texts(self),
            view.stale(form),
            view.CLEARED,
            view.ready(form),
            view.problems_html(too_long + problems(form, {})),
            view.summary_html(form, full, region=self._region),
        ]

    # --- actions: the same path as the student ------------------------------------------------
    def set_answer(self, field_id: str, value: str) -> None:
        """Type ``value`` into a text question, choose the choice with id ``value``, or tick a
        box (``"yes"``; ``""`` unticks it)."""
        question = field(self._form, field_id)
        if not isinstance(value, str):
            raise PlannerError(
                f"an answer to '{field_id}' is text, not {type(value).__name__} ({value!r})"
            )
        if question.kind is not AnswerKind.TEXT:
            check_choice(question, value)
        control = self._controls[field_id]
        control.value = (value == TICKED) if isinstance(control, widgets.Checkbox) else value

    def make_notes(self) -> None:
        self._make.click()

    def clear(self) -> None:
        self._clear.click()

    # --- handlers -----------------------------------------------------------------------------
    def _on_change(self, _change: dict[str, Any]) -> None:
        # Notes that no longer match the answers must not be printed or downloaded by mistake.
        if self._summary.value:
            self._summary.value = ""
            self._status.value = view.stale(self._form)

    def _on_make(self, _button: widgets.Button) -> None:
        found = self.problems
        if found:
            self._summary.value = ""
            self._status.value = view.problems_alert(found)
            return
        self._status.value = view.ready(self._form)
        self._summary.value = view.summary_html(self._form, self.answers, region=self._region)

    def _on_clear(self, _button: widgets.Button) -> None:
        for control in self._controls.values():
            control.value = False if isinstance(control, widgets.Checkbox) else ""
        self._summary.value = ""
        self._status.value = view.CLEARED


def _planner(planner_id: str, content: Course) -> Planner:
    return planner(planner_id, content)


def _example_answer(question: PlanField) -> str:
    if question.kind is AnswerKind.CHOICE:
        return question.choices[0].id
    return TICKED if question.kind is AnswerKind.TICK else "Last week."


def _control_for(question: PlanField) -> widgets.ValueWidget:
    control: widgets.ValueWidget
    if question.kind is AnswerKind.CHOICE:
        control = widgets.Dropdown(
            options=[("Choose one", ""), *((c.label, c.id) for c in question.choices)],
            value="",
            description=question.label,
            description_allow_html=False,
        )
    elif question.kind is AnswerKind.TICK:
        control = widgets.Checkbox(value=False, description=question.label, indent=False)
    else:
        # A box sends its text once, when the student leaves it (pressing a button leaves it),
        # not at every keystroke. Keystrokes typed while the kernel is still busy with an earlier
        # one wait in the page until it answers, and a press is never held back like that: it
        # would reach the kernel before the last words typed, and the notes would be made
        # without them. Sent on leaving, the text always arrives before the press.
        control = widgets.Textarea(
            value="",
            description=question.label,
            placeholder=question.hint or "",
            rows=2,
            continuous_update=False,
        )
    control.style.description_width = "initial"
    control.add_class("backedu-planner-answer")
    control.add_class(f"backedu-planner-{question.id}")
    return control


# --- what the notebooks call ----------------------------------------------------------------------
def appointment_planner(*, region: Region | None = None) -> PlannerForm:
    """The appointment planner of the "Seeing a doctor" lesson."""
    return PlannerForm(course(), region=region)


def self_care_plan(*, region: Region | None = None) -> PlannerForm:
    """The first-week plan of the "Treatment and self-care" lesson: the same tool, another form."""
    return PlannerForm(course(), planner=FIRST_WEEK, region=region)
