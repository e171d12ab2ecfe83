"""The appointment planner widget: a few questions, then notes to print or download.

Thin on purpose: the questions, the checks and the notes all come from ``backedu.logic.planner``.
This file only lays out the form and turns button presses into calls. Nothing the student types is
stored, logged or sent anywhere by this code: the answers live in the form's controls, and the
download is a ``data:`` link that carries the notes inside the page.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from backedu.errors import PlannerError
from backedu.logic.planner import (
    FIELDS,
    MAX_LENGTH,
    Field,
    Problem,
    check_choice,
    field,
    problems,
    problems_html,
    summary_html,
)
from backedu.logic.region import Region
from backedu.views.html import Html, element

# Labels sit above their boxes, full width, so long questions are never cut off.
_STYLE = Html(
    "<style>"
    ".backedu-planner .backedu-planner-answer{flex-direction:column;align-items:stretch;"
    "width:100%;max-width:40em;height:auto}"
    ".backedu-planner .backedu-planner-answer .widget-label{width:auto;max-width:none;"
    "font-weight:bold;margin:0.25em 0;white-space:normal;text-align:left}"
    ".backedu-planner .backedu-planner-answer textarea,"
    ".backedu-planner .backedu-planner-answer select{width:100%}"
    ".backedu-planner .backedu-planner-answer select{height:2.2em;flex:none}"
    ".backedu-planner .backedu-planner-answer textarea::placeholder{color:#555}"
    "</style>"
)
_STALE = element(
    "p",
    element("span", "↻", aria_hidden="true"),
    " You changed an answer. Press “Make my notes” again to update your notes.",
    role="alert",
)
_CLEARED = element("p", "Your answers are cleared.", role="alert")


class AppointmentPlanner(widgets.VBox):
    """A form of planner questions, a "Make my notes" button and the notes it makes.

    Every action has a method twin that takes the same path as the student: ``set_answer`` (typing
    or choosing), ``make_notes`` (the button) and ``clear`` ("Clear my answers").
    """

    def __init__(self, *, region: Region | None = None) -> None:
        self._region = region
        self._controls: dict[str, widgets.ValueWidget] = {}
        for question in FIELDS:
            control = _control_for(question)
            control.observe(self._on_change, names="value")
            self._controls[question.id] = control
        self._intro = widgets.HTML(_intro_html())
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
            self._status.value = _STALE

    def _on_make(self, _button: widgets.Button) -> None:
        found = self.problems
        if found:
            self._summary.value = ""
            self._status.value = element("div", problems_html(found), role="alert")
            return
        self._status.value = element(
            "p",
            element("span", "✔", aria_hidden="true"),
            " Your notes are ready. They are just below.",
            role="alert",
        )
        self._summary.value = summary_html(self.answers, region=self._region)

    def _on_clear(self, _button: widgets.Button) -> None:
        for control in self._controls.values():
            control.value = ""
        self._summary.value = ""
        self._status.value = _CLEARED


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
        control = widgets.Textarea(
            value="",
            description=question.label,
            placeholder=question.hint,
            rows=2,
        )
    control.style.description_width = "initial"
    control.add_class("backedu-planner-answer")
    control.add_class(f"backedu-planner-{question.id}")
    return control


def _intro_html() -> Html:
    return element(
        "div",
        _STYLE,
        element("h3", "Appointment planner", style="margin:0.25em 0"),
        element(
            "p",
            "Answer the questions you can, then press “Make my notes”. Each answer can be up to "
            f"{MAX_LENGTH} characters long.",
        ),
        element(
            "p",
            element("strong", "Private: "),
            "nothing you type here is saved or shared. It is gone when you close the page.",
        ),
    )


# --- what the notebooks call ----------------------------------------------------------------------
def appointment_planner(*, region: Region | None = None) -> AppointmentPlanner:
    """The appointment planner of the "Seeing a doctor" lesson."""
    return AppointmentPlanner(region=region)
