"""Every error backedu raises on purpose, in one small hierarchy with one base.

``except BackeduError`` catches them all. ``str()`` of each is one line that says what is wrong,
where, and what to do. The module imports nothing, so any layer can raise these errors (and a
lesson kernel can catch ``ContentError`` without loading the content checker).

    BackeduError
    ├── ContentError          a content file is broken (names the file, the item and the field)
    ├── RegionError           the region setting names no region we have words for
    ├── UsageError            code asked for something that does not exist or does not fit now
    │   ├── UnknownSymptomError, UnknownLevelError, UnknownGroupError, CauseError, QuizError,
    │   │   ClaimCheckError,
    │   └── PlannerError, PlanError, AnswerKeyError, ReadabilityError, PictureError
    ├── ClassError            class mode
    │   ├── ClassConfigError  a class-mode setting is wrong
    │   ├── ClassInputError   an answer or rating the store cannot record
    │   │   └── SubmissionRefused  the class server refuses a request (with its HTTP status)
    │   └── ClassStoreError   the class database cannot be used
    ├── WorksheetError        worksheets could not be written or printed
    └── SiteError             the static website could not be built
"""

from __future__ import annotations

from pathlib import Path


class BackeduError(Exception):
    """Base of every error backedu raises on purpose."""


# --- content ----------------------------------------------------------------------------------
class ContentError(BackeduError, ValueError):
    """A content file is broken. ``str()`` is one line: file, item, field and the problem."""

    def __init__(
        self, file: str, problem: str, *, item: str | None = None, field: str | None = None
    ) -> None:
        self.file = file
        self.item = item
        self.field = field
        self.problem = problem
        where = [file]
        if item is not None:
            where.append(f"item '{item}'")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {problem}")


# --- settings ---------------------------------------------------------------------------------
class RegionError(BackeduError, ValueError):
    """The region setting names no region we have wording for."""


# --- a caller asked for something impossible --------------------------------------------------
class UsageError(BackeduError, ValueError):
    """Code asked for something that does not exist, or that does not fit the state it is in.

    A student's clicks never raise these: the page only offers what is possible. They meet the
    programmer who calls a function or a widget's programmatic twin wrongly.
    """


class UnknownSymptomError(UsageError):
    """A selection names a symptom id that the checklist does not have."""


class UnknownLevelError(UsageError):
    """A caller named a level of urgency that does not exist."""


class UnknownGroupError(UsageError):
    """A caller named a group of signs that does not exist."""


class PictureError(UsageError):
    """A caller asked for a picture the course does not have."""


class CauseError(UsageError):
    """A caller named a cause, a filter or a grouping that does not exist."""


class QuizError(UsageError):
    """A quiz was asked to do something that does not fit its state or its questions."""


class ClaimCheckError(UsageError):
    """The article check was asked to do something that does not fit its state or its claims."""


class PlannerError(UsageError):
    """Code asked the planner something impossible (an unknown question, a choice that is not
    offered, an answer that is not text). A student's own typing never raises this."""


class PlanError(UsageError):
    """A class plan cannot be made: the time is too short, or the course has no lessons."""


class AnswerKeyError(UsageError):
    """A programmatic action on the answer key that the page would not allow now."""


class ReadabilityError(UsageError):
    """A lesson's text cannot be collected: a call we cannot measure, or a missing notebook."""


# --- class mode -------------------------------------------------------------------------------
class ClassError(BackeduError):
    """Something about class mode is wrong; ``str()`` says what, where and what to do."""


class ClassConfigError(ClassError, ValueError):
    """A class-mode setting (environment variable or command-line option) is wrong."""


class ClassInputError(ClassError, ValueError):
    """An answer or rating handed to the store is not one it can record."""


class SubmissionRefused(ClassInputError):
    """The class server refuses what a page sent; ``status`` is the HTTP status to answer with
    (4xx) and ``str()`` the one-line reason, which names the field or header at fault."""

    def __init__(self, status: int, reason: str) -> None:
        self.status = status
        super().__init__(reason)


class ClassStoreError(ClassError):
    """The class database cannot be used: missing, locked, damaged, or not ours."""

    def __init__(self, path: Path, problem: str, advice: str) -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        super().__init__(f"class database {path}: {problem}. {advice}")


# --- printing ---------------------------------------------------------------------------------
class WorksheetError(BackeduError):
    """The worksheets could not be written or printed; ``str()`` says why and what to do."""


# --- publishing -------------------------------------------------------------------------------
class SiteError(BackeduError):
    """The static website could not be built; ``str()`` says which step, why, and what to do."""
