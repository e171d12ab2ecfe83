"""HTML for the teacher dashboard: how students join, the class's results (bars as inline SVG with
the numbers beside them as text, so nothing loads from elsewhere and meaning never rests on
colour), problems with the class database, and the CSV download link."""

from __future__ import annotations

from collections.abc import Sequence

from backedu.classroom.config import RECORDED, ClassConfig
from backedu.classroom.results import ClaimResult, ClassSummary, Misconception, QuestionResult
from backedu.logic.claims import Rating, rating_name
from backedu.views import theme
from backedu.views.html import Html, data_url, element, icon, join, text
from backedu.views.qr import qr_svg

RATING_COLOURS = {
    Rating.TRUE: theme.SUCCESS.edge,
    Rating.PARTLY: theme.CAUTION.edge,
    Rating.FALSE: theme.DANGER.edge,
    Rating.NOT_SURE: theme.LINE,
}
RATING_COLOUR_NAMES = {
    Rating.TRUE: "dark green",
    Rating.PARTLY: "brown",
    Rating.FALSE: "dark red",
    Rating.NOT_SURE: "grey",
}
NOT_CLASS_MODE = (
    "Class mode is off, so nothing is recorded and there is nothing to show. To teach a class, "
    "run make class in the project folder. It prints the address for students, a QR code and "
    "the teacher PIN for this page."
)


def message_html(text: str, *, alert: bool = False) -> Html:
    return element(
        "div",
        element("p", text),
        role="alert" if alert else "status",
        aria_live="polite",
        style=theme.BOX,
    )


def error_html(message: str) -> Html:
    return element(
        "div",
        element(
            "p",
            icon("⚠"),
            " ",
            element("strong", "Problem: "),
            message,
        ),
        element(
            "p",
            "Students can go on with their lessons. Answers wait in their pages and are "
            "saved once the database works again.",
        ),
        role="alert",
        class_="backedu-dashboard-problem",
        style=theme.ALERT,
    )


def join_html(config: ClassConfig) -> Html:
    """How students join: the QR code, the address and the session code; what is recorded."""
    parts: list[str] = []
    if config.url:
        parts.append(
            element(
                "div",
                Html(qr_svg(config.url)),
                role="img",
                aria_label=f"QR code for {config.url}",
                style="flex:none",
            )
        )
    facts = [
        element(
            "p",
            element("strong", "Session code: "),
            element("span", config.session, style="font-size:1.6em;letter-spacing:0.1em"),
        ),
    ]
    if config.url:
        facts.append(
            element(
                "p", element("strong", "Students open: "), element("a", config.url, href=config.url)
            )
        )
    facts.append(element("p", RECORDED))
    parts.append(element("div", *facts))
    return element(
        "section",
        element("h2", "Join the class", style="font-size:1.2em;margin:0.25em 0"),
        element("div", *parts, style="display:flex;gap:1.5em;align-items:center;flex-wrap:wrap"),
        aria_label="Join the class",
        style=theme.BOX,
    )


def percent(share: float) -> int:
    return round(100 * share)


def bar_svg(parts: Sequence[tuple[float, str]], *, label: str, width: int = 320) -> Html:
    """A horizontal bar of coloured parts (shares adding up to at most 1) on a grey track."""
    rects = [f'<rect x="0" y="0" width="{width}" height="18" fill="{theme.TRACK}"/>']
    x = 0.0
    for share, colour in parts:
        w = max(0.0, min(share, 1.0)) * width
        if w > 0:
            rects.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="18" fill="{colour}" '
                f'stroke="{theme.WHITE}" stroke-width="1"/>'
            )
        x += w
    return Html(
        f'<svg width="{width}" height="18" viewBox="0 0 {width} 18" role="img" '
        f'aria-label="{text(label)}" style="vertical-align:middle;max-width:100%">'
        + "".join(rects)
        + "</svg>"
    )


def question_html(result: QuestionResult) -> Html:
    share = result.share_correct
    wrong = result.most_chosen_wrong
    numbers = f"{result.correct} of {result.answered} right first time ({percent(share)}%)"
    lines = [
        element("p", element("strong", result.question.prompt), style="margin:0.2em 0"),
        element(
            "p",
            bar_svg([(share, theme.SUCCESS.edge)], label=numbers),
            " ",
            element("span", numbers),
            style="margin:0.2em 0",
        ),
    ]
    if wrong is not None:
        choice, count = wrong
        lines.append(
            element(
                "p",
                "Most chosen wrong answer: ",
                element("strong", f"“{choice.text}”"),
                f" ({count} of {result.answered})",
                style="margin:0.2em 0",
            )
        )
    return element("li", *lines, class_="backedu-dashboard-question", style="margin:0.6em 0")


