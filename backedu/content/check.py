"""The full check of the content: parse the YAML files, validate them into the models with
pydantic, cross-check ids and rules across files, and write the checked snapshot.

Every problem becomes one ``ContentError`` that names the file, the item and the field, so an
author who breaks a file sees exactly where. ``backedu check``, ``backedu serve`` and ``class``
at start, and the wheel's build hook run this; a lesson kernel imports it only when the YAML
changed since the last check (``loader.py``). This is the only module that imports yaml or
pydantic.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from backedu.content import snapshot
from backedu.content.models import (
    SCHEMA_VERSION,
    CausesFile,
    ClaimsFile,
    Course,
    Identified,
    LessonsFile,
    Level,
    PreventionFile,
    Question,
    QuestionsFile,
    QuestionType,
    SourcesFile,
    SymptomGroup,
    SymptomsFile,
    TipVerdict,
)
from backedu.errors import ContentError

# libyaml's safe loader parses the content about 4x faster than the pure-Python one. Both are
# "safe": no arbitrary Python objects.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# file name -> (model of the whole file, key of its item list)
FILES: dict[str, tuple[type[Any], str]] = {
    "sources.yaml": (SourcesFile, "sources"),
    "lessons.yaml": (LessonsFile, "lessons"),
    "symptoms.yaml": (SymptomsFile, "symptoms"),
    "causes.yaml": (CausesFile, "causes"),
    "questions.yaml": (QuestionsFile, "questions"),
    "claims.yaml": (ClaimsFile, "claims"),
    "prevention.yaml": (PreventionFile, "tips"),
}


def check_course(directory: Path) -> Course:
    """Check every content file in ``directory``; raise ``ContentError`` at the first fault."""
    parsed = {name: _load_file(directory, name) for name in FILES}
    built = Course(
        **{key: getattr(parsed[name], key) for name, (_, key) in FILES.items()},
        out_of_100=parsed["causes.yaml"].out_of_100,
    )
    _cross_check(built)
    return built


def refresh(directory: Path, *, snapshot_to: Path | None = None) -> Course:
    """Check ``directory`` and write its snapshot (where it can; at ``snapshot_to`` if given)."""
    checked = check_course(directory)
    snapshot.write(directory, checked, to=snapshot_to)
    return checked


@functools.cache
def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def _load_file(directory: Path, name: str) -> Any:
    model, key = FILES[name]
    entry = directory / name
    if not entry.is_file():
        raise ContentError(name, f"file not found in {directory}")
    try:
        raw = yaml.load(entry.read_text(encoding="utf-8"), Loader=_SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ContentError(name, f"not valid YAML{at}: {exc.problem}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(name, f"not valid YAML: {exc}") from None
    if not isinstance(raw, Mapping):
        raise ContentError(
            name, f"the file must be a mapping with 'schema_version' and '{key}' at the top"
        )
    version = raw.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ContentError(
            name,
            f"unsupported schema version {version!r} (this backedu reads version {SCHEMA_VERSION})",
            field="schema_version",
        )
    try:
        return _adapter(model).validate_python(raw)
    except ValidationError as exc:
        raise _as_content_error(name, raw, exc) from None


def _as_content_error(name: str, raw: Mapping[str, Any], exc: ValidationError) -> ContentError:
    errors = _real_errors(exc)
    first = errors[0]
    loc = list(first["loc"])
    item = None
    # In any list of items in the file (``causes``, ``out_of_100``...), name the item by its id.
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        index = loc[1]
        items = raw.get(loc[0])
        entry = items[index] if isinstance(items, list) and index < len(items) else None
        item_id = entry.get("id") if isinstance(entry, Mapping) else None
        item = str(item_id) if item_id is not None else f"#{index + 1}"
        loc = loc[2:]
    field = _field_path(loc) or None
    more = len(errors) - 1
    problem = _problem(first)
    if more:
        problem += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
    return ContentError(name, problem, item=item, field=field)


def _real_errors(exc: ValidationError) -> list[Any]:
    """The errors, less the echoes: a list whose item failed also reports itself "too short"
    (the failed item does not count), which is not a second problem."""
    errors = exc.errors()
    return [
        error
        for error in errors
        if not (
            error["type"] == "too_short"
            and any(
                other is not error and tuple(other["loc"][: len(error["loc"])]) == error["loc"]
                for other in errors
            )
        )
    ]


def _field_path(loc: Sequence[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


def _problem(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "this field is required but missing"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown field (check the spelling; extra fields are not allowed)"
    got = error.get("input")
    shown = f", got {got!r}" if not isinstance(got, (Mapping, list)) else ""
    return f"{error['msg']}{shown}"


def _cross_check(built: Course) -> None:
    for name, (_, key) in FILES.items():
        _check_unique(name, getattr(built, key))

    source_ids = {source.id for source in built.sources}
    lesson_ids = {lesson.id for lesson in built.lessons}

    for name, key in (
        ("lessons.yaml", "lessons"),
        ("symptoms.yaml", "symptoms"),
        ("causes.yaml", "causes"),
        ("questions.yaml", "questions"),
        ("claims.yaml", "claims"),
        ("prevention.yaml", "tips"),
    ):
        for item in getattr(built, key):
            _check_refs(name, item.id, "sources", item.sources, source_ids, "source")

    _check_symptoms(built)
    _check_causes(built)

    for question in built.questions:
        _check_refs(
            "questions.yaml", question.id, "lesson", (question.lesson,), lesson_ids, "lesson"
        )
        _check_unique("questions.yaml", question.choices, owner=question.id)
        _check_answer_count(question)
        _check_choice_texts(question)

    for tip in built.tips:
        # Telling a student "don't" without a "do this instead" leaves them with nothing to do.
        if tip.verdict is TipVerdict.NOT_RECOMMENDED and tip.instead is None:
            raise ContentError(
                "prevention.yaml",
                "a not-recommended tip must say what to do instead",
                item=tip.id,
                field="instead",
            )

    _check_claims(built)


def _check_claims(built: Course) -> None:
    """The article check walks through the claims in article order, one section at a time, and
    asks about each claim once."""
    seen_text: dict[str, str] = {}
    finished_sections: set[str] = set()
    section = None
    for claim in built.claims:
        key = " ".join(claim.article_says.casefold().split())
        if key in seen_text:
            raise ContentError(
                "claims.yaml",
                f"the same 'article_says' as claim '{seen_text[key]}': ask about a claim once",
                item=claim.id,
                field="article_says",
            )
        seen_text[key] = claim.id
        if claim.section != section:
            if claim.section in finished_sections:
                raise ContentError(
                    "claims.yaml",
                    f"section '{claim.section}' came earlier in the file: keep each section's "
                    "claims together, in the article's order",
                    item=claim.id,
                    field="section",
                )
            if section is not None:
                finished_sections.add(section)
            section = claim.section


# The levels each group of symptoms may have. The checklist teaches these groups, so a sign
# filed in the wrong group (a "spasm" that needs 999) would teach the wrong lesson.
_GROUP_LEVELS: dict[SymptomGroup, tuple[Level, ...]] = {
    SymptomGroup.SPASM: (Level.SELF_CARE, Level.GP),
    SymptomGroup.NERVE: (Level.GP, Level.URGENT),
    SymptomGroup.RED_FLAG: (Level.URGENT, Level.EMERGENCY),
    SymptomGroup.NOT_BACK: tuple(Level),
}


def _check_symptoms(built: Course) -> None:
    """Each sign's level fits its group; not-back signs say what they point to; escalations
    name a condition and a level above the sign's own."""
    for symptom in built.symptoms:
        allowed = _GROUP_LEVELS[symptom.group]
        if symptom.level not in allowed:
            if symptom.group is SymptomGroup.RED_FLAG:
                problem = "a red flag must be 'urgent' or 'emergency'"
            else:
                names = " or ".join(f"'{level}'" for level in allowed)
                problem = f"a {symptom.group} symptom must be {names}, not '{symptom.level}'"
            raise ContentError("symptoms.yaml", problem, item=symptom.id, field="level")
        if symptom.group is SymptomGroup.NOT_BACK and not symptom.points_to:
            raise ContentError(
                "symptoms.yaml",
                "say what a not-back symptom may point to",
                item=symptom.id,
                field="points_to",
            )
        if symptom.group is not SymptomGroup.NOT_BACK and symptom.points_to is not None:
            raise ContentError(
                "symptoms.yaml",
                "only not-back symptoms point elsewhere; say it in the explanation instead",
                item=symptom.id,
                field="points_to",
            )
        if (symptom.escalates_if is None) != (symptom.escalates_to is None):
            missing = "escalates_to" if symptom.escalates_to is None else "escalates_if"
            raise ContentError(
                "symptoms.yaml",
                f"'escalates_if' and 'escalates_to' go together; add '{missing}' or remove "
                "the other",
                item=symptom.id,
                field=missing,
            )
        if symptom.escalates_to is not None and symptom.escalates_to.rank <= symptom.level.rank:
            raise ContentError(
                "symptoms.yaml",
                f"'escalates_to' must be more urgent than the level '{symptom.level}', "
                f"not '{symptom.escalates_to}'",
                item=symptom.id,
                field="escalates_to",
            )


