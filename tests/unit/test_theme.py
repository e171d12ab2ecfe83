"""One home for the look: every colour is written once, in ``backedu/views/theme.py``, and a level
looks the same on every page that shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backedu.content.models import Level
from backedu.logic.triage import triage
from backedu.views import theme
from backedu.views.causes import cause_card
from backedu.views.triage import advice_panel

PACKAGE = Path(__file__).resolve().parents[2] / "backedu"
THEME = PACKAGE / "views" / "theme.py"
# A hex colour (#abc, #a1b2c3, #a1b2c3d4) or a functional one (rgb(...), hsl(...)).
COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3}(?:[0-9a-fA-F]{2})?)?\b|\b(?:rgba?|hsla?)\(")


def test_the_colour_pattern_finds_colours() -> None:
    found = COLOUR.findall('style="color:#1a1a1a;border:#abc;background:rgba(0,0,0,0.2)"')
    assert len(found) == 3
    assert not COLOUR.findall('href="#sources" id="#1"')


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in sorted(PACKAGE.rglob("*"))
        if p.is_file() and p != THEME and p.suffix in {".py", ".json", ".css", ".j2", ".html"}
    ],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_colour_outside_the_theme(path: Path) -> None:
    assert not COLOUR.findall(path.read_text(encoding="utf-8")), f"{path}: use backedu.views.theme"


def test_the_theme_names_each_colour_once() -> None:
    text = THEME.read_text(encoding="utf-8")
    literals = [m.lower() for m in re.findall(r'"(#[0-9a-fA-F]{3,8})"', text)]
    repeated = {c for c in literals if literals.count(c) > 1}
    assert not repeated, f"name these once and reuse the name: {sorted(repeated)}"


@pytest.mark.parametrize("level", list(Level), ids=str)
def test_a_level_has_one_tone_on_the_checklist_and_the_cause_card(level: Level) -> None:
    from backedu.content import course

    tone = theme.LEVEL_TONES[level]
    symptom = next(s for s in course().symptoms if s.level is level)
    assert tone.edge in advice_panel(triage([symptom.id]))
    cause = next((c for c in course().causes if c.level is level), None)
    if cause is None:
        pytest.skip(f"no cause at level {level}")
    assert f"{tone.edge};" in cause_card(cause)
