"""HTML for the article check: a claim as the student first sees it, what the evidence says once
they have rated it, and the score with every answer to look back at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from backedu.content.models import Claim, Source, Verdict
from backedu.logic.claims import JUDGE_AN_ARTICLE, CheckScore, Judgement, rating_name, what_fits
from backedu.views import theme
from backedu.views.html import Html, element, icon
from backedu.views.sources import source_list

# Signs that go with the verdict words, so meaning never rests on colour alone.
VERDICT_ICONS: dict[Verdict, str] = {
    Verdict.CONSISTENT: "✔",
    Verdict.PARTLY: "◐",
    Verdict.NOT_SUPPORTED: "?",
    Verdict.CONTRADICTED: "✘",
    Verdict.ANECDOTE: "❞",
}


def heading_html(progress: str, section: str | None) -> Html:
    parts = [
        element("h3", "Check the article", style="margin:0.25em 0"),
        element("p", element("strong", progress), style="margin:0.25em 0"),
    ]
    if section is not None:
        parts.append(element("p", f"From the part of the article on: {section}"))
    return element("div", *parts)


def claim_html(claim: Claim) -> Html:
    """The claim as the student first sees it: the article's words and the question, no more."""
    return element(
        "div",
        element("p", element("strong", "The article says:"), style="margin:0.25em 0"),
        element("blockquote", claim.article_says, style=theme.QUOTE_STYLE),
        element("p", "What do you think? Press one button."),
    )


def verdict_html(judgement: Judgement, sources: Mapping[str, Source]) -> Html:
    """What the evidence says, in words and a sign, why, and where it comes from."""
    claim = judgement.claim
    sign = VERDICT_ICONS[claim.verdict]
    return element(
        "div",
        element(
            "p",
            icon(sign),
            " ",
            element("strong", f"What we found: {judgement.verdict_label}."),
        ),
        element("p", judgement.message, " ", what_fits(claim.verdict)),
        element("p", element("strong", "Why: "), claim.reason),
        element("p", element("strong", "Sources:"), style="margin-bottom:0"),
        source_list((sources[s] for s in claim.sources), style="margin-top:0.25em"),
        # role="alert": the page swaps this HTML in whole, and a live region that is itself new is
        # only read out reliably by screen readers when it is an alert.
        role="alert",
        class_="backedu-article-check-verdict",
        style=theme.flagged(theme.SUCCESS if judgement.fits else theme.CAUTION),
    )


def summary_html(score: CheckScore, judgements: Sequence[Judgement]) -> Html:
    """The score, how to judge any health article, and every answer to look back at."""
    review = element(
        "details",
        element("summary", "See all your answers"),
        element("ol", *(_review_item(j) for j in judgements)),
    )
    return element(
        "div",
        element(
            "div",
            element("p", icon("★"), " ", score.message),
            role="alert",
            class_="backedu-article-check-score",
            style=theme.BOX,
        ),
        element("h4", "How to judge a health article"),
        element(
            "p",
            "Ask these questions of any health page. The next part of this lesson "
            "explains each one.",
        ),
        element("ul", *(element("li", question) for question in JUDGE_AN_ARTICLE)),
        review,
        class_="backedu-article-check-review",
    )


def _review_item(judgement: Judgement) -> Html:
    sign = "✔" if judgement.fits else "✘"
    return element(
        "li",
        element("p", element("strong", judgement.claim.article_says)),
        element(
            "p",
            f"You said: {rating_name(judgement.rating)}. "
            f"What we found: {judgement.verdict_label}. ",
            icon(sign),
            " ",
            "Fits." if judgement.fits else "Does not fit.",
        ),
    )
