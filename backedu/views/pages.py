"""The parts every lesson page shares: the safety notice, the lesson's opening and its ending.

Pure functions from content to HTML (no widgets), so they render the same in Jupyter, in Voilà and
in a test. Wording of the emergency advice follows the region (see ``region.py``).
"""

from __future__ import annotations

from backedu.classroom.store import class_mode_note
from backedu.content import course
from backedu.content.models import Source
from backedu.logic.region import Region, services
from backedu.views.html import Html, element, join

# Inline styles: they survive every front end (Jupyter, Voilà, a saved HTML file).
_NOTICE_STYLE = (
    "border:3px solid #8a1c1c;border-radius:6px;background:#fdecea;color:#1a1a1a;"
    "padding:0.75em 1em;margin:0.5em 0 1em 0;font-size:1.05em;line-height:1.5"
)
# Links are underlined: the page's theme tells them apart from text by colour alone (WCAG 1.4.1).
LINK_STYLE = "text-decoration:underline"
_BOX_STYLE = (
    "border:1px solid #7a7a7a;border-radius:6px;background:#f6f8fa;color:#1a1a1a;"
    "padding:0.75em 1em;margin:0.5em 0"
)


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
            element("span", "⚠", aria_hidden="true"),
            " ",
            element("strong", f"Emergency: {help_now.emergency}"),
            " Do this if you have back pain with any of these: numb skin around your "
            "bottom or genitals, new trouble peeing or pooing, weakness or numbness in both "
            "legs, chest pain, or pain after a bad accident.",
        ),
        class_="backedu-safety-notice",
        aria_label="Safety notice",
        style=_NOTICE_STYLE,
    )
    # In class mode every page says what is recorded (quiz answers, claim ratings) and what not.
    note = class_mode_note()
    if note:
        return join(
            notice,
            element("p", note, class_="backedu-class-mode", role="note", style=_BOX_STYLE),
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
        style=_BOX_STYLE,
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
        element("ul", *(_source_item(course().source(s)) for s in lesson.sources)),
    ]
    return element("section", *parts, class_="backedu-lesson-end")


def _source_item(source: Source) -> Html:
    return element(
        "li",
        element("a", source.title, href=str(source.url), style=LINK_STYLE),
        f", {source.publisher}",
    )
