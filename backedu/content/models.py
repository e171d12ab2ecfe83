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
from datetime import date
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
class Review(Checked):
    """When something was last checked against its sources, and when it must be checked again.
    (``next`` after ``last``, and ``last`` not in the future: cross-checks.)"""

    last: date
    next: date


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
    reviewed: Review  # shown at the end of the lesson's page


class SymptomGroup(StrEnum):
    SPASM = "spasm"  # a typical feature of a back spasm
    NERVE = "nerve"  # a sign that a nerve is irritated
    OTHER = "other"  # another back problem a doctor should check; not an emergency
    RED_FLAG = "red-flag"  # may mean something serious in or near the spine
    NOT_BACK = "not-back"  # not a lower-back-spasm symptom; may point elsewhere


class EmergencyRoute(StrEnum):
    """How to get emergency help for a sign (the words per region are in words.yaml)."""

    CALL = "call"  # call an ambulance; do not make your own way (stroke, chest pain, a bad fall)
    CALL_OR_GO = "call-or-go"  # call, or go to the emergency department (cauda equina signs)


@dataclass(frozen=True, slots=True, kw_only=True)
class Ages(Checked):
    """The ages a sign is for: under ``under`` years, or ``over`` and older (one or both)."""

    under: Annotated[int, Between(gt=0, le=120)] | None = None
    over: Annotated[int, Between(ge=0, lt=120)] | None = None


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
    # How to get emergency help: required when the sign is, or can become, an emergency.
    emergency_route: EmergencyRoute | None = None
    first_aid: Text | None = None  # what a helper does while help comes (emergency signs only)
    ages: Ages | None = None  # only for people of these ages (said beside the label)
    picture: ItemId | None = None  # a picture in pictures.yaml that shows it ("Why?")
    from_article: bool = False  # the article names it (as a spasm sign or a reason to get help)


@dataclass(frozen=True, slots=True, kw_only=True)
class YoungSign(Sourced):
    """A sign that needs a doctor sooner in someone under 16 than in an adult (from sources that
    cover children). Shown with its level's words, so the region decides who to see."""

    label: Text
    level: Level  # gp or urgent (a cross-check): emergency signs are the same at every age
    why: Text | None = None  # what it may be, in a sentence
    symptom: ItemId | None = None  # the checklist's sign it is, if any (same level: a cross-check)


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
    OUTSIDE = "outside"  # the pain comes from outside the spine (kidneys, womb, a blood vessel)
    NONE = "none"


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    PARTLY = "partly"
    NOT_SUPPORTED = "not-supported"
    CONTRADICTED = "contradicted"
    ANECDOTE = "anecdote"


class Rating(StrEnum):
    """What a student thinks of a claim before seeing the evidence (the article check)."""

    TRUE = "true"
    PARTLY = "partly"
    FALSE = "false"
    NOT_SURE = "not-sure"


class CauseFilter(StrEnum):
    """Which causes the explorer lists. Each is one question a student may ask."""

    ALL = "all"
    CAN_CHANGE = "can-change"
    COMMON = "common"
    RARE = "rare"
    NEEDS_DOCTOR = "needs-doctor"
    OUTSIDE_BACK = "outside-back"
    MYTHS = "myths"
    IN_ARTICLE = "in-article"


class Region(StrEnum):
    """Where the student is: which numbers and services the advice names."""

    UK = "uk"
    US = "us"
    EU = "eu"


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


# --- pictures (pictures.yaml): our own drawings, with words for each ---------------------------
class Drawing(StrEnum):
    """The drawings the course has (``backedu.views.pictures`` draws each one)."""

    SADDLE_AREA = "saddle-area"
    SPINE_SIDE = "spine-side"
    KNEE_ROLLS = "knee-rolls"
    BOTTOM_TO_HEELS = "bottom-to-heels"
    PELVIC_TILTS = "pelvic-tilts"
    SLEEP_POSITIONS = "sleep-positions"


@dataclass(frozen=True, slots=True, kw_only=True)
class Picture(Sourced):
    """The words that go with one drawing: shown under it (title, caption) and read out instead
    of it (alt). The id is the drawing's."""

    title: Text
    caption: Text
    alt: Text


