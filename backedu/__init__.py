"""backedu: an evidence-based classroom module about lower back spasms.

The notebooks call these functions, one per code cell. Page parts are plain HTML and cheap to
import; interactive widgets are imported on first use, so ``import backedu`` stays light and the
pure modules never pull in ipywidgets.
"""

from __future__ import annotations

import importlib
from typing import Any

from backedu.content import ContentError, course
from backedu.pages import lesson_end, lesson_intro, safety_notice
from backedu.region import Region, current_region

# public name -> module that defines it; loaded on first access (PEP 562)
_LAZY: dict[str, str] = {
    "cause_explorer": "backedu.widgets.explorer",
    "how_common_chart": "backedu.cause_cards",
    "lesson_check": "backedu.widgets.quiz",
    "prevention_tips": "backedu.prevention",
    "self_quiz": "backedu.widgets.quiz",
}

__all__ = sorted(
    [
        "ContentError",
        "Region",
        "course",
        "current_region",
        "lesson_end",
        "lesson_intro",
        "safety_notice",
        *_LAZY,
    ]
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'backedu' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
