"""The cause explorer's logic: filter, group and link causes, and put each fact into plain words.

Pure Python over the content models, so the explorer widget, the lesson's pictures and the tests
all ask the same questions the same way. Nothing here knows about widgets or HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum

from backedu.content import Course, course
from backedu.content.models import (
    Cause,
    CauseFilter,
    Commonness,
    Level,
    Modifiable,
    Share,
    Structure,
    Symptom,
    Verdict,
)
from backedu.errors import CauseError
from backedu.logic.region import Region
from backedu.logic.triage import Advice, advice_for, route_of

Show = CauseFilter  # the explorer's "Show" menu; its words are the content's cause_filters

_MATCHES: dict[Show, Callable[[Cause], bool]] = {
    Show.ALL: lambda cause: True,
    Show.CAN_CHANGE: lambda cause: cause.modifiable in (Modifiable.YES, Modifiable.PARTLY),
    Show.COMMON: lambda cause: cause.how_common in (Commonness.MOST, Commonness.COMMON),
    Show.RARE: lambda cause: cause.how_common in (Commonness.UNCOMMON, Commonness.RARE),
    Show.NEEDS_DOCTOR: lambda cause: cause.level is not Level.SELF_CARE,
    Show.OUTSIDE_BACK: lambda cause: cause.structure is Structure.OUTSIDE,
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


# ---- what to do ----------------------------------------------------------------------------


def cause_advice(
    cause: Cause, region: Region | None = None, content: Course | None = None
) -> Advice:
    """What to do about ``cause``: its level's advice, in the region's words. An emergency cause
    takes its emergency signs' route (an ambulance for a burst blood vessel; call or go for cauda
    equina syndrome)."""
    route = None
    if cause.level is Level.EMERGENCY:
        signs = symptoms_of(cause, (content or course()).symptoms)
        route = route_of(sign for sign in signs if sign.level is Level.EMERGENCY)
    return advice_for(cause.level, region, route=route)


def differs_from_article(cause: Cause) -> bool:
    """Whether the article says something about this cause that the evidence does not back."""
    return cause.article_verdict is not None and cause.article_verdict is not Verdict.CONSISTENT


def diagram_caption(cause: Cause, content: Course | None = None) -> str:
    """The diagram in words: which part is highlighted, or why none is."""
    words = (content or course()).words.structure(cause.structure)
    if cause.structure is Structure.NONE:
        if cause.how_common is Commonness.UNPROVEN:
            return "Nothing is highlighted, because this is not a proven cause of back pain."
        return f"Nothing is highlighted, because {words.what}."
    if cause.structure is Structure.OUTSIDE:
        return f"Nothing is highlighted. This pain comes from {words.what}."
    return f"Highlighted: {words.name}. This is {words.what}."


def summary_line(shown: Sequence[Cause], total: int, content: Course | None = None) -> str:
    """How many causes a filter shows, and how common they are: "Showing 6 of 17 causes: ..."."""
    if not shown:
        return f"No causes match this filter (0 of {total})."
    words = (content or course()).words
    groups = group_causes(shown, "how_common")
    parts = ", ".join(
        f"{len(members)} {words.commonness_of(Commonness(key)).in_count}"
        for key, members in groups.items()
    )
    return f"Showing {len(shown)} of {total} causes: {parts}."
