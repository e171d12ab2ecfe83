"""Class plans computed from the course: which lessons fit a lesson period, in what order, and
the time left for the closing discussion. Pure: content in, plain data out.

The plans come from each lesson's ``minutes`` and the ``class_priority`` in lessons.yaml, so they
stay right when a lesson is added, dropped or re-timed. ``backedu.views.teaching`` draws them in
the teacher guide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backedu.content.models import Lesson
from backedu.errors import PlanError

PLAN_LENGTHS: tuple[int, ...] = (45, 90)
MIN_CLOSING = 5  # minutes: even a short class ends with questions and what to do next
CLOSING_TITLE = "Closing: discussion, questions and what to do next"


# --- class plans ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    """One part of a class: a lesson, or the closing discussion (``lesson`` is None)."""

    start: int  # minutes from the start of the class
    minutes: int
    lesson: Lesson | None

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def title(self) -> str:
        return CLOSING_TITLE if self.lesson is None else self.lesson.title


@dataclass(frozen=True)
class Plan:
    """A class of ``minutes``: lessons in course order, then the closing; the rest for later."""

    minutes: int
    slots: tuple[Slot, ...]
    later: tuple[Lesson, ...]  # lessons that did not fit: homework or another class

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        return tuple(slot.lesson for slot in self.slots if slot.lesson is not None)


def closing_minutes(total: int) -> int:
    """About a tenth of the class, in whole 5 minutes, and never under ``MIN_CLOSING``."""
    return max(MIN_CLOSING, 5 * round(total / 50))


def plan(
    lessons: Sequence[Lesson],
    total: int,
    *,
    priority: Sequence[str] = (),
    closing: int | None = None,
) -> Plan:
    """The lessons that fit a class of ``total`` minutes, with start times.

    Lessons are taken in ``priority`` order (lesson ids: lessons.yaml's ``class_priority``), then
    any others in course order; one that does not
    fit in the time still free is left for later and the next one is tried. The chosen lessons run
    in course order, each for its full ``minutes``, and the time left at the end is the closing
    (at least ``closing`` minutes, by default :func:`closing_minutes`).
    """
    if not lessons:
        raise PlanError("the course has no lessons to plan")
    closing = closing_minutes(total) if closing is None else closing
    if closing < 0:
        raise PlanError(f"the closing cannot take {closing} minutes")
    rank = {lesson_id: position for position, lesson_id in enumerate(priority)}
    order = sorted(range(len(lessons)), key=lambda i: (rank.get(lessons[i].id, len(rank)), i))
    first = lessons[order[0]]
    if first.minutes + closing > total:
        raise PlanError(
            f"a class of {total} minutes is too short: '{first.title}' takes {first.minutes} "
            f"minutes and the closing {closing}"
        )
    free = total - closing
    chosen: set[int] = set()
    for index in order:
        if lessons[index].minutes <= free:
            chosen.add(index)
            free -= lessons[index].minutes
    slots: list[Slot] = []
    clock = 0
    for index in sorted(chosen):
        slots.append(Slot(clock, lessons[index].minutes, lessons[index]))
        clock += lessons[index].minutes
    slots.append(Slot(clock, total - clock, None))
    later = tuple(lesson for i, lesson in enumerate(lessons) if i not in chosen)
    return Plan(total, tuple(slots), later)
