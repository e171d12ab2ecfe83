"""The course as typed, frozen data: one pydantic model per kind of content item.

The YAML files in ``backedu/content/data`` are validated into these models by ``loader.py``.
Models only describe shape; rules that span items or files (unique ids, references) live in the
loader's cross-checks.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl

SCHEMA_VERSION = 1


_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _kebab(value: str) -> str:
    if not _KEBAB.fullmatch(value):
        raise ValueError(f"ids are lower-case kebab-case (like 'saddle-numbness'), not {value!r}")
    return value


ItemId = Annotated[str, AfterValidator(_kebab)]
Text = Annotated[str, Field(min_length=1)]


class Frozen(BaseModel):
    """Base of every content model: unknown fields are errors and items cannot be changed."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Level(StrEnum):
    """How soon to get help, from least to most urgent. Order matters: triage takes the max."""

    SELF_CARE = "self-care"
    GP = "gp"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class Identified(Frozen):
    """An item with an id that is unique within its file."""

    id: ItemId


class Sourced(Identified):
    """An item that names the sources (ids in sources.yaml) its facts come from."""

    sources: tuple[ItemId, ...] = Field(min_length=1)


class Source(Identified):
    title: Text
    publisher: Text
    url: HttpUrl


class Lesson(Sourced):
    notebook: Annotated[str, Field(pattern=r"^[0-9]{2}-[a-z0-9-]+\.ipynb$")]
    title: Text
    summary: Text
    minutes: int = Field(gt=0, le=120)
    objectives: tuple[Text, ...] = Field(min_length=1)
    key_points: tuple[Text, ...] = ()


class SymptomGroup(StrEnum):
    SPASM = "spasm"  # a typical feature of a back spasm
    NERVE = "nerve"  # a sign that a nerve is irritated
    RED_FLAG = "red-flag"  # may mean something serious in or near the spine
    NOT_BACK = "not-back"  # not a lower-back-spasm symptom; may point elsewhere


class Symptom(Sourced):
    """One sign on the checklist. Which levels fit which group is checked by the loader."""

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


class Share(Sourced):
    """One slice of "out of 100 people with low back pain": a sourced range and what we draw."""

    label: Text
    low: float = Field(ge=0, le=100)  # the sourced range, e.g. 90 to 95; low 0 means "fewer than"
    high: float = Field(gt=0, le=100)
    drawn: int = Field(ge=0, le=100)  # icons in the picture; must lie in low..high (loader checks)
    note: Text | None = None  # why the drawn number is what it is, if not obvious
    causes: tuple[ItemId, ...] = ()  # causes in causes.yaml that belong to this slice


class Choice(Identified):
    text: Text
    correct: bool
    feedback: Text


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true-false"


class Question(Sourced):
    lesson: ItemId  # a lesson id in lessons.yaml
    topic: Text
    type: QuestionType
    prompt: Text
    choices: tuple[Choice, ...] = Field(min_length=2)


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


class Tip(Sourced):
    """One prevention tip from the article, with what the evidence says about it."""

    name: Text  # a short heading, like "Drink plenty of water"
    article_says: Text
    verdict: TipVerdict
    why: Text
    instead: Text | None = None  # what to do instead; required when not recommended (loader)


class SourcesFile(Frozen):
    schema_version: Literal[1]
    sources: tuple[Source, ...] = Field(min_length=1)


class LessonsFile(Frozen):
    schema_version: Literal[1]
    lessons: tuple[Lesson, ...] = Field(min_length=1)


class SymptomsFile(Frozen):
    schema_version: Literal[1]
    symptoms: tuple[Symptom, ...] = Field(min_length=1)


class CausesFile(Frozen):
    schema_version: Literal[1]
    causes: tuple[Cause, ...] = Field(min_length=1)
    out_of_100: tuple[Share, ...] = Field(min_length=1)


class QuestionsFile(Frozen):
    schema_version: Literal[1]
    questions: tuple[Question, ...] = Field(min_length=1)


class ClaimsFile(Frozen):
    schema_version: Literal[1]
    claims: tuple[Claim, ...] = Field(min_length=1)


class PreventionFile(Frozen):
    schema_version: Literal[1]
    tips: tuple[Tip, ...] = Field(min_length=1)


class Course(Frozen):
    """Everything the lessons show, validated and cross-checked."""

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
