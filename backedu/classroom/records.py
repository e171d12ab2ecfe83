"""What class mode records: one quiz answer or one claim rating of one page view, checked.

Each page view gets a random id; there are no names, no accounts, no times per answer, and never
anything about a student's body (symptoms) or plans. A record that does not fit raises
``ClassInputError`` before anything is stored.
"""

from __future__ import annotations

import re
import secrets
from collections import Counter, deque
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from backedu.errors import ClassInputError
from backedu.logic.claims import Rating

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_VIEW = re.compile(r"[0-9a-f]{16}")
_MAX_ID = 80

Kind = Literal["answer", "rating"]


def new_view_id() -> str:
    """A random id for one page view: the only thing that groups a student's answers."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Response:
    """One stored row: a page view's answer to a question, or its rating of a claim."""

    view: str
    kind: Kind
    item: str  # question id or claim id
    seq: int  # 1 for the page view's first answer to this item, 2 after a retry, ...
    response: tuple[str, ...]  # chosen choice ids (sorted), or the one rating
    correct: bool | None = None  # answers only; decided in the kernel by backedu.logic.quiz

    def __post_init__(self) -> None:
        if self.kind not in ("answer", "rating"):
            raise ClassInputError(f"kind is 'answer' or 'rating', not {self.kind!r}")
        _check_id(self.item, "question id" if self.kind == "answer" else "claim id")
        if not isinstance(self.view, str) or not _VIEW.fullmatch(self.view):
            raise ClassInputError(f"page view id is 16 hex digits, not {self.view!r}")
        if isinstance(self.seq, bool) or not isinstance(self.seq, int) or self.seq < 1:
            raise ClassInputError(f"sequence number is a whole number from 1, not {self.seq!r}")
        if self.kind == "answer":
            if not self.response:
                raise ClassInputError(f"answer to '{self.item}': no choice was chosen")
            for choice in self.response:
                _check_id(choice, f"choice id in the answer to '{self.item}'")
            if not isinstance(self.correct, bool):
                raise ClassInputError(
                    f"answer to '{self.item}': correct is True or False, not {self.correct!r}"
                )
        else:
            if len(self.response) != 1 or self.response[0] not in {r.value for r in Rating}:
                choices = ", ".join(repr(r.value) for r in Rating)
                raise ClassInputError(
                    f"rating of '{self.item}' is one of {choices}, not {self.response!r}"
                )
            if self.correct is not None:
                raise ClassInputError(f"rating of '{self.item}': ratings carry no 'correct'")


def answer(
    view: str, question_id: str, chosen_ids: Collection[str], *, correct: bool, seq: int = 1
) -> Response:
    """A quiz answer as a record. ``chosen_ids`` is a list of choice ids, not one string."""
    if isinstance(chosen_ids, str):
        raise ClassInputError(
            f"answer to {question_id!r}: give the chosen choice ids as a list, like "
            f"[{chosen_ids!r}], not a single string"
        )
    return Response(view, "answer", question_id, seq, tuple(sorted(set(chosen_ids))), correct)


def rating(view: str, claim_id: str, value: object, *, seq: int = 1) -> Response:
    """A claim rating as a record; ``value`` is a ``backedu.logic.claims.Rating`` or its text."""
    text = value.value if isinstance(value, Rating) else value
    if not isinstance(text, str):
        raise ClassInputError(f"rating of {claim_id!r} is text like 'true', not {value!r}")
    return Response(view, "rating", claim_id, seq, (text.strip().lower(),))


def _check_id(value: object, what: str) -> None:
    if not isinstance(value, str) or len(value) > _MAX_ID or not _ID.fullmatch(value):
        raise ClassInputError(f"{what} is a kebab-case id like 'drop-foot', not {value!r}")


class Outbox:
    """One page view's answers made and not stored yet, oldest first. Each is numbered per item
    (the try number the store's exactly-once rule keys on); past ``limit`` the oldest is given up,
    so a page that can never reach its store does not grow without end."""

    def __init__(self, view: str, limit: int) -> None:
        self.view = view
        self.limit = limit
        self.waiting: deque[Response] = deque()
        self.dropped = 0  # given up because too many were waiting
        self._tries: Counter[tuple[str, str]] = Counter()

    def answer(self, question_id: str, chosen_ids: Collection[str], *, correct: bool) -> None:
        seq = self._tries["answer", str(question_id)] + 1
        self._add(answer(self.view, question_id, chosen_ids, correct=correct, seq=seq))

    def rating(self, claim_id: str, value: object) -> None:
        seq = self._tries["rating", str(claim_id)] + 1
        self._add(rating(self.view, claim_id, value, seq=seq))

    def _add(self, response: Response) -> None:
        self._tries[response.kind, response.item] = response.seq
        if len(self.waiting) >= self.limit:
            self.waiting.popleft()
            self.dropped += 1
        self.waiting.append(response)
