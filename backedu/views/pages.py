"""The parts every lesson page shares: the safety notice, the lists of warning signs, the lesson's
opening and its ending, and each short "who to see, how soon" a lesson's text needs.

Pure functions from content to HTML (no widgets), so they render the same in Jupyter, in Voilà and
in a test. Every list of warning signs on any page, sheet or guide is drawn by
:func:`sign_lists` from ``logic.triage.warning_signs``: the signs are symptoms.yaml's, the words
the region's (``words.yaml``), so no page types a sign or a service twice. The lessons' markdown
says "a doctor"; where it needs a service's name or how soon, it calls one of :func:`get_help`,
:func:`what_to_do`, :func:`young_people_signs`, :func:`service_words` or :func:`physio_help`.
"""

from __future__ import annotations

import datetime

from backedu.classroom.config import class_mode_note
from backedu.content import course
from backedu.content.models import Level, Symptom, SymptomGroup
from backedu.logic import triage
from backedu.logic.region import Region, services
from backedu.logic.triage import Advice, SignList
from backedu.views import theme
from backedu.views.html import Html, element, icon, join
from backedu.views.sources import source_list
from backedu.views.triage import LEVEL_ICONS, escalation_sentence, sign_item

__all__ = [
    "get_help",
    "lesson_end",
    "lesson_intro",
    "physio_help",
    "safety_notice",
    "service_words",
    "sign_lists",
    "warning_signs",
    "what_to_do",
    "young_people_signs",
]

# Two columns where the page is wide enough: a long list stays short on the screen.
_COLUMNS = "columns:2 19em;column-gap:2em;margin:0.2em 0 0.5em 0;padding-left:1.3em"


def sign_lists(signs: SignList, *, changes: bool = True) -> Html:
    """The signs, grouped by what to do: "<what to do> Do this if you have any of these:" and a
    list; then, if ``changes``, the signs that become this urgent when they change."""
    parts: list[Html] = []
    for group in signs.groups:
        parts += [
            element(
                "p",
                element("strong", group.action),
                " Do this if you have any of these:",
                style="margin:0.4em 0 0.1em 0",
            ),
            element(
                "ul",
                *(element("li", sign_item(sign)) for sign in group.signs),
                style=_COLUMNS,
                data_route=group.route.value if group.route else None,
            ),
        ]
    if changes and signs.changes:
        parts += [
            element("p", "Also if one of these changes:", style="margin:0.4em 0 0.1em 0"),
            element(
                "ul",
                *(element("li", _change(sign)) for sign in signs.changes),
                style=_COLUMNS,
            ),
        ]
    return join(*parts)


def _change(sign: Symptom) -> str:
    condition = (sign.escalates_if or "").rstrip(".")
    return f"{sign.label}, if {condition[0].lower()}{condition[1:]}" if condition else sign.label


def warning_signs(level: Level | str = Level.EMERGENCY, *, region: Region | None = None) -> Html:
    """Every sign at ``level`` ("emergency", "urgent" or "gp"), and what to do, in the region's
    words: a lesson's "when to get help" list."""
    signs = triage.warning_signs(level, region)
    wanted = signs.advice.level
    assert wanted is not None  # sign_list always names a level
    tone = theme.LEVEL_TONES[wanted]
    return element(
        "section",
        _heading(signs.advice),
        sign_lists(signs),
        class_=f"backedu-warning-signs backedu-level-{wanted}",
        aria_label=signs.advice.heading,
        style=theme.flagged(tone),
    )


def _heading(advice: Advice) -> Html:
    """A level's heading as the lists show it: its sign, then "<name>: <headline>", in its tone."""
    assert advice.level is not None  # a list always names a level
    tone = theme.LEVEL_TONES[advice.level]
    return element(
        "h3",
        icon(LEVEL_ICONS[advice.level]),
        " ",
        advice.heading,
        style=f"margin:0.2em 0;font-size:1.15em;color:{tone.edge}",
    )


def get_help(level: Level | str = Level.GP, *, region: Region | None = None) -> Html:
    """What to do at ``level``, in the region's words: a lesson's "see a doctor" sentence."""
    advice = triage.advice_for(triage.level_named(level), region)
    assert advice.level is not None
    return element(
        "p",
        icon(LEVEL_ICONS[advice.level]),
        " ",
        element("strong", f"{advice.name}."),
        " ",
        advice.action,
        class_=f"backedu-get-help backedu-level-{advice.level}",
        style=theme.flagged(theme.LEVEL_TONES[advice.level]),
    )


