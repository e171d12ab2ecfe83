"""HTML for the appointment planner: its introduction, the notes (on the page, as a page to print,
as links to download) and the problems to fix. Every answer is escaped on the way in."""

from __future__ import annotations

from collections.abc import Mapping

from backedu.logic.planner import (
    MAX_LENGTH,
    PAGE_FILE,
    TEXT_FILE,
    TITLE,
    Problem,
    answered,
    footer,
    summary_text,
)
from backedu.logic.region import Region
from backedu.views import theme
from backedu.views.html import Html, data_url, element, join

STALE = element(
    "p",
    element("span", "↻", aria_hidden="true"),
    " You changed an answer. Press “Make my notes” again to update your notes.",
    role="alert",
)
CLEARED = element("p", "Your answers are cleared.", role="alert")
READY = element(
    "p",
    element("span", "✔", aria_hidden="true"),
    " Your notes are ready. They are just below.",
    role="alert",
)


def intro_html() -> Html:
    """The planner's title, what to do, and that nothing typed is kept (with its stylesheet)."""
    return element(
        "div",
        element("style", Html(theme.PLANNER_CSS)),
        element("h3", "Appointment planner", style="margin:0.25em 0"),
        element(
            "p",
            "Answer the questions you can, then press “Make my notes”. Each answer can be up to "
            f"{MAX_LENGTH} characters long.",
        ),
        element(
            "p",
            element("strong", "Private: "),
            "nothing you type here is saved or shared. It is gone when you close the page.",
        ),
    )


def _answer_html(value: str) -> Html:
    """Each typed line escaped on its own; only our ``<br>`` joins them."""
    parts: list[str] = []
    for index, line in enumerate(value.split("\n")):
        if index:
            parts.append(Html("<br>"))
        parts.append(line)
    return join(*parts)


def notes_html(answers: Mapping[str, str], *, region: Region | None = None) -> Html:
    """The notes as an HTML fragment: a heading, then each question and its answer."""
    rows = answered(answers)
    dl = element(
        "dl",
        *(
            join(
                element("dt", question.label, style="font-weight:bold;margin-top:0.5em"),
                element("dd", _answer_html(value), style="margin-left:1.5em"),
            )
            for question, value in rows
        ),
    )
    first, second = footer(region)
    return join(
        element("h3", TITLE, style="margin:0.25em 0"),
        dl,
        element("p", element("strong", first)),
        element("p", second),
    )


def summary_document(answers: Mapping[str, str], *, region: Region | None = None) -> str:
    """A whole web page of the notes, to open and print. It runs no scripts and loads nothing."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        # The page may not load or run anything: even a mistake in escaping could do no harm.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{join(TITLE)}</title></head>"
        '<body style="font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.5">'
        f"{notes_html(answers, region=region)}</body></html>\n"
    )


def summary_html(answers: Mapping[str, str], *, region: Region | None = None) -> Html:
    """What the page shows: the notes, two download links, and how to print."""
    text_link = element(
        "a",
        "Download as a text file",
        href=data_url(summary_text(answers, region=region), "text/plain"),
        download=TEXT_FILE,
        style=theme.LINK_STYLE,
    )
    page_link = element(
        "a",
        "Download as a page to print",
        href=data_url(summary_document(answers, region=region), "text/html"),
        download=PAGE_FILE,
        style=theme.LINK_STYLE,
    )
    return element(
        "section",
        notes_html(answers, region=region),
        element("p", text_link, " · ", page_link),
        element(
            "p",
            "To print: download the page, open it, then press Ctrl and P "
            "(on a Mac, Command and P). Nothing is saved here: when you close this page, "
            "your notes are gone.",
        ),
        class_="backedu-planner-notes",
        aria_label="Your notes for the doctor",
        style=theme.framed(theme.SUCCESS),
    )


def problems_html(found: tuple[Problem, ...]) -> Html:
    """The problems as a list the student can act on, each naming its question."""
    return element(
        "div",
        element(
            "p",
            element("span", "⚠", aria_hidden="true"),
            " ",
            element("strong", "Please fix this first:"),
        ),
        element("ul", *(element("li", problem.message) for problem in found)),
        class_="backedu-planner-problems",
        style=theme.flagged(theme.DANGER),
    )


def problems_alert(found: tuple[Problem, ...]) -> Html:
    """The problems as an alert, said at once by screen readers when the student presses the
    button."""
    return element("div", problems_html(found), role="alert")
