"""The "check the article" activity: the student rates a claim, then learns what the evidence says.

Pure Python. The evidence's verdict is looked up here, in the kernel, only once the student has
given a rating, so the widget can keep every verdict, reason and source out of the page until then.

Which ratings fit which verdict. A claim the evidence backs is "true"; a half-right one is
"partly". A claim the evidence contradicts is "false". A claim nobody has shown to be true is not
something to believe: "false" fits, and so does "not sure". A "works for me" story is neither
proven nor disproven: "not sure" fits, and so does "partly". The student's score is how many of
their ratings fit; there is no pass mark, because this is about noticing, not about passing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backedu.content import course
from backedu.content.models import Claim, Rating, Verdict
from backedu.errors import ClaimCheckError

__all__ = [
    "FITTING",
    "JUDGE_AN_ARTICLE",
    "CheckRun",
    "CheckScore",
    "Judgement",
    "Rating",
    "by_section",
    "fitting_ratings",
    "judge",
    "parse_rating",
    "rating_name",
    "score",
    "verdict_name",
    "what_fits",
]

# The ratings that fit each verdict (see the module docstring for why).
FITTING: dict[Verdict, frozenset[Rating]] = {
    Verdict.CONSISTENT: frozenset({Rating.TRUE}),
    Verdict.PARTLY: frozenset({Rating.PARTLY}),
    Verdict.NOT_SUPPORTED: frozenset({Rating.FALSE, Rating.NOT_SURE}),
    Verdict.CONTRADICTED: frozenset({Rating.FALSE}),
    Verdict.ANECDOTE: frozenset({Rating.NOT_SURE, Rating.PARTLY}),
}


def verdict_name(verdict: Verdict) -> str:
    """What the evidence says, in the content's words ("Partly true")."""
    return course().words.verdict(verdict).name


def rating_name(rating: Rating) -> str:
    """A rating as its button says it ("Not sure")."""
    return course().words.rating(rating).name


def fitting_ratings(verdict: Verdict) -> list[Rating]:
    """The ratings that fit ``verdict``, in the order the buttons show them."""
    return [rating for rating in Rating if rating in FITTING[verdict]]


def what_fits(verdict: Verdict) -> str:
    """Why those ratings fit, said once per verdict: "..., so “False” or “Not sure” fit."."""
    names = " or ".join(f"“{rating_name(r)}”" for r in fitting_ratings(verdict))
    verb = "fits" if len(FITTING[verdict]) == 1 else "fit"
    return f"{course().words.verdict(verdict).fits_because}, so {names} {verb}."


# Questions to ask of any health article: the lesson's take-away, shown with the score. The
# lesson's markdown explains each one with the article's own examples (a test keeps them in step).
JUDGE_AN_ARTICLE: tuple[str, ...] = (
    "Who wrote it?",
    "Where is the evidence?",
    "Is someone selling something?",
    "Is it one person's story?",
    "Does it sound too sure?",
    "Does it say when to get help, and how fast?",
)


def parse_rating(value: object) -> Rating:
    """``value`` as a :class:`Rating`, or a ``ClaimCheckError`` naming the ratings there are."""
    if isinstance(value, Rating):
        return value
    if isinstance(value, str):
        try:
            return Rating(value.strip().lower())
        except ValueError:
            pass
    choices = ", ".join(repr(r.value) for r in Rating)
    raise ClaimCheckError(f"a rating is one of {choices}, not {value!r}")


@dataclass(frozen=True)
class Judgement:
    """One claim, the student's rating of it, and whether that rating fits the evidence."""

    claim: Claim
    rating: Rating

    @property
    def fits(self) -> bool:
        return self.rating in FITTING[self.claim.verdict]

    @property
    def verdict_label(self) -> str:
        return verdict_name(self.claim.verdict)

    @property
    def message(self) -> str:
        """Kind words on the rating: fits, unsure, or the evidence says something else."""
        said = f"You said “{rating_name(self.rating)}”."
        if self.fits:
            return f"{said} That fits the evidence."
        if self.rating is Rating.NOT_SURE:
            return f"{said} It is fine to be unsure."
        return f"{said} That does not fit the evidence."


def judge(claim: Claim, rating: object) -> Judgement:
    return Judgement(claim, parse_rating(rating))


