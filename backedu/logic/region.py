"""Where the student is, and so which numbers and services the advice names.

Triage decides *how urgent* something is; this module only decides *what to call it*. The region
comes from the ``BACKEDU_REGION`` environment variable (``uk``, ``us`` or ``eu``; UK by default),
which Voilà passes on to every kernel it starts. The words themselves (999, A&E, NHS 111, GP...)
are the regions' entries in ``words.yaml``: the one place they are written.
"""

from __future__ import annotations

import os

from backedu.content import Course, course
from backedu.content.models import EmergencyRoute, Region, RegionWords
from backedu.errors import RegionError

__all__ = ["ENV_VAR", "Region", "current_region", "emergency_words", "say", "services"]

ENV_VAR = "BACKEDU_REGION"


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


def services(region: Region | None = None, content: Course | None = None) -> RegionWords:
    """The words of ``region``, or of the current region."""
    return (content or course()).words.region(region or current_region())


def emergency_words(route: EmergencyRoute, region: Region | None = None) -> str:
    """What to do in an emergency by ``route``: call an ambulance, or call or go."""
    words = services(region)
    return words.call if route is EmergencyRoute.CALL else words.call_or_go


def say(
    text: str, region: Region | None = None, *, route: EmergencyRoute = EmergencyRoute.CALL
) -> str:
    """``text`` with a region's words put in for its placeholders (``{emergency_number}``,
    ``{doctor_word}``, ``{doctor}``, ``{urgent}``, and ``{emergency}`` by ``route``; calling an
    ambulance is never wrong, so it is the default); the content check allows no others."""
    words = services(region)
    return text.format(
        emergency_number=words.emergency_number,
        doctor_word=words.doctor_word,
        doctor=words.doctor,
        urgent=words.urgent,
        emergency=emergency_words(route, region),
    )
