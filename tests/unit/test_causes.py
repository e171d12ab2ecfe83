"""backedu.logic.causes: filtering, grouping and linking causes, the "out of 100" figures and the
plain words for each field. Table-driven, on small hand-made causes so each rule is seen on its
own."""

from __future__ import annotations

from typing import Any

import pytest

from backedu.authoring.readability import TARGET_GRADE, grade
from backedu.content import course
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
from backedu.logic import causes as C
from backedu.logic.region import Region
from tests.support.models import validated


def make(cause_id: str, **fields: Any) -> Cause:
    base: dict[str, Any] = {
        "id": cause_id,
        "name": cause_id.replace("-", " ").capitalize(),
        "how_it_hurts": "It hurts.",
        "at_risk": "Anyone.",
        "modifiable": "partly",
        "how_common": "common",
        "level": "self-care",
        "structure": "muscle",
        "evidence_note": "A note.",
        "sources": ["nhs-back-pain"],
    }
    return validated(Cause, **{**base, **fields})


CAUSES = (
    make("strain", article_says="Lifting hurts.", article_verdict="consistent"),
    make("no-cause", how_common="most", structure="none"),
    make(
        "disc",
        modifiable="no",
        how_common="uncommon",
        level="gp",
        structure="disc",
        symptoms=["leg-pain"],
        article_says="Discs always hurt.",
        article_verdict="contradicted",
    ),
    make(
        "bundle",
        modifiable="no",
        how_common="rare",
        level="emergency",
        structure="nerve-bundle",
        symptoms=["numb-saddle", "leg-pain"],
    ),
    make("smoking", modifiable="yes", structure="none"),
    make(
        "water",
        modifiable="unknown",
        how_common="unproven",
        structure="none",
        article_says="Drink water.",
        article_verdict="not-supported",
    ),
)


def ids(causes: tuple[Cause, ...]) -> list[str]:
    return [cause.id for cause in causes]


@pytest.mark.parametrize(
    ("show", "expected"),
    [
        ("all", ["strain", "no-cause", "disc", "bundle", "smoking", "water"]),
        ("can-change", ["strain", "no-cause", "smoking"]),
        ("common", ["strain", "no-cause", "smoking"]),
        ("rare", ["disc", "bundle"]),
        ("needs-doctor", ["disc", "bundle"]),
        ("myths", ["water"]),
        ("in-article", ["strain", "disc", "water"]),
        (C.Show.MYTHS, ["water"]),
    ],
    ids=str,
)
def test_filter_causes(show: str, expected: list[str]) -> None:
    assert ids(C.filter_causes(CAUSES, show)) == expected


def test_pain_from_somewhere_else_lists_the_causes_outside_the_spine() -> None:
    outside = C.filter_causes(course().causes, "outside-back")
    assert ids(outside) == ["period-pain", "kidney-problem", "aortic-aneurysm"]
    assert all(cause.structure is Structure.OUTSIDE for cause in outside)
    assert not C.filter_causes(CAUSES, "outside-back"), "a muscle or a disc is not elsewhere"


def test_filters_combine_and_keep_content_order() -> None:
    assert ids(C.filter_causes(CAUSES, "in-article", "needs-doctor")) == ["disc"]
    assert ids(C.filter_causes(CAUSES)) == ids(CAUSES)


def test_every_filter_has_a_label_and_a_rule() -> None:
    for show in C.Show:
        assert course().words.cause_filter(show).name
        assert isinstance(C.matches(CAUSES[0], show), bool)


@pytest.mark.parametrize("bad", ["sometimes", "", "ALL"])
def test_unknown_filter_is_a_clear_error(bad: str) -> None:
    with pytest.raises(C.CauseError, match=rf"no cause filter {bad!r}; use one of: 'all'"):
        C.filter_causes(CAUSES, bad)


