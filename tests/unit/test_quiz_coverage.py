"""The engine's own tests reach every line and every branch of ``backedu/logic/quiz.py``.

Run in a fresh pytest process so the measurement covers only ``tests/unit/test_quiz.py``: other
tests that happen to call the engine (widgets, browser) cannot make up for a missing case.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_engine_tests_cover_every_branch_of_the_engine() -> None:
    # pytest-cov passes COV_CORE_* to child processes; drop them so an outer coverage run
    # does not measure (or disturb) this one.
    env = {key: value for key, value in os.environ.items() if not key.startswith("COV_CORE")}
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "tests/unit/test_quiz.py", "-q",
            "--cov=backedu.logic.quiz", "--cov-branch", "--cov-report=term-missing",
            "--cov-fail-under=100",
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "backedu/logic/quiz.py" in result.stdout and "100%" in result.stdout