# --- planners (planners.yaml): forms whose answers become notes or a plan, stored nowhere -------
class AnswerKind(StrEnum):
    TEXT = "text"  # typed, up to the planner's length limit
    CHOICE = "choice"  # one of ``choices``
    TICK = "tick"  # a box to tick; its ``line`` goes in the plan when ticked


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanChoice(Identified):
    label: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanField(Identified):
    """One question. Its answer shows as the label and the answer, or, with a ``line``, as that
    line with ``{answer}`` put in (a tick box's line shows when it is ticked)."""

    label: Text
    hint: Text | None = None
    kind: AnswerKind = AnswerKind.TEXT
    choices: tuple[PlanChoice, ...] = ()  # for kind choice (two or more)
    line: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Planner(Identified):
    heading: Text  # over the form
    intro: Text  # what to do
    make: Text  # the button that makes the result, like "Make my notes"
    result: Text  # what it makes, as "your notes": "Press ... again to update your notes"
    ready: Text  # said when it is made: "Your notes are ready."
    title: Text  # over the result
    file_name: ItemId  # of the downloads, without .txt or .html
    footer: Text  # under the result, before the emergency signs
    fields: Annotated[tuple[PlanField, ...], MinLength(1)]

    def field(self, field_id: str) -> PlanField:
        return _by_id(self.fields, field_id)


# --- the words for fixed choices (words.yaml) --------------------------------------------------
# Every page names a level, a verdict or a group with these words and no others. Each list has one
# entry per member of its enum, in the enum's order (a cross-check), keyed by the member's value.
@dataclass(frozen=True, slots=True, kw_only=True)
class Named(Identified):
    name: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceTerm(Checked):
    """One of a region's services and what it is: a lesson's "where to get help" glossary."""

    term: Text
    meaning: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionWords(Identified):
    """How one region names its services. The only place these words are written: other content
    refers to them as ``{placeholders}`` (level texts) or not at all (a cross-check refuses
    ``terms`` anywhere else)."""

    emergency_number: Text
    call: Text  # an ambulance, and do not make your own way (EmergencyRoute.CALL)
    call_or_go: Text  # call, or go to the emergency department (EmergencyRoute.CALL_OR_GO)
    urgent: Text  # help the same day
    doctor: Text  # a routine appointment
    doctor_word: Text  # what a family doctor is called
    terms: Annotated[tuple[Text, ...], MinLength(1)]  # service names other content must not type
    glossary: Annotated[tuple[ServiceTerm, ...], MinLength(1)]  # each service, and what it is
    physio: Text  # how to get to a physiotherapist


@dataclass(frozen=True, slots=True, kw_only=True)
class LevelWords(Named):
    """A level's name ("Urgent"), what follows it in a heading ("get help today") and what to do.
    May use a region's words as ``{emergency_number}``, ``{doctor_word}``, ``{doctor}``,
    ``{urgent}`` and ``{emergency}`` (the sign's emergency route)."""

    headline: Text
    advice: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupWords(Named):
    """A group of signs: its short name ("Nerve sign"), the checklist's heading and intro, what it
    means (worksheets) and what to say when the article names one of its signs."""

    heading: Text
    intro: Text
    meaning: Text
    article_note: Text
    article_note_if_emergency: Text | None = None  # instead, for a sign at level emergency


@dataclass(frozen=True, slots=True, kw_only=True)
class VerdictWords(Named):
    fits_because: Text  # why the fitting ratings fit, before "so “True” fits"


@dataclass(frozen=True, slots=True, kw_only=True)
class TipVerdictWords(Named):
    heading: Text  # the group of tips with this verdict


@dataclass(frozen=True, slots=True, kw_only=True)
class CommonnessWords(Named):
    in_count: Text  # in "Showing 6 of 20 causes: 2 most common, ..."


@dataclass(frozen=True, slots=True, kw_only=True)
class StructureWords(Named):
    what: Text  # "a disc, the soft pad between two back bones"


