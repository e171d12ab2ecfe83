"""Triage: the ticked symptoms -> how soon to get help, what to do, and which ticks decided it.

Pure Python: no widgets, no state, nothing stored. The level is the most urgent level among the
ticked symptoms, so adding a tick can only keep or raise it; an emergency sign therefore always
gives emergency advice, whatever else is ticked. The words for each level (999, NHS 111, GP...)
come from ``region.py``, so changing the region never touches this logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backedu.content import course
from backedu.content.models import Level, Symptom
from backedu.errors import UnknownSymptomError
from backedu.logic.region import Region, current_region, services

__all__ = ["Advice", "TriageResult", "UnknownSymptomError", "advice_for", "triage"]


@dataclass(frozen=True, slots=True)
class Advice:
    """What to do, in the region's words. ``level`` is None when nothing is ticked."""

    level: Level | None
    heading: str  # short, starts with the level's name: "Emergency: call 999 now"
    action: str  # what to do and where


@dataclass(frozen=True, slots=True)
class TriageResult:
    """The outcome for one selection. Symptoms keep the checklist's order."""

    level: Level | None  # the most urgent level ticked; None when nothing is ticked
    selected: tuple[Symptom, ...]
    triggers: tuple[Symptom, ...]  # the ticked symptoms at ``level``: why the advice is what it is
    # Ticked symptoms that would need more urgent help if they changed (see escalates_if).
    watch_for: tuple[Symptom, ...]
    advice: Advice
    region: Region

    @property
    def is_emergency(self) -> bool:
        return self.level is Level.EMERGENCY

    @property
    def emergency_number(self) -> str:
        return services(self.region).emergency_number


def triage(
    selected: Iterable[str],
    *,
    symptoms: Sequence[Symptom] | None = None,
    region: Region | None = None,
) -> TriageResult:
    """Triage the symptom ids in ``selected`` (in any order; repeats count once).

    ``symptoms`` is the checklist (the course's by default); ``region`` picks the wording
    (``BACKEDU_REGION``, else the UK, by default). An id the checklist does not have raises
    ``UnknownSymptomError`` naming it, before anything is worked out.
    """
    if isinstance(selected, str):
        # A lone id would be read letter by letter; say so instead of "unknown symptom 's'".
        raise TypeError(f"pass a list of symptom ids, not one string: [{selected!r}]")
    checklist = tuple(course().symptoms if symptoms is None else symptoms)
    chosen = _resolve(selected, checklist)
    where = region or current_region()
    ticked = tuple(symptom for symptom in checklist if symptom.id in chosen)
    if not ticked:
        return TriageResult(None, (), (), (), advice_for(None, where), where)
    level = max((symptom.level for symptom in ticked), key=lambda each: each.rank)
    return TriageResult(
        level=level,
        selected=ticked,
        triggers=tuple(symptom for symptom in ticked if symptom.level is level),
        watch_for=tuple(
            symptom
            for symptom in ticked
            if symptom.escalates_to is not None and symptom.escalates_to.rank > level.rank
        ),
        advice=advice_for(level, where),
        region=where,
    )


def _resolve(selected: Iterable[str], checklist: tuple[Symptom, ...]) -> set[str]:
    known = {symptom.id for symptom in checklist}
    chosen = set()
    for symptom_id in selected:
        if not isinstance(symptom_id, str):
            raise TypeError(f"symptom ids are strings, got {symptom_id!r}")
        if symptom_id not in known:
            raise UnknownSymptomError(
                f"unknown symptom id {symptom_id!r}: it is not in the checklist "
                "(symptoms.yaml); check the spelling"
            )
        chosen.add(symptom_id)
    return chosen


def advice_for(level: Level | None, region: Region | None = None) -> Advice:
    """The advice for ``level`` in the words of ``region`` (None: nothing ticked yet)."""
    words = services(region)
    if level is None:
        return Advice(
            None,
            "Nothing ticked yet",
            "Tick a sign on the list. You will see how soon to get help for it, and why.",
        )
    if level is Level.SELF_CARE:
        return Advice(
            level,
            "Self-care: you can look after this at home",
            "Keep moving gently, and try heat or an ice pack wrapped in a towel. Most spasms "
            f"get a lot better within a few weeks. See a {words.doctor_word} if it is no "
            "better after a few weeks, or if it gets worse.",
        )
    if level is Level.GP:
        return Advice(
            level,
            f"See a {words.doctor_word}: it is not urgent",
            f"{words.doctor} It is not an emergency, but a doctor should check it.",
        )
    if level is Level.URGENT:
        return Advice(level, "Urgent: get help today", words.urgent)
    return Advice(
        level,
        f"Emergency: call {words.emergency_number} now",
        f"{words.emergency} Do not wait to see if it gets better.",
    )
