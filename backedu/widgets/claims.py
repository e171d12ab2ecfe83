"""The "check the article" widget: rate each of the article's claims, then see the evidence.

Thin on purpose: ``backedu.logic.claims`` decides what fits and keeps the score; this file lays out
one claim at a time and draws the results. The page gets a claim's verdict, reason and sources only
after the student has rated it: before that, the browser holds the claim's words and four
buttons, nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from backedu.classroom.store import recorder
from backedu.content import course
from backedu.content.models import Claim, Source
from backedu.errors import ClaimCheckError
from backedu.logic.claims import (
    JUDGE_AN_ARTICLE,
    VERDICT_ICONS,
    WHAT_FITS,
    CheckRun,
    CheckScore,
    Judgement,
    Rating,
    parse_rating,
)
from backedu.views.html import Html, element
from backedu.views.pages import LINK_STYLE

_FITS_STYLE = "border-left:6px solid #1b5e20;background:#e8f5e9;color:#1a1a1a;padding:0.5em 1em"
_OTHER_STYLE = "border-left:6px solid #7a4f01;background:#fff8e1;color:#1a1a1a;padding:0.5em 1em"
_BOX_STYLE = "border:1px solid #7a7a7a;background:#f6f8fa;color:#1a1a1a;padding:0.5em 1em"
_QUOTE_STYLE = (
    "border-left:4px solid #555;margin:0.5em 0;padding:0.25em 1em;font-size:1.1em;"
    "background:#ffffff;color:#1a1a1a"
)


class ArticleCheck(widgets.VBox):
    """The article's claims one at a time: rate, read the evidence, go on; then the score.

    Method twins of the buttons: ``rate(claim_id, rating)``, ``next()`` and ``restart()``.
    """

    def __init__(self, claims: Sequence[Claim], *, sources: Sequence[Source]) -> None:
        self._run = CheckRun(claims)
        self._sources = {source.id: source for source in sources}
        for claim in self._run.claims:
            missing = [s for s in claim.sources if s not in self._sources]
            if missing:
                raise ClaimCheckError(
                    f"claim '{claim.id}' cites unknown source '{missing[0]}': "
                    "pass the course's sources"
                )
        self._heading = widgets.HTML()
        self._claim = widgets.HTML()
        self._rate_buttons: dict[Rating, widgets.Button] = {}
        for rating in Rating:
            button = widgets.Button(description=rating.label)
            button.layout.width = "auto"
            button.add_class("backedu-rating")
            button.add_class(f"backedu-rating-{rating.value}")
            button.on_click(lambda _b, r=rating: self._on_rate(r))
            self._rate_buttons[rating] = button
        self._feedback = widgets.HTML()
        self._next = widgets.Button(description="Next claim", button_style="primary")
        self._summary = widgets.HTML()
        self._restart = widgets.Button(description="Start again")
        for button in (self._next, self._restart):
            button.layout.width = "auto"
            button.layout.align_self = "flex-start"  # not stretched across the page
        parts: dict[str, widgets.Widget] = {
            "heading": self._heading,
            "claim": self._claim,
            "ratings": widgets.HBox(list(self._rate_buttons.values())),
            "feedback": self._feedback,
            "next": self._next,
            "summary": self._summary,
            "restart": self._restart,
        }
        for name, part in parts.items():
            part.add_class(f"backedu-article-check-{name}")
        self._ratings_box = parts["ratings"]
        super().__init__(children=list(parts.values()))
        self.add_class("backedu-article-check")
        self._next.on_click(self._on_next)
        self._restart.on_click(self._on_restart)
        self._show_claim()

    # --- read-only state ----------------------------------------------------------------------
    @property
    def claim(self) -> Claim | None:
        """The claim on screen, or ``None`` on the score page."""
        return None if self._run.finished else self._run.current

    @property
    def progress(self) -> str:
        if self._run.finished:
            return "Finished"
        return f"Claim {self._run.position + 1} of {len(self._run.claims)}"

    @property
    def finished(self) -> bool:
        return self._run.finished

    @property
    def judgement(self) -> Judgement | None:
        """The rating of the claim on screen; ``None`` before it is rated."""
        return self._run.judgement

    @property
    def judgements(self) -> tuple[Judgement, ...]:
        return self._run.judgements

    @property
    def score(self) -> CheckScore | None:
        return self._run.score() if self._run.finished else None

    @property
    def claim_html(self) -> str:
        return self._claim.value

    @property
    def feedback_html(self) -> str:
        """What the evidence says about the claim on screen; empty until it is rated."""
        return self._feedback.value

    @property
    def summary_html(self) -> str:
        return self._summary.value

    # --- actions: the same path as a click ----------------------------------------------------
    def rate(self, claim_id: str, rating: Rating | str) -> None:
        """Press the button for ``rating`` on the claim ``claim_id`` (which must be on screen)."""
        if self._run.finished:
            raise ClaimCheckError("every claim is done: there is nothing to rate (call restart())")
        chosen = parse_rating(rating)
        current = self._run.current
        if claim_id != current.id:
            raise ClaimCheckError(
                f"the claim on screen is '{current.id}', not {claim_id!r}: rate claims in order"
            )
        self._press(self._rate_buttons[chosen], f"claim '{claim_id}' is already rated")

    def next(self) -> None:
        self._press(self._next, "rate the claim first")

    def restart(self) -> None:
        self._press(self._restart, "'Start again' is offered once every claim is done")

    def _press(self, button: widgets.Button, why: str) -> None:
        # A button the student cannot press now is not pressable from code either.
        if button.disabled or button.layout.display == "none":
            raise ClaimCheckError(f"'{button.description}' cannot be pressed now: {why}")
        button.click()

    # --- handlers -----------------------------------------------------------------------------
    def _on_rate(self, rating: Rating) -> None:
        if self._run.finished or self._run.judgement is not None:
            return  # a stale click from the page
        judgement = self._run.rate(self._run.current.id, rating)
        # Class mode only, a no-op otherwise: the rating goes to the teacher, without a name.
        recorder().record_rating(judgement.claim.id, judgement.rating)
        for button in self._rate_buttons.values():
            button.disabled = True
        self._rate_buttons[rating].description = f"✓ {rating.label}"
        # Built only now: until the student rates, the page holds no verdict, reason or source.
        self._feedback.value = verdict_html(judgement, self._sources)
        last = self._run.position + 1 == len(self._run.claims)
        self._next.description = "See my score" if last else "Next claim"
        _show(self._next, True)

    def _on_next(self, _button: widgets.Button) -> None:
        self._run.advance()
        if self._run.finished:
            self._show_summary()
        else:
            self._show_claim()

    def _on_restart(self, _button: widgets.Button) -> None:
        self._run.restart()
        self._summary.value = ""
        self._show_claim()

    # --- drawing ------------------------------------------------------------------------------
    def _show_claim(self) -> None:
        claim = self._run.current
        self._heading.value = heading_html(self.progress, claim.section)
        self._claim.value = claim_html(claim)
        for each, button in self._rate_buttons.items():
            button.disabled = False
            button.description = each.label
        self._feedback.value = ""
        for part in (self._claim, self._ratings_box, self._feedback):
            _show(part, True)
        _show(self._next, False)
        _show(self._restart, False)

    def _show_summary(self) -> None:
        self._heading.value = heading_html("Your score", None)
        self._claim.value = ""
        self._feedback.value = ""
        for part in (self._claim, self._ratings_box, self._feedback, self._next):
            _show(part, False)
        self._summary.value = summary_html(self._run.score(), self._run.judgements)
        _show(self._restart, True)


def _show(part: widgets.Widget, visible: bool) -> None:
    part.layout.display = None if visible else "none"


# --- pure HTML builders: every text escaped (backedu.views.html) ----------------------------------
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
        element("blockquote", claim.article_says, style=_QUOTE_STYLE),
        element("p", "What do you think? Press one button."),
    )


def verdict_html(judgement: Judgement, sources: dict[str, Source]) -> Html:
    """What the evidence says, in words and a sign, why, and where it comes from."""
    claim = judgement.claim
    icon = VERDICT_ICONS[claim.verdict]
    cited = [sources[source_id] for source_id in claim.sources]
    links = [
        element("li", element("a", s.title, href=str(s.url), style=LINK_STYLE), f" ({s.publisher})")
        for s in cited
    ]
    return element(
        "div",
        element(
            "p",
            element("span", icon, aria_hidden="true"),
            " ",
            element("strong", f"What we found: {judgement.verdict_label}."),
        ),
        element("p", judgement.message, " ", WHAT_FITS[claim.verdict]),
        element("p", element("strong", "Why: "), claim.reason),
        element("p", element("strong", "Sources:"), style="margin-bottom:0"),
        element("ul", *links, style="margin-top:0.25em"),
        # role="alert": the page swaps this HTML in whole, and a live region that is itself new is
        # only read out reliably by screen readers when it is an alert.
        role="alert",
        class_="backedu-article-check-verdict",
        style=_FITS_STYLE if judgement.fits else _OTHER_STYLE,
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
            element("p", element("span", "★", aria_hidden="true"), " ", score.message),
            role="alert",
            class_="backedu-article-check-score",
            style=_BOX_STYLE,
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
            f"You said: {judgement.rating.label}. What we found: {judgement.verdict_label}. ",
            element("span", sign, aria_hidden="true"),
            " ",
            "Fits." if judgement.fits else "Does not fit.",
        ),
    )


# --- what the notebooks call ----------------------------------------------------------------------
def article_check() -> ArticleCheck:
    """The activity of the "Check the article" lesson: every claim of the article, in order."""
    return ArticleCheck(course().claims, sources=course().sources)