@dataclass(frozen=True, slots=True, kw_only=True)
class Words(Checked):
    regions: tuple[RegionWords, ...]
    levels: tuple[LevelWords, ...]
    groups: tuple[GroupWords, ...]
    verdicts: tuple[VerdictWords, ...]
    ratings: tuple[Named, ...]
    tip_verdicts: tuple[TipVerdictWords, ...]
    commonness: tuple[CommonnessWords, ...]
    modifiable: tuple[Named, ...]
    structures: tuple[StructureWords, ...]  # every structure but none
    cause_filters: tuple[Named, ...]

    def region(self, region: Region) -> RegionWords:
        return _by_id(self.regions, region.value)

    def level(self, level: Level) -> LevelWords:
        return _by_id(self.levels, level.value)

    def group(self, group: SymptomGroup) -> GroupWords:
        return _by_id(self.groups, group.value)

    def verdict(self, verdict: Verdict) -> VerdictWords:
        return _by_id(self.verdicts, verdict.value)

    def rating(self, rating: Rating) -> Named:
        return _by_id(self.ratings, rating.value)

    def tip_verdict(self, verdict: TipVerdict) -> TipVerdictWords:
        return _by_id(self.tip_verdicts, verdict.value)

    def commonness_of(self, commonness: Commonness) -> CommonnessWords:
        return _by_id(self.commonness, commonness.value)

    def modifiable_of(self, modifiable: Modifiable) -> Named:
        return _by_id(self.modifiable, modifiable.value)

    def structure(self, structure: Structure) -> StructureWords:
        return _by_id(self.structures, structure.value)

    def cause_filter(self, show: CauseFilter) -> Named:
        return _by_id(self.cause_filters, show.value)


# Each list of Words and the enum it names, in order (check.py holds the content to this).
WORD_LISTS: dict[str, type[StrEnum]] = {
    "regions": Region,
    "levels": Level,
    "groups": SymptomGroup,
    "verdicts": Verdict,
    "ratings": Rating,
    "tip_verdicts": TipVerdict,
    "commonness": Commonness,
    "modifiable": Modifiable,
    "structures": Structure,
    "cause_filters": CauseFilter,
}


# --- whole files: ``schema_version`` and when the file was reviewed, then the items -------------
@dataclass(frozen=True, slots=True, kw_only=True)
class ContentFile(Checked):
    schema_version: Literal[1]
    reviewed: Review


@dataclass(frozen=True, slots=True, kw_only=True)
class SourcesFile(ContentFile):
    sources: Annotated[tuple[Source, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class LessonsFile(ContentFile):
    lessons: Annotated[tuple[Lesson, ...], MinLength(1)]
    # Which lessons a short class keeps, most important first (lesson ids; others come last).
    class_priority: tuple[ItemId, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SymptomsFile(ContentFile):
    symptoms: Annotated[tuple[Symptom, ...], MinLength(1)]
    under_16: tuple[YoungSign, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CausesFile(ContentFile):
    causes: Annotated[tuple[Cause, ...], MinLength(1)]
    out_of_100: Annotated[tuple[Share, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionsFile(ContentFile):
    questions: Annotated[tuple[Question, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimsFile(ContentFile):
    claims: Annotated[tuple[Claim, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class PicturesFile(ContentFile):
    pictures: Annotated[tuple[Picture, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannersFile(ContentFile):
    planners: Annotated[tuple[Planner, ...], MinLength(1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class WordsFile(Words):  # Words is what the course holds; a slotted class has one base
    schema_version: Literal[1]
    reviewed: Review


@dataclass(frozen=True, slots=True, kw_only=True)
class PreventionFile(ContentFile):
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
    words: Words  # from words.yaml: the names of levels, verdicts, groups... and regions' words
    planners: tuple[Planner, ...]  # from planners.yaml
    pictures: tuple[Picture, ...]  # from pictures.yaml
    out_of_100: tuple[Share, ...] = ()  # from causes.yaml: how common each kind of back pain is
    under_16: tuple[YoungSign, ...] = ()  # from symptoms.yaml: signs to act on sooner under 16
    class_priority: tuple[str, ...] = ()  # from lessons.yaml

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

    def planner(self, planner_id: str) -> Planner:
        return _by_id(self.planners, planner_id)

    def picture(self, picture_id: str) -> Picture:
        return _by_id(self.pictures, picture_id)


_Item = TypeVar("_Item", bound=Identified)


def _by_id(items: tuple[_Item, ...], item_id: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