def _check_causes(built: Course) -> None:
    """Causes link real symptoms, pair article claims with verdicts, and the 100 people add up."""
    symptoms = {symptom.id: symptom for symptom in built.symptoms}
    for cause in built.causes:
        _check_refs("causes.yaml", cause.id, "symptoms", cause.symptoms, set(symptoms), "symptom")
        # The explorer shows "the article says / the evidence says": one without the other is
        # either a claim nobody checked or a verdict on nothing.
        if (cause.article_says is None) != (cause.article_verdict is None):
            missing = "article_verdict" if cause.article_verdict is None else "article_says"
            raise ContentError(
                "causes.yaml",
                "'article_says' and 'article_verdict' go together; "
                f"add '{missing}' or remove the other",
                item=cause.id,
                field=missing,
            )
        # A serious cause must show at least one warning sign as urgent as itself, so the
        # explorer never presents it without saying what to look out for.
        if cause.level.rank >= Level.URGENT.rank and not any(
            symptoms[s].level.rank >= cause.level.rank for s in cause.symptoms
        ):
            raise ContentError(
                "causes.yaml",
                f"a cause at level '{cause.level}' must list at "
                f"least one symptom at level '{cause.level}' or higher",
                item=cause.id,
                field="symptoms",
            )

    shares = built.out_of_100
    _check_unique("causes.yaml", shares)
    cause_ids = {cause.id for cause in built.causes}
    owner: dict[str, str] = {}
    for share in shares:
        _check_refs(
            "causes.yaml",
            share.id,
            "sources",
            share.sources,
            {source.id for source in built.sources},
            "source",
        )
        _check_refs("causes.yaml", share.id, "causes", share.causes, cause_ids, "cause")
        for cause_id in share.causes:
            if cause_id in owner:
                raise ContentError(
                    "causes.yaml",
                    f"cause '{cause_id}' is already in '{owner[cause_id]}'",
                    item=share.id,
                    field="causes",
                )
            owner[cause_id] = share.id
        if share.low > share.high:
            raise ContentError(
                "causes.yaml",
                f"low ({share.low:g}) is above high ({share.high:g})",
                item=share.id,
                field="low",
            )
        # The picture must not say more or less than the source does.
        if not share.low <= share.drawn <= share.high:
            raise ContentError(
                "causes.yaml",
                f"drawn ({share.drawn}) must lie between low "
                f"({share.low:g}) and high ({share.high:g})",
                item=share.id,
                field="drawn",
            )
    total = sum(share.drawn for share in shares)
    if shares and total != 100:
        raise ContentError(
            "causes.yaml",
            f"the 'drawn' numbers must add up to 100 people, not {total}",
            field="out_of_100",
        )