def test_find_cause_names_the_known_ids() -> None:
    assert C.find_cause(CAUSES, "disc").id == "disc"
    with pytest.raises(C.CauseError, match="no cause with id 'gout'; the causes are: strain"):
        C.find_cause(CAUSES, "gout")


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "how_common",
            {
                Commonness.MOST: ["no-cause"],
                Commonness.COMMON: ["strain", "smoking"],
                Commonness.UNCOMMON: ["disc"],
                Commonness.RARE: ["bundle"],
                Commonness.UNPROVEN: ["water"],
            },
        ),
        (
            "level",
            {
                Level.SELF_CARE: ["strain", "no-cause", "smoking", "water"],
                Level.GP: ["disc"],
                Level.EMERGENCY: ["bundle"],
            },
        ),
        (
            "modifiable",
            {
                Modifiable.YES: ["smoking"],
                Modifiable.PARTLY: ["strain", "no-cause"],
                Modifiable.NO: ["disc", "bundle"],
                Modifiable.UNKNOWN: ["water"],
            },
        ),
        (
            "structure",
            {
                Structure.MUSCLE: ["strain"],
                Structure.DISC: ["disc"],
                Structure.NERVE_BUNDLE: ["bundle"],
                Structure.NONE: ["no-cause", "smoking", "water"],
            },
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_group_causes_in_natural_order_without_empty_groups(
    by: str, expected: dict[Any, list[str]]
) -> None:
    groups = C.group_causes(CAUSES, by)
    assert list(groups) == list(expected)  # the enum's order, e.g. most common first
    assert {key: ids(members) for key, members in groups.items()} == expected


def test_group_by_unknown_field_is_a_clear_error() -> None:
    with pytest.raises(C.CauseError, match="cannot group causes by 'colour'; use one of"):
        C.group_causes(CAUSES, "colour")


def _symptom(symptom_id: str, level: str) -> Symptom:
    return validated(
        Symptom,
        id=symptom_id,
        label=symptom_id,
        explanation="x",
        group="nerve",
        level=level,
        sources=["nhs-sciatica"],
    )


def test_symptoms_of_and_causes_with_symptom_link_both_ways() -> None:
    symptoms = (_symptom("leg-pain", "gp"), _symptom("numb-saddle", "emergency"))
    bundle = C.find_cause(CAUSES, "bundle")
    assert [s.id for s in C.symptoms_of(bundle, symptoms)] == ["numb-saddle", "leg-pain"]
    assert ids(C.causes_with_symptom("leg-pain", CAUSES)) == ["disc", "bundle"]
    assert C.causes_with_symptom("nothing", CAUSES) == ()


def _share(share_id: str, low: float, high: float, drawn: int, *members: str) -> Share:
    return validated(
        Share,
        id=share_id,
        label=f"{share_id} label",
        low=low,
        high=high,
        drawn=drawn,
        causes=members,
        sources=["nhs-back-pain"],
    )


SHARES = (
    _share("most", 90, 95, 90, "strain", "no-cause"),
    _share("middle", 4, 10, 9, "disc"),
    _share("serious", 0, 1, 1, "bundle"),
)


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (SHARES[0], "about 90 to 95"),
        (SHARES[1], "about 4 to 10"),
        (SHARES[2], "fewer than 1"),
        (_share("exact", 50, 50, 50), "about 50"),
        (_share("half", 2.5, 7.5, 5), "about 2.5 to 7.5"),
    ],
    ids=lambda v: v.id if isinstance(v, Share) else v,
)
def test_figure_words(share: Share, words: str) -> None:
    assert C.figure_words(share) == words


def test_share_sentence_is_a_readable_line() -> None:
    assert C.share_sentence(SHARES[2]) == "Fewer than 1 out of 100: serious label."


def test_share_of_links_a_cause_to_its_group() -> None:
    assert C.share_of(C.find_cause(CAUSES, "disc"), SHARES) == SHARES[1]
    assert C.share_of(C.find_cause(CAUSES, "water"), SHARES) is None


def test_icon_groups_draw_100_people_in_group_order() -> None:
    groups = C.icon_groups(SHARES)
    assert len(groups) == 100
    assert groups.count(0) == 90 and groups.count(1) == 9 and groups.count(2) == 1
    assert list(groups) == sorted(groups)


