"""The cause explorer's logic: filter, group and link causes, and put each fact into plain words.

Pure Python over the content models, so the explorer widget, the lesson's pictures and the tests
all ask the same questions the same way. Nothing here knows about widgets or HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum

from backedu.content.models import (
    Cause,
    Commonness,
    Level,
    Modifiable,
    Share,
    Structure,
    Symptom,
    Verdict,
)
from backedu.errors import CauseError
from backedu.logic.region import Region, services


class Show(StrEnum):
    """Which causes the explorer lists. Each is one question a student may ask."""

    ALL = "all"
    CAN_CHANGE = "can-change"
    COMMON = "common"
    RARE = "rare"
    NEEDS_DOCTOR = "needs-doctor"
    MYTHS = "myths"
    IN_ARTICLE = "in-article"


SHOW_LABELS: dict[Show, str] = {
    Show.ALL: "All causes",
    Show.CAN_CHANGE: "Things I can change",
    Show.COMMON: "Common causes",
    Show.RARE: "Less common and rare causes",
    Show.NEEDS_DOCTOR: "Needs a doctor",
    Show.MYTHS: "Myths and weak ideas",
    Show.IN_ARTICLE: "Named in the article",
}

_MATCHES: dict[Show, Callable[[Cause], bool]] = {
    Show.ALL: lambda cause: True,
    Show.CAN_CHANGE: lambda cause: cause.modifiable in (Modifiable.YES, Modifiable.PARTLY),
    Show.COMMON: lambda cause: cause.how_common in (Commonness.MOST, Commonness.COMMON),
    Show.RARE: lambda cause: cause.how_common in (Commonness.UNCOMMON, Commonness.RARE),
    Show.NEEDS_DOCTOR: lambda cause: cause.level is not Level.SELF_CARE,
    Show.MYTHS: lambda cause: cause.how_common is Commonness.UNPROVEN,
    Show.IN_ARTICLE: lambda cause: cause.article_says is not None,
}


def parse_show(value: Show | str) -> Show:
    """``value`` as a ``Show``; a clear error lists the filters there are."""
    try:
        return Show(value)
    except ValueError:
        known = ", ".join(repr(show.value) for show in Show)
        raise CauseError(f"no cause filter {value!r}; use one of: {known}") from None


def matches(cause: Cause, show: Show | str) -> bool:
    """Whether ``cause`` belongs under the filter ``show``."""
    return _MATCHES[parse_show(show)](cause)


def filter_causes(causes: Iterable[Cause], *shows: Show | str) -> tuple[Cause, ...]:
    """The causes that match every filter in ``shows``, in their content order."""
    wanted = [parse_show(show) for show in shows]
    return tuple(cause for cause in causes if all(_MATCHES[show](cause) for show in wanted))


def find_cause(causes: Iterable[Cause], cause_id: str) -> Cause:
    """The cause with this id; the error names the ids there are."""
    listed = tuple(causes)
    for cause in listed:
        if cause.id == cause_id:
            return cause
    known = ", ".join(cause.id for cause in listed)
    raise CauseError(f"no cause with id {cause_id!r}; the causes are: {known}")


# Group keys, each with the order its groups are shown in (the enum's own order).
GROUP_KEYS: dict[str, type[StrEnum]] = {
    "how_common": Commonness,
    "level": Level,
    "modifiable": Modifiable,
    "structure": Structure,
}


def group_causes(causes: Iterable[Cause], by: str) -> dict[StrEnum, tuple[Cause, ...]]:
    """Causes grouped by one field, groups in the field's natural order, empty groups left out."""
    if by not in GROUP_KEYS:
        raise CauseError(f"cannot group causes by {by!r}; use one of: {', '.join(GROUP_KEYS)}")
    listed = tuple(causes)
    groups: dict[StrEnum, tuple[Cause, ...]] = {}
    for key in GROUP_KEYS[by]:
        members = tuple(cause for cause in listed if getattr(cause, by) == key)
        if members:
            groups[key] = members
    return groups


def symptoms_of(cause: Cause, symptoms: Iterable[Symptom]) -> tuple[Symptom, ...]:
    """The checklist symptoms that go with ``cause``, in the cause's order."""
    by_id = {symptom.id: symptom for symptom in symptoms}
    return tuple(by_id[symptom_id] for symptom_id in cause.symptoms)


def causes_with_symptom(symptom_id: str, causes: Iterable[Cause]) -> tuple[Cause, ...]:
    """The causes that list ``symptom_id``: the link from the checklist back to the causes."""
    return tuple(cause for cause in causes if symptom_id in cause.symptoms)


def share_of(cause: Cause, shares: Iterable[Share]) -> Share | None:
    """The "out of 100 people" group ``cause`` belongs to, if any (myths belong to none)."""
    return next((share for share in shares if cause.id in share.causes), None)


# ---- the "out of 100 people" figures ------------------------------------------------------


