"""The `backedu` command: `check` validates content; `serve` refuses bad flags and warns loudly
before listening beyond this computer."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from backedu import cli
from backedu.content import data_dir
from backedu.content.notebooks import notebooks_dir
from tests.support.content import change_yaml, copy_of_content


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backedu", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_passes_on_shipped_content() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK:")


def test_check_fails_with_one_line_naming_file_item_field(tmp_path: Path) -> None:
    broken = copy_of_content(tmp_path)
    change_yaml(broken, "lessons.yaml", lambda data: data["lessons"][0].update(minutes=-1))
    result = run_cli("check", "--content", str(broken))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("backedu check: lessons.yaml, item 'start-here', field 'minutes':")


def test_check_warns_about_a_review_that_is_due_but_passes(tmp_path: Path) -> None:
    late = copy_of_content(tmp_path)
    words = late / "words.yaml"
    words.write_text(
        words.read_text().replace(
            "  last: 2026-11-30\n  next: 2027-11-30", "  last: 2024-01-01\n  next: 2025-01-01", 1
        )
    )
    result = run_cli("check", "--content", str(late))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK:")
    assert result.stderr.strip().splitlines() == [
        "backedu check: warning: words.yaml: the next review was due on 2025-01-01 "
        "(docs/CONTENT-REVIEW.md)"
    ]


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["serve", "--port", "eighty"], "port must be a number"),
        (["serve", "--port", "70000"], "between 1 and 65535"),
        (["launch"], "invalid choice"),
    ],
    ids=["port-not-a-number", "port-out-of-range", "unknown-command"],
)
def test_wrong_flags_are_refused_clearly(args: list[str], complaint: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert complaint in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("myhost", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert cli.is_loopback(host) is loopback


def test_serve_warns_only_beyond_loopback(monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.delenv("BACKEDU_TEACHER_PIN", raising=False)  # serve sets it beyond loopback
    launched: list[list[str]] = []
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: launched.append(argv))
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path)

    assert cli.main(["serve"]) == 0
    assert "WARNING" not in capsys.readouterr().err
    assert "--Voila.ip=127.0.0.1" in launched[-1] and "--port=8866" in launched[-1]

    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "9000"]) == 0
    err = capsys.readouterr().err
    assert "WARNING: listening on 0.0.0.0" in err
    assert "--Voila.ip=0.0.0.0" in launched[-1] and "--port=9000" in launched[-1]


def test_serve_passes_voila_options_through(monkeypatch, tmp_path: Path) -> None:
    launched: list[list[str]] = []
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: launched.append(argv))
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.main(["serve", "--", "--VoilaConfiguration.default_pool_size=2"]) == 0
    assert launched[-1][-1] == "--VoilaConfiguration.default_pool_size=2"


def test_serve_without_lesson_folder_says_where(capsys, tmp_path: Path) -> None:
    assert cli.main(["serve", "--notebooks", str(tmp_path / "nowhere")]) == 2
    assert "no lesson folder at" in capsys.readouterr().err


def test_serve_from_any_folder_serves_the_installed_lessons(monkeypatch, tmp_path: Path) -> None:
    launched: list[list[str]] = []
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: launched.append(argv))
    monkeypatch.chdir(tmp_path)  # an empty folder: no notebooks, no voila.json
    assert cli.main(["serve"]) == 0
    assert Path(launched[-1][3]) == notebooks_dir()
    assert (notebooks_dir() / "00-start-here.ipynb").is_file()


def test_serve_prepares_the_snapshot_and_compiled_modules_for_kernels(monkeypatch) -> None:
    launched: list[list[str]] = []
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: launched.append(argv))
    compiled = Path(importlib.util.cache_from_source(str(Path(cli.__file__).parent / "errors.py")))
    compiled.unlink(missing_ok=True)
    assert cli.main(["serve"]) == 0
    assert compiled.is_file(), (
        "kernels find backedu compiled, whatever PYTHONDONTWRITEBYTECODE says"
    )
    snapshot = data_dir() / "checked.json"
    assert snapshot.is_file()


def test_notebooks_copies_every_notebook_and_never_overwrites(capsys, tmp_path: Path) -> None:
    target = tmp_path / "lessons"
    assert cli.main(["notebooks", str(target)]) == 0
    copied = sorted(path.name for path in target.iterdir())
    assert copied == sorted(path.name for path in notebooks_dir().glob("*.ipynb"))
    assert "jupyter lab" in capsys.readouterr().out
    (target / "02-symptoms.ipynb").write_text("my own edits", encoding="utf-8")
    assert cli.main(["notebooks", str(target)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "nothing was copied" in err
    assert (target / "02-symptoms.ipynb").read_text(encoding="utf-8") == "my own edits"


def test_notebooks_refuses_a_file_as_the_folder(capsys, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert cli.main(["notebooks", str(tmp_path / "file")]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
