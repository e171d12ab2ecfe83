"""Triage, the pure logic behind the symptom checklist: every sign on its own, the combinations
that matter, the regions, bad input, and the invariant that an emergency sign always wins.

The expected levels are written out here from shared/reference/evidence.md (sections 2a, 4a), not
read from symptoms.yaml, so a content edit that makes a red flag less urgent fails this file.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backedu.content import course
from backedu.content.models import EmergencyRoute, Level
from backedu.errors import RegionError, UnknownSymptomError
from backedu.logic.region import ENV_VAR, Region, services
from backedu.logic.triage import advice_for, triage

SELF, GP, URGENT, EMERGENCY = Level.SELF_CARE, Level.GP, Level.URGENT, Level.EMERGENCY

# id -> level of the sign on its own, from evidence.md 2a and 4a.
EXPECTED: dict[str, Level] = {
    # spasm features (S): self-care; routine GP reasons (2a "Routine GP")
    "sudden-tight-pain": SELF,
    "back-stiffness": SELF,
    "buttock-hip-ache": SELF,
    "strained-muscle": SELF,
    "not-better-in-weeks": GP,
    "getting-worse": GP,
    "stops-daily-life": GP,
    "worried": GP,
    # nerve involvement (N): see a GP; the same day if the weakness gets worse (escalates_to)
    "shooting-leg-pain": GP,
    "numb-leg-one-side": GP,
    "one-weak-leg": GP,
    "foot-drag": GP,
    # another back problem: see a GP, not an emergency
    "inflammatory-stiffness": GP,  # axial spondyloarthritis (NICE NG65)
    "first-pain-age": GP,  # first back pain under 20 or over 50 (H10, NHS Gloucestershire)
    "bending-back-sport": GP,  # under 16: a stress crack in a back bone (Houghton 2010)
    # red flags (E): 999 or A&E
    "saddle-numbness": EMERGENCY,
    "bladder-bowel-change": EMERGENCY,
    "both-legs": EMERGENCY,
    "leg-weakness-worse": EMERGENCY,
    "private-parts-change": EMERGENCY,
    "chest-pain": EMERGENCY,
    "after-accident": EMERGENCY,
    # red flags (U): same day
    "fever": URGENT,
    "weight-loss": URGENT,
    "back-shape-change": URGENT,
    "rest-night-pain": URGENT,
    "cough-sneeze-pain": URGENT,
    "risky-history": URGENT,
    "weak-immunity-or-drugs": URGENT,
    # not lower-back-spasm signs (O), at the urgency of what they point to
    "one-sided-weakness": EMERGENCY,  # stroke
    "face-or-speech": EMERGENCY,  # stroke
    "sudden-balance-loss": EMERGENCY,  # stroke
    "stiff-neck-fever": EMERGENCY,  # meningitis
    "sudden-tummy-back-pain": EMERGENCY,  # a burst aortic aneurysm
    "between-shoulders": URGENT,
    "stiff-neck": SELF,
    "shoulder-arm-ache": SELF,
    "back-of-head-headache": SELF,
}
ALL_IDS = [symptom.id for symptom in course().symptoms]
EMERGENCY_IDS = [i for i in ALL_IDS if EXPECTED.get(i) is EMERGENCY]


def test_the_table_covers_the_whole_checklist() -> None:
    """A new sign must be added to EXPECTED (with its evidence) before this file passes."""
    assert sorted(EXPECTED) == sorted(ALL_IDS)


@pytest.mark.parametrize(("symptom_id", "level"), EXPECTED.items(), ids=list(EXPECTED))
def test_each_sign_on_its_own(symptom_id: str, level: Level) -> None:
    result = triage([symptom_id], region=Region.UK)
    assert result.level is level
    assert [s.id for s in result.triggers] == [symptom_id]
    assert result.advice.level is level
    assert result.is_emergency is (level is EMERGENCY)


@pytest.mark.parametrize(
    ("ticked", "level", "triggers", "watch_for"),
    [
        pytest.param(
            ["sudden-tight-pain", "saddle-numbness"],
            EMERGENCY,
            ["saddle-numbness"],
            [],
            id="emergency-with-self-care-is-emergency",
        ),
        pytest.param(
            ["back-stiffness", "buttock-hip-ache", "worried", "fever", "bladder-bowel-change"],
            EMERGENCY,
            ["bladder-bowel-change"],
            [],
            id="emergency-wins-over-every-lower-level",
        ),
        pytest.param(
            ["chest-pain", "sudden-tight-pain", "saddle-numbness"],
            EMERGENCY,
            ["saddle-numbness", "chest-pain"],
            [],
            id="two-emergencies-both-named-in-checklist-order",
        ),
        pytest.param(
            ["sudden-tight-pain", "face-or-speech"],
            EMERGENCY,
            ["face-or-speech"],
            [],
            id="stroke-sign-is-an-emergency-though-not-a-back-sign",
        ),
        pytest.param(
            ["stiff-neck-fever"],
            EMERGENCY,
            ["stiff-neck-fever"],
            [],
            id="meningitis-signs-are-an-emergency",
        ),
        pytest.param(
            ["between-shoulders", "sudden-tight-pain"],
            URGENT,
            ["between-shoulders"],
            [],
            id="pain-between-shoulder-blades-is-urgent",
        ),
        pytest.param(
            ["worried", "fever"],
            URGENT,
            ["fever"],
            [],
            id="urgent-wins-over-gp",
        ),
        pytest.param(
            ["sudden-tight-pain", "shooting-leg-pain"],
            GP,
            ["shooting-leg-pain"],
            ["shooting-leg-pain"],
            id="sciatica-is-gp-and-watch-for-both-legs",
        ),
        pytest.param(
            ["shooting-leg-pain", "both-legs"],
            EMERGENCY,
            ["both-legs"],
            [],
            id="sciatica-in-both-legs-is-an-emergency",
        ),
        pytest.param(
            ["stiff-neck"],
            SELF,
            ["stiff-neck"],
            ["stiff-neck"],
            id="stiff-neck-alone-is-self-care-but-watch-for-fever",
        ),
        pytest.param(
            ["shooting-leg-pain", "fever"],
            URGENT,
            ["fever"],
            ["shooting-leg-pain"],
            id="watch-for-keeps-escalations-above-the-result",
        ),
        pytest.param(
            ["foot-drag", "fever"],
            URGENT,
            ["fever"],
            [],
            id="watch-for-drops-escalations-no-higher-than-the-result",
        ),
        pytest.param(
            ["foot-drag"],
            GP,
            ["foot-drag"],
            ["foot-drag"],
            id="foot-drop-is-gp-and-watch-for-it-getting-worse",
        ),
        pytest.param(
            ["shoulder-arm-ache", "sudden-tight-pain", "back-stiffness"],
            SELF,
            ["sudden-tight-pain", "back-stiffness", "shoulder-arm-ache"],
            ["shoulder-arm-ache"],
            id="self-care-names-every-tick",
        ),
    ],
)
def test_combinations(
    ticked: list[str], level: Level, triggers: list[str], watch_for: list[str]
) -> None:
    result = triage(ticked, region=Region.UK)
    assert result.level is level
    assert [s.id for s in result.triggers] == triggers
    assert [s.id for s in result.watch_for] == watch_for
    assert {s.id for s in result.selected} == set(ticked)


def test_nothing_ticked_gives_a_neutral_prompt() -> None:
    result = triage([], region=Region.UK)
    assert result.level is None
    assert result.selected == result.triggers == result.watch_for == ()
    assert not result.is_emergency
    assert result.advice.heading == "Nothing ticked yet"
    assert "Tick a sign" in result.advice.action
    for word in ("999", "111", "emergency", "urgent"):
        assert word not in result.advice.action.lower()


def test_order_and_repeats_do_not_matter() -> None:
    forward = triage(["fever", "worried", "fever"], region=Region.UK)
    backward = triage(["worried", "fever"], region=Region.UK)
    assert forward == backward
    assert [s.id for s in forward.selected] == ["worried", "fever"]  # checklist order


def test_unknown_id_is_a_clear_error() -> None:
    with pytest.raises(UnknownSymptomError, match=r"unknown symptom id 'sadle-numbness'.*spelling"):
        triage(["sudden-tight-pain", "sadle-numbness"])


def test_one_string_instead_of_a_list_is_refused() -> None:
    with pytest.raises(TypeError, match=r"not one string: \['saddle-numbness'\]"):
        triage("saddle-numbness")


def test_non_string_id_is_refused() -> None:
    with pytest.raises(TypeError, match="symptom ids are strings, got 3"):
        triage(["fever", 3])  # type: ignore[list-item]


def test_a_custom_checklist_can_be_passed() -> None:
    only = [course().symptom("fever"), course().symptom("worried")]
    assert triage(["worried"], symptoms=only).level is GP
    with pytest.raises(UnknownSymptomError, match="'saddle-numbness'"):
        triage(["saddle-numbness"], symptoms=only)


# ---- region wording ---------------------------------------------------------------------------

REGION_WORDS = {
    Region.UK: ("999", "A&E", "NHS 111", "See a GP"),
    Region.US: ("911", "emergency room", "urgent care", "See a doctor"),
    Region.EU: ("112", "emergency department", "same-day", "See a doctor"),
}


@pytest.mark.parametrize("region", list(Region), ids=str)
def test_each_region_names_its_own_services(region: Region) -> None:
    number, emergency_place, urgent_words, gp_heading = REGION_WORDS[region]
    emergency = triage(["saddle-numbness"], region=region)
    assert emergency.emergency_number == number
    assert emergency.advice.heading == f"Emergency: call {number} now"
    assert emergency_place in emergency.advice.action
    assert urgent_words in triage(["fever"], region=region).advice.action
    assert triage(["worried"], region=region).advice.heading.startswith(gp_heading)
    others = {REGION_WORDS[other][0] for other in Region if other is not region}
    for other_number in others:
        assert other_number not in emergency.advice.action


@pytest.mark.parametrize("region", list(Region), ids=str)
def test_region_comes_from_the_environment(region: Region, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, region.value.upper())
    result = triage(["chest-pain"])
    assert result.region is region
    assert REGION_WORDS[region][0] in result.advice.action


def test_uk_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert triage(["chest-pain"]).emergency_number == "999"


def test_a_bad_region_setting_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "mars")
    with pytest.raises(RegionError, match="'mars'"):
        triage(["chest-pain"])


def test_the_same_ticks_give_the_same_level_in_every_region() -> None:
    """The region changes the words only, never how urgent something is."""
    for symptom_id in ALL_IDS:
        levels = {triage([symptom_id], region=region).level for region in Region}
        assert len(levels) == 1, symptom_id


# E1: how to get emergency help, by source (docs/CONTENT-REVIEW.md, code round; evidence.md 2a).
CALL = {  # an ambulance: do not make your own way
    "chest-pain",
    "after-accident",
    "one-sided-weakness",
    "face-or-speech",
    "sudden-balance-loss",
    "stiff-neck-fever",
    "sudden-tummy-back-pain",
}
CALL_OR_GO = {  # the cauda equina signs: call 999 or go to A&E
    "saddle-numbness",
    "bladder-bowel-change",
    "both-legs",
    "leg-weakness-worse",
    "private-parts-change",
}


def test_every_emergency_sign_has_the_route_its_source_gives() -> None:
    assert set(EMERGENCY_IDS) == CALL | CALL_OR_GO
    for symptom_id in EMERGENCY_IDS:
        expected = EmergencyRoute.CALL if symptom_id in CALL else EmergencyRoute.CALL_OR_GO
        assert course().symptom(symptom_id).emergency_route is expected, symptom_id


@pytest.mark.parametrize("region", list(Region), ids=str)
@pytest.mark.parametrize("symptom_id", sorted(CALL), ids=str)
def test_an_ambulance_sign_says_do_not_make_your_own_way(symptom_id: str, region: Region) -> None:
    action = triage([symptom_id], region=region).advice.action
    assert action.startswith(services(region).call)
    assert " or go to " not in action


@pytest.mark.parametrize("region", list(Region), ids=str)
@pytest.mark.parametrize("symptom_id", sorted(CALL_OR_GO), ids=str)
def test_a_cauda_equina_sign_says_call_or_go(symptom_id: str, region: Region) -> None:
    action = triage([symptom_id], region=region).advice.action
    assert action.startswith(services(region).call_or_go)


def test_the_words_name_a_and_e_for_call_or_go_and_warn_against_your_own_way_for_call() -> None:
    assert "A&E" in triage(["saddle-numbness"], region=Region.UK).advice.action
    assert "Do not make your own way" in triage(["chest-pain"], region=Region.UK).advice.action
    assert "Do not drive yourself" in triage(["chest-pain"], region=Region.US).advice.action


@settings(max_examples=200, deadline=None, database=None)
@given(ticked=st.lists(st.sampled_from(EMERGENCY_IDS), min_size=1))
def test_mixed_emergency_ticks_call_an_ambulance_if_any_sign_needs_one(ticked: list[str]) -> None:
    result = triage(ticked, region=Region.UK)
    wants_call = any(symptom_id in CALL for symptom_id in ticked)
    assert result.route is (EmergencyRoute.CALL if wants_call else EmergencyRoute.CALL_OR_GO)
    assert result.advice.action.startswith(
        services(Region.UK).call if wants_call else services(Region.UK).call_or_go
    )


def test_below_emergency_there_is_no_route() -> None:
    assert triage(["fever"]).route is None and triage([]).route is None


@pytest.mark.parametrize("level", [None, *Level], ids=str)
def test_every_level_has_advice_in_every_region(level: Level | None) -> None:
    for region in Region:
        advice = advice_for(level, region)
        assert advice.level is level
        assert advice.heading and advice.action


# ---- the invariant ----------------------------------------------------------------------------

selections = st.lists(st.sampled_from(ALL_IDS), max_size=len(ALL_IDS))


@settings(max_examples=400, deadline=None, database=None)
@given(others=selections, emergency=st.sampled_from(EMERGENCY_IDS), region=st.sampled_from(Region))
def test_any_emergency_sign_means_emergency_whatever_else(
    others: list[str], emergency: str, region: Region
) -> None:
    result = triage([*others, emergency], region=region)
    assert result.level is EMERGENCY
    assert result.is_emergency
    assert emergency in {s.id for s in result.triggers}
    assert result.advice.heading == f"Emergency: call {result.emergency_number} now"


@settings(max_examples=300, deadline=None, database=None)
@given(ticked=selections, extra=st.sampled_from(ALL_IDS))
def test_level_is_the_most_urgent_tick_and_a_tick_never_lowers_it(
    ticked: list[str], extra: str
) -> None:
    before = triage(ticked, region=Region.UK)
    after = triage([*ticked, extra], region=Region.UK)
    if ticked:
        assert before.level is max((EXPECTED[i] for i in ticked), key=lambda lv: lv.rank)
        assert after.level is not None and before.level is not None
        assert after.level.rank >= before.level.rank
    else:
        assert before.level is None
    assert after.level is not None
    assert after.triggers and all(s.level is after.level for s in after.triggers)
