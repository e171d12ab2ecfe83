"""The full check of the content: parse the YAML files, validate them into the models with
pydantic, cross-check ids and rules across files, and write the checked snapshot.

Every problem becomes one ``ContentError`` that names the file, the item and the field, so an
author who breaks a file sees exactly where. ``backedu check``, ``backedu serve`` and ``class``
at start, and the wheel's build hook run this; a lesson kernel imports it only when the YAML
changed since the last check (``loader.py``). This is the only module that imports yaml or
pydantic.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import TypeAdapter, ValidationError

from backedu.content import snapshot
from backedu.content.models import (
    SCHEMA_VERSION,
    WORD_LISTS,
    AnswerKind,
    CausesFile,
    ClaimsFile,
    Course,
    Drawing,
    Identified,
    LessonsFile,
    Level,
    LevelWords,
    PicturesFile,
    PlannersFile,
    PreventionFile,
    Question,
    QuestionsFile,
    QuestionType,
    Review,
    Source,
    SourcesFile,
    SymptomGroup,
    SymptomsFile,
    TipVerdict,
    Words,
    WordsFile,
)
from backedu.errors import ContentError

# libyaml's safe loader parses the content about 4x faster than the pure-Python one. Both are
# "safe": no arbitrary Python objects.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# file name -> (model of the whole file, key of its item list; None: the whole file is one item)
FILES: dict[str, tuple[Any, str | None]] = {
    "sources.yaml": (SourcesFile, "sources"),
    "lessons.yaml": (LessonsFile, "lessons"),
    "symptoms.yaml": (SymptomsFile, "symptoms"),
    "causes.yaml": (CausesFile, "causes"),
    "questions.yaml": (QuestionsFile, "questions"),
    "claims.yaml": (ClaimsFile, "claims"),
    "prevention.yaml": (PreventionFile, "tips"),
    "planners.yaml": (PlannersFile, "planners"),
    "pictures.yaml": (PicturesFile, "pictures"),
    "words.yaml": (WordsFile, None),
}


def check_course(directory: Path, *, today: datetime.date | None = None) -> Course:
    """Check every content file in ``directory``; raise ``ContentError`` at the first fault.
    ``today`` (the real date by default) is what review dates may not come after."""
    parsed = {name: _load_file(directory, name) for name in FILES}
    items = {key: getattr(parsed[name], key) for name, (_, key) in FILES.items() if key is not None}
    words = parsed["words.yaml"]
    built = Course(
        **items,
        words=Words(
            **{field.name: getattr(words, field.name) for field in dataclasses.fields(Words)}
        ),
        out_of_100=parsed["causes.yaml"].out_of_100,
        under_16=parsed["symptoms.yaml"].under_16,
        class_priority=parsed["lessons.yaml"].class_priority,
    )
    _check_reviews(parsed, today or datetime.date.today())
    _cross_check(built)
    return built


def overdue_reviews(directory: Path, *, today: datetime.date | None = None) -> list[str]:
    """One line per file or lesson whose next review date has passed (a warning, not an error:
    a date must not break a build; ``docs/CONTENT-REVIEW.md`` says how to review)."""
    today = today or datetime.date.today()
    late = []
    for name, review, item in _reviews({name: _load_file(directory, name) for name in FILES}):
        if review.next < today:
            where = f"{name}, item '{item}'" if item else name
            late.append(f"{where}: the next review was due on {review.next.isoformat()}")
    return late


def refresh(directory: Path, *, snapshot_to: Path | None = None) -> Course:
    """Check ``directory`` and write its snapshot (where it can; at ``snapshot_to`` if given)."""
    checked = check_course(directory)
    snapshot.write(directory, checked, to=snapshot_to)
    return checked


@functools.cache
def _adapter(model: Any) -> TypeAdapter[Any]:
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
        # words.yaml holds several lists whose ids repeat ("partly"): say which list
        loc = [loc[0], *loc[2:]] if model_of(name) is WordsFile else loc[2:]
    field = _field_path(loc) or None
    more = len(errors) - 1
    problem = _problem(first)
    if more:
        problem += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
    return ContentError(name, problem, item=item, field=field)


def model_of(name: str) -> Any:
    return FILES[name][0]


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


def _reviews(parsed: Mapping[str, Any]) -> Iterator[tuple[str, Review, str | None]]:
    """(file, review, lesson id or None) for every review date in the content."""
    for name in FILES:
        yield name, parsed[name].reviewed, None
    for lesson in parsed["lessons.yaml"].lessons:
        yield "lessons.yaml", lesson.reviewed, lesson.id


def _check_reviews(parsed: Mapping[str, Any], today: datetime.date) -> None:
    for name, review, item in _reviews(parsed):
        if review.next <= review.last:
            raise ContentError(
                name,
                f"the next review ({review.next.isoformat()}) must come after the last one "
                f"({review.last.isoformat()})",
                item=item,
                field="reviewed.next",
            )
        if review.last > today:
            raise ContentError(
                name,
                f"the last review ({review.last.isoformat()}) is in the future",
                item=item,
                field="reviewed.last",
            )


def _cross_check(built: Course) -> None:
    for name, (_, key) in FILES.items():
        if key is not None:
            _check_unique(name, getattr(built, key))

    source_ids = {source.id for source in built.sources}
    lesson_ids = {lesson.id for lesson in built.lessons}

    for name, key in (
        ("pictures.yaml", "pictures"),
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
    _check_young_signs(built, source_ids)
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
    _check_class_priority(built)
    _check_planners(built)
    _check_pictures(built)
    _check_words(built.words)
    _check_sources(built.sources)
    _check_service_words(built)


def _check_class_priority(built: Course) -> None:
    known = {lesson.id for lesson in built.lessons}
    seen: set[str] = set()
    for lesson_id in built.class_priority:
        if lesson_id not in known:
            raise ContentError(
                "lessons.yaml",
                f"unknown lesson '{lesson_id}' (no lesson has this id)",
                field="class_priority",
            )
        if lesson_id in seen:
            raise ContentError(
                "lessons.yaml", f"lesson '{lesson_id}' is listed twice", field="class_priority"
            )
        seen.add(lesson_id)


def _check_pictures(built: Course) -> None:
    """Words for every drawing and no drawing that does not exist; signs show real pictures."""
    drawn = [drawing.value for drawing in Drawing]
    for picture in built.pictures:
        if picture.id not in drawn:
            raise ContentError(
                "pictures.yaml",
                f"there is no drawing '{picture.id}'; the drawings are {', '.join(drawn)}",
                item=picture.id,
                field="id",
            )
    missing = [each for each in drawn if each not in {p.id for p in built.pictures}]
    if missing:
        raise ContentError(
            "pictures.yaml", f"no words for the drawing '{missing[0]}'", field="pictures"
        )
    for symptom in built.symptoms:
        if symptom.picture is not None and symptom.picture not in drawn:
            raise ContentError(
                "symptoms.yaml",
                f"unknown picture '{symptom.picture}' (no picture has this id)",
                item=symptom.id,
                field="picture",
            )


def _check_planners(built: Course) -> None:
    """A choice has choices and only a choice does; a tick box says what it adds; a line puts in
    the answer as {answer} and nothing else; ids are unique in a planner and in a question."""
    for planner in built.planners:
        _check_unique("planners.yaml", planner.fields, owner=planner.id, what="field")
        for field in planner.fields:
            where = f"fields[{planner.fields.index(field) + 1}]"
            if (field.kind is AnswerKind.CHOICE) != bool(field.choices):
                raise ContentError(
                    "planners.yaml",
                    f"field '{field.id}': a choice field has two or more choices, and only a "
                    "choice field has any",
                    item=planner.id,
                    field=f"{where}.choices",
                )
            if field.kind is AnswerKind.CHOICE and len(field.choices) < 2:
                raise ContentError(
                    "planners.yaml",
                    f"field '{field.id}': a choice field has two or more choices",
                    item=planner.id,
                    field=f"{where}.choices",
                )
            _check_unique("planners.yaml", field.choices, owner=planner.id, what="choice")
            if field.kind is AnswerKind.TICK and field.line is None:
                raise ContentError(
                    "planners.yaml",
                    f"field '{field.id}': a tick box needs the 'line' it adds when ticked",
                    item=planner.id,
                    field=f"{where}.line",
                )
            if field.line is not None:
                names = _names(field.line, "planners.yaml", planner.id, f"{where}.line")
                wanted = set() if field.kind is AnswerKind.TICK else {"answer"}
                if set(names) != wanted:
                    raise ContentError(
                        "planners.yaml",
                        f"field '{field.id}': the line "
                        + ("takes no placeholder" if not wanted else "puts in {answer}, once")
                        + (
                            f", not {{{sorted(set(names) - wanted)[0]}}}"
                            if set(names) - wanted
                            else ""
                        ),
                        item=planner.id,
                        field=f"{where}.line",
                    )


# --- words.yaml ---------------------------------------------------------------------------------
# What level texts may name of a region's words ({emergency}: the sign's emergency route).
LEVEL_PLACEHOLDERS = frozenset({"emergency_number", "doctor_word", "doctor", "urgent", "emergency"})


def _check_words(words: Words) -> None:
    """One entry per choice, in the choice's order; level texts name only known placeholders."""
    for key, choices in WORD_LISTS.items():
        got = [entry.id for entry in getattr(words, key)]
        wanted = [choice.value for choice in choices]
        if got != wanted:
            missing = [value for value in wanted if value not in got]
            extra = [value for value in got if value not in wanted]
            problem = (
                f"no entry for '{missing[0]}'"
                if missing
                else f"'{extra[0]}' is not a choice here"
                if extra
                else "the entries are in the wrong order"
            )
            raise ContentError(
                "words.yaml",
                f"{problem}: {key} lists {', '.join(wanted)}, once each and in that order",
                field=key,
            )
    for level in words.levels:
        for field in ("name", "headline", "advice"):
            for placeholder in _placeholders(getattr(level, field), level, field):
                if placeholder not in LEVEL_PLACEHOLDERS:
                    known = ", ".join(f"{{{name}}}" for name in sorted(LEVEL_PLACEHOLDERS))
                    raise ContentError(
                        "words.yaml",
                        f"unknown placeholder {{{placeholder}}}; use one of {known}",
                        item=level.id,
                        field=f"levels.{field}",
                    )