@dataclass(frozen=True)
class CheckScore:
    """How a student's ratings compare with the evidence, over every claim."""

    fitted: int  # ratings that fit the evidence
    total: int
    believed_unbacked: int  # rated "true" although the evidence does not back the claim
    unsure: int  # rated "not sure"

    @property
    def message(self) -> str:
        parts = [f"Your answers fit the evidence on {self.fitted} of {self.total} claims."]
        if self.fitted == self.total:
            parts.append("Every one! You are a sharp reader.")
        elif 2 * self.fitted >= self.total:
            parts.append("Well done: you spotted a lot of what the article gets wrong.")
        else:
            parts.append(
                "That is normal for a first try: the article sounds very sure of itself. "
                "Look back at the ones you missed."
            )
        if self.believed_unbacked:
            count = self.believed_unbacked
            parts.append(
                f"You believed {count} claim{'s' if count > 1 else ''} that the evidence does "
                "not back. Keep an eye out for claims like these."
            )
        return " ".join(parts)


_UNBACKED = {Verdict.NOT_SUPPORTED, Verdict.CONTRADICTED}


def score(judgements: Sequence[Judgement]) -> CheckScore:
    return CheckScore(
        fitted=sum(j.fits for j in judgements),
        total=len(judgements),
        believed_unbacked=sum(
            j.rating is Rating.TRUE and j.claim.verdict in _UNBACKED for j in judgements
        ),
        unsure=sum(j.rating is Rating.NOT_SURE for j in judgements),
    )


class CheckRun:
    """One walk through the claims in article order: rate the claim on screen, then advance.

    ``rate`` -> ``advance`` ... until ``finished``; then ``score()``. ``restart()`` starts over.
    """

    def __init__(self, claims: Sequence[Claim]) -> None:
        ordered = tuple(claims)
        if not ordered or not all(isinstance(c, Claim) for c in ordered):
            raise ClaimCheckError(
                "CheckRun needs a non-empty list of Claim items "
                f"(from backedu.course().claims), got {claims!r}"
            )
        if len({c.id for c in ordered}) != len(ordered):
            raise ClaimCheckError("CheckRun got the same claim twice: claim ids must be unique")
        self._claims = ordered
        self.restart()

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self._claims

    @property
    def position(self) -> int:
        """Index of the claim on screen (== number of claims when finished)."""
        return self._position

    @property
    def finished(self) -> bool:
        return self._position == len(self._claims)

    @property
    def current(self) -> Claim:
        if self.finished:
            raise ClaimCheckError(
                "every claim is done: there is no current claim (call restart() to go again)"
            )
        return self._claims[self._position]

    @property
    def judgement(self) -> Judgement | None:
        """The rating of the claim on screen, or ``None`` before it is rated."""
        if self.finished:
            return None
        return self._judgements[-1] if len(self._judgements) > self._position else None

    @property
    def judgements(self) -> tuple[Judgement, ...]:
        return tuple(self._judgements)

    def rate(self, claim_id: str, rating: object) -> Judgement:
        """Rate the claim on screen. ``claim_id`` must name it, so a stale click cannot rate the
        wrong claim."""
        claim = self.current
        if claim_id != claim.id:
            raise ClaimCheckError(
                f"the claim on screen is '{claim.id}', not {claim_id!r}: rate claims in order"
            )
        if self.judgement is not None:
            raise ClaimCheckError(
                f"claim '{claim.id}' is already rated: call advance() to go to the next claim"
            )
        judgement = judge(claim, rating)
        self._judgements.append(judgement)
        return judgement

    def advance(self) -> None:
        if self.judgement is None:
            claim = self.current  # raises when finished
            raise ClaimCheckError(f"claim '{claim.id}' is not rated yet: call rate() first")
        self._position += 1

    def score(self) -> CheckScore:
        if not self.finished:
            left = len(self._claims) - self._position
            raise ClaimCheckError(f"the check is not finished: {left} claim(s) left")
        return score(self._judgements)

    def restart(self) -> None:
        self._position = 0
        self._judgements: list[Judgement] = []


def by_section(claims: Sequence[Claim]) -> list[tuple[str, list[tuple[int, Claim]]]]:
    """Claims grouped by the article's section, in article order, each numbered from 1 through
    every section, as the activity counts them ("Claim 5 of 37")."""
    grouped: list[tuple[str, list[tuple[int, Claim]]]] = []
    for number, claim in enumerate(claims, start=1):
        if not grouped or grouped[-1][0] != claim.section:
            grouped.append((claim.section, []))
        grouped[-1][1].append((number, claim))
    return grouped
