"""Where the student is, and so which numbers and services the advice names.

Triage decides *how urgent* something is; this module only decides *what to call it*. The region
comes from the ``BACKEDU_REGION`` environment variable (``uk``, ``us`` or ``eu``; UK by default),
which Voilà passes on to every kernel it starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum

from backedu.errors import RegionError

ENV_VAR = "BACKEDU_REGION"


class Region(StrEnum):
    UK = "uk"
    US = "us"
    EU = "eu"


@dataclass(frozen=True, slots=True)
class Services:
    """The words for each level of help in one region."""

    emergency_number: str
    emergency: str  # what to do in an emergency, starting with the number
    urgent: str  # help the same day
    doctor: str  # a routine appointment
    doctor_word: str  # what a family doctor is called


SERVICES: dict[Region, Services] = {
    Region.UK: Services(
        emergency_number="999",
        emergency="Call 999 or go to A&E (the hospital emergency department) now.",
        urgent="Get help today: call NHS 111, use 111 online, or ask your GP for a same-day "
        "appointment.",
        doctor="Book an appointment with your GP (family doctor).",
        doctor_word="GP",
    ),
    Region.US: Services(
        emergency_number="911",
        emergency="Call 911 or go to the emergency room (ER) now.",
        urgent="Get help today: go to an urgent care center or ask your doctor for a "
        "same-day appointment.",
        doctor="Make an appointment with your doctor.",
        doctor_word="doctor",
    ),
    Region.EU: Services(
        emergency_number="112",
        emergency="Call 112 or go to the hospital emergency department now.",
        urgent="Get help today: ask your doctor for a same-day appointment, or call the "
        "out-of-hours doctor service.",
        doctor="Make an appointment with your family doctor.",
        doctor_word="doctor",
    ),
}


def current_region(environ: dict[str, str] | None = None) -> Region:
    """The region set in the environment, or the UK when none is set."""
    raw = (os.environ if environ is None else environ).get(ENV_VAR, "").strip().lower()
    if not raw:
        return Region.UK
    try:
        return Region(raw)
    except ValueError:
        choices = ", ".join(region.value for region in Region)
        raise RegionError(
            f"{ENV_VAR}={raw!r} is not a region we know; use one of: {choices}"
        ) from None


def services(region: Region | None = None) -> Services:
    """The wording for ``region``, or for the current region."""
    return SERVICES[region or current_region()]
