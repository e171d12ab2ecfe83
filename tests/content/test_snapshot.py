"""The checked snapshot: the course reaches the runtime as checked data, used only while it matches
the YAML and the rules, rebuilt when they change, and trusted as it is in a sealed folder."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from backedu.content import ContentError, course, data_dir, load_course, snapshot
from backedu.content.check import check_course, refresh
from backedu.content.models import Course
from tests.support.content import assert_reported, change_yaml, load_error

HEAVY = ("pydantic", "yaml")


def stamp(path: Path) -> str:
    """The fingerprint on the snapshot's first line."""
    return str(json.loads(path.read_text(encoding="utf-8").splitlines()[0])["fingerprint"])


def stored_course(path: Path) -> dict:
    """The course as the snapshot's second line holds it."""
    return json.loads(path.read_text(encoding="utf-8").splitlines()[1])


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_builder_round_trips_the_whole_course() -> None:
    checked = check_course(data_dir())
    assert snapshot.build(Course, snapshot.dump(checked)) == checked
    # and through the JSON text a kernel reads
    assert snapshot.build(Course, json.loads(json.dumps(snapshot.dump(checked)))) == checked


def test_a_load_writes_a_snapshot_that_the_next_load_uses(content_copy: Path) -> None:
    written = content_copy / snapshot.SNAPSHOT_NAME
    assert not written.exists()
    first = load_course(content_copy)
    assert stamp(written) == snapshot.fingerprint(content_copy)
    # Prove the second load reads the snapshot (not the YAML): change only the snapshot.
    head = written.read_text(encoding="utf-8").splitlines()[0]
    stored = stored_course(written)
    stored["lessons"][0]["title"] = "From the snapshot"
    written.write_text(f"{head}\n{json.dumps(stored)}\n", encoding="utf-8")
    again = load_course(content_copy)
    assert again.lessons[0].title == "From the snapshot"
    assert replace(again, lessons=first.lessons) == first


def test_the_snapshot_is_rebuilt_when_a_yaml_file_changes(content_copy: Path) -> None:
    written = content_copy / snapshot.SNAPSHOT_NAME
    load_course(content_copy)
    before = stamp(written)
    change_yaml(content_copy, "lessons.yaml", lambda data: data["lessons"][0].update(title="New"))
    loaded = load_course(content_copy)
    assert loaded.lessons[0].title == "New"
    assert stamp(written) != before
    assert stamp(written) == snapshot.fingerprint(content_copy)
    assert stored_course(written)["lessons"][0]["title"] == "New"


def test_a_stale_snapshot_is_never_used_for_a_broken_file(content_copy: Path) -> None:
    load_course(content_copy)  # a fresh snapshot of good content
    change_yaml(content_copy, "lessons.yaml", lambda data: data["lessons"][0].update(minutes=-1))
    assert_reported(
        load_error(content_copy),
        file="lessons.yaml",
        item=course().lessons[0].id,
        field="minutes",
        problem="greater than 0",
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "extra.yaml").write_text("x: 1\n"),
        lambda folder: (folder / "claims.yaml").unlink(),
        lambda folder: (folder / "claims.yaml").write_bytes(
            (folder / "claims.yaml").read_bytes() + b"\n# a comment\n"
        ),
    ],
    ids=["file-added", "file-removed", "comment-added"],
)
def test_the_fingerprint_follows_every_byte_of_the_content(content_copy: Path, change) -> None:
    before = snapshot.fingerprint(content_copy)
    change(content_copy)
    assert snapshot.fingerprint(content_copy) != before


def test_the_fingerprint_covers_the_rule_modules() -> None:
    package = Path(snapshot.__file__).parent
    for name in snapshot.RULE_MODULES:
        assert (package / name).is_file(), name
    # models, constraints, check and the snapshot format: every module that decides "checked"
    assert {"models.py", "constraints.py", "check.py", "snapshot.py"} <= set(snapshot.RULE_MODULES)


def test_an_unwritable_data_folder_uses_the_user_cache(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    # A folder in the way of the file makes writing beside the data fail, even for root.
    (content_copy / snapshot.SNAPSHOT_NAME).mkdir()
    loaded = load_course(content_copy)
    (cached,) = (cache / "backedu").glob("checked-*.json")
    assert stamp(cached) == snapshot.fingerprint(content_copy)
    assert snapshot.read(cached, expected=snapshot.fingerprint(content_copy)) == loaded


def test_check_writes_the_snapshot_where_asked(content_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "site" / "checked.json"
    checked = refresh(content_copy, snapshot_to=target)
    assert snapshot.read(target, expected=snapshot.fingerprint(content_copy)) == checked


def test_a_sealed_folder_is_trusted_without_pydantic_or_yaml(tmp_path: Path) -> None:
    sealed = tmp_path / "sealed"
    sealed.mkdir()
    refresh(data_dir(), snapshot_to=sealed / snapshot.SNAPSHOT_NAME)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from backedu.content import load_course\n"
        f"loaded = load_course(Path({str(sealed)!r}))\n"
        f"print(len(loaded.lessons), sorted(set({HEAVY!r}) & set(sys.modules)))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(len(check_course(data_dir()).lessons)), "[]"]


def test_a_sealed_snapshot_that_cannot_be_read_is_a_content_error(tmp_path: Path) -> None:
    (tmp_path / snapshot.SNAPSHOT_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^checked.json: the checked snapshot in .* cannot be"):
        load_course(tmp_path)


def test_changed_content_without_pydantic_says_how_to_check_it(content_copy: Path) -> None:
    load_course(content_copy)
    change_yaml(content_copy, "lessons.yaml", lambda data: data["lessons"][0].update(title="New"))
    code = (
        "import sys\n"
        "sys.modules['pydantic'] = None  # as in a browser: pydantic-core cannot run there\n"
        "from pathlib import Path\n"
        "from backedu.content import ContentError, load_course\n"
        "try:\n"
        f"    load_course(Path({str(content_copy)!r}))\n"
        "except ContentError as exc:\n"
        "    print(exc)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert "changed since it was checked" in result.stdout
    assert "run `backedu check`" in result.stdout


def test_content_error_is_importable_without_pydantic() -> None:
    code = (
        "import sys\n"
        "sys.modules['pydantic'] = None\n"
        "sys.modules['yaml'] = None\n"
        "from backedu import ContentError\n"
        "from backedu.errors import BackeduError\n"
        "print(issubclass(ContentError, BackeduError))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_a_copied_checkout_without_a_snapshot_still_loads(content_copy: Path) -> None:
    assert not (content_copy / snapshot.SNAPSHOT_NAME).exists()
    assert load_course(content_copy) == check_course(data_dir())