def _check_unique(name: str, items: Iterable[Identified], *, owner: str | None = None) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            if owner is None:
                raise ContentError(
                    name, "duplicate id: another item already uses it", item=item.id, field="id"
                )
            raise ContentError(
                name, f"duplicate choice id '{item.id}'", item=owner, field="choices"
            )
        seen.add(item.id)


def _check_refs(
    name: str, item_id: str, field: str, refs: Iterable[str], known: set[str], kind: str
) -> None:
    for ref in refs:
        if ref not in known:
            raise ContentError(
                name, f"unknown {kind} '{ref}' (no {kind} has this id)", item=item_id, field=field
            )


def _check_answer_count(question: Question) -> None:
    correct = sum(choice.correct for choice in question.choices)
    if question.type is QuestionType.MULTIPLE:
        if correct < 1:
            raise ContentError(
                "questions.yaml",
                "a multiple-select question needs at least one correct choice",
                item=question.id,
                field="choices",
            )
        return
    if correct != 1:
        raise ContentError(
            "questions.yaml",
            f"a {question.type} question needs exactly one correct choice, found {correct}",
            item=question.id,
            field="choices",
        )
    if question.type is QuestionType.TRUE_FALSE and len(question.choices) != 2:
        raise ContentError(
            "questions.yaml",
            "a true-false question has exactly two choices",
            item=question.id,
            field="choices",
        )


def _check_choice_texts(question: Question) -> None:
    # The page shows only the texts, so two equal texts would be two answers nobody can tell apart.
    seen: set[str] = set()
    for choice in question.choices:
        if choice.text.casefold() in seen:
            raise ContentError(
                "questions.yaml",
                f"two choices read the same: {choice.text!r}",
                item=question.id,
                field="choices",
            )
        seen.add(choice.text.casefold())