def _placeholders(text: str, level: LevelWords, field: str) -> list[str]:
    return _names(text, "words.yaml", level.id, f"levels.{field}")


def _names(text: str, name: str, item: str, field: str) -> list[str]:
    """The {placeholders} in ``text``; a lone brace is a one-line error."""
    try:
        return [each for _, each, _, _ in string.Formatter().parse(text) if each is not None]
    except ValueError as exc:
        raise ContentError(name, f"broken placeholder ({exc})", item=item, field=field) from None


def _check_service_words(built: Course) -> None:
    """Service words (999, A&E, NHS 111, GP...) live in words.yaml's regions only: text anywhere
    else names them with a placeholder (level texts) or in plain words ("a doctor"), so every
    page follows the student's region and nothing that states urgency is typed twice."""
    terms = sorted({term for region in built.words.regions for term in region.terms})
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(term) for term in terms) + r")(?!\w)")
    for name, (_, key) in FILES.items():
        if name == "sources.yaml":
            continue  # titles name publishers ("NHS"), never a service to use
        if key is None:
            items: list[tuple[str, Any]] = [
                (f"{list_key}.", entry)
                for list_key in WORD_LISTS
                if list_key != "regions"
                for entry in getattr(built.words, list_key)
            ]
        else:
            items = [("", entry) for entry in getattr(built, key)]
            if key == "symptoms":
                items += [("under_16.", entry) for entry in built.under_16]
        for prefix, item in items:
            for field, text in _texts(item):
                found = pattern.search(text)
                if found:
                    raise ContentError(
                        name,
                        f"'{found.group(1)}' is a service word of one region: say it in words "
                        "every region fits (like 'a doctor'), or use a level's words",
                        item=item.id,
                        field=prefix + field,
                    )


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every text field in a model, nested models and lists included."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for index, each in enumerate(value):
            yield from _texts(each, f"{path}[{index + 1}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in ("id", "sources", "url", "notebook"):
                name = f"{path}.{field.name}" if path else field.name
                yield from _texts(getattr(value, field.name), name)


# --- sources.yaml -------------------------------------------------------------------------------
# Who may be cited (issue 11, point 5): the NHS, guideline bodies, peer-reviewed papers by DOI or
# PubMed. "*." allows any subdomain; a path after the host must start the address's path.
ALLOWED_PUBLISHERS: tuple[str, ...] = (
    "www.nhs.uk",
    "*.nhs.uk",
    "*.nhs.wales",
    "www.nhsinform.scot",
    "www.nice.org.uk",
    "cks.nice.org.uk",
    "www.who.int",
    "www.ncbi.nlm.nih.gov/books/",
    "www.ncbi.nlm.nih.gov/pmc/",
    "pmc.ncbi.nlm.nih.gov",
    "pubmed.ncbi.nlm.nih.gov",
    "doi.org",
)
# NHS hosts that are not the NHS's own lasting pages: the beta site was a test copy of nhs.uk.
REFUSED_HOSTS = frozenset({"beta.nhs.uk", "www.beta.nhs.uk"})


def _check_sources(sources: Iterable[Source]) -> None:
    for source in sources:
        address = urlsplit(source.url)
        host = (address.hostname or "").lower()
        if address.scheme != "https":
            raise ContentError(
                "sources.yaml",
                f"'{source.url}' is not https: cite the page's secure (https://) address",
                item=source.id,
                field="url",
            )
        if host in REFUSED_HOSTS or not any(
            _allowed(host, address.path, rule) for rule in ALLOWED_PUBLISHERS
        ):
            raise ContentError(
                "sources.yaml",
                f"'{host}' is not an allowed publisher; cite the NHS, NICE, WHO, a DOI or "
                "PubMed page instead",
                item=source.id,
                field="url",
            )


def _allowed(host: str, path: str, rule: str) -> bool:
    rule_host, _, rule_path = rule.partition("/")
    fits = host.endswith(rule_host[1:]) if rule_host.startswith("*.") else host == rule_host
    return fits and path.startswith(f"/{rule_path}")


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
    SymptomGroup.OTHER: (Level.GP, Level.URGENT),
    SymptomGroup.RED_FLAG: (Level.URGENT, Level.EMERGENCY),
    SymptomGroup.NOT_BACK: tuple(Level),
}


