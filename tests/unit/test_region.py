"""Region wording: UK by default, US and EU by one setting; a wrong setting is refused clearly."""

from __future__ import annotations

import pytest

from backedu.errors import RegionError
from backedu.logic.region import ENV_VAR, Region, current_region, services


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
    assert number in words.emergency
    assert urgent_words in words.urgent


def test_services_follow_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(ENV_VAR, "us")
    assert services().emergency_number == "911"