def test_icon_groups_refuse_a_picture_that_is_not_100_people() -> None:
    with pytest.raises(C.CauseError, match=r"add up to 100 people, not 99 \(most=90, middle=9\)"):
        C.icon_groups(SHARES[:2])


@pytest.mark.parametrize(
    ("level", "region", "expected"),
    [
        (Level.EMERGENCY, Region.UK, "Call 999"),
        (Level.EMERGENCY, Region.US, "Call 911"),
        (Level.EMERGENCY, Region.EU, "Call 112"),
        (Level.URGENT, Region.UK, "NHS 111"),
        (Level.GP, Region.UK, "GP"),
        (Level.SELF_CARE, Region.UK, "See a GP if it is no better after a few weeks"),
        (Level.SELF_CARE, Region.US, "See a doctor if it is no better after a few weeks"),
    ],
    ids=str,
)
def test_level_advice_uses_the_regions_words(level: Level, region: Region, expected: str) -> None:
    assert expected in C.cause_advice(make("x", level=level.value), region).action


@pytest.mark.parametrize(
    ("cause_id", "expected", "not_expected"),
    [
        ("cauda-equina", "Call 999 or go to A&E", "Do not make your own way"),
        ("aortic-aneurysm", "Call 999 for an ambulance now. Do not make your own way", "or go"),
    ],
)
def test_an_emergency_cause_takes_its_signs_emergency_route(
    cause_id: str, expected: str, not_expected: str
) -> None:
    action = C.cause_advice(course().cause(cause_id), Region.UK).action
    assert expected in action and not_expected not in action


@pytest.mark.parametrize(
    ("verdict", "differs"),
    [
        (None, False),
        (Verdict.CONSISTENT, False),
        (Verdict.PARTLY, True),
        (Verdict.NOT_SUPPORTED, True),
        (Verdict.CONTRADICTED, True),
        (Verdict.ANECDOTE, True),
    ],
    ids=str,
)
def test_differs_from_article(verdict: Verdict | None, differs: bool) -> None:
    says = None if verdict is None else "The article says so."
    assert C.differs_from_article(make("x", article_says=says, article_verdict=verdict)) is differs


@pytest.mark.parametrize(
    ("fields", "caption"),
    [
        ({"structure": "disc"}, "Highlighted: Disc. This is a disc, the soft pad"),
        ({"structure": "nerve-bundle"}, "Highlighted: Nerve bundle."),
        ({"structure": "none"}, "no single part of the back is to blame"),
        ({"structure": "none", "how_common": "unproven"}, "not a proven cause"),
        ({"structure": "outside"}, "This pain comes from a part of the body near the back"),
    ],
    ids=["disc", "bundle", "none", "unproven", "outside"],
)
def test_diagram_caption_names_the_part_or_says_why_none(
    fields: dict[str, str], caption: str
) -> None:
    assert caption in C.diagram_caption(make("x", **fields))


@pytest.mark.parametrize(
    ("show", "line"),
    [
        (
            "all",
            "Showing 6 of 6 causes: 1 most common, 2 common, 1 less common, 1 rare, 1 not proven.",
        ),
        ("myths", "Showing 1 of 6 causes: 1 not proven."),
    ],
)
def test_summary_line(show: str, line: str) -> None:
    assert C.summary_line(C.filter_causes(CAUSES, show), len(CAUSES)) == line
    assert C.summary_line((), 6) == "No causes match this filter (0 of 6)."


def test_every_filter_finds_something_in_the_shipped_causes() -> None:
    for show in C.Show:
        assert C.filter_causes(course().causes, show), show


def test_the_words_students_read_are_plain() -> None:
    named = course().words
    words = [
        *(each.name for each in named.cause_filters),
        *(each.name for each in named.commonness),
        *(each.name for each in named.modifiable),
        *(f"{each.name}: {each.what}" for each in named.structures),
        *(C.diagram_caption(cause) for cause in course().causes),
        *(C.cause_advice(cause, Region.UK).action for cause in course().causes),
    ]
    assert grade(words) <= TARGET_GRADE
