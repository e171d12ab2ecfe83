"""The parts every lesson page shares: the safety notice, the lesson's opening and its ending.

Pure functions from content to HTML (no widgets), so they render the same in Jupyter, in Voilà and
in a test. Wording of the emergency advice follows the region (see ``region.py``).
"""

from __future__ import annotations

from backedu.classroom.config import class_mode_note
from backedu.content import course
from backedu.logic.region import Region, services
from backedu.views import theme
from backedu.views.html import Html, element, icon, join
from backedu.views.sources import source_list


def safety_notice(*, region: Region | None = None) -> Html:
    """The notice at the top of every page: this teaches, it does not diagnose; when to call."""
    help_now = services(region)
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
            element("strong", f"Emergency: {help_now.call_or_go}"),
            " Do this if you have back pain with any of these: numb skin around your "
            "bottom or genitals, new trouble peeing or pooing, weakness or numbness in both "
            "legs, chest pain, or pain after a bad accident.",
        ),
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
    ]
    return element("section", *parts, class_="backedu-lesson-end")
