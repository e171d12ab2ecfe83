"""Triage: the ticked symptoms -> how soon to get help, what to do, and which ticks decided it.

Pure Python: no widgets, no state, nothing stored. The level is the most urgent level among the
ticked symptoms, so adding a tick can only keep or raise it; an emergency sign therefore always
gives emergency advice, whatever else is ticked. If any ticked emergency sign needs an ambulance
(a stroke, chest pain, a bad fall), the advice says to call one and not to make your own way.

The words for each level are the content's (``words.yaml``), in the region's words (999, NHS 111,
GP...: ``region.py``), so changing the region or the wording never touches this logic. Every page
that names a level gets its words from :func:`advice_for`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backedu.content import course
from backedu.content.models import Ages, EmergencyRoute, Level, Symptom, SymptomGroup, YoungSign
from backedu.errors import UnknownGroupError, UnknownLevelError, UnknownSymptomError
from backedu.logic.region import Region, current_region, emergency_words, say, services

__all__ = [
    "Advice",
    "SignGroup",
    "SignList",
    "TriageResult",
    "UnknownSymptomError",
    "YoungSigns",
    "advice_for",
    "ages_words",
    "level_named",
    "route_of",
    "signs_in_group",
    "triage",
    "warning_signs",
    "young_people_signs",
]


@dataclass(frozen=True, slots=True)
class Advice:
    """What to do, in the region's words. ``level`` is None when nothing is ticked."""

    level: Level | None
    name: str  # the level's name: "Emergency", "See a GP"
    heading: str  # the name and what it means: "Emergency: call 999 now"
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
    # How to get emergency help (None below emergency): an ambulance if any trigger needs one.
    route: EmergencyRoute | None = None

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
    triggers = tuple(symptom for symptom in ticked if symptom.level is level)
    route = route_of(triggers) if level is Level.EMERGENCY else None
    return TriageResult(
        level=level,
        selected=ticked,
        triggers=triggers,
        watch_for=tuple(
            symptom
            for symptom in ticked
            if symptom.escalates_to is not None and symptom.escalates_to.rank > level.rank
        ),
        advice=advice_for(level, where, route=route),
        region=where,
        route=route,
    )


def route_of(signs: Iterable[Symptom]) -> EmergencyRoute:
    """How to get emergency help for ``signs`` together: an ambulance if any of them needs one
    (or if none says: calling is never wrong), else call or go."""
    routes = {sign.emergency_route for sign in signs}
    if routes == {EmergencyRoute.CALL_OR_GO}:
        return EmergencyRoute.CALL_OR_GO
    return EmergencyRoute.CALL


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


NOTHING_TICKED = "Nothing ticked yet"


def advice_for(
    level: Level | None,
    region: Region | None = None,
    *,
    route: EmergencyRoute | None = None,
) -> Advice:
    """The advice for ``level`` in the words of ``region`` (None: nothing ticked yet). For an
    emergency, ``route`` says whether to call an ambulance (the default) or call or go."""
    if level is None:
        return Advice(
            None,
            NOTHING_TICKED,
            NOTHING_TICKED,
            "Tick a sign on the list. You will see how soon to get help for it, and why.",
        )
    words = course().words.level(level)
    where = region or current_region()
    way = route or EmergencyRoute.CALL
    name = say(words.name, where, route=way)
    return Advice(
        level,
        name,
        f"{name}: {say(words.headline, where, route=way)}",
        say(words.advice, where, route=way),
    )


def ages_words(ages: Ages | None) -> str:
    """The ages a sign is for, in words: "Under 16", "50 and over", "12 to 15"; empty for all."""
    if ages is None:
        return ""
    if ages.under is not None and ages.over is not None:
        return f"{ages.over} to {ages.under - 1}"
    if ages.under is not None:
        return f"Under {ages.under}"
    return f"{ages.over} and over"


# ---- the lists of warning signs (every page that lists them asks here) ------------------------


@dataclass(frozen=True, slots=True)
class SignGroup:
    """Signs that share what to do: the words of the level's advice, or of one emergency route."""

    action: str
    signs: tuple[Symptom, ...]
    route: EmergencyRoute | None = None


@dataclass(frozen=True, slots=True)
class SignList:
    """Every sign at one level, grouped by what to do, in the region's words: the one source of
    the emergency and same-day lists on every page, sheet and guide."""

    advice: Advice
    groups: tuple[SignGroup, ...]
    changes: tuple[Symptom, ...]  # signs that become this urgent if they change (escalates_if)

    @property
    def signs(self) -> tuple[Symptom, ...]:
        return tuple(sign for group in self.groups for sign in group.signs)


# The order of emergency routes in a list: the cauda equina signs (with back pain) first.
_ROUTES = (EmergencyRoute.CALL_OR_GO, EmergencyRoute.CALL)


def warning_signs(
    level: Level | str,
    region: Region | None = None,
    *,
    symptoms: Sequence[Symptom] | None = None,
) -> SignList:
    """Every sign at ``level`` in checklist order (an emergency's grouped by route, cauda equina
    signs first), and the signs that become ``level`` if they change."""
    wanted = level_named(level)
    where = region or current_region()
    checklist = tuple(course().symptoms if symptoms is None else symptoms)
    at_level = tuple(sign for sign in checklist if sign.level is wanted)
    if wanted is Level.EMERGENCY:
        groups = tuple(
            SignGroup(emergency_words(route, where), members, route)
            for route in _ROUTES
            if (members := tuple(s for s in at_level if s.emergency_route is route))
        )
    else:
        groups = (SignGroup(advice_for(wanted, where).action, at_level),) if at_level else ()
    return SignList(
        advice=advice_for(wanted, where),
        groups=groups,
        changes=tuple(sign for sign in checklist if sign.escalates_to is wanted),
    )


def level_named(level: Level | str) -> Level:
    """``level`` as a Level ("urgent" is Level.URGENT); an unknown name is a one-line error."""
    if isinstance(level, Level):
        return level
    try:
        return Level(level)
    except ValueError:
        known = ", ".join(repr(each.value) for each in Level)
        raise UnknownLevelError(f"no level {level!r}; use one of: {known}") from None


@dataclass(frozen=True, slots=True)
class YoungSigns:
    """The signs at one level that need a doctor sooner in someone under 16, and what to do."""

    advice: Advice
    signs: tuple[YoungSign, ...]


def young_people_signs(
    level: Level | str | None = None,
    region: Region | None = None,
    *,
    with_checklist_signs: bool = True,
) -> tuple[YoungSigns, ...]:
    """symptoms.yaml's signs for under-16s, by level (least urgent first), or only at ``level``;
    without the ones the checklist also has if not ``with_checklist_signs`` (a page that shows
    the checklist's list at that level just above)."""
    wanted = (Level.GP, Level.URGENT) if level is None else (level_named(level),)
    where = region or current_region()
    groups = []
    for each in wanted:
        signs = tuple(
            sign
            for sign in course().under_16
            if sign.level is each and (with_checklist_signs or sign.symptom is None)
        )
        if signs:
            groups.append(YoungSigns(advice_for(each, where), signs))
    return tuple(groups)


def signs_in_group(group: SymptomGroup | str) -> tuple[Symptom, ...]:
    """The checklist's signs in ``group`` ("nerve", "red-flag"...), in checklist order."""
    try:
        wanted = SymptomGroup(group)
    except ValueError:
        known = ", ".join(repr(each.value) for each in SymptomGroup)
        raise UnknownGroupError(f"no group of signs {group!r}; use one of: {known}") from None
    return tuple(sign for sign in course().symptoms if sign.group is wanted)
