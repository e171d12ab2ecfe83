"""The "check the article" widget: rate each of the article's claims, then see the evidence.

Thin on purpose: ``backedu.logic.claims`` decides what fits and keeps the score and
``backedu.views.claims`` draws it; this file shows one claim at a time and wires the buttons. The
page gets a claim's verdict, reason and sources only after the student has rated it: before that,
the browser holds the claim's words and four buttons, nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from backedu.classroom.recorder import recorder
from backedu.content import Course, course
from backedu.content.models import Claim
from backedu.errors import ClaimCheckError
from backedu.logic.claims import (
    CheckRun,
    CheckScore,
    Judgement,
    Rating,
    judge,
    parse_rating,
    rating_name,
)
from backedu.views import claims as view
from backedu.widgets.base import press, show, widget_texts

SEE_SCORE = "See my score"
SCORE_HEADING = "Your score"


class ArticleCheck(widgets.VBox):
    """The article's claims one at a time: rate, read the evidence, go on; then the score.

    Method twins of the buttons: ``rate(claim_id, rating)``, ``next()`` and ``restart()``.
    ``claims`` picks some of the course's claims (all of them by default), in the order given.
    """

    def __init__(self, content: Course, *, claims: Sequence[Claim] | None = None) -> None:
        self._run = CheckRun(content.claims if claims is None else claims)
        self._sources = {source.id: source for source in content.sources}
        for claim in self._run.claims:
            missing = [s for s in claim.sources if s not in self._sources]
            if missing:
                raise ClaimCheckError(
                    f"claim '{claim.id}' cites unknown source '{missing[0]}': "
                    "pass the course it comes from"
                )
        self._heading = widgets.HTML()
        self._claim = widgets.HTML()
        self._rate_buttons: dict[Rating, widgets.Button] = {}
        for rating in Rating:
            button = widgets.Button(description=rating_name(rating))
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
        return _progress(self._run.position + 1, len(self._run.claims))

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

    def page_texts(self) -> list[str]:
        """Everything the activity can show: each claim, what the evidence says after any
        rating of it, and the score page."""
        total = len(self._run.claims)
        texts = [*widget_texts(self), view.heading_html(SCORE_HEADING, None), SEE_SCORE]
        texts += [f"✓ {rating_name(rating)}" for rating in Rating]
        judgements = []
        for number, claim in enumerate(self._run.claims, start=1):
            texts += [view.heading_html(_progress(number, total), claim.section)]
            texts.append(view.claim_html(claim))
            for rating in Rating:
                texts.append(view.verdict_html(judge(claim, rating), self._sources))
                judgements.append(judge(claim, rating))
        # every kind of score message: all fit, half fit, few fit; none, one, many believed
        for fitted, believed in ((total, 0), ((total + 1) // 2, 1), (0, 2)):
            texts.append(view.summary_html(CheckScore(fitted, total, believed, 0), judgements))
        return texts

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
        press(self._rate_buttons[chosen], ClaimCheckError, f"claim '{claim_id}' is already rated")

    def next(self) -> None:
        press(self._next, ClaimCheckError, "rate the claim first")

    def restart(self) -> None:
        press(self._restart, ClaimCheckError, "'Start again' is offered once every claim is done")

    # --- handlers -----------------------------------------------------------------------------
    def _on_rate(self, rating: Rating) -> None:
        if self._run.finished or self._run.judgement is not None:
            return  # a stale click from the page
        judgement = self._run.rate(self._run.current.id, rating)
        # Class mode only, a no-op otherwise: the rating goes to the teacher, without a name.
        recorder().record_rating(judgement.claim.id, judgement.rating)
        for button in self._rate_buttons.values():
            button.disabled = True
        self._rate_buttons[rating].description = f"✓ {rating_name(rating)}"
        # Built only now: until the student rates, the page holds no verdict, reason or source.
        self._feedback.value = view.verdict_html(judgement, self._sources)
        last = self._run.position + 1 == len(self._run.claims)
        self._next.description = SEE_SCORE if last else "Next claim"
        show(self._next, True)

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
        self._heading.value = view.heading_html(self.progress, claim.section)
        self._claim.value = view.claim_html(claim)
        for each, button in self._rate_buttons.items():
            button.disabled = False
            button.description = rating_name(each)
        self._feedback.value = ""
        for part in (self._claim, self._ratings_box, self._feedback):
            show(part, True)
        show(self._next, False)
        show(self._restart, False)

    def _show_summary(self) -> None:
        self._heading.value = view.heading_html(SCORE_HEADING, None)
        self._claim.value = ""
        self._feedback.value = ""
        for part in (self._claim, self._ratings_box, self._feedback, self._next):
            show(part, False)
        self._summary.value = view.summary_html(self._run.score(), self._run.judgements)
        show(self._restart, True)


# --- what the notebooks call ----------------------------------------------------------------------
def article_check() -> ArticleCheck:
    """The activity of the "Check the article" lesson: every claim of the article, in order."""
    return ArticleCheck(course())


def _progress(number: int, total: int) -> str:
    return f"Claim {number} of {total}"
