"""The teacher's commands outside class mode: `backedu readability` prints a grade per lesson and
fails when one is over grade 7; `backedu serve` beyond this computer sets a teacher PIN so the
teacher guide's answer key stays hidden from students."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from backedu import cli
from backedu.authoring import readability
from backedu.content import course

ROOT = Path(__file__).resolve().parents[2]
PIN_VAR = "BACKEDU_TEACHER_PIN"


def test_readability_prints_a_row_per_lesson_and_the_article(capsys) -> None:
    assert cli.main(["readability", "--notebooks", str(ROOT / "notebooks")]) == 0
    out = capsys.readouterr().out
    for number, lesson in enumerate(course().lessons):
        row = next(line for line in out.splitlines() if line.startswith(f"{number:>2}  "))
        assert lesson.title in row and row.endswith("ok")
    assert "The source article, for comparison    8.6" in out
    assert "Every lesson reads at grade 7 or lower." in out


def test_readability_fails_when_a_lesson_is_over_the_target(monkeypatch, capsys) -> None:
    monkeypatch.setattr(readability, "TARGET_GRADE", 1.0)
    assert cli.main(["readability", "--notebooks", str(ROOT / "notebooks")]) == 1
    captured = capsys.readouterr()
    assert "OVER 1" in captured.out
    assert f"{len(course().lessons)} lesson(s) read above grade 1: Start here (" in captured.err


def test_readability_measures_a_given_article(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The cat sat on the mat. It was a big cat.", encoding="utf-8")
    notebooks = str(ROOT / "notebooks")
    assert cli.main(["readability", "--notebooks", notebooks, "--article", str(article)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "source article" in x)
    assert float(line.split()[-1]) < 3


def test_readability_without_textstat_says_how_to_install_it(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "textstat", None)  # import textstat -> ImportError
    assert cli.main(["readability"]) == 2
    assert "pip install -e '.[test]'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--notebooks", "nowhere"], "no lesson folder at"),
        (["--article", "missing.txt"], "cannot read missing.txt"),
    ],
)
def test_readability_bad_paths_are_clear(args, complaint, monkeypatch, capsys, tmp_path) -> None:
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["readability", *args]) == 2
    assert complaint in capsys.readouterr().err


@pytest.fixture
def launched(monkeypatch, tmp_path: Path) -> list[list[str]]:
    calls: list[list[str]] = []
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: calls.append(argv))
    monkeypatch.delenv(PIN_VAR, raising=False)  # restored after the test: serve may set it
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path)
    return calls


def test_serve_beyond_this_computer_sets_a_pin_for_the_answer_key(launched, capsys) -> None:
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 0
    pin = cli.os.environ[PIN_VAR]
    assert pin.isdigit() and len(pin) == 6
    assert f"Teacher PIN for the answer key in the teacher guide: {pin}" in capsys.readouterr().out


def test_serve_keeps_a_pin_the_teacher_chose(launched, monkeypatch, capsys) -> None:
    monkeypatch.setenv(PIN_VAR, "2468")
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 0
    assert cli.os.environ[PIN_VAR] == "2468" and "guide: 2468" in capsys.readouterr().out


def test_serve_refuses_a_malformed_pin(launched, monkeypatch, capsys) -> None:
    monkeypatch.setenv(PIN_VAR, "12ab")
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 2
    assert launched == [] and "BACKEDU_TEACHER_PIN" in capsys.readouterr().err


def test_serve_on_this_computer_sets_no_pin(launched, capsys) -> None:
    assert cli.main(["serve"]) == 0
    assert PIN_VAR not in cli.os.environ and "PIN" not in capsys.readouterr().out
