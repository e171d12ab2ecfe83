"""Region wording: UK by default, US and EU by one setting; a wrong setting is refused clearly."""

from __future__ import annotations

import re

import pytest

from backedu.content.models import EmergencyRoute
from backedu.errors import RegionError
from backedu.logic.region import ENV_VAR, Region, current_region, emergency_words, say, services


@pytest.mark.parametrize(
    ("value", "region"),
    [
        ("", Region.UK),
        ("uk", Region.UK),
        ("US", Region.US),
        (" eu ", Region.EU),
    ],
)
def test_region_from_environment(value: str, region: Region) -> None:
    assert current_region({ENV_VAR: value}) is region


def test_region_defaults_to_uk_when_unset() -> None:
    assert current_region({}) is Region.UK


def test_unknown_region_is_refused_with_the_choices() -> None:
    with pytest.raises(RegionError, match=r"BACKEDU_REGION='mars'.*uk, us, eu"):
        current_region({ENV_VAR: "mars"})


@pytest.mark.parametrize(
    ("region", "number", "urgent_words"),
    [
        (Region.UK, "999", "NHS 111"),
        (Region.US, "911", "urgent care"),
        (Region.EU, "112", "doctor"),
    ],
)
def test_each_region_names_its_numbers(region: Region, number: str, urgent_words: str) -> None:
    words = services(region)
    assert words.emergency_number == number
    assert number in words.call and number in words.call_or_go
    assert urgent_words in words.urgent


@pytest.mark.parametrize("region", list(Region), ids=str)
def test_an_ambulance_route_says_not_to_make_your_own_way(region: Region) -> None:
    """Review 1.3: for a stroke, chest pain or meningitis, call; do not make your own way."""
    words = services(region)
    assert re.search(r"Do not (make your own way|drive yourself)", words.call)
    assert " or go to " in words.call_or_go and " or go to " not in words.call
    assert emergency_words(EmergencyRoute.CALL, region) == words.call
    assert emergency_words(EmergencyRoute.CALL_OR_GO, region) == words.call_or_go


def test_say_puts_in_the_regions_words() -> None:
    text = "{emergency_number}|{doctor_word}|{emergency}"
    assert say(text, Region.UK) == f"999|GP|{services(Region.UK).call}"
    assert say(text, Region.US, route=EmergencyRoute.CALL_OR_GO) == (
        f"911|doctor|{services(Region.US).call_or_go}"
    )


def test_services_follow_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(ENV_VAR, "us")
    assert services().emergency_number == "911"
