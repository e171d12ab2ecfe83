"""HTML for the planners: the introduction, the result (on the page, as a page to print, as links
to download) and the problems to fix. Every answer is escaped on the way in."""

from __future__ import annotations

from collections.abc import Mapping

from backedu.content.models import Planner
from backedu.logic.planner import (
    DO_NOT_WAIT,
    MAX_LENGTH,
    Problem,
    rows,
    summary_text,
    warning,
)
from backedu.logic.region import Region
from backedu.views import theme
from backedu.views.html import Html, data_url, element, icon, join
from backedu.views.pages import sign_lists

CLEARED = element("p", "Your answers are cleared.", role="alert")


def _alert(sign: str, words: str) -> Html:
    return element("p", icon(sign), f" {words}", role="alert")


def stale(form: Planner) -> Html:
    return _alert("↻", f"You changed an answer. Press “{form.make}” again to update {form.result}.")


def ready(form: Planner) -> Html:
    return _alert("✔", f"{form.ready} Look just below.")


def intro_html(form: Planner) -> Html:
    """The planner's title, what to do, and that nothing typed is kept (with its stylesheet)."""
    return element(
        "div",
        element("style", Html(theme.PLANNER_CSS)),
        element("h3", form.heading, style="margin:0.25em 0"),
        element("p", form.intro, f" Each answer can be up to {MAX_LENGTH} characters long."),
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


def notes_html(form: Planner, answers: Mapping[str, str], *, region: Region | None = None) -> Html:
    """The result as an HTML fragment: a heading, each question and its answer (or each line to
    tick), what it is not, and the emergency signs."""
    items: list[Html] = []
    lines: list[Html] = []
    for row in rows(form, answers):
        if row.is_line:
            lines.append(element("li", icon("☐"), " ", _answer_html(row.text)))
        else:
            items.append(
                join(
                    element("dt", row.field.label, style="font-weight:bold;margin-top:0.5em"),
                    element("dd", _answer_html(row.text), style="margin-left:1.5em"),
                )
            )
    signs = warning(region)
    return join(
        element("h3", form.title, style="margin:0.25em 0"),
        element("dl", *items) if items else "",
        element("ul", *lines, style="list-style:none;padding-left:0.5em") if lines else "",
        element("p", element("strong", form.footer)),
        element("p", element("strong", f"{signs.advice.heading}."), f" {DO_NOT_WAIT}"),
        sign_lists(signs, changes=False),
    )


def summary_document(
    form: Planner, answers: Mapping[str, str], *, region: Region | None = None
) -> str:
    """A whole web page of the result, to open and print. It runs no scripts and loads nothing."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        # The page may not load or run anything: even a mistake in escaping could do no harm.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{join(form.title)}</title></head>"
        '<body style="font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.5">'
        f"{notes_html(form, answers, region=region)}</body></html>\n"
    )


def summary_html(
    form: Planner, answers: Mapping[str, str], *, region: Region | None = None
) -> Html:
    """What the page shows: the result, two download links, and how to print."""
    text_link = element(
        "a",
        "Download as a text file",
        href=data_url(summary_text(form, answers, region=region), "text/plain"),
        download=f"{form.file_name}.txt",
        style=theme.LINK_STYLE,
    )
    page_link = element(
        "a",
        "Download as a page to print",
        href=data_url(summary_document(form, answers, region=region), "text/html"),
        download=f"{form.file_name}.html",
        style=theme.LINK_STYLE,
    )
    return element(
        "section",
        notes_html(form, answers, region=region),
        element("p", text_link, " · ", page_link),
        element(
            "p",
            "To print: download the page, open it, then press Ctrl and P "
            "(on a Mac, Command and P). Nothing is saved here: when you close this page, "
            f"{form.result} will be gone.",
        ),
        class_="backedu-planner-notes",
        aria_label=form.title,
        style=theme.framed(theme.SUCCESS),
    )


def problems_html(found: tuple[Problem, ...]) -> Html:
    """The problems as a list the student can act on, each naming its question."""
    return element(
        "div",
        element(
            "p",
            icon("⚠"),
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
