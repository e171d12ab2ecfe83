"""Loading the course: the shipped content is valid, and every kind of breakage is reported
as one ContentError that names the file, the item and the field."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
import yaml

from backedu.content import course, data_dir, load_course
from backedu.content.models import Course
from tests.support.content import assert_reported, change_text, change_yaml, load_error


def test_shipped_content_loads_and_is_frozen() -> None:
    loaded = course()
    assert isinstance(loaded, Course)
    assert loaded.lessons[0].id == "start-here"
    with pytest.raises(FrozenInstanceError):
        loaded.lessons[0].title = "changed"  # type: ignore[misc]


def test_content_is_found_without_the_working_directory(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # Voilà runs kernels in the notebook's folder
    assert load_course(data_dir()).lessons


def test_copy_of_shipped_content_loads(content_copy: Path) -> None:
    assert load_course(content_copy) == course()


BREAKAGES = [
    pytest.param(
        "symptoms.yaml",
        lambda s: s.replace("symptoms:\n", "symptoms:\n  - id: [unclosed\n", 1),
        "symptoms.yaml: not valid YAML at line",
        None,
        None,
        id="invalid-yaml",
    ),
    pytest.param(
        "symptoms.yaml",
        lambda s: s.replace("    level: emergency\n", "", 1),
        "required but missing",
        "saddle-numbness",
        "level",
        id="missing-field",
    ),
    pytest.param(
        "symptoms.yaml",
        lambda s: s.replace("    group: red-flag\n", "    group: red-flag\n    colour: red\n", 1),
        "unknown field",
        "saddle-numbness",
        "colour",
        id="unknown-field",
    ),
    pytest.param(
        "lessons.yaml",
        lambda s: s.replace("minutes: 5", "minutes: five", 1),
        "valid integer",
        "start-here",
        "minutes",
        id="wrong-type",
    ),
    pytest.param(
        "symptoms.yaml",
        lambda s: s.replace("level: emergency", "level: soon", 1),
        "'self-care', 'gp', 'urgent' or 'emergency'",
        "saddle-numbness",
        "level",
        id="value-not-in-enum",
    ),
    pytest.param(
        "sources.yaml",
        lambda s: s.replace("id: nhs-sciatica", "id: nhs-back-pain", 1),
        "duplicate id",
        "nhs-back-pain",
        "id",
        id="duplicate-id",
    ),
    pytest.param(
        "symptoms.yaml",
        lambda s: s.replace("sources: [nhs-sciatica]", "sources: [nhs-sciatika]", 1),
        "unknown source 'nhs-sciatika'",
        "shooting-leg-pain",
        "sources",
        id="dangling-source",
    ),
    pytest.param(
        "questions.yaml",
        lambda s: s.replace("lesson: start-here", "lesson: no-such-lesson", 1),
        "unknown lesson 'no-such-lesson'",
        next(q.id for q in course().questions if q.lesson == "start-here"),  # the one changed
        "lesson",
        id="dangling-lesson",
    ),
    pytest.param(
        "claims.yaml",
        lambda s: s.replace("schema_version: 1", "schema_version: 2", 1),
        "unsupported schema version 2",
        None,
        "schema_version",
        id="schema-version",
    ),
    pytest.param(
        "claims.yaml",
        lambda s: s.replace("schema_version: 1\n", "", 1),
        "unsupported schema version None",
        None,
        "schema_version",
        id="schema-version-missing",
    ),
    pytest.param(
        "lessons.yaml",
        lambda s: s.replace("id: start-here", "id: Start_Here", 1),
        "kebab-case",
        "Start_Here",
        "id",
        id="id-not-kebab-case",
    ),
    pytest.param(
        "sources.yaml",
        lambda s: s.replace("url: https://www.nhs.uk/conditions/back-pain/", "url: not a url", 1),
        "URL",
        "nhs-back-pain",
        "url",
        id="bad-url",
    ),
    pytest.param(
        "lessons.yaml",
        lambda s: "just a sentence\n",
        "must be a mapping",
        None,
        None,
        id="not-a-mapping",
    ),
]


@pytest.mark.parametrize(("name", "change", "problem", "item", "field"), BREAKAGES)
def test_breakage_names_file_item_and_field(
    content_copy: Path,
    name: str,
    change: Callable[[str], str],
    problem: str,
    item: str | None,
    field: str | None,
) -> None:
    change_text(content_copy, name, change)
    error = load_error(content_copy)
    assert_reported(error, file=name, item=item, field=field, problem=problem)


def test_missing_file_is_named(content_copy: Path) -> None:
    (content_copy / "claims.yaml").unlink()
    error = load_error(content_copy)
    assert_reported(error, file="claims.yaml", item=None, field=None, problem="file not found")


def test_question_needs_exactly_one_correct_choice(content_copy: Path) -> None:
    change_text(
        content_copy, "questions.yaml", lambda s: s.replace("correct: false", "correct: true", 1)
    )
    assert_reported(
        load_error(content_copy),
        file="questions.yaml",
        item=course().questions[0].id,  # the first "correct: false" is in the first question
        field="choices",
        problem="exactly one correct choice, found 2",
    )


def test_red_flag_must_be_urgent_or_emergency(content_copy: Path) -> None:
    change_text(
        content_copy,
        "symptoms.yaml",
        lambda s: s.replace("level: emergency", "level: self-care", 1),
    )
    assert_reported(
        load_error(content_copy),
        file="symptoms.yaml",
        item="saddle-numbness",
        field="level",
        problem="red flag must be 'urgent' or 'emergency'",
    )


def test_cause_symptom_reference_must_resolve(content_copy: Path) -> None:
    change_text(
        content_copy,
        "causes.yaml",
        lambda s: s.replace("symptoms: [sudden-tight-pain", "symptoms: [no-such-symptom", 1),
    )
    cause = next(c for c in course().causes if c.symptoms[:1] == ("sudden-tight-pain",))
    assert_reported(
        load_error(content_copy),
        file="causes.yaml",
        item=cause.id,
        field="symptoms",
        problem="unknown symptom 'no-such-symptom'",
    )


# --- every constraint on the models is enforced by the check --------------------------------------
# The models are plain dataclasses; their Annotated constraints and CHECKED config reach pydantic
# only at check time. One broken copy per constraint proves pydantic really enforces each.
CONSTRAINTS = [
    pytest.param(
        "lessons.yaml", "lessons", "title", "", "at least 1 character", id="text-not-empty"
    ),
    pytest.param("lessons.yaml", "lessons", "minutes", 0, "greater than 0", id="number-gt"),
    pytest.param(
        "lessons.yaml", "lessons", "minutes", 121, "less than or equal to 120", id="number-le"
    ),
    pytest.param(
        "causes.yaml", "out_of_100", "low", -1, "greater than or equal to 0", id="number-ge"
    ),
    pytest.param(
        "lessons.yaml", "lessons", "notebook", "start-here.ipynb", "should match pattern",
        id="notebook-name",
    ),
    pytest.param("lessons.yaml", "lessons", "objectives", [], "at least 1 item", id="tuple-min-1"),
    pytest.param("lessons.yaml", "lessons", "sources", [], "at least 1 item", id="sources-min-1"),
    pytest.param("lessons.yaml", "lessons", "id", "Start here", "kebab-case", id="kebab-id"),
    pytest.param(
        "sources.yaml", "sources", "url", "ftp://example.org/x", "URL scheme should be",
        id="url-scheme",
    ),
    pytest.param("sources.yaml", "sources", "url", "not a url", "valid URL", id="url-shape"),
    pytest.param(
        "symptoms.yaml", "symptoms", "colour", "red", "unknown field", id="extra-forbidden"
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "key", "field", "value", "problem"), CONSTRAINTS)
def test_each_constraint_is_enforced(
    content_copy: Path, name: str, key: str, field: str, value: object, problem: str
) -> None:
    item_id = yaml.safe_load((content_copy / name).read_text(encoding="utf-8"))[key][0]["id"]
    change_yaml(content_copy, name, lambda data: data[key][0].__setitem__(field, value))
    error = load_error(content_copy)
    item = value if field == "id" else item_id
    assert_reported(error, file=name, item=str(item), field=field, problem=problem)
    assert "more problem" not in str(error)


def test_a_question_needs_two_choices(content_copy: Path) -> None:
    change_yaml(
        content_copy,
        "questions.yaml",
        lambda data: data["questions"][0].__setitem__(
            "choices", data["questions"][0]["choices"][:1]
        ),
    )
    assert_reported(
        load_error(content_copy),
        file="questions.yaml",
        item=course().questions[0].id,
        field="choices",
        problem="at least 2 items",
    )


def test_text_is_stripped_and_items_are_frozen(content_copy: Path) -> None:
    change_yaml(content_copy, "lessons.yaml", lambda data: data["lessons"][0].update(title=" A  "))
    loaded = load_course(content_copy)
    assert loaded.lessons[0].title == "A"
    with pytest.raises(FrozenInstanceError):
        loaded.lessons[0].title = "changed"  # type: ignore[misc]


def test_the_models_import_only_the_standard_library() -> None:
    code = (
        "import sys, backedu.content.models, backedu.content.loader, backedu.errors;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