def what_to_do(group: SymptomGroup | str, *, region: Region | None = None) -> Html:
    """Each sign of a checklist group ("nerve"...), how soon to get help for it and when that
    changes, in the region's words."""
    items = []
    for sign in triage.signs_in_group(group):
        advice = triage.advice_for(sign.level, region)
        change = escalation_sentence(sign, region, with_label=False)
        items.append(
            element(
                "li",
                element("strong", f"{sign.label}:"),
                f" {advice.heading}.",
                f" {change}" if change else "",
            )
        )
    return element("ul", *items, class_="backedu-what-to-do", aria_label="What to do for each sign")


def young_people_signs(level: Level | str | None = None, *, region: Region | None = None) -> Html:
    """The signs that need a doctor sooner if you are under 16, by how soon, in the region's
    words. With a ``level``, only the signs the checklist's list at that level (shown just above
    it, by :func:`warning_signs`) does not already have."""
    parts: list[Html] = []
    for group in triage.young_people_signs(level, region, with_checklist_signs=level is None):
        parts += [
            _heading(group.advice),
            element(
                "p",
                element("strong", group.advice.action),
                " Do this if you are under 16 and any of these is true:",
                style="margin:0.4em 0 0.1em 0",
            ),
            element(
                "ul",
                *(
                    element("li", sign.label, f". {sign.why}" if sign.why else "")
                    for sign in group.signs
                ),
            ),
        ]
    return element(
        "section",
        *parts,
        class_="backedu-young-people-signs",
        aria_label="If you are under 16",
        style=theme.BOX,
    )


def service_words(*, region: Region | None = None) -> Html:
    """The region's services, each with what it is: a lesson's "where to get help" words."""
    return element(
        "ul",
        *(
            element("li", element("strong", entry.term), f": {entry.meaning}")
            for entry in services(region).glossary
        ),
        class_="backedu-service-words",
        aria_label="Where to get help",
    )


def physio_help(*, region: Region | None = None) -> Html:
    """How to get to a physiotherapist where the student lives."""
    return element("p", services(region).physio, class_="backedu-physio-help")


def safety_notice(*, region: Region | None = None) -> Html:
    """The notice at the top of every page: this teaches, it does not diagnose; when to call, for
    every emergency sign."""
    emergency = triage.warning_signs(Level.EMERGENCY, region)
    notice = element(
        "aside",
        element(
            "p",
            element("strong", "This module teaches. It does not diagnose."),
            " It cannot tell what is wrong with your own body. If you are worried about "
            "your back, talk to a doctor, nurse or pharmacist.",
        ),
        element(
            "p",
            icon("⚠"),
            " ",
            element("strong", f"{emergency.advice.heading}."),
            style="margin:0.5em 0 0 0",
        ),
        sign_lists(emergency, changes=False),
        class_="backedu-safety-notice",
        aria_label="Safety notice",
        style=theme.NOTICE,
    )
    # In class mode every page says what is recorded (quiz answers, claim ratings) and what not.
    note = class_mode_note()
    if note:
        return join(
            notice,
            element("p", note, class_="backedu-class-mode", role="note", style=theme.BOX),
        )
    return notice


def lesson_intro(lesson_id: str) -> Html:
    """How long the lesson takes and what the student will be able to do after it."""
    lesson = course().lesson(lesson_id)
    return element(
        "section",
        element(
            "p", element("strong", "Time: "), f"about {lesson.minutes} minutes. ", lesson.summary
        ),
        element("h2", "By the end you will be able to:", style="font-size:1.1em;margin:0.5em 0"),
        element("ul", *(element("li", goal) for goal in lesson.objectives)),
        class_="backedu-lesson-intro",
        aria_label="What this lesson covers",
        style=theme.BOX,
    )


def lesson_end(lesson_id: str) -> Html:
    """Key points and the sources this lesson used.

    The link to the next lesson is the notebook's last markdown cell, not part of this output:
    Voilà opens links in outputs in a new tab, and a reader of the stored notebook sees markdown.
    """
    lesson = course().lesson(lesson_id)
    parts: list[str] = []
    if lesson.key_points:
        parts += [
            element("h2", "Key points"),
            element("ul", *(element("li", point) for point in lesson.key_points)),
        ]
    parts += [
        element("h2", "Sources"),
        source_list(course().source(s) for s in lesson.sources),
        element(
            "p",
            f"Page last reviewed: {_long_date(lesson.reviewed.last)}. ",
            f"Next review due: {_long_date(lesson.reviewed.next)}.",
            class_="backedu-review-dates",
        ),
    ]
    return element("section", *parts, class_="backedu-lesson-end")


def _long_date(day: datetime.date) -> str:
    """Like "30 November 2026", the way NHS pages write it (and not by the machine's locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
