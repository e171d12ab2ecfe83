"""The course as typed, frozen data: one standard-library dataclass per kind of content item.

Imports only the standard library, so a lesson kernel (and Python in a browser) builds these from
the checked snapshot without pydantic. The same classes are what ``check.py`` validates the YAML
files into with pydantic: the ``Annotated`` metadata (``constraints.py``) and ``CHECKED`` say what
a valid file is, so there is no second schema. Models only describe shape; rules that span items
or files (unique ids, references) are the cross-checks in ``check.py``.
"""

# No `from __future__ import annotations`: the snapshot builder reads these annotations as real
# objects, which costs a kernel nothing, where strings would be compiled again in every kernel.
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal, TypeVar

from backedu.content.constraints import Between, KebabCase, Matches, MinLength, WebAddress

SCHEMA_VERSION = 1

# How pydantic treats these dataclasses at check time: unknown fields are errors, items are frozen
# and text loses the spaces at its ends. (A plain dict: pydantic's ConfigDict is a TypedDict.)
CHECKED = {"extra": "forbid", "frozen": True, "str_strip_whitespace": True}

ItemId = Annotated[str, KebabCase()]
Text = Annotated[str, MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Checked:
    """Base of every content model: validated with ``CHECKED`` (subclasses inherit it)."""

    __pydantic_config__ = CHECKED


class Level(StrEnum):
    """How soon to get help, from least to most urgent. Order matters: triage takes the max."""

    SELF_CARE = "self-care"
    GP = "gp"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Identified(Checked):
    """An item with an id that is unique within its file."""

    id: ItemId


@dataclass(frozen=True, slots=True, kw_only=True)
class Sourced(Identified):
    """An item that names the sources (ids in sources.yaml) its facts come from."""

    sources: Annotated[tuple[ItemId, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Identified):
    title: Text
    publisher: Text
    url: Annotated[str, WebAddress()]


@dataclass(frozen=True, slots=True, kw_only=True)
class Lesson(Sourced):
    notebook: Annotated[str, Matches(r"^[0-9]{2}-[a-z0-9-]+\.ipynb$")]
    title: Text
    summary: Text
    minutes: Annotated[int, Between(gt=0, le=120)]
    objectives: Annotated[tuple[Text, ...], MinLength(1)]
    key_points: tuple[Text, ...] = ()


class SymptomGroup(StrEnum):
    SPASM = "spasm"  # a typical feature of a back spasm
    NERVE = "nerve"  # a sign that a nerve is irritated
    RED_FLAG = "red-flag"  # may mean something serious in or near the spine
    NOT_BACK = "not-back"  # not a lower-back-spasm symptom; may point elsewhere


@dataclass(frozen=True, slots=True, kw_only=True)
class Symptom(Sourced):
    """One sign on the checklist. Which levels fit which group is cross-checked."""

    label: Text
    explanation: Text
    group: SymptomGroup
    # How soon to get help for this sign on its own. For a not-back sign: the urgency of what it
    # may point to (one-sided weakness points to a stroke, so it is an emergency).
    level: Level
    points_to: Text | None = None  # not-back signs only: what it may be a sign of
    escalates_if: Text | None = None  # a change that makes the sign more urgent...
    escalates_to: Level | None = None  # ...and how urgent it is then (both or neither)
    from_article: bool = False  # the article names it (as a spasm sign or a reason to get help)


class Modifiable(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    UNKNOWN = "unknown"


class Commonness(StrEnum):
    MOST = "most"
    COMMON = "common"
    UNCOMMON = "uncommon"
    RARE = "rare"
    UNPROVEN = "unproven"


class Structure(StrEnum):
    MUSCLE = "muscle"
    DISC = "disc"
    NERVE_ROOT = "nerve-root"
    JOINT = "joint"
    VERTEBRA = "vertebra"
    NERVE_BUNDLE = "nerve-bundle"
    NONE = "none"


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    PARTLY = "partly"
    NOT_SUPPORTED = "not-supported"
    CONTRADICTED = "contradicted"
    ANECDOTE = "anecdote"


@dataclass(frozen=True, slots=True, kw_only=True)
class Cause(Sourced):
    name: Text
    how_it_hurts: Text
    at_risk: Text
    modifiable: Modifiable
    how_common: Commonness
    symptoms: tuple[ItemId, ...] = ()  # ids in symptoms.yaml
    level: Level
    structure: Structure
    evidence_note: Text
    article_says: Text | None = None  # present when the article names this cause
    article_verdict: Verdict | None = None  # how the evidence rates article_says (both or neither)


@dataclass(frozen=True, slots=True, kw_only=True)
class Share(Sourced):
    """One slice of "out of 100 people with low back pain": a sourced range and what we draw."""

    label: Text
    # The sourced range, e.g. 90 to 95; low 0 means "fewer than".
    low: Annotated[float, Between(ge=0, le=100)]
    high: Annotated[float, Between(gt=0, le=100)]
    # Icons in the picture; must lie in low..high (a cross-check).
    drawn: Annotated[int, Between(ge=0, le=100)]
    note: Text | None = None  # why the drawn number is what it is, if not obvious
    causes: tuple[ItemId, ...] = ()  # causes in causes.yaml that belong to this slice


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice(Identified):
    text: Text
    correct: bool
    feedback: Text


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true-false"


@dataclass(frozen=True, slots=True, kw_only=True)
class Question(Sourced):
    lesson: ItemId  # a lesson id in lessons.yaml
    topic: Text
    type: QuestionType
    prompt: Text
    choices: Annotated[tuple[Choice, ...], MinLength(2)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim(Sourced):
    section: Text
    article_says: Text
    verdict: Verdict
    reason: Text


class TipVerdict(StrEnum):
    """What the evidence says about one of the article's prevention tips."""

    HELPS = "helps"
    UNPROVEN = "unproven"
    NOT_RECOMMENDED = "not-recommended"


@dataclass(frozen=True, slots=True, kw_only=True)
class Tip(Sourced):
    """One prevention tip from the article, with what the evidence says about it."""

    name: Text  # a short heading, like "Drink plenty of water"
    article_says: Text
    verdict: TipVerdict
    why: Text
    instead: Text | None = None  # what to do instead; required when not recommended (a cross-check)


# --- whole files: ``schema_version`` first, then the items ------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class SourcesFile(Checked):
    schema_version: Literal[1]
    sources: Annotated[tuple[Source, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class LessonsFile(Checked):
    schema_version: Literal[1]
    lessons: Annotated[tuple[Lesson, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class SymptomsFile(Checked):
    schema_version: Literal[1]
    symptoms: Annotated[tuple[Symptom, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class CausesFile(Checked):
    schema_version: Literal[1]
    causes: Annotated[tuple[Cause, ...], MinLength(1)]
    out_of_100: Annotated[tuple[Share, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionsFile(Checked):
    schema_version: Literal[1]
    questions: Annotated[tuple[Question, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimsFile(Checked):
    schema_version: Literal[1]
    claims: Annotated[tuple[Claim, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class PreventionFile(Checked):
    schema_version: Literal[1]
    tips: Annotated[tuple[Tip, ...], MinLength(1)]


# --- the whole course ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Course:
    """Everything the lessons show, validated and cross-checked (built by ``check.py`` from the
    files, or by the loader from the checked snapshot)."""

    sources: tuple[Source, ...]
    lessons: tuple[Lesson, ...]
    symptoms: tuple[Symptom, ...]
    causes: tuple[Cause, ...]
    questions: tuple[Question, ...]
    claims: tuple[Claim, ...]
    tips: tuple[Tip, ...]  # from prevention.yaml
    out_of_100: tuple[Share, ...] = ()  # from causes.yaml: how common each kind of back pain is

    def source(self, source_id: str) -> Source:
        return _by_id(self.sources, source_id)

    def lesson(self, lesson_id: str) -> Lesson:
        return _by_id(self.lessons, lesson_id)

    def symptom(self, symptom_id: str) -> Symptom:
        return _by_id(self.symptoms, symptom_id)

    def cause(self, cause_id: str) -> Cause:
        return _by_id(self.causes, cause_id)

    def question(self, question_id: str) -> Question:
        return _by_id(self.questions, question_id)

    def claim(self, claim_id: str) -> Claim:
        return _by_id(self.claims, claim_id)

    def tip(self, tip_id: str) -> Tip:
        return _by_id(self.tips, tip_id)


_Item = TypeVar("_Item", bound=Identified)


def _by_id(items: tuple[_Item, ...], item_id: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