def figure_words(share: Share) -> str:
    """The sourced range in words: "about 90 to 95", "fewer than 1"."""
    if share.low == 0:
        return f"fewer than {share.high:g}"
    if share.low == share.high:
        return f"about {share.low:g}"
    return f"about {share.low:g} to {share.high:g}"


def share_sentence(share: Share) -> str:
    """One line a student can read instead of the picture."""
    figure = figure_words(share)
    return f"{figure[0].upper()}{figure[1:]} out of 100: {share.label[0].lower()}{share.label[1:]}."


def icon_groups(shares: Sequence[Share]) -> tuple[int, ...]:
    """For each of the 100 icons, the index of the share it stands for, in order."""
    total = sum(share.drawn for share in shares)
    if total != 100:
        drawn = ", ".join(f"{share.id}={share.drawn}" for share in shares)
        raise CauseError(f"the drawn numbers must add up to 100 people, not {total} ({drawn})")
    return tuple(index for index, share in enumerate(shares) for _ in range(share.drawn))


# ---- plain words for each field -----------------------------------------------------------

COMMONNESS_WORDS: dict[Commonness, str] = {
    Commonness.MOST: "Most back pain is like this",
    Commonness.COMMON: "Common",
    Commonness.UNCOMMON: "Less common",
    Commonness.RARE: "Rare",
    Commonness.UNPROVEN: "Not a proven cause",
}

MODIFIABLE_WORDS: dict[Modifiable, str] = {
    Modifiable.YES: "Yes, you can change this",
    Modifiable.PARTLY: "Partly: you can change some of it",
    Modifiable.NO: "No, this is not something you can change",
    Modifiable.UNKNOWN: "Does not apply, because this is not a proven cause",
}

LEVEL_LABELS: dict[Level, str] = {
    Level.SELF_CARE: "Self-care at home",
    Level.GP: "See a doctor",
    Level.URGENT: "Urgent: get help today",
    Level.EMERGENCY: "Emergency",
}

VERDICT_WORDS: dict[Verdict, str] = {
    Verdict.CONSISTENT: "The evidence agrees",
    Verdict.PARTLY: "Partly right",
    Verdict.NOT_SUPPORTED: "Not backed by evidence",
    Verdict.CONTRADICTED: "The evidence says otherwise",
    Verdict.ANECDOTE: "Only one person's story",
}

# The part of the back, and what it is, for the diagram's caption and the card.
STRUCTURE_WORDS: dict[Structure, tuple[str, str]] = {
    Structure.MUSCLE: ("Muscle", "the back muscles that run down each side of the spine"),
    Structure.DISC: ("Disc", "a disc, the soft pad between two back bones"),
    Structure.NERVE_ROOT: ("Nerve root", "a nerve root, where a nerve leaves the spine"),
    Structure.JOINT: ("Joint", "the small joints where two back bones meet"),
    Structure.VERTEBRA: ("Vertebra", "a vertebra, one of the bones of the spine"),
    Structure.NERVE_BUNDLE: (
        "Nerve bundle",
        "the bundle of nerves at the bottom of the spine (the cauda equina)",
    ),
}


def level_advice(level: Level, region: Region | None = None) -> str:
    """What to do, in the words of the student's region (999, 911 or 112...)."""
    words = services(region)
    if level is Level.SELF_CARE:
        return (
            "Look after it at home and keep gently moving. See a "
            f"{words.doctor_word} if it is not better in a few weeks, or if you are worried."
        )
    if level is Level.GP:
        return words.doctor
    if level is Level.URGENT:
        return words.urgent
    return words.emergency


def differs_from_article(cause: Cause) -> bool:
    """Whether the article says something about this cause that the evidence does not back."""
    return cause.article_verdict is not None and cause.article_verdict is not Verdict.CONSISTENT


def diagram_caption(cause: Cause) -> str:
    """The diagram in words: which part is highlighted, or why none is."""
    if cause.structure is Structure.NONE:
        if cause.how_common is Commonness.UNPROVEN:
            return "Nothing is highlighted, because this is not a proven cause of back pain."
        return "Nothing is highlighted, because no single part of the back is to blame."
    name, what = STRUCTURE_WORDS[cause.structure]
    return f"Highlighted: {name}. This is {what}."


_COUNT_WORDS: dict[Commonness, str] = {
    Commonness.MOST: "most common",
    Commonness.COMMON: "common",
    Commonness.UNCOMMON: "less common",
    Commonness.RARE: "rare",
    Commonness.UNPROVEN: "not proven",
}


def summary_line(shown: Sequence[Cause], total: int) -> str:
    """How many causes a filter shows, and how common they are: "Showing 6 of 17 causes: ..."."""
    if not shown:
        return f"No causes match this filter (0 of {total})."
    groups = group_causes(shown, "how_common")
    parts = ", ".join(
        f"{len(members)} {_COUNT_WORDS[Commonness(key)]}" for key, members in groups.items()
    )
    return f"Showing {len(shown)} of {total} causes: {parts}."
