"""The symptom checklist: tick signs, see live how soon to get help and why.

A thin widget over ``backedu.logic.triage`` (what the ticks mean) and ``backedu.views.triage`` (how
it looks). The emergency panel is the first child and stays there: nothing the student does can
move or hide it while an emergency sign is ticked. Every user action has a programmatic twin
(``select``, ``toggle``, ``clear``) that sets the same checkbox a click would set, so the same
handler runs either way.

Privacy: the ticks live only in these widgets, in the kernel's memory. Nothing here writes a
file, logs, prints or opens a connection (tests/widgets/test_checklist_privacy.py checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from backedu.content import Course, course
from backedu.content.models import Symptom, SymptomGroup
from backedu.errors import UnknownSymptomError
from backedu.heap import return_freed_memory
from backedu.logic.region import Region, current_region
from backedu.logic.triage import TriageResult, triage
from backedu.views.html import join
from backedu.views.triage import (
    advice_panel,
    checklist_intro,
    checklist_style,
    emergency_panel,
    group_heading,
    sign_label,
    tick_note,
    why,
)
from backedu.widgets.base import widget_texts

__all__ = ["SymptomChecklist", "symptom_checklist"]

_HIDDEN = "none"
_SHOWN = ""


class SymptomChecklist(widgets.VBox):
    """A checklist of symptoms with live triage advice; the emergency panel comes first.

    ``symptoms`` picks some of the course's signs (all of them by default), in checklist order.
    """

    def __init__(
        self,
        content: Course,
        *,
        symptoms: Sequence[Symptom] | None = None,
        region: Region | None = None,
    ) -> None:
        # overflow visible: lets the emergency panel stick while the list scrolls (see the CSS).
        super().__init__(layout=widgets.Layout(overflow="visible"))
        self._symptoms = tuple(content.symptoms if symptoms is None else symptoms)
        if not self._symptoms:
            raise ValueError("the symptom checklist needs at least one symptom in symptoms.yaml")
        # Read the region once: the page keeps the words it opened with.
        self._region = region or current_region()
        self._result = triage((), symptoms=self._symptoms, region=self._region)
        self._batching = False  # True while select() or clear() change several boxes

        # Every sign is two parts (box; "why" with the note shown under a ticked box) that share
        # one layout and one style model each, straight in the list without a box of their own.
        # The note is in the page from the start and the stylesheet shows it when its box is
        # ticked, so a tick sends nothing back for it. 390 widget models became about 85: the
        # browser builds the page faster and each kernel of a class holds less.
        self._shared = {
            "box": widgets.Layout(width="auto"),
            "box_style": CheckboxStyle(),
            "html": widgets.Layout(),
            "html_style": HTMLStyle(),
        }
        self._emergency = widgets.HTML(layout=widgets.Layout(display=_HIDDEN))
        self._emergency.add_class("backedu-emergency")
        self._advice = widgets.HTML(layout=self._shared["html"], style=self._shared["html_style"])
        self._advice.add_class("backedu-advice")
        self._boxes: dict[str, widgets.Checkbox] = {}
        items: list[widgets.Widget] = []
        for group in SymptomGroup:
            members = [s for s in self._symptoms if s.group is group]
            if not members:
                continue
            heading = widgets.HTML(
                group_heading(group), layout=self._shared["html"], style=self._shared["html_style"]
            )
            items.append(heading)
            for symptom in members:
                items += self._row(symptom)
        self._clear = widgets.Button(
            description="Untick all",
            tooltip="Untick every sign on the checklist",
        )
        self._clear.add_class("backedu-checklist-clear")
        intro = widgets.HTML(
            join(checklist_intro(), checklist_style()),
            layout=self._shared["html"],
            style=self._shared["html_style"],
        )

        # The emergency panel must stay the first child: the browser test checks it is above
        # everything else, and nothing reorders children after this line.
        self.children = (
            self._emergency,
            intro,
            self._advice,
            widgets.VBox(items, layout=widgets.Layout(margin="0 0 0.8em 0")),
            self._clear,
        )
        self.add_class("backedu-checklist")

        for box in self._boxes.values():
            box.observe(self._on_tick, names="value")
        self._clear.on_click(self._on_clear)
        self._render()

    def _row(self, symptom: Symptom) -> list[widgets.Widget]:
        shared = self._shared
        box = widgets.Checkbox(
            value=False,
            description=sign_label(symptom),
            indent=False,
            layout=shared["box"],
            style=shared["box_style"],
        )
        box.add_class("backedu-symptom")
        box.add_class(f"backedu-symptom-{symptom.id}")
        self._boxes[symptom.id] = box
        explanation = widgets.HTML(
            join(why(symptom, self._region), tick_note(symptom, self._region)),
            layout=shared["html"],
            style=shared["html_style"],
        )
        return [box, explanation]

    # ---- read-only state ------------------------------------------------------------------

    @property
    def selected(self) -> tuple[str, ...]:
        """The ids of the ticked symptoms, in checklist order."""
        return tuple(s.id for s in self._symptoms if self._boxes[s.id].value)

    @property
    def result(self) -> TriageResult:
        """The triage of what is ticked now."""
        return self._result

    @property
    def region(self) -> Region:
        """Whose numbers and services the advice names."""
        return self._region

    def page_texts(self) -> list[str]:
        """Everything the checklist can show: the list with each sign's "why" and the note under
        its tick, and the advice and the emergency panel for each sign ticked on its own."""
        texts = [text for text in widget_texts(self) if not text.startswith("<style>")]
        for symptom in self._symptoms:
            alone = triage([symptom.id], symptoms=self._symptoms, region=self._region)
            texts += [advice_panel(alone), emergency_panel(alone)]
        return texts

    # ---- programmatic twins of the student's actions --------------------------------------

    def select(self, ids: Iterable[str]) -> None:
        """Tick each symptom in ``ids``, as clicks would; others stay as they are.

        Every id is checked first, so a wrong one changes nothing.
        """
        wanted = self._known(ids)
        with self._batch():
            for symptom_id in wanted:
                self._boxes[symptom_id].value = True

    def toggle(self, symptom_id: str) -> None:
        """Tick the symptom if it is unticked, untick it if it is ticked: one click."""
        (known,) = self._known([symptom_id])
        box = self._boxes[known]
        box.value = not box.value

    def clear(self) -> None:
        """Untick everything, as the "Untick all" button does."""
        self._clear.click()

    # ---- handlers -------------------------------------------------------------------------

    def _known(self, ids: Iterable[str]) -> list[str]:
        if isinstance(ids, str):
            raise TypeError(f"pass a list of symptom ids, not one string: [{ids!r}]")
        wanted = list(ids)
        for symptom_id in wanted:
            if symptom_id not in self._boxes:
                raise UnknownSymptomError(
                    f"unknown symptom id {symptom_id!r}: this checklist has no such sign "
                    "(see symptoms.yaml); check the spelling"
                )
        return wanted

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """Change several boxes, then render once: the advice is announced once, not per box."""
        self._batching = True
        try:
            yield
        finally:
            self._batching = False
            self._render()

    def _on_tick(self, change: dict[str, Any]) -> None:
        if not self._batching:
            self._render()

    def _on_clear(self, _button: widgets.Button) -> None:
        with self._batch():
            for box in self._boxes.values():
                box.value = False

    # ---- views ----------------------------------------------------------------------------

    def _render(self) -> None:
        self._result = triage(self.selected, symptoms=self._symptoms, region=self._region)
        panel = emergency_panel(self._result)
        if panel:
            # Show the box before filling it, so the alert is read out when it appears.
            self._emergency.layout.display = _SHOWN
            self._emergency.value = panel
        else:
            self._emergency.value = ""
            self._emergency.layout.display = _HIDDEN
        self._advice.value = advice_panel(self._result)


def symptom_checklist(*, region: Region | None = None) -> SymptomChecklist:
    """The lesson's symptom checklist, in the words of ``region`` (``BACKEDU_REGION`` by
    default)."""
    checklist = SymptomChecklist(course(), region=region)
    return_freed_memory()  # building some 120 widget models leaves freed heap behind
    return checklist