# What a sign for under-16s may ask for: emergency signs are the same at every age (the
# checklist's), and self-care is not "sooner than an adult".
_YOUNG_LEVELS = (Level.GP, Level.URGENT)


def _check_young_signs(built: Course, source_ids: set[str]) -> None:
    """Signs for under-16s: unique ids, known sources, a doctor's level, and the same level as
    the checklist's sign they name (one urgency for one sign)."""
    _check_unique("symptoms.yaml", built.under_16, owner="under_16", what="under_16 sign")
    for sign in built.under_16:
        _check_refs(
            "symptoms.yaml", sign.id, "under_16.sources", sign.sources, source_ids, "source"
        )
        if sign.level not in _YOUNG_LEVELS:
            raise ContentError(
                "symptoms.yaml",
                f"a sign for under-16s must be 'gp' or 'urgent', not '{sign.level}' (emergency "
                "signs are the same at every age: they are on the checklist)",
                item=sign.id,
                field="under_16.level",
            )
        if sign.symptom is None:
            continue
        try:
            same = built.symptom(sign.symptom)
        except KeyError:
            raise ContentError(
                "symptoms.yaml",
                f"unknown symptom '{sign.symptom}' (no symptom has this id)",
                item=sign.id,
                field="under_16.symptom",
            ) from None
        if same.level is not sign.level:
            raise ContentError(
                "symptoms.yaml",
                f"the checklist's '{same.id}' is '{same.level}': give this sign the same level",
                item=sign.id,
                field="under_16.level",
            )


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
        # Call an ambulance, or call or go: the sign decides, so the advice can say which.
        can_be_emergency = Level.EMERGENCY in (symptom.level, symptom.escalates_to)
        if can_be_emergency and symptom.emergency_route is None:
            raise ContentError(
                "symptoms.yaml",
                "a sign that is or can become an emergency needs 'emergency_route': 'call' (an "
                "ambulance; do not make your own way) or 'call-or-go'",
                item=symptom.id,
                field="emergency_route",
            )
        if not can_be_emergency and symptom.emergency_route is not None:
            raise ContentError(
                "symptoms.yaml",
                "only a sign that is or can become an emergency has an 'emergency_route'",
                item=symptom.id,
                field="emergency_route",
            )
        if symptom.first_aid is not None and symptom.level is not Level.EMERGENCY:
            raise ContentError(
                "symptoms.yaml",
                "first aid goes with an emergency sign (what to do while help comes)",
                item=symptom.id,
                field="first_aid",
            )
        ages = symptom.ages
        if ages is not None and (
            (ages.under is None and ages.over is None)
            or (ages.under is not None and ages.over is not None and ages.under <= ages.over)
        ):
            raise ContentError(
                "symptoms.yaml",
                "'ages' needs 'under', 'over' or both, with 'under' above 'over'",
                item=symptom.id,
                field="ages",
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


def _check_unique(
    name: str, items: Iterable[Identified], *, owner: str | None = None, what: str = "choice"
) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            if owner is None:
                raise ContentError(
                    name, "duplicate id: another item already uses it", item=item.id, field="id"
                )
            raise ContentError(
                name, f"duplicate {what} id '{item.id}'", item=owner, field=f"{what}s"
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