def claim_html(result: ClaimResult) -> Html:
    rated = result.rated
    counts = ", ".join(f"{rating_name(rating)} {count}" for rating, count in result.counts)
    bar = bar_svg(
        [(count / rated, RATING_COLOURS[rating]) for rating, count in result.counts],
        label=f"Class ratings: {counts}",
    )
    return element(
        "tr",
        element("td", result.claim.article_says, style=theme.CELL),
        element("td", bar, element("div", counts), style=theme.CELL),
        element("td", result.verdict_label, style=theme.CELL),
        element(
            "td",
            f"{result.fitting} of {rated} ({percent(result.share_fitting)}%)",
            style=theme.CELL,
        ),
        class_="backedu-dashboard-claim",
    )


def misconception_html(m: Misconception) -> Html:
    held = element("strong", f"{m.held_by} of {m.out_of} ({percent(m.share)}%)")
    if m.source == "quiz":
        return element("li", held, " chose ", element("strong", f"“{m.belief}”"), " for: ", m.about)
    return element(
        "li", held, " rated as true: ", element("strong", f"“{m.belief}”"), f" ({m.about})"
    )


def results_html(summary: ClassSummary) -> Html:
    """Everything the class view shows below the join panel."""
    head = element(
        "p",
        element(
            "strong", f"{summary.participants} student{'s' if summary.participants != 1 else ''}"
        ),
        " took part (counted by page view: a student who reloads counts again), with ",
        f"{summary.answers} quiz answers and {summary.ratings} claim ratings.",
        class_="backedu-dashboard-participants",
        style="font-size:1.1em",
    )
    if not summary.answers and not summary.ratings:
        return join(
            head,
            element("p", "No answers yet. They appear here as students answer, every few seconds."),
        )
    parts: list[str] = [head]
    if summary.misconceptions:
        parts.append(element("h2", "Misconceptions, most common first", style="font-size:1.2em"))
        parts.append(
            element(
                "ol",
                *(misconception_html(m) for m in summary.misconceptions),
                class_="backedu-dashboard-misconceptions",
            )
        )
    if summary.questions:
        parts.append(element("h2", "Quiz questions", style="font-size:1.2em"))
        parts.append(
            element(
                "p",
                "Each student's first answer counts, before they saw any feedback. "
                "The green part of each bar is the share who got it right.",
            )
        )
        parts.append(element("ol", *(question_html(r) for r in summary.questions)))
    if summary.claims:
        legend = ", ".join(f"{rating_name(r)} ({RATING_COLOUR_NAMES[r]})" for r in Rating)
        parts.append(
            element(
                "h2", "The article's claims: the class and the evidence", style="font-size:1.2em"
            )
        )
        parts.append(element("p", f"Bar colours: {legend}. The numbers are beside each bar."))
        parts.append(
            element(
                "table",
                element(
                    "thead",
                    element(
                        "tr",
                        element("th", "The article says", style=theme.CELL),
                        element("th", "The class said", style=theme.CELL),
                        element("th", "The evidence says", style=theme.CELL),
                        element("th", "Fits the evidence", style=theme.CELL),
                    ),
                ),
                element("tbody", *(claim_html(r) for r in summary.claims)),
                style="border-collapse:collapse;width:100%",
                class_="backedu-dashboard-claims",
            )
        )
    if summary.unknown:
        parts.append(
            element(
                "p",
                f"{summary.unknown} answers are about questions or claims that are no longer in "
                "the course and are left out.",
            )
        )
    return join(*parts)


def xapi_link_html(session: str, json_text: str, statements: int) -> Html:
    """A download link with the xAPI statements inside it: built in the page, sent nowhere."""
    name = f"class-results-{session}.xapi.json"
    return element(
        "p",
        element(
            "a",
            f"Download {name}",
            href=data_url(json_text, "application/json"),
            download=name,
        ),
        f" ({statements} xAPI statements for a learning record store: one per answer or rating, "
        "each from an anonymous page view, with no names and no times)",
    )


def csv_link_html(session: str, csv_text: str, rows: int) -> Html:
    """A download link with the CSV inside it: built in the page, sent nowhere."""
    name = f"class-results-{session}.csv"
    return element(
        "p",
        element("a", f"Download {name}", href=data_url(csv_text, "text/csv"), download=name),
        f" ({rows} rows: one per answer or rating, with a random id per page view and no names)",
    )
